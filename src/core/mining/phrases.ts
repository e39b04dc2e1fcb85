/**
 * Recurring multi-word expressions (常用表述) from jieba tokens: word bigrams and trigrams that hold
 * together (cohesion: their words co-occur far more often than chance) and stand free of their context
 * (boundary entropy: many different words precede and follow them), used in several documents.
 *
 * Kept up to date file by file (`PhraseMiner`): the corpus's n-gram counts take a file in or out by walking its
 * tokens; the shortlist is chosen from the counts alone; each file's uses of the shortlist are kept as counts until
 * the shortlist changes. A changed file costs walks over its own tokens, and the phrases are the ones a pass over
 * the whole corpus gives.
 */
import { MAX_SOURCES_PER_ENTRY, type EntrySource, type LibraryDocument, type LibraryEntry } from '../library';
import type { Steps } from '../steps';
import { EntryCollector, genreBit, type Placed } from './collector';
import { PairTable } from './pairTable';
import { BOUNDARY, lineAt, type DocumentTokens, type WordCounts } from './tokens';

const MIN_OCCURRENCES = 3;
const MIN_DOCUMENTS = 2;
const MIN_CHARS = 4;
const MAX_CHARS = 12;
/** log(co-occurrence / chance) must exceed this for every split of the n-gram. */
const MIN_COHESION = Math.log(4);
const MIN_BOUNDARY_ENTROPY = 1.0;
const MAX_PHRASES = 400;
/** How many of the most used cohesive n-grams are examined for free boundaries: enough that 400 survive. */
const SHORTLIST_FACTOR = 4;
/** Words that neither start nor end an expression. */
const EDGE_STOPWORDS = new Set(['的', '了', '和', '与', '及', '是', '在', '等', '把', '对', '为', '将', '也', '都', '要', '并', '而', '从', '向', '以', '于', '之', '上', '中', '着', '个', '又', '就', '我', '我们', '这', '那', '其']);

/**
 * c·log c in fixed point (integers, exact in a double up to 2^53): sums of them do not depend on the order of
 * additions and removals, so an entropy kept up to date file by file is exactly the one counted in one pass.
 */
const FIXED_POINT = 2 ** 20;
const X_LOG_X = Float64Array.from({ length: 4096 }, (_, c) => fixedXLogX(c));

function fixedXLogX(c: number): number {
  return c > 1 ? Math.round(c * Math.log(c) * FIXED_POINT) : 0;
}

function xLogX(c: number): number {
  return c < X_LOG_X.length ? X_LOG_X[c] : fixedXLogX(c);
}

/**
 * The entropy of one side's neighbours, kept up to date per occurrence without a map per candidate:
 * H = log T - (1/T) Σ c·log c over the neighbour counts c (total T). A clause edge counts as a neighbour
 * of its own (c = 1, adding nothing to the sum), as every edge is a different context.
 */
class NeighbourEntropy {
  private readonly pairs = new PairTable();
  private readonly totals: Float64Array;
  private readonly sums: Float64Array;

  constructor(candidates: number) {
    this.totals = new Float64Array(candidates);
    this.sums = new Float64Array(candidates);
  }

  observe(candidate: number, neighbour: number, sign: 1 | -1): void {
    this.totals[candidate] += sign;
    if (neighbour === BOUNDARY) return;
    const pair = sign > 0 ? this.pairs.add(candidate, neighbour, 0) : this.pairs.remove(candidate, neighbour, -1);
    const count = this.pairs.counts[pair]; // after `add`, which may replace `counts` with a larger array
    this.sums[candidate] += sign > 0 ? xLogX(count) - xLogX(count - 1) : xLogX(count) - xLogX(count + 1);
  }

  entropy(candidate: number): number {
    const total = this.totals[candidate];
    return total > 0 ? Math.log(total) - this.sums[candidate] / FIXED_POINT / total : 0;
  }
}

/** What the phrase miner needs of a file: its documents (ids from 0) and their tokens. */
export interface TokenFile {
  readonly documents: readonly LibraryDocument[];
  readonly tokens: readonly DocumentTokens[];
}

