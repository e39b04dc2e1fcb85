import * as vscode from 'vscode';
import type { LibraryEntry } from '../../src/core/library';
import * as assert from './assert';
import { activeExtension, closeAllEditors, eventually, openDraft } from './helpers';

const OUTLINE_DRAFT = [
  '在全市经济工作会议上的讲话',
  '同志们：',
  '一、坚定信心，准确把握形势',
  '（一）成绩来之不易',
  '今年以来，全市上下攻坚克难。',
  '（二）困难不容忽视',
  '二、突出重点，抓好全年工作',
  '（一）扩大有效投资',
  '三、加强领导，确保落到实处',
].join('\n');

/** A closing formula of the bundled corpus without placeholders: its snippet inserts exactly its text. */
async function plainClosingFormula(): Promise<LibraryEntry> {
  const library = await (await activeExtension()).exports.library();
  const formula = library.entries.find(entry => entry.kind === 'closing' && entry.variant === 'formula' && !/[×X*]/.test(entry.text));
  assert.ok(formula, 'the bundled corpus yields a closing formula');
  return formula;
}

suite('Outline-driven drafting', () => {
  teardown(closeAllEditors);

  test('document symbols nest the title, 一、 headings and （一） headings', async () => {
    await activeExtension();
    const editor = await openDraft(OUTLINE_DRAFT);
    const symbols = await vscode.commands.executeCommand<vscode.DocumentSymbol[]>('vscode.executeDocumentSymbolProvider', editor.document.uri);
    assert.ok(symbols && symbols.length === 1, 'one root symbol: the title');
    const [title] = symbols;
    assert.equal(title.name, '在全市经济工作会议上的讲话', 'the title symbol');
    assert.equal(title.children.map(child => child.name).join('|'), '坚定信心，准确把握形势|突出重点，抓好全年工作|加强领导，确保落到实处', 'level-1 headings under the title');
    const [first, second] = title.children;
    assert.equal(first.detail, '一、', 'the marker is the detail');
    assert.equal(first.children.map(child => child.name).join('|'), '成绩来之不易|困难不容忽视', 'level-2 headings under 一、');
    assert.equal(second.children.length, 1, 'one （一） under 二、');
    assert.equal(first.range.start.line, 2, 'section 一 starts at its heading');
    assert.equal(first.range.end.line, 5, 'section 一 ends before 二、');
    assert.ok(first.range.contains(first.selectionRange), 'the selection range lies inside the range');
  });

  test('front and end matter stay out of the outline: subtitle, date and speaker above, signature and 附件 list below', async () => {
    await activeExtension();
    const draft = [
      '凝心聚力 砥砺前行',
      '——在全市民营经济发展座谈会上的交流发言',
      '（2024年4月2日）',
      '尊敬的各位领导：',
      '一、主要做法',
      '（一）优化服务。我们坚持问题导向。',
      '二、下一步打算',
      '二、几点建议',
      '发言完毕，谢谢大家！',
      '市工商联',
      '2024年4月2日',
      '附件：1.企业名单',
      '2.问题清单',
      '',
    ].join('\n');
    const editor = await openDraft(draft);
    const symbols = await vscode.commands.executeCommand<vscode.DocumentSymbol[]>('vscode.executeDocumentSymbolProvider', editor.document.uri);
    const tree = JSON.stringify(symbols.map(symbol => [symbol.name, symbol.children.map(child => [child.name, child.children.map(grandchild => grandchild.name)])]));
    assert.equal(tree, JSON.stringify([['凝心聚力 砥砺前行', [['主要做法', ['优化服务']], ['下一步打算', []], ['几点建议', []]]]]), 'the title and its sections only');
    // The repeated 二、 is flagged; the attachment's 1. 2. under no heading are not speech numbering.
    const warnings = await eventually(() => {
      const found = vscode.languages.getDiagnostics(editor.document.uri).filter(d => d.source === '讲稿助手');
      return found.length > 0 ? found : undefined;
    }, 'the repeated 二、 to be flagged');
    assert.equal(warnings.map(d => d.range.start.line).join(','), '7', 'only the second 二、');
  });

  test('inserting a library entry by id puts its text at the cursor as one undo step', async () => {
    const closing = await plainClosingFormula();
    const editor = await openDraft('前文。\n');
    editor.selection = new vscode.Selection(1, 0, 1, 0);
    const inserted = await vscode.commands.executeCommand<boolean>('speechDrafter.insertEntry', closing.id);
    assert.ok(inserted, 'the insert command reports success');
    assert.equal(editor.document.getText(), `前文。\n${closing.text}`, 'the closing formula follows the text');
    await vscode.commands.executeCommand('undo');
    assert.equal(editor.document.getText(), '前文。\n', 'one undo removes the whole insertion');
  });

  test('the new-draft command opens a draft with the chosen scaffold as its skeleton', async () => {
    const extension = await activeExtension();
    const library = await extension.exports.library();
    const scaffold = library.entries.find(entry => entry.kind === 'scaffold' && entry.genres.includes('讲话'));
    assert.ok(scaffold?.outline, 'the bundled corpus yields a scaffold of a 讲话');
    const editor = await vscode.commands.executeCommand<vscode.TextEditor>('speechDrafter.newDraft', { scaffoldId: scaffold.id });
    assert.ok(editor, 'a new draft editor opened');
    const text = editor.document.getText();
    for (const node of scaffold.outline) assert.ok(text.includes(`${node.marker}${node.text}`), `the draft has the heading ${node.marker}${node.text}`);
    const salutation = library.entries.find(entry => entry.kind === 'salutation');
    assert.ok(salutation && text.includes(salutation.text.replace(/[：:]$/, '')), 'the draft has a salutation');
    assert.ok(editor.document.isUntitled, 'the draft is a new untitled document');
  });

  test('expanding a one-heading outline inserts corpus text under the heading, marked with its source', async () => {
    await activeExtension();
    const editor = await openDraft('一、以学铸魂\n');
    const grown = await vscode.commands.executeCommand<number>('speechDrafter.expandOutline');
    assert.equal(grown, 1, 'one heading expanded');
    const lines = editor.document.getText().split('\n');
    assert.equal(lines[0], '一、以学铸魂', 'the heading stays');
    assert.ok(lines.length >= 3 && lines[1].length > 4, 'corpus text follows the heading');
    assert.match(editor.document.getText(), /【参考：《[^》]+》第 \d+ 行/, 'a note names the source');
    await vscode.commands.executeCommand('undo');
    assert.equal(editor.document.getText(), '一、以学铸魂\n', 'one undo removes the expansion');
  });
});

