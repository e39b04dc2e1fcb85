import * as vscode from 'vscode';
import { escapeHtml } from '../core/html';
import { LIBRARY_VIEW_ID } from './commandIds';

/**
 * The 讲稿素材库 side panel. The webview is locked down from the start (CSP with a nonce, resources from
 * media/ only, every string escaped) so later content can only be added the safe way.
 */
export function registerLibraryView(context: vscode.ExtensionContext, log: vscode.LogOutputChannel): vscode.Disposable {
  const mediaRoot = vscode.Uri.joinPath(context.extensionUri, 'media');
  const provider: vscode.WebviewViewProvider = {
    resolveWebviewView(view) {
      view.webview.options = { enableScripts: true, localResourceRoots: [mediaRoot] };
      view.webview.html = renderLibraryHtml(view.webview, mediaRoot);
      log.debug('Library view resolved');
    },
  };
  return vscode.window.registerWebviewViewProvider(LIBRARY_VIEW_ID, provider);
}

function renderLibraryHtml(webview: vscode.Webview, mediaRoot: vscode.Uri): string {
  const nonce = createNonce();
  const styleUri = webview.asWebviewUri(vscode.Uri.joinPath(mediaRoot, 'library.css'));
  const scriptUri = webview.asWebviewUri(vscode.Uri.joinPath(mediaRoot, 'library.js'));
  const csp = [
    "default-src 'none'",
    `style-src ${webview.cspSource}`,
    `font-src ${webview.cspSource}`,
    `img-src ${webview.cspSource}`,
    `script-src 'nonce-${nonce}'`,
  ].join('; ');
  const title = escapeHtml(vscode.l10n.t('Speech library'));
  const emptyTitle = escapeHtml(vscode.l10n.t('The library is not built yet'));
  const emptyBody = escapeHtml(vscode.l10n.t('Speech Drafter will gather salutations, openings, section outlines, parallel sets and closings here from the bundled speeches and from the folders you add.'));
  return `<!DOCTYPE html>
<html lang="${escapeHtml(vscode.env.language)}">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${styleUri}">
<title>${title}</title>
</head>
<body>
<main id="library" aria-live="polite">
  <section class="empty-state" role="status">
    <h2>${emptyTitle}</h2>
    <p>${emptyBody}</p>
  </section>
</main>
<script nonce="${nonce}" src="${scriptUri}"></script>
</body>
</html>`;
}

function createNonce(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return Array.from(bytes, b => b.toString(16).padStart(2, '0')).join('');
}
