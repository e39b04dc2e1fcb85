/**
 * Finding every run of at least 13 characters a draft shares with a corpus of tens of megabytes, fast and in a
 * fraction of the memory a set of all the corpus's 13-character windows would take. Texts are compared as *content
 * units*: Han characters, letters and digits in their match form (`toMatchForm`: punctuation width, traditional
 * characters), with spaces and punctuation passed over, so a changed comma or a line-wrap space does not break a run;
 * a paragraph end does. The corpus keeps only a winnowed sample of its k-gram hashes (Schleimer, Wilkerson, Aiken,
 * "Winnowing: local algorithms for document fingerprinting", 2003): of every window of `W` consecutive k-grams the
 * one with the smallest hash. Two texts that share a run of `W + K - 1` units share that window's fingerprint, so
 * every shared run of 13 units or more is found; each hit is then checked and extended unit by unit.
 */
import { toMatchForm } from '../normalize';

/** k-gram length and winnowing window: every shared run of K + W - 1 = 13 units has a fingerprint in common. */
export const K = 7;
export const W = 7;
export const GUARANTEED_RUN = K + W - 1;
/** Units between paragraphs and files: no k-gram and no run crosses one. */
const SEPARATOR = 0;
/** Fingerprints keep 27 bits of the hash and 26 of the position, packed exactly into one double for a native sort. */
const POSITION_BITS = 26;
const POSITION_RANGE = 2 ** POSITION_BITS;
/**
 * Corpus places checked for one fingerprint. A stock phrase (`中国特色社会主义`) occurs thousands of times, and a run
 * copied around it may have no other fingerprint: its places are all checked, each first by the units on either side
 * (a run longer than the k-gram must go on at one of them), so most cost two comparisons. The cap only bounds a
 * pathological corpus.
 */
const MAX_PLACES_PER_FINGERPRINT = 20_000;

/** A Han character, letter or digit: what a reader counts (code in the match form, lower case); 0 for the rest. */
function unitCode(code: number): number {
  if ((code >= 0x4e00 && code <= 0x9fff) || (code >= 0x3400 && code <= 0x4dbf) || (code >= 0xf900 && code <= 0xfaff)) return code;
  if ((code >= 0x30 && code <= 0x39) || (code >= 0x61 && code <= 0x7a)) return code;
  if (code >= 0x41 && code <= 0x5a) return code + 0x20;
  return 0;
}

/** A text as content units, with each unit's offset in the text; paragraphs (lines) are separated. */
export interface UnitText {
  readonly units: Uint16Array;
  /** Offset in the text of each unit; a separator's is the line end it stands for. */
  readonly offsets: Uint32Array;
}

export function toUnits(text: string): UnitText {
  const form = toMatchForm(text);
  const units = new Uint16Array(form.length + 1);
  const offsets = new Uint32Array(form.length + 1);
  let length = 0;
  let lastWasSeparator = true;
  for (let i = 0; i < form.length; i++) {
    const code = form.charCodeAt(i);
    if (code === 0x0a) {
      if (!lastWasSeparator) {
        units[length] = SEPARATOR;
        offsets[length++] = i;
        lastWasSeparator = true;
      }
      continue;
    }
    const unit = unitCode(code);
    if (unit === 0) continue;
    units[length] = unit;
    offsets[length++] = i;
    lastWasSeparator = false;
  }
  return { units: units.subarray(0, length), offsets: offsets.subarray(0, length) };
}

/** The winnowed fingerprints of a unit sequence: `(hash, position of the k-gram)`, each chosen window minimum once. */
export function winnow(units: Uint16Array, visit: (hash: number, position: number) => void): void {
  const hashes = new Uint32Array(units.length);
  let segmentStart = 0;
  for (let i = 0; i <= units.length; i++) {
    if (i < units.length && units[i] !== SEPARATOR) continue;
    winnowSegment(units, segmentStart, i, hashes, visit);
    segmentStart = i + 1;
  }
}

/** Fingerprints of one paragraph: k-gram hashes, then the rightmost minimum of each window of W, when it changes. */
function winnowSegment(units: Uint16Array, start: number, end: number, hashes: Uint32Array, visit: (hash: number, position: number) => void): void {
  const grams = end - start - K + 1;
  if (grams <= 0) return;
  for (let g = 0; g < grams; g++) {
    let hash = 0x811c9dc5;
    for (let j = 0; j < K; j++) hash = Math.imul(hash ^ units[start + g + j], 0x01000193);
    hashes[g] = hash >>> 0;
  }
  let chosen = -1;
  for (let window = 0; window + W <= Math.max(grams, W); window++) {
    const last = Math.min(window + W, grams) - 1;
    let minimum = window;
    for (let g = window; g <= last; g++) if (hashes[g] <= hashes[minimum]) minimum = g;
    if (minimum !== chosen) {
      chosen = minimum;
      visit(hashes[minimum], start + minimum);
    }
    if (last === grams - 1) break;
  }
}

/** One shared run: `length` units from `draftStart` in the draft and from `corpusStart` in the corpus. */
export interface SharedRun {
  readonly draftStart: number;
  readonly corpusStart: number;
  readonly length: number;
}

/**
 * The corpus side: every file's units end to end (separated), and its fingerprints sorted by hash. Built once per
 * corpus (a few hundred milliseconds at 50 MB) and kept while the corpus does not change.
 */
export class FingerprintIndex {
  private constructor(
    /** Every file's units, a separator after each file. */
    readonly units: Uint16Array,
    /** Where each file's units start, and one past the last file. */
    readonly fileStarts: Uint32Array,
    private readonly hashes: Uint32Array,
    private readonly positions: Uint32Array,
  ) {}

