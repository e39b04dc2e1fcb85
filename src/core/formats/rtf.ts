/**
 * The text of an RTF document (often a `.doc` that is really RTF: "Save as Word" in many web systems writes RTF).
 * Chinese text in RTF is either `\uN` escapes or `\'hh` bytes in the document's code page (`\ansicpg936`: GBK) or
 * the font's charset (`\fcharset134`); both are decoded. Destinations that are not body text (font and colour
 * tables, styles, document info, pictures, headers and footers, footnotes, `{\*…}`) are skipped.
 */
import { binaryString, decodeWindows1252 } from './bytes';
import type { FormatResult } from './result';

const SKIPPED_DESTINATIONS = new Set([
  'fonttbl', 'colortbl', 'stylesheet', 'info', 'pict', 'object', 'header', 'headerl', 'headerr', 'headerf', 'footer', 'footerl',
  'footerr', 'footerf', 'footnote', 'listtable', 'listoverridetable', 'revtbl', 'rsidtbl', 'generator', 'xmlnstbl', 'datastore',
  'themedata', 'colorschememapping', 'latentstyles', 'pgdsctbl', 'filetbl', 'field-instruction', 'fldinst', 'bkmkstart', 'bkmkend',
]);

/** Code pages of `\fcharsetN` and `\ansicpgN` that Chinese documents use, as TextDecoder labels. */
const CHARSET_CODE_PAGES: Readonly<Record<number, string>> = { 134: 'gbk', 136: 'big5', 128: 'shift_jis', 0: 'windows-1252' };
const CODE_PAGE_LABELS: Readonly<Record<number, string>> = { 936: 'gbk', 950: 'big5', 932: 'shift_jis', 1252: 'windows-1252', 54936: 'gb18030', 65001: 'utf-8' };

interface GroupState {
  skip: boolean;
  /** How many characters stand in for a `\uN` character (`\ucN`). */
  unicodeSkip: number;
  codePage: string;
}

export function isRtf(bytes: Uint8Array): boolean {
  return bytes.length >= 5 && String.fromCharCode(...bytes.subarray(0, 5)) === '{\\rtf';
}

