import * as assert from 'node:assert/strict';
import { BOUNDARY, lineAt, segmentDocuments, TokenDictionary } from '../../src/core/mining/tokens';

/** A stand-in segmenter: two-character words, punctuation and digits alone, as jieba returns them. */
function pairs(text: string): string[] {
  return text.match(/[\u4e00-\u9fa5]{1,2}|[^\u4e00-\u9fa5]/g) ?? [];
}

/** The obvious reading of one document, to compare the batched segmentation with. */
function reference(paragraphs: readonly { line: number; text: string }[], dictionary: TokenDictionary): { ids: number[]; lines: number[] } {
  const ids: number[] = [];
  const lines: number[] = [];
  for (const paragraph of paragraphs) {
    for (const token of pairs(paragraph.text)) {
      const id = dictionary.idOf(token);
      if (id === BOUNDARY && ids[ids.length - 1] === BOUNDARY) continue;
      ids.push(id);
      lines.push(paragraph.line);
    }
    ids.push(BOUNDARY);
    lines.push(paragraph.line);
  }
  return { ids, lines };
}

suite('token streams', () => {
  test('batched segmentation gives each document its ids and lines, in order, across batches and empty documents', () => {
    const long = '坚持以学铸魂，以学增智。'.repeat(12_000); // more than one batch in one paragraph
    const documents = [
      [{ line: 1, text: '同志们：' }, { line: 2, text: '今天开会，讲三点。' }],
      [],
      [{ line: 5, text: long }, { line: 6, text: '2024年，X县。' }],
      [{ line: 9, text: '谢谢大家！' }],
    ];
    const dictionary = new TokenDictionary();
    const segmented = segmentDocuments(documents, pairs, dictionary);
    assert.equal(segmented.length, documents.length);
    const expectedDictionary = new TokenDictionary();
    documents.forEach((paragraphs, index) => {
      const expected = reference(paragraphs, expectedDictionary);
      assert.deepEqual(Array.from(segmented[index].ids), expected.ids, `ids of document ${index}`);
      assert.deepEqual(Array.from(segmented[index].ids, (_, position) => lineAt(segmented[index], position)), expected.lines, `lines of document ${index}`);
    });
    assert.deepEqual(dictionary.texts, expectedDictionary.texts);
  });

  test('only Han words get ids: punctuation, digits, Latin and an empty token are boundaries', () => {
    const dictionary = new TokenDictionary();
    assert.deepEqual(['，', '2024', 'AI', '', '同志', '们', '同志', '高质量'].map(token => dictionary.idOf(token)), [BOUNDARY, BOUNDARY, BOUNDARY, BOUNDARY, 0, 1, 0, 2]);
    assert.deepEqual(dictionary.texts, ['同志', '们', '高质量']);
  });
});
