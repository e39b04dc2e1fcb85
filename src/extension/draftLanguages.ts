import * as vscode from 'vscode';
import { CORPUS_SCHEME } from './corpusService';

/** The documents a writer drafts in: plain text and Markdown, saved or untitled. */
export const DRAFT_LANGUAGES = ['plaintext', 'markdown'] as const;

export const DRAFT_SELECTOR: vscode.DocumentSelector = DRAFT_LANGUAGES.map(language => ({ language }));

/** Plain text, Markdown and the languages the writer adds in `speechDrafter.languages` (e.g. `latex`, `asciidoc`). */
function configuredSelector(): vscode.DocumentSelector {
  const extra = vscode.workspace.getConfiguration('speechDrafter').get<string[]>('languages', []).filter(id => typeof id === 'string' && id.trim() !== '');
  return [...new Set<string>([...DRAFT_LANGUAGES, ...extra])].map(language => ({ language }));
}

/**
 * Registers a provider for the draft languages, and again when the writer changes the list: VS Code's
 * registrations take a fixed selector.
 */
export function registerForDraftLanguages(register: (selector: vscode.DocumentSelector) => vscode.Disposable): vscode.Disposable {
  let registration = register(configuredSelector());
  const listener = vscode.workspace.onDidChangeConfiguration(event => {
    if (!event.affectsConfiguration('speechDrafter.languages')) return;
    registration.dispose();
    registration = register(configuredSelector());
  });
  return { dispose: () => vscode.Disposable.from(registration, listener).dispose() };
}

/** Whether a document is a writer's draft in a draft language (not the read-only view of a corpus source). */
export function isDraft(document: vscode.TextDocument): boolean {
  return document.uri.scheme !== CORPUS_SCHEME && (DRAFT_LANGUAGES as readonly string[]).includes(document.languageId);
}

const MARKDOWN_HEADING = /^( {0,3}#{1,6}[ \t]+)/;
const MARKDOWN_ORDERED_ITEM = /^([ \t]*\d{1,9}[.)][ \t]+)/;

/**
 * The draft's text as the structure parser should read it. In Markdown, `## 一、…` is a heading like `一、…`
 * (the `#`s become spaces), and `1.` items are Markdown's own auto-numbered lists, not speech numbering
 * (their markers become spaces). Every line keeps its length, so columns still point into the document.
 */
export function draftText(document: vscode.TextDocument): string {
  const text = document.getText();
  if (document.languageId !== 'markdown') return text;
  return text.split('\n').map(line => line.replace(MARKDOWN_HEADING, prefix => ' '.repeat(prefix.length)).replace(MARKDOWN_ORDERED_ITEM, prefix => ' '.repeat(prefix.length))).join('\n');
}
