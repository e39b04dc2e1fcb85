/**
 * A saved web page (.html, .htm, or the page inside an .mhtml) reduced to its article: the title and the body's
 * paragraphs, one a line. Pages are parsed with htmlparser2 (no DOM needed, so it runs in a browser worker too).
 * The article is the smallest element that holds most of the page's sentence text; its title is the heading just
 * above it (or the page's `<title>`). Navigation, buttons and page metadata are dropped by the same chrome rules
 * the structure parser applies to pasted pages (`isPageChrome`).
 */
import { parseDocument } from 'htmlparser2';
import type { ChildNode, Element } from 'domhandler';
import { decodeText } from '../decode';
import { cleanLine, isDocumentLabel } from '../documents';
import { binaryString } from './bytes';
import type { FormatResult } from './result';

/** Elements that are never text a reader sees. */
const INVISIBLE = new Set(['script', 'style', 'noscript', 'template', 'iframe', 'object', 'embed', 'svg', 'canvas', 'select', 'option', 'button', 'input', 'textarea', 'map', 'audio', 'video', 'head']);
/** Page furniture by its tag. */
const FURNITURE_TAGS = new Set(['nav', 'aside', 'footer']);
/** Page furniture by its class or id (`class="crumb"`, `id="footer"`, `class="bdsharebuttonbox"`). */
const FURNITURE_NAMES = /(?:^|[\s_-])(?:nav\w*|menu\w*|breadcrumbs?|crumbs?|footer|foot|sidebar|side|share\w*|bdshare\w*|copyright|position|location|weizhi|dqwz|toolbar|related|xgwz|pager?)(?:$|[\s_-])/i;
/** A furniture box is short; a long one named so is a page's body after all. */
const MAX_FURNITURE_CHARS = 600;
const BLOCK_TAGS = new Set([
  'address', 'article', 'blockquote', 'body', 'center', 'dd', 'div', 'dl', 'dt', 'figcaption', 'figure', 'form', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6',
  'header', 'hr', 'html', 'li', 'main', 'ol', 'p', 'pre', 'section', 'table', 'tbody', 'td', 'th', 'thead', 'tr', 'ul', 'caption',
]);
const HEADING_TAGS = new Set(['h1', 'h2', 'h3']);
const TITLE_NAMES = /title|tit\b|bt\b|biaoti/i;
/** A sentence of the article: Han characters with Chinese sentence punctuation. */
const SENTENCE_TEXT = /[\u4e00-\u9fa5].*[，。；！？]/;
const ENDS_AS_SENTENCE = /[。！？：；][”’」』）)]*$/;
/** How far above the article a title is looked for. */
const TITLE_SEARCH_LINES = 15;

interface Line {
  readonly text: string;
  /** The elements the line sits in, outermost first. */
  readonly path: readonly Element[];
  /** Written in a heading, or in an element named as a title. */
  readonly heading: boolean;
  /** All of it is link text: a menu item, a related article, a share button. */
  readonly linked: boolean;
}

/**
 * Whether bytes are a web page. A file named as a page or a Word file may open with a comment or a `<meta>`; a text
 * file (.txt, .md) must declare itself (`<!DOCTYPE html>`, `<html>`), since Markdown may open with an HTML comment.
 */
export function isHtml(bytes: Uint8Array, namedAsPage: boolean): boolean {
  const head = asciiHead(bytes, 1024).replace(/^\uFEFF/, '').replace(/^\xef\xbb\xbf/, '').trimStart().toLowerCase();
  if (/^(?:<!doctype html|<html)/.test(head) || (/^<\?xml/.test(head) && head.includes('<html'))) return true;
  return namedAsPage && /^<(?:head|meta|body|!--|title|div|p|table|style|span|font|center|h[1-6]|link|base)\b/.test(head);
}

export function readWebPage(bytes: Uint8Array): FormatResult {
  const decoded = decodeHtmlBytes(bytes);
  if (!decoded.ok) return decoded;
  return htmlToText(decoded.text);
}

/**
 * The page's text. Bytes that are valid UTF-8 are UTF-8 whatever the page declares (saved pages keep a `gb2312`
 * `<meta>` after the browser re-encoded them); otherwise the declared charset, else UTF-8 or GBK by content.
 */
