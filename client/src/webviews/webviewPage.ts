// The HTML page of every webview (graph preview, start form, execution view): a strict Content-Security-Policy
// with a per-load nonce, the bundled script and stylesheet, nothing from the network. Pure, so
// the webview tests serve the very same page.
import { randomBytes } from 'crypto';

export interface WebviewPageAssets {
  /** The webview's `cspSource` (the origin of its local resources). */
  cspSource: string;
  scriptUri: string;
  styleUri: string;
  /** Where the page loads ELK from when it lays a graph out (./elk/load.ts); without it, beside its script. */
  elkUri?: string;
  title: string;
}

export function webviewPage(assets: WebviewPageAssets, nonce = randomBytes(16).toString('base64')): string {
  const csp = [
    "default-src 'none'",
    `style-src ${assets.cspSource}`,
    `img-src ${assets.cspSource} data:`,
    `font-src ${assets.cspSource}`,
    `script-src 'nonce-${nonce}'`,
  ].join('; ');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${escapeHtml(csp)}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<title>${escapeHtml(assets.title)}</title>
<link rel="stylesheet" href="${escapeHtml(assets.styleUri)}">
</head>
<body>
<script nonce="${nonce}" src="${escapeHtml(assets.scriptUri)}"${assets.elkUri ? ` data-elk="${escapeHtml(assets.elkUri)}"` : ''}></script>
</body>
</html>
`;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}
