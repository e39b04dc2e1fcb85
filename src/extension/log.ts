import * as vscode from 'vscode';

/** The one log every feature writes to: a log output channel, so the writer can pick its level. */
export function createLog(): vscode.LogOutputChannel {
  return vscode.window.createOutputChannel(vscode.l10n.t('Speech Drafter'), { log: true });
}
