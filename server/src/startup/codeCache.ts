// Starts a bundle with V8's code cache, so that a short process (the CLI, an execution's process) does
// not spend a third of its life compiling megabytes of JavaScript. Node 22 has this built in
// (`module.enableCompileCache`); Node 20 does not, so the bundle is compiled here as a `vm.Script` with
// the cached data of an earlier run. The cache lives in the user's own cache folder, never a shared
// one: V8 trusts cached code whose source length matches, so a cache another user could write would
// run that user's code.
import { isAscii } from 'node:buffer';
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vm from 'node:vm';
import type { EntryName, entries } from './entries';
import { setFlagsFromString } from 'node:v8';
import { plainFile, requirePacked, setBundleFolder } from './packed';
// The bundle sets this V8 flag when it loads; V8 rejects cached code made under other flags, so the
// starter sets it first, before it compiles the bundle or writes the cache.
import '../core/linearRegex';

/** The folder of cached code for this user, by platform convention; ASL_WORKBENCH_CODE_CACHE names another. */
export function codeCacheFolder(): string {
  const base = process.env.XDG_CACHE_HOME
    || (process.platform === 'win32' ? process.env.LOCALAPPDATA : undefined)
    || path.join(os.homedir(), process.platform === 'darwin' ? 'Library/Caches' : '.cache');
  return process.env.ASL_WORKBENCH_CODE_CACHE || path.join(base, 'asl-workbench', 'code-cache');
}

/**
 * The cache file of one bundle as one entry uses it (`name`): the bundle's size and time carry the build,
 * and the Node version and architecture the V8 that made the code, so that a new build or Node never
 * meets an old cache.
 */
function cacheFileOf(name: string, stat: fs.Stats): string {
  const build = `${name}-${stat.size}-${Math.trunc(stat.mtimeMs)}-${process.version}-${process.arch}`;
  return path.join(codeCacheFolder(), `${build}.v8cache`);
}

/** Reads a file, or nothing when it is absent or unreadable: a missing cache only costs time. */
function readOptional(file: string): Buffer | undefined {
  try {
    return fs.readFileSync(file);
  } catch {
    return undefined;
  }
}

/**
 * A bundle's text. esbuild writes ASCII (it escapes any other character), which reads as Latin-1 in half
 * the time UTF-8 takes to decode (2 ms of a CLI run's start for the 2.4 MB bundle); any other text as UTF-8.
 */
function readSource(file: string): string {
  const bytes = fs.readFileSync(file);
  return isAscii(bytes) ? bytes.toString('latin1') : bytes.toString('utf8');
}

/** The event by which a bundle says the code of its work is compiled (see codeCompiled). */
const CODE_COMPILED = 'aslWorkbench:codeCompiled';

/**
 * Tells the starter that the code a run needs is compiled, so that it saves the cache now: for a
 * process its parent ends by force (an execution's process), whose exit handlers never run.
 */
export function codeCompiled(): void {
  (process as NodeJS.EventEmitter).emit(CODE_COMPILED);
}

/**
 * V8 optimises a function once it has run code worth this many bytecode bytes (8 times its default): in a short
 * process, TurboFan's compiling cost more CPU than its code saved (5,000-state runs: a loop 127 -> 104 ms, a Map
 * 148 -> 106), while a long run's functions still get it (50,000 states: the same; a 100,000-item Map 4% dearer).
 * Set before the bundle compiles, as V8 keeps cached code only under the flags it was made with.
 */
const SHORT_PROCESS_TIER_UP = '--interrupt-budget=540672';

/**
 * Runs `bundle` (a CommonJS file) as this module would run it. Its code comes from the cache when the
 * cache is there and V8 accepts it; otherwise, when the process exits, the code compiled by then (the
 * functions this run called, not only the top level) is written for the next run.
 */
export function runBundle(bundle: string, module: NodeModule, cacheName = path.basename(bundle, '.js')): void {
  setFlagsFromString(SHORT_PROCESS_TIER_UP);
  const source = readSource(bundle);
  const stat = fs.statSync(bundle);
  const cacheFile = cacheFileOf(cacheName, stat);
  const cachedData = readOptional(cacheFile);
  const script = new vm.Script(`(function (exports, require, module, __filename, __dirname) {${source}\n})`, {
    filename: bundle,
    cachedData,
  });
  lendImport();
  if (!cachedData || script.cachedDataRejected) {
    const save = () => {
      process.off(CODE_COMPILED, save);
      process.off('exit', save);
      writeCache(script, cacheFile);
    };
    process.on(CODE_COMPILED, save);
    process.on('exit', save);
  }
  script.runInThisContext()(module.exports, createRequire(bundle), module, bundle, path.dirname(bundle));
}

/**
 * Starts one entry of the shared bundle (./entries.ts) in this process, through the code cache for a
 * short process (`codeCache`), each entry with a cache of its own (the code its run compiled, not
 * another's). A long-lived process (the language server, the debug adapter) gains little from it, and
 * the debug adapter's Node inspector (debugHandlers) never runs the handlers of code started as a vm.Script.
 */
export function runEntry(bundle: string, entry: EntryName, module: NodeModule, codeCache: boolean): void {
  const plain = plainBundle(bundle);
  if (!plain) {
    lendImport();
    requirePacked(bundle, module);
  }
  else if (codeCache) runBundle(plain, module, `${path.basename(bundle, '.js')}@${entry}`);
  else module.exports = createRequire(plain)(plain);
  void (module.exports as { entries: typeof entries }).entries[entry]();
}

/**
 * A script's import() reaches Node's loader on Node 20 only through an experimental option, and not at
 * all when its code comes from the cache: a bundle run as a script imports ES modules (local handlers) through this one.
 */
function lendImport(): void {
  (globalThis as { [key: symbol]: unknown })[Symbol.for('aslWorkbench.importModule')] = (url: string) => import(url);
}

/**
 * The plain file of the bundle, which a production build stores packed (./packed.ts): its copy unpacked
 * once per build beside the code cache. Undefined when that folder cannot be written: it runs from memory.
 */
function plainBundle(bundle: string): string | undefined {
  setBundleFolder(path.dirname(bundle));
  return plainFile(bundle, codeCacheFolder());
}

/** Writes the cache whole or not at all (a rename), so that a run starting meanwhile never reads half of it. */
function writeCache(script: vm.Script, cacheFile: string): void {
  const partial = `${cacheFile}.${process.pid}`;
  try {
    fs.mkdirSync(path.dirname(cacheFile), { recursive: true, mode: 0o700 });
    fs.writeFileSync(partial, script.createCachedData(), { mode: 0o600 });
    fs.renameSync(partial, cacheFile);
    removeOtherBuilds(cacheFile);
  } catch {
    // No cache folder to be had (a read-only home, a full disk): the next run compiles again, which is all a cache saves.
    try {
      fs.rmSync(partial, { force: true });
    } catch { /* the folder itself is unusable: nothing was written */ }
  }
}

/** Removes the caches of the bundle's earlier builds, which no run reads again. */
function removeOtherBuilds(cacheFile: string): void {
  const folder = path.dirname(cacheFile);
  const bundleName = path.basename(cacheFile).split('-')[0];
  for (const name of fs.readdirSync(folder)) {
    if (name.startsWith(`${bundleName}-`) && name !== path.basename(cacheFile)) fs.rmSync(path.join(folder, name), { force: true });
  }
}
