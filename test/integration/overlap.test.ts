import * as vscode from 'vscode';
import * as assert from './assert';
import { activeExtension, closeAllEditors, eventually, openDraft } from './helpers';

// The overlap report (查重) and the repetition hints in a real VS Code, on the bundled corpus.

/** Two sentences of the bundled speech seeds/002_…txt (lines 2 and 4), and new text around them. */
const COPIED = '学习贯彻习近平新时代中国特色社会主义思想主题教育工作会议召开以来，在指导组的精心指导下';
const DRAFT = ['在全县防汛工作会议上的讲话', '同志们：', '今天我们召开全县防汛工作会议，主要任务是部署今年的防汛抗旱工作。', `${COPIED}，各项工作有序推进。`, '一、压实责任', '各乡镇要落实属地责任，做好隐患排查。'].join('\n');

suite('Overlap report and repetition hints', () => {
  suiteTeardown(async () => {
    await vscode.workspace.getConfiguration('speechDrafter.hints').update('enabled', undefined, vscode.ConfigurationTarget.Workspace);
    await closeAllEditors();
  });

  test('the command reports a draft with a copied sentence: its share and source, the passage marked, the link opens the source at the line', async () => {
    const extension = await activeExtension();
    // The bundled speeches only (an earlier suite's corpus folder, holding the same speech in other formats, is gone).
    await eventually(async () => {
      const { files } = await extension.exports.corpusReport();
      return files.some(path => path.startsWith('seeds/')) && !files.some(path => path.includes('formats/')) ? true : undefined;
    }, 'the bundled corpus alone', 30_000);
    const editor = await openDraft(DRAFT);
    await vscode.commands.executeCommand('speechDrafter.checkOverlap');
    const state = await eventually(() => {
      const current = extension.exports.overlapState(editor.document.uri);
      return current.report ? current : undefined;
    }, 'the overlap report', 30_000);
    const report = state.report;
    assert.ok(report, 'a report');
    assert.ok(report.share > 0.2 && report.share < 0.6, `a share for one copied sentence of four: ${report.share}`);
    assert.equal(report.sources[0], 'seeds/002_19a4f98e508d591a.txt', 'the source speech first');
    const passage = report.passages.find(candidate => candidate.line === 4);
    assert.ok(passage && COPIED.startsWith(passage.text.slice(0, 20)), 'the copied sentence on line 4');
    assert.ok(state.decorated.some(range => range.line === 4 && range.end - range.start >= 20), 'the copied sentence is marked in the draft');
    assert.ok(!state.decorated.some(range => range.line === 3 || range.line === 6), 'new text is not marked');
    // The passage's link: the same command as the hover's, with the passage's source and line.
    await vscode.commands.executeCommand('speechDrafter.openSource', passage.source.path, passage.source.line);
    const opened = await eventually(() => vscode.window.visibleTextEditors.find(candidate => candidate.document.uri.scheme === 'speech-drafter-corpus' && candidate.document.uri.path.endsWith('002_19a4f98e508d591a.txt')), 'the source open');
    assert.ok(opened.document.lineAt(passage.source.line - 1).text.includes(COPIED.slice(0, 20)), 'at the copied sentence');
  });

  test('the marks follow typing: a new copied passage is marked without running the command again', async () => {
    const extension = await activeExtension();
    const editor = vscode.window.visibleTextEditors.find(candidate => candidate.document.getText() === DRAFT);
    assert.ok(editor, 'the draft from the previous test');
    await editor.edit(builder => builder.insert(new vscode.Position(5, 0), `${COPIED}。\n`));
    await eventually(() => (extension.exports.overlapState(editor.document.uri).decorated.some(range => range.line === 6) ? true : undefined), 'the inserted sentence marked', 10_000);
  });

  test('repetition hints appear on a draft that repeats an expression, and go when the setting is off', async () => {
    const lines = Array.from({ length: 5 }, (_, i) => `第${i + 1}方面，我们要持续深化作风建设，确保取得实效。`);
    const editor = await openDraft(['关于作风建设的讲话', ...lines].join('\n'));
    const hints = await eventually(() => {
      const found = vscode.languages.getDiagnostics(editor.document.uri).filter(diagnostic => diagnostic.code === 'repeated-expression');
      return found.length > 0 ? found : undefined;
    }, 'repetition hints');
    assert.equal(hints[0].severity, vscode.DiagnosticSeverity.Hint, 'a hint, not a warning');
    assert.ok(hints.length >= 5, 'each use');
    assert.ok((hints[0].relatedInformation ?? []).length === 4, 'with the other four places');
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', editor.document.uri, hints[0].range);
    const select = actions.find(action => action.command?.command === 'speechDrafter.selectRanges');
    assert.ok(select && !select.edit, 'a quick fix that selects the places and changes no text');
    await vscode.commands.executeCommand(select.command?.command ?? '', ...(select.command?.arguments ?? []));
    assert.equal(vscode.window.activeTextEditor?.selections.length, 5, 'all five uses selected');
    await vscode.workspace.getConfiguration('speechDrafter.hints').update('enabled', false, vscode.ConfigurationTarget.Workspace);
    await eventually(() => (vscode.languages.getDiagnostics(editor.document.uri).some(diagnostic => diagnostic.code === 'repeated-expression') ? undefined : true), 'the hints gone');
  });
});
