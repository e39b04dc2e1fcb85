import * as vscode from 'vscode';
import { CommandId } from './commandIds';
import type { Corpus, CorpusService } from './corpusService';

/** Adds a folder to `speechDrafter.corpus.folders`: workspace-relative when it lies in the workspace. */
async function addCorpusFolder(corpus: CorpusService, given?: vscode.Uri): Promise<boolean> {
  const folder = given ?? (await vscode.window.showOpenDialog({ canSelectFolders: true, canSelectFiles: false, canSelectMany: false, openLabel: vscode.l10n.t('Use as corpus folder') }))?.[0];
  if (!folder) return false;
  const config = vscode.workspace.getConfiguration('speechDrafter.corpus');
  const inWorkspace = vscode.workspace.getWorkspaceFolder(folder) !== undefined;
  const entry = inWorkspace ? vscode.workspace.asRelativePath(folder, false) : folder.scheme === 'file' ? folder.fsPath : folder.toString();
  // With a workspace open its own list is the one in effect (a user-level entry would be shadowed by it).
  const target = vscode.workspace.workspaceFolders?.length ? vscode.ConfigurationTarget.Workspace : vscode.ConfigurationTarget.Global;
  const current = config.get<string[]>('folders', []);
  if (current.includes(entry)) return false;
  await config.update('folders', [...current, entry], target);
  void corpus.get(); // mining starts now rather than at the next suggestion
  return true;
}

/** The library's size in the status bar once it is mined (never at activation); a click opens the panel. */
function libraryStatus(corpus: CorpusService): vscode.Disposable {
  const item = vscode.window.createStatusBarItem('speechDrafter.librarySize', vscode.StatusBarAlignment.Right, 99);
  item.name = vscode.l10n.t('Speech Drafter: library size');
  item.command = CommandId.openLibrary;
  const show = (loaded: Corpus): void => {
    item.text = `$(library) ${vscode.l10n.t('{0} entries', loaded.library.entries.length.toLocaleString())}`;
    item.tooltip = vscode.l10n.t('Speech library: {0} speeches from {1} files, {2} entries; {3} files skipped (see the log). Click to open the library.',
      loaded.library.documents.length, loaded.files.length, loaded.library.entries.length, loaded.skipped.length);
    item.show();
  };
  return vscode.Disposable.from(item, corpus.onDidChange(show));
}

export function registerCorpusCommands(corpus: CorpusService): vscode.Disposable {
  return vscode.Disposable.from(
    libraryStatus(corpus),
    vscode.commands.registerCommand(CommandId.rebuildLibrary, async () => (await corpus.rebuild()).library.entries.length),
    vscode.commands.registerCommand(CommandId.addCorpusFolder, (folder?: vscode.Uri) => addCorpusFolder(corpus, folder instanceof vscode.Uri ? folder : undefined)),
  );
}
