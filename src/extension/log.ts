import * as vscode from 'vscode';

/** The one log every feature writes to: a log output channel, so the writer can pick its level. */
export function createLog(): vscode.LogOutputChannel {
  return vscode.window.createOutputChannel(vscode.l10n.t('Speech Drafter'), { log: true });
}

/** An error's message for the log or the writer, whatever was thrown. */
export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
