// Where the pages load ELK from (./elk/load.ts). The .vsix holds it brotli-compressed
// (dist/webviews/elk.js.br, esbuild.js: 346 KB where the .vsix's deflate left 451 KB); the extension
// host unpacks it once into the extension's global storage, which the pages may read. A development
// build leaves it in dist/webviews.
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as zlib from 'node:zlib';
import * as vscode from 'vscode';

/** The folder, in the extension's global storage, of the page scripts unpacked there. */
export const unpackedScripts = (extension: vscode.ExtensionContext) => vscode.Uri.joinPath(extension.globalStorageUri, 'webviews');

/** The ELK script, unpacked when the extension's build has it packed only and it is not unpacked yet. */
export function elkScript(extension: vscode.ExtensionContext): vscode.Uri {
  const built = vscode.Uri.joinPath(extension.extensionUri, 'dist', 'webviews', 'elk.js');
  if (fs.existsSync(built.fsPath)) return built;
  return unpack(`${built.fsPath}.br`, unpackedScripts(extension).fsPath);
}

/** Writes the script whole or not at all (a rename): another window may read it meanwhile. */
function unpack(packed: string, folder: string): vscode.Uri {
  const stat = fs.statSync(packed);
  // The packed file's size and time carry its build: an update of the extension never meets an old copy.
  const name = `elk-${stat.size}-${Math.trunc(stat.mtimeMs)}.js`;
  const file = path.join(folder, name);
  if (!fs.existsSync(file)) {
    fs.mkdirSync(folder, { recursive: true });
    const partial = `${file}.${process.pid}`;
    fs.writeFileSync(partial, zlib.brotliDecompressSync(fs.readFileSync(packed)));
    fs.renameSync(partial, file);
    // The copies of earlier builds, which no page loads again.
    for (const other of fs.readdirSync(folder)) {
      if (/^elk-\d+-\d+\.js$/.test(other) && other !== name) fs.rmSync(path.join(folder, other), { force: true });
    }
  }
  return vscode.Uri.file(file);
}
