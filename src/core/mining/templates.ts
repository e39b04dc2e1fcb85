/**
 * Formulas with slots (格式句), mined from recurring token sequences: `以…为引领`, `坚持…与…相结合`,
 * `把…作为…的重要抓手`. The corpus's most frequent words are the fixed frame ("anchors"); a run of other
 * words between anchors is a slot. A frame becomes a template when different words fill its slots in
 * several documents.
 *
 * Kept up to date file by file: a file's frames are counted in when it comes and counted out, by walking it again,
 * when it goes; what the entries need of it (sources, examples) is logged. Only when the anchor words change
 * (rarely: they are the 200 commonest words) is every file walked again.
 */
import { IntList } from '../intList';
import type { LibraryEntry } from '../library';
import type { Steps } from '../steps';
import { escapeSnippetText, tabStop } from '../snippet';
import { EntryCollector, type Placed } from './collector';
import { PairTable } from './pairTable';
import type { TokenFile } from './phrases';
import { BOUNDARY, lineAt, type WordCounts } from './tokens';

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
 * order files were first read, and the same corpus must give the same library. The words are kept in a short
 * sorted list while the counts are scanned: a full sort of a large vocabulary on every change would cost more.
 */
function anchorIds(counts: Int32Array, words: readonly string[]): number[] {
  const before = (a: number, b: number): boolean => counts[a] > counts[b] || (counts[a] === counts[b] && words[a] < words[b]);
  const top: number[] = [];
  for (let id = 0; id < words.length && id < counts.length; id++) {
    if (counts[id] <= 0 || (top.length === ANCHOR_WORDS && !before(id, top[top.length - 1]))) continue;
    let at = top.length === ANCHOR_WORDS ? top.length - 1 : top.length;
    while (at > 0 && before(id, top[at - 1])) {
      top[at] = top[at - 1];
      at--;
    }
    top[at] = id;
  }
  return top.sort((a, b) => a - b);
}

/** A frame seen in a clause: its id, the id of what filled its slots, where it was. */
type FrameVisitor = (frame: number, filler: number, document: number, position: number) => void;

/**
 * Walks every clause of a file's documents and reports its frames: [last word of an anchor run] slot [first words
 * of the next anchor run], and the two-slot variant. Frames and fillers are interned as chains of token ids in
 * pair tables, so the walk allocates no strings.
 */
