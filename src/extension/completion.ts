import * as vscode from 'vscode';
import { sentenceBeforeCursor, type CompletionResult, type Continuation } from '../core/passageIndex';
import type { CorpusService } from './corpusService';
import { kindLabel } from './labels';

/** A query that takes longer returns what it has: typing never waits for suggestions. */
const QUERY_BUDGET_MS = 25;
const MAX_ITEMS = 30;
/** Any CJK ideograph. */
export const HAN = /[\u3400-\u9fff]/;
/** Pinyin an input method has not yet turned into characters (`概ni`): ignored when matching. */
const COMPOSING_PINYIN = /(?<=[\u3400-\u9fff，、：；。！？“”‘’（）《》])[a-z]+$/;

export interface TypedText {
  /** The part of the line the suggestions replace: from `start` to the cursor. */
  readonly range: vscode.Range;
  /** The text inside `range`, as typed (VS Code filters items by it). */
  readonly typed: string;
  readonly result: CompletionResult;
}

/** The sentence before the cursor, queried against the corpus; undefined while the corpus is not mined yet. */
export function queryAtCursor(corpus: CorpusService, document: vscode.TextDocument, position: vscode.Position, limit = MAX_ITEMS): TypedText | undefined {
  const before = document.lineAt(position.line).text.slice(0, position.character).replace(COMPOSING_PINYIN, '');
  const sentence = sentenceBeforeCursor(before);
  // Only Chinese is worth a query, and only Chinese typing should start mining the corpus.
  if (!HAN.test(sentence)) return undefined;
  const ready = corpus.peekSearchable();
  if (!ready) return undefined;
  const result = ready.index.complete(sentence, { limit, budgetMs: QUERY_BUDGET_MS });
  // The sentence is a suffix of `before`; the replaced part is the sentence from `replaceFrom` on.
  const start = new vscode.Position(position.line, before.length - sentence.length + result.replaceFrom);
  const range = new vscode.Range(start, position);
  return { range, typed: document.getText(range), result };
}

class PassageItem extends vscode.CompletionItem {
  constructor(readonly continuation: Continuation) {
    super({ label: continuation.text, description: `《${continuation.source.title}》` }, continuation.kind === 'passage' ? vscode.CompletionItemKind.Text : vscode.CompletionItemKind.Snippet);
  }
}

/** Markdown of a passage in its paragraph, the continuation in bold. */
export function passageMarkdown(continuation: { readonly source: Continuation['source']; readonly context: Continuation['context'] }): vscode.MarkdownString {
  const { paragraph, start, end } = continuation.context;
  const escape = (text: string): string => text.replace(/[\\`*_{}[\]()#+\-.!|<>~]/g, ch => `\\${ch}`);
  const markdown = new vscode.MarkdownString();
  markdown.appendMarkdown(`**《${escape(continuation.source.title)}》** ${escape(vscode.l10n.t('line {0}', continuation.source.line))}\n\n`);
  markdown.appendMarkdown(`${escape(paragraph.slice(0, start))}**${escape(paragraph.slice(start, end))}**${escape(paragraph.slice(end))}`);
  return markdown;
}

/**
 * Passage completion: the sentence being typed is matched against the corpus's passages and library
 * entries; items replace the typed clause (explicit range and filterText, since VS Code's word rules treat a
 * whole run of Chinese as one word), name their source, and insert library entries as snippets.
 */
export function createCompletionProvider(corpus: CorpusService): vscode.CompletionItemProvider<PassageItem> {
  return {
    provideCompletionItems(document, position) {
      const enabled = vscode.workspace.getConfiguration('speechDrafter', document).get<boolean>('completion.enabled', true);
      if (!enabled) return undefined;
      const query = queryAtCursor(corpus, document, position);
      if (!query) return new vscode.CompletionList([], true);
      const items = query.result.items.map((continuation, rank) => {
        const item = new PassageItem(continuation);
        item.range = query.range;
        item.filterText = query.typed;
        item.sortText = String(rank).padStart(4, '0');
        item.insertText = continuation.snippet ? new vscode.SnippetString(continuation.snippet) : continuation.text;
        item.detail = `${continuation.kind === 'passage' ? vscode.l10n.t('Corpus passage') : kindLabel(continuation.kind)} · 《${continuation.source.title}》 · ${vscode.l10n.t('{0} speech(es)', continuation.documents)}`;
        return item;
      });
      return new vscode.CompletionList(items, true);
    },
    resolveCompletionItem(item) {
      item.documentation = passageMarkdown(item.continuation);
      return item;
    },
  };
}

/**
 * Markdown has VS Code's quick suggestions off on purpose; a writer who drafts in Markdown turns them on here
 * (for Markdown only, in the user settings) instead of pressing Alt+/ each time.
 */
export async function enableMarkdownSuggestions(): Promise<void> {
  await vscode.workspace.getConfiguration('editor', { languageId: 'markdown' }).update('quickSuggestions', { other: 'on', comments: 'off', strings: 'off' }, vscode.ConfigurationTarget.Global, true);
  void vscode.window.showInformationMessage(vscode.l10n.t('Suggestions now appear as you type in Markdown drafts.'));
}

export function registerCompletion(corpus: CorpusService, selector: vscode.DocumentSelector): vscode.Disposable {
  // Chinese writers end clauses with these; typed through an IME they may not fire, so Alt+/ asks too.
  return vscode.languages.registerCompletionItemProvider(selector, createCompletionProvider(corpus), '，', '、', '：', ',', ':');
}
