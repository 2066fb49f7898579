// Where the pages load ELK from (./elk/load.ts). The .vsix holds it brotli-compressed
// (dist/webviews/elk.js.br, esbuild.js: 346 KB where the .vsix's deflate left 451 KB); the extension
// host unpacks it once per build into the extension's global storage, which the pages may read
// (server/src/startup/packed.ts). A development build leaves it in dist/webviews.
import * as vscode from 'vscode';
import { plainFile } from '../../../server/src/startup/packed';

/** The folder, in the extension's global storage, of the page scripts unpacked there. */
export const unpackedScripts = (extension: vscode.ExtensionContext) => vscode.Uri.joinPath(extension.globalStorageUri, 'webviews');

/** The ELK script, unpacked when the extension's build has it packed only and it is not unpacked yet. */
export function elkScript(extension: vscode.ExtensionContext): vscode.Uri {
  const folder = unpackedScripts(extension).fsPath;
  const file = plainFile(vscode.Uri.joinPath(extension.extensionUri, 'dist', 'webviews', 'elk.js').fsPath, folder);
  if (!file) throw new Error(`${folder} cannot be written`);
  return vscode.Uri.file(file);
}
