import type * as vscode from 'vscode';
import { readPdfHere } from '../core/formats/pdfHere';
import { activateShared, type SpeechDrafterApi } from './activate';

/** Entry of the web extension host (a browser worker: vscode.dev, github.dev, `npm start`). */
export function activate(context: vscode.ExtensionContext): SpeechDrafterApi {
  return activateShared(context, { kind: 'web', runtime: navigator.userAgent, readPdf: readPdfHere });
}

export function deactivate(): void {}
