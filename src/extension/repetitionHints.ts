import * as vscode from 'vscode';
import { DEFAULT_BREATH_LENGTH, DEFAULT_MAX_USES, expressionsByWordClass, repetitionHints, type RepetitionHint, type TextRange } from '../core/repetition';
import type { TagWords } from '../core/segmenter';
import { CommandId } from './commandIds';
import { checkDocumentsAsTheyChange } from './draftChecks';
import { DRAFT_SELECTOR, draftText, isDraft } from './draftLanguages';
import { errorMessage } from './log';


/** Hints follow typing a little later than the numbering check: they read the whole draft. */
const CHECK_DELAY_MS = 500;
/** The Problems view's source of these hints, apart from the numbering check's warnings. */
export const REPETITION_SOURCE = '讲稿助手·重复';
const HINT_CODES: readonly string[] = ['repeated-expression', 'same-openings', 'long-sentence'];

function toRange(range: TextRange): vscode.Range {
  return new vscode.Range(range.line - 1, range.start, range.line - 1, range.end);
}

function messageOf(hint: RepetitionHint): string {
  switch (hint.kind) {
    case 'repeated-expression': return vscode.l10n.t('“{0}” is used {1} times within three pages', hint.text, hint.count);
    case 'same-openings': return hint.unit === 'paragraph'
      ? vscode.l10n.t('{0} paragraphs in a row open with “{1}”', hint.count, hint.text)
      : vscode.l10n.t('{0} sentences in a row open with “{1}”', hint.count, hint.text);
    case 'long-sentence': return vscode.l10n.t('{0} characters without a pause: hard to say in one breath', hint.count);
  }
}

/**
 * The writer's own repetition as hints (the faint dots under the text; the Problems view lists them): an expression
 * used too often, paragraphs or sentences in a row that open the same way, a stretch too long for one breath. The
 * quick fixes select the places, so the writer rewrites them; none changes text.
 */
export function registerRepetitionHints(wordClasses: () => Promise<TagWords>, log: vscode.LogOutputChannel): vscode.Disposable {
  const diagnostics = vscode.languages.createDiagnosticCollection('speechDrafter.repetition');
  const check = async (document: vscode.TextDocument): Promise<void> => {
    const config = vscode.workspace.getConfiguration('speechDrafter.hints', document);
    if (!isDraft(document) || !config.get<boolean>('enabled', true)) {
      diagnostics.delete(document.uri);
      return;
    }
    // Word classes tell an expression a writer would vary from the subject's own terms (loaded once, on first use).
    let isExpression: ((text: string) => boolean) | undefined;
    try {
      isExpression = expressionsByWordClass(await wordClasses());
    } catch (error) {
      log.warn(`Repetition hints without word classes: ${errorMessage(error)}`);
    }
    if (document.isClosed || !config.get<boolean>('enabled', true)) return;
    const hints = repetitionHints(draftText(document), { maxUses: config.get<number>('maxRepeats', DEFAULT_MAX_USES), breathLength: config.get<number>('breathLength', DEFAULT_BREATH_LENGTH), ...(isExpression ? { isExpression } : {}) });
    diagnostics.set(document.uri, hints.map(hint => {
      const diagnostic = new vscode.Diagnostic(toRange(hint.range), messageOf(hint), vscode.DiagnosticSeverity.Hint);
      diagnostic.source = REPETITION_SOURCE;
      diagnostic.code = hint.kind;
      if (hint.kind !== 'long-sentence') {
        diagnostic.relatedInformation = hint.others.map(other => new vscode.DiagnosticRelatedInformation(new vscode.Location(document.uri, toRange(other)), vscode.l10n.t('also here')));
      }
      return diagnostic;
    }));
  };

  const actions: vscode.CodeActionProvider = {
    provideCodeActions(document, _range, context) {
      const ours = context.diagnostics.filter(diagnostic => diagnostic.source === REPETITION_SOURCE && typeof diagnostic.code === 'string' && HINT_CODES.includes(diagnostic.code));
      const result: vscode.CodeAction[] = [];
      for (const diagnostic of ours) {
        const places = [diagnostic.range, ...(diagnostic.relatedInformation ?? []).map(info => info.location.range)].sort((a, b) => a.start.compareTo(b.start));
        const select = new vscode.CodeAction(places.length > 1 ? vscode.l10n.t('Select all {0} places', places.length) : vscode.l10n.t('Select the sentence'), vscode.CodeActionKind.QuickFix);
        select.command = { command: CommandId.selectRanges, title: select.title, arguments: [document.uri.toString(), places.map(place => [place.start.line, place.start.character, place.end.line, place.end.character])] };
        select.diagnostics = [diagnostic];
        result.push(select);
      }
      if (ours.length > 0) {
        const off = new vscode.CodeAction(vscode.l10n.t('Turn off repetition hints'), vscode.CodeActionKind.QuickFix);
        off.command = { command: 'workbench.action.openSettings', title: off.title, arguments: ['speechDrafter.hints.enabled'] };
        off.diagnostics = ours;
        result.push(off);
      }
      return result;
    },
  };

  return vscode.Disposable.from(
    diagnostics,
    checkDocumentsAsTheyChange(document => void check(document), document => diagnostics.delete(document.uri), CHECK_DELAY_MS),
    vscode.workspace.onDidChangeConfiguration(event => {
      if (event.affectsConfiguration('speechDrafter.hints')) for (const document of vscode.workspace.textDocuments) void check(document);
    }),
    vscode.languages.registerCodeActionsProvider(DRAFT_SELECTOR, actions, { providedCodeActionKinds: [vscode.CodeActionKind.QuickFix] }),
    vscode.commands.registerCommand(CommandId.selectRanges, async (uri: unknown, ranges: unknown) => {
      if (typeof uri !== 'string' || !Array.isArray(ranges)) return;
      const editor = await vscode.window.showTextDocument(vscode.Uri.parse(uri));
      const selections = ranges.filter((range): range is number[] => Array.isArray(range) && range.length === 4 && range.every(n => typeof n === 'number'))
        .map(([startLine, startCharacter, endLine, endCharacter]) => new vscode.Selection(startLine, startCharacter, endLine, endCharacter));
      if (selections.length === 0) return;
      editor.selections = selections;
      editor.revealRange(selections[0]);
    }),
  );
}
