/**
 * Formulas with slots (格式句), mined from recurring token sequences: `以…为引领`, `坚持…与…相结合`,
 * `把…作为…的重要抓手`. The corpus's most frequent words are the fixed frame ("anchors"); a run of other
 * words between anchors is a slot. A frame becomes a template when different words fill its slots in
 * several documents.
 */
import type { LibraryDocument, LibraryEntry } from '../library';
import { escapeSnippetText, tabStop } from '../snippet';
import { EntryCollector } from './collector';
import { PairTable } from './pairTable';
import { BOUNDARY, lineAt, type TokenizedCorpus } from './tokens';

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

/** Sentinels that start a frame's or a filler's chain in the pair tables (token ids are ≥ 0). */
const ONE_SLOT = -2;
const TWO_SLOTS = -3;
const SLOT_MARK = -4;
const FILLER = -5;

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

/** A frame seen in a clause: its id, the id of what filled its slots, where it was. */
type FrameVisitor = (frame: number, filler: number, document: number, position: number) => void;

/**
 * Walks every clause of the corpus and reports its frames: [last word of an anchor run] slot [first words of
 * the next anchor run], and the two-slot variant. Frames and fillers are interned as chains of token ids in
 * pair tables, so the walk allocates no strings.
 */
function walkFrames(corpus: TokenizedCorpus, anchors: Uint8Array, wordLength: Int32Array, frames: PairTable, fillers: PairTable, visit: FrameVisitor): void {
  const chain = (table: PairTable, start: number, ids: Int32Array, from: number, to: number, document: number): number => {
    let id = start;
    for (let i = from; i < to; i++) id = table.add(id, ids[i], document);
    return id;
  };
  const link = (table: PairTable, id: number, token: number, document: number): number => table.add(id, token, document);
  const fits = (ids: Int32Array, from: number, to: number): boolean => {
    if (to - from > MAX_SLOT_TOKENS) return false;
    let chars = 0;
    for (let i = from; i < to; i++) chars += wordLength[ids[i]];
    return chars <= MAX_SLOT_CHARS;
  };
  // Runs of one clause: [start, end) and whether they are anchors; reused across clauses.
  const runStart: number[] = [];
  const runEnd: number[] = [];
  const runAnchor: boolean[] = [];
  corpus.streams.forEach((ids, document) => {
    let start = 0;
    for (let end = 0; end <= ids.length; end++) {
      if (end < ids.length && ids[end] !== BOUNDARY) continue;
      let runs = 0;
      for (let i = start; i < end; i++) {
        const anchor = anchors[ids[i]] === 1;
        if (runs > 0 && runAnchor[runs - 1] === anchor) runEnd[runs - 1] = i + 1;
        else {
          runStart[runs] = i;
          runEnd[runs] = i + 1;
          runAnchor[runs] = anchor;
          runs++;
        }
      }
      for (let r = 1; r + 1 < runs; r++) {
        if (runAnchor[r] || !runAnchor[r - 1] || !runAnchor[r + 1] || !fits(ids, runStart[r], runEnd[r])) continue;
        const before = ids[runEnd[r - 1] - 1];
        const middleEnd = Math.min(runStart[r + 1] + 2, runEnd[r + 1]);
        const frame = chain(frames, link(frames, link(frames, ONE_SLOT, before, document), SLOT_MARK, document), ids, runStart[r + 1], middleEnd, document);
        const filler = chain(fillers, FILLER, ids, runStart[r], runEnd[r], document);
        visit(frame, filler, document, runStart[r]);
        const twoSlots = r + 3 < runs && !runAnchor[r + 2] && runAnchor[r + 3] && fits(ids, runStart[r + 2], runEnd[r + 2]) && runEnd[r + 1] - runStart[r + 1] <= 2;
        if (!twoSlots) continue;
        let second = chain(frames, link(frames, link(frames, TWO_SLOTS, before, document), SLOT_MARK, document), ids, runStart[r + 1], runEnd[r + 1], document);
        second = chain(frames, link(frames, second, SLOT_MARK, document), ids, runStart[r + 3], Math.min(runStart[r + 3] + 2, runEnd[r + 3]), document);
        const both = chain(fillers, link(fillers, filler, SLOT_MARK, document), ids, runStart[r + 2], runEnd[r + 2], document);
        visit(second, both, document, runStart[r]);
      }
      start = end + 1;
    }
  });
}

/** The token ids of a chain, from its end back to its sentinel. */
function unchain(table: PairTable, id: number): number[] {
  const tokens: number[] = [];
  while (id >= 0) {
    tokens.unshift(table.seconds[id]);
    id = table.firsts[id];
  }
  return tokens;
}

