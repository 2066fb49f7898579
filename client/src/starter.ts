// dist/client.js, the extension's `main`: runs the extension host's bundle (./main.ts, dist/client.bundle.js).
// A production build stores that bundle brotli-compressed (esbuild.js); it is unpacked once per build into
// the extension's global storage (server/src/startup/packed.ts), the folder VS Code gives the extension
// and removes with it, and run from there (from memory when that folder cannot be written).
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';
// The module itself, not an ES namespace of it: the bundle gets what its own require('vscode') would give.
import vscode = require('vscode');
import { plainFile, requirePacked, runCommonJs } from '../../server/src/startup/packed';

type Extension = typeof import('./main');

let extension: Extension | undefined;

export function activate(context: vscode.ExtensionContext): ReturnType<Extension['activate']> {
  extension = load(path.join(__dirname, 'client.bundle.js'), vscode.Uri.joinPath(context.globalStorageUri, 'host').fsPath);
  return extension.activate(context);
}

export async function deactivate(): Promise<void> {
  await extension?.deactivate();
}

function load(bundle: string, folder: string): Extension {
  const plain = plainFile(bundle, folder);
  // The development build, in the extension's folder: required as VS Code requires an extension's main.
  if (plain === bundle) return require(bundle) as Extension;
  // VS Code hands `vscode` only to modules in an extension's folder: a copy outside it gets the starter's.
  const base = createRequire(plain ?? bundle);
  const withVscode = Object.assign((id: string): unknown => (id === 'vscode' ? vscode : base(id)), base) as NodeJS.Require;
  return (plain ? runCommonJs(plain, fs.readFileSync(plain, 'utf8'), undefined, withVscode) : requirePacked(bundle, undefined, withVscode)) as Extension;
}
