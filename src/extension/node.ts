import type * as vscode from 'vscode';
import { activateShared, type SpeechDrafterApi } from './activate';

/** Entry of the Node extension host (desktop VS Code, code-server, remote). */
export function activate(context: vscode.ExtensionContext): SpeechDrafterApi {
  return activateShared(context, { kind: 'node', runtime: `Node.js ${process.version}` });
}

export function deactivate(): void {}
