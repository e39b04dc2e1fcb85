/**
 * Splits the text of one corpus file into speeches. A scraped file may hold dozens of speeches one after
 * another, each starting with a title line after a blank line; scraped pages also carry markers
 * (`##paidbegin##`) and advertising lines (`【…素材库】…每天更新`) that are dropped without losing the
 * content around them.
 */
import { normalizeNewlines, toMatchForm, trimParagraph, withoutLineMarkup } from './normalize';

/** One non-empty line of a file, as the writer sees it, with its 1-based line number in the file. */
export interface SourceLine {
  readonly line: number;
  readonly text: string;
}

export interface SourceDocument {
  /** The file it came from (path or name, as given). */
  readonly file: string;
  /** Position of this speech within its file, from 0. */
  readonly indexInFile: number;
  readonly title: SourceLine | null;
  /** The speech's paragraphs after the title, noise removed, in order. */
  readonly paragraphs: readonly SourceLine[];
}

const SCRAPE_MARKERS = /##paid(?:begin|end)##/gi;
const ADVERTISING = /【[^】]{0,20}(?:素材|代笔|文库|范文)[^】]{0,10}】|每天更新|谨防假冒|会员群|svip|(?:关注|搜索)[^，。]{0,6}公众号|^(?:公)?众号[：:]/i;

/** Genre and occasion words every title in the corpus carries; a mid-file title must have one. */
const TITLE_WORDS = /讲话|发言|汇报|总结|党课|讲稿|体会|报告|致辞|述职|主持词|材料|研讨|动员|部署|座谈|心得|演讲|宣讲|讲座|讲义/;
const HEADING_START = /^(?:[一二三四五六七八九十]+、|（[一二三四五六七八九十\d]+）|\d{1,2}[.、]|第[一二三四五六七八九十]+[，、])/;
const ENDS_LIKE_A_SENTENCE = /[。！？；，、：…]$/;
const MAX_TITLE_LENGTH = 80;

/**
 * A web page's own lines, pasted or saved with the speech: `当前位置：首页 > …`, `首页 > 新闻`, `发布时间：…　浏览次数：…`,
 * `【打印本页】【关闭窗口】`, `字号：大 中 小`, `分享到：`, `上一篇：…`, `扫一扫在手机打开当前页`, `（责任编辑：…）`.
 */
const PAGE_CHROME = new RegExp([
  /^(?:当前位置|您(?:现在)?的?位置|所在位置)[：:]|^(?:网站)?首页\s*[>＞»›→]/.source,
  /浏览次数|阅读次数|发布时间[：:].{0,30}(?:来源|作者|点击|浏览)/.source,
  /【(?:打印本页|关闭窗口|字体[：:]|字号[：:]|大 中 小)|^(?:字体|字号)[：:]?\s*[【\[]?\s*大\s*中\s*小/.source,
  // A toolbar: `字号: [大] [中] [小] [打印]`, `打印字体：放大正常缩小`, `【打印】【关闭】`, `分享到：`.
  /^(?:[\s|｜:：[\]【】]|字号|字体|默认|超大|放大|正常|缩小|[大中小]|打印(?:本页|此页)?|关闭(?:窗口|本页)?|收藏(?:本页)?|分享到?|纠错|返回顶部|(?:微信)?扫一扫)*(?:字号|字体|打印|关闭|收藏|分享|纠错|返回顶部|扫一扫)(?:[\s|｜:：[\]【】]|字号|字体|默认|超大|放大|正常|缩小|[大中小]|打印(?:本页|此页)?|关闭(?:窗口|本页)?|收藏(?:本页)?|分享到?|纠错|返回顶部|(?:微信)?扫一扫)*$/.source,
  /^(?:上一篇|下一篇|上一条|下一条)\s*[：:]|^扫一扫在手机(?:上)?打开当前页|^[（(]?(?:责任编辑|责编)[：:][^。]{0,20}[）)]?$/.source,
  // A page's time stamp and counters: `2023-12-01 14:43`, `访问量：1632`, `关联稿件：`.
  /^\d{4}[-/.年]\d{1,2}[-/.月]\d{1,2}日?\s*\d{1,2}:\d{2}|^(?:访问量|点击量|点击数)[：:]\s*\d*$|^(?:关联稿件|相关稿件|相关新闻|相关链接|相关阅读|延伸阅读|热点推荐)[：:]?$/.source,
].join('|'));
/** Chrome lines are short; paragraphs of a speech mostly are not, and are not searched. */
const MAX_CHROME_LENGTH = 120;
/**
 * A label above a document's title, not its content: `附件2`, `材料之三`, `内部资料 注意保存`. Only before the title
 * (at the end, an `附件` line starts the attachments).
 */
const DOCUMENT_LABEL = /^(?:附件\s*(?:\d{1,2}|[一二三四五六七八九十]{1,2})?[：:]?|材料之?[一二三四五六七八九十\d]{1,2}|(?:(?:内部|会议)(?:资料|材料)|注意保存|仅供参考|请勿外传)(?:[\s，,]+(?:内部资料|注意保存|仅供参考|请勿外传))*)$/;

/** A saved page's line that is only a Markdown image or link (`![图](http://…)`, `[转入文章首发地址](http://…)`). */
const LINK_ONLY = /^(?:!?\[[^\]]*\]\([^)\s]*\)\s*)+$/;

