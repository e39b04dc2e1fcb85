import * as vscode from 'vscode';
import { escapeHtml } from '../core/html';

/**
 * A webview page locked down as every panel of the extension is: a Content-Security-Policy with a nonce, styles,
 * fonts and the one script from media/ only. The script renders corpus text with `textContent`, never as markup.
 */
export function webviewHtml(webview: vscode.Webview, mediaRoot: vscode.Uri, page: { title: string; script: string; styles: readonly string[]; body: string }): string {
  const nonce = createNonce();
  const csp = [
    "default-src 'none'",
    `style-src ${webview.cspSource}`,
    `font-src ${webview.cspSource}`,
    `img-src ${webview.cspSource}`,
    `script-src 'nonce-${nonce}'`,
  ].join('; ');
  const styles = page.styles.map(style => `<link rel="stylesheet" href="${webview.asWebviewUri(vscode.Uri.joinPath(mediaRoot, ...style.split('/')))}">`).join('\n');
  return `<!DOCTYPE html>
<html lang="${escapeHtml(vscode.env.language)}">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
${styles}
<title>${escapeHtml(page.title)}</title>
</head>
<body>
${page.body}
<script nonce="${nonce}" src="${webview.asWebviewUri(vscode.Uri.joinPath(mediaRoot, page.script))}"></script>
</body>
</html>`;
}

function createNonce(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return Array.from(bytes, b => b.toString(16).padStart(2, '0')).join('');
}