suite('Numbering check', () => {
  teardown(closeAllEditors);

  test('a second 三、 raises a warning on its line, and the quick fix renumbers in one undo step', async () => {
    await activeExtension();
    const draft = ['一、提高认识', '二、突出重点', '三、强化措施', '三、加强领导', ''].join('\n');
    const editor = await openDraft(draft);
    const diagnostics = await eventually(() => {
      const found = vscode.languages.getDiagnostics(editor.document.uri).filter(d => d.source === '讲稿助手');
      return found.length > 0 ? found : undefined;
    }, 'a numbering diagnostic');
    assert.equal(diagnostics.length, 1, 'one slip');
    assert.equal(diagnostics[0].range.start.line, 3, 'on the second 三、');
    assert.equal(diagnostics[0].code, 'repeated', 'a repeated number');
    assert.match(diagnostics[0].message, /三/, 'the message names the number');
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', editor.document.uri, diagnostics[0].range);
    const fix = actions.find(action => action.kind?.value === 'quickfix' && action.edit);
    assert.ok(fix?.edit, 'a renumbering quick fix');
    await vscode.workspace.applyEdit(fix.edit);
    assert.equal(editor.document.getText(), draft.replace('三、加强领导', '四、加强领导'), 'renumbered');
    await vscode.commands.executeCommand('undo');
    assert.equal(editor.document.getText(), draft, 'one undo restores the draft');
  });
});

suite('Library panel', () => {
  test('the panel resolves and shows the library grouped by speech part', async () => {
    const extension = await activeExtension();
    await vscode.commands.executeCommand('speechDrafter.openLibrary');
    const state = await eventually(() => {
      const current = extension.exports.libraryPanelState();
      return current?.type === 'library' ? current : undefined;
    }, 'the library panel to show the library', 20_000);
    const counts = new Map(state.groups.map(group => [group.kind, group.count]));
    for (const kind of ['salutation', 'opening', 'scaffold', 'parallel', 'closing'] as const) assert.ok((counts.get(kind) ?? 0) > 0, `the panel lists ${kind} entries`);
  });
});

suite('Markdown drafts and corpus sources', () => {
  teardown(closeAllEditors);

  test('in Markdown, ## 一、 headings are the outline and 1. 1. 1. lists raise no numbering warning', async () => {
    await activeExtension();
    const editor = await openDraft(['# 在全市工作会议上的讲话', '## 一、提高认识', '1. 第一点', '1. 第二点', '## 二、狠抓落实', '## 二、加强领导', ''].join('\n'), 'markdown');
    const symbols = await vscode.commands.executeCommand<vscode.DocumentSymbol[]>('vscode.executeDocumentSymbolProvider', editor.document.uri);
    const names = JSON.stringify(symbols.map(symbol => [symbol.name, symbol.children.map(child => child.name)]));
    assert.match(names, /提高认识/, `the 一、 heading is a symbol: ${names}`);
    const diagnostics = await eventually(() => {
      const found = vscode.languages.getDiagnostics(editor.document.uri).filter(d => d.source === '讲稿助手');
      return found.length > 0 ? found : undefined;
    }, 'the repeated 二、 to be flagged');
    assert.equal(diagnostics.map(d => d.range.start.line).join(','), '5', 'only the second 二、, not the Markdown list');
  });

  test('opening a source does not take the draft\'s place: the next insertion still goes into the draft', async () => {
    const library = await (await activeExtension()).exports.library();
    const formula = await plainClosingFormula();
    const draft = await openDraft('草稿第一段。\n');
    draft.selection = new vscode.Selection(1, 0, 1, 0);
    const source = library.documents[formula.sources[0].document];
    await vscode.commands.executeCommand('speechDrafter.openSource', source.file, formula.sources[0].line);
    const opened = vscode.window.visibleTextEditors.find(editor => editor.document.uri.scheme === 'speech-drafter-corpus');
    assert.ok(opened, 'the source opened read-only beside the draft');
    assert.ok(opened.document.lineAt(formula.sources[0].line - 1).text.includes(formula.text.slice(0, 4)), 'at the line of the entry');
    assert.equal(vscode.window.activeTextEditor?.document, draft.document, 'the draft keeps the focus');
    await vscode.commands.executeCommand('speechDrafter.insertEntry', formula.id);
    assert.equal(draft.document.getText(), `草稿第一段。\n${formula.text}`, 'inserted into the draft');
  });
});
