import * as vscode from 'vscode';
import { corpusCacheKey, decodeCorpusCache, encodeCorpusCacheInSteps, encodeFileDates, fileDatesName, keyForStamps, type FileStamp } from '../core/corpusCache';
import { bytesHash, stableHash, type Library, type SkippedFile } from '../core/library';
import { IncrementalMiner, prepareFile, prepareFromTokens, type PreparedFile } from '../core/mining/miner';
import { encodeFileTokens } from '../core/mining/tokenCache';
import { TokenDictionary } from '../core/mining/tokens';
import { IncrementalPassageIndex, type PassageIndex } from '../core/passageIndex';
import { corpusExtension, readCorpusFile, type PdfReader } from '../core/reading';
import { loadJieba, loadJiebaTagger, type Segment, type TagWords } from '../core/segmenter';
import type { Steps } from '../core/steps';
import { parseCorpusFile, type ParsedDocument } from '../core/structure';
import { displayPath, errorReason, listCorpusFiles, readCorpusSettings, type CorpusSettings } from './corpusFolders';
import { errorMessage } from './log';
import { localizedReason } from './skipReasons';

/** The bundled corpus's file names, fixed at build time: a web host cannot list the extension's folder. */
declare const __BUNDLED_CORPUS__: readonly string[];

/**
 * Corpus files open under this scheme: read-only, as the text the miner read (a Word or GBK file shows its
 * decoded text, and source lines match), so a writer can never change a corpus file by accident.
 */
export const CORPUS_SCHEME = 'speech-drafter-corpus';

/** Changes to corpus folders are gathered for this long before re-mining: a copy of many files is one change. */
const RESCAN_DELAY_MS = 500;
/** Caches of other corpora (other windows) kept besides the current one. */
const OTHER_CACHES_KEPT = 2;
/**
 * A decoded Word, PDF or web-page text, or a file's token ids, that no file of this corpus has is kept this long, for
 * other windows' corpora (the token ids of a file this window saw change are deleted at once: see `mine`).
 */
const PER_FILE_CACHE_KEPT_MS = 30 * 24 * 60 * 60 * 1000;
/** Global storage folders of per-file caches: decoded texts (by the bytes' SHA-256) and token ids (by the text). */
const TEXTS_FOLDER = 'texts';
const TOKENS_FOLDER = 'tokens';

/** A corpus file that was read: where it lives and its text (line numbers in sources refer to it). */
export interface LoadedFile {
  readonly path: string;
  /** Where the source opens: the read-only view of the file's text. */
  readonly uri: vscode.Uri;
  readonly text: string;
}

export interface Corpus {
  readonly library: Library;
  /** The parsed speeches, in the order of `library.documents` (parsed on first use after a cache hit). */
  readonly parsed: readonly ParsedDocument[];
  readonly files: readonly LoadedFile[];
  readonly skipped: readonly SkippedFile[];
  /** Corpus passages and library entries, for completion and hover. */
  readonly index: PassageIndex;
  /** Said in the panel: an untrusted workspace, or a cancelled mining. */
  readonly notice?: string;
}

/** What completion and hover need of the corpus: the library and the passage index. */
export type SearchableCorpus = Pick<Corpus, 'library' | 'index'>;

/** The corpus's lazy work: mining (or loading the cached library), the segmenter, the part-of-speech tagger. */
export interface CorpusWork {
  readonly corpus: boolean;
  readonly segmenter: boolean;
  readonly tagger: boolean;
}

interface FileRecord {
  readonly hash: string;
  /** SHA-256 of the bytes, for a file whose decoded text is cached (Word, PDF, pages). */
  readonly digest?: string;
  readonly file: LoadedFile;
  /** The text's hash and length: names the file's cached token ids. */
  readonly textKey: string;
  /** Parsed and segmented; absent when the library came from the cache and nothing needed it since. */
  prepared?: PreparedFile;
}

interface CorpusSource {
  /** The file itself, read through vscode.workspace.fs. */
  readonly uri: vscode.Uri;
  readonly path: string;
  /** One of the bundled speeches: they change only with the extension's version. */
  readonly bundled?: boolean;
}

/** Where a corpus file opens read-only; the query keeps the real file, so its text can be read again. */
function readOnlyUri(source: CorpusSource): vscode.Uri {
  // An absolute path already starts with `/`; a URI path may not start with two.
  return vscode.Uri.from({ scheme: CORPUS_SCHEME, path: `/${source.path.replace(/^[/\\]+/, '')}`, query: source.uri.toString() });
}

