/** Querying a passage index: completion (exact tiers, then the longest continued tail, then fuzzy) and hover's source. */
import { displayTitle } from '../library';
import { toMatchForm } from '../normalize';
import { ExactTier } from './exactTier';
import { FuzzyTier } from './fuzzyTier';
import { type Candidate, Clock, TIERS } from './ranking';
import { bigramSet, clauseEnd, clauseStarts, DEFAULT_LIMIT, defaultNow, EXACT_SCORE, MIN_TAIL_LENGTH, upperBound } from './shared';
import type { CompletionResult, Continuation, PassageContext, PassageIndexData, PassageIndexStats, QueryOptions, SourceMatch, SourceOptions } from './types';

export class PassageIndex {
  private readonly exactTier: ExactTier;
  private readonly fuzzyTier: FuzzyTier;

  constructor(readonly data: PassageIndexData) {
    this.exactTier = new ExactTier(data);
    this.fuzzyTier = new FuzzyTier(data);
  }

  get passageCount(): number {
    return this.data.passageStart.length;
  }

  stats(): PassageIndexStats {
    const d = this.data;
    const arrays = [d.patchPos, d.paraStart, d.paraDoc, d.paraLine, d.docFile, d.docLine, d.passageStart, d.passageLength, d.passageDocs,
      d.passageEntry, d.bigramKeys, d.bigramOffsets, d.postingOffsets, d.postingBytes, d.clausePos, d.clausePassage];
    return {
      documents: d.docTitle.length,
      paragraphs: d.paraDoc.length,
      passages: d.passageStart.length,
      libraryPassages: d.entries.length,
      clauseStarts: d.clausePos.length,
      bigrams: d.bigramKeys.length,
      postings: d.bigramOffsets[d.bigramOffsets.length - 1] ?? 0,
      textUnits: d.text.length,
      bytes: arrays.reduce((sum, array) => sum + array.byteLength, 0) + 2 * (d.text.length + d.patchChars.length),
    };
  }

  /**
   * Continuations of `typed` (the sentence or clause before the cursor). Its tails that start at a clause
   * start are tried longest first; the first with exact continuations decides `replaceFrom`. Without any,
   * the last clause is matched fuzzily.
   */
  complete(typed: string, options: QueryOptions = {}): CompletionResult {
    const clock = new Clock(options.now ?? defaultNow, options.budgetMs);
    const limit = Math.max(1, options.limit ?? DEFAULT_LIMIT);
    const minLength = Math.max(1, options.minLength ?? 2);
    let form = toMatchForm(typed);
    let offset = form.lastIndexOf('\n') + 1;
    while (offset < form.length && /[\s]/.test(form[offset])) offset++;
    form = form.slice(offset);
    const starts = clauseStarts(form);
    for (const start of starts) {
      const query = form.slice(start);
      if (query.length < minLength) break;
      const candidates = this.exactTier.continuations(query, limit, clock);
      if (candidates.length > 0) return { items: this.materialise(candidates, query.length, limit), replaceFrom: offset + start, exact: true, timedOut: clock.expired };
      if (clock.check()) return { items: [], replaceFrom: offset + start, exact: false, timedOut: true };
    }
    const last = starts.length > 0 ? starts[starts.length - 1] : 0;
    // Nothing continues the whole clause: its longest tail that the corpus does continue. A writer typing
    // 我们要坚持以学 wants 坚持以学铸魂… in place of 坚持以学, not a fuzzy guess at the whole clause.
    for (let start = last + 1; form.length - start >= MIN_TAIL_LENGTH && !clock.check(); start++) {
      const tail = form.slice(start);
      const candidates = this.exactTier.continuations(tail, limit, clock);
      if (candidates.length > 0) return { items: this.materialise(candidates, tail.length, limit), replaceFrom: offset + start, exact: true, timedOut: clock.expired };
    }
    const query = form.slice(last);
    if (options.fuzzy === false || query.length < Math.max(2, minLength) || clock.check()) {
      return { items: [], replaceFrom: offset + last, exact: false, timedOut: clock.expired };
    }
    // Rerank the BM25 pool by how many of the typed bigrams sit where the alignment puts them.
    const d = this.data;
    const aligned: { passage: number; pos: number; score: number }[] = [];
    for (const { passage, score } of this.fuzzyTier.matches(query, limit * 4, clock)) {
      const { pos, votes } = this.fuzzyTier.align(query, passage);
      // A continuation shorter than what was typed continues nothing.
      if (d.passageStart[passage] + d.passageLength[passage] - pos < query.length) continue;
      aligned.push({ passage, pos, score: votes * 1000 + (score % 1000) });
    }
    aligned.sort((a, b) => b.score - a.score || a.passage - b.passage);
    const candidates = aligned.map(({ passage, pos, score }) => ({ passage, pos, tier: 3, documents: d.passageDocs[passage], length: 0, score }));
    return { items: this.materialise(candidates, query.length, limit), replaceFrom: offset + last, exact: false, timedOut: clock.expired };
  }

