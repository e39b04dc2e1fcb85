import * as vscode from 'vscode';

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
