import * as vscode from 'vscode';
import { toMatchForm } from '../core/normalize';
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
      // Compared in match form (`同志们,` continues as `同志们，…`); the writer's own spelling of what they
      // typed is kept, the corpus's text follows it. Match forms keep lengths, so the cut is exact.
      const typedForm = toMatchForm(base.text);
      const continuesTyped = (text: string): boolean => text.length > typedForm.length && toMatchForm(text).startsWith(typedForm);
      const best = query.result.items.find(item => continuesTyped(item.clause)) ?? query.result.items.find(item => continuesTyped(item.text));
      if (!best) return undefined;
      const continuation = continuesTyped(best.clause) ? best.clause : best.text;
      return [new vscode.InlineCompletionItem(base.text + continuation.slice(base.text.length), base.range)];
    },
  };
}

export function registerInlineCompletion(corpus: CorpusService, selector: vscode.DocumentSelector): vscode.Disposable {
  return vscode.languages.registerInlineCompletionItemProvider(selector, createInlineCompletionProvider(corpus));
}
