import * as vscode from 'vscode';
import { corpusCacheKey, decodeCorpusCache, encodeCorpusCache } from '../core/corpusCache';
import { bytesHash, type Library, type SkippedFile } from '../core/library';
import { minePreparedFiles, prepareFile, type PreparedFile } from '../core/mining/miner';
import { TokenDictionary } from '../core/mining/tokens';
import { buildPassageIndex, type PassageIndex } from '../core/passageIndex';
import { readCorpusFile } from '../core/reading';
import { loadJieba, type Segment } from '../core/segmenter';
import { parseCorpusFile, type ParsedDocument } from '../core/structure';
import { displayPath, errorReason, listCorpusFiles, readCorpusSettings, type CorpusSettings } from './corpusFolders';

/** The bundled corpus's file names, fixed at build time: a web host cannot list the extension's folder. */
declare const __BUNDLED_CORPUS__: readonly string[];

/** Read-only documents of the bundled corpus: they open from here in every host and can never be written. */
export const CORPUS_SCHEME = 'speech-drafter-corpus';

/** Changes to corpus folders are gathered for this long before re-mining: a copy of many files is one change. */
const RESCAN_DELAY_MS = 500;

/** A corpus file that was read: where it lives and its text (line numbers in sources refer to it). */
export interface LoadedFile {
  readonly path: string;
  /** Where the source opens: the file itself, or the read-only view of a bundled speech. */
  readonly uri: vscode.Uri;
  readonly text: string;
}

export interface Corpus {
  readonly library: Library;
  /** The parsed speeches, in the order of `library.documents`. */
  readonly parsed: readonly ParsedDocument[];
  readonly files: readonly LoadedFile[];
  readonly skipped: readonly SkippedFile[];
  /** Corpus passages and library entries, for completion and hover. */
  readonly index: PassageIndex;
  /** Said in the panel: e.g. that an untrusted workspace uses the bundled corpus only. */
  readonly notice?: string;
}

interface FileRecord {
  readonly hash: string;
  readonly file: LoadedFile;
  /** Parsed and segmented; absent when the library came from the cache and nothing needed it since. */
  prepared?: PreparedFile;
}

/**
 * The corpus: the bundled speeches and the writer's folders, read through vscode.workspace.fs, mined into
 * the library and the passage index. Nothing happens at activation: the first feature that needs the corpus
 * starts the work, under a cancellable progress notification, one file at a time so the extension host keeps
 * answering. Each file is parsed and segmented once and kept by content hash, so a change re-prepares only
 * the changed files; the library and the index are cached in global storage, keyed by every file's hash.
 * Files that cannot be used are reported (log, a warning, the CLI's `skipped`), never fatal.
 */
export class CorpusService implements vscode.Disposable {
  private corpus: Promise<Corpus> | undefined;
  private current: Corpus | undefined;
  private segment: Promise<Segment> | undefined;
  private dictionary = new TokenDictionary();
  private records = new Map<string, FileRecord>();
  private readonly changed = new vscode.EventEmitter<Corpus>();
  private readonly disposables: vscode.Disposable[] = [];
  private watchers: vscode.Disposable[] = [];
  private rescanTimer: ReturnType<typeof setTimeout> | undefined;
  private lastSkipped = '';
  /** Fires after each (re)mining: the panel, completion and hover read the new corpus. */
  readonly onDidChange = this.changed.event;