/**
 * The corpus: the bundled speeches and the writer's folders, read through vscode.workspace.fs, mined into
 * the library and the passage index. Nothing happens at activation: the first feature that needs the corpus
 * starts the work, under a progress indicator, one file at a time so the extension host keeps answering.
 * Builds run one after another in a queue, so a rebuild or a file change never mixes with a build under way.
 * Each file is parsed and segmented once and kept by content hash, so a change re-prepares, re-mines and cuts
 * into passages only the changed files (`IncrementalMiner`, `IncrementalPassageIndex`); the library and the index
 * are cached in global storage, keyed by every file's hash and the extension's version. Files that cannot be used
 * are reported (log, a warning), never fatal.
 */
export class CorpusService implements vscode.Disposable {
  private corpus: Promise<Corpus> | undefined;
  private current: Corpus | undefined;
  /**
   * A new window's first build, before it has read every file: the cached library and index of the same files with
   * the same dates and sizes (the build then reads and hashes the files, and publishes the corpus it confirms).
   */
  private quick: SearchableCorpus | undefined;
  /**
   * How this service's builds began and ended, for the log and the tests: when a new window answered from the cache of
   * unchanged files and that cache's key (or why it could not), the key of the corpus last built and when that build
   * ended; times in milliseconds after the build began.
   */
  readonly startup: { answeredFromDatesMs?: number; datesKey?: string; datesMissed?: string; builtKey?: string; builtMs?: number } = {};
  /**
   * How the last build found its library: in the cache, or mined from prepared files, of which so many were prepared
   * now from their cached token ids and so many segmented.
   */
  readonly preparation = { cached: false, fromCache: 0, segmented: 0 };
  /** The build under way: where its files' stamps are kept, the stamps (taken before the files were read) and its key. */
  private dated: { uri: vscode.Uri; stamps: readonly FileStamp[]; key: string } | undefined;
  private queue: Promise<unknown> = Promise.resolve();
  private segment: Promise<Segment> | undefined;
  private tagger: Promise<TagWords> | undefined;
  private dictionary = new TokenDictionary();
  /** Keeps each file's share of the library: after a change only the changed files are mined again. */
  private miner = new IncrementalMiner(this.dictionary);
  /** Keeps each file cut into passages: after a change only the changed files are cut again. */
  private indexer = new IncrementalPassageIndex();
  private records = new Map<string, FileRecord>();
  /** Files segmented by the last build, whose token ids are written to the cache once its corpus is published. */
  private unsavedTokens: FileRecord[] = [];
  private readonly changed = new vscode.EventEmitter<Corpus>();
  private readonly disposables: vscode.Disposable[] = [];
  private watchers: vscode.Disposable[] = [];
  private watchedFolders = '';
  private rescanTimer: ReturnType<typeof setTimeout> | undefined;
  /** While above 0, rescans wait (`holdRescans`); the reason of the last one asked for meanwhile. */
  private rescansHeld = 0;
  private heldRescan: string | undefined;
  private lastSkipped = '';
  private disposed = false;
  /** Fires after each (re)mining: the panel, completion and hover read the new corpus. */
  readonly onDidChange = this.changed.event;

  constructor(private readonly context: vscode.ExtensionContext, private readonly log: vscode.LogOutputChannel, private readonly readPdf?: PdfReader) {
    this.disposables.push(
      this.changed,
      // Serves the text a source was read as; a tab restored at startup is read again, never by mining.
      vscode.workspace.registerTextDocumentContentProvider(CORPUS_SCHEME, { provideTextDocumentContent: uri => this.sourceText(uri) }),
      vscode.workspace.onDidChangeConfiguration(event => {
        if (event.affectsConfiguration('speechDrafter.corpus') && this.corpus) this.scheduleRescan('settings changed');
      }),
      vscode.workspace.onDidGrantWorkspaceTrust(() => {
        if (this.corpus) this.scheduleRescan('workspace trusted');
      }),
      vscode.workspace.onDidChangeWorkspaceFolders(() => {
        if (this.corpus) this.scheduleRescan('workspace folders changed');
      }),
    );
  }

  /** The mined corpus, mining it the first time (with a progress notification the writer can cancel). */
  get(): Promise<Corpus> {
    this.corpus ??= this.enqueue({ notify: true });
    return this.corpus;
  }

  /**
   * The corpus if it is already mined: for providers that must answer at once and never wait. The first call
   * starts mining quietly (a spinner in the status bar): the writer is typing Chinese and will want it soon.
   */
  peek(): Corpus | undefined {
    if (!this.corpus) {
      this.corpus = this.enqueue({ notify: false });
      this.corpus.catch(() => undefined); // reported in the log; a later get() tries again
    }
    return this.current;
  }

  /**
   * The library and index for completion and hover, never waiting: in a new window on an unchanged corpus, the cached
   * ones as soon as the files' dates and sizes match, before the files are read. Starts mining like `peek`.
   */
  peekSearchable(): SearchableCorpus | undefined {
    return this.peek() ?? this.quick;
  }

  /** What has been started so far: activation must start none of it. */
  workStarted(): CorpusWork {
    return { corpus: this.corpus !== undefined, segmenter: this.segment !== undefined, tagger: this.tagger !== undefined };
  }

