import * as vscode from 'vscode';
import { serializeLibrary, type Library } from '../core/library';
import type { PanelState } from '../core/panelModel';
import { CommandId, LIBRARY_VIEW_ID } from './commandIds';
import type { HostInfo } from './host';
import { enableMarkdownSuggestions, registerCompletion } from './completion';
import { registerCorpusCommands } from './corpusCommands';
import { CorpusService, type Corpus, type CorpusWork } from './corpusService';
import { registerHover } from './hover';
import { registerInlineCompletion } from './inlineCompletion';
import { registerDocumentSymbols } from './documentSymbols';
import { registerExportDocx } from './exportDocx';
import { registerForDraftLanguages } from './draftLanguages';
import { registerOutlineExpansion } from './expandOutline';
import { EntryInserter, registerInsertionCommands } from './insertion';
import { registerLibraryView } from './libraryView';
import { registerNewDraft } from './newDraft';
import { registerNumberingDiagnostics } from './numberingDiagnostics';
import { registerOverlapReports, type OverlapState } from './overlapReport';
import { registerRepetitionHints } from './repetitionHints';
import { createLog } from './log';
import { registerRuntimeCommand, registerShowLogCommand } from './runtimeCommand';
import { registerDraftStatusBar, type DraftStatusSnapshot } from './statusBar';

/** What `activate` returns: read by the integration tests, never needed by writers. */
export interface SpeechDrafterApi {
  readonly host: HostInfo['kind'];
  draftStatus(): DraftStatusSnapshot;
  /** The mined library (mining it if needed). */
  library(): Promise<Library>;
  /** The files the corpus was mined from and those it skipped, with the reason. */
  corpusReport(): Promise<{ files: string[]; skipped: { path: string; reason: string }[] }>;
  /** What the library panel last showed, once its webview has resolved. */
  libraryPanelState(): PanelState | undefined;
  /** What the overlap report marks in a draft and shows in its panel. */
  overlapState(uri: vscode.Uri): OverlapState;
  /** Opens the corpus as a new window would (a second corpus service on the same storage) and says how it began. */
  newWindowStart(): Promise<CorpusService['startup']>;
  /**
   * Opens the corpus as a new window would, then runs `change` (to corpus files) and builds that window's corpus
   * again while this window's rescans wait: how its files were prepared, whether a file it read holds `expected`,
   * and whether its library is the one this window then mines from the same files.
   */
  newWindowChange(change: () => Promise<void>, expected: string): Promise<CorpusService['preparation'] & { found: boolean; sameLibrary: boolean }>;
  /** How long `activate` took, and what work had started when it returned (none should have). */
  readonly activation: { readonly ms: number; readonly started: CorpusWork };
}

/**
 * Wires every feature; does no work of its own. Mining, segmenter loading and file scans never run here:
 * each feature starts them lazily when a writer first needs them.
 */
export function activateShared(context: vscode.ExtensionContext, host: HostInfo): SpeechDrafterApi {
  const started = performance.now();
  const log = createLog();
  const statusBar = registerDraftStatusBar();
  const corpus = new CorpusService(context, log, host.readPdf);
  const inserter = new EntryInserter(corpus);
  const libraryView = registerLibraryView(context, corpus, inserter, log);
  const overlap = registerOverlapReports(context, corpus, log);
  context.subscriptions.push(
    log,
    corpus,
    inserter,
    registerInsertionCommands(inserter),
    registerCorpusCommands(corpus),
    registerDocumentSymbols(),
    registerNewDraft(corpus),
    registerOutlineExpansion(corpus),
    registerNumberingDiagnostics(),
    registerExportDocx(context.extensionUri),
    registerForDraftLanguages(selector => registerCompletion(corpus, selector)),
    registerForDraftLanguages(selector => registerInlineCompletion(corpus, selector)),
    registerHover(corpus),
    overlap,
    registerRepetitionHints(() => corpus.wordClasses(), log),
    vscode.commands.registerCommand(CommandId.enableMarkdownSuggestions, enableMarkdownSuggestions),
    registerRuntimeCommand(context, host, log),
    registerShowLogCommand(log),
    libraryView.disposable,
    vscode.commands.registerCommand(CommandId.openLibrary, () => vscode.commands.executeCommand(`${LIBRARY_VIEW_ID}.focus`)),
    statusBar.disposable,
  );
  const activation = { ms: performance.now() - started, started: corpus.workStarted() };
  /** A second corpus service on the same storage, as a new window has, once this window's builds are done. */
  const inNewWindow = async <T>(use: (window: CorpusService) => Promise<T>): Promise<T> => {
    await corpus.get(); // this window's builds are done: the other reads what they cached
    const window = new CorpusService(context, log, host.readPdf);
    try {
      return await use(window);
    } finally {
      window.dispose();
    }
  };
  log.info(`Activated in the ${host.kind} extension host (${host.runtime}) in ${activation.ms.toFixed(1)} ms`);
  return { host: host.kind, activation, draftStatus: statusBar.snapshot, library: async () => (await corpus.get()).library, libraryPanelState: () => libraryView.provider.lastState,
    overlapState: uri => overlap.state(uri),
    newWindowStart: () => inNewWindow(async window => {
      await window.get();
      return { ...window.startup };
    }),
    newWindowChange: (change, expected) => inNewWindow(async window => {
      await window.get();
      // This window must not mine the change first: the new one would then find its library in the cache.
      const release = corpus.holdRescans();
      let changed: Corpus;
      let preparation: CorpusService['preparation'];
      try {
        await change();
        changed = await window.rescan('changed by a test');
        preparation = { ...window.preparation }; // before a watcher of its own rescans it again
      } finally {
        release();
      }
      const here = await corpus.rescan('changed by a test');
      const found = changed.files.some(file => file.text.includes(expected));
      return { ...preparation, found, sameLibrary: serializeLibrary(changed.library) === serializeLibrary(here.library) };
    }),
    corpusReport: async () => {
      const loaded = await corpus.get();
      return { files: loaded.files.map(file => file.path), skipped: [...loaded.skipped] };
    },
  };
}
