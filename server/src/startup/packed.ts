// The bundles a production build stores brotli-compressed (esbuild.js: `<file>.br`, a third smaller than
// the .vsix's deflate leaves them): the shared Node bundle, the AWS clients, ELK. Each is unpacked once
// per build into a folder of the user's (the code cache's, or the extension's global storage for ELK),
// so that every later start reads a plain file as a development build reads its own in place. Node only,
// no VS Code: the extension host imports it too (test/layering/layers.ts, HOST_MODULES).
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import * as vm from 'node:vm';

/** The brotli-compressed form of a bundle, as the .vsix holds the large ones. */
export const packedFile = (file: string) => `${file}.br`;

/**
 * A plain file of `file`'s code: the file itself where the build left it (a development build), else its
 * copy in `folder`, unpacked there from the packed file when this build's copy is missing. Undefined
 * when the folder cannot be written (a read-only home, a full disk): the caller runs it from memory.
 */
export function plainFile(file: string, folder: string): string | undefined {
  if (fs.existsSync(file)) return file;
  const packed = packedFile(file);
  const stat = fs.statSync(packed);
  // The packed file's size and time carry its build: an update never meets an old copy.
  const extension = path.extname(file);
  const base = path.basename(file, extension);
  const name = `${base}-${stat.size}-${Math.trunc(stat.mtimeMs)}${extension}`;
  const copy = path.join(folder, name);
  if (fs.existsSync(copy)) return copy;
  const partial = `${copy}.${process.pid}`;
  try {
    fs.mkdirSync(folder, { recursive: true, mode: 0o700 });
    fs.writeFileSync(partial, unpack(packed), { mode: 0o600 });
    // The copy takes the packed file's time, so that two processes unpacking at once leave the same file
    // (the code cache keys on it) and the copy is written whole or not at all (a rename): another process may read it meanwhile.
    fs.utimesSync(partial, stat.atime, stat.mtime);
    fs.renameSync(partial, copy);
  } catch {
    try {
      fs.rmSync(partial, { force: true });
    } catch { /* the folder itself is unusable: nothing was written */ }
    return undefined;
  }
  // The copies of earlier builds, which no start reads again; never a later build's: a window not yet
  // reloaded after an update runs the earlier one, and the two must not remove each other's copy in turn.
  const buildCopy = new RegExp(`^${base.replace(/\./g, '\\.')}-\\d+-(\\d+)\\${extension}$`);
  for (const other of fs.readdirSync(folder)) {
    const time = buildCopy.exec(other)?.[1];
    if (time && Number(time) < Math.trunc(stat.mtimeMs)) fs.rmSync(path.join(folder, other), { force: true });
  }
  return copy;
}

/** Runs the CommonJS bundle `file` from its packed form, in memory (see runCommonJs). */
export function requirePacked(file: string, module?: { exports: unknown }, require?: NodeJS.Require): unknown {
  return runCommonJs(file, unpack(packedFile(file)).toString('utf8'), module, require);
}

/**
 * Runs `source` as Node would run the CommonJS file `file`: its own `require` (or the one given),
 * `module`, `__filename` and `__dirname`. The code must not use `import()`, which a script compiled here
 * cannot reach on Node 20 (esbuild.js turns it into `require`).
 */
export function runCommonJs(file: string, source: string, module: { exports: unknown } = { exports: {} }, require: NodeJS.Require = createRequire(file)): unknown {
  const run = new vm.Script(`(function (exports, require, module, __filename, __dirname) {${source}\n})`, { filename: file }).runInThisContext();
  run(module.exports, require, module, file, path.dirname(file));
  return module.exports;
}

/** Brotli's decompression; node:zlib is loaded only here (1.5 ms that a start from a plain file never spends). */
function unpack(packed: string): Buffer {
  return (require('node:zlib') as typeof import('node:zlib')).brotliDecompressSync(fs.readFileSync(packed));
}

/** The global where a starter names the folder of the bundle it runs (dist/), wherever the bundle's copy lies. */
const BUNDLE_FOLDER = Symbol.for('aslWorkbench.bundleFolder');

/** Tells the bundle that `folder` holds it, though it may run from its unpacked copy elsewhere. */
export function setBundleFolder(folder: string): void {
  (globalThis as { [BUNDLE_FOLDER]?: string })[BUNDLE_FOLDER] = folder;
}

/**
 * A file built beside the bundle (dist/executionProcess.js, dist/awsClients.js...), for the module whose
 * folder is `dirname` (its `__dirname`: out/ as tsc compiles it for the tests, where no starter runs).
 */
export function besideBundle(dirname: string, name: string): string {
  return path.join((globalThis as { [BUNDLE_FOLDER]?: string })[BUNDLE_FOLDER] ?? dirname, name);
}
