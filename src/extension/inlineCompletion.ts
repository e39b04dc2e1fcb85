import * as vscode from 'vscode';
import { queryAtCursor } from './completion';
import type { CorpusService } from './corpusService';

/** Ghost text waits for a pause in typing; a keystroke in between cancels the request. */
const DEBOUNCE_MS = 200;

/**
 * Ghost text: the rest of the current clause or sentence from the best exact continuation in the corpus,
 * accepted with Tab. The item replaces the typed part with typed part + continuation, so it survives
 * further typing that agrees with it without a new query.
 */
export function createInlineCompletionProvider(corpus: CorpusService): vscode.InlineCompletionItemProvider {
  return {
    async provideInlineCompletionItems(document, position, context, token) {
      if (!vscode.workspace.getConfiguration('speechDrafter', document).get<boolean>('inlineSuggestions.enabled', true)) return undefined;
      if (context.triggerKind === vscode.InlineCompletionTriggerKind.Automatic) {
        await new Promise(resolve => setTimeout(resolve, DEBOUNCE_MS));
        if (token.isCancellationRequested) return undefined;
      }
      const query = queryAtCursor(corpus, document, position, 10);
      if (!query || !query.result.exact) return undefined;
      // With the suggest widget open, ghost text must extend the selected suggestion (VS Code drops anything
      // else); without it, it extends what was typed.
      const selected = context.selectedCompletionInfo;
      const base = selected ? { text: selected.text, range: selected.range } : { text: query.typed, range: query.range };
      const best = query.result.items.find(item => item.clause.length > base.text.length && item.clause.startsWith(base.text))
        ?? query.result.items.find(item => item.text.length > base.text.length && item.text.startsWith(base.text));
      if (!best) return undefined;
      const continuation = best.clause.length > base.text.length && best.clause.startsWith(base.text) ? best.clause : best.text;
      return [new vscode.InlineCompletionItem(continuation, base.range)];
    },
  };
}

export function registerInlineCompletion(corpus: CorpusService, selector: vscode.DocumentSelector): vscode.Disposable {
  return vscode.languages.registerInlineCompletionItemProvider(selector, createInlineCompletionProvider(corpus));
}
