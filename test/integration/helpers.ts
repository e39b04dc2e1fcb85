import * as vscode from 'vscode';
import type { SpeechDrafterApi } from '../../src/extension/activate';
import * as assert from './assert';
import { EXTENSION_ID } from './suiteHost';

export async function activeExtension(): Promise<vscode.Extension<SpeechDrafterApi>> {
  const extension = vscode.extensions.getExtension<SpeechDrafterApi>(EXTENSION_ID);
  assert.ok(extension, `${EXTENSION_ID} is installed in the workbench`);
  await extension.activate();
  return extension;
}

/**
 * Opens a new untitled draft with `content` in an editor. An untitled document can get the name of one closed
 * a moment before while the extension host still holds the old one, and then the old one comes back (seen
 * in code-server): such a draft is refused and another one opened.
 */
export async function openDraft(content: string, language = 'plaintext'): Promise<vscode.TextEditor> {
  for (let attempt = 0; attempt < 20; attempt++) {
    const document = await vscode.workspace.openTextDocument({ language, content });
    if (document.getText() === content && document.languageId === language) return vscode.window.showTextDocument(document);
    await new Promise(resolve => setTimeout(resolve, 250));
  }
  throw new assert.AssertionError(`could not open a fresh ${language} draft`);
}

/** The folder the test workspace opened (test/fixtures/workspace, or the Node tier's copy of it). */
export function workspace(): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the test workspace is open');
  return folder.uri;
}

export async function closeAllEditors(): Promise<void> {
  await vscode.commands.executeCommand('workbench.action.files.revert');
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
}

/** Polls until `probe` returns a value (providers and diagnostics arrive asynchronously). */
export async function eventually<T>(probe: () => T | undefined | Promise<T | undefined>, what: string, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new assert.AssertionError(`timed out waiting for ${what}`);
    await new Promise(resolve => setTimeout(resolve, 100));
  }
}
