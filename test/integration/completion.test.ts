import * as vscode from 'vscode';
import * as assert from './assert';
import { activeExtension, closeAllEditors, eventually, openDraft } from './helpers';

function labelOf(item: vscode.CompletionItem): string {
  return typeof item.label === 'string' ? item.label : item.label.label;
}

async function corpusReady(): Promise<void> {
  const extension = await activeExtension();
  await extension.exports.library(); // mines the corpus the first time
}

suite('Completion, ghost text and hover', () => {
  teardown(closeAllEditors);

  for (const language of ['plaintext', 'markdown']) {
    test(`typing 坚持以学 in ${language} offers a corpus passage that continues it, with its source`, async () => {
      await corpusReady();
      const editor = await openDraft('我们要紧扣总要求，坚持以学', language);
      const end = editor.document.lineAt(0).range.end;
      const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', editor.document.uri, end);
      const ours = list.items.filter(item => labelOf(item).startsWith('坚持以学铸魂'));
      assert.ok(ours.length > 0, `a passage continuing 坚持以学 among ${list.items.length} items`);
      const [item] = ours;
      assert.match(item.detail ?? '', /《.+》/, 'the detail names the source speech');
      const range = item.range instanceof vscode.Range ? item.range : item.range?.replacing;
      assert.ok(range, 'the item has an explicit range');
      assert.equal(editor.document.getText(range), '坚持以学', 'it replaces the clause being typed');
      assert.equal(item.filterText, '坚持以学', 'the filter text is the replaced text');
    });
  }

  test('a new window on an unchanged corpus answers from the cache by the files\' dates, then confirms the same corpus', async () => {
    await corpusReady(); // builds the corpus and records its files' dates with its cache
    const startup = await (await activeExtension()).exports.newWindowStart();
    assert.ok(startup.answeredFromDatesMs !== undefined, `completion could answer before the files were read (${startup.datesMissed ?? ''})`);
    assert.ok(startup.datesKey !== undefined && startup.datesKey === startup.builtKey, 'the cache it answered from is the corpus the build confirmed');
    assert.ok(startup.builtMs !== undefined && startup.answeredFromDatesMs <= startup.builtMs, 'it answered before the build ended');
  });

  test('a language the writer lists in speechDrafter.languages gets suggestions too', async () => {
    await corpusReady();
    const config = vscode.workspace.getConfiguration('speechDrafter');
    await config.update('languages', ['json'], vscode.ConfigurationTarget.Global);
    try {
      const editor = await openDraft('坚持以学', 'json');
      const labels = await eventually(async () => {
        const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', editor.document.uri, editor.document.lineAt(0).range.end);
        const found = list.items.map(labelOf).filter(label => label.startsWith('坚持以学铸魂'));
        return found.length > 0 ? found : undefined;
      }, 'suggestions in a JSON document once json is listed');
      assert.ok(labels.length > 0, 'a corpus passage');
    } finally {
      await config.update('languages', undefined, vscode.ConfigurationTarget.Global);
    }
  });

  test('the inline provider offers the rest of the sentence as ghost text, accepted like Tab', async () => {
    await corpusReady();
    const editor = await openDraft('汇报完毕');
    editor.selection = new vscode.Selection(0, 4, 0, 4);
    const text = await eventually(async () => {
      await vscode.commands.executeCommand('editor.action.inlineSuggest.trigger');
      await new Promise(resolve => setTimeout(resolve, 600));
      await vscode.commands.executeCommand('editor.action.inlineSuggest.commit');
      const now = editor.document.getText();
      return now !== '汇报完毕' ? now : undefined;
    }, 'ghost text to be accepted', 15_000);
    assert.match(text, /^汇报完毕，.+/, 'the corpus continuation follows what was typed');
  });

  test('hovering a sentence copied from a seed speech shows that speech\'s title', async () => {
    await corpusReady();
    const editor = await openDraft('开头一句。同志们，调查研究是谋事之基、成事之道，是做好各项工作的基本功。结尾一句。');
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', editor.document.uri, new vscode.Position(0, 12));
    const text = hovers.flatMap(hover => hover.contents.map(content => (typeof content === 'string' ? content : content.value))).join('\n');
    assert.match(text, /在第二批主题教育调查研究部署推进会上的讲话/, 'the source title');
    assert.match(text, /command:speechDrafter\.openSource/, 'a link that opens the source');
  });
});
