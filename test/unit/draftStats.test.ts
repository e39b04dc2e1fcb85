import * as assert from 'node:assert/strict';
import { measureDraft, speakingTime, DEFAULT_SPEAKING_RATE } from '../../src/core/draftStats';

suite('draftStats', () => {
  test('counts non-whitespace characters, and spoken ones without punctuation', () => {
    const stats = measureDraft('同志们：\n  今天，我们召开会议。\r\n');
    assert.equal(stats.characters, 14);
    assert.equal(stats.spokenCharacters, 11);
  });

  test('counts astral characters once and ignores full-width spaces', () => {
    const stats = measureDraft('𠀀\u3000字');
    assert.deepEqual(stats, { characters: 2, spokenCharacters: 2 });
  });

  test('an empty draft takes no time', () => {
    assert.deepEqual(speakingTime(measureDraft('').spokenCharacters, DEFAULT_SPEAKING_RATE), { minutes: 0, seconds: 0 });
  });

  test('speaking time follows the rate', () => {
    assert.deepEqual(speakingTime(330, 220), { minutes: 1, seconds: 30 });
    assert.deepEqual(speakingTime(2200, 220), { minutes: 10, seconds: 0 });
  });

  test('a nonsensical rate falls back to the default instead of dividing by zero', () => {
    assert.deepEqual(speakingTime(220, 0), { minutes: 1, seconds: 0 });
    assert.deepEqual(speakingTime(220, Number.NaN), { minutes: 1, seconds: 0 });
  });
});
