/**
 * The overlap report (查重): how much of a draft stands word for word in the corpus, where and from which speeches.
 * What counts as copied: a run of at least `minRun` characters (13 by default, the usual threshold of Chinese
 * plagiarism checkers) that the corpus has too, compared as content units (Han characters, letters and digits; spaces
 * and punctuation passed over, full and half width, traditional and simplified alike; see `fingerprints.ts`); and a
 * near-copy, a sentence of the draft that differs from a corpus sentence by a few characters (bigram similarity of
 * at least 0.8 with the passage index's best match). Shares count content units.
 */
import { displayTitle, type LibraryDocument } from '../library';
import type { PassageIndex } from '../passageIndex';
import { splitSentences } from '../sentences';
import { parseDraft } from '../structure';
import { FingerprintIndex, GUARANTEED_RUN, lowerBound, toUnits, type SharedRun } from './fingerprints';

export const DEFAULT_MIN_RUN = GUARANTEED_RUN;
/** A sentence this alike to a corpus sentence (Dice coefficient of character bigrams) is a near-copy. */
const NEAR_COPY_SIMILARITY = 0.8;
/** Time for one sentence's near-copy search in the passage index. */
const NEAR_COPY_BUDGET_MS = 4;

/** The corpus side of the report: its files' texts (fingerprinted once) and the speeches they hold. */
export class OverlapCorpus {
  private constructor(
    readonly files: readonly { readonly path: string; readonly text: string }[],
    readonly fingerprints: FingerprintIndex,
    private readonly documents: readonly Pick<LibraryDocument, 'file' | 'line' | 'title'>[],
    /** For near-copies: the passage index over the same corpus, when at hand. */
    readonly passages?: PassageIndex,
  ) {}

  static build(files: readonly { readonly path: string; readonly text: string }[], documents: readonly Pick<LibraryDocument, 'file' | 'line' | 'title'>[], passages?: PassageIndex): OverlapCorpus {
    return new OverlapCorpus(files, FingerprintIndex.build(files.map(file => file.text)), documents, passages);
  }

  /** The speech a line of a file belongs to: the last one of the file that starts at or before it. */
  titleAt(file: string, line: number): string {
    let found: Pick<LibraryDocument, 'file' | 'line' | 'title'> | undefined;
    for (const document of this.documents) if (document.file === file && document.line <= line) found = document;
    return found ? displayTitle(found) : displayTitle({ file, line: 1, title: null });
  }
}

export interface OverlapSource {
  readonly title: string;
  readonly path: string;
  /** 1-based line in the source file. */
  readonly line: number;
}

export interface OverlapSpan {
  /** 1-based line of the draft; `start`/`end` are 0-based columns in it, `end` exclusive. */
  readonly line: number;
  readonly start: number;
  readonly end: number;
  readonly text: string;
  readonly kind: 'exact' | 'near';
  readonly source: OverlapSource;
  /** Content units of the draft this span adds to the copied share (none twice). */
  readonly chars: number;
}

export interface OverlapReport {
  readonly chars: number;
  readonly copiedChars: number;
  readonly share: number;
  readonly spans: readonly OverlapSpan[];
  /** The sources that contribute most, first. */
  readonly sources: readonly { readonly title: string; readonly path: string; readonly chars: number }[];
  /** Each heading of the draft's outline (and what stands before the first), with the share copied under it. */
  readonly sections: readonly { readonly line: number; readonly heading: string; readonly share: number }[];
}

export interface OverlapOptions {
  readonly minRun?: number;
  /** The draft's own corpus file (a draft saved in a corpus folder): never a source of itself. */
  readonly excludeFile?: string;
  /** Exact runs only, for the marks while typing: no near-copy search and no sections. */
  readonly exactOnly?: boolean;
}

