/**
 * Text normalisation for matching. Real corpora mix half-width punctuation (`同志们:` `(一)`), full-width
 * digits and traditional characters (`同誌們`); the structure parser and the miner compare a "match form"
 * in which those variants coincide. Every mapping is one UTF-16 unit to one, so an offset in the match
 * form is the same offset in the original text, which is what writers see.
 */

const HALF_TO_FULL_PUNCTUATION: Readonly<Record<string, string>> = {
  ':': '：',
  ',': '，',
  ';': '；',
  '!': '！',
  '?': '？',
  '(': '（',
  ')': '）',
};

/**
 * Traditional → simplified for the characters that carry structure: salutations, genre words, closing
 * formulas, numbering and the stock vocabulary of the genre. Matching only needs these to coincide;
 * display keeps the writer's own characters.
 */
const TRADITIONAL = '誌們領導講話發匯報總結黨課會議謝這說體詞職畢當處請評禮來賓習學強實幹務際時與為從進員動見幾點歡慶級專題關於將頭經驗個現況對開書記長讓紀風論設區縣鄉鎮農業環織組優勢層戰萬億勞衛陸貫徹團隊確認識聯繫係質穩積極據擔藝術無麼壓標準舉辦財錢國華觀東門問間應該須順願響歷後裡還給統線綫紅續維網義傳價謀貢獻劃計畫構覺運調討鬥爭難嚴厲勵範規誠廣聲親愛緊鬆氣憶頓錄齊產鐵銀陽陰塊壞變邊遠達選遺適邁過遞辭談師閉佈聽賀稱謂屆屬';
const SIMPLIFIED = '志们领导讲话发汇报总结党课会议谢这说体词职毕当处请评礼来宾习学强实干务际时与为从进员动见几点欢庆级专题关于将头经验个现况对开书记长让纪风论设区县乡镇农业环织组优势层战万亿劳卫陆贯彻团队确认识联系系质稳积极据担艺术无么压标准举办财钱国华观东门问间应该须顺愿响历后里还给统线线红续维网义传价谋贡献划计画构觉运调讨斗争难严厉励范规诚广声亲爱紧松气忆顿录齐产铁银阳阴块坏变边远达选遗适迈过递辞谈师闭布听贺称谓届属';
const TRADITIONAL_TO_SIMPLIFIED = new Map<string, string>(Array.from(TRADITIONAL, (ch, i) => [ch, SIMPLIFIED[i]]));

/** Every unit that has a different match form, and that form. */
const MATCH_FORM = new Map<string, string>([
  ...Object.entries(HALF_TO_FULL_PUNCTUATION),
  ...Array.from({ length: 10 }, (_, digit) => [String.fromCharCode(0xff10 + digit), String(digit)] as [string, string]),
  ['．', '.'], // full-width full stop, used in `1．`
  ['\u3000', ' '],
  ['\u00a0', ' '],
  ...TRADITIONAL_TO_SIMPLIFIED,
]);
/**
 * Each unit's match form as a code (0: unchanged), indexed by code: the parser and the index map every
 * paragraph, and a table lookup per unit is an order of magnitude faster than a regex with this class.
 */
const MAPPED = new Uint16Array(0x10000);
for (const [unit, form] of MATCH_FORM) MAPPED[unit.charCodeAt(0)] = form.charCodeAt(0);

/** 1 for each UTF-16 unit of `marks`, indexed by code: a membership test per unit without hashing. */
export function unitTable(marks: string): Uint8Array {
  const table = new Uint8Array(0x10000);
  for (const mark of marks) table[mark.charCodeAt(0)] = 1;
  return table;
}

/**
 * Calls `visit` with each match of the global `pattern` in `text`, in order. `String.prototype.matchAll` gives the
 * same matches but clones the pattern and builds an iterator on each call, several times slower over a corpus's
 * hundreds of thousands of lines. `visit` must not use `pattern` itself. After an empty match the walk moves on by one
 * UTF-16 unit (matchAll moves by a code point under the `u` flag; the corpus patterns never match empty).
 */
export function forEachMatch(pattern: RegExp, text: string, visit: (match: RegExpExecArray) => void): void {
  if (!pattern.global) throw new Error(`forEachMatch needs a global pattern: ${pattern}`);
  pattern.lastIndex = 0;
  for (let match = pattern.exec(text); match !== null; match = pattern.exec(text)) {
    if (match[0] === '') pattern.lastIndex++; // an empty match would be found again at the same place
    visit(match);
  }
}

/** Same length as `text`, offsets preserved. Most text has nothing to map and comes back as it is. */
export function toMatchForm(text: string): string {
  let mapped = '';
  let copied = 0;
  for (let i = 0; i < text.length; i++) {
    const form = MAPPED[text.charCodeAt(i)];
    if (form === 0) continue;
    mapped += text.slice(copied, i) + String.fromCharCode(form);
    copied = i + 1;
  }
  return copied === 0 ? text : mapped + text.slice(copied);
}

/** Unifies line ends to `\n` (CRLF from Windows files, lone CR from old Mac files). */
export function normalizeNewlines(text: string): string {
  return text.replace(/\r\n?/g, '\n');
}

/**
 * Whitespace that scraped and Word-exported text puts around paragraphs: what `\s` matches (ASCII, NBSP, ideographic
 * space, BOM, …) and the zero-width marks.
 */
const PARAGRAPH_SPACE = unitTable('\t\n\v\f\r \u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000\ufeff\u200b\u200c\u200d\u2060');

/** The text without that whitespace at either end (every line of a corpus passes here: a table, not a regex). */
export function trimParagraph(text: string): string {
  let start = 0;
  let end = text.length;
  while (start < end && PARAGRAPH_SPACE[text.charCodeAt(start)] === 1) start++;
  while (end > start && PARAGRAPH_SPACE[text.charCodeAt(end - 1)] === 1) end--;
  return start === 0 && end === text.length ? text : text.slice(start, end);
}

/** Markup that scraped and Markdown-written speeches put at a line's start: `## ` headings, `> ` quotes. */
const LINE_PREFIX = /^(?:#{1,6}[ \t]+|>[ \t]*)/;
/** Bold that opens a line (`**一、总体情况**`, `**（一）加强领导。**各级…`): its marks go, its words stay. */
const LEADING_BOLD = /^\*\*(.+?)\*\*/;
/** Bold spans that touch (`**二****、****乔治**`, as web-page converters write them) are one bold span. */
const TOUCHING_BOLD = /\*{4}/g;

/**
 * A line without its Markdown heading marks, quote mark or opening bold, so `## **一、总体情况**` reads as the
 * heading `一、总体情况` in any file: no speech starts a line with these. Call on a trimmed line.
 */
export function withoutLineMarkup(line: string): string {
  if (!line.startsWith('#') && !line.startsWith('>') && !line.startsWith('**')) return line;
  return trimParagraph(trimParagraph(line.replace(LINE_PREFIX, '')).replace(TOUCHING_BOLD, '').replace(LEADING_BOLD, '$1'));
}

const MARKDOWN_ORDERED_ITEM = /^([ \t]*\d{1,9}[.)][ \t]+)/gm;

/**
 * A Markdown draft's `1. ` items are Markdown's own auto-numbered lists, not speech numbering: their markers
 * become spaces, so every line keeps its length and columns still point into the document.
 */
export function withoutMarkdownListNumbers(text: string): string {
  return text.replace(MARKDOWN_ORDERED_ITEM, marker => ' '.repeat(marker.length));
}
