/**
 * Recurring multi-word expressions (常用表述) from jieba tokens: word bigrams and trigrams that hold
 * together (cohesion: their words co-occur far more often than chance) and stand free of their context
 * (boundary entropy: many different words precede and follow them), used in several documents.
 */
import type { LibraryDocument, LibraryEntry } from '../library';
import { EntryCollector, type Group } from './collector';
import { PairTable } from './pairTable';
import { BOUNDARY, lineAt, type TokenizedCorpus } from './tokens';

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

/** c·log c for the small counts that nearly every neighbour has, looked up instead of computed per occurrence. */
const X_LOG_X = Float64Array.from({ length: 4096 }, (_, c) => (c > 1 ? c * Math.log(c) : 0));

function xLogX(c: number): number {
  return c < X_LOG_X.length ? X_LOG_X[c] : c * Math.log(c);
}

/**
 * The entropy of one side's neighbours, kept up to date per occurrence without a map per candidate:
 * H = log T - (1/T) Σ c·log c over the neighbour counts c (total T). A clause edge counts as a neighbour
 * of its own (c = 1, adding nothing to the sum), as every edge is a different context.
 */
class NeighbourEntropy {
  private readonly pairs = new PairTable();
  private totals = new Float64Array(1024);
  private sums = new Float64Array(1024);

  observe(candidate: number, neighbour: number): void {
    if (candidate >= this.totals.length) this.grow();
    this.totals[candidate]++;
    if (neighbour === BOUNDARY) return;
    const pair = this.pairs.add(candidate, neighbour, 0);
    const count = this.pairs.counts[pair]; // after `add`, which may replace `counts` with a larger array
    this.sums[candidate] += xLogX(count) - xLogX(count - 1);
  }

  entropy(candidate: number): number {
    const total = this.totals[candidate];
    return total > 0 ? Math.log(total) - this.sums[candidate] / total : 0;
  }

  private grow(): void {
    const totals = new Float64Array(this.totals.length * 2);
    totals.set(this.totals);
    const sums = new Float64Array(this.sums.length * 2);
    sums.set(this.sums);
    this.totals = totals;
    this.sums = sums;
  }
}

interface Candidate {
  readonly index: number;
  readonly text: string;
  readonly group: Group;
}

