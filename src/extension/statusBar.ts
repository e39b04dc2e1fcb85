import * as vscode from 'vscode';
import { isDraft } from './draftLanguages';
import { DEFAULT_SPEAKING_RATE, measureDraft, speakingTime } from '../core/draftStats';
import { CommandId } from './commandIds';

/** Re-counting a long draft on every keystroke is wasted work; a short pause is enough. */
const RECOUNT_DELAY_MS = 250;

export interface DraftStatusSnapshot {
  readonly visible: boolean;
  readonly text: string;
}

/**
 * Status bar: 字数 and the estimated speaking time of the active draft; a click opens the library panel.
 * Returns the item's current state for the integration tests.
 */
export function registerDraftStatusBar(): { disposable: vscode.Disposable; snapshot: () => DraftStatusSnapshot } {
  const item = vscode.window.createStatusBarItem('speechDrafter.draftStats', vscode.StatusBarAlignment.Right, 100);
  item.name = vscode.l10n.t('Speech Drafter: draft length');
  item.command = CommandId.openLibrary;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let shown = false;

  const update = (): void => {
    timer = undefined;
    const editor = vscode.window.activeTextEditor;
    const config = vscode.workspace.getConfiguration('speechDrafter');
    if (!editor || !isDraft(editor.document) || !config.get<boolean>('statusBar.enabled', true)) {
      item.hide();
      shown = false;
      return;
    }
    const stats = measureDraft(editor.document.getText());
    const rate = config.get<number>('speakingRate', DEFAULT_SPEAKING_RATE);
    const time = speakingTime(stats.spokenCharacters, rate);
    item.text = `$(book) ${vscode.l10n.t('{0} chars · about {1} min {2} s', stats.characters, time.minutes, time.seconds)}`;
    item.tooltip = vscode.l10n.t('{0} characters, {1} spoken; at {2} characters a minute it takes about {3} min {4} s to deliver. Click to open the library.',
      stats.characters, stats.spokenCharacters, rate, time.minutes, time.seconds);
    item.show();
    shown = true;
  };
  const schedule = (): void => {
    if (timer) clearTimeout(timer);
    timer = setTimeout(update, RECOUNT_DELAY_MS);
  };

  update();
  const disposable = vscode.Disposable.from(
    item,
    vscode.window.onDidChangeActiveTextEditor(update),
    vscode.workspace.onDidChangeTextDocument(event => {
      if (event.document === vscode.window.activeTextEditor?.document) schedule();
    }),
    vscode.workspace.onDidChangeConfiguration(event => {
      if (event.affectsConfiguration('speechDrafter')) update();
    }),
    { dispose: () => timer && clearTimeout(timer) },
  );
  return {
    disposable,
    snapshot: () => {
      if (timer) update(); // a test asking right after an edit sees the settled figure
      return { visible: shown, text: item.text };
    },
  };
}