  static build(texts: readonly string[]): FingerprintIndex {
    const fileStarts = new Uint32Array(texts.length + 1);
    const parts: Uint16Array[] = [];
    let total = 0;
    texts.forEach((text, i) => {
      fileStarts[i] = total;
      const { units } = toUnits(text);
      // Past the packable range the rest is left out: some 60 million characters, far beyond a speech corpus.
      if (total + units.length + 1 > POSITION_RANGE) return;
      parts.push(units);
      total += units.length + 1;
    });
    fileStarts[texts.length] = total;
    const units = new Uint16Array(total);
    let at = 0;
    for (const part of parts) {
      units.set(part, at);
      at += part.length + 1; // the separator after the file is the zero already there
    }
    const keys: number[] = [];
    winnow(units, (hash, position) => keys.push((hash >>> (32 - (53 - POSITION_BITS))) * POSITION_RANGE + position));
    const sorted = Float64Array.from(keys).sort();
    const hashes = new Uint32Array(sorted.length);
    const positions = new Uint32Array(sorted.length);
    for (let i = 0; i < sorted.length; i++) {
      hashes[i] = Math.floor(sorted[i] / POSITION_RANGE);
      positions[i] = sorted[i] % POSITION_RANGE;
    }
    return new FingerprintIndex(units, fileStarts, hashes, positions);
  }

  /** Bytes held (for the benchmark). */
  get byteLength(): number {
    return this.units.byteLength + this.fileStarts.byteLength + this.hashes.byteLength + this.positions.byteLength;
  }

  /** The file a corpus unit belongs to. */
  fileOf(position: number): number {
    let low = 0;
    let high = this.fileStarts.length - 2;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if (this.fileStarts[middle] <= position) low = middle;
      else high = middle - 1;
    }
    return low;
  }

  /**
   * The runs of at least `minRun` units the draft shares with the corpus, in draft order, each the longest found for
   * its place; `skipFile` (the draft's own file, when it is in the corpus) is never a source.
   */
  sharedRuns(draft: Uint16Array, minRun: number, skipFile = -1): SharedRun[] {
    const runs: SharedRun[] = [];
    const skipStart = skipFile >= 0 ? this.fileStarts[skipFile] : 0;
    const skipEnd = skipFile >= 0 ? this.fileStarts[skipFile + 1] : 0;
    const units = this.units;
    // Units already in a run. A fingerprint deep inside covered text (13 units of it on each side) can lead to no run
    // that adds anything: a run reaching past the covered stretch has a fingerprint among its last or first 13 units.
    const covered = new Uint8Array(draft.length);
    const margin = GUARANTEED_RUN - 1;
    const deepInside = (position: number): boolean => {
      if (position - margin < 0 || position + K + margin > draft.length) return false;
      for (let i = position - margin; i < position + K + margin; i++) if (covered[i] === 0) return false;
      return true;
    };
    winnow(draft, (hash, position) => {
      if (deepInside(position)) return;
      const key = hash >>> (32 - (53 - POSITION_BITS));
      // Every distinct stretch of the draft this fingerprint shares at `minRun` or more (one source for each): runs
      // from two sources may overlap, and each covers what the other does not.
      const found = new Map<string, SharedRun>();
      const before = position > 0 ? draft[position - 1] : SEPARATOR;
      const after = position + K < draft.length ? draft[position + K] : SEPARATOR;
      for (let i = lowerBound(this.hashes, key), seen = 0; i < this.hashes.length && this.hashes[i] === key && seen < MAX_PLACES_PER_FINGERPRINT; i++) {
        const place = this.positions[i];
        if (place >= skipStart && place < skipEnd) continue;
        seen++;
        const goesOn = (after !== SEPARATOR && units[place + K] === after) || (before !== SEPARATOR && place > 0 && units[place - 1] === before);
        if (!goesOn && K < minRun) continue;
        const run = this.extend(draft, position, place);
        if (!run || run.length < minRun) continue;
        const stretch = `${run.draftStart}:${run.length}`;
        if (!found.has(stretch)) found.set(stretch, run);
      }
      // Of runs that lie inside another, only the outer one adds anything.
      let reach = -1;
      for (const run of [...found.values()].sort((a, b) => a.draftStart - b.draftStart || b.length - a.length)) {
        if (run.draftStart + run.length <= reach) continue;
        reach = run.draftStart + run.length;
        runs.push(run);
        covered.fill(1, run.draftStart, reach);
      }
    });
    return runs.sort((a, b) => a.draftStart - b.draftStart || b.length - a.length);
  }

  /** The run through a k-gram both texts have at these places, as far as the units agree either way. */
  private extend(draft: Uint16Array, draftAt: number, corpusAt: number): SharedRun | undefined {
    const units = this.units;
    for (let j = 0; j < K; j++) if (draft[draftAt + j] !== units[corpusAt + j]) return undefined; // a hash collision
    let before = 0;
    while (draftAt - before > 0 && corpusAt - before > 0) {
      const unit = draft[draftAt - before - 1];
      if (unit === SEPARATOR || unit !== units[corpusAt - before - 1]) break;
      before++;
    }
    let after = K;
    while (draftAt + after < draft.length && corpusAt + after < units.length) {
      const unit = draft[draftAt + after];
      if (unit === SEPARATOR || unit !== units[corpusAt + after]) break;
      after++;
    }
    return { draftStart: draftAt - before, corpusStart: corpusAt - before, length: before + after };
  }
}

/** The first index whose value is not below `value`, in an ascending array. */
export function lowerBound(sorted: ArrayLike<number>, value: number): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (sorted[middle] < value) low = middle + 1;
    else high = middle;
  }
  return low;
}
