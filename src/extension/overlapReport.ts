import * as vscode from 'vscode';
import { copiedColumns, DEFAULT_MIN_RUN, OverlapCorpus, overlapReport, type OverlapReport } from '../core/overlap/report';
import { CommandId } from './commandIds';
import type { Corpus, CorpusService } from './corpusService';
import { draftText, isDraft } from './draftLanguages';
import { errorMessage } from './log';
import { webviewHtml } from './webviewHtml';

/** The copied passages are marked again this long after typing stops: an exact-run search of the whole draft. */
const DECORATION_DELAY_MS = 300;

/** What the report's webview shows, and the labels it shows it with (in the writer's language). */
interface ReportMessage {
  readonly type: 'report';
  readonly draft: string;
  readonly report: OverlapReport;
  readonly labels: Readonly<Record<string, string>>;
}

type ReportRequest = { type: 'reveal'; line: number; start: number; end: number } | { type: 'source'; path: string; line: number };

function parseRequest(message: unknown): ReportRequest | undefined {
  if (typeof message !== 'object' || message === null) return undefined;
  const candidate = message as Record<string, unknown>;
  const isCount = (value: unknown): value is number => typeof value === 'number' && Number.isInteger(value) && value >= 0;
  const isLine = (value: unknown): value is number => isCount(value) && value >= 1;
  if (candidate.type === 'reveal' && isLine(candidate.line) && isCount(candidate.start) && isCount(candidate.end)) return { type: 'reveal', line: candidate.line, start: candidate.start, end: candidate.end };
  if (candidate.type === 'source' && typeof candidate.path === 'string' && isLine(candidate.line)) return { type: 'source', path: candidate.path, line: candidate.line };
  return undefined;
}

/** For the tests: what is marked in a draft, and what its report panel shows. */
export interface OverlapState {
  readonly decorated: readonly { readonly line: number; readonly start: number; readonly end: number }[];
  readonly report?: { readonly share: number; readonly sources: readonly string[]; readonly passages: readonly { readonly line: number; readonly text: string; readonly source: { readonly path: string; readonly line: number } }[] };
}

/**
 * The overlap report (讲稿助手: 查重（与素材库比对）): the share of the draft that stands in the corpus, per source and
 * per section, and every copied passage, in a panel beside the draft; the passages marked in the draft (a setting
 * chooses the colour or turns it off) and kept marked while the writer types; the report made again when the draft is
 * saved. Each passage links to its place in the draft and to its source (opened read-only).
 */
export class OverlapReports implements vscode.Disposable {
  private readonly corpora = new WeakMap<Corpus, OverlapCorpus>();
  private readonly panels = new Map<string, { panel: vscode.WebviewPanel; report?: OverlapReport; message?: ReportMessage }>();
  private readonly decorated = new Map<string, vscode.Range[]>();
  /** Per draft: the copied columns of each line text seen, so a typed change searches only the changed line. */
  private readonly lineMarks = new Map<string, Map<string, { start: number; end: number }[]>>();
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();
  /** The latest check asked for per draft: an older one that finishes later is dropped. */
  private readonly latest = new Map<string, number>();
  private checks = 0;
  private decoration: vscode.TextEditorDecorationType;
  private readonly disposables: vscode.Disposable[] = [];

  constructor(private readonly mediaRoot: vscode.Uri, private readonly corpus: CorpusService, private readonly log: vscode.LogOutputChannel) {
    this.decoration = this.createDecoration();
    this.disposables.push(
      vscode.commands.registerCommand(CommandId.checkOverlap, (uri?: unknown) => this.check(uri instanceof vscode.Uri ? uri : vscode.window.activeTextEditor?.document.uri)),
      vscode.workspace.onDidSaveTextDocument(document => {
        if (this.panels.has(document.uri.toString())) void this.check(document.uri, { reveal: false });
      }),
      vscode.workspace.onDidChangeTextDocument(event => this.markLater(event.document)),
      vscode.workspace.onDidCloseTextDocument(document => {
        this.decorated.delete(document.uri.toString());
        this.lineMarks.delete(document.uri.toString());
      }),
      vscode.window.onDidChangeVisibleTextEditors(() => this.paint()),
      vscode.workspace.onDidChangeConfiguration(event => {
        if (!event.affectsConfiguration('speechDrafter.overlap')) return;
        this.decoration.dispose();
        this.decoration = this.createDecoration();
        this.paint();
        if (event.affectsConfiguration('speechDrafter.overlap.minRun')) for (const key of this.panels.keys()) void this.check(vscode.Uri.parse(key), { reveal: false, quiet: true });
      }),
      corpus.onDidChange(() => {
        for (const key of this.panels.keys()) void this.check(vscode.Uri.parse(key), { reveal: false, quiet: true });
      }),
    );
  }

