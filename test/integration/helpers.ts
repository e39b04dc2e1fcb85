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

/** Opens an untitled draft with `content` in an editor. */
export async function openDraft(content: string, language = 'plaintext'): Promise<vscode.TextEditor> {
  const document = await vscode.workspace.openTextDocument({ language, content });
  return vscode.window.showTextDocument(document);
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
