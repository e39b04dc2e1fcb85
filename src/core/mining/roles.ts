/** Entries read straight off paragraph roles: salutations, openings, transitions and closings. */
import type { LibraryDocument, LibraryEntry } from '../library';
import { trimParagraph } from '../normalize';
import { closingParagraphBody, type ParsedDocument } from '../structure';
import { EntryCollector } from './collector';

export function mineRoleEntries(parsed: readonly ParsedDocument[], documents: readonly LibraryDocument[]): LibraryEntry[] {
  const salutations = new EntryCollector('salutation');
  const openings = new EntryCollector('opening');
  const transitions = new EntryCollector('transition');
  const closings = new EntryCollector('closing');

  parsed.forEach((doc, index) => {
    const document = documents[index];
    for (const paragraph of doc.paragraphs) {
      if (paragraph.salutation) salutations.add(paragraph.salutation, document, paragraph.line);
      if (paragraph.transition) transitions.add(paragraph.transition, document, paragraph.line);
      if (paragraph.role === 'opening') {
        // The opening without a salutation that shares its paragraph and without the transition that ends it.
        let text = paragraph.salutation ? paragraph.text.slice(paragraph.salutation.length) : paragraph.text;
        if (paragraph.transition) text = text.slice(0, text.length - paragraph.transition.length);
        text = trimParagraph(text);
        if (text.length >= 10) openings.add(text, document, paragraph.line);
      }
      if (paragraph.role === 'closing') {
        const body = closingParagraphBody(paragraph);
        if (body.length >= 10) closings.add(body, document, paragraph.line, { variant: 'paragraph' });
      }
      for (const formula of paragraph.closingFormulas ?? []) closings.add(formula, document, paragraph.line, { variant: 'formula' });
    }
  });
  return [...salutations.entries(), ...openings.entries(), ...transitions.entries(), ...closings.entries()];
}