  constructor(private readonly context: vscode.ExtensionContext, private readonly log: vscode.LogOutputChannel) {
    this.disposables.push(
      this.changed,
      vscode.workspace.registerTextDocumentContentProvider(CORPUS_SCHEME, {
        provideTextDocumentContent: async uri => (await this.get()).files.find(file => file.uri.toString() === uri.toString())?.text ?? '',
      }),
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

  /** The mined corpus, mining it the first time. */
  get(): Promise<Corpus> {
    this.corpus ??= this.build(true);
    return this.corpus;
  }

  /** The corpus if it is already mined: for providers that must answer at once and never wait for mining. */
  peek(): Corpus | undefined {
    if (!this.current) void this.get();
    return this.current;
  }

  /** Forgets every prepared file and the cache, and mines everything again (讲稿助手: 重新整理素材库). */
  async rebuild(): Promise<Corpus> {
    this.records.clear();
    this.dictionary = new TokenDictionary();
    await this.deleteCache();
    this.corpus = this.build(true, this.corpus);
    return this.corpus;
  }

  /** Where a source line of the library opens. */
  sourceLocation(corpus: Corpus, documentId: number, line: number): vscode.Location | undefined {
    const document = corpus.library.documents[documentId];
    const file = document && corpus.files.find(candidate => candidate.path === document.file);
    return file ? new vscode.Location(file.uri, new vscode.Position(Math.max(0, line - 1), 0)) : undefined;
  }

  dispose(): void {
    clearTimeout(this.rescanTimer);
    for (const disposable of [...this.disposables, ...this.watchers]) disposable.dispose();
  }

  private scheduleRescan(reason: string): void {
    clearTimeout(this.rescanTimer);
    this.rescanTimer = setTimeout(() => {
      this.log.info(`Re-mining the corpus: ${reason}`);
      const previous = this.corpus;
      // Chained: a change during mining re-mines after it, never beside it.
      this.corpus = (previous ?? Promise.resolve(undefined)).catch(() => undefined).then(() => this.build(false, previous));
    }, RESCAN_DELAY_MS);
  }

  private async build(notify: boolean, previous?: Promise<Corpus>): Promise<Corpus> {
    const location = notify ? vscode.ProgressLocation.Notification : vscode.ProgressLocation.Window;
    try {
      const corpus = await vscode.window.withProgress(
        { location, title: vscode.l10n.t('Speech Drafter: building the speech library'), cancellable: notify },
        (progress, token) => this.mine(progress, token),
      );
      this.current = corpus;
      this.changed.fire(corpus);
      this.reportSkipped(corpus.skipped);
      return corpus;
    } catch (error) {
      this.log.error(`Mining failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      const kept = await previous?.catch(() => undefined);
      if (kept) return kept;
      throw error;
    }
  }

  private async mine(progress: vscode.Progress<{ message?: string; increment?: number }>, token: vscode.CancellationToken): Promise<Corpus> {
    const started = Date.now();
    const settings = readCorpusSettings();
    const trusted = vscode.workspace.isTrusted;
    const skipped: SkippedFile[] = [];
    progress.report({ message: vscode.l10n.t('reading the corpus') });
    const sources = await this.sources(settings, trusted, skipped, token);
    this.watch(trusted ? settings.folders : []);

    // Read every file and hash it: unchanged files keep what was prepared before.
    const records: FileRecord[] = [];
    for (const [i, source] of sources.entries()) {
      if (token.isCancellationRequested) break;
      if (i % 20 === 0) progress.report({ message: vscode.l10n.t('reading {0} of {1} files', i + 1, sources.length) });
      const record = await this.readRecord(source, settings.maxFileBytes, skipped);
      if (record) records.push(record);
    }
    const key = corpusCacheKey(records.map(record => ({ path: record.file.path, hash: record.hash })));
    const cached = token.isCancellationRequested ? undefined : await this.readCache(key);

    let library: Library;
    let index: PassageIndex;
    let parsed: ParsedDocument[];
    if (cached) {
      ({ library, index } = cached);
      parsed = records.flatMap(record => record.prepared?.parsed ?? parseCorpusFile(record.file.text, record.file.path));
      this.log.info(`Library loaded from the cache (${library.entries.length} entries, ${records.length} files)`);
    } else {
      const toPrepare = records.filter(record => !record.prepared);
      if (toPrepare.length > 0) {
        progress.report({ message: vscode.l10n.t('loading the word segmenter') });
        const segment = await this.segmenter();
        for (const [i, record] of toPrepare.entries()) {
          if (token.isCancellationRequested) break;
          progress.report({ message: vscode.l10n.t('mining {0} of {1} files', i + 1, toPrepare.length), increment: 100 / toPrepare.length });
          record.prepared = prepareFile(record.file, segment, this.dictionary);
          await yieldToHost();
        }
      }
      // Cancelled: mine what was prepared, so the writer keeps a library of the files read so far.
      const ready = records.filter(record => record.prepared);
      if (token.isCancellationRequested) this.log.warn(`Mining cancelled: the library holds ${ready.length} of ${records.length} files`);
      const prepared = ready.map(record => record.prepared as PreparedFile);
      library = minePreparedFiles(prepared, this.dictionary);
      parsed = prepared.flatMap(file => file.parsed);
      index = buildPassageIndex({ parsed, library });
      if (!token.isCancellationRequested) await this.writeCache(key, library, index);
    }
    for (const record of records) this.records.set(record.file.uri.toString(), record);
    for (const uri of [...this.records.keys()]) if (!records.some(record => record.file.uri.toString() === uri)) this.records.delete(uri);
    const notice = !trusted && settings.folders.length > 0 ? vscode.l10n.t('This workspace is not trusted: only the bundled speeches are used. Trust the workspace to use your corpus folders.') : undefined;
    this.log.info(`Corpus: ${records.length} files, ${library.documents.length} speeches, ${library.entries.length} entries, ${index.stats().passages} passages, ${skipped.length} skipped, in ${Date.now() - started} ms`);
    return { library, parsed, files: records.map(record => record.file), skipped, index, ...(notice ? { notice } : {}) };
  }

  /** The bundled speeches (unless turned off) and, in a trusted workspace, the files of the corpus folders. */
  private async sources(settings: CorpusSettings, trusted: boolean, skipped: SkippedFile[], token: vscode.CancellationToken): Promise<{ uri: vscode.Uri; path: string; bundled: boolean }[]> {
    const bundled = settings.includeBundled
      ? __BUNDLED_CORPUS__.map(name => ({ uri: vscode.Uri.joinPath(this.context.extensionUri, 'seeds', name), path: `seeds/${name}`, bundled: true }))
      : [];
    if (!trusted) return bundled;
    const files = await listCorpusFiles(settings.folders, settings.fileTypes, skipped, token);
    return [...bundled, ...files.map(uri => ({ uri, path: displayPath(uri), bundled: false }))];
  }

  private async readRecord(source: { uri: vscode.Uri; path: string; bundled: boolean }, maxFileBytes: number, skipped: SkippedFile[]): Promise<FileRecord | undefined> {
    let bytes: Uint8Array;
    try {
      bytes = await vscode.workspace.fs.readFile(source.uri);
    } catch (error) {
      skipped.push({ path: source.path, reason: errorReason(error) });
      return undefined;
    }
    const hash = bytesHash(bytes);
    const known = this.records.get(this.openUri(source).toString());
    if (known && known.hash === hash) return known;
    const result = await readCorpusFile(source.path, bytes, maxFileBytes);
    if (!result.ok) {
      skipped.push({ path: source.path, reason: result.reason });
      return undefined;
    }
    if (result.text.trim().length === 0) {
      skipped.push({ path: source.path, reason: 'empty file' });
      return undefined;
    }
    return { hash, file: { path: source.path, uri: this.openUri(source), text: result.text } };
  }

  private openUri(source: { uri: vscode.Uri; path: string; bundled: boolean }): vscode.Uri {
    return source.bundled ? vscode.Uri.from({ scheme: CORPUS_SCHEME, path: `/${source.path}` }) : source.uri;
  }

  /** Watches the corpus folders: an added, edited or deleted file re-mines (only that file is prepared again). */
  private watch(folders: readonly vscode.Uri[]): void {
    for (const watcher of this.watchers) watcher.dispose();
    this.watchers = folders.map(folder => {
      const watcher = vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(folder, '**/*'));
      const changed = (uri: vscode.Uri): void => this.scheduleRescan(`${displayPath(uri)} changed`);
      return vscode.Disposable.from(watcher, watcher.onDidCreate(changed), watcher.onDidChange(changed), watcher.onDidDelete(changed));
    });
  }

  private reportSkipped(skipped: readonly SkippedFile[]): void {
    for (const file of skipped) this.log.warn(`Skipped ${file.path}: ${file.reason}`);
    const signature = skipped.map(file => `${file.path}:${file.reason}`).join('\n');
    if (signature === this.lastSkipped) return;
    this.lastSkipped = signature;
    if (skipped.length === 0) return;
    const showLog = vscode.l10n.t('Show Log');
    void vscode.window.showWarningMessage(vscode.l10n.t('Speech Drafter skipped {0} corpus file(s) it could not use, e.g. {1}: {2}', skipped.length, skipped[0].path, skipped[0].reason), showLog)
      .then(choice => {
        if (choice === showLog) this.log.show();
      });
  }

  private cacheUri(name: string): vscode.Uri {
    return vscode.Uri.joinPath(this.context.globalStorageUri, name);
  }

  private async readCache(key: string): Promise<{ library: Library; index: PassageIndex } | undefined> {
    let blobs;
    try {
      blobs = { header: await vscode.workspace.fs.readFile(this.cacheUri('library.json')), index: await vscode.workspace.fs.readFile(this.cacheUri('passages.bin')) };
    } catch {
      return undefined; // nothing cached yet
    }
    try {
      return decodeCorpusCache(key, blobs);
    } catch (error) {
      this.log.warn(`The library cache is damaged and is rebuilt: ${error instanceof Error ? error.message : String(error)}`);
      return undefined;
    }
  }

  private async writeCache(key: string, library: Library, index: PassageIndex): Promise<void> {
    try {
      const blobs = encodeCorpusCache(key, library, index);
      await vscode.workspace.fs.createDirectory(this.context.globalStorageUri);
      await vscode.workspace.fs.writeFile(this.cacheUri('passages.bin'), blobs.index);
      await vscode.workspace.fs.writeFile(this.cacheUri('library.json'), blobs.header);
    } catch (error) {
      this.log.warn(`Could not write the library cache: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  private async deleteCache(): Promise<void> {
    for (const name of ['library.json', 'passages.bin']) {
      try {
        await vscode.workspace.fs.delete(this.cacheUri(name));
      } catch {
        // Nothing cached yet.
      }
    }
  }

  private segmenter(): Promise<Segment> {
    this.segment ??= (async () => {
      const wasm = await vscode.workspace.fs.readFile(vscode.Uri.joinPath(this.context.extensionUri, 'dist', 'jieba_rs_wasm_bg.wasm'));
      return loadJieba(wasm);
    })();
    return this.segment;
  }
}

/** Lets the extension host answer other requests between two files of mining. */
function yieldToHost(): Promise<void> {
  return new Promise(resolve => setTimeout(resolve, 0));
}
