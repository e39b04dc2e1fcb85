import * as vscode from 'vscode';
import type { SkippedFile } from '../core/library';
import { CORPUS_EXTENSIONS } from '../core/reading';

/** Folders deeper than this are not walked: a corpus is a few levels deep; this stops pathological trees. */
const MAX_DEPTH = 64;

export interface CorpusSettings {
  /** Folder URIs resolved from the settings (workspace-relative paths against each workspace folder). */
  readonly folders: readonly vscode.Uri[];
  readonly includeBundled: boolean;
  /** Lower-case extensions with the dot. */
  readonly fileTypes: readonly string[];
  readonly maxFileBytes: number;
}

function isAbsolutePath(path: string): boolean {
  return path.startsWith('/') || /^[A-Za-z]:[\\/]/.test(path) || path.startsWith('\\\\');
}

/** Reads the corpus settings; relative folders resolve against every workspace folder. */
export function readCorpusSettings(): CorpusSettings {
  const config = vscode.workspace.getConfiguration('speechDrafter.corpus');
  const folders: vscode.Uri[] = [];
  for (const entry of config.get<string[]>('folders', [])) {
    if (typeof entry !== 'string' || entry.trim() === '') continue;
    const path = entry.trim();
    if (/^[a-z][a-z0-9+.-]+:\/\//i.test(path)) folders.push(vscode.Uri.parse(path));
    else if (isAbsolutePath(path)) folders.push(vscode.Uri.file(path));
    else for (const workspace of vscode.workspace.workspaceFolders ?? []) folders.push(vscode.Uri.joinPath(workspace.uri, path));
  }
  const fileTypes = config.get<string[]>('fileTypes', [...CORPUS_EXTENSIONS]).map(type => (type.startsWith('.') ? type : `.${type}`).toLowerCase());
  const maxMB = config.get<number>('maxFileSizeMB', 10);
  return { folders, includeBundled: config.get<boolean>('includeBundled', true), fileTypes, maxFileBytes: Math.max(0.1, maxMB) * 1024 * 1024 };
}

/** How a corpus file is named in sources and reports: relative to the workspace where possible. */
export function displayPath(uri: vscode.Uri): string {
  return uri.scheme === 'file' || vscode.workspace.getWorkspaceFolder(uri) ? vscode.workspace.asRelativePath(uri, true) : uri.toString();
}

export function errorReason(error: unknown): string {
  if (error instanceof vscode.FileSystemError) return error.code === 'FileNotFound' ? 'not found (deleted or moved?)' : `unreadable (${error.code || error.message})`;
  return `unreadable (${error instanceof Error ? error.message : String(error)})`;
}

/**
 * The corpus files under `roots`, in a stable order (folders sorted by name). Symbolic links to folders are
 * not followed (a link back up the tree would loop); every folder or file that cannot be listed is reported.
 */
export async function listCorpusFiles(roots: readonly vscode.Uri[], fileTypes: readonly string[], skipped: SkippedFile[], token?: vscode.CancellationToken): Promise<vscode.Uri[]> {
  const files: vscode.Uri[] = [];
  const matches = (name: string): boolean => fileTypes.some(type => name.toLowerCase().endsWith(type));
  const walk = async (folder: vscode.Uri, depth: number): Promise<void> => {
    if (token?.isCancellationRequested) return;
    if (depth > MAX_DEPTH) {
      skipped.push({ path: displayPath(folder), reason: `folder nested deeper than ${MAX_DEPTH} levels` });
      return;
    }
    let entries: [string, vscode.FileType][];
    try {
      entries = await vscode.workspace.fs.readDirectory(folder);
    } catch (error) {
      skipped.push({ path: displayPath(folder), reason: `folder ${errorReason(error)}` });
      return;
    }
    entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    for (const [name, type] of entries) {
      // Hidden folders (.git) and Word's lock files (~$稿.docx, present while a file is open) are not speeches.
      if (name.startsWith('.') || name.startsWith('~$')) continue;
      const uri = vscode.Uri.joinPath(folder, name);
      if (type & vscode.FileType.Directory) {
        if (type & vscode.FileType.SymbolicLink) skipped.push({ path: displayPath(uri), reason: 'link to a folder, not followed (add its target as a corpus folder instead)' });
        else await walk(uri, depth + 1);
      } else if (matches(name)) {
        files.push(uri);
      }
    }
  };
  for (const root of roots) {
    try {
      const stat = await vscode.workspace.fs.stat(root);
      if (stat.type & vscode.FileType.Directory) await walk(root, 0);
      else files.push(root);
    } catch (error) {
      skipped.push({ path: displayPath(root), reason: `corpus folder ${errorReason(error)}` });
    }
  }
  // A folder listed twice, or inside another listed folder, is read once.
  const seen = new Set<string>();
  return files.filter(uri => !seen.has(uri.toString()) && seen.add(uri.toString()));
}
