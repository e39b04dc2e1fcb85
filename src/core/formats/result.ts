/** What a format reader returns: the text, or a reason a writer can act on (see `skipReasons.ts`). */
export type FormatResult = { readonly ok: true; readonly text: string } | { readonly ok: false; readonly reason: string };

/** `took longer than 20 s to read (time limit)`; a limit under a second in milliseconds. */
export function timeLimitReason(limitMs: number): string {
  return `took longer than ${limitMs >= 1000 ? `${Math.round(limitMs / 1000)} s` : `${limitMs} ms`} to read (time limit)`;
}
