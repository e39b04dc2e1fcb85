/** Sentence and clause splitting for Chinese prose, with offsets into the original text. */

export interface TextSpan {
  readonly text: string;
  /** Offset of the first UTF-16 unit in the text that was split. */
  readonly start: number;
}

/** Per UTF-16 unit: 1 ends a sentence, 2 ends a clause, 4 is a closer that stays with what it ends. */
const SENTENCE_END = 1;
const CLAUSE_END = 2;
const TRAILING_CLOSER = 4;
const UNIT_CLASS = new Uint8Array(0x10000);
for (const mark of '。！？!?…') UNIT_CLASS[mark.charCodeAt(0)] |= SENTENCE_END | CLAUSE_END;
for (const mark of '，；：、,;:') UNIT_CLASS[mark.charCodeAt(0)] |= CLAUSE_END;
/** Closing quotes and brackets stay with the sentence they end: `……”。` or `“……。”` */
for (const mark of '”’」』）)》"\'') UNIT_CLASS[mark.charCodeAt(0)] |= TRAILING_CLOSER;

/** Splits after each run of `ends` marks (with the closers that follow them); a table lookup per unit. */
function split(text: string, ends: number): TextSpan[] {
  const spans: TextSpan[] = [];
  let start = 0;
  let i = 0;
  while (i < text.length) {
    if ((UNIT_CLASS[text.charCodeAt(i)] & ends) === 0) {
      i++;
      continue;
    }
    let end = i + 1;
    while (end < text.length && (UNIT_CLASS[text.charCodeAt(end)] & (ends | TRAILING_CLOSER)) !== 0) end++;
    pushSpan(spans, text, start, end);
    start = end;
    i = end;
  }
  pushSpan(spans, text, start, text.length);
  return spans;
}

function pushSpan(spans: TextSpan[], text: string, start: number, end: number): void {
  let from = start;
  while (from < end && /\s/.test(text[from])) from++;
  let to = end;
  while (to > from && /\s/.test(text[to - 1])) to--;
  if (to > from) spans.push({ text: text.slice(from, to), start: from });
}

/** Sentences end at 。！？ (and …), keeping closing quotes with them. */
export function splitSentences(text: string): TextSpan[] {
  return split(text, SENTENCE_END);
}

/** Clauses end at any sentence or clause mark: 。！？，；：、 */
export function splitClauses(text: string): TextSpan[] {
  return split(text, CLAUSE_END);
}

/** Strips sentence and clause marks from both ends. */
export function stripEdgePunctuation(text: string): string {
  return text.replace(/^[，。；：、！？,.;:!?\s]+|[，。；：、！？,.;:!?\s]+$/g, '');
}
