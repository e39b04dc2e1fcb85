/**
 * The cached library and passage index of a corpus: two blobs in the extension's global storage. The key is
 * a hash of every corpus file's path and content hash, so any added, edited or deleted file makes the cache
 * stale; both format versions are checked; a damaged cache is detected (it throws) and rebuilt by the caller.
 */
import { LIBRARY_FORMAT_VERSION, serializeLibrary, stableHash, validateLibrary, type Library } from './library';
import { deserializePassageIndex, PASSAGE_INDEX_FORMAT_VERSION, serializePassageIndex, type PassageIndex } from './passageIndex';

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
  const header = { libraryFormat: LIBRARY_FORMAT_VERSION, indexFormat: PASSAGE_INDEX_FORMAT_VERSION, key };
  const json = `${JSON.stringify(header).slice(0, -1)},"library":${serializeLibrary(library)}}`;
  return { header: new TextEncoder().encode(json), index: serializePassageIndex(index) };
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