  /** The corpus passage a draft sentence comes from, or closely matches (bigram Dice ≥ threshold). */
  findSource(sentence: string, options: SourceOptions = {}): SourceMatch | undefined {
    const clock = new Clock(options.now ?? defaultNow, options.budgetMs);
    const threshold = options.threshold ?? 0.6;
    const form = toMatchForm(sentence).trim();
    if (form.length < 2) return undefined;
    const candidates = this.exactTier.continuations(form, 1, clock);
    if (candidates.length > 0) {
      const best = candidates[0];
      const item = this.continuation(best, form.length, EXACT_SCORE, best.documents);
      const matchStart = item.context.start;
      return { kind: item.kind, source: item.source, documents: item.documents, similarity: 1, exact: true, timedOut: clock.expired,
        context: { paragraph: item.context.paragraph, start: matchStart, end: matchStart + form.length } };
    }
    if (clock.check()) return undefined;
    const queryBigrams = bigramSet(form, 0, form.length);
    let best: { passage: number; similarity: number } | undefined;
    for (const { passage } of this.fuzzyTier.matches(form, 10, clock)) {
      const start = this.data.passageStart[passage];
      const passageBigrams = bigramSet(this.data.text, start, start + this.data.passageLength[passage]);
      let shared = 0;
      for (const key of queryBigrams) if (passageBigrams.has(key)) shared++;
      const similarity = (2 * shared) / (queryBigrams.size + passageBigrams.size || 1);
      if (!best || similarity > best.similarity) best = { passage, similarity };
    }
    if (!best || best.similarity < threshold) return undefined;
    const pos = this.data.passageStart[best.passage];
    const documents = this.data.passageDocs[best.passage];
    const item = this.continuation({ passage: best.passage, pos, tier: 3, documents, length: 0 }, 0, 0, documents);
    return { kind: item.kind, source: item.source, documents: item.documents, similarity: best.similarity, exact: false, timedOut: clock.expired, context: item.context };
  }

  // -- results -----------------------------------------------------------------------------------------

  /**
   * The first `limit` distinct continuations (by match form) of best-first candidates, as results. When a
   * corpus passage and a library entry give the same text, the item keeps the better rank and shows the
   * entry (kind, snippet), with the larger document count.
   */
  private materialise(candidates: readonly (Candidate & { score?: number })[], typedLength: number, limit: number): Continuation[] {
    const d = this.data;
    const kept = new Map<string, { candidate: Candidate; score: number; documents: number }>();
    for (const candidate of candidates) {
      const key = d.text.slice(candidate.pos, d.passageStart[candidate.passage] + d.passageLength[candidate.passage]);
      const score = candidate.score ?? EXACT_SCORE * (3 - candidate.tier) + Math.min(candidate.documents, 9999) * 1000 + (999 - Math.min(candidate.length, 999));
      const same = kept.get(key);
      if (!same) {
        if (kept.size < limit) kept.set(key, { candidate, score, documents: candidate.documents });
        continue;
      }
      same.documents = Math.max(same.documents, candidate.documents);
      if (d.passageEntry[same.candidate.passage] < 0 && d.passageEntry[candidate.passage] >= 0) same.candidate = candidate;
    }
    return [...kept.values()].map(({ candidate, score, documents }) => this.continuation(candidate, typedLength, score, documents));
  }

  private continuation(candidate: Candidate, typedLength: number, score: number, documents: number): Continuation {
    const d = this.data;
    const { passage, pos } = candidate;
    const start = d.passageStart[passage];
    const end = start + d.passageLength[passage];
    const text = this.original(pos, end);
    const clause = text.slice(0, clauseEnd(d.text, Math.min(end, pos + typedLength), end) - pos);
    const match = candidate.tier < 3 ? TIERS[candidate.tier] : 'fuzzy';
    const entryIndex = d.passageEntry[passage];
    if (entryIndex >= 0) {
      const entry = d.entries[entryIndex];
      let context: PassageContext;
      if (entry.paragraph >= 0) {
        const from = d.paraStart[entry.paragraph];
        const at = entry.offset + (pos - start);
        context = { paragraph: this.original(from, d.text.indexOf('\n', from)), start: at, end: at + (end - pos) };
      } else {
        context = { paragraph: this.original(start, end), start: pos - start, end: end - start };
      }
      return {
        text, clause, kind: entry.kind, match, documents, score, source: entry.source, context,
        ...(pos === start ? { snippet: entry.snippet } : {}), entryId: entry.id,
      };
    }
    const paragraph = upperBound(d.paraStart, pos) - 1;
    const from = d.paraStart[paragraph];
    const doc = d.paraDoc[paragraph];
    const file = d.files[d.docFile[doc]];
    return {
      text, clause, kind: 'passage', match, documents, score,
      source: { title: displayTitle({ title: d.docTitle[doc], file, line: d.docLine[doc] }), file, line: d.paraLine[paragraph] },
      context: { paragraph: this.original(from, d.text.indexOf('\n', from)), start: pos - from, end: end - from },
    };
  }

  /** The written form of `text[from, to)`. */
  private original(from: number, to: number): string {
    const { text, patchPos, patchChars } = this.data;
    let i = upperBound(patchPos, from - 1);
    if (i >= patchPos.length || patchPos[i] >= to) return text.slice(from, to);
    let out = '';
    let at = from;
    for (; i < patchPos.length && patchPos[i] < to; i++) {
      out += text.slice(at, patchPos[i]) + patchChars[i];
      at = patchPos[i] + 1;
    }
    return out + text.slice(at, to);
  }
}
