import * as vscode from 'vscode';
import * as assert from './assert';
import { activeExtension, closeAllEditors, openDraft, workspace } from './helpers';

// The Word export end to end in the host: the command reads the open draft, writes the .docx through
// vscode.workspace.fs (a real disk in the Node host, the test-web mount in the browser) and returns its Uri.

const FOLDER = '导出测试';
const SPEECH = [
  '在全市安全生产工作会议上的讲话',
  '同志们：',
  '今天召开会议，部署全年安全生产工作。',
  '一、提高认识',
  '（一）安全是发展的前提。各级要牢固树立安全发展理念。',
  '谢谢大家！',
  '',
].join('\n');

/** The file's size and its first two bytes (a .docx is a zip: `PK`). */
async function zipHead(uri: vscode.Uri): Promise<{ size: number; magic: string }> {
  const stat = await vscode.workspace.fs.stat(uri);
  const bytes = await vscode.workspace.fs.readFile(uri);
  return { size: stat.size, magic: String.fromCharCode(bytes[0], bytes[1]) };
}

suite('Word export', () => {
  suiteTeardown(async () => {
    await vscode.workspace.fs.delete(vscode.Uri.joinPath(workspace(), FOLDER), { recursive: true, useTrash: false }).then(undefined, () => undefined);
    await closeAllEditors();
  });

  test('the command is in the editor title menu for plain text and Markdown, and in the palette', async () => {
    const extension = await activeExtension();
    const menus = (extension.packageJSON as { contributes: { menus: Record<string, { command: string; when?: string }[]> } }).contributes.menus;
    const title = menus['editor/title'].find(item => item.command === 'speechDrafter.exportDocx');
    assert.ok(title, 'an editor title entry');
    assert.match(title.when ?? '', /editorLangId == plaintext \|\| editorLangId == markdown/, 'for drafts only');
    const commands = await vscode.commands.getCommands(true);
    assert.includes(commands, 'speechDrafter.exportDocx', 'the command is registered');
  });

  test('a saved draft is exported beside it as NAME.docx, a whole zip file, with no temporary file left', async () => {
    await activeExtension();
    const folder = vscode.Uri.joinPath(workspace(), FOLDER);
    await vscode.workspace.fs.createDirectory(folder);
    const draft = vscode.Uri.joinPath(folder, '安全生产讲话.txt');
    await vscode.workspace.fs.writeFile(draft, new TextEncoder().encode(SPEECH));
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(draft));
    const written = await vscode.commands.executeCommand<vscode.Uri | undefined>('speechDrafter.exportDocx');
    assert.ok(written, 'the command returns the file it wrote');
    assert.equal(written.toString(), vscode.Uri.joinPath(folder, '安全生产讲话.docx').toString(), 'beside the draft');
    const head = await zipHead(written);
    assert.ok(head.size > 3000, `a whole .docx (${head.size} bytes)`);
    assert.equal(head.magic, 'PK', 'a zip file');
    const names = (await vscode.workspace.fs.readDirectory(folder)).map(([name]) => name).sort();
    assert.equal(names.join('|'), ['安全生产讲话.docx', '安全生产讲话.txt'].sort().join('|'), 'no partial file left behind');
  });

  test('a draft inside a corpus folder is not exported beside itself: the command asks where (cancelled here) and writes nothing', async () => {
    await activeExtension();
    const corpusFolder = vscode.Uri.joinPath(workspace(), FOLDER, '语料');
    await vscode.workspace.fs.createDirectory(corpusFolder);
    const draft = vscode.Uri.joinPath(corpusFolder, '防汛讲话.txt');
    await vscode.workspace.fs.writeFile(draft, new TextEncoder().encode(SPEECH));
    const corpusSettings = vscode.workspace.getConfiguration('speechDrafter.corpus');
    // The quick-input save dialog in every host (desktop's native one could not be cancelled from here).
    const fileSettings = vscode.workspace.getConfiguration('files');
    await corpusSettings.update('folders', [`${FOLDER}/语料`], vscode.ConfigurationTarget.Workspace);
    await fileSettings.update('simpleDialog.enable', true, vscode.ConfigurationTarget.Workspace);
    try {
      await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(draft));
      const exporting = vscode.commands.executeCommand<vscode.Uri | undefined>('speechDrafter.exportDocx', draft);
      // The dialog is a quick input: closing it cancels the export.
      const cancelling = (async () => {
        for (let i = 0; i < 20; i++) {
          await new Promise(resolve => setTimeout(resolve, 500));
          await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
        }
      })();
      const written = await Promise.race([exporting, cancelling.then(() => 'still waiting' as const)]);
      assert.equal(written, undefined, 'nothing written once the dialog is cancelled');
      const names = (await vscode.workspace.fs.readDirectory(corpusFolder)).map(([name]) => name);
      assert.equal(names.join('|'), '防汛讲话.txt', 'the corpus folder holds only what was there');
    } finally {
      await corpusSettings.update('folders', undefined, vscode.ConfigurationTarget.Workspace);
      await fileSettings.update('simpleDialog.enable', undefined, vscode.ConfigurationTarget.Workspace);
    }
  });

  test('an untitled Markdown draft is written to the target it is given, without a dialog, overwriting an older export', async () => {
    await activeExtension();
    const editor = await openDraft(`# 在全市安全生产工作会议上的讲话\n\n同志们：\n\n## 一、提高认识\n\n**（一）安全是发展的前提。**各级要牢固树立安全发展理念。\n`, 'markdown');
    const folder = vscode.Uri.joinPath(workspace(), FOLDER);
    await vscode.workspace.fs.createDirectory(folder);
    const target = vscode.Uri.joinPath(folder, '未命名讲话.docx');
    await vscode.workspace.fs.writeFile(target, new TextEncoder().encode('an older file'));
    const written = await vscode.commands.executeCommand<vscode.Uri | undefined>('speechDrafter.exportDocx', editor.document.uri, { target });
    assert.equal(written?.toString(), target.toString(), 'the given target');
    const head = await zipHead(target);
    assert.equal(head.magic, 'PK', 'the older file was replaced by a .docx');
    assert.ok(head.size > 3000, `a whole .docx (${head.size} bytes)`);
  });
});