  state(uri: vscode.Uri): OverlapState {
    const report = this.panels.get(uri.toString())?.report;
    return {
      decorated: (this.decorated.get(uri.toString()) ?? []).map(range => ({ line: range.start.line + 1, start: range.start.character, end: range.end.character })),
      ...(report ? { report: {
        share: report.share,
        sources: report.sources.map(source => source.path),
        passages: report.spans.map(span => ({ line: span.line, text: span.text, source: { path: span.source.path, line: span.source.line } })),
      } } : {}),
    };
  }

  dispose(): void {
    this.timers.forEach(clearTimeout);
    this.decoration.dispose();
    for (const { panel } of this.panels.values()) panel.dispose();
    for (const disposable of this.disposables) disposable.dispose();
  }

  private async check(uri: vscode.Uri | undefined, { reveal = true, quiet = false }: { reveal?: boolean; quiet?: boolean } = {}): Promise<void> {
    const document = uri && vscode.workspace.textDocuments.find(candidate => candidate.uri.toString() === uri.toString());
    if (!document || !isDraft(document)) {
      if (!quiet) void vscode.window.showInformationMessage(vscode.l10n.t('Open a plain-text or Markdown draft to check it against the corpus.'));
      return;
    }
    const key = document.uri.toString();
    const ticket = ++this.checks;
    this.latest.set(key, ticket);
    try {
      const corpus = await this.corpus.get();
      // The corpus's fingerprints are made once per corpus (a second or two at 50 MB), under a notification.
      const report = this.corpora.has(corpus)
        ? this.report(document, corpus)
        : await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Speech Drafter: checking the draft against the corpus') }, async () => {
          await new Promise(resolve => setTimeout(resolve, 0)); // the notification shows before the work starts
          return this.report(document, corpus);
        });
      // While the corpus was read, the draft may have closed, its quietly refreshed panel been closed, or a newer check begun.
      if (document.isClosed || (quiet && !this.panels.has(key)) || this.latest.get(key) !== ticket) return;
      this.decorated.set(document.uri.toString(), report.spans.map(span => new vscode.Range(span.line - 1, span.start, span.line - 1, span.end)));
      this.paint();
      this.show(document, report, reveal);
      this.log.info(`Overlap report for ${document.uri.toString(true)}: ${report.copiedChars} of ${report.chars} characters (${(report.share * 100).toFixed(1)}%) in the corpus, ${report.spans.length} passages`);
    } catch (error) {
      this.log.error(`Overlap report failed: ${errorMessage(error)}`);
      void vscode.window.showErrorMessage(vscode.l10n.t('Speech Drafter could not check the draft against the corpus: {0}', errorMessage(error)));
    }
  }

  private report(document: vscode.TextDocument, corpus: Corpus): OverlapReport {
    let overlap = this.corpora.get(corpus);
    if (!overlap) {
      overlap = OverlapCorpus.build(corpus.files, corpus.library.documents, corpus.index);
      this.corpora.set(corpus, overlap);
    }
    this.lineMarks.delete(document.uri.toString());
    return overlapReport(draftText(document), overlap, this.options(document, corpus));
  }

  private options(document: vscode.TextDocument, corpus: Corpus): { minRun: number; excludeFile?: string } {
    // A draft saved in a corpus folder is one of the corpus files: it is not a source of itself.
    const own = corpus.files.find(file => file.uri.query === document.uri.toString());
    return { minRun: minRunOf(document), ...(own ? { excludeFile: own.path } : {}) };
  }

  /** After typing: the copied passages marked again, line by line (exact runs; near-copies wait for the next report). */
  private markLater(document: vscode.TextDocument): void {
    const key = document.uri.toString();
    if (!this.decorated.has(key)) return;
    clearTimeout(this.timers.get(key));
    this.timers.set(key, setTimeout(() => {
      this.timers.delete(key);
      const corpus = this.corpus.peek();
      const overlap = corpus && this.corpora.get(corpus);
      // A corpus not fingerprinted yet (it changed since the report) waits for the next report, under its progress.
      if (document.isClosed || !corpus || !overlap || !this.decorated.has(key)) return;
      try {
        const known = this.lineMarks.get(key) ?? new Map<string, { start: number; end: number }[]>();
        const seen = new Map<string, { start: number; end: number }[]>();
        const ranges: vscode.Range[] = [];
        const options = this.options(document, corpus);
        const text = draftText(document).split('\n');
        text.forEach((line, index) => {
          const columns = seen.get(line) ?? known.get(line) ?? copiedColumns(line, overlap, options);
          seen.set(line, columns);
          for (const { start, end } of columns) ranges.push(new vscode.Range(index, start, index, end));
        });
        this.lineMarks.set(key, seen);
        this.decorated.set(key, ranges);
        this.paint();
      } catch (error) {
        this.log.error(`Marking copied passages failed: ${errorMessage(error)}`);
      }
    }, DECORATION_DELAY_MS));
  }

  private createDecoration(): vscode.TextEditorDecorationType {
    const color = vscode.workspace.getConfiguration('speechDrafter.overlap').get<string>('highlightColor', 'rgba(230, 126, 34, 0.25)');
    return vscode.window.createTextEditorDecorationType({ backgroundColor: color, overviewRulerColor: color, overviewRulerLane: vscode.OverviewRulerLane.Left });
  }

  private paint(): void {
    for (const editor of vscode.window.visibleTextEditors) {
      const on = vscode.workspace.getConfiguration('speechDrafter.overlap', editor.document).get<boolean>('highlight', true);
      editor.setDecorations(this.decoration, on ? (this.decorated.get(editor.document.uri.toString()) ?? []) : []);
    }
  }

  private show(document: vscode.TextDocument, report: OverlapReport, reveal: boolean): void {
    const key = document.uri.toString();
    let entry = this.panels.get(key);
    if (!entry) {
      const name = document.uri.path.split('/').pop() ?? '';
      const panel = vscode.window.createWebviewPanel('speechDrafter.overlap', vscode.l10n.t('Overlap: {0}', name), { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true }, {
        enableScripts: true, localResourceRoots: [this.mediaRoot],
      });
      panel.webview.html = webviewHtml(panel.webview, this.mediaRoot, {
        title: vscode.l10n.t('Overlap report'),
        script: 'overlap.js',
        styles: ['overlap.css'],
        body: '<main id="report" role="main"></main>',
      });
      panel.webview.onDidReceiveMessage(message => this.onRequest(document.uri, parseRequest(message)).catch(error => this.log.error(`Overlap report link failed: ${errorMessage(error)}`)));
      // A hidden webview drops messages: the latest report is sent again when the panel shows.
      panel.onDidChangeViewState(event => {
        const current = this.panels.get(key);
        if (event.webviewPanel.visible && current?.message) void event.webviewPanel.webview.postMessage(current.message);
      });
      panel.onDidDispose(() => {
        this.panels.delete(key);
        this.decorated.delete(key);
        this.paint();
      });
      entry = { panel };
      this.panels.set(key, entry);
    } else if (reveal) {
      entry.panel.reveal(vscode.ViewColumn.Beside, true);
    }
    entry.report = report;
    entry.message = { type: 'report', draft: document.uri.path.split('/').pop() ?? '', report, labels: labels(minRunOf(document)) };
    void entry.panel.webview.postMessage(entry.message);
  }

  private async onRequest(draft: vscode.Uri, request: ReportRequest | undefined): Promise<void> {
    if (!request) return;
    if (request.type === 'reveal') {
      const range = new vscode.Range(request.line - 1, request.start, request.line - 1, request.end);
      const column = vscode.window.visibleTextEditors.find(editor => editor.document.uri.toString() === draft.toString())?.viewColumn ?? vscode.ViewColumn.One;
      await vscode.window.showTextDocument(draft, { selection: range, viewColumn: column });
      return;
    }
    // The same command as the hover's link: the source opens read-only beside the draft, at the line.
    await vscode.commands.executeCommand(CommandId.openSource, request.path, request.line);
  }
}

