/**
 * Word 2003 XML (WordprocessingML 2003, `<?mso-application progid="Word.Document"?>`), which many systems save under
 * a .doc name: the text of each `w:p`, a paragraph a line.
 */
import { Parser } from 'htmlparser2';
import type { FormatResult } from './result';

export function isWordXml(head: string): boolean {
  return /^\s*<\?xml/.test(head) && /progid="Word\.Document"|<w:wordDocument/.test(head);
}

export function readWordXml(xml: string): FormatResult {
  const paragraphs: string[] = [];
  let current: string[] | undefined;
  let inText = false;
  const parser = new Parser({
    onopentag(name) {
      if (name === 'w:p') current = [];
      else if (name === 'w:t') inText = true;
      else if ((name === 'w:tab' || name === 'w:br') && current) current.push(name === 'w:tab' ? '\t' : '\n');
    },
    ontext(text) {
      if (inText && current) current.push(text);
    },
    onclosetag(name) {
      if (name === 'w:t') inText = false;
      else if (name === 'w:p' && current) {
        paragraphs.push(current.join(''));
        current = undefined;
      }
    },
  }, { xmlMode: true, decodeEntities: true });
  parser.write(xml);
  parser.end();
  const text = paragraphs.join('\n');
  return text.trim() ? { ok: true, text: `${text}\n` } : { ok: false, reason: 'Word document without text' };
}