export function minePhraseEntries(corpus: TokenizedCorpus, documents: readonly LibraryDocument[]): LibraryEntry[] {
  const { table, streams } = corpus;
  const bigrams = new PairTable();
  const trigrams = new PairTable();
  let totalTokens = 0;

  // The n-gram ids at each position, kept for the second pass so it does not hash every pair again.
  const bigramsAt = streams.map(ids => new Int32Array(ids.length).fill(-1));
  const trigramsAt = streams.map(ids => new Int32Array(ids.length).fill(-1));
  streams.forEach((ids, document) => {
    for (let i = 0; i < ids.length - 1; i++) {
      const a = ids[i];
      const b = ids[i + 1];
      if (a === BOUNDARY) continue;
      totalTokens++;
      if (b === BOUNDARY) continue;
      const bigram = bigrams.add(a, b, document);
      bigramsAt[document][i] = bigram;
      const c = ids[i + 2];
      if (c !== undefined && c !== BOUNDARY) trigramsAt[document][i] = trigrams.add(bigram, c, document);
    }
  });

  const pmi = (joint: number, left: number, right: number): number => Math.log((joint * totalTokens) / (left * right));
  const words = table.texts;
  const textOf = (tokens: readonly number[]): string | undefined => {
    if (EDGE_STOPWORDS.has(words[tokens[0]]) || EDGE_STOPWORDS.has(words[tokens[tokens.length - 1]])) return undefined;
    const text = tokens.map(token => words[token]).join('');
    return text.length >= MIN_CHARS && text.length <= MAX_CHARS ? text : undefined;
  };

  // Cohesive, frequent n-grams, decided from the counts alone (no pass over the corpus).
  const proposals: { table: PairTable; id: number; text: string; order: number }[] = [];
  for (let id = 0; id < bigrams.size; id++) {
    if (bigrams.counts[id] < MIN_OCCURRENCES || bigrams.documentCounts[id] < MIN_DOCUMENTS) continue;
    const a = bigrams.firsts[id];
    const b = bigrams.seconds[id];
    if (pmi(bigrams.counts[id], table.counts[a], table.counts[b]) < MIN_COHESION) continue;
    const text = textOf([a, b]);
    if (text) proposals.push({ table: bigrams, id, text, order: proposals.length });
  }
  for (let id = 0; id < trigrams.size; id++) {
    if (trigrams.counts[id] < MIN_OCCURRENCES || trigrams.documentCounts[id] < MIN_DOCUMENTS) continue;
    const ab = trigrams.firsts[id];
    const a = bigrams.firsts[ab];
    const b = bigrams.seconds[ab];
    const c = trigrams.seconds[id];
    const cohesion = Math.min(pmi(trigrams.counts[id], bigrams.counts[ab], table.counts[c]), pmi(trigrams.counts[id], table.counts[a], bigrams.count(bigrams.get(b, c))));
    if (cohesion < MIN_COHESION) continue;
    const text = textOf([a, b, c]);
    if (text) proposals.push({ table: trigrams, id, text, order: proposals.length });
  }
  // Only the most used can make the list: their occurrences, sources and neighbours are gathered below.
  proposals.sort((x, y) => y.table.documentCounts[y.id] - x.table.documentCounts[x.id] || y.table.counts[y.id] - x.table.counts[x.id] || x.order - y.order);
  const chosen = proposals.slice(0, MAX_PHRASES * SHORTLIST_FACTOR);
  const collector = new EntryCollector('phrase');
  const candidates: Candidate[] = [];
  const candidateOf = { bigram: new Int32Array(bigrams.size).fill(-1), trigram: new Int32Array(trigrams.size).fill(-1) };
  for (const proposal of chosen) {
    (proposal.table === bigrams ? candidateOf.bigram : candidateOf.trigram)[proposal.id] = candidates.length;
    candidates.push({ index: candidates.length, text: proposal.text, group: collector.group(proposal.text) });
  }
  const left = new NeighbourEntropy();
  const right = new NeighbourEntropy();
  const observe = (candidate: Candidate, ids: Int32Array, start: number, end: number, document: number): void => {
    left.observe(candidate.index, start > 0 ? ids[start - 1] : BOUNDARY);
    right.observe(candidate.index, end < ids.length ? ids[end] : BOUNDARY);
    collector.record(candidate.group, candidate.text, documents[document], lineAt(corpus.documents[document], start));
  };

  // Second pass: occurrences of the shortlisted n-grams, with their neighbours.
  streams.forEach((ids, document) => {
    const bigramAt = bigramsAt[document];
    const trigramAt = trigramsAt[document];
    for (let i = 0; i < ids.length - 1; i++) {
      const bigram = bigramAt[i];
      if (bigram < 0) continue;
      const asBigram = candidateOf.bigram[bigram];
      if (asBigram >= 0) observe(candidates[asBigram], ids, i, i + 2, document);
      const trigram = trigramAt[i];
      const asTrigram = trigram < 0 ? -1 : candidateOf.trigram[trigram];
      if (asTrigram >= 0) observe(candidates[asTrigram], ids, i, i + 3, document);
    }
  });

  const free = new Set(candidates
    .filter(candidate => Math.min(left.entropy(candidate.index), right.entropy(candidate.index)) >= MIN_BOUNDARY_ENTROPY)
    .map(candidate => candidate.text));
  return collector.entries(MIN_DOCUMENTS, MIN_OCCURRENCES).filter(entry => free.has(entry.text)).slice(0, MAX_PHRASES);
}
