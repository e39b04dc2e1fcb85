import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SKIP_REASON_MESSAGES } from '../../src/core/skipReasons';

// The UI is Chinese for Chinese users: every string the code or the manifest shows must have its zh-cn form.

function readJson(path: string): Record<string, unknown> {
  return JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
}

function extensionSources(): string[] {
  const dir = 'src/extension';
  return readdirSync(dir).filter(name => name.endsWith('.ts')).map(name => readFileSync(join(dir, name), 'utf8'));
}

/** The literal first arguments of `vscode.l10n.t('…')` calls. */
function localizedMessages(source: string): string[] {
  return [...source.matchAll(/l10n\.t\(\s*'((?:[^'\\]|\\.)*)'/g)].map(match => match[1].replace(/\\'/g, "'"));
}

suite('localization', () => {
  test('every message passed to vscode.l10n.t has a Chinese translation', () => {
    const bundle = readJson('l10n/bundle.l10n.zh-cn.json');
    const messages = extensionSources().flatMap(localizedMessages);
    assert.ok(messages.length > 5, 'the extension localizes its messages');
    const missing = messages.filter(message => typeof bundle[message] !== 'string');
    assert.deepEqual(missing, []);
  });

  test('every reason for skipping a corpus file has a Chinese translation', () => {
    const bundle = readJson('l10n/bundle.l10n.zh-cn.json');
    assert.deepEqual(SKIP_REASON_MESSAGES.filter(message => typeof bundle[message] !== 'string'), []);
  });

  test('the Chinese bundle keeps every placeholder of the English message', () => {
    const bundle = readJson('l10n/bundle.l10n.zh-cn.json');
    for (const [english, chinese] of Object.entries(bundle)) {
      const placeholders = (text: string): string[] => (text.match(/\{\d+\}/g) ?? []).sort();
      assert.deepEqual(placeholders(String(chinese)), placeholders(english), english);
    }
  });

  test('every %key% of package.json is defined in English and in Chinese', () => {
    const manifest = readFileSync('package.json', 'utf8');
    const keys = [...new Set([...manifest.matchAll(/"%([^%"]+)%"/g)].map(match => match[1]))];
    assert.ok(keys.length > 5, 'the manifest is localized');
    for (const file of ['package.nls.json', 'package.nls.zh-cn.json']) {
      const nls = readJson(file);
      assert.deepEqual(keys.filter(key => typeof nls[key] !== 'string'), [], file);
    }
  });
});