/** Removes scrape markers; returns null for a line that is advertising or web-page chrome, not content. */
export function cleanLine(raw: string): string | null {
  const text = withoutLineMarkup(trimParagraph(raw.replace(SCRAPE_MARKERS, '')));
  return ADVERTISING.test(text) || isPageChrome(text) ? null : text;
}

/** Whether a line is a web page's chrome (navigation, buttons, page metadata), as `cleanLine` drops it. */
export function isPageChrome(text: string): boolean {
  return text.length <= MAX_CHROME_LENGTH && (PAGE_CHROME.test(text) || LINK_ONLY.test(text));
}

/** A page's metadata line: `来源：人民网`, `发布时间：2024-06-12 09:30`. */
const METADATA_LINE = /^(?:来源|信息来源|时间|日期|发布时间|发布日期|发布者|作者|编辑|责任编辑)\s*[：:]/;

/** Whether a line above the title is a label or metadata of the document (`附件2`, `来源：…`), which the title search passes over. */
export function isDocumentLabel(text: string): boolean {
  if (text.length > 60) return false;
  const form = toMatchForm(text);
  return METADATA_LINE.test(form) || (text.length <= 20 && DOCUMENT_LABEL.test(form));
}

/**
 * A news agency's dateline above a reprinted speech: `新华社北京4月30日电`, `人民网北京3月5日电（记者 …）`, `本报讯`.
 */
const DATELINE = /^(?:[\u4e00-\u9fa5]{2,8}(?:社|网|报|台)|本报|本刊)[\u4e00-\u9fa5]{0,8} ?(?:\d{1,2}月\d{1,2}日(?:专)?电|讯)|^（记者[^）]{1,30}）$/;
/** A news photo's caption above the reprinted speech ends with its photographer: `…发表重要讲话。新华社记者 鞠鹏 摄`. */
const PHOTO_CAPTION = /(?:记者|摄影|图)[\s\u3000]*[\u4e00-\u9fa5·]{2,8}[\s\u3000]*摄[）)]?$|^摄影[：:／/]/;
/**
 * An editor's or forwarding note above a document: `编者按：…`, `现将…同志在…上的讲话印发给你们，请认真学习贯彻。`,
 * `转发…的讲话`. Only read above a title, where the speech has not begun.
 */
const FORWARDING_NOTE = /^(?:编者按|编者的话|编辑按|按语)[：:]|(?:转发|印发|转载|刊发|刊登|全文如下)|请(?:认真|各单位|结合实际|遵照)|(?:认真)?学习贯彻/;
/** A notice's addressees above its forwarding sentence: `各县（市、区）人民政府，市直各单位：`. */
const MAX_ADDRESSEE_LENGTH = 60;
/** A wrapper is a dateline or a note with its addressees: a few lines. */
const MAX_WRAPPER_LINES = 6;

/**
 * How many of a file's first lines are not the document: labels and page metadata (`附件2`, `来源：…`) always; a
 * dateline or a forwarding note (with the notice's addressees above it) when the document's own title follows them.
 */
export function leadingWrapperLength(lines: readonly string[]): number {
  let labels = 0;
  while (labels < lines.length && isDocumentLabel(lines[labels])) labels++;
  let end = labels;
  while (end < Math.min(lines.length, labels + MAX_WRAPPER_LINES)) {
    const form = toMatchForm(lines[end]);
    const next = lines[end + 1];
    if (DATELINE.test(form) || PHOTO_CAPTION.test(form) || FORWARDING_NOTE.test(form) || isDocumentLabel(lines[end])) end++;
    else if (form.endsWith('：') && form.length <= MAX_ADDRESSEE_LENGTH && next !== undefined && FORWARDING_NOTE.test(toMatchForm(next))) end += 2;
    else break;
  }
  return end > labels && end < lines.length && isTitleLine(lines[end], false) ? end : labels;
}

