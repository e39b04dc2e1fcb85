import { join } from 'node:path';
import type * as vscode from 'vscode';
import { activateShared, type SpeechDrafterApi } from './activate';
import { pdfInWorker } from './pdfInWorker';

/** Entry of the Node extension host (desktop VS Code, code-server, remote). */
export function activate(context: vscode.ExtensionContext): SpeechDrafterApi {
  // The worker bundle sits beside this one (dist/node/); nothing starts until the first PDF is read.
  return activateShared(context, { kind: 'node', runtime: `Node.js ${process.version}`, readPdf: pdfInWorker(join(__dirname, 'pdfWorker.js')) });
}

export function deactivate(): void {}
