import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { pinyinInitials, seedSnippetsText } from '../../scripts/seedSnippets';

suite('static snippets file', () => {
  test('the committed snippets/speech.code-snippets is what `npm run snippets` generates from seeds/', () => {
    assert.equal(readFileSync('snippets/speech.code-snippets', 'utf8'), seedSnippetsText(), 'stale: run `npm run snippets` and commit the result');
  });

  test('prefixes are pinyin initials a writer types, and every genre with a scaffold has a skeleton', () => {
    assert.equal(pinyinInitials('同志们：'), 'tzm');
    const snippets: Record<string, { prefix: string[]; body: string }> = JSON.parse(readFileSync('snippets/speech.code-snippets', 'utf8'));
    assert.deepEqual(snippets['称谓：同志们：'].prefix, ['tzm']);
    assert.ok(snippets['提纲：讲话'] && snippets['提纲：汇报'], 'skeletons for 讲话 and 汇报');
    assert.match(snippets['提纲：讲话'].body, /^\$\{1:在××××会议上的讲话\}/, 'the skeleton starts with a title tab stop');
    for (const [name, snippet] of Object.entries(snippets)) assert.match(snippet.prefix[0], /^[a-z]+$/, `${name} has a typeable prefix`);
  });
});
