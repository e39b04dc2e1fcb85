/**
 * Quotations (金句/引语): sayings quoted after a cue (`习近平总书记强调：“…”`, `古人云“…”`) and
 * classical-style couplets of equal halves (`空谈误国，实干兴邦`, `大道至简，实干为要；创业维艰，奋斗以成`).
 */
import type { LibraryDocument, LibraryEntry } from '../library';
import { isClosingFormula, type ParsedDocument } from '../structure';
import { forEachMatch, unitTable } from '../normalize';
import { EntryCollector, mergeCollectors, type MergeCache, type Placed } from './collector';

const QUOTED = /“([^“”]{6,80})”/g;
/** What introduces a saying, right before its opening quote. */
const CUE = /(?:强调|指出|说|讲|提出|要求|寄语|曾言|有言|云|道|所说|讲过|告诫|明确)[：:，,]?\s*$/;
/**
 * Two or four clauses of 4-7 Han characters, a whole sentence (possibly inside quotes): tried only where a
 * sentence starts (see `coupletsIn`), which is much faster than a lookbehind at every position.
 */
const COUPLET_AT = /([\u4e00-\u9fa5]{4,7}[，；][\u4e00-\u9fa5]{4,7}(?:[，；][\u4e00-\u9fa5]{4,7}[，；][\u4e00-\u9fa5]{4,7})?)(?=[。！？”]|$)/y;
/** The marks a sentence starts after, by UTF-16 unit. */
const SENTENCE_STARTS_AFTER = unitTable('。！？；“”');

/** The couplet-shaped sentences of a paragraph, at its start or after a sentence mark or quote. */
function coupletsIn(text: string): string[] {
  const found: string[] = [];
  for (let start = 0; start < text.length; start++) {
    if (start > 0 && SENTENCE_STARTS_AFTER[text.charCodeAt(start - 1)] === 0) continue;
    COUPLET_AT.lastIndex = start;
    const match = COUPLET_AT.exec(text);
    if (!match) continue;
    found.push(match[1]);
    start = COUPLET_AT.lastIndex - 1; // matches do not overlap
  }
  return found;
}
/** Words of modern running prose that a classical line does not use. */
const MODERN = /的|了|我们|他们|你们|着|进一步|工作|主题教育/;

/** Clauses of equal length in classical diction, and not a closing formula (`发言完毕，谢谢大家`). */
function isCouplet(sentence: string): boolean {
  const halves = sentence.split(/[，；]/);
  return halves.every(half => half.length === halves[0].length) && !MODERN.test(sentence) && !isClosingFormula(sentence);
}

/** Collects one file's quotations; `documents` are the file's own (ids from 0). */
export function collectQuotations(parsed: readonly ParsedDocument[], documents: readonly LibraryDocument[]): EntryCollector {
  const collector = new EntryCollector('quotation');
  parsed.forEach((doc, index) => {
    for (const paragraph of doc.paragraphs) {
      forEachMatch(QUOTED, paragraph.text, match => {
        const at = match.index;
        if (CUE.test(paragraph.text.slice(Math.max(0, at - 6), at))) collector.add(match[1], documents[index], paragraph.line);
      });
      for (const couplet of coupletsIn(paragraph.text)) {
        if (isCouplet(couplet)) collector.add(couplet, documents[index], paragraph.line);
      }
    }
  });
  return collector;
}

export function quotationEntries(files: readonly Placed<EntryCollector>[], cache?: MergeCache): LibraryEntry[] {
  return mergeCollectors('quotation', files, share => share, cache).entries();
}
