import * as vscode from 'vscode';
import { pdfReaderHere } from '../core/formats/pdfHere';
import { activateShared, type SpeechDrafterApi } from './activate';

/** Entry of the web extension host (a browser worker: vscode.dev, github.dev, `npm start`). */
export function activate(context: vscode.ExtensionContext): SpeechDrafterApi {
  // PDFs are read in this worker; the character maps for fonts that are not embedded ship in dist/cmaps.
  const readPdf = pdfReaderHere(name => Promise.resolve(vscode.workspace.fs.readFile(vscode.Uri.joinPath(context.extensionUri, 'dist', 'cmaps', name))));
  return activateShared(context, { kind: 'web', runtime: navigator.userAgent, readPdf });
}

export function deactivate(): void {}
