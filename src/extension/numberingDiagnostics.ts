import * as vscode from 'vscode';
import { analyseNumbering, type TextEdit } from '../core/numbering';
import { CommandId } from './commandIds';
import { checkDocumentsAsTheyChange } from './draftChecks';
import { DRAFT_SELECTOR, draftText, isDraft } from './draftLanguages';

/** Checking on every keystroke is wasted work; a short pause is enough. */
const CHECK_DELAY_MS = 300;
export const NUMBERING_SOURCE = '讲稿助手';

function toWorkspaceEdit(document: vscode.TextDocument, edits: readonly TextEdit[]): vscode.WorkspaceEdit {
  const edit = new vscode.WorkspaceEdit();
  for (const change of edits) edit.replace(document.uri, new vscode.Range(change.line - 1, change.startColumn, change.line - 1, change.endColumn), change.newText);
  return edit;
}

/** Renumbers the whole draft in one edit (one undo step); returns how many markers changed. */
export async function renumberDocument(document: vscode.TextDocument | undefined): Promise<number> {
  if (!document) return 0;
  const { edits } = analyseNumbering(draftText(document));
  if (edits.length === 0) {
    void vscode.window.showInformationMessage(vscode.l10n.t('The numbering is already consistent.'));
    return 0;
  }
  return (await vscode.workspace.applyEdit(toWorkspaceEdit(document, edits))) ? edits.length : 0;
}

/**
 * Numbering slips of a draft as warnings (a repeated 三、, a skipped （二）, a mixed style, a level used
 * before its parent), each with a quick fix that renumbers the whole draft in one edit.
 */
export function registerNumberingDiagnostics(): vscode.Disposable {
  const diagnostics = vscode.languages.createDiagnosticCollection('speechDrafter.numbering');
  const check = (document: vscode.TextDocument): void => {
    if (!isDraft(document)) return;
    const { issues } = analyseNumbering(draftText(document));
    diagnostics.set(document.uri, issues.map(issue => {
      const diagnostic = new vscode.Diagnostic(new vscode.Range(issue.line - 1, issue.startColumn, issue.line - 1, issue.endColumn), issue.message, vscode.DiagnosticSeverity.Warning);
      diagnostic.source = NUMBERING_SOURCE;
      diagnostic.code = issue.code;
      return diagnostic;
    }));
  };
  const fixes: vscode.CodeActionProvider = {
    provideCodeActions(document, _range, context) {
      const ours = context.diagnostics.filter(diagnostic => diagnostic.source === NUMBERING_SOURCE && diagnostic.code !== 'level-jump');
      if (ours.length === 0) return [];
      const { edits } = analyseNumbering(draftText(document));
      if (edits.length === 0) return [];
      const action = new vscode.CodeAction(vscode.l10n.t('Renumber the whole draft'), vscode.CodeActionKind.QuickFix);
      action.edit = toWorkspaceEdit(document, edits);
      action.diagnostics = ours;
      action.isPreferred = true;
      return [action];
    },
  };
  return vscode.Disposable.from(
    diagnostics,
    checkDocumentsAsTheyChange(check, document => diagnostics.delete(document.uri), CHECK_DELAY_MS),
    vscode.languages.registerCodeActionsProvider(DRAFT_SELECTOR, fixes, { providedCodeActionKinds: [vscode.CodeActionKind.QuickFix] }),
    vscode.commands.registerCommand(CommandId.renumber, () => renumberDocument(vscode.window.activeTextEditor?.document)),
  );
}
