import * as vscode from 'vscode';
import { withoutMarkdownListNumbers } from '../core/normalize';
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

/**
 * The draft's text as the structure parser should read it: in Markdown, `1.` items are Markdown's own
 * auto-numbered lists, not speech numbering (`## 一、…` headings the parser reads in any language).
 */
export function draftText(document: vscode.TextDocument): string {
  const text = document.getText();
  return document.languageId === 'markdown' ? withoutMarkdownListNumbers(text) : text;
}
