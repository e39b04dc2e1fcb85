/**
 * The exact tier: the clause starts whose text begins with the query (`start`, `clause`), one binary-searched range
 * of the sorted clause starts; then matches inside a clause through the bigram postings (`inside`).
 */
import { type Candidate, Clock, Pool } from './ranking';
import { CHECK_EVERY, MAX_INSIDE_CANDIDATES, PostingCursor, postingLists } from './shared';
import type { PassageIndexData } from './types';

export class ExactTier {
  constructor(private readonly data: PassageIndexData) {}

  /** Exact continuations, best first (at most `3 × limit`, before merging identical texts). */
  continuations(query: string, limit: number, clock: Clock): Candidate[] {
    const d = this.data;
    const pool = new Pool(limit * 3);
    const lo = this.lowerBound(query, false);
    const hi = this.lowerBound(query, true);
    let found = 0;
    for (let i = lo; i < hi; i++) {
      if ((i - lo) % CHECK_EVERY === CHECK_EVERY - 1 && clock.check()) break;
      const passage = d.clausePassage[i];
      const pos = d.clausePos[i];
      const end = d.passageStart[passage] + d.passageLength[passage];
      found++;
      const tier = pos === d.passageStart[passage] ? 0 : 1;
      const documents = d.passageDocs[passage];
      if (pool.admits(tier, documents, end - pos)) pool.add({ passage, pos, tier, documents, length: end - pos });
    }
    if (found < limit && query.length >= 2 && !clock.check()) this.inside(query, pool, limit - found, lo, hi, clock);
    return pool.items;
  }

  /**
   * First clause start whose text (the rest of its passage) is ≥ `query` (or > when `after`), comparing
   * `query.length` units; a text that ends first is the smaller, as the clause starts are sorted (see the builder).
   */
  private lowerBound(query: string, after: boolean): number {
    const { clausePos, clausePassage, passageStart, passageLength, text } = this.data;
    let lo = 0;
    let hi = clausePos.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      const pos = clausePos[mid];
      const length = Math.min(query.length, passageStart[clausePassage[mid]] + passageLength[clausePassage[mid]] - pos);
      let cmp = length < query.length ? -1 : 0;
      for (let k = 0; k < length; k++) {
        const c = text.charCodeAt(pos + k);
        const q = query.charCodeAt(k);
        if (c !== q) {
          cmp = c - q;
          break;
        }
      }
      if (cmp < 0 || (after && cmp === 0)) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** Matches inside a clause: intersect the bigram postings, rarest first (each list walked once), and verify in the text. */
  private inside(query: string, pool: Pool, wanted: number, lo: number, hi: number, clock: Clock): void {
    const d = this.data;
    const lists = postingLists(this.data, query, true)?.lists;
    if (!lists || lists.length === 0) return;
    const seen = new Set<number>();
    for (let i = lo; i < hi; i++) seen.add(d.clausePassage[i]);
    const [rarest, ...others] = lists.map(list => new PostingCursor(d.postingBytes, list));
    const first = query.charCodeAt(0);
    let added = 0;
    let scanned = 0;
    outer: for (let passage = rarest.next(); passage >= 0 && scanned < MAX_INSIDE_CANDIDATES; passage = rarest.next()) {
      if (scanned++ % 512 === 511 && clock.check()) return;
      for (const other of others) if (other.seek(passage) !== passage) continue outer;
      if (seen.has(passage)) continue;
      const start = d.passageStart[passage];
      const end = start + d.passageLength[passage];
      for (let pos = start + 1; pos + query.length <= end; pos++) {
        if (d.text.charCodeAt(pos) !== first || !d.text.startsWith(query, pos)) continue;
        pool.add({ passage, pos, tier: 2, documents: d.passageDocs[passage], length: end - pos });
        added++;
        break;
      }
      if (added >= wanted) return;
    }
  }
}
