// The extension's main, dist/client.js (client/src/starter.ts), as built: it runs the extension host's
// bundle unpacked into the global storage, outside the extension's folder, where `require('vscode')`
// would not resolve (VS Code gives it to an extension's own modules only): the copy gets the starter's.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as zlib from 'node:zlib';
import { packedFile } from '../../../server/src/startup/packed';

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'asl-client-starter-'));
test.after(() => fs.rmSync(work, { recursive: true, force: true }));

/** An installed extension: the starter as built, a stand-in `vscode` only its folder resolves, the bundle packed. */
function installed(name: string) {
  const extension = path.join(work, name);
  const dist = path.join(extension, 'dist');
  fs.mkdirSync(path.join(extension, 'node_modules', 'vscode'), { recursive: true });
  fs.mkdirSync(dist);
  fs.writeFileSync(path.join(extension, 'node_modules', 'vscode', 'index.js'), `
const path = require('node:path');
exports.Uri = { joinPath: (uri, ...parts) => ({ fsPath: path.join(uri.fsPath, ...parts) }) };
`);
  fs.copyFileSync(path.resolve(__dirname, '../../../../dist/client.js'), path.join(dist, 'client.js'));
  fs.writeFileSync(packedFile(path.join(dist, 'client.bundle.js')), zlib.brotliCompressSync(`
const vscode = require('vscode');
exports.activate = async (context) => ({ vscode, file: __filename, storage: context.globalStorageUri.fsPath });
exports.deactivate = async () => { globalThis.deactivated = __filename; };
`));
  // A module of the extension's folder, as VS Code's `vscode` is the extension's own.
  const vscode = require(path.join(extension, 'node_modules', 'vscode'));
  const starter = require(path.join(dist, 'client.js')) as { activate(context: unknown): Promise<{ vscode: unknown; file: string; storage: string }>; deactivate(): Promise<void> };
  return { starter, vscode };
}

test('the packed bundle runs from its copy in the global storage, handed the starter\'s vscode; deactivate reaches it', async () => {
  const { starter, vscode } = installed('extension');
  const storage = path.join(work, 'global-storage');
  const exported = await starter.activate({ globalStorageUri: { fsPath: storage } });
  assert.equal(exported.vscode, vscode);
  assert.equal(exported.storage, storage);
  assert.equal(path.dirname(exported.file), path.join(storage, 'host'));
  assert.match(path.basename(exported.file), /^client\.bundle-\d+-\d+\.js$/);
  await starter.deactivate();
  assert.equal((globalThis as { deactivated?: string }).deactivated, exported.file);
});

test('a global storage that cannot be written: the bundle runs from memory, still with the starter\'s vscode', async () => {
  const { starter, vscode } = installed('read-only');
  const blocked = path.join(work, 'a-file');
  fs.writeFileSync(blocked, '');
  const exported = await starter.activate({ globalStorageUri: { fsPath: blocked } });
  assert.equal(exported.vscode, vscode);
  assert.equal(exported.file, path.join(work, 'read-only', 'dist', 'client.bundle.js'));
});
