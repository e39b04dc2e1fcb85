/**
 * Recurring multi-word expressions (常用表述) from jieba tokens: word bigrams and trigrams that hold
 * together (cohesion: their words co-occur far more often than chance) and stand free of their context
 * (boundary entropy: many different words precede and follow them), used in several documents.
 */
import type { LibraryDocument, LibraryEntry } from '../library';
import { EntryCollector, type Group } from './collector';
import { PairTable } from './pairTable';
import { BOUNDARY, type TokenizedCorpus } from './tokens';

const MIN_OCCURRENCES = 3;
const MIN_DOCUMENTS = 2;
const MIN_CHARS = 4;
const MAX_CHARS = 12;
/** log(co-occurrence / chance) must exceed this for every split of the n-gram. */
const MIN_COHESION = Math.log(4);
const MIN_BOUNDARY_ENTROPY = 1.0;
const MAX_PHRASES = 400;
/** Words that neither start nor end an expression. */
const EDGE_STOPWORDS = new Set(['的', '了', '和', '与', '及', '是', '在', '等', '把', '对', '为', '将', '也', '都', '要', '并', '而', '从', '向', '以', '于', '之', '上', '中', '着', '个', '又', '就', '我', '我们', '这', '那', '其']);

function entropy(neighbours: Map<number, number>, boundaries: number): number {
  let total = boundaries;
  for (const count of neighbours.values()) total += count;
  if (total === 0) return 0;
  let h = 0;
  for (const count of neighbours.values()) h -= (count / total) * Math.log(count / total);
  // Every clause edge is a different neighbour: each adds its own share.
  if (boundaries > 0) h -= boundaries * (1 / total) * Math.log(1 / total);
  return h;
}

interface Candidate {
  readonly text: string;
  readonly group: Group;
  readonly left: Map<number, number>;
  readonly right: Map<number, number>;
  leftEdges: number;
  rightEdges: number;
}

export function minePhraseEntries(corpus: TokenizedCorpus, documents: readonly LibraryDocument[]): LibraryEntry[] {
  const { table, streams, lines } = corpus;
  const bigrams = new PairTable();
  const trigrams = new PairTable();
  let totalTokens = 0;

  streams.forEach((ids, document) => {
    for (let i = 0; i < ids.length - 1; i++) {
      const a = ids[i];
      const b = ids[i + 1];
      if (a === BOUNDARY) continue;
      totalTokens++;
      if (b === BOUNDARY) continue;
      const bigram = bigrams.add(a, b, document);
      const c = ids[i + 2];
      if (c !== undefined && c !== BOUNDARY) trigrams.add(bigram, c, document);
    }
  });

  const pmi = (joint: number, left: number, right: number): number => Math.log((joint * totalTokens) / (left * right));
  const words = table.texts;
  const candidates: Candidate[] = [];
  const collector = new EntryCollector('phrase');
  const consider = (tokens: readonly number[], count: number, documentCount: number, cohesion: number): string | undefined => {
    if (count < MIN_OCCURRENCES || documentCount < MIN_DOCUMENTS || cohesion < MIN_COHESION) return undefined;
    if (EDGE_STOPWORDS.has(words[tokens[0]]) || EDGE_STOPWORDS.has(words[tokens[tokens.length - 1]])) return undefined;
    const text = tokens.map(token => words[token]).join('');
    return text.length >= MIN_CHARS && text.length <= MAX_CHARS ? text : undefined;
  };

  // Decided once per n-gram, not per occurrence: its candidate record, or null when it is not a phrase.
  const bigramCandidates: (Candidate | null | undefined)[] = [];
  const trigramCandidates: (Candidate | null | undefined)[] = [];
  const candidateFor = (text: string | undefined): Candidate | null => {
    if (!text) return null;
    const candidate: Candidate = { text, group: collector.group(text), left: new Map(), right: new Map(), leftEdges: 0, rightEdges: 0 };
    candidates.push(candidate);
    return candidate;
  };
  const observe = (candidate: Candidate, ids: Int32Array, start: number, end: number, document: number): void => {
    const before = start > 0 ? ids[start - 1] : BOUNDARY;
    const after = end < ids.length ? ids[end] : BOUNDARY;
    if (before === BOUNDARY) candidate.leftEdges++;
    else candidate.left.set(before, (candidate.left.get(before) ?? 0) + 1);
    if (after === BOUNDARY) candidate.rightEdges++;
    else candidate.right.set(after, (candidate.right.get(after) ?? 0) + 1);
    collector.record(candidate.group, candidate.text, documents[document], lines[document][start]);
  };

  // Second pass: occurrences of the cohesive n-grams, with their neighbours.
  streams.forEach((ids, document) => {
    for (let i = 0; i < ids.length - 1; i++) {
      const a = ids[i];
      const b = ids[i + 1];
      if (a === BOUNDARY || b === BOUNDARY) continue;
      const bigram = bigrams.get(a, b);
      if (bigrams.count(bigram) < MIN_OCCURRENCES) continue; // no frequent trigram starts with a rare bigram
      let candidate = bigramCandidates[bigram];
      if (candidate === undefined) {
        candidate = candidateFor(consider([a, b], bigrams.counts[bigram], bigrams.documentCounts[bigram], pmi(bigrams.counts[bigram], table.counts[a], table.counts[b])));
        bigramCandidates[bigram] = candidate;
      }
      if (candidate) observe(candidate, ids, i, i + 2, document);
      const c = ids[i + 2];
      if (c === undefined || c === BOUNDARY) continue;
      const trigram = trigrams.get(bigram, c);
      if (trigrams.count(trigram) < MIN_OCCURRENCES) continue;
      candidate = trigramCandidates[trigram];
      if (candidate === undefined) {
        const bc = bigrams.get(b, c);
        const cohesion = Math.min(pmi(trigrams.counts[trigram], bigrams.counts[bigram], table.counts[c]), pmi(trigrams.counts[trigram], table.counts[a], bigrams.count(bc)));
        candidate = candidateFor(consider([a, b, c], trigrams.counts[trigram], trigrams.documentCounts[trigram], cohesion));
        trigramCandidates[trigram] = candidate;
      }
      if (candidate) observe(candidate, ids, i, i + 3, document);
    }
  });

  const free = new Set(candidates
    .filter(candidate => Math.min(entropy(candidate.left, candidate.leftEdges), entropy(candidate.right, candidate.rightEdges)) >= MIN_BOUNDARY_ENTROPY)
    .map(candidate => candidate.text));
  return collector.entries(MIN_DOCUMENTS, MIN_OCCURRENCES).filter(entry => free.has(entry.text)).slice(0, MAX_PHRASES);
}
