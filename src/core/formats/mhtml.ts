/**
 * A web archive (.mhtml, .mht; also Word's "single file web page", often named .doc): a MIME message whose first
 * `text/html` part is the page. That part is decoded (quoted-printable or base64, in its declared charset) and read
 * as a web page.
 */
import { binaryString } from './bytes';
import type { FormatResult } from './result';
import { decodeHtmlBytes, htmlToText } from './webPage';

export function isMhtml(bytes: Uint8Array): boolean {
  // A MIME message opens with its header lines; the page's own are among them.
  const header = binaryString(bytes, 4096).split(/\r?\n\r?\n/)[0];
  return /^[\w-]+:/.test(header) && /^MIME-Version:/im.test(header) && /^content-type:\s*multipart\/related/im.test(header);
}

export function readMhtml(bytes: Uint8Array): FormatResult {
  const message = binaryString(bytes);
  const { headers, body } = splitPart(message);
  const boundary = /boundary\s*=\s*"?([^";\r\n]+)"?/i.exec(headers['content-type'] ?? '')?.[1];
  if (!boundary) return { ok: false, reason: 'damaged or truncated document (web archive without parts)' };
  for (const chunk of body.split(`--${boundary}`).slice(1)) {
    const part = splitPart(chunk.replace(/^\r?\n/, ''));
    const type = part.headers['content-type'] ?? '';
    if (!/^text\/html/i.test(type)) continue;
    const charset = /charset\s*=\s*"?([\w-]+)"?/i.exec(type)?.[1];
    const decoded = decodeHtmlBytes(transferDecode(part.body, part.headers['content-transfer-encoding'] ?? ''), charset);
    return decoded.ok ? htmlToText(decoded.text) : decoded;
  }
  return { ok: false, reason: 'web archive without a page' };
}

/** A MIME part's headers (lower-case names, folded lines joined) and its body. */
function splitPart(part: string): { headers: Record<string, string>; body: string } {
  const end = /\r?\n\r?\n/.exec(part);
  const head = end ? part.slice(0, end.index) : part;
  const body = end ? part.slice(end.index + end[0].length) : '';
  const headers: Record<string, string> = {};
  for (const line of head.replace(/\r?\n[ \t]+/g, ' ').split(/\r?\n/)) {
    const colon = line.indexOf(':');
    if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  return { headers, body };
}

/** The part's bytes: quoted-printable and base64 decoded; anything else is taken as it is (one byte a character). */
function transferDecode(body: string, encoding: string): Uint8Array {
  const kind = encoding.toLowerCase();
  if (kind === 'base64') {
    // A part cut off while downloading is read as far as it goes: whole groups of four only.
    const clean = body.replace(/[^A-Za-z0-9+/]/g, '');
    const binary = atob(clean.slice(0, clean.length - (clean.length % 4)));
    return Uint8Array.from(binary, ch => ch.charCodeAt(0));
  }
  const text = kind === 'quoted-printable' ? body.replace(/=\r?\n/g, '') : body;
  const bytes: number[] = [];
  for (let i = 0; i < text.length; i++) {
    if (kind === 'quoted-printable' && text[i] === '=' && /^[0-9A-Fa-f]{2}$/.test(text.slice(i + 1, i + 3))) {
      bytes.push(parseInt(text.slice(i + 1, i + 3), 16));
      i += 2;
    } else {
      bytes.push(text.charCodeAt(i) & 0xff);
    }
  }
  return Uint8Array.from(bytes);
}
