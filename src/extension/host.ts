import type { PdfReader } from '../core/reading';

/** What each entry file (node.ts, web.ts) tells the shared code about the extension host it runs in. */
export interface HostInfo {
  /** `node` for the desktop/remote extension host, `web` for the browser web worker. */
  readonly kind: 'node' | 'web';
  /** A human-readable description of the runtime (Node version or browser user agent). */
  readonly runtime: string;
  /** Where PDFs are read, when not in the extension host's own thread. */
  readonly readPdf?: PdfReader;
}
