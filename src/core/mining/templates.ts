/**
 * Formulas with slots (格式句), mined from recurring token sequences: `以…为引领`, `坚持…与…相结合`,
 * `把…作为…的重要抓手`. The corpus's most frequent words are the fixed frame ("anchors"); a run of other
 * words between anchors is a slot. A frame becomes a template when different words fill its slots in
 * several documents.
 */
import type { LibraryDocument, LibraryEntry } from '../library';
import { escapeSnippetText, tabStop } from '../snippet';
import { EntryCollector } from './collector';
import { BOUNDARY, type TokenizedCorpus } from './tokens';

/** How many of the most frequent words form frames. */
const ANCHOR_WORDS = 200;
const MAX_SLOT_TOKENS = 3;
const MAX_SLOT_CHARS = 8;
const MIN_FIXED_CHARS = 3;
/** Particles that cannot open a frame or close it alone: `的…和` is grammar, not a formula. */
const WEAK_EDGES = new Set(['的', '和', '了', '与', '及', '是', '之', '着', '等', '地', '得', '或', '而', '并', '也', '都', '就', '又', '还', '被']);
/** Single words that may close a frame alone (`在…中`, `在…上`). */
const CLOSING_PARTICLES = new Set(['中', '上', '下', '里', '时', '后']);
const MIN_DOCUMENTS = 2;
const MIN_DISTINCT_FILLERS = 3;
const MAX_TEMPLATES = 200;
const SLOT = '…';

interface Frame {
  readonly fixed: string[];
  readonly fillers: Set<string>;
  readonly examples: string[];
}

/**
 * Anchor words: the most frequent words. Ties are broken by the words' text, not their ids: ids depend on the
 * order files were first read, and the same corpus must give the same library.
 */
function anchorSet(counts: Int32Array, words: readonly string[]): Uint8Array {
  const order = Array.from(counts, (count, id) => [count, id] as const).filter(([count]) => count > 0)
    .sort((a, b) => b[0] - a[0] || (words[a[1]] < words[b[1]] ? -1 : words[a[1]] > words[b[1]] ? 1 : 0));
  const anchors = new Uint8Array(counts.length);
  for (const [, id] of order.slice(0, ANCHOR_WORDS)) anchors[id] = 1;
  return anchors;
}

export function mineTemplateEntries(corpus: TokenizedCorpus, documents: readonly LibraryDocument[]): LibraryEntry[] {
  const { table, streams, lines } = corpus;
  const words = table.texts;
  const anchors = anchorSet(table.counts, words);
  const frames = new Map<string, Frame>();
  const collector = new EntryCollector('template');

  const record = (parts: (number[] | 'slot')[], document: number, line: number, example: string): void => {
    const fixed: string[] = [];
    for (const part of parts) if (part !== 'slot') fixed.push(part.map(id => words[id]).join(''));
    const key = fixed.join(SLOT);
    const fixedChars = fixed.reduce((sum, text) => sum + text.length, 0);
    const opening = fixed[0];
    const closing = fixed[fixed.length - 1];
    if (fixedChars < MIN_FIXED_CHARS || WEAK_EDGES.has(opening) || WEAK_EDGES.has(closing)) return;
    if (closing.length < 2 && !CLOSING_PARTICLES.has(closing)) return;
    if (WEAK_EDGES.has(words[(parts[parts.length - 1] as number[])[0]])) return;
    let frame = frames.get(key);
    if (!frame) {
      frame = { fixed, fillers: new Set(), examples: [] };
      frames.set(key, frame);
    }
    frame.fillers.add(example);
    if (frame.examples.length < 5 && !frame.examples.includes(example)) frame.examples.push(example);
    collector.add(fixed.join(SLOT), documents[document], line, {}, key);
  };

  streams.forEach((ids, document) => {
    // Walk clause by clause; within a clause, runs alternate between anchors and other words.
    let start = 0;
    for (let end = 0; end <= ids.length; end++) {
      if (end < ids.length && ids[end] !== BOUNDARY) continue;
      const runs: { anchor: boolean; ids: number[] }[] = [];
      for (let i = start; i < end; i++) {
        const anchor = anchors[ids[i]] === 1;
        const last = runs[runs.length - 1];
        if (last && last.anchor === anchor) last.ids.push(ids[i]);
        else runs.push({ anchor, ids: [ids[i]] });
      }
      // Frames: [last word of an anchor run] slot [anchor run] (slot [first word of the next anchor run])
      for (let r = 1; r + 1 < runs.length; r += 1) {
        const slot = runs[r];
        if (slot.anchor || !runs[r - 1].anchor || !runs[r + 1].anchor || !fits(slot.ids, words)) continue;
        const before = runs[r - 1].ids.slice(-1);
        const middle = runs[r + 1].ids.slice(0, 2);
        const filler = slot.ids.map(id => words[id]).join('');
        record([before, 'slot', middle], document, lines[document][start], filler);
        const second = runs[r + 2];
        const after = runs[r + 3];
        if (second && !second.anchor && after?.anchor && fits(second.ids, words) && runs[r + 1].ids.length <= 2) {
          record([before, 'slot', runs[r + 1].ids, 'slot', after.ids.slice(0, 2)], document, lines[document][start], `${filler}/${second.ids.map(id => words[id]).join('')}`);
        }
      }
      start = end + 1;
    }
  });

  return collector.entries(MIN_DOCUMENTS)
    .filter(entry => (frames.get(entry.text)?.fillers.size ?? 0) >= MIN_DISTINCT_FILLERS)
    .slice(0, MAX_TEMPLATES)
    .map(entry => {
      const frame = frames.get(entry.text) as Frame; // present: filtered just above
      const snippet = frame.fixed.map(escapeSnippetText).reduce((acc, fixed, i) => `${acc}${tabStop(i, SLOT)}${fixed}`);
      return { ...entry, snippet, items: frame.examples };
    });
}

function fits(ids: readonly number[], words: readonly string[]): boolean {
  return ids.length <= MAX_SLOT_TOKENS && ids.reduce((sum, id) => sum + words[id].length, 0) <= MAX_SLOT_CHARS;
}
