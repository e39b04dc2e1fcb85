/**
 * The cached library and passage index of a corpus: two blobs in the extension's global storage. The key is
 * a hash of every corpus file's path and content hash, so any added, edited or deleted file makes the cache
 * stale; both format versions are checked; a damaged cache is detected (it throws) and rebuilt by the caller.
 */
import { LIBRARY_FORMAT_VERSION, stableHash, validateLibrary, type Library } from './library';
import { deserializePassageIndex, PASSAGE_INDEX_FORMAT_VERSION, serializePassageIndexInSteps, type PassageIndex } from './passageIndex';
import { finishSteps, type Steps } from './steps';

export interface CacheBlobs {
  /** JSON: the formats, the key and the library. */
  readonly header: Uint8Array;
  /** The serialised passage index. */
  readonly index: Uint8Array;
}

/** The cache key of a corpus: its files' paths and content hashes, in corpus order. */
export function corpusCacheKey(files: readonly { readonly path: string; readonly hash: string }[]): string {
  return stableHash(files.map(file => `${file.path}\u0000${file.hash}`).join('\u0001'));
}

export function encodeCorpusCache(key: string, library: Library, index: PassageIndex): CacheBlobs {
  return finishSteps(encodeCorpusCacheInSteps(key, library, index));
}

/** Library entries written to JSON between two steps. */
const ENTRIES_PER_STEP = 2000;

/**
 * `encodeCorpusCache` in steps of a few milliseconds (see `steps.ts`). The library's JSON is `serializeLibrary`'s,
 * written an array's slice at a time (`JSON.stringify` of an array is its items' joined by commas).
 */
export function* encodeCorpusCacheInSteps(key: string, library: Library, index: PassageIndex): Steps<CacheBlobs> {
  const header = { libraryFormat: LIBRARY_FORMAT_VERSION, indexFormat: PASSAGE_INDEX_FORMAT_VERSION, key };
  const encoder = new TextEncoder();
  const parts: Uint8Array[] = [encoder.encode(`${JSON.stringify(header).slice(0, -1)},"library":{`)];
  for (const [i, [name, value]] of Object.entries(library).entries()) {
    parts.push(encoder.encode(`${i > 0 ? ',' : ''}${JSON.stringify(name)}:`));
    if (!Array.isArray(value)) {
      parts.push(encoder.encode(JSON.stringify(value)));
      continue;
    }
    parts.push(encoder.encode('['));
    for (let from = 0; from < value.length; from += ENTRIES_PER_STEP) {
      parts.push(encoder.encode(`${from > 0 ? ',' : ''}${JSON.stringify(value.slice(from, from + ENTRIES_PER_STEP)).slice(1, -1)}`));
      yield;
    }
    parts.push(encoder.encode(']'));
  }
  parts.push(encoder.encode('}}'));
  const json = new Uint8Array(parts.reduce((size, part) => size + part.length, 0));
  parts.reduce((at, part) => (json.set(part, at), at + part.length), 0);
  yield;
  return { header: json, index: yield* serializePassageIndexInSteps(index) };
}

/**
 * The cached corpus if it is for `key` and of the current formats; undefined when it is stale (another corpus
 * or an older version). Throws when the cache is damaged, so the caller can say so before rebuilding.
 */
export function decodeCorpusCache(key: string, blobs: CacheBlobs): { library: Library; index: PassageIndex } | undefined {
  let header: unknown;
  try {
    header = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(blobs.header));
  } catch (error) {
    throw new Error(`the cached library is not readable JSON (${error instanceof Error ? error.message : String(error)})`);
  }
  if (typeof header !== 'object' || header === null) throw new Error('the cached library has no header');
  const { libraryFormat, indexFormat, key: cachedKey, library: data } = header as Record<string, unknown>;
  if (cachedKey !== key || libraryFormat !== LIBRARY_FORMAT_VERSION || indexFormat !== PASSAGE_INDEX_FORMAT_VERSION) return undefined;
  const library = validateLibrary(data);
  if (!library) throw new Error('the cached library is malformed');
  return { library, index: deserializePassageIndex(blobs.index) };
}

/** A corpus file's place, modification time and size, as the file system reports them without reading it. */
export interface FileStamp {
  readonly uri: string;
  readonly mtime: number;
  readonly size: number;
}

/**
 * Which cache key the corpus had when its files bore these stamps. A new window whose files bear the same stamps
 * can answer from that cache before it has read and hashed every file (which it then does, to confirm).
 */
export function encodeFileDates(key: string, stamps: readonly FileStamp[]): Uint8Array {
  return new TextEncoder().encode(JSON.stringify({ key, stamps: stamps.map(stampText) }));
}

/** The cache key recorded for exactly these stamps (same files, order, times and sizes), or undefined. */
export function keyForStamps(blob: Uint8Array, stamps: readonly FileStamp[]): string | undefined {
  let recorded: unknown;
  try {
    recorded = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(blob));
  } catch {
    return undefined; // damaged: the files are read as usual
  }
  if (typeof recorded !== 'object' || recorded === null) return undefined;
  const { key, stamps: texts } = recorded as Record<string, unknown>;
  if (typeof key !== 'string' || !Array.isArray(texts) || texts.length !== stamps.length) return undefined;
  return stamps.every((stamp, i) => texts[i] === stampText(stamp)) ? key : undefined;
}

/**
 * Where the stamps are kept: one record per corpus set-up (what the files are found from: folders, file types, …)
 * and version, so records do not pile up as files come and go.
 */
export function fileDatesName(version: string, setup: string): string {
  return `dates-${stableHash(`${version}\u0000${setup}`)}.json`;
}

function stampText(stamp: FileStamp): string {
  return `${stamp.uri}\u0000${stamp.mtime}\u0000${stamp.size}`;
}