export function readRtf(bytes: Uint8Array): FormatResult {
  // RTF is 7-bit ASCII; reading bytes as Latin-1 keeps each byte one character.
  const source = binaryString(bytes);
  const fontCodePages = new Map<number, string>();
  let documentCodePage = 'windows-1252';
  const out: string[] = [];
  let pendingBytes: number[] = [];
  let state: GroupState = { skip: false, unicodeSkip: 1, codePage: documentCodePage };
  const stack: GroupState[] = [];
  let depth = 0;
  let toSkip = 0; // fallback characters still to drop after a \uN
  let inFontTable = -1;
  let fontNumber = -1;

  const flushBytes = (): void => {
    if (pendingBytes.length === 0) return;
    if (!state.skip) out.push(decode(pendingBytes, state.codePage));
    pendingBytes = [];
  };
  const emit = (text: string): void => {
    flushBytes();
    if (!state.skip) out.push(text);
  };

  let i = 0;
  while (i < source.length) {
    const ch = source[i];
    if (ch === '{') {
      flushBytes();
      stack.push(state);
      state = { ...state };
      depth++;
      toSkip = 0;
      i++;
      continue;
    }
    if (ch === '}') {
      flushBytes();
      if (depth === inFontTable) inFontTable = -1;
      state = stack.pop() ?? state;
      depth--;
      toSkip = 0;
      i++;
      continue;
    }
    if (ch === '\r' || ch === '\n') {
      i++;
      continue;
    }
    if (ch !== '\\') {
      if (toSkip > 0) toSkip--;
      // Raw 8-bit bytes (some exporters write GBK without escapes) decode in the code page, as `\'hh` do.
      else if (ch.charCodeAt(0) >= 0x80) pendingBytes.push(ch.charCodeAt(0));
      else emit(ch);
      i++;
      continue;
    }
    // A control symbol or word.
    const next = source[i + 1];
    if (next === "'") {
      const hex = source.slice(i + 2, i + 4);
      i += /^[0-9a-fA-F]{2}$/.test(hex) ? 4 : 2;
      if (toSkip > 0) toSkip--;
      else if (/^[0-9a-fA-F]{2}$/.test(hex)) pendingBytes.push(parseInt(hex, 16));
      continue;
    }
    if (next === undefined) break;
    if (!/[a-zA-Z]/.test(next)) {
      i += 2;
      if (next === '*') state.skip = true;
      else if (next === '~') emit('\u00a0');
      else if (next === '_') emit('-');
      else if (next === '\\' || next === '{' || next === '}') {
        if (toSkip > 0) toSkip--;
        else emit(next);
      } else if (next === '\n' || next === '\r') emit('\n');
      continue;
    }
    const word = /^([a-zA-Z]{1,32})(-?\d{1,10})? ?/.exec(source.slice(i + 1, i + 48));
    if (!word) {
      i++;
      continue;
    }
    i += 1 + word[0].length;
    const name = word[1];
    const parameter = word[2] === undefined ? undefined : Number(word[2]);
    // `\binN`: N bytes of binary data follow, braces and backslashes among them.
    if (name === 'bin') {
      i += Math.max(0, parameter ?? 0);
      continue;
    }
    // The fallback after `\uN` may be a control word (`\u8220\ldblquote`): it is skipped like a character.
    if (toSkip > 0 && !SKIPPED_DESTINATIONS.has(name)) {
      toSkip--;
      continue;
    }
    if (SKIPPED_DESTINATIONS.has(name)) {
      // The font table is not text, but its `\fcharset`s say how the fonts' `\'hh` bytes decode.
      if (name === 'fonttbl') inFontTable = depth;
      flushBytes();
      state.skip = true;
      continue;
    }
    switch (name) {
      case 'ansicpg':
        documentCodePage = CODE_PAGE_LABELS[parameter ?? 1252] ?? documentCodePage;
        state.codePage = documentCodePage;
        break;
      case 'f':
        if (inFontTable >= 0) fontNumber = parameter ?? -1;
        else {
          flushBytes();
          state.codePage = fontCodePages.get(parameter ?? -1) ?? documentCodePage;
        }
        break;
      case 'fcharset':
        if (inFontTable >= 0 && fontNumber >= 0 && parameter !== undefined && CHARSET_CODE_PAGES[parameter]) fontCodePages.set(fontNumber, CHARSET_CODE_PAGES[parameter]);
        break;
      case 'uc':
        state.unicodeSkip = parameter ?? 1;
        break;
      case 'u': {
        const code = (parameter ?? 0) < 0 ? (parameter ?? 0) + 65536 : parameter ?? 0;
        emit(String.fromCharCode(code));
        toSkip = state.unicodeSkip;
        break;
      }
      case 'par': case 'line': case 'sect': case 'page': case 'row':
        emit('\n');
        break;
      case 'tab': case 'cell':
        emit('\t');
        break;
      case 'emdash':
        emit('—');
        break;
      case 'endash':
        emit('–');
        break;
      case 'lquote':
        emit('‘');
        break;
      case 'rquote':
        emit('’');
        break;
      case 'ldblquote':
        emit('“');
        break;
      case 'rdblquote':
        emit('”');
        break;
      case 'bullet':
        emit('•');
        break;
      default:
        break;
    }
  }
  flushBytes();
  const text = out.join('').replace(/\t+\n/g, '\n').replace(/[ \t]+$/gm, '');
  return text.trim() ? { ok: true, text } : { ok: false, reason: 'Word document without text' };
}

function decode(bytes: readonly number[], label: string): string {
  if (label === 'windows-1252') return decodeWindows1252(bytes);
  try {
    return new TextDecoder(label).decode(Uint8Array.from(bytes));
  } catch {
    return decodeWindows1252(bytes); // a code page this runtime does not know
  }
}
