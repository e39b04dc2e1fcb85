import * as vscode from 'vscode';
import * as assert from './assert';
import { activeExtension, closeAllEditors, eventually, workspace } from './helpers';

// Real speeches and reports by other authors (test/fixtures/workspace/devset, sources in its SOURCES.md),
// opened from the workspace as a writer opens an old speech: the numbering squiggles are the real slips only.

/** The diagnostics' source, as the numbering check sets it. */
const NUMBERING_SOURCE = '讲稿助手';

/** Lines (1-based) of the real numbering slips per file; `_optional` lists lines either answer is right for. */
type SlipTable = Record<string, number[]> & { _optional: Record<string, number[]> };

const numberingWarnings = (document: vscode.TextDocument): vscode.Diagnostic[] =>
  vscode.languages.getDiagnostics(document.uri).filter(diagnostic => diagnostic.source === NUMBERING_SOURCE);

suite('Real speeches', () => {
  suiteTeardown(closeAllEditors);

  test('clean real documents get no numbering warnings; those with a real slip get exactly it', async () => {
    await activeExtension();
    const folder = vscode.Uri.joinPath(workspace(), 'devset');
    const slips = JSON.parse(new TextDecoder().decode(await vscode.workspace.fs.readFile(vscode.Uri.joinPath(folder, 'numbering.json')))) as SlipTable;
    const files = Object.keys(slips).filter(name => name.endsWith('.txt'));
    assert.ok(files.length >= 15, 'the devset is in the workspace');
    // Clean documents first: each is checked a moment after it opens, so once the later documents with slips
    // show theirs, the clean ones have been checked too.
    const ordered = [...files.filter(name => slips[name].length === 0), ...files.filter(name => slips[name].length > 0)];
    const documents = new Map<string, vscode.TextDocument>();
    for (const name of ordered) documents.set(name, await vscode.workspace.openTextDocument(vscode.Uri.joinPath(folder, name)));
    await vscode.window.showTextDocument(documents.get(ordered[ordered.length - 1]) as vscode.TextDocument);

    for (const name of ordered.filter(candidate => slips[candidate].length > 0)) {
      const document = documents.get(name) as vscode.TextDocument;
      const lines = await eventually(() => {
        const found = numberingWarnings(document);
        return found.length > 0 ? found.map(diagnostic => diagnostic.range.start.line + 1) : undefined;
      }, `the slip in ${name}`);
      const optional = new Set(slips._optional[name] ?? []);
      assert.equal(lines.filter(line => !optional.has(line)).join(','), slips[name].join(','), `${name}: the real slips and nothing else`);
    }
    for (const name of ordered.filter(candidate => slips[candidate].length === 0)) {
      const document = documents.get(name) as vscode.TextDocument;
      assert.equal(document.languageId, 'plaintext', `${name} opens as a plain-text draft`);
      const optional = new Set(slips._optional[name] ?? []);
      const lines = numberingWarnings(document).map(diagnostic => diagnostic.range.start.line + 1).filter(line => !optional.has(line));
      assert.equal(lines.join(','), '', `${name}: clean, no warnings`);
    }
  });
});
