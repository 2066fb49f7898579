// The HTML page of the graph preview (built on the extension side; the tests serve it too).
// Strict CSP: scripts only with the page's nonce, styles and images only from the bundled assets
// (and blob:/data: images, for the PNG export); nothing from the network.
import { randomBytes } from 'crypto';

export interface GraphPageAssets {
  /** The webview's `cspSource` (the origin of its local resources). */
  cspSource: string;
  scriptUri: string;
  styleUris: string[];
  /** The document the page shows, for the serializer to find it again. */
  documentUri: string;
}

export function graphPageHtml(assets: GraphPageAssets, nonce = randomBytes(16).toString('base64')): string {
  const csp = [
    "default-src 'none'",
    `img-src ${assets.cspSource} blob: data:`,
    `style-src ${assets.cspSource}`,
    `font-src ${assets.cspSource}`,
    `script-src 'nonce-${nonce}'`,
  ].join('; ');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${escapeHtml(csp)}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
${assets.styleUris.map((uri) => `<link rel="stylesheet" href="${escapeHtml(uri)}">`).join('\n')}
<title>State machine graph</title>
</head>
<body>
<div id="app" data-uri="${escapeHtml(assets.documentUri)}"></div>
<script nonce="${nonce}" src="${escapeHtml(assets.scriptUri)}"></script>
</body>
</html>
`;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => `&#${character.charCodeAt(0)};`);
}
