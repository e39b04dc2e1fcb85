/** Entries read straight off paragraph roles: salutations, openings, transitions and closings. */
import type { LibraryDocument, LibraryEntry } from '../library';
import { trimParagraph } from '../normalize';
import { closingParagraphBody, type ParsedDocument } from '../structure';
import { EntryCollector, defaultKey, mergeCollectors, type MergeCache, type Placed } from './collector';

/** One file's salutations, openings, transitions and closings. */
export interface RoleShare {
  readonly salutations: EntryCollector;
  readonly openings: EntryCollector;
  readonly transitions: EntryCollector;
  readonly closings: EntryCollector;
  /** Keys of the salutations that open a speech in this file. */
  readonly openingSalutations: ReadonlySet<string>;
}

/** Collects one file's roles; `documents` are the file's own (ids from 0). */
export function collectRoles(parsed: readonly ParsedDocument[], documents: readonly LibraryDocument[]): RoleShare {
  const salutations = new EntryCollector('salutation');
  const openings = new EntryCollector('opening');
  const transitions = new EntryCollector('transition');
  const closings = new EntryCollector('closing');
  // Keys of the salutations that open a speech somewhere; the others only ever re-address the audience.
  const openingSalutations = new Set<string>();

  parsed.forEach((doc, index) => {
    const document = documents[index];
    let speechStarted = false;
    for (const paragraph of doc.paragraphs) {
      if (paragraph.salutation) {
        const key = salutationKey(paragraph.salutation);
        if (!speechStarted) openingSalutations.add(key);
        salutations.add(paragraph.salutation, document, paragraph.line, undefined, key);
      }
      if (paragraph.role !== 'front-matter' && paragraph.role !== 'salutation') speechStarted = true;
      if (paragraph.transition) transitions.add(paragraph.transition, document, paragraph.line);
      if (paragraph.role === 'opening') {
        // The opening without a salutation that shares its paragraph and without the transition that ends it.
        let text = paragraph.salutation ? paragraph.text.slice(paragraph.salutation.length) : paragraph.text;
        if (paragraph.transition) text = text.slice(0, text.length - paragraph.transition.length);
        text = trimParagraph(text);
        if (text.length >= 10 && readsAsProse(text)) openings.add(text, document, paragraph.line);
      }
      if (paragraph.role === 'closing') {
        const body = closingParagraphBody(paragraph);
        if (body.length >= 10) closings.add(body, document, paragraph.line, { variant: 'paragraph' });
      }
      for (const formula of paragraph.closingFormulas ?? []) closings.add(formula, document, paragraph.line, { variant: 'formula' });
    }
  });
  return { salutations, openings, transitions, closings, openingSalutations };
}

export function roleEntries(files: readonly Placed<RoleShare>[], cache?: MergeCache): LibraryEntry[] {
  const openingSalutations = new Set(files.flatMap(file => [...file.share.openingSalutations]));
  const salutationEntries = mergeCollectors('salutation', files, share => share.salutations, cache).entries()
    .map(entry => ({ ...entry, variant: openingSalutations.has(salutationKey(entry.text)) ? 'opening' as const : 're-address' as const }));
  return [
    ...salutationEntries,
    ...mergeCollectors('opening', files, share => share.openings, cache).entries(),
    ...mergeCollectors('transition', files, share => share.transitions, cache).entries(),
    ...mergeCollectors('closing', files, share => share.closings, cache).entries(),
  ];
}

/**
 * Salutations group by their words and by whether they end in `！`: `各位代表：` opens a report and `各位代表！`
 * turns back to the audience inside it, two entries for a writer.
 */
function salutationKey(text: string): string {
  return `${defaultKey(text)}${/[！!]\s*$/.test(text) ? '！' : ''}`;
}

/**
 * An opening is said aloud: it has sentences, not a table row or a list of names that stands before a report's first
 * heading (`（女=100）（女=100）`, `福田罗湖盐田`, read from a PDF's table).
 */
function readsAsProse(text: string): boolean {
  return /[，。；！？]/.test(text);
}