/** The shortest copied run for a draft, from its settings (a value that is not a whole number ≥ 13 is taken as 13). */
function minRunOf(document: vscode.TextDocument): number {
  const value = vscode.workspace.getConfiguration('speechDrafter.overlap', document).get<unknown>('minRun', DEFAULT_MIN_RUN);
  return typeof value === 'number' && Number.isFinite(value) ? Math.max(DEFAULT_MIN_RUN, Math.round(value)) : DEFAULT_MIN_RUN;
}

function labels(minRun: number): Record<string, string> {
  return {
    summary: vscode.l10n.t('{0} of {1} characters ({2}) stand in the corpus, word for word or nearly.'),
    none: vscode.l10n.t('Nothing of this draft stands in the corpus.'),
    sources: vscode.l10n.t('Sources'),
    sections: vscode.l10n.t('Sections'),
    passages: vscode.l10n.t('Copied passages'),
    exact: vscode.l10n.t('same'),
    near: vscode.l10n.t('close'),
    line: vscode.l10n.t('line {0}'),
    chars: vscode.l10n.t('{0} characters'),
    rule: vscode.l10n.t('Counted as copied: a run of {0} or more characters (punctuation and spaces aside) that the corpus has too, or a sentence that differs from a corpus sentence by a few characters. Updated when the draft is saved.'),
    minRun: String(minRun),
  };
}

export function registerOverlapReports(context: vscode.ExtensionContext, corpus: CorpusService, log: vscode.LogOutputChannel): OverlapReports {
  return new OverlapReports(vscode.Uri.joinPath(context.extensionUri, 'media'), corpus, log);
}