/** A cohesive, frequent n-gram: a bigram (`trigram` false) or a trigram, by its id in its table. */
interface Proposal {
  readonly trigram: boolean;
  readonly id: number;
  readonly text: string;
  readonly tokens: readonly number[];
}

/**
 * A file's uses of the shortlisted n-grams, counted per group (a distinct text of the shortlist): numbers, not
 * collectors, as every file uses most of the shortlist. Its sources are noted on its first walk and kept only if
 * the library needs them (20 per entry are kept, so only the first files' are), else found again by another walk;
 * its neighbours are found again by walking it when the file is taken out.
 */
interface Observed {
  readonly generation: number;
  readonly occurrences: Int32Array;
  readonly documents: Int32Array;
  /** Per group: the genres of its documents (`genreBit`s). */
  readonly genres: Int32Array;
  /** (group, document, line) of the first use in each of the group's first `MAX_SOURCES_PER_ENTRY` documents here. */
  sources?: Int32Array;
}

/**
 * Per document of a file just counted in: the id + 1 of the bigram at each token (0: none), kept until the file is
 * observed so that walk needs no lookup for bigrams (trigrams are looked up there only after a bigram that begins a
 * shortlisted one).
 */
type BigramsAt = Int32Array[];

export class PhraseMiner {
  private readonly bigrams = new PairTable();
  private readonly trigrams = new PairTable();
  private totalTokens = 0;
  /** Marks each document walk, so the tables count distinct documents for additions and removals alike. */
  private walks = 0;
  /** The shortlist's n-grams (as `ngramKey`s, sorted) and its generation: observations of another are stale. */
  private shortlist = '';
  private generation = 0;
  private candidateOfBigram = new Int32Array(0);
  private candidateOfTrigram = new Int32Array(0);
  /** Per bigram id: 1 if the bigram is the first two words of a shortlisted trigram. */
  private beginsCandidate = new Uint8Array(0);
  /** Per candidate: its group, the distinct text it reads as; and each group's text. */
  private groupOf = new Int32Array(0);
  private groupTexts: string[] = [];
  private left = new NeighbourEntropy(0);
  private right = new NeighbourEntropy(0);
  private readonly observed = new Map<TokenFile, Observed>();
  private readonly pending = new Map<TokenFile, BigramsAt>();
  private readonly bigramTexts = new Map<number, string | null>();
  private readonly trigramTexts = new Map<number, string | null>();

  constructor(private readonly words: WordCounts) {}

  /** Counts a file's n-grams in. */
  add(file: TokenFile): void {
    const known: BigramsAt = [];
    const { bigrams, trigrams } = this;
    for (const { ids: tokens } of file.tokens) {
      const bigramsAt = new Int32Array(tokens.length);
      const document = ++this.walks;
      for (let i = 0; i < tokens.length - 1; i++) {
        const a = tokens[i];
        if (a === BOUNDARY) continue;
        this.totalTokens++;
        const b = tokens[i + 1];
        if (b === BOUNDARY) continue;
        const bigram = bigrams.add(a, b, document);
        bigramsAt[i] = bigram + 1;
        const c = i + 2 < tokens.length ? tokens[i + 2] : BOUNDARY;
        if (c !== BOUNDARY) trigrams.add(bigram, c, document);
      }
      known.push(bigramsAt);
    }
    this.pending.set(file, known);
  }

  /** Takes a file's n-grams, and its occurrences of the shortlisted ones, back out (the mirror of `add`). */
  remove(file: TokenFile): void {
    // Its neighbours were counted in with this shortlist: the same walk takes them out.
    if (this.observed.get(file)?.generation === this.generation) this.walkUses(file, -1);
    this.observed.delete(file);
    this.pending.delete(file);
    const { bigrams, trigrams } = this;
    for (const { ids: tokens } of file.tokens) {
      const document = ++this.walks;
      for (let i = 0; i < tokens.length - 1; i++) {
        const a = tokens[i];
        if (a === BOUNDARY) continue;
        this.totalTokens--;
        const b = tokens[i + 1];
        if (b === BOUNDARY) continue;
        const bigram = bigrams.remove(a, b, document);
        const c = i + 2 < tokens.length ? tokens[i + 2] : BOUNDARY;
        if (c !== BOUNDARY) trigrams.remove(bigram, c, document);
      }
    }
  }

