import * as vscode from 'vscode';
import type { EntryKind, LibraryEntry } from '../core/library';
import { CommandId } from './commandIds';
import { CORPUS_SCHEME, type CorpusService } from './corpusService';
import { DRAFT_LANGUAGES } from './draftLanguages';
import { entrySourceLine, kindLabel } from './labels';

/** An editor a writer drafts in: any text editor but the read-only view of a corpus source. */
function isDraftEditor(editor: vscode.TextEditor | undefined): editor is vscode.TextEditor {
  return editor !== undefined && editor.document.uri.scheme !== CORPUS_SCHEME;
}

/**
 * Inserting library entries into the draft: as a snippet with tab stops at the cursor of the active
 * editor, or of the last draft editor when the panel or the Quick Pick has the focus. One undo step.
 */
export class EntryInserter implements vscode.Disposable {
  private lastEditor: vscode.TextEditor | undefined = isDraftEditor(vscode.window.activeTextEditor) ? vscode.window.activeTextEditor : undefined;
  private readonly subscription = vscode.window.onDidChangeActiveTextEditor(editor => {
    if (isDraftEditor(editor)) this.lastEditor = editor;
  });

  constructor(private readonly corpus: CorpusService) {}

  /** The draft to insert into: never a corpus source the writer opened to read. */
  private targetEditor(): vscode.TextEditor | undefined {
    const active = vscode.window.activeTextEditor;
    if (isDraftEditor(active)) return active;
    const last = this.lastEditor;
    return last && !last.document.isClosed && vscode.window.visibleTextEditors.includes(last) ? last : undefined;
  }

  async insert(entry: LibraryEntry): Promise<boolean> {
    let editor = this.targetEditor();
    if (!editor) {
      // No draft open: start one, so the click is never lost.
      const document = await vscode.workspace.openTextDocument({ language: DRAFT_LANGUAGES[0], content: '' });
      editor = await vscode.window.showTextDocument(document);
    } else if (editor !== vscode.window.activeTextEditor) {
      editor = await vscode.window.showTextDocument(editor.document, editor.viewColumn);
    }
    return editor.insertSnippet(new vscode.SnippetString(entry.snippet));
  }

  async insertById(id: unknown): Promise<boolean> {
    if (typeof id !== 'string') throw new Error(vscode.l10n.t('Expected the id of a library entry'));
    const corpus = await this.corpus.get();
    const entry = corpus.library.entries.find(candidate => candidate.id === id);
    if (!entry) {
      void vscode.window.showWarningMessage(vscode.l10n.t('No library entry has the id {0}.', id));
      return false;
    }
    return this.insert(entry);
  }

  async pickAndInsert(): Promise<boolean> {
    const corpus = await this.corpus.get();
    type EntryItem = vscode.QuickPickItem & { entry?: LibraryEntry };
    const items: EntryItem[] = [];
    let kind: EntryKind | undefined;
    for (const entry of corpus.library.entries) {
      if (entry.kind === 'heading') continue; // headings come with their outlines
      if (entry.kind !== kind) {
        kind = entry.kind;
        items.push({ label: kindLabel(kind), kind: vscode.QuickPickItemKind.Separator });
      }
      items.push({ label: entry.text.replace(/\n/g, ' ⏎ '), detail: entrySourceLine(corpus, entry), entry });
    }
    const picked = await vscode.window.showQuickPick(items, {
      title: vscode.l10n.t('Insert from the speech library'),
      placeHolder: vscode.l10n.t('Type to search salutations, openings, outlines, parallel sets, formulas, closings…'),
      matchOnDetail: true,
    });
    return picked?.entry ? this.insert(picked.entry) : false;
  }

  dispose(): void {
    this.subscription.dispose();
  }
}

export function registerInsertionCommands(inserter: EntryInserter): vscode.Disposable {
  return vscode.Disposable.from(
    vscode.commands.registerCommand(CommandId.insertEntry, (id: unknown) => inserter.insertById(id)),
    vscode.commands.registerCommand(CommandId.insertFromLibrary, () => inserter.pickAndInsert()),
  );
}
