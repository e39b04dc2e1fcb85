import * as vscode from 'vscode';
import { corpusSections, expandOutline, headingsWithoutBody, type CorpusSection } from '../core/drafting';
import { CommandId } from './commandIds';
import type { Corpus, CorpusService } from './corpusService';
import { DRAFT_SELECTOR, draftText, isDraft } from './draftLanguages';

/**
 * 按提纲展开: under each heading of the draft that has no body yet, the sub-headings or first paragraph
 * of the corpus section whose heading is closest, with a note naming the source. One edit, one undo step.
 */
export class OutlineExpander {
  private sections: { corpus: Corpus; sections: CorpusSection[] } | undefined;

  constructor(private readonly corpus: CorpusService) {}

  private async corpusSections(): Promise<{ corpus: Corpus; sections: CorpusSection[] }> {
    const corpus = await this.corpus.get();
    if (this.sections?.corpus !== corpus) this.sections = { corpus, sections: corpusSections(corpus.parsed) };
    return this.sections;
  }

  /** Expands the draft in `editor` (or only the heading on `onlyLine`); returns how many headings grew. */
  async expand(editor: vscode.TextEditor | undefined, onlyLine?: number): Promise<number> {
    if (!editor) {
      void vscode.window.showInformationMessage(vscode.l10n.t('Open a draft with an outline first.'));
      return 0;
    }
    const { corpus, sections } = await this.corpusSections();
    const document = editor.document;
    const expansions = expandOutline(draftText(document), sections, corpus.library.documents, onlyLine);
    if (expansions.length === 0) {
      void vscode.window.showInformationMessage(vscode.l10n.t('No heading without text found a similar section in the corpus.'));
      return 0;
    }
    const version = document.version;
    const applied = await editor.edit(builder => {
      for (const expansion of expansions) builder.insert(document.lineAt(expansion.headingLine).range.end, `\n${expansion.text}`);
    });
    if (applied && document.version !== version) return expansions.length;
    return 0;
  }
}

/** A code lens on each heading that has no body yet: expand that heading alone. */
function headingLenses(document: vscode.TextDocument): vscode.CodeLens[] {
  if (!isDraft(document) || !vscode.workspace.getConfiguration('speechDrafter', document).get<boolean>('outline.codeLens', true)) return [];
  return headingsWithoutBody(draftText(document)).flatMap(({ paragraph }) => {
    const line = paragraph.line - 1;
    if (line >= document.lineCount) return [];
    return [new vscode.CodeLens(document.lineAt(line).range, {
      title: vscode.l10n.t('Expand from the corpus'),
      tooltip: vscode.l10n.t('Insert the sub-headings or first paragraph of the most similar corpus section'),
      command: CommandId.expandHeading,
      arguments: [document.uri, line],
    })];
  });
}

export function registerOutlineExpansion(corpus: CorpusService): vscode.Disposable {
  const expander = new OutlineExpander(corpus);
  return vscode.Disposable.from(
    vscode.commands.registerCommand(CommandId.expandOutline, () => expander.expand(vscode.window.activeTextEditor)),
    vscode.commands.registerCommand(CommandId.expandHeading, async (uri: vscode.Uri, line: number) => {
      const document = await vscode.workspace.openTextDocument(uri);
      return expander.expand(await vscode.window.showTextDocument(document), line);
    }),
    vscode.languages.registerCodeLensProvider(DRAFT_SELECTOR, { provideCodeLenses: headingLenses }),
  );
}