  /**
   * The phrases of the corpus made of `files` (in corpus order; each added before), in steps (see `steps.ts`): a
   * step per file walked, as a new shortlist walks every file.
   */
  *entriesInSteps(files: readonly Placed<TokenFile>[]): Steps<LibraryEntry[]> {
    const chosen = this.propose(MAX_PHRASES * SHORTLIST_FACTOR);
    const shortlist = chosen.map(ngramKey).sort((a, b) => a - b).join(',');
    if (shortlist !== this.shortlist) this.startGeneration(shortlist, chosen);
    yield;
    // A file observed now also notes its sources (no second walk if they are needed); they are kept only if they are.
    const fresh = new Set<TokenFile>();
    for (const { share } of files) {
      if (this.observed.get(share)?.generation === this.generation) continue;
      this.observed.set(share, this.walkUses(share, 1) as Observed);
      fresh.add(share);
      yield;
    }
    this.pending.clear();
    const collector = new EntryCollector('phrase');
    for (const proposal of chosen) collector.group(proposal.text); // ties in the list keep the shortlist's order
    const groups = this.groupTexts.length;
    const occurrences = new Int32Array(groups);
    const documents = new Int32Array(groups);
    const genres = new Int32Array(groups);
    for (const { share } of files) {
      const observed = this.observed.get(share) as Observed; // every file was observed above
      for (let g = 0; g < groups; g++) {
        occurrences[g] += observed.occurrences[g];
        documents[g] += observed.documents[g];
        genres[g] |= observed.genres[g];
      }
    }
    // Sources in corpus order, from the first files that hold each group, until it has all an entry keeps.
    const sources: EntrySource[][] = Array.from({ length: groups }, () => []);
    const wanted = (g: number): boolean => sources[g].length < Math.min(MAX_SOURCES_PER_ENTRY, documents[g]);
    for (const { share, documentOffset } of files) {
      const observed = this.observed.get(share) as Observed;
      if (!observed.documents.some((count, g) => count > 0 && wanted(g))) continue;
      observed.sources ??= this.walkUses(share, 0)?.sources as Int32Array; // walking for sources returns them
      fresh.delete(share);
      const found = observed.sources;
      for (let i = 0; i < found.length; i += 3) {
        if (wanted(found[i])) sources[found[i]].push({ document: found[i + 1] + documentOffset, line: found[i + 2] });
      }
      if (!sources.some((_, g) => wanted(g))) break;
    }
    for (const share of fresh) delete (this.observed.get(share) as Observed).sources;
    this.groupTexts.forEach((text, g) => {
      if (occurrences[g] > 0) collector.addCounted(collector.group(text), text, occurrences[g], documents[g], genres[g], sources[g]);
    });
    // A text is free when one of its cuts is.
    const free = new Set<string>();
    this.groupOf.forEach((group, candidate) => {
      if (Math.min(this.left.entropy(candidate), this.right.entropy(candidate)) >= MIN_BOUNDARY_ENTROPY) free.add(this.groupTexts[group]);
    });
    return collector.entries(MIN_DOCUMENTS, MIN_OCCURRENCES).filter(entry => free.has(entry.text)).slice(0, MAX_PHRASES);
  }

  /**
   * Every counted n-gram by its words with its uses and documents, the word total, and each shortlisted n-gram's
   * neighbour counts, in order: the same corpus must give the same, however it was reached (the incremental tests
   * compare this besides the library, which shows only what passes the cuts).
   */
  statistics(): string[] {
    const words = this.words.words;
    const rows = [`tokens\t${this.totalTokens}`];
    const bigramWords = (id: number): string => `${words[this.bigrams.firsts[id]]} ${words[this.bigrams.seconds[id]]}`;
    for (let id = 0; id < this.bigrams.size; id++) {
      if (this.bigrams.counts[id] !== 0 || this.bigrams.documentCounts[id] !== 0) rows.push(`${bigramWords(id)}\t${this.bigrams.counts[id]}\t${this.bigrams.documentCounts[id]}`);
    }
    for (let id = 0; id < this.trigrams.size; id++) {
      if (this.trigrams.counts[id] !== 0 || this.trigrams.documentCounts[id] !== 0) {
        rows.push(`${bigramWords(this.trigrams.firsts[id])} ${words[this.trigrams.seconds[id]]}\t${this.trigrams.counts[id]}\t${this.trigrams.documentCounts[id]}`);
      }
    }
    this.groupOf.forEach((group, candidate) => rows.push(`~${this.groupTexts[group]}\t${this.left.entropy(candidate)}\t${this.right.entropy(candidate)}`));
    return rows.sort();
  }