export function decodeHtmlBytes(bytes: Uint8Array, declared?: string): FormatResult {
  const asText = decodeText(bytes);
  if (asText.ok && asText.encoding !== 'gb18030') return asText;
  const charset = declared ?? /<meta[^>]+charset\s*=\s*["']?\s*([\w-]+)/i.exec(asciiHead(bytes, 4096))?.[1];
  if (charset) {
    try {
      const text = new TextDecoder(charset.toLowerCase()).decode(bytes);
      return text.trim() ? { ok: true, text } : { ok: false, reason: 'empty file' };
    } catch {
      // A label this runtime does not know: read by content.
    }
  }
  return asText;
}

export function htmlToText(html: string): FormatResult {
  const document = parseDocument(html, { decodeEntities: true, lowerCaseTags: true });
  const pageTitle = pageTitleOf(document.children);
  // Chrome lines go, and so does link text that is not a sentence (a menu, a related article's title).
  const kept = collectLines(document.children).filter(line => cleanLine(line.text) !== null && !(line.linked && !ENDS_AS_SENTENCE.test(line.text)));
  if (kept.length === 0) return { ok: false, reason: 'web page without text' };

  const article = articleElement(kept);
  const inArticle = (line: Line): boolean => !article || line.path.includes(article);
  const first = kept.findIndex(inArticle);
  const last = kept.length - 1 - [...kept].reverse().findIndex(inArticle);
  const body = kept.slice(first, last + 1).filter(inArticle);

  // The title above the article, and what stands between (a subtitle, a date line), without page metadata.
  const above = kept.slice(Math.max(0, first - TITLE_SEARCH_LINES), first);
  const titleAt = titleIndex(above, pageTitle);
  const head: string[] = [];
  if (titleAt >= 0 && !sameText(above[titleAt].text, body[0]?.text)) {
    head.push(above[titleAt].text, ...above.slice(titleAt + 1).filter(line => !isDocumentLabel(line.text)).map(line => line.text));
  } else if (titleAt < 0 && pageTitle && !body.slice(0, 3).some(line => sameText(line.text, pageTitle))) {
    head.push(pageTitle);
  }
  const text = [...head, ...body.map(line => line.text)].join('\n');
  return text.trim() ? { ok: true, text: `${text}\n` } : { ok: false, reason: 'web page without text' };
}

/** The `<title>`'s first part: `讲话标题_中国政府网`, `讲话标题 - 新华网`. */
function pageTitleOf(nodes: readonly ChildNode[]): string | undefined {
  const title = findElement(nodes, 'title');
  const text = title ? collapse(textOf(title)) : '';
  const first = text.split(/\s*(?:_|\||｜|\s-\s|－{1,2}\s)\s*/)[0]?.trim();
  return first && first.length >= 4 ? first : undefined;
}

function findElement(nodes: readonly ChildNode[], name: string): Element | undefined {
  for (const node of nodes) {
    if (node.type !== 'tag') continue;
    if (node.name === name) return node;
    const inner = findElement(node.children, name);
    if (inner) return inner;
  }
  return undefined;
}

function textOf(node: ChildNode): string {
  if (node.type === 'text') return node.data;
  return 'children' in node ? node.children.map(textOf).join('') : '';
}

/** Lines in reading order: block elements and `<br>` end a line; invisible elements and page furniture are passed over. */
function collectLines(nodes: readonly ChildNode[]): Line[] {
  const lines: Line[] = [];
  let text = '';
  let linePath: readonly Element[] = [];
  let lineHeading = false;
  let unlinked = false;
  const flush = (): void => {
    const collapsed = collapse(text);
    if (collapsed) lines.push({ text: collapsed, path: linePath, heading: lineHeading, linked: !unlinked });
    text = '';
    lineHeading = false;
    unlinked = false;
  };
  const walk = (node: ChildNode, blockPath: readonly Element[], context: { heading: boolean; pre: boolean; link: boolean }): void => {
    if (node.type === 'text') {
      if (!text) linePath = blockPath;
      text += context.pre ? node.data.replace(/\n/g, '\u2028') : node.data;
      lineHeading ||= context.heading;
      unlinked ||= !context.link && node.data.trim() !== '';
      return;
    }
    if (node.type !== 'tag') return; // comments, directives; <script> and <style> have their own types
    if (INVISIBLE.has(node.name) || isFurniture(node)) return;
    if (node.name === 'br') return flush();
    const inner = { heading: context.heading || isTitleElement(node), pre: context.pre || node.name === 'pre', link: context.link || node.name === 'a' };
    if (!BLOCK_TAGS.has(node.name)) {
      for (const child of node.children) walk(child, blockPath, inner);
      return;
    }
    flush();
    const path = [...blockPath, node];
    for (const child of node.children) walk(child, path, inner);
    flush();
  };
  for (const node of nodes) walk(node, [], { heading: false, pre: false, link: false });
  flush();
  return lines;
}

function isTitleElement(element: Element): boolean {
  return HEADING_TAGS.has(element.name) || TITLE_NAMES.test(`${element.attribs.class ?? ''} ${element.attribs.id ?? ''}`);
}

function isFurniture(element: Element): boolean {
  if (FURNITURE_TAGS.has(element.name)) return true;
  const names = `${element.attribs.class ?? ''} ${element.attribs.id ?? ''}`.trim();
  return names !== '' && FURNITURE_NAMES.test(names) && !hasMoreTextThan(element, MAX_FURNITURE_CHARS);
}

/** Whether an element holds more than `limit` characters of text, counting no further than that (nested boxes). */
function hasMoreTextThan(element: Element, limit: number): boolean {
  let count = 0;
  const stack: ChildNode[] = [...element.children];
  while (stack.length > 0) {
    const node = stack.pop() as ChildNode;
    if (node.type === 'text') {
      count += node.data.replace(/\s+/g, '').length;
      if (count > limit) return true;
    } else if (node.type === 'tag') {
      stack.push(...node.children);
    }
  }
  return false;
}

/**
 * The article: the element whose sentence text, less half its other text (menus, link lists, buttons), is largest.
 * A page's outer boxes hold the article too, but with all the furniture around it.
 */
function articleElement(lines: readonly Line[]): Element | undefined {
  const score = new Map<Element, number>();
  for (const line of lines) {
    const value = isSentenceLine(line) ? line.text.length : -0.5 * line.text.length;
    for (const element of line.path) score.set(element, (score.get(element) ?? 0) + value);
  }
  let best: Element | undefined;
  let bestScore = 0;
  for (const [element, value] of score) {
    if (value > bestScore) {
      best = element;
      bestScore = value;
    }
  }
  return best;
}

function isSentenceLine(line: Line): boolean {
  return !line.linked && SENTENCE_TEXT.test(line.text);
}

/** The title among the lines above the article: the one the page's `<title>` names, else the nearest heading. */
function titleIndex(above: readonly Line[], pageTitle: string | undefined): number {
  const titled = pageTitle ? findLastIndex(above, line => sameText(line.text, pageTitle) || (line.text.length >= 4 && pageTitle.startsWith(line.text))) : -1;
  if (titled >= 0) return titled;
  return findLastIndex(above, line => line.heading && line.text.length >= 4 && !isDocumentLabel(line.text));
}

function findLastIndex<T>(items: readonly T[], test: (item: T) => boolean): number {
  for (let i = items.length - 1; i >= 0; i--) if (test(items[i])) return i;
  return -1;
}

function sameText(a: string | undefined, b: string | undefined): boolean {
  return a !== undefined && b !== undefined && a.replace(/\s/g, '') === b.replace(/\s/g, '');
}

const CJK = '\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef\u3000-\u303f';
const SPACE_BESIDE_CJK = new RegExp(`(?<=[${CJK}]) | (?=[${CJK}])`, 'g');

/** HTML white space: runs become one space, none beside Chinese text; `&nbsp;` and full-width indents trimmed. */
function collapse(text: string): string {
  return text
    .split('\u2028')
    .map(part => part.replace(/[\s\u00a0]+/g, ' ').replace(SPACE_BESIDE_CJK, '').replace(/^[\s\u3000]+|[\s\u3000]+$/g, ''))
    .filter(Boolean)
    .join('\n');
}

function asciiHead(bytes: Uint8Array, length: number): string {
  return binaryString(bytes, length);
}