function walkFrames(streams: readonly Int32Array[], anchors: Uint8Array, wordLength: Int32Array, frames: PairTable, fillers: PairTable, visit: FrameVisitor): void {
  const chain = (table: PairTable, start: number, ids: Int32Array, from: number, to: number): number => {
    let id = start;
    for (let i = from; i < to; i++) id = table.intern(id, ids[i]);
    return id;
  };
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
  streams.forEach((ids, document) => {
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
        const frame = chain(frames, frames.intern(frames.intern(ONE_SLOT, before), SLOT_MARK), ids, runStart[r + 1], middleEnd);
        const filler = chain(fillers, FILLER, ids, runStart[r], runEnd[r]);
        visit(frame, filler, document, runStart[r]);
        const twoSlots = r + 3 < runs && !runAnchor[r + 2] && runAnchor[r + 3] && fits(ids, runStart[r + 2], runEnd[r + 2]) && runEnd[r + 1] - runStart[r + 1] <= 2;
        if (!twoSlots) continue;
        let second = chain(frames, frames.intern(frames.intern(TWO_SLOTS, before), SLOT_MARK), ids, runStart[r + 1], runEnd[r + 1]);
        second = chain(frames, frames.intern(second, SLOT_MARK), ids, runStart[r + 3], Math.min(runStart[r + 3] + 2, runEnd[r + 3]));
        const both = chain(fillers, fillers.intern(filler, SLOT_MARK), ids, runStart[r + 2], runEnd[r + 2]);
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

/**
 * One file's frames, walked with the current anchors: each frame's first use in each document (frame, document,
 * position: the sources) and each frame's first use with each filler in the file (frame, filler: the examples), in
 * the order of the walk. The visits themselves are counted, not kept: taking the file out walks it again.
 */
interface FrameLog {
  readonly anchors: string;
  readonly firstUses: Int32Array;
  readonly newFillers: Int32Array;
}

/** `array`, or a copy at least twice as long when it cannot hold index `at`. */
function grown(array: Int32Array, at: number): Int32Array<ArrayBuffer> {
  if (at < array.length) return array as Int32Array<ArrayBuffer>;
  const larger = new Int32Array(Math.max(at + 1, array.length * 2, 1024));
  larger.set(array);
  return larger;
}

/** What a frame looks like as a template: its fixed parts, and the key ties are broken by. */
interface FrameShape {
  readonly frame: number;
  readonly fixed: readonly string[];
  readonly key: string;
}

export class TemplateMiner {
  private anchorKey = '';
  private anchors = new Uint8Array(0);
  private wordLength = new Int32Array(0);
  /** Chains of token ids: they only intern, so they outlive anchor changes. */
  private readonly frames = new PairTable();
  private readonly fillers = new PairTable();
  /** Per frame and filler: how often the filler fills the frame (a new pair is a new distinct filler). */
  private frameFillers = new PairTable();
  /** Per frame id (only ids that end a frame are ever counted): uses, documents, distinct fillers. */
  private uses = new Int32Array(0);
  private documentCount = new Int32Array(0);
  private distinctFillers = new Int32Array(0);
  /** Per frame: the mark of the document it was last seen in (see `walk`), and the last mark given. */
  private lastMark = new Int32Array(0);
  private marks = 0;
  /** Per frame and filler (`frameFillers` id): the mark of the last walk that used it. */
  private pairMark = new Int32Array(0);
  private readonly logs = new Map<TokenFile, FrameLog>();
  private readonly shapes = new Map<number, FrameShape | null>();

  constructor(private readonly words: WordCounts) {}

  /** Takes a file's frames back out. */
  remove(file: TokenFile): void {
    const log = this.logs.get(file);
    this.logs.delete(file);
    if (log && log.anchors === this.anchorKey) this.walk(file, -1);
  }

  /**
   * The templates of the corpus made of `files` (in corpus order), in steps (see `steps.ts`): a step per file walked,
   * as other anchors walk every file.
   */
  *entriesInSteps(files: readonly Placed<TokenFile>[]): Steps<LibraryEntry[]> {
    const words = this.words.words;
    if (this.wordLength.length < words.length) this.wordLength = Int32Array.from(words, word => word.length);
    const anchors = anchorIds(this.words.counts, words);
    const anchorKey = anchors.join(',');
    if (anchorKey !== this.anchorKey) {
      // Other anchors, other frames: every file is walked again.
      this.anchorKey = anchorKey;
      this.anchors = new Uint8Array(words.length);
      for (const id of anchors) this.anchors[id] = 1;
      this.frameFillers = new PairTable();
      this.pairMark = new Int32Array(0);
      this.uses = new Int32Array(0);
      this.documentCount = new Int32Array(0);
      this.distinctFillers = new Int32Array(0);
    }
    for (const { share } of files) {
      if (this.logs.get(share)?.anchors === anchorKey) continue;
      this.logs.set(share, this.walk(share, 1));
      yield;
    }
    return this.choose(files);
  }

  /** Walks a file's frames with the current anchors and counts them in (1) or out (-1); returns the file's log. */
  private walk(file: TokenFile, sign: 1 | -1): FrameLog {
    const firstUses = new IntList();
    const newFillers = new IntList();
    // Marks of the document each frame was last seen in: every walk's documents get marks no walk used before.
    const firstMark = this.marks + 1;
    this.marks += file.tokens.length;
    walkFrames(file.tokens.map(tokens => tokens.ids), this.anchors, this.wordLength, this.frames, this.fillers, (frame, filler, document, position) => {
      // The counts start again at an anchor change and the marks do not: each is grown on its own.
      if (frame >= this.uses.length) {
        this.uses = grown(this.uses, frame);
        this.documentCount = grown(this.documentCount, frame);
        this.distinctFillers = grown(this.distinctFillers, frame);
      }
      if (frame >= this.lastMark.length) this.lastMark = grown(this.lastMark, frame);
      this.uses[frame] += sign;
      const pair = sign > 0 ? this.frameFillers.add(frame, filler, 0) : this.frameFillers.remove(frame, filler, -1);
      const count = this.frameFillers.counts[pair]; // read after `add`, which may replace `counts` with a larger array
      if (sign > 0 ? count === 1 : count === 0) this.distinctFillers[frame] += sign;
      // The pair's first use in this file is logged once (its mark: this walk's).
      if (pair >= this.pairMark.length) this.pairMark = grown(this.pairMark, pair);
      if (this.pairMark[pair] !== firstMark) {
        this.pairMark[pair] = firstMark;
        newFillers.push(frame, filler);
      }
      if (this.lastMark[frame] !== firstMark + document) {
        this.lastMark[frame] = firstMark + document;
        this.documentCount[frame] += sign;
        firstUses.push(frame, document, position);
      }
    });
    return { anchors: this.anchorKey, firstUses: firstUses.toArray(), newFillers: newFillers.toArray() };
  }

  /**
   * Every counted frame by its words, with its uses, documents and distinct fillers, in order: the same corpus must
   * give the same, however it was reached (the incremental tests compare this besides the library, whose cut to
   * the most used frames can hide a wrong count).
   */
  statistics(): string[] {
    const rows: string[] = [];
    for (let frame = 0; frame < this.uses.length; frame++) {
      if (this.uses[frame] === 0 && this.documentCount[frame] === 0 && this.distinctFillers[frame] === 0) continue;
      const words = unchain(this.frames, frame).map(token => (token === SLOT_MARK ? SLOT : this.words.words[token])).join(' ');
      rows.push(`${words}\t${this.uses[frame]}\t${this.documentCount[frame]}\t${this.distinctFillers[frame]}`);
    }
    return rows.sort();
  }

  /**
   * A frame's fixed parts and its sort key (its words: ties never go by id, as ids depend on the order files were
   * walked), or null for a frame that cannot be a formula. Kept per frame: a frame's words never change.
   */
  private shapeOf(frame: number): FrameShape | null {
    let shape = this.shapes.get(frame);
    if (shape !== undefined) return shape;
    const words = this.words.words;
    const tokens = unchain(this.frames, frame);
    const fixed = tokens.reduce<number[][]>((parts, token) => (token === SLOT_MARK ? [...parts, []] : (parts[parts.length - 1].push(token), parts)), [[]])
      .map(part => part.map(id => words[id]).join(''));
    const opening = fixed[0];
    const closing = fixed[fixed.length - 1];
    const lastStart = tokens.lastIndexOf(SLOT_MARK) + 1;
    shape = fixed.reduce((sum, text) => sum + text.length, 0) < MIN_FIXED_CHARS || WEAK_EDGES.has(opening) || WEAK_EDGES.has(closing)
      || (closing.length < 2 && !CLOSING_PARTICLES.has(closing)) || WEAK_EDGES.has(words[tokens[lastStart]])
      ? null
      : { frame, fixed, key: tokens.map(token => (token === SLOT_MARK ? SLOT : words[token])).join('\u0000') };
    this.shapes.set(frame, shape);
    return shape;
  }

  /** Frames used in several documents with several different fillers, as entries with sources and examples. */
  private choose(files: readonly Placed<TokenFile>[]): LibraryEntry[] {
    const { fillers, uses, documentCount, distinctFillers } = this;
    const words = this.words.words;
    const candidates: FrameShape[] = [];
    for (let frame = 0; frame < uses.length; frame++) {
      if (documentCount[frame] < MIN_DOCUMENTS || distinctFillers[frame] < MIN_DISTINCT_FILLERS) continue;
      const shape = this.shapeOf(frame);
      if (shape) candidates.push(shape);
    }
    candidates.sort((a, b) => documentCount[b.frame] - documentCount[a.frame] || uses[b.frame] - uses[a.frame] || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
    const chosen = new Map<number, { text: string; fixed: readonly string[] }>();
    const seenTexts = new Set<string>();
    for (const { frame, fixed } of candidates) {
      if (chosen.size >= MAX_TEMPLATES * 2) break;
      const text = fixed.join(SLOT);
      if (seenTexts.has(text)) continue; // the same words cut differently by the segmenter
      seenTexts.add(text);
      chosen.set(frame, { text, fixed });
    }

    // Sources and example fillers of the chosen frames, from the files' logs in corpus order.
    const collector = new EntryCollector('template');
    const examples = new Map<number, string[]>();
    const seenPairs = new Set<string>();
    const isChosen = new Uint8Array(uses.length);
    for (const frame of chosen.keys()) isChosen[frame] = 1;
    for (const { share, documentOffset } of files) {
      const { firstUses, newFillers } = this.logs.get(share) as FrameLog; // every file was walked in `entries`
      for (let i = 0; i < firstUses.length; i += 3) {
        if (isChosen[firstUses[i]] === 0) continue;
        const found = chosen.get(firstUses[i]) as { text: string }; // chosen, as checked
        const document = firstUses[i + 1];
        const global = { ...share.documents[document], id: share.documents[document].id + documentOffset };
        collector.record(collector.group(found.text), found.text, global, lineAt(share.tokens[document], firstUses[i + 2]));
      }
      for (let i = 0; i < newFillers.length; i += 2) {
        const frame = newFillers[i];
        if (isChosen[frame] === 0 || (examples.get(frame)?.length ?? 0) >= 5 || seenPairs.has(`${frame},${newFillers[i + 1]}`)) continue;
        seenPairs.add(`${frame},${newFillers[i + 1]}`);
        const list = examples.get(frame) ?? [];
        const example = unchain(fillers, newFillers[i + 1]).map(token => (token === SLOT_MARK ? '/' : words[token])).join('');
        if (list.length < 5 && !list.includes(example)) list.push(example); // two cuts of the same words read the same
        examples.set(frame, list);
      }
    }
    for (const [frame, found] of chosen) {
      const group = collector.group(found.text);
      if (group.occurrences > 0) group.occurrences = uses[frame]; // one record per document above; every use counts
    }
    const byText = new Map([...chosen].map(([frame, found]) => [found.text, { ...found, examples: examples.get(frame) ?? [] }]));
    return collector.entries(MIN_DOCUMENTS).slice(0, MAX_TEMPLATES).map(entry => {
      const frame = byText.get(entry.text) as { fixed: readonly string[]; examples: string[] }; // every collected text was chosen
      const snippet = frame.fixed.map(escapeSnippetText).reduce((acc, fixed, i) => `${acc}${tabStop(i, SLOT)}${fixed}`);
      return { ...entry, snippet, items: frame.examples };
    });
  }
}
