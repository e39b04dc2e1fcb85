/**
 * The fuzzy tier: when nothing continues the typed text exactly, passages ranked by the character bigrams they share
 * with it (BM25), and where in a passage the mistyped text most likely starts.
 */
import { Clock } from './ranking';
import { B, K1, MAX_FUZZY_BIGRAMS, MAX_POSTINGS_PER_BIGRAM, PostingCursor, postingLists } from './shared';
import type { PassageIndexData } from './types';

export class FuzzyTier {
  private scores: Float32Array | undefined;
  private hits: Uint16Array | undefined;
  private readonly averageLength: number;

  constructor(private readonly data: PassageIndexData) {
    let total = 0;
    for (let p = 0; p < data.passageLength.length; p++) total += data.passageLength[p];
    this.averageLength = data.passageLength.length > 0 ? total / data.passageLength.length : 1;
  }

  /**
   * Passages sharing at least half of the query's bigrams, ranked by how many they share, then by BM25
   * (so a short passage with few of them does not beat the sentence that has all but the mistyped one).
   * The score is `1000 × shared bigrams + BM25`; `complete` reranks by bigrams in place (see `align`).
   */
  matches(query: string, limit: number, clock: Clock): { passage: number; score: number }[] {
    const d = this.data;
    const count = d.passageStart.length;
    const found = postingLists(this.data, query, false);
    if (!found || found.lists.length === 0 || count === 0) return [];
    const used = found.lists.slice(0, MAX_FUZZY_BIGRAMS);
    const minHits = Math.max(1, Math.ceil(Math.min(found.counted, MAX_FUZZY_BIGRAMS) * 0.5));
    this.scores ??= new Float32Array(count);
    this.hits ??= new Uint16Array(count);
    const scores = this.scores;
    const hits = this.hits;
    const touched: number[] = [];
    for (const list of used) {
      if (clock.check()) break;
      const df = list.to - list.from;
      const idf = Math.log(1 + (count - df + 0.5) / (df + 0.5));
      const cursor = new PostingCursor(d.postingBytes, list);
      for (let j = 0, p = cursor.next(); p >= 0 && j < MAX_POSTINGS_PER_BIGRAM; j++, p = cursor.next()) {
        if (hits[p] === 0) touched.push(p);
        hits[p]++;
        scores[p] += (idf * (K1 + 1)) / (1 + K1 * (1 - B + (B * d.passageLength[p]) / this.averageLength));
      }
    }
    const best: { passage: number; score: number }[] = [];
    for (const p of touched) {
      if (hits[p] >= minHits) {
        const score = hits[p] * 1000 + scores[p];
        if (best.length < limit || score > best[best.length - 1].score) {
          let i = best.length < limit ? best.length : limit - 1;
          if (best.length < limit) best.push({ passage: p, score });
          while (i > 0 && (best[i - 1].score < score || (best[i - 1].score === score && best[i - 1].passage > p))) {
            best[i] = best[i - 1];
            i--;
          }
          best[i] = { passage: p, score };
        }
      }
      scores[p] = 0;
      hits[p] = 0;
    }
    return best;
  }

  /** Where in the passage the (mistyped) query most likely starts: the offset most of its bigrams agree on. */
  align(query: string, passage: number): { pos: number; votes: number } {
    const d = this.data;
    const start = d.passageStart[passage];
    const end = start + d.passageLength[passage];
    const votes = new Map<number, number>();
    for (let i = 0; i + 1 < query.length; i++) {
      const bigram = query.slice(i, i + 2);
      const at = d.text.indexOf(bigram, start);
      if (at < 0 || at + 2 > end) continue;
      const pos = Math.min(end - 1, Math.max(start, at - i));
      votes.set(pos, (votes.get(pos) ?? 0) + 1);
    }
    let best = start;
    let bestVotes = 0;
    for (const [pos, n] of votes) {
      if (n > bestVotes || (n === bestVotes && pos < best)) {
        best = pos;
        bestVotes = n;
      }
    }
    return { pos: best, votes: bestVotes };
  }
}
