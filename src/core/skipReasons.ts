/**
 * The reasons for skipping a corpus file are written in English here and by the folder walks (the CLI prints
 * them); the extension shows them in the writer's language. Each known reason is a message (the key of its
 * translation) with `{0}`/`{1}` for the details the reason carries.
 */
const SKIP_REASONS: readonly { readonly pattern: RegExp; readonly message: string }[] = [
  { pattern: /^empty file/, message: 'empty file' },
  { pattern: /^binary file/, message: 'binary file, not text' },
  { pattern: /^unknown encoding/, message: 'unknown encoding (neither UTF-8 nor GBK/GB18030 Chinese text)' },
  { pattern: /^invalid (.+)$/, message: 'not valid {0} text' },
  { pattern: /^this runtime cannot decode (.+)$/, message: 'this VS Code cannot decode {0}' },
  { pattern: /^not a corpus file type/, message: 'not a corpus file type (.txt, .md, .docx, .doc, .wps, .pdf, .html, .htm, .mhtml, .mht)' },
  { pattern: /^too large \((.+); the limit is (.+)\)$/, message: 'too large ({0}; the limit is {1})' },
  { pattern: /^Word document without text/, message: 'Word document without text' },
  { pattern: /^broken Word document \((.+)\)$/, message: 'broken Word document ({0})' },
  { pattern: /^damaged or truncated document \((.+)\)$/, message: 'damaged or truncated document ({0})' },
  { pattern: /^password-protected document/, message: 'password-protected document (remove the password in Word or WPS, then save again)' },
  { pattern: /^password-protected PDF/, message: 'password-protected PDF (remove the password, then save it again)' },
  { pattern: /^no text layer/, message: 'no text layer, needs OCR (a scanned PDF)' },
  { pattern: /^not a Word document \(a spreadsheet\)/, message: 'not a Word document (a spreadsheet)' },
  { pattern: /^not a Word document \(a presentation\)/, message: 'not a Word document (a presentation)' },
  { pattern: /^not a Word document \(an older WPS file/, message: 'not a Word document (an older WPS file, or another program’s; open it in WPS or Word and save it as .docx)' },
  { pattern: /^Word 95 or older document/, message: 'Word 95 or older document (open it in Word or WPS and save it as .docx)' },
  { pattern: /^web page without text/, message: 'web page without text' },
  { pattern: /^web archive without a page/, message: 'web archive without a page' },
  { pattern: /^took longer than (\d+ m?s) to read/, message: 'took longer than {0} to read (time limit)' },
  { pattern: /^PDF files cannot be read here/, message: 'PDF files cannot be read in this VS Code' },
  { pattern: /^(?:corpus folder |folder )?not found/, message: 'not found (deleted or moved?)' },
  { pattern: /^(?:corpus folder |folder )?unreadable \((.+)\)$/, message: 'cannot be read ({0})' },
  { pattern: /^folder nested deeper than (\d+) levels/, message: 'folder nested deeper than {0} levels' },
  { pattern: /^link to a folder/, message: 'link to a folder, not followed (add its target as a corpus folder instead)' },
];

/** Every message a reason can become: the translations must cover them. */
export const SKIP_REASON_MESSAGES: readonly string[] = SKIP_REASONS.map(reason => reason.message);

/** The message and details of a known reason, or undefined for one to show as it is. */
export function classifySkipReason(reason: string): { message: string; details: string[] } | undefined {
  for (const { pattern, message } of SKIP_REASONS) {
    const match = pattern.exec(reason);
    if (match) return { message, details: match.slice(1) };
  }
  return undefined;
}
