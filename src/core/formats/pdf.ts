/**
 * The text of a PDF: pdf.js (through `unpdf`, whose build needs no worker, DOM or canvas, so it runs in Node and in
 * a browser worker alike) gives each page's text runs with their positions; `pdfLayout` rebuilds the paragraphs.
 * This module is loaded only when a PDF is read: pdf.js is most of the extension's size.
 */
import { getDocumentProxy } from 'unpdf';
import { pdfPagesToText, type PdfPageText, type PdfTextItem } from './pdfLayout';
import { timeLimitReason, type FormatResult } from './result';

/** A page's text runs as pdf.js gives them (`TextItem`; marked-content items carry no `str`). */
interface PdfJsTextItem {
  readonly str?: string;
  readonly transform?: readonly number[];
  readonly width?: number;
  readonly height?: number;
}

/** Fewer characters than this in a whole file with pages means its pages are pictures of text. */
const MIN_TEXT_CHARS = 20;

/**
 * The bytes of one of Adobe's predefined character maps (`UniGB-UCS2-H.bcmap`): a PDF whose Chinese font is not
 * embedded names one, and without it pdf.js finds no text. Each host reads them from the extension's `dist/cmaps/`.
 */
export type CMapLoader = (name: string) => Promise<Uint8Array>;

export async function readPdf(bytes: Uint8Array, timeLimitMs: number, loadCMap?: CMapLoader): Promise<FormatResult> {
  const deadline = Date.now() + timeLimitMs;
  let document: Awaited<ReturnType<typeof getDocumentProxy>>;
  try {
    // pdf.js takes the buffer over: give it a copy, never the caller's bytes. It fetches CMaps through the factory
    // it is given (its own fetches them by URL, which neither a worker without a document nor Node can do).
    const binaryData = loadCMap ? { BinaryDataFactory: binaryDataFactory(loadCMap), cMapPacked: true, useWorkerFetch: false } : {};
    document = await getDocumentProxy(new Uint8Array(bytes), { useSystemFonts: false, disableFontFace: true, verbosity: 0, ...binaryData });
  } catch (error) {
    return { ok: false, reason: reasonFor(error) };
  }
  try {
    const pages: PdfPageText[] = [];
    for (let number = 1; number <= document.numPages; number++) {
      if (Date.now() > deadline) return { ok: false, reason: timeLimitReason(timeLimitMs) };
      const page = await document.getPage(number);
      // The page box need not start at 0,0: positions are taken from its corner.
      const [left, bottom, right, top] = page.view;
      const content = await page.getTextContent();
      const items = (content.items as PdfJsTextItem[]).flatMap(toTextItem).map(item => ({ ...item, x: item.x - left, y: item.y - bottom }));
      pages.push({ width: right - left, height: top - bottom, items });
      page.cleanup();
    }
    const chars = pages.reduce((sum, page) => sum + page.items.reduce((count, item) => count + item.text.trim().length, 0), 0);
    if (chars < MIN_TEXT_CHARS) return { ok: false, reason: 'no text layer, needs OCR (a scanned PDF)' };
    return { ok: true, text: `${pdfPagesToText(pages)}\n` };
  } catch (error) {
    return { ok: false, reason: reasonFor(error) };
  } finally {
    void document.loadingTask.destroy();
  }
}

/** pdf.js's `BinaryDataFactory` contract: `fetch({ kind, filename })` resolves to the file's bytes. */
function binaryDataFactory(loadCMap: CMapLoader): object {
  return class {
    async fetch({ kind, filename }: { kind: string; filename: string }): Promise<Uint8Array> {
      // The name comes from the PDF: only a plain CMap file name reaches the host, never a path.
      if (kind !== 'cMapUrl' || !/^[A-Za-z0-9-]{1,64}\.bcmap$/.test(filename)) throw new Error(`${filename}: not a shipped character map`);
      return loadCMap(filename);
    }
  };
}

function toTextItem(item: PdfJsTextItem): PdfTextItem[] {
  // Control characters are glyph codes without a character map (a file cut off inside its font tables): no text.
  const text = typeof item.str === 'string' ? item.str.replace(/[\u0000-\u001f]/g, '') : '';
  if (!item.transform || text === '') return [];
  const [a, b, c, d, x, y] = item.transform;
  // Upright text only: rotated runs (stamps, margin notes) are not the speech.
  if (Math.abs(b) > Math.abs(a) * 0.1 || Math.abs(c) > Math.abs(d) * 0.1) return [];
  const size = Math.abs(d) || item.height || 0;
  return [{ text, x, y, width: item.width ?? 0, size }];
}

function reasonFor(error: unknown): string {
  const name = error instanceof Error ? error.name : '';
  const message = error instanceof Error ? error.message.split('\n')[0] : String(error);
  if (name === 'PasswordException' || /password/i.test(message)) return 'password-protected PDF (remove the password, then save it again)';
  return `damaged or truncated document (${message})`;
}
