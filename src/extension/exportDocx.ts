/**
 * 导出为 Word（公文格式）: the draft as a .docx in the GB/T 9704-2012 layout, written with `vscode.workspace.fs`
 * beside the draft (or where the writer picks, for an untitled draft or one inside a corpus folder, which the
 * extension never writes into), so one path serves desktop and web.
 * The engine (and the `docx` package) is imported lazily: esbuild keeps it in the one bundle file but runs its
 * module code only on the first export, so activation stays cheap.
 */
import * as vscode from 'vscode';
import { CommandId } from './commandIds';
import { readCorpusSettings } from './corpusFolders';
import { DRAFT_LANGUAGES } from './draftLanguages';

/** What a caller (a test, another command) may pass: where to write, so no dialog opens. */
export interface ExportDocxRequest {
  readonly target?: vscode.Uri;
}

async function draftDocument(resource: unknown): Promise<vscode.TextDocument | undefined> {
  // From the editor title menu VS Code passes the editor's resource; from the palette, nothing.
  if (resource instanceof vscode.Uri) {
    return vscode.workspace.textDocuments.find(document => document.uri.toString() === resource.toString()) ?? vscode.workspace.openTextDocument(resource);
  }
  return vscode.window.activeTextEditor?.document;
}

function withDocxExtension(uri: vscode.Uri): vscode.Uri {
  const path = uri.path.replace(/\.[^./]*$/, '');
  return uri.with({ path: `${path}.docx` });
}

function isInside(uri: vscode.Uri, folder: vscode.Uri): boolean {
  const root = folder.path.endsWith('/') ? folder.path : `${folder.path}/`;
  return uri.scheme === folder.scheme && uri.authority === folder.authority && uri.path.startsWith(root);
}

/**
 * Beside a saved draft; for an untitled draft, a read-only one or one inside a corpus folder (the writer's folders
 * or the bundled one: a .docx there would be mined as another speech) the writer picks the place.
 */
async function chooseTarget(document: vscode.TextDocument, titleGuess: string, corpusFolders: readonly vscode.Uri[]): Promise<vscode.Uri | undefined> {
  const writable = !document.isUntitled && vscode.workspace.fs.isWritableFileSystem(document.uri.scheme) !== false;
  const inCorpus = corpusFolders.some(folder => isInside(document.uri, folder));
  if (writable && !inCorpus) return withDocxExtension(document.uri);
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
  const name = `${(titleGuess || vscode.l10n.t('Speech')).replace(/[\\/:*?"<>|]/g, '').slice(0, 40)}.docx`;
  return vscode.window.showSaveDialog({
    title: vscode.l10n.t('Export to Word'),
    ...(folder ? { defaultUri: vscode.Uri.joinPath(folder, name) } : {}),
    filters: { [vscode.l10n.t('Word document')]: ['docx'] },
  });
}

/** Writes under a temporary name, then renames: nobody ever opens half a file. */
async function writeWhole(target: vscode.Uri, bytes: Uint8Array): Promise<void> {
  const name = target.path.slice(target.path.lastIndexOf('/') + 1);
  const partial = vscode.Uri.joinPath(target, '..', `.${name}.partial`);
  try {
    await vscode.workspace.fs.writeFile(partial, bytes);
    await vscode.workspace.fs.rename(partial, target, { overwrite: true });
  } catch (error) {
    await vscode.workspace.fs.delete(partial).then(undefined, () => undefined);
    throw error;
  }
}

/** Where the writer can open the file from here: a desktop window on a local file, nowhere else. */
function offerToOpen(target: vscode.Uri): void {
  const where = target.scheme === 'file' ? target.fsPath : target.toString(true);
  if (vscode.env.uiKind !== vscode.UIKind.Desktop || target.scheme !== 'file') {
    void vscode.window.showInformationMessage(vscode.l10n.t('Exported to Word: {0}', where));
    return;
  }
  const open = vscode.l10n.t('Open');
  const reveal = vscode.l10n.t('Show in Folder');
  void vscode.window.showInformationMessage(vscode.l10n.t('Exported to Word: {0}', where), open, reveal).then(choice => {
    if (choice === open) void vscode.env.openExternal(target);
    else if (choice === reveal) void vscode.commands.executeCommand('revealFileInOS', target);
  });
}

/** Exports a draft; returns the file written, or undefined when nothing was (no draft, dialog cancelled). */
export async function exportDraftToWord(extensionUri: vscode.Uri, resource?: unknown, request: ExportDocxRequest = {}): Promise<vscode.Uri | undefined> {
  const document = await draftDocument(resource);
  if (!document || !(DRAFT_LANGUAGES as readonly string[]).includes(document.languageId)) {
    void vscode.window.showWarningMessage(vscode.l10n.t('Open a plain-text or Markdown draft to export it to Word.'));
    return undefined;
  }
  const text = document.getText();
  const firstLine = text.split('\n').find(line => line.trim() !== '')?.replace(/^[#\s*]+|[\s*]+$/g, '') ?? '';
  const corpusFolders = [...readCorpusSettings().folders, vscode.Uri.joinPath(extensionUri, 'seeds')];
  const target = request.target ?? (await chooseTarget(document, firstLine, corpusFolders));
  if (!target) return undefined;

  const { exportDocx, exportOptionsFrom } = await import('../core/export');
  const config = vscode.workspace.getConfiguration('speechDrafter.export', document);
  const options = exportOptionsFrom({
    pageNumbers: config.get('pageNumbers'),
    boldLevel3: config.get('boldLevel3'),
    fonts: config.get('fonts'),
    markdown: document.languageId === 'markdown',
  });
  const { bytes, warnings } = await exportDocx(text, options);
  await writeWhole(target, bytes);
  if (warnings.includes('title-cut')) {
    void vscode.window.showWarningMessage(vscode.l10n.t('The title has no word boundary that fits a line, so it was cut at the line width: consider shortening it.'));
  }
  offerToOpen(target);
  return target;
}

export function registerExportDocx(extensionUri: vscode.Uri): vscode.Disposable {
  return vscode.commands.registerCommand(CommandId.exportDocx, (resource?: unknown, request?: ExportDocxRequest) => exportDraftToWord(extensionUri, resource, request));
}
