import * as vscode from 'vscode';

/**
 * Runs `check` on a document a moment after it opens or changes (checking on every keystroke is wasted work), and on
 * the documents already open a moment after activation, never during it; `forget` when it closes.
 */
export function checkDocumentsAsTheyChange(check: (document: vscode.TextDocument) => void, forget: (document: vscode.TextDocument) => void, delayMs: number): vscode.Disposable {
  const timers = new Map<string, ReturnType<typeof setTimeout>>();
  const later = (document: vscode.TextDocument): void => {
    const key = document.uri.toString();
    clearTimeout(timers.get(key));
    timers.set(key, setTimeout(() => {
      timers.delete(key);
      if (!document.isClosed) check(document);
    }, delayMs));
  };
  vscode.workspace.textDocuments.forEach(later);
  return vscode.Disposable.from(
    vscode.workspace.onDidOpenTextDocument(later),
    vscode.workspace.onDidChangeTextDocument(event => later(event.document)),
    vscode.workspace.onDidCloseTextDocument(forget),
    { dispose: () => timers.forEach(clearTimeout) },
  );
}
