import type * as vscode from 'vscode';

/** The documents a writer drafts in: plain text and Markdown, saved or untitled. */
export const DRAFT_LANGUAGES = ['plaintext', 'markdown'] as const;

export const DRAFT_SELECTOR: vscode.DocumentSelector = DRAFT_LANGUAGES.map(language => ({ language }));
