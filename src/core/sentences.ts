/** Sentence and clause splitting for Chinese prose, with offsets into the original text. */

export interface TextSpan {
  readonly text: string;
  /** Offset of the first UTF-16 unit in the text that was split. */
  readonly start: number;
}

const SENTENCE_END = new Set(['。', '！', '？', '!', '?', '…']);
const CLAUSE_END = new Set([...SENTENCE_END, '，', '；', '：', '、', ',', ';', ':']);
/** Closing quotes and brackets stay with the sentence they end: `……”。` or `“……。”` */
const TRAILING_CLOSERS = new Set(['”', '’', '」', '』', '）', ')', '》', '"', '\'']);

function split(text: string, ends: ReadonlySet<string>): TextSpan[] {
  const spans: TextSpan[] = [];
  let start = 0;
  let i = 0;
  while (i < text.length) {
    if (!ends.has(text[i])) {
      i++;
      continue;
    }
    let end = i + 1;
    while (end < text.length && (ends.has(text[end]) || TRAILING_CLOSERS.has(text[end]))) end++;
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