/** The overlap report of a draft against the corpus. */
export function overlapReport(draft: string, corpus: OverlapCorpus, options: OverlapOptions = {}): OverlapReport {
  const minRun = Math.max(GUARANTEED_RUN, options.minRun ?? DEFAULT_MIN_RUN);
  const lines = draft.split('\n');
  const lineStarts = offsetsOfLines(lines);
  const { units, offsets } = toUnits(draft);
  const skipFile = options.excludeFile === undefined ? -1 : corpus.files.findIndex(file => file.path === options.excludeFile);
  const covered = new Uint8Array(units.length);
  const spans: OverlapSpan[] = [];
  const sourceLines = new SourceLines(corpus);

  for (const run of corpus.fingerprints.sharedRuns(units, minRun, skipFile)) {
    const chars = mark(covered, run.draftStart, run.draftStart + run.length);
    if (chars === 0) continue;
    const from = offsets[run.draftStart];
    const to = offsets[run.draftStart + run.length - 1] + 1;
    spans.push({ ...spanAt(draft, lineStarts, from, to), kind: 'exact', source: sourceLines.sourceOf(run), chars });
  }

  if (!options.exactOnly && corpus.passages) {
    for (const near of nearCopies(lines, lineStarts, units, offsets, covered, corpus.passages, minRun, options.excludeFile)) {
      const chars = mark(covered, near.firstUnit, near.endUnit);
      if (chars === 0) continue;
      spans.push({ ...spanAt(draft, lineStarts, near.from, near.to), kind: 'near', source: near.source, chars });
    }
  }
  spans.sort((a, b) => a.line - b.line || a.start - b.start);

  const total = units.reduce((count, unit) => count + (unit === 0 ? 0 : 1), 0);
  const copied = covered.reduce((count, flag) => count + flag, 0);
  return {
    chars: total,
    copiedChars: copied,
    share: total === 0 ? 0 : copied / total,
    spans,
    sources: sourceTotals(spans),
    // Sections need the outline (a parse of the whole draft): the marks made while typing do without them.
    sections: options.exactOnly ? [] : sectionShares(draft, lineStarts, units, offsets, covered),
  };
}

/**
 * The columns of one line (a paragraph) that stand word for word in the corpus. Runs never cross a line end, so the
 * marks of a draft can be made line by line; after a typed change only the changed line is searched again.
 */
export function copiedColumns(line: string, corpus: OverlapCorpus, options: Pick<OverlapOptions, 'minRun' | 'excludeFile'> = {}): { start: number; end: number }[] {
  const minRun = Math.max(GUARANTEED_RUN, options.minRun ?? DEFAULT_MIN_RUN);
  const { units, offsets } = toUnits(line);
  const skipFile = options.excludeFile === undefined ? -1 : corpus.files.findIndex(file => file.path === options.excludeFile);
  const columns: { start: number; end: number }[] = [];
  let reach = -1;
  for (const run of corpus.fingerprints.sharedRuns(units, minRun, skipFile)) {
    if (run.draftStart + run.length <= reach) continue;
    const start = offsets[Math.max(run.draftStart, reach)];
    reach = run.draftStart + run.length;
    columns.push({ start, end: offsets[reach - 1] + 1 });
  }
  return columns;
}

/** Flags units `[from, to)` as copied; returns how many were not flagged before (separators never count). */
function mark(covered: Uint8Array, from: number, to: number): number {
  let added = 0;
  for (let i = from; i < to; i++) {
    if (covered[i] === 0) {
      covered[i] = 1;
      added++;
    }
  }
  return added;
}

function offsetsOfLines(lines: readonly string[]): number[] {
  const starts: number[] = [];
  let at = 0;
  for (const line of lines) {
    starts.push(at);
    at += line.length + 1;
  }
  return starts;
}

/** A draft range as a line and columns (runs never cross a line end: a line end separates units). */
function spanAt(draft: string, lineStarts: readonly number[], from: number, to: number): { line: number; start: number; end: number; text: string } {
  const index = lineIndexAt(lineStarts, from);
  return { line: index + 1, start: from - lineStarts[index], end: to - lineStarts[index], text: draft.slice(from, to) };
}

/** The 0-based line an offset falls on, given each line's start offset. */
function lineIndexAt(lineStarts: readonly number[], offset: number): number {
  return Math.max(0, lowerBound(lineStarts, offset + 1) - 1);
}

/** Maps corpus unit positions back to files and lines, reading each source file's text once. */
class SourceLines {
  private readonly perFile = new Map<number, { offsets: Uint32Array; lineOfOffset: (offset: number) => number }>();

  constructor(private readonly corpus: OverlapCorpus) {}

