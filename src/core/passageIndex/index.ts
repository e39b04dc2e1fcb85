/**
 * The passage index behind completion, ghost text and hover: the corpus cut into sentences ("passages"),
 * identical ones merged with the number of documents that use them, searchable by the clause a writer
 * is typing.
 *
 * What a passage is, and what a continuation is:
 * - A passage is a sentence of a corpus paragraph (with its heading marker, if any), or a library
 *   entry (a formula, a 排比 set, a closing, …) added as a passage of its kind. Passages are interned by
 *   their match form (`toMatchForm`), so `同志們,` and `同志们，` are one passage; each keeps the document
 *   count, and the file, line and paragraph of its first use.
 * - The typed text matches a passage at a clause start: the sentence start (`start`), or right after a
 *   clause mark (or a leading heading marker) inside it (`clause`); as a last resort anywhere inside
 *   (`inside`). The continuation is the rest of that sentence from the match point, so for a match at the
 *   sentence start it is the whole passage. The caller replaces the typed text with it. Clause-level pieces therefore need no passages of
 *   their own: typing `以学铸魂、以学增智、` continues the 排比 wherever it sits in a sentence.
 * - Ranking: `start` before `clause` before `inside`, then documents (more first), then the length of the
 *   continuation (shorter first). Library entries compete in the same ranking. When nothing continues the
 *   text exactly, a BM25 ranking over character bigrams (the fuzzy fallback) takes over.
 *
 * Layout (compact and typed, so a 50 MB corpus stays well under 100 MB):
 * - `text`: the match form of every stored paragraph and library entry, `\n` between them. Only
 *   paragraphs that hold the first use of some passage are stored. Where the written form differs (half-width
 *   punctuation, traditional characters) the original units are kept as patches (`patchPos`, `patchChars`):
 *   `toMatchForm` maps one unit to one, so offsets are shared.
 * - passages: `start`, `length`, `documents`, `entry` (library entry or -1) in `Int32Array`s; ids are in
 *   ranking order (most documents, then shortest first), so every posting list is best-first too.
 * - clause starts: every clause start of every passage, sorted by the rest of its passage (then by the passage's
 *   text before it: an order that depends on passage texts alone, so a rebuild keeps it for unchanged passages)
 *   (`clausePos`, `clausePassage`): the `start`/`clause` matches of a query are one binary-searched range.
 * - bigrams: sorted keys (`bigramKeys`, two UTF-16 units in 32 bits) with posting lists (passage ids ascending,
 *   stored as varints of the gaps in `postingBytes`, a quarter of 32-bit ids; `bigramOffsets` counts them,
 *   `postingOffsets` finds them) for `inside` matches, BM25 and hover. The commonest bigrams (in over 1% of
 *   passages, and over 2,000) keep no postings, like stop words (see `PRUNE_SHARE`), so every list is short
 *   enough to walk from its start.
 *
 * Pure: no `vscode`, no Node built-ins; runs in the web worker too. Queries take a time budget and return
 * what they have when it runs out.
 *
 * The files: `types.ts` (the public types and the data layout), `builder.ts` (building, and keeping an index up to
 * date for a corpus that changes: each file cut into passages once, the last index's work taken over),
 * `bigrams.ts` (the bigram postings), `clauseStarts.ts` (the sorted clause starts), `exactTier.ts` (the
 * `start`/`clause`/`inside` matches), `fuzzyTier.ts` (the BM25 fallback), `ranking.ts` (how candidates are ranked
 * and pooled, the time budget), `query.ts` (`PassageIndex`: completion and hover combine the tiers), `shared.ts`
 * (limits, cursor and search helpers), `format.ts` (the serialised form).
 */
export type {
  CompletionResult, Continuation, MatchPosition, PassageContext, PassageIndexData, PassageIndexStats, PassageKind, PassageSource,
  QueryOptions, SourceMatch, SourceOptions, StoredEntry,
} from './types';
export { buildPassageIndex, IncrementalPassageIndex, PassageIndexBuilder, splitPassages, type CorpusText, type PassageIndexInput, type SplitPassages } from './builder';
export { PassageIndex } from './query';
export { clauseBeforeCursor, DEFAULT_LIBRARY_KINDS, sentenceBeforeCursor } from './shared';
export { deserializePassageIndex, PASSAGE_INDEX_FORMAT_VERSION, PassageIndexFormatError, serializePassageIndex, serializePassageIndexInSteps } from './format';
