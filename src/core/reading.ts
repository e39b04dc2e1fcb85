/**
 * Reading a corpus file from its bytes, in any host. The file is read as what it is, whatever its name says: a
 * `.doc` that is really RTF, a web page or a .docx is read as that. Plain text (.txt, .md) goes through
 * `decodeText`; .docx through mammoth; .doc and .wps (compound files) through `cfb`; .pdf through pdf.js; saved
 * web pages (.html, .htm, .mhtml, .mht) through htmlparser2. Each failure is a reason a writer can act on, never an
 * exception, and no file takes longer than a time limit.
 */
import mammoth from 'mammoth';
import { decodeText, type TextEncodingName } from './decode';
import { binaryString } from './formats/bytes';
import { readMhtml, isMhtml } from './formats/mhtml';
import { timeLimitReason, type FormatResult } from './formats/result';
import { isRtf, readRtf } from './formats/rtf';
import { isHtml, readWebPage } from './formats/webPage';
import { readWordBinary } from './formats/wordBinary';
import { isWordXml, readWordXml } from './formats/wordXml';
import { normalizeNewlines } from './normalize';

/** The file types read as corpus files, and what each is read as by default. */
export const CORPUS_EXTENSIONS = ['.txt', '.md', '.docx', '.doc', '.wps', '.pdf', '.html', '.htm', '.mhtml', '.mht'] as const;
export type CorpusExtension = (typeof CORPUS_EXTENSIONS)[number];
export type CorpusFormat = 'text' | 'docx' | 'doc' | 'wordxml' | 'rtf' | 'pdf' | 'html' | 'mhtml';

/** A speech is tens of kilobytes; a file over this is almost certainly not one. */
export const DEFAULT_MAX_FILE_BYTES = 20 * 1024 * 1024;
/** No file may hold the corpus up longer than this (a PDF with thousands of pages, a pathological file). */
export const DEFAULT_READ_TIME_LIMIT_MS = 20_000;

export type ReadResult =
  | { readonly ok: true; readonly text: string; readonly format: CorpusFormat; readonly encoding?: TextEncodingName }
  | { readonly ok: false; readonly reason: string };

/** Reads a PDF's text; a host may run it elsewhere (the Node extension host runs it in a worker thread). */
export type PdfReader = (bytes: Uint8Array, timeLimitMs: number) => Promise<FormatResult>;

export interface ReadOptions {
  readonly maxBytes?: number;
  readonly timeLimitMs?: number;
  /**
   * Where PDFs are read: the host decides (`pdfReaderHere` in this thread, or the Node extension host's worker), so a
   * bundle that never reads PDFs itself does not carry pdf.js. Without it, PDFs are reported as not readable here.
   */
  readonly readPdf?: PdfReader;
}

export function corpusExtension(path: string): CorpusExtension | undefined {
  const lower = path.toLowerCase();
  return CORPUS_EXTENSIONS.find(extension => lower.endsWith(extension));
}

export async function readCorpusFile(path: string, bytes: Uint8Array, options: ReadOptions = {}): Promise<ReadResult> {
  const extension = corpusExtension(path);
  if (!extension) return { ok: false, reason: `not a corpus file type (${CORPUS_EXTENSIONS.join(', ')})` };
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_FILE_BYTES;
  if (bytes.length > maxBytes) return { ok: false, reason: `too large (${formatBytes(bytes.length)}; the limit is ${formatBytes(maxBytes)})` };
  if (bytes.length === 0) return { ok: false, reason: 'empty file' };
  const format = sniffFormat(bytes, extension);
  const limit = options.timeLimitMs ?? DEFAULT_READ_TIME_LIMIT_MS;
  // A reader's own failure (a library's exception, a stack overflow on absurd nesting) is a damaged file, never a throw.
  const reading = readAs(format, bytes, limit, options.readPdf).catch((error: unknown): Read => ({ ok: false, reason: `damaged or truncated document (${firstLine(error)})` }));
  const result = await withTimeLimit(reading, limit);
  if (!result.ok) return result;
  const text = normalizeNewlines(result.text);
  if (text.trim() === '') return { ok: false, reason: 'empty file (no text)' };
  return { ok: true, text, format, ...(result.encoding ? { encoding: result.encoding } : {}) };
}

