import * as vscode from 'vscode';
import { draftSkeletonSnippet } from '../core/drafting';
import { GENRES, type Genre } from '../core/genre';
import type { LibraryEntry } from '../core/library';
import { flattenOutline } from '../core/mining/scaffolds';
import { CommandId } from './commandIds';
import type { CorpusService } from './corpusService';
import { DRAFT_LANGUAGES } from './draftLanguages';
import { entrySourceLine } from './labels';

/**
 * 新建讲稿: choose a genre, then one of the scaffolds the corpus has for it (shown as a heading tree with
 * its source); a new untitled draft opens with the whole skeleton as one snippet.
 */
export async function newDraft(corpus: CorpusService, preset?: { genre?: Genre; scaffoldId?: string }): Promise<vscode.TextEditor | undefined> {
  const loaded = await corpus.get();
  const { library } = loaded;
  const scaffolds = library.entries.filter(entry => entry.kind === 'scaffold');
  let scaffold = scaffolds.find(entry => entry.id === preset?.scaffoldId);
  if (!scaffold) {
    const genre = preset?.genre ?? (await pickGenre(scaffolds));
    if (!genre) return undefined;
    const ofGenre = scaffolds.filter(entry => entry.genres.includes(genre));
    const picked = await vscode.window.showQuickPick(
      (ofGenre.length > 0 ? ofGenre : scaffolds).map(entry => ({
        label: entry.outline?.[0] ? `${entry.outline[0].marker}${entry.outline[0].text}` : entry.text.split('\n')[0],
        description: vscode.l10n.t('{0} headings', flattenOutline(entry.outline ?? []).length),
        detail: `${entrySourceLine(loaded, entry)}\n${entry.text}`,
        entry,
      })),
      { title: vscode.l10n.t('New draft: choose an outline ({0})', genre), matchOnDetail: true },
    );
    scaffold = picked?.entry;
  }
  if (!scaffold) return undefined;
  const document = await vscode.workspace.openTextDocument({ language: DRAFT_LANGUAGES[0], content: '' });
  const editor = await vscode.window.showTextDocument(document);
  await editor.insertSnippet(new vscode.SnippetString(draftSkeletonSnippet(library, scaffold)));
  return editor;
}

async function pickGenre(scaffolds: readonly LibraryEntry[]): Promise<Genre | undefined> {
  // Only the genres the corpus has outlines for: an empty choice would lead nowhere.
  const items = GENRES.map(genre => ({ label: genre, count: scaffolds.filter(entry => entry.genres.includes(genre)).length, genre }))
    .filter(item => item.count > 0)
    .map(item => ({ ...item, description: vscode.l10n.t('{0} outlines', item.count) }));
  const picked = await vscode.window.showQuickPick(items, { title: vscode.l10n.t('New draft: choose a genre') });
  return picked?.genre;
}

export function registerNewDraft(corpus: CorpusService): vscode.Disposable {
  return vscode.commands.registerCommand(CommandId.newDraft, (preset?: { genre?: Genre; scaffoldId?: string }) => newDraft(corpus, preset));
}
