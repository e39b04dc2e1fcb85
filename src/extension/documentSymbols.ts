import * as vscode from 'vscode';
import { parseDraft } from '../core/structure';
import { CORPUS_SCHEME } from './corpusService';
import { DRAFT_SELECTOR, draftText } from './draftLanguages';

/**
 * The speech's structure as document symbols, from the one structure parser: the title, then the
 * 一、/（一）/1./（1）/第一 hierarchy. Outline, breadcrumbs, sticky scroll and Go to Symbol all follow it.
 */
export function speechSymbols(document: vscode.TextDocument): vscode.DocumentSymbol[] {
  if (document.uri.scheme === CORPUS_SCHEME) return [];
  const parsed = parseDraft(draftText(document));
  const lastLine = document.lineCount - 1;
  const roots: vscode.DocumentSymbol[] = [];
  const open: { level: number; symbol: vscode.DocumentSymbol }[] = [];
  // A section runs until the next heading of its level or above; the title's section is the whole speech.
  const close = (untilLevel: number, beforeLine: number): void => {
    while (open.length > 0 && open[open.length - 1].level >= untilLevel) {
      const { symbol } = open.pop() as { symbol: vscode.DocumentSymbol };
      const end = Math.max(symbol.range.start.line, beforeLine);
      symbol.range = new vscode.Range(symbol.range.start, document.lineAt(end).range.end);
    }
  };
  const add = (level: number, line: number, name: string, detail: string, kind: vscode.SymbolKind, text: string, offset: number): void => {
    const lineText = document.lineAt(line).text;
    const start = Math.max(0, lineText.indexOf(text)) + offset;
    const selection = new vscode.Range(line, start, line, Math.min(lineText.length, start + Math.max(1, name.length)));
    const symbol = new vscode.DocumentSymbol(name || detail, detail, kind, new vscode.Range(line, 0, line, lineText.length), selection);
    close(level, line - 1);
    (open.length > 0 ? open[open.length - 1].symbol.children : roots).push(symbol);
    open.push({ level, symbol });
  };
  if (parsed.title && parsed.title.line - 1 <= lastLine) add(0, parsed.title.line - 1, parsed.title.text, '', vscode.SymbolKind.File, parsed.title.text, 0);
  for (const paragraph of parsed.paragraphs) {
    const line = paragraph.line - 1;
    if (line > lastLine) break;
    const { heading } = paragraph;
    if (heading) add(heading.level, line, heading.text, heading.marker, vscode.SymbolKind.Namespace, paragraph.text, heading.textStart);
  }
  close(0, lastLine);
  return roots;
}

export function registerDocumentSymbols(): vscode.Disposable {
  return vscode.languages.registerDocumentSymbolProvider(DRAFT_SELECTOR, { provideDocumentSymbols: speechSymbols }, { label: vscode.l10n.t('Speech structure') });
}
