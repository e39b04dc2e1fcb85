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
      // The suggest widget is open: its selected item has the say; do not compete with it.
      if (context.selectedCompletionInfo) return undefined;
      if (context.triggerKind === vscode.InlineCompletionTriggerKind.Automatic) {
        await new Promise(resolve => setTimeout(resolve, DEBOUNCE_MS));
        if (token.isCancellationRequested) return undefined;
      }
      const query = queryAtCursor(corpus, document, position, 5);
      if (!query || !query.result.exact) return undefined;
      const typed = query.typed;
      const best = query.result.items.find(item => item.clause.length > typed.length && item.clause.startsWith(typed));
      if (!best) return undefined;
      return [new vscode.InlineCompletionItem(best.clause, query.range)];
    },
  };
}

export function registerInlineCompletion(corpus: CorpusService, selector: vscode.DocumentSelector): vscode.Disposable {
  return vscode.languages.registerInlineCompletionItemProvider(selector, createInlineCompletionProvider(corpus));
}