  /**
   * The `limit` most used cohesive, frequent n-grams, decided from the counts alone (no pass over the corpus). Ties
   * go by text, never by id: ids depend on the order files were added, and the same corpus must give the same library.
   */
  private propose(limit: number): Proposal[] {
    const { bigrams, trigrams, totalTokens } = this;
    const { counts, words } = this.words;
    const pmi = (joint: number, left: number, right: number): number => Math.log((joint * totalTokens) / (left * right));
    const proposals: Proposal[] = [];
    for (let id = 0; id < bigrams.size; id++) {
      if (bigrams.counts[id] < MIN_OCCURRENCES || bigrams.documentCounts[id] < MIN_DOCUMENTS) continue;
      const a = bigrams.firsts[id];
      const b = bigrams.seconds[id];
      if (pmi(bigrams.counts[id], counts[a], counts[b]) < MIN_COHESION) continue;
      const text = this.textOf(this.bigramTexts, id, [a, b]);
      if (text) proposals.push({ trigram: false, id, text, tokens: [a, b] });
    }
    for (let id = 0; id < trigrams.size; id++) {
      if (trigrams.counts[id] < MIN_OCCURRENCES || trigrams.documentCounts[id] < MIN_DOCUMENTS) continue;
      const ab = trigrams.firsts[id];
      const a = bigrams.firsts[ab];
      const b = bigrams.seconds[ab];
      const c = trigrams.seconds[id];
      const cohesion = Math.min(pmi(trigrams.counts[id], bigrams.counts[ab], counts[c]), pmi(trigrams.counts[id], counts[a], bigrams.count(bigrams.get(b, c))));
      if (cohesion < MIN_COHESION) continue;
      const text = this.textOf(this.trigramTexts, id, [a, b, c]);
      if (text) proposals.push({ trigram: true, id, text, tokens: [a, b, c] });
    }
    const tableOf = (proposal: Proposal): PairTable => (proposal.trigram ? trigrams : bigrams);
    // Only proposals used in as many documents as the `limit`-th can make the list: the rest need no sorting.
    const documentCounts = Int32Array.from(proposals, proposal => tableOf(proposal).documentCounts[proposal.id]).sort();
    const least = documentCounts.length > limit ? documentCounts[documentCounts.length - limit] : 0;
    const cut = (proposal: Proposal): string => proposal.tokens.map(token => words[token]).join('\u0000');
    return proposals.filter(proposal => tableOf(proposal).documentCounts[proposal.id] >= least)
      .sort((x, y) => tableOf(y).documentCounts[y.id] - tableOf(x).documentCounts[x.id] || tableOf(y).counts[y.id] - tableOf(x).counts[x.id]
        || compareText(x.text, y.text) || Number(x.trigram) - Number(y.trigram) || compareText(cut(x), cut(y)))
      .slice(0, limit);
  }

  /** An n-gram's text if it can be an expression (length, no stop word at an edge), else null; kept per id, as words never change. */
  private textOf(cache: Map<number, string | null>, id: number, tokens: readonly number[]): string | null {
    let text = cache.get(id);
    if (text === undefined) {
      const words = this.words.words;
      text = tokens.map(token => words[token]).join('');
      if (EDGE_STOPWORDS.has(words[tokens[0]]) || EDGE_STOPWORDS.has(words[tokens[tokens.length - 1]]) || text.length < MIN_CHARS || text.length > MAX_CHARS) text = null;
      cache.set(id, text);
    }
    return text;
  }