const DATE_ONLY = /^（?[\d〇零一二三四五六七八九十○]{2,4}年[\d一二三四五六七八九十]{1,2}月(?:[\d一二三四五六七八九十]{1,3}日)?）?$/;

/**
 * Whether a line reads as a speech title. At the start of a file any short line that does not end like
 * a sentence qualifies; in the middle of a file (after a blank line) it must also name a genre or an
 * occasion, so a short body line after a blank line does not start a new speech.
 */
export function isTitleLine(text: string, atFileStart: boolean): boolean {
  // The match form has the text's length: most lines are ruled out before mapping them.
  if (text.length < 4 || text.length > MAX_TITLE_LENGTH) return false;
  const form = toMatchForm(text);
  if (ENDS_LIKE_A_SENTENCE.test(form) || HEADING_START.test(form)) return false;
  if (/^(?:尊敬的|各位|同志们|亲爱的|大家好)/.test(form)) return false;
  if (/^[—－-]/.test(form)) return false; // `——在…会议上的讲话` is the subtitle under a title
  if (DATE_ONLY.test(form)) return false; // `（2019年10月17日）` dates a speech, it does not title it
  if (form.includes('。')) return false;
  if (TITLE_WORDS.test(form)) return true;
  return atFileStart && !form.includes('，') && form.length <= 50;
}

/** A blog or static-site post's metadata block (`---`, `title: …`, `tags:`, `- 南开大学`, `---`) is at most this long. */
const MAX_FRONT_MATTER_LINES = 60;
const FRONT_MATTER_LINE = /^(?:[\w-]+:.*|\s*-\s.*|\s+.*|)$/;

/**
 * The number of lines of a YAML front-matter block at the file's start (Hexo, Jekyll, Hugo posts: speeches saved
 * from the web often are), or 0. The block's `title:` is the web page's, not the speech's: the title is read below it.
 */
function frontMatterLength(lines: readonly string[]): number {
  let start = 0;
  while (start < lines.length && trimParagraph(lines[start]) === '') start++;
  if (lines[start]?.trim() !== '---') return 0;
  for (let i = start + 1; i < Math.min(lines.length, start + MAX_FRONT_MATTER_LINES); i++) {
    const line = lines[i].trimEnd();
    if (line === '---' || line === '...') return i > start + 1 ? i + 1 : 0;
    if (!FRONT_MATTER_LINE.test(line)) return 0;
  }
  return 0;
}

/**
 * The 0-based indexes of the file's first lines that are not the document: a front-matter block, then a label or
 * a wrapper around the document (see `leadingWrapperLength`).
 */
export function leadingLinesToSkip(lines: readonly string[]): Set<number> {
  const frontMatter = frontMatterLength(lines);
  const skipped = new Set(Array.from({ length: frontMatter }, (_, index) => index));
  const first: { index: number; text: string }[] = [];
  for (let i = frontMatter; i < lines.length && first.length < MAX_WRAPPER_LINES * 2 + 1; i++) {
    const text = cleanLine(lines[i]);
    if (text) first.push({ index: i, text });
  }
  for (const line of first.slice(0, leadingWrapperLength(first.map(({ text }) => text)))) skipped.add(line.index);
  return skipped;
}

export function splitDocuments(fileText: string, file: string): SourceDocument[] {
  const lines = normalizeNewlines(fileText).split('\n');
  const skipped = leadingLinesToSkip(lines);
  const documents: SourceDocument[] = [];
  let title: SourceLine | null = null;
  let paragraphs: SourceLine[] = [];
  let afterBreak = true;

  const finish = (): void => {
    if (title || paragraphs.length > 0) documents.push({ file, indexInFile: documents.length, title, paragraphs });
    title = null;
    paragraphs = [];
  };

  for (let i = 0; i < lines.length; i++) {
    const text = cleanLine(lines[i]);
    if (!text) {
      afterBreak = true;
      continue;
    }
    if (skipped.has(i)) continue;
    const line: SourceLine = { line: i + 1, text };
    const atStart = documents.length === 0 && !title && paragraphs.length === 0;
    if (afterBreak && isTitleLine(text, atStart)) {
      finish();
      title = line;
    } else {
      paragraphs.push(line);
    }
    afterBreak = false;
  }
  finish();
  return documents;
}