/** What the bytes are: the signature decides; only text without one is read by the file's extension. */
export function sniffFormat(bytes: Uint8Array, extension: CorpusExtension): CorpusFormat {
  if (startsWith(bytes, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) return 'doc';
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04])) return 'docx';
  // A PDF opens with `%PDF-`; readers accept it anywhere in the first kilobyte, so a file named .pdf may have junk before it.
  if (startsWith(bytes, [0x25, 0x50, 0x44, 0x46, 0x2d]) || (extension === '.pdf' && binaryString(bytes, 1024).includes('%PDF-'))) return 'pdf';
  if (isRtf(bytes)) return 'rtf';
  if (isMhtml(bytes)) return 'mhtml';
  if (isWordXml(binaryString(bytes, 1024))) return 'wordxml';
  const pageExtension = extension !== '.txt' && extension !== '.md';
  if (isHtml(bytes, pageExtension)) return 'html';
  switch (extension) {
    case '.html': case '.htm': return 'html';
    case '.mhtml': case '.mht': return 'mhtml';
    case '.pdf': return 'pdf';
    case '.docx': return 'docx';
    // No Word signature: plain text saved under a Word name is read as text; anything else is a damaged Word file.
    case '.doc': case '.wps': return decodeText(bytes).ok ? 'text' : 'doc';
    default: return 'text';
  }
}

type Read = FormatResult & { readonly encoding?: TextEncodingName };

async function readAs(format: CorpusFormat, bytes: Uint8Array, timeLimitMs: number, readPdf: PdfReader | undefined): Promise<Read> {
  switch (format) {
    case 'text': return decodeText(bytes);
    case 'docx': return readDocx(bytes);
    case 'doc': return readWordBinary(bytes);
    case 'rtf': return readRtf(bytes);
    case 'wordxml': {
      const decoded = decodeText(bytes);
      return decoded.ok ? readWordXml(decoded.text) : decoded;
    }
    case 'html': return readWebPage(bytes);
    case 'mhtml': return readMhtml(bytes);
    case 'pdf': return readPdf ? readPdf(bytes, timeLimitMs) : { ok: false, reason: 'PDF files cannot be read here' };
  }
}

async function readDocx(bytes: Uint8Array): Promise<FormatResult> {
  try {
    // mammoth's Node build reads `buffer`, its browser build `arrayBuffer`; give both the same bytes.
    const arrayBuffer = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
    const input = { buffer: bytes, arrayBuffer } as unknown as Parameters<typeof mammoth.extractRawText>[0];
    const result = await mammoth.extractRawText(input);
    return result.value.trim().length > 0 ? { ok: true, text: result.value } : { ok: false, reason: 'Word document without text' };
  } catch (error) {
    return { ok: false, reason: `broken Word document (${error instanceof Error ? error.message.split('\n')[0] : String(error)})` };
  }
}

/** The read, or a reason when it runs past the limit (a reader that yields can be given up on; the rest are linear). */
function withTimeLimit(read: Promise<Read>, limitMs: number): Promise<Read> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<Read>(resolve => {
    timer = setTimeout(() => resolve({ ok: false, reason: timeLimitReason(limitMs) }), limitMs);
  });
  return Promise.race([read, late]).finally(() => clearTimeout(timer));
}

function firstLine(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split('\n')[0];
}

function startsWith(bytes: Uint8Array, signature: readonly number[]): boolean {
  return signature.every((byte, i) => bytes[i] === byte);
}

function formatBytes(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.ceil(bytes / 1024)} KB`;
}