  /** Whether a mined corpus is at hand, without starting any work. */
  peekReady(): boolean {
    return this.current !== undefined;
  }

  /** Forgets every prepared file and the cache, and mines everything again (讲稿助手: 重新整理素材库). */
  rebuild(): Promise<Corpus> {
    this.corpus = this.enqueue({ notify: true, fresh: true });
    return this.corpus;
  }

  /** The loaded file a library document comes from. */
  fileOf(corpus: Corpus, documentId: number): LoadedFile | undefined {
    const document = corpus.library.documents[documentId];
    return document && corpus.files.find(candidate => candidate.path === document.file);
  }

  /** Opens a corpus source at a 1-based line, beside the draft and without taking the focus from it. */
  async openSource(file: LoadedFile, line: number): Promise<void> {
    const position = new vscode.Position(Math.max(0, line - 1), 0);
    await vscode.window.showTextDocument(file.uri, { selection: new vscode.Range(position, position), preview: true, viewColumn: vscode.ViewColumn.Beside, preserveFocus: true });
  }

  dispose(): void {
    this.disposed = true;
    clearTimeout(this.rescanTimer);
    for (const disposable of [...this.disposables, ...this.watchers]) disposable.dispose();
  }

  private scheduleRescan(reason: string): void {
    clearTimeout(this.rescanTimer);
    this.rescanTimer = setTimeout(() => {
      if (this.rescansHeld > 0) this.heldRescan = reason;
      else void this.rescan(reason);
    }, RESCAN_DELAY_MS);
  }