  /** A new shortlist: every file's occurrences are observed again, and the neighbours counted afresh. */
  private startGeneration(shortlist: string, chosen: readonly Proposal[]): void {
    this.shortlist = shortlist;
    this.generation++;
    this.candidateOfBigram = new Int32Array(this.bigrams.size).fill(-1);
    this.candidateOfTrigram = new Int32Array(this.trigrams.size).fill(-1);
    this.beginsCandidate = new Uint8Array(this.bigrams.size);
    chosen.forEach((proposal, candidate) => {
      (proposal.trigram ? this.candidateOfTrigram : this.candidateOfBigram)[proposal.id] = candidate;
      if (proposal.trigram) this.beginsCandidate[this.trigrams.firsts[proposal.id]] = 1;
    });
    const groups = new Map<string, number>();
    this.groupOf = Int32Array.from(chosen, proposal => groups.get(proposal.text) ?? groups.set(proposal.text, groups.size).size - 1);
    this.groupTexts = [...groups.keys()];
    this.left = new NeighbourEntropy(chosen.length);
    this.right = new NeighbourEntropy(chosen.length);
  }

  /**
   * Walks a file's uses of the shortlisted n-grams. `sign` 1: counts their neighbours in and returns the file's
   * counts per group and its sources; -1: counts the neighbours out; 0: returns the file's sources alone.
   */
  private walkUses(file: TokenFile, sign: 1 | -1 | 0): Observed | undefined {
    const groups = this.groupTexts.length;
    const counting = sign === 1;
    const occurrences = new Int32Array(counting ? groups : 0);
    const documents = new Int32Array(counting ? groups : 0);
    const genres = new Int32Array(counting ? groups : 0);
    const lastDocument = new Int32Array(groups).fill(-1);
    const sourceCount = new Int32Array(groups);
    const sources: number[] = [];
    const { candidateOfBigram, candidateOfTrigram, beginsCandidate, bigrams, trigrams, groupOf } = this;
    const use = (candidate: number, ids: Int32Array, start: number, end: number, document: number): void => {
      if (sign !== 0) {
        this.left.observe(candidate, start > 0 ? ids[start - 1] : BOUNDARY, sign);
        this.right.observe(candidate, end < ids.length ? ids[end] : BOUNDARY, sign);
        if (!counting) return;
      }
      const group = groupOf[candidate];
      if (counting) occurrences[group]++;
      if (lastDocument[group] === document) return;
      lastDocument[group] = document;
      if (counting) {
        documents[group]++;
        genres[group] |= genreBit(file.documents[document].genre);
      }
      if (sourceCount[group]++ < MAX_SOURCES_PER_ENTRY) sources.push(group, file.documents[document].id, lineAt(file.tokens[document], start));
    };
    const known = this.pending.get(file);
    const bigramCandidates = candidateOfBigram.length;
    for (let document = 0; document < file.tokens.length; document++) {
      const { ids } = file.tokens[document];
      const bigramsAt = known?.[document];
      for (let i = 0; i < ids.length - 1; i++) {
        const bigram = bigramsAt !== undefined ? bigramsAt[i] - 1 : ids[i] === BOUNDARY || ids[i + 1] === BOUNDARY ? -1 : bigrams.get(ids[i], ids[i + 1]);
        // Ids above the tables' sizes at the shortlist's start came later, and are no candidates.
        if (bigram < 0 || bigram >= bigramCandidates) continue;
        const asBigram = candidateOfBigram[bigram];
        if (asBigram >= 0) use(asBigram, ids, i, i + 2, document);
        if (beginsCandidate[bigram] === 0 || i + 2 >= ids.length || ids[i + 2] === BOUNDARY) continue;
        const trigram = trigrams.get(bigram, ids[i + 2]);
        const asTrigram = trigram >= 0 && trigram < candidateOfTrigram.length ? candidateOfTrigram[trigram] : -1;
        if (asTrigram >= 0) use(asTrigram, ids, i, i + 3, document);
      }
    }
    return sign === -1 ? undefined : { generation: this.generation, occurrences, documents, genres, sources: Int32Array.from(sources) };
  }
}

/** One number per n-gram: its id, and which table. */
function ngramKey(proposal: Proposal): number {
  return proposal.id * 2 + Number(proposal.trigram);
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