  sourceOf(run: SharedRun): OverlapSource {
    const fingerprints = this.corpus.fingerprints;
    const file = fingerprints.fileOf(run.corpusStart);
    const { path, text } = this.corpus.files[file];
    let known = this.perFile.get(file);
    if (!known) {
      const starts = offsetsOfLines(text.split('\n'));
      known = {
        offsets: toUnits(text).offsets,
        lineOfOffset: offset => lineIndexAt(starts, offset) + 1,
      };
      this.perFile.set(file, known);
    }
    const line = known.lineOfOffset(known.offsets[run.corpusStart - fingerprints.fileStarts[file]] ?? 0);
    return { title: this.corpus.titleAt(path, line), path, line };
  }
}

interface NearCopy {
  readonly from: number;
  readonly to: number;
  readonly firstUnit: number;
  readonly endUnit: number;
  readonly source: OverlapSource;
}

/** Sentences mostly not covered by exact runs that the passage index finds a close variant of. */
function nearCopies(lines: readonly string[], lineStarts: readonly number[], units: Uint16Array, offsets: Uint32Array, covered: Uint8Array, passages: PassageIndex, minRun: number, excludeFile: string | undefined): NearCopy[] {
  const found: NearCopy[] = [];
  let unit = 0;
  const sentences = lines.flatMap((line, i) => splitSentences(line).map(sentence => ({ text: sentence.text, start: lineStarts[i] + sentence.start })));
  for (const sentence of sentences) {
    const from = sentence.start;
    const to = sentence.start + sentence.text.length;
    while (unit < units.length && offsets[unit] < from) unit++;
    const firstUnit = unit;
    let endUnit = unit;
    while (endUnit < units.length && offsets[endUnit] < to) endUnit++;
    const length = endUnit - firstUnit;
    if (length < minRun) continue;
    let alreadyCovered = 0;
    for (let i = firstUnit; i < endUnit; i++) alreadyCovered += covered[i];
    if (alreadyCovered * 2 >= length) continue;
    const match = passages.findSource(sentence.text, { threshold: NEAR_COPY_SIMILARITY, budgetMs: NEAR_COPY_BUDGET_MS });
    if (!match || match.exact || match.similarity < NEAR_COPY_SIMILARITY || match.source.file === excludeFile) continue;
    found.push({ from, to, firstUnit, endUnit, source: { title: match.source.title, path: match.source.file, line: match.source.line } });
  }
  return found;
}

function sourceTotals(spans: readonly OverlapSpan[]): OverlapReport['sources'] {
  const totals = new Map<string, { title: string; path: string; chars: number }>();
  for (const span of spans) {
    const key = `${span.source.path}\n${span.source.title}`;
    const total = totals.get(key) ?? { title: span.source.title, path: span.source.path, chars: 0 };
    total.chars += span.chars;
    totals.set(key, total);
  }
  return [...totals.values()].sort((a, b) => b.chars - a.chars || a.title.localeCompare(b.title));
}

/** The share copied under each heading of the outline, and before the first heading (named `（开头）`). */
function sectionShares(draft: string, lineStarts: readonly number[], units: Uint16Array, offsets: Uint32Array, covered: Uint8Array): OverlapReport['sections'] {
  const parsed = parseDraft(draft);
  // A heading's marker and words, without the sentences that follow it in its paragraph (`第一，强化理论武装。突出…`).
  const headings = parsed.paragraphs.flatMap(paragraph => (paragraph.heading ? [{ line: paragraph.line, heading: `${paragraph.heading.marker}${paragraph.heading.text}` }] : []));
  const firstLine = parsed.title ? parsed.title.line + 1 : 1;
  const starts = [{ line: firstLine, heading: '（开头）' }, ...headings];
  const sections: { line: number; heading: string; share: number }[] = [];
  starts.forEach((section, i) => {
    const from = lineStarts[section.line - 1] ?? draft.length;
    const to = i + 1 < starts.length ? lineStarts[starts[i + 1].line - 1] : draft.length;
    let total = 0;
    let copied = 0;
    for (let unit = lowerBound(offsets, from); unit < offsets.length && offsets[unit] < to; unit++) {
      if (units[unit] === 0) continue; // a line end
      total++;
      copied += covered[unit];
    }
    if (total === 0 && i === 0) return; // nothing before the first heading
    sections.push({ line: section.line, heading: section.heading, share: total === 0 ? 0 : copied / total });
  });
  return sections;
}