export function mineTemplateEntries(corpus: TokenizedCorpus, documents: readonly LibraryDocument[]): LibraryEntry[] {
  const { table } = corpus;
  const words = table.texts;
  const anchors = anchorSet(table.counts, words);
  const wordLength = Int32Array.from(words, word => word.length);
  const frames = new PairTable();
  const fillers = new PairTable();
  const frameFillers = new PairTable();
  // Per frame id (only ids that end a frame are ever counted): uses, documents, distinct fillers.
  const uses: number[] = [];
  const documentCount: number[] = [];
  const lastDocument: number[] = [];
  const distinctFillers: number[] = [];
  // What the entries need besides counts, logged once per frame and document (first use: the source line)
  // and once per frame and filler (the examples), so no second walk is needed for the frames chosen.
  const firstUses: number[] = [];
  const newFillers: number[] = [];
  walkFrames(corpus, anchors, wordLength, frames, fillers, (frame, filler, document, position) => {
    uses[frame] = (uses[frame] ?? 0) + 1;
    if (lastDocument[frame] !== document) {
      lastDocument[frame] = document;
      documentCount[frame] = (documentCount[frame] ?? 0) + 1;
      firstUses.push(frame, document, position);
    }
    const pair = frameFillers.add(frame, filler, 0);
    if (frameFillers.counts[pair] === 1) { // read after `add`, which may replace `counts` with a larger array
      distinctFillers[frame] = (distinctFillers[frame] ?? 0) + 1;
      newFillers.push(frame, filler);
    }
  });

  // Frames used in several documents with several different fillers, decided from the counts.
  const fixedOf = (frame: number): string[] => unchain(frames, frame)
    .reduce<number[][]>((parts, token) => (token === SLOT_MARK ? [...parts, []] : (parts[parts.length - 1].push(token), parts)), [[]])
    .map(part => part.map(id => words[id]).join(''));
  const candidates: number[] = [];
  uses.forEach((_, frame) => {
    if ((documentCount[frame] ?? 0) < MIN_DOCUMENTS || (distinctFillers[frame] ?? 0) < MIN_DISTINCT_FILLERS) return;
    const fixed = fixedOf(frame);
    const opening = fixed[0];
    const closing = fixed[fixed.length - 1];
    if (fixed.reduce((sum, text) => sum + text.length, 0) < MIN_FIXED_CHARS || WEAK_EDGES.has(opening) || WEAK_EDGES.has(closing)) return;
    if (closing.length < 2 && !CLOSING_PARTICLES.has(closing)) return;
    const lastPart = unchain(frames, frame);
    const lastStart = lastPart.lastIndexOf(SLOT_MARK) + 1;
    if (WEAK_EDGES.has(words[lastPart[lastStart]])) return;
    candidates.push(frame);
  });
  candidates.sort((a, b) => documentCount[b] - documentCount[a] || uses[b] - uses[a] || a - b);
  const chosen = new Map<number, { text: string; fixed: string[] }>();
  const seenTexts = new Set<string>();
  for (const frame of candidates) {
    if (chosen.size >= MAX_TEMPLATES * 2) break;
    const fixed = fixedOf(frame);
    const text = fixed.join(SLOT);
    if (seenTexts.has(text)) continue; // the same words cut differently by the segmenter
    seenTexts.add(text);
    chosen.set(frame, { text, fixed });
  }

  // Sources and example fillers of the chosen frames, from the logs.
  const collector = new EntryCollector('template');
  for (let i = 0; i < firstUses.length; i += 3) {
    const found = chosen.get(firstUses[i]);
    if (!found) continue;
    const document = firstUses[i + 1];
    collector.record(collector.group(found.text), found.text, documents[document], lineAt(corpus.documents[document], firstUses[i + 2]));
  }
  for (const [frame, found] of chosen) {
    const group = collector.group(found.text);
    if (group.occurrences > 0) group.occurrences = uses[frame]; // one record per document above; every use counts
  }
  const examples = new Map<number, string[]>();
  for (let i = 0; i < newFillers.length; i += 2) {
    const frame = newFillers[i];
    if (!chosen.has(frame)) continue;
    const list = examples.get(frame) ?? [];
    const example = unchain(fillers, newFillers[i + 1]).map(token => (token === SLOT_MARK ? '/' : words[token])).join('');
    if (list.length < 5 && !list.includes(example)) list.push(example); // two cuts of the same words read the same
    examples.set(frame, list);
  }
  const byText = new Map([...chosen].map(([frame, found]) => [found.text, { ...found, examples: examples.get(frame) ?? [] }]));
  return collector.entries(MIN_DOCUMENTS).slice(0, MAX_TEMPLATES).map(entry => {
    const frame = byText.get(entry.text) as { fixed: string[]; examples: string[] }; // every collected text was chosen
    const snippet = frame.fixed.map(escapeSnippetText).reduce((acc, fixed, i) => `${acc}${tabStop(i, SLOT)}${fixed}`);
    return { ...entry, snippet, items: frame.examples };
  });
}
