import * as vscode from 'vscode';
import type { Genre } from '../core/genre';
import { escapeHtml } from '../core/html';
import { PANEL_KINDS, PanelModel, parsePanelRequest, previewOf, type PanelRequest, type PanelState } from '../core/panelModel';
import { LIBRARY_VIEW_ID } from './commandIds';
import type { Corpus, CorpusService } from './corpusService';
import type { EntryInserter } from './insertion';
import { kindLabel } from './labels';
import { errorMessage } from './log';
import { webviewHtml } from './webviewHtml';

/** What the webview shows besides the data: the names of the groups and its own words, localised here. */
function panelStrings(): Record<string, string> {
  return {
    ...Object.fromEntries(PANEL_KINDS.map(kind => [kind, kindLabel(kind)])),
    search: vscode.l10n.t('Search the library'),
    allGenres: vscode.l10n.t('All genres'),
    genre: vscode.l10n.t('Genre'),
    speeches: vscode.l10n.t('{0} speech(es)'),
    insert: vscode.l10n.t('Insert at the cursor'),
    preview: vscode.l10n.t('Preview the source'),
    open: vscode.l10n.t('Open the source'),
    noMatch: vscode.l10n.t('Nothing matches.'),
    loading: vscode.l10n.t('Building the library from the corpus…'),
    line: vscode.l10n.t('line {0}'),
  };
}

/**
 * The 讲稿素材库 side panel: the library grouped by speech part, searchable and filterable by genre;
 * entries insert at the cursor, preview their source paragraph, and open the source at its line.
 * The webview is locked down (CSP with a nonce, resources from media/ only) and renders every corpus
 * string as text; messages from it are validated before anything acts on them.
 */
export class LibraryViewProvider implements vscode.WebviewViewProvider {
  /** The last state sent to the webview: read by the integration tests. */
  lastState: PanelState | undefined;
  private view: vscode.WebviewView | undefined;
  private model: { corpus: Corpus; model: PanelModel } | undefined;
  private query = '';
  private genre: Genre | '' = '';

  constructor(
    private readonly mediaRoot: vscode.Uri,
    private readonly corpus: CorpusService,
    private readonly inserter: EntryInserter,
    private readonly log: vscode.LogOutputChannel,
  ) {}

  resolveWebviewView(view: vscode.WebviewView): void {
    this.view = view;
    view.webview.options = { enableScripts: true, localResourceRoots: [this.mediaRoot] };
    view.webview.html = renderLibraryHtml(view.webview, this.mediaRoot);
    view.webview.onDidReceiveMessage(message => this.receive(message));
    // A hidden webview gets no messages: send the state again when it shows.
    view.onDidChangeVisibility(() => {
      if (view.visible) void this.send();
    });
    view.onDidDispose(() => {
      this.view = undefined;
    });
    this.log.debug('Library view resolved');
  }

  /** The corpus changed: rebuild the model and show it. */
  refresh(): void {
    this.model = undefined;
    void this.send();
  }

  private async panelModel(): Promise<{ corpus: Corpus; model: PanelModel }> {
    const corpus = await this.corpus.get();
    if (this.model?.corpus !== corpus) this.model = { corpus, model: new PanelModel(corpus.library) };
    return this.model;
  }

  private async send(): Promise<void> {
    const webview = this.view?.webview;
    if (!webview) return;
    const strings = panelStrings();
    let state: PanelState;
    try {
      if (!this.corpus.peekReady()) await webview.postMessage({ type: 'state', strings, state: { type: 'loading' } satisfies PanelState });
      const { corpus, model } = await this.panelModel();
      const notice = corpus.notice;
      state = model.genres().length === 0
        ? { type: 'empty', reason: notice ?? vscode.l10n.t('No speeches were found. Add a folder of your speeches (.txt, .md, .docx, .doc, .wps, .pdf, .html) with the command 讲稿助手: 添加素材文件夹, or turn the bundled speeches back on in the settings.') }
        : { ...model.state(this.query, this.genre), ...(notice ? { notice } : {}) };
    } catch (error) {
      state = { type: 'empty', reason: vscode.l10n.t('The library could not be built: {0}. See the log (讲稿助手: 显示日志).', errorMessage(error)) };
    }
    this.lastState = state;
    await webview.postMessage({ type: 'state', strings, state });
  }

  private async receive(message: unknown): Promise<void> {
    const request = parsePanelRequest(message);
    if (!request) {
      this.log.warn(`Library view: ignored a malformed message ${JSON.stringify(message)?.slice(0, 200)}`);
      return;
    }
    try {
      await this.handle(request);
    } catch (error) {
      this.log.error(`Library view: ${request.type} failed: ${errorMessage(error)}`);
    }
  }

  private async handle(request: PanelRequest): Promise<void> {
    switch (request.type) {
      case 'ready':
        return this.send();
      case 'search':
        this.query = request.query;
        this.genre = request.genre;
        return this.send();
      default: {
        // One snapshot for the whole request: a re-mine in between must not mix two libraries.
        const { corpus, model } = await this.panelModel();
        const entry = model.entry(request.id);
        const source = entry?.sources[0];
        if (!entry) return;
        if (request.type === 'insert') {
          await this.inserter.insert(entry);
          return;
        }
        const file = source && this.corpus.fileOf(corpus, source.document);
        if (!source || !file) return;
        if (request.type === 'open') return this.corpus.openSource(file, source.line);
        const preview = previewOf(entry, corpus.library, file.text);
        if (preview) await this.view?.webview.postMessage(preview);
      }
    }
  }
}

export function registerLibraryView(context: vscode.ExtensionContext, corpus: CorpusService, inserter: EntryInserter, log: vscode.LogOutputChannel): { provider: LibraryViewProvider; disposable: vscode.Disposable } {
  const provider = new LibraryViewProvider(vscode.Uri.joinPath(context.extensionUri, 'media'), corpus, inserter, log);
  return { provider, disposable: vscode.Disposable.from(
    vscode.window.registerWebviewViewProvider(LIBRARY_VIEW_ID, provider),
    corpus.onDidChange(() => provider.refresh()),
  ) };
}

function renderLibraryHtml(webview: vscode.Webview, mediaRoot: vscode.Uri): string {
  const title = vscode.l10n.t('Speech library');
  const loading = escapeHtml(vscode.l10n.t('Building the library from the corpus…'));
  return webviewHtml(webview, mediaRoot, {
    title,
    script: 'library.js',
    styles: ['codicons/codicon.css', 'library.css'],
    body: `<main id="library" aria-label="${escapeHtml(title)}">
  <p class="status" role="status">${loading}</p>
</main>`,
  });
}
