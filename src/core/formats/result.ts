/** What a format reader returns: the text, or a reason a writer can act on (see `skipReasons.ts`). */
export type FormatResult = { readonly ok: true; readonly text: string } | { readonly ok: false; readonly reason: string };
