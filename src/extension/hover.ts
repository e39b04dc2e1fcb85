import * as vscode from 'vscode';
import { CommandId } from './commandIds';
import { HAN, passageMarkdown } from './completion';
import { CORPUS_SCHEME, type CorpusService } from './corpusService';
import { registerForDraftLanguages } from './draftLanguages';

const HOVER_BUDGET_MS = 50;
/** Sentences shorter than this match too much of the corpus to say where they come from. */
const MIN_SENTENCE = 6;
const SENTENCE = /[^。！？!?\n]+[。！？!?]*/g;

/** The sentence of `line` that contains `character`, with its range. */
function sentenceAt(line: vscode.TextLine, character: number): { text: string; range: vscode.Range } | undefined {
  for (const match of line.text.matchAll(SENTENCE)) {
    const start = match.index ?? 0;
    const end = start + match[0].length;
    if (character >= start && character <= end) {
      const lead = match[0].length - match[0].trimStart().length;
      return { text: match[0].trim(), range: new vscode.Range(line.lineNumber, start + lead, line.lineNumber, end) };
    }
  }
  return undefined;
}

/**
 * Hover over a sentence that comes from (or closely matches) a corpus passage: the source's title and
 * genre, the passage in its paragraph with the match marked, and a link that opens the source at its line.
 */
export function createHoverProvider(corpus: CorpusService): vscode.HoverProvider {
  return {
    provideHover(document, position) {
      if (document.uri.scheme === CORPUS_SCHEME || !vscode.workspace.getConfiguration('speechDrafter', document).get<boolean>('hover.enabled', true)) return undefined;
      const sentence = sentenceAt(document.lineAt(position.line), position.character);
      if (!sentence || sentence.text.length < MIN_SENTENCE || !HAN.test(sentence.text)) return undefined;
      const ready = corpus.peekSearchable();
      if (!ready) return undefined;
      const match = ready.index.findSource(sentence.text, { budgetMs: HOVER_BUDGET_MS });
      if (!match) return undefined;
      // The speech the passage belongs to: the last one of its file that starts at or before its line.
      const speech = ready.library.documents.filter(doc => doc.file === match.source.file && doc.line <= match.source.line).pop();
      const markdown = passageMarkdown(match);
      const similarity = match.exact ? vscode.l10n.t('Same text as in the corpus') : vscode.l10n.t('Close to the corpus ({0}% alike)', Math.round(match.similarity * 100));
      markdown.appendMarkdown(`\n\n${speech ? `${speech.genre} · ` : ''}${similarity} · `);
      const args = encodeURIComponent(JSON.stringify([match.source.file, match.source.line]));
      markdown.appendMarkdown(`[${vscode.l10n.t('Open the source')}](command:${CommandId.openSource}?${args})`);
      markdown.isTrusted = { enabledCommands: [CommandId.openSource] };
      return new vscode.Hover(markdown, sentence.range);
    },
  };
}

export function registerHover(corpus: CorpusService): vscode.Disposable {
  return vscode.Disposable.from(
    registerForDraftLanguages(selector => vscode.languages.registerHoverProvider(selector, createHoverProvider(corpus))),
    vscode.commands.registerCommand(CommandId.openSource, async (file: unknown, line: unknown) => {
      if (typeof file !== 'string' || typeof line !== 'number') return undefined;
      const source = (await corpus.get()).files.find(candidate => candidate.path === file);
      return source ? corpus.openSource(source, line) : undefined;
    }),
  );
}