  /**
   * Holds the rescans that file and setting changes schedule until the returned function is called; then one runs if
   * any was asked for. (The tests hold this window's while a second one, a new window, reads a change first.)
   */
  holdRescans(): () => void {
    this.rescansHeld++;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      if (--this.rescansHeld > 0 || this.heldRescan === undefined) return;
      const reason = this.heldRescan;
      this.heldRescan = undefined;
      this.scheduleRescan(reason);
    };
  }

  /** Reads the corpus again after files or settings changed: changed files are mined, the rest kept. */
  rescan(reason: string): Promise<Corpus> {
    this.log.info(`Re-mining the corpus: ${reason}`);
    this.corpus = this.enqueue({ notify: false });
    return this.corpus;
  }

  /** Runs a build after the ones already queued; a failed first build is forgotten so the next request retries. */
  private enqueue(options: { notify: boolean; fresh?: boolean }): Promise<Corpus> {
    const run = this.queue.then(() => this.build(options));
    this.queue = run.catch(() => undefined);
    run.catch(() => {
      if (!this.current && this.corpus === run) this.corpus = undefined;
    });
    return run;
  }

  private async build({ notify, fresh }: { notify: boolean; fresh?: boolean }): Promise<Corpus> {
    if (fresh) {
      this.records.clear();
      this.dictionary = new TokenDictionary();
      this.miner = new IncrementalMiner(this.dictionary);
      this.indexer = new IncrementalPassageIndex();
      await this.deleteCaches();
      this.unsavedTokens = [];
      for (const folder of [TEXTS_FOLDER, TOKENS_FOLDER]) {
        await vscode.workspace.fs.delete(vscode.Uri.joinPath(this.context.globalStorageUri, folder), { recursive: true }).then(undefined, () => undefined);
      }
    }
    const location = notify ? vscode.ProgressLocation.Notification : vscode.ProgressLocation.Window;
    try {
      const { corpus, unsavedKey } = await vscode.window.withProgress(
        { location, title: vscode.l10n.t('Speech Drafter: building the speech library'), cancellable: notify },
        (progress, token) => this.mine(progress, token),
      );
      this.current = corpus;
      this.quick = undefined;
      this.changed.fire(corpus);
      this.reportSkipped(corpus.skipped);
      // Cached once completion and hover have the new corpus; before its files' dates, which promise a cache.
      if (unsavedKey) await this.writeCache(unsavedKey, corpus.library, corpus.index);
      if (this.dated) await this.rememberDates(this.dated);
      await this.saveTokens();
      return corpus;
    } catch (error) {
      this.quick = undefined; // never confirmed: not served while the next build runs
      this.log.error(`Mining failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      this.segment = undefined; // a failed segmenter load is tried again next time
      if (this.current) return this.current;
      throw error;
    }
  }

  /** The corpus, and the key to cache it under when it was built rather than read from the cache. */
  private async mine(progress: vscode.Progress<{ message?: string; increment?: number }>, token: vscode.CancellationToken): Promise<{ corpus: Corpus; unsavedKey?: string }> {
    const started = Date.now();
    const settings = readCorpusSettings();
    const trusted = vscode.workspace.isTrusted;
    const skipped: SkippedFile[] = [];
    progress.report({ message: vscode.l10n.t('reading the corpus') });
    const sources = await this.sources(settings, trusted, skipped, token);
    this.watch(trusted ? settings.folders : [], settings.fileTypes);
    this.dated = undefined;
    // Dates and sizes taken before the files are read: recorded with this build's key, they can be older than the
    // contents read, never newer (a file saved meanwhile shows a new date next time, and is read).
    const stamps = await this.stampsOf(sources);
    const datesUri = this.datesUri(settings, trusted);
    if (!this.current && this.records.size === 0 && !token.isCancellationRequested) await this.answerFromDates(sources.length, stamps, datesUri, started);

    // Read every file and hash it: unchanged files keep what was prepared before.
    const records: FileRecord[] = [];
    const readings = new ReadAhead(sources, source => Promise.resolve(vscode.workspace.fs.readFile(source.uri)).then(bytes => ({ bytes }), (error: unknown) => ({ error })));
    for (const [i, source] of sources.entries()) {
      if (token.isCancellationRequested) break;
      if (i % 20 === 0) progress.report({ message: vscode.l10n.t('reading {0} of {1} files', i + 1, sources.length) });
      const record = await this.readRecord(source, await readings.take(i), settings.maxFileBytes, skipped);
      if (record) records.push(record);
    }
    const key = corpusCacheKey([{ path: 'speech-drafter', hash: this.version() }, ...records.map(record => ({ path: record.file.path, hash: record.hash }))]);
    // The files confirm what a new window answered from by their dates (that cache is not read a second time), or not.
    const confirmed = this.quick && this.startup.datesKey === key ? this.quick : undefined;
    if (!confirmed) this.quick = undefined;
    const cached = token.isCancellationRequested ? undefined : (confirmed ?? await this.readCache(key));

    let library: Library;
    let index: PassageIndex;
    let parsed: ParsedDocument[] | undefined;
    let unsavedKey: string | undefined;
    if (cached) {
      // Completion needs only the index: the speeches are parsed when a feature first asks for them.
      ({ library, index } = cached);
      Object.assign(this.preparation, { cached: true, fromCache: 0, segmented: 0 });
      this.log.info(`Library loaded from the cache (${library.entries.length} entries, ${records.length} files)`);
    } else {
      // After a cache hit nothing was prepared: files whose token ids were cached are parsed only, the rest segmented.
      const toPrepare = records.filter(record => !record.prepared);
      const blobs = new ReadAhead(toPrepare, record => this.readTokens(record));
      let segment: Segment | undefined;
      let reused = 0;
      let segmented = 0;
      for (const [i, record] of toPrepare.entries()) {
        if (token.isCancellationRequested) break;
        progress.report({ message: vscode.l10n.t('mining {0} of {1} files', i + 1, toPrepare.length), increment: 100 / toPrepare.length });
        const blob = await blobs.take(i);
        const fromCache = blob && prepareFromTokens(record.file, blob, this.dictionary);
        if (fromCache) {
          record.prepared = fromCache;
          reused++;
          await yieldToHost();
          continue;
        }
        if (!segment) {
          progress.report({ message: vscode.l10n.t('loading the word segmenter') });
          segment = await this.segmenter();
        }
        record.prepared = prepareFile(record.file, segment, this.dictionary);
        segmented++;
        this.unsavedTokens.push(record);
        await yieldToHost();
      }
      Object.assign(this.preparation, { cached: false, fromCache: reused, segmented });
      if (reused > 0) this.log.info(`Token ids of ${reused} unchanged files read from the cache; ${segmented} files segmented`);
      // Cancelled: mine what was prepared, so the writer keeps a library of the files read so far.
      const prepared = records.flatMap(record => (record.prepared ? [record.prepared] : []));
      if (token.isCancellationRequested) this.log.warn(`Mining cancelled: the library holds ${prepared.length} of ${records.length} files`);
      library = await finishInSlices(this.miner.mineInSteps(prepared));
      parsed = prepared.flatMap(file => file.parsed);
      // In slices: completion and hover answer from the last index meanwhile (a unique 50 MB corpus takes about a second).
      const indexStart = Date.now();
      index = await finishInSlices(this.indexer.buildInSteps(prepared.map(file => file.parsed), library));
      const { clauseStarts, carried, bigramsCarried } = this.indexer.lastBuild;
      this.log.info(`Passage index built in ${Date.now() - indexStart} ms (${carried} of ${clauseStarts} clause starts${bigramsCarried ? ' and the postings' : ''} taken over from the last one)`);
      if (!token.isCancellationRequested) unsavedKey = key;
    }
    if (!token.isCancellationRequested) {
      if (stamps) this.dated = { uri: datesUri, stamps, key };
      Object.assign(this.startup, { builtKey: key, builtMs: Date.now() - started });
      const texts = new Set(records.flatMap(record => (record.digest ? [this.decodedTextName(record.digest)] : [])));
      await this.pruneStoredFiles(TEXTS_FOLDER, new RegExp(`^${escapeRegExp(this.version())}-[0-9a-f]{64}\\.txt$`), texts);
      const tokens = new Set(records.map(record => this.tokensName(record)));
      await this.pruneStoredFiles(TOKENS_FOLDER, new RegExp(`^${escapeRegExp(this.version())}-[0-9a-f]{8}-[0-9]+\\.bin$`), tokens);
      // A file this window saw change (or go) leaves its old token ids: each save of a draft would otherwise add some.
      for (const name of new Set([...this.records.values()].map(record => this.tokensName(record)))) {
        if (!tokens.has(name)) await vscode.workspace.fs.delete(this.tokensUri(name)).then(undefined, () => undefined);
      }
    }
    const kept = new Set(records.map(record => record.file.uri.toString()));
    for (const uri of [...this.records.keys()]) if (!kept.has(uri)) this.records.delete(uri);
    for (const record of records) this.records.set(record.file.uri.toString(), record);
    const notice = token.isCancellationRequested
      ? vscode.l10n.t('Building the library was cancelled: it holds only the files read so far. Run 讲稿助手: 重新整理素材库 to complete it.')
      : !trusted && settings.folders.length > 0 ? vscode.l10n.t('This workspace is not trusted: only the bundled speeches are used. Trust the workspace to use your corpus folders.') : undefined;
    this.log.info(`Corpus: ${records.length} files, ${library.documents.length} speeches, ${library.entries.length} entries, ${index.stats().passages} passages, ${skipped.length} skipped, in ${Date.now() - started} ms`);
    const corpus: Corpus = {
      library, files: records.map(record => record.file), skipped, index, ...(notice ? { notice } : {}),
      get parsed(): readonly ParsedDocument[] {
        parsed ??= records.flatMap(record => record.prepared?.parsed ?? parseCorpusFile(record.file.text, record.file.path));
        return parsed;
      },
    };
    return { corpus, ...(unsavedKey ? { unsavedKey } : {}) };
  }

  /** The bundled speeches (unless turned off) and, in a trusted workspace, the files of the corpus folders. */
  private async sources(settings: CorpusSettings, trusted: boolean, skipped: SkippedFile[], token: vscode.CancellationToken): Promise<CorpusSource[]> {
    const bundled = settings.includeBundled
      ? __BUNDLED_CORPUS__.map(name => ({ uri: vscode.Uri.joinPath(this.context.extensionUri, 'seeds', name), path: `seeds/${name}`, bundled: true }))
      : [];
    if (!trusted) return bundled;
    const files = await listCorpusFiles(settings.folders, settings.fileTypes, skipped, token);
    return [...bundled, ...files.map(uri => ({ uri, path: displayPath(uri) }))];
  }

  /** A file's record from its bytes as read (or the reason they could not be). */
  private async readRecord(source: CorpusSource, reading: { bytes: Uint8Array } | { error: unknown }, maxFileBytes: number, skipped: SkippedFile[]): Promise<FileRecord | undefined> {
    if ('error' in reading) {
      skipped.push({ path: source.path, reason: errorReason(reading.error) });
      return undefined;
    }
    const { bytes } = reading;
    const uri = readOnlyUri(source);
    const hash = bytesHash(bytes);
    const known = this.records.get(uri.toString());
    if (known && known.hash === hash) return known;
    // A Word, PDF or page file decoded before is read from the cache, unless it is now over the size limit.
    const digest = isPlainText(source.path) || bytes.length > maxFileBytes ? undefined : await contentDigest(bytes);
    const cached = digest === undefined ? undefined : await this.readDecodedText(digest);
    const result = cached !== undefined ? { ok: true as const, text: cached } : await readCorpusFile(source.path, bytes, { maxBytes: maxFileBytes, readPdf: this.readPdf });
    if (result.ok && digest !== undefined && cached === undefined && 'format' in result && result.format !== 'text') await this.writeDecodedText(digest, result.text);
    if (!result.ok) {
      skipped.push({ path: source.path, reason: result.reason });
      return undefined;
    }
    if (result.text.trim().length === 0) {
      skipped.push({ path: source.path, reason: 'empty file' });
      return undefined;
    }
    return { hash, ...(digest ? { digest } : {}), file: { path: source.path, uri, text: result.text }, textKey: `${stableHash(result.text)}-${result.text.length}` };
  }

  /** The read-only text of a source: as mined, or read and decoded again (a tab restored before any mining). */
  private async sourceText(uri: vscode.Uri): Promise<string> {
    const known = this.records.get(uri.toString());
    if (known) return known.file.text;
    try {
      const original = vscode.Uri.parse(uri.query, true);
      const result = await readCorpusFile(uri.path, await vscode.workspace.fs.readFile(original), { maxBytes: Number.POSITIVE_INFINITY, readPdf: this.readPdf });
      return result.ok ? result.text : vscode.l10n.t('This corpus file cannot be shown: {0}', localizedReason(result.reason));
    } catch (error) {
      return vscode.l10n.t('This corpus file cannot be shown: {0}', localizedReason(errorReason(error)));
    }
  }

  /** Watches the corpus folders: an added, edited or deleted file re-mines (only that file is prepared again). */
  private watch(folders: readonly vscode.Uri[], fileTypes: readonly string[]): void {
    const signature = `${folders.map(folder => folder.toString()).join('\n')}|${fileTypes.join(',')}`;
    if (this.disposed || signature === this.watchedFolders) return;
    this.watchedFolders = signature;
    for (const watcher of this.watchers) watcher.dispose();
    const pattern = `**/*{${fileTypes.join(',')}}`;
    this.watchers = folders.map(folder => {
      const watcher = vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(folder, pattern));
      const changed = (uri: vscode.Uri): void => this.scheduleRescan(`${displayPath(uri)} changed`);
      return vscode.Disposable.from(watcher, watcher.onDidCreate(changed), watcher.onDidChange(changed), watcher.onDidDelete(changed));
    });
  }

  private reportSkipped(skipped: readonly SkippedFile[]): void {
    for (const file of skipped) this.log.warn(vscode.l10n.t('Skipped {0}: {1}', file.path, localizedReason(file.reason)));
    const signature = skipped.map(file => `${file.path}:${file.reason}`).join('\n');
    if (signature === this.lastSkipped) return;
    this.lastSkipped = signature;
    if (skipped.length === 0) return;
    const showLog = vscode.l10n.t('Show Log');
    void vscode.window.showWarningMessage(vscode.l10n.t('Speech Drafter skipped {0} corpus file(s) it could not use, e.g. {1}: {2}', skipped.length, skipped[0].path, localizedReason(skipped[0].reason)), showLog)
      .then(choice => {
        if (choice === showLog) this.log.show();
      });
  }

  /**
   * Where the text decoded from a Word, PDF or web-page file is kept, by the SHA-256 of its bytes and the extension's
   * version (a better reader in a new version reads the file again): reading a PDF takes far longer than reading this.
   */
  private decodedTextUri(digest: string): vscode.Uri {
    return vscode.Uri.joinPath(this.context.globalStorageUri, TEXTS_FOLDER, this.decodedTextName(digest));
  }

  private decodedTextName(digest: string): string {
    return `${this.version()}-${digest}.txt`;
  }

  /**
   * Where a file's token ids are kept, by its text and the extension's version (which fixes the parser and the
   * segmenter). The blob holds the text's length and hash too: a blob of another text is never used.
   */
  private tokensName(record: FileRecord): string {
    return `${this.version()}-${record.textKey}.bin`;
  }

  private tokensUri(name: string): vscode.Uri {
    return vscode.Uri.joinPath(this.context.globalStorageUri, TOKENS_FOLDER, name);
  }

  private async readTokens(record: FileRecord): Promise<Uint8Array | undefined> {
    try {
      return await vscode.workspace.fs.readFile(this.tokensUri(this.tokensName(record)));
    } catch {
      return undefined; // not segmented before
    }
  }

  /** Writes the token ids of the files the last build segmented (a new window's first change then segments only it). */
  private async saveTokens(): Promise<void> {
    const records = this.unsavedTokens;
    this.unsavedTokens = [];
    try {
      for (const record of records) {
        if (!record.prepared) continue;
        await vscode.workspace.fs.writeFile(this.tokensUri(this.tokensName(record)), encodeFileTokens(record.file.text, record.prepared.tokens, this.dictionary));
      }
    } catch (error) {
      this.log.warn(`Could not cache the corpus files' token ids: ${errorMessage(error)}`);
    }
  }

  private async readDecodedText(digest: string): Promise<string | undefined> {
    try {
      return new TextDecoder().decode(await vscode.workspace.fs.readFile(this.decodedTextUri(digest)));
    } catch {
      return undefined; // not decoded before
    }
  }

  private async writeDecodedText(digest: string, text: string): Promise<void> {
    try {
      await vscode.workspace.fs.writeFile(this.decodedTextUri(digest), new TextEncoder().encode(text));
    } catch (error) {
      this.log.warn(`Could not cache a decoded corpus file: ${errorMessage(error)}`);
    }
  }

  /**
   * Deletes the per-file caches in `folder` that no file of this corpus uses (`kept` names): at once if their names are
   * not `current` ones (another version's, or stray), else once they are a month old (another window's corpus may use
   * them).
   */
  private async pruneStoredFiles(folderName: string, current: RegExp, kept: ReadonlySet<string>): Promise<void> {
    const folder = vscode.Uri.joinPath(this.context.globalStorageUri, folderName);
    let names: string[];
    try {
      names = (await vscode.workspace.fs.readDirectory(folder)).map(([name]) => name);
    } catch {
      return; // nothing cached yet
    }
    const oldest = Date.now() - PER_FILE_CACHE_KEPT_MS;
    for (const name of names) {
      if (kept.has(name)) continue;
      const uri = vscode.Uri.joinPath(folder, name);
      const stale = !current.test(name) || (await vscode.workspace.fs.stat(uri).then(stat => stat.mtime, () => 0)) < oldest;
      if (stale) await vscode.workspace.fs.delete(uri).then(undefined, () => undefined);
    }
  }

  /**
   * In a new window: if every source bears the dates and sizes recorded with a cached library, completion and hover
   * answer from that cache at once, while the build goes on to read and hash the files as usual.
   */
  private async answerFromDates(fileCount: number, stamps: readonly FileStamp[] | undefined, datesUri: vscode.Uri, started: number): Promise<void> {
    this.quick = undefined;
    const skip = (reason: string): void => {
      this.startup.datesMissed = reason;
      this.log.info(`Reading every corpus file before answering: ${reason}`);
    };
    if (!stamps) return skip('a file\'s date and size could not be read');
    let recorded: Uint8Array;
    try {
      recorded = await vscode.workspace.fs.readFile(datesUri);
    } catch {
      return skip('no library cached for these files yet');
    }
    const key = keyForStamps(recorded, stamps);
    if (key === undefined) return skip('files were added, removed or saved since the library was cached');
    const cached = await this.readCache(key);
    if (!cached) return skip('the library cached for these files is gone');
    this.quick = cached;
    Object.assign(this.startup, { answeredFromDatesMs: Date.now() - started, datesKey: key });
    this.log.info(`Completion answers from the cached library (${cached.library.entries.length} entries) of ${fileCount} files unchanged by date and size, ${Date.now() - started} ms after the build began; the files are read to confirm it`);
  }

  /** Records a published corpus's stamps with its cache key, for the next window. */
  private async rememberDates({ uri, stamps, key }: { uri: vscode.Uri; stamps: readonly FileStamp[]; key: string }): Promise<void> {
    try {
      await vscode.workspace.fs.writeFile(uri, encodeFileDates(key, stamps));
    } catch (error) {
      this.log.warn(`Could not record the corpus files' dates: ${errorMessage(error)}`);
    }
  }

  /**
   * Each source's modification time and size, or undefined if one is unknown (the fast start is then skipped). A web
   * host reports 0 and 0 for the extension's own files: the bundled speeches are known by the extension's version.
   */
  private async stampsOf(sources: readonly CorpusSource[]): Promise<FileStamp[] | undefined> {
    try {
      const stamps = await Promise.all(sources.map(async source => {
        const stat = await vscode.workspace.fs.stat(source.uri);
        if (stat.mtime === 0 && stat.size === 0 && !source.bundled) throw new Error(`no date or size for ${source.path}`);
        return { uri: source.uri.toString(), mtime: stat.mtime, size: stat.size };
      }));
      return stamps;
    } catch {
      return undefined;
    }
  }

  /** One record of stamps per corpus set-up (its folders, file types and the like) and version. */
  private datesUri(settings: CorpusSettings, trusted: boolean): vscode.Uri {
    const setup = JSON.stringify({ ...settings, folders: settings.folders.map(folder => folder.toString()), trusted });
    return vscode.Uri.joinPath(this.context.globalStorageUri, fileDatesName(this.version(), setup));
  }

  private version(): string {
    return String((this.context.extension.packageJSON as { version?: unknown }).version ?? '');
  }

  /** One pair of files per corpus, named by its key: windows with different corpora keep their own. */
  private cacheUris(key: string): { header: vscode.Uri; index: vscode.Uri } {
    return { header: vscode.Uri.joinPath(this.context.globalStorageUri, `library-${key}.json`), index: vscode.Uri.joinPath(this.context.globalStorageUri, `passages-${key}.bin`) };
  }

  private async readCache(key: string): Promise<{ library: Library; index: PassageIndex } | undefined> {
    const uris = this.cacheUris(key);
    let blobs;
    try {
      blobs = { header: await vscode.workspace.fs.readFile(uris.header), index: await vscode.workspace.fs.readFile(uris.index) };
    } catch {
      return undefined; // nothing cached for this corpus
    }
    try {
      return decodeCorpusCache(key, blobs);
    } catch (error) {
      this.log.warn(`The library cache is damaged and is rebuilt: ${errorMessage(error)}`);
      return undefined;
    }
  }

  private async writeCache(key: string, library: Library, index: PassageIndex): Promise<void> {
    try {
      const blobs = await finishInSlices(encodeCorpusCacheInSteps(key, library, index));
      const uris = this.cacheUris(key);
      await vscode.workspace.fs.createDirectory(this.context.globalStorageUri);
      await vscode.workspace.fs.writeFile(uris.index, blobs.index);
      await vscode.workspace.fs.writeFile(uris.header, blobs.header);
      await this.deleteCaches(key);
    } catch (error) {
      this.log.warn(`Could not write the library cache: ${errorMessage(error)}`);
    }
  }

  /** Deletes the cached corpora, all of them or all but `keep` and the most recent others. */
  private async deleteCaches(keep?: string): Promise<void> {
    let names: string[];
    try {
      names = (await vscode.workspace.fs.readDirectory(this.context.globalStorageUri)).map(([name]) => name);
    } catch {
      return; // nothing cached yet
    }
    if (keep === undefined) {
      // Everything goes: the files' recorded dates too, which name caches no longer there.
      for (const name of names.filter(candidate => /^dates-[0-9a-f]{8}\.json$/.test(candidate))) {
        await vscode.workspace.fs.delete(vscode.Uri.joinPath(this.context.globalStorageUri, name)).then(undefined, () => undefined);
      }
    }
    const keys = [...new Set(names.flatMap(name => /^(?:library|passages)-([0-9a-f]{8})\.(?:json|bin)$/.exec(name)?.[1] ?? []))].filter(other => other !== keep);
    const dated = await Promise.all(keys.map(async other => ({ key: other, mtime: (await vscode.workspace.fs.stat(this.cacheUris(other).index).then(stat => stat.mtime, () => 0)) })));
    dated.sort((a, b) => b.mtime - a.mtime);
    for (const { key: old } of dated.slice(keep ? OTHER_CACHES_KEPT : 0)) {
      const uris = this.cacheUris(old);
      for (const uri of [uris.header, uris.index]) await vscode.workspace.fs.delete(uri).then(undefined, () => undefined);
    }
  }

  private segmenter(): Promise<Segment> {
    this.segment ??= this.jiebaWasm().then(loadJieba);
    return this.segment;
  }

  /** jieba's part-of-speech tagger (the repetition hints tell expressions from terms with it), loaded on first use. */
  wordClasses(): Promise<TagWords> {
    this.tagger ??= this.jiebaWasm().then(loadJiebaTagger);
    this.tagger.catch(() => {
      this.tagger = undefined; // tried again next time
    });
    return this.tagger;
  }

  private async jiebaWasm(): Promise<Uint8Array> {
    return vscode.workspace.fs.readFile(vscode.Uri.joinPath(this.context.extensionUri, 'dist', 'jieba_rs_wasm_bg.wasm'));
  }
}

/**
 * SHA-256 of the bytes, in hex: the decoded-text cache is shared by every corpus, so a collision must not happen.
 * Undefined where the runtime has no Web Crypto (a browser page served over plain http): nothing is cached then.
 */
async function contentDigest(bytes: Uint8Array): Promise<string | undefined> {
  try {
    const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', new Uint8Array(bytes)));
    return Array.from(digest, byte => byte.toString(16).padStart(2, '0')).join('');
  } catch {
    return undefined;
  }
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Reads ahead of the item in use: each read through `vscode.workspace.fs` waits several milliseconds in the Node
 * host (200 files read one after another took seconds), so the next few are under way while one is used. The items
 * are still used one at a time and in order, so a Word or PDF file's decoding and time limit are its own. `read`
 * must not reject: a read left untaken when a build is cancelled would be an unhandled rejection.
 */
class ReadAhead<Item, Value> {
  private readonly started: (Promise<Value> | undefined)[] = [];

  constructor(private readonly items: readonly Item[], private readonly read: (item: Item) => Promise<Value>, private readonly ahead = 8) {}

  /** Item `index`'s read, and the next ones started. */
  take(index: number): Promise<Value> {
    for (let next = index; next < Math.min(this.items.length, index + this.ahead); next++) this.started[next] ??= this.read(this.items[next]);
    const value = this.started[index] as Promise<Value>;
    this.started[index] = undefined; // its bytes are not held here once used
    return value;
  }
}

/** Plain text is decoded faster than a cached copy of it could be read. */
function isPlainText(path: string): boolean {
  const extension = corpusExtension(path);
  return extension === '.txt' || extension === '.md';
}

/** Lets the extension host answer other requests between two files of mining. */
function yieldToHost(): Promise<void> {
  return new Promise(resolve => setTimeout(resolve, 0));
}

/** How long work in steps runs before the host may answer a keystroke. */
const SLICE_MS = 20;

/** Runs `steps` (see `core/steps.ts`) in slices of about `SLICE_MS`, yielding to the host between them. */
async function finishInSlices<Result>(steps: Steps<Result>): Promise<Result> {
  for (;;) {
    const sliceEnd = performance.now() + SLICE_MS;
    do {
      const next = steps.next();
      if (next.done) return next.value;
    } while (performance.now() < sliceEnd);
    await yieldToHost();
  }
}
