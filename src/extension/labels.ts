import * as vscode from 'vscode';
import { displayTitle, type EntryKind, type LibraryEntry } from '../core/library';
import type { Corpus } from './corpusService';

/** The library's kinds in the order of a speech, with the names writers use for them. */
export function kindLabel(kind: EntryKind): string {
  const labels: Record<EntryKind, string> = {
    salutation: vscode.l10n.t('Salutations'),
    opening: vscode.l10n.t('Openings'),
    transition: vscode.l10n.t('Transitions'),
    scaffold: vscode.l10n.t('Outlines'),
    heading: vscode.l10n.t('Headings'),
    parallel: vscode.l10n.t('Parallel sets'),
    template: vscode.l10n.t('Formulas with slots'),
    quotation: vscode.l10n.t('Quotations'),
    phrase: vscode.l10n.t('Common expressions'),
    closing: vscode.l10n.t('Closings'),
  };
  return labels[kind];
}

/** `《title》 · 3 speeches`: where an entry comes from, for detail lines. */
export function entrySourceLine(corpus: Corpus, entry: LibraryEntry): string {
  const first = entry.sources[0];
  const document = first ? corpus.library.documents[first.document] : undefined;
  const title = document ? `《${displayTitle(document)}》${vscode.l10n.t('line {0}', first.line)}` : '';
  return `${title} · ${vscode.l10n.t('{0} speech(es)', entry.documents)}`;
}
