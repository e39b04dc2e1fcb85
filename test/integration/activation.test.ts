import * as vscode from 'vscode';
import type { RuntimeReport } from '../../src/extension/runtimeCommand';
import * as assert from './assert';
import { activeExtension } from './helpers';
import { SUITE_HOST } from './suiteHost';

suite('Activation', () => {
  test('the extension activates and registers every contributed command', async () => {
    const extension = await activeExtension();
    assert.ok(extension.isActive, 'the extension is active');
    const contributed: { command: string }[] = extension.packageJSON.contributes.commands;
    assert.ok(contributed.length >= 3, 'the manifest contributes commands');
    const registered = await vscode.commands.getCommands(true);
    for (const { command } of contributed) assert.includes(registered, command, 'registered commands');
  });

  test('activation only wires the features: no mining, no cached library, no segmenter or tagger', async () => {
    const { activation } = (await activeExtension()).exports;
    assert.equal(JSON.stringify(activation.started), JSON.stringify({ corpus: false, segmenter: false, tagger: false }), 'work started by activate');
    assert.ok(Number.isFinite(activation.ms) && activation.ms >= 0, 'activation time measured');
  });

  test(`the ${SUITE_HOST} bundle is the one running in this extension host`, async () => {
    const extension = await activeExtension();
    assert.equal(extension.exports.host, SUITE_HOST, 'host reported by activate');
    const report = await vscode.commands.executeCommand<RuntimeReport>('speechDrafter.showRuntime');
    assert.equal(report.host, SUITE_HOST, 'host reported by the runtime command');
    assert.match(report.runtime, SUITE_HOST === 'node' ? /^Node\.js v\d+/ : /Mozilla|Chrome/, 'runtime description');
  });

  test('the status bar shows the character count and speaking time of a plain-text draft', async () => {
    const extension = await activeExtension();
    const document = await vscode.workspace.openTextDocument({ language: 'plaintext', content: '同志们：\n今天，我们召开会议。' });
    await vscode.window.showTextDocument(document);
    const status = extension.exports.draftStatus();
    assert.ok(status.visible, 'the status bar item is shown for a plain-text draft');
    // 14 non-whitespace characters, 11 spoken: 3 seconds at the default 220 per minute.
    assert.match(status.text, /14\D+0\D+3\D/, 'character count and speaking time');
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  test('the status bar hides for documents that are not drafts', async () => {
    const extension = await activeExtension();
    const document = await vscode.workspace.openTextDocument({ language: 'json', content: '{"a": 1}' });
    await vscode.window.showTextDocument(document);
    assert.ok(!extension.exports.draftStatus().visible, 'no draft figures for a JSON file');
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });
});
