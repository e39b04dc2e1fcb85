/**
 * Reading a corpus file from its bytes, in any host: plain text (.txt, .md) through `decodeText`, Word
 * documents (.docx) through mammoth. Each failure is a reason a writer can act on, never an exception.
 */
import mammoth from 'mammoth';
import { decodeText, type TextEncodingName } from './decode';
import { normalizeNewlines } from './normalize';

export const CORPUS_EXTENSIONS = ['.txt', '.md', '.docx'] as const;
/** A speech is tens of kilobytes; a file over this is almost certainly not one. */
export const DEFAULT_MAX_FILE_BYTES = 20 * 1024 * 1024;

export type ReadResult =
  | { readonly ok: true; readonly text: string; readonly encoding: TextEncodingName | 'docx' }
  | { readonly ok: false; readonly reason: string };

export function corpusExtension(path: string): string | undefined {
  const lower = path.toLowerCase();
  return CORPUS_EXTENSIONS.find(extension => lower.endsWith(extension));
}

export async function readCorpusFile(path: string, bytes: Uint8Array, maxBytes = DEFAULT_MAX_FILE_BYTES): Promise<ReadResult> {
  const extension = corpusExtension(path);
  if (!extension) return { ok: false, reason: 'not a corpus file type (.txt, .md, .docx)' };
  if (bytes.length > maxBytes) return { ok: false, reason: `too large (${formatBytes(bytes.length)}; the limit is ${formatBytes(maxBytes)})` };
  if (extension === '.docx') return readDocx(bytes);
  const decoded = decodeText(bytes);
  return decoded.ok ? { ok: true, text: normalizeNewlines(decoded.text), encoding: decoded.encoding } : decoded;
}

async function readDocx(bytes: Uint8Array): Promise<ReadResult> {
  if (bytes.length === 0) return { ok: false, reason: 'empty file' };
  try {
    // mammoth's Node build reads `buffer`, its browser build `arrayBuffer`; give both the same bytes.
    const arrayBuffer = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
    const input = { buffer: bytes, arrayBuffer } as unknown as Parameters<typeof mammoth.extractRawText>[0];
    const result = await mammoth.extractRawText(input);
    const text = normalizeNewlines(result.value);
    return text.trim().length > 0 ? { ok: true, text, encoding: 'docx' } : { ok: false, reason: 'Word document without text' };
  } catch (error) {
    return { ok: false, reason: `broken Word document (${error instanceof Error ? error.message.split('\n')[0] : String(error)})` };
  }
}

function formatBytes(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.ceil(bytes / 1024)} KB`;
}
