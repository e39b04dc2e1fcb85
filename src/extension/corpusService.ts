import * as vscode from 'vscode';
import type { Library, SkippedFile } from '../core/library';
import { minePreparedFiles, prepareFile } from '../core/mining/miner';
import { TokenDictionary } from '../core/mining/tokens';
import { buildPassageIndex, type PassageIndex } from '../core/passageIndex';
import type { ParsedDocument } from '../core/structure';
import { readCorpusFile } from '../core/reading';
import { loadJieba, type Segment } from '../core/segmenter';

/** The bundled corpus's file names, fixed at build time: a web host cannot list the extension's folder. */
declare const __BUNDLED_CORPUS__: readonly string[];

/** Read-only documents of the bundled corpus: they open from here in every host and can never be written. */
export const CORPUS_SCHEME = 'speech-drafter-corpus';

/** A corpus file that was read: where it lives and its text (line numbers in sources refer to it). */
export interface LoadedFile {
  readonly path: string;
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
}

/**
 * Reads and mines the corpus on first need, never at activation: the segmenter's wasm (4 MB) and the
 * mining run only when a feature asks, under a progress notification. Every feature shares one result.
 */
export class CorpusService implements vscode.Disposable {
  private corpus: Promise<Corpus> | undefined;
  private current: Corpus | undefined;
  private segment: Promise<Segment> | undefined;
  private readonly changed = new vscode.EventEmitter<Corpus>();
  private readonly registration: vscode.Disposable;
  /** Fires after each (re)mining: the panel, completion and hover refresh from it. */
  readonly onDidChange = this.changed.event;

  constructor(private readonly context: vscode.ExtensionContext, private readonly log: vscode.LogOutputChannel) {
    this.registration = vscode.workspace.registerTextDocumentContentProvider(CORPUS_SCHEME, {
      provideTextDocumentContent: async uri => (await this.get()).files.find(file => file.uri.toString() === uri.toString())?.text ?? '',
    });
  }

  /** The mined corpus, mining it the first time. */
  get(): Promise<Corpus> {
    this.corpus ??= this.load();
    return this.corpus;
  }

  /** The corpus if it is already mined: for providers that must answer at once and never wait for mining. */
  peek(): Corpus | undefined {
    if (!this.current) void this.get();
    return this.current;
  }

  /** Where a source line of the library opens. */
  sourceLocation(corpus: Corpus, documentId: number, line: number): vscode.Location | undefined {
    const document = corpus.library.documents[documentId];
    const file = document && corpus.files.find(candidate => candidate.path === document.file);
    return file ? new vscode.Location(file.uri, new vscode.Position(Math.max(0, line - 1), 0)) : undefined;
  }

  dispose(): void {
    this.registration.dispose();
    this.changed.dispose();
  }

  private async load(): Promise<Corpus> {
    const corpus = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Speech Drafter: building the speech library') },
      async progress => {
        progress.report({ message: vscode.l10n.t('reading the corpus') });
        const { files, skipped } = await this.readBundledCorpus();
        progress.report({ message: vscode.l10n.t('loading the word segmenter') });
        const segment = await this.segmenter();
        progress.report({ message: vscode.l10n.t('mining {0} files', files.length) });
        const started = Date.now();
        const dictionary = new TokenDictionary();
        const prepared = files.map(file => prepareFile(file, segment, dictionary));
        const library = minePreparedFiles(prepared, dictionary);
        const parsed = prepared.flatMap(file => file.parsed);
        const index = buildPassageIndex({ parsed, library });
        this.log.info(`Mined ${library.documents.length} speeches, ${library.entries.length} entries, ${index.stats().passages} passages in ${Date.now() - started} ms`);
        return { library, parsed, files, skipped, index };
      },
    );
    this.current = corpus;
    this.changed.fire(corpus);
    return corpus;
  }

  private async readBundledCorpus(): Promise<{ files: LoadedFile[]; skipped: SkippedFile[] }> {
    const files: LoadedFile[] = [];
    const skipped: SkippedFile[] = [];
    for (const name of __BUNDLED_CORPUS__) {
      const path = `seeds/${name}`;
      try {
        const bytes = await vscode.workspace.fs.readFile(vscode.Uri.joinPath(this.context.extensionUri, 'seeds', name));
        const result = await readCorpusFile(path, bytes);
        if (result.ok) files.push({ path, uri: vscode.Uri.from({ scheme: CORPUS_SCHEME, path: `/${path}` }), text: result.text });
        else skipped.push({ path, reason: result.reason });
      } catch (error) {
        skipped.push({ path, reason: error instanceof Error ? error.message : String(error) });
      }
    }
    for (const file of skipped) this.log.warn(`Skipped ${file.path}: ${file.reason}`);
    this.log.info(`Read ${files.length} bundled corpus files`);
    return { files, skipped };
  }

  private segmenter(): Promise<Segment> {
    this.segment ??= (async () => {
      const wasm = await vscode.workspace.fs.readFile(vscode.Uri.joinPath(this.context.extensionUri, 'dist', 'jieba_rs_wasm_bg.wasm'));
      return loadJieba(wasm);
    })();
    return this.segment;
  }
}
