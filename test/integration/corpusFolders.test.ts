import * as vscode from 'vscode';
import * as assert from './assert';
import { activeExtension, closeAllEditors, eventually, openDraft, workspace } from './helpers';
import { SUITE_HOST } from './suiteHost';

const FOLDER = '我的讲稿';
const FIRST = '防汛抗旱事关人民群众生命财产安全，必须高度重视。';
const HOSTILE = '<img src=x onerror=alert(1)>';
const EDITED = '防汛抗旱要坚持人民至上、生命至上，压紧压实各级责任。';

function speech(sentence: string): Uint8Array {
  return new TextEncoder().encode(`在全县防汛工作会议上的讲话\n同志们：\n${sentence}\n谢谢大家！\n`);
}

async function continuations(editor: vscode.TextEditor): Promise<string[]> {
  const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', editor.document.uri, editor.document.lineAt(0).range.end);
  return list.items.map(item => (typeof item.label === 'string' ? item.label : item.label.label));
}

suite('The writer\'s corpus folders', () => {
  suiteTeardown(async () => {
    await vscode.workspace.getConfiguration('speechDrafter.corpus').update('folders', undefined, vscode.ConfigurationTarget.Workspace);
    await vscode.workspace.fs.delete(vscode.Uri.joinPath(workspace(), FOLDER), { recursive: true, useTrash: false }).then(undefined, () => undefined);
    await closeAllEditors();
  });

  test('adding a folder with a new speech brings its passages into completion; broken files are reported and skipped', async () => {
    const extension = await activeExtension();
    await extension.exports.library();
    const folder = vscode.Uri.joinPath(workspace(), FOLDER);
    await vscode.workspace.fs.createDirectory(folder);
    await vscode.workspace.fs.writeFile(vscode.Uri.joinPath(folder, '防汛讲话.txt'), speech(FIRST));
    await vscode.workspace.fs.writeFile(vscode.Uri.joinPath(folder, '标记.txt'), speech(`${HOSTILE}各位领导，同志们：今天会议的任务很明确。`));
    await vscode.workspace.fs.writeFile(vscode.Uri.joinPath(folder, '损坏.docx'), new TextEncoder().encode('PK\u0003\u0004 not really a Word file'));
    await vscode.workspace.fs.writeFile(vscode.Uri.joinPath(folder, '空白.txt'), new Uint8Array());
    await vscode.workspace.fs.writeFile(vscode.Uri.joinPath(folder, '图片.txt'), new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0x0d, 0xff, 0xfe, 0, 1, 2, 3]));
    await vscode.commands.executeCommand('speechDrafter.addCorpusFolder', folder);
    const editor = await openDraft('防汛抗旱');
    await eventually(async () => ((await continuations(editor)).includes(FIRST) ? true : undefined), 'the new speech in completion', 20_000);
    const report = await extension.exports.corpusReport();
    assert.ok(report.files.some(path => path.endsWith('防汛讲话.txt')), 'the new speech was read');
    assert.ok(report.files.some(path => path.startsWith('seeds/')), 'the bundled speeches are still there');
    for (const broken of ['损坏.docx', '空白.txt', '图片.txt']) {
      const skipped = report.skipped.find(file => file.path.endsWith(broken));
      assert.ok(skipped && skipped.reason.length > 0, `${broken} is reported with a reason`);
    }
    assert.ok((await continuations(editor)).length > 0, 'completion still works');
    // The panel receives corpus text as data, and its script writes it with textContent only (unit-tested).
    await vscode.commands.executeCommand('speechDrafter.openLibrary');
    const state = await eventually(() => {
      const current = extension.exports.libraryPanelState();
      const texts = current?.type === 'library' ? current.groups.flatMap(group => group.entries.map(entry => entry.text)) : [];
      return texts.some(text => text.includes(HOSTILE)) ? texts : undefined;
    }, 'the markup line in the panel, as text', 20_000);
    assert.ok(state.length > 0, 'the panel lists the new entries');
  });

  test('a new window on the cached corpus, after one of its files changes, segments that file only: the others\' token ids come from the cache', async () => {
    const extension = await activeExtension();
    const report = await extension.exports.corpusReport(); // the folder added above is mined, and its files' token ids cached
    const changedSentence = `防汛抗旱要早谋划、早部署、早落实，确保安全度汛${Date.now()}。`;
    const prepared = await extension.exports.newWindowChange(
      () => Promise.resolve(vscode.workspace.fs.writeFile(vscode.Uri.joinPath(workspace(), FOLDER, '标记.txt'), speech(changedSentence))),
      changedSentence,
    );
    assert.ok(prepared.found, 'the new window read the changed file');
    assert.ok(!prepared.cached, 'the changed corpus was not in the cache: the new window mined it');
    assert.equal(prepared.segmented, 1, 'only the changed file is segmented');
    assert.equal(prepared.fromCache, report.files.length - 1, 'every other file was prepared from its cached token ids');
    assert.ok(prepared.sameLibrary, 'its library is the one this window mines from the same files');
  });

  if (SUITE_HOST === 'node') {
    test('(Node tier: a real folder outside the workspace, by absolute path) its speeches are mined and open read-only', async () => {
      const extension = await activeExtension();
      const outside = vscode.Uri.joinPath(workspace(), '..', '外部讲稿');
      await vscode.workspace.fs.createDirectory(outside);
      const sentence = '安全生产工作必须坚持人民至上、生命至上，守牢安全底线。';
      await vscode.workspace.fs.writeFile(vscode.Uri.joinPath(outside, '安全生产讲话.txt'), speech(sentence));
      try {
        await vscode.commands.executeCommand('speechDrafter.addCorpusFolder', outside);
        assert.ok(vscode.workspace.getConfiguration('speechDrafter.corpus').get<string[]>('folders', []).includes(outside.fsPath), 'stored as an absolute path');
        const editor = await openDraft('安全生产工作必须');
        await eventually(async () => ((await continuations(editor)).includes(sentence) ? true : undefined), 'the outside speech in completion', 12_000)
          .catch(async error => {
            const report = await extension.exports.corpusReport();
            throw new Error(`${String(error)}; folder ${outside.fsPath}; read ${report.files.filter(file => !file.startsWith('seeds/')).join(', ')}; skipped ${JSON.stringify(report.skipped)}`);
          });
        const report = await extension.exports.corpusReport();
        const path = report.files.find(file => file.endsWith('安全生产讲话.txt'));
        assert.ok(path, 'the file was read');
        await vscode.commands.executeCommand('speechDrafter.openSource', path, 3);
        const opened = vscode.window.visibleTextEditors.find(candidate => candidate.document.uri.scheme === 'speech-drafter-corpus' && candidate.document.uri.path.endsWith('安全生产讲话.txt'));
        assert.ok(opened, 'the source opens read-only');
        assert.equal(opened.document.lineAt(2).text, sentence, 'at its line');
      } finally {
        const config = vscode.workspace.getConfiguration('speechDrafter.corpus');
        await config.update('folders', config.get<string[]>('folders', []).filter(path => path !== outside.fsPath), vscode.ConfigurationTarget.Workspace);
        await vscode.workspace.fs.delete(outside, { recursive: true, useTrash: false }).then(undefined, () => undefined);
      }
    });

    test('(Node tier: file watcher on a real folder) editing a corpus file updates its passages without a reload', async () => {
      const editor = await openDraft('防汛抗旱');
      await vscode.workspace.fs.writeFile(vscode.Uri.joinPath(workspace(), FOLDER, '防汛讲话.txt'), speech(EDITED));
      const labels = await eventually(async () => {
        const found = await continuations(editor);
        return found.includes(EDITED) ? found : undefined;
      }, 'the edited sentence in completion', 20_000);
      assert.ok(!labels.includes(FIRST), 'the old sentence is gone');
    });
  }
});
