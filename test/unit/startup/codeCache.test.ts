// Starting a bundle through V8's code cache (server/src/startup/codeCache.ts), as the CLI and an
// execution's process start: the first run writes the cache, later runs use it and behave the same,
// a cache V8 refuses is replaced, and the bundle sees the module environment Node would give it.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const codeCacheModule = path.resolve(__dirname, '../../../server/src/startup/codeCache.js');
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'asl-code-cache-'));
const cacheFolder = path.join(work, 'cache');

// A bundle as esbuild writes one: CommonJS, requiring a file beside it, importing an ES module (through
// the starter's import(), as local handlers are loaded), saying where it is.
fs.writeFileSync(path.join(work, 'helper.js'), 'module.exports = { answer: 42 };\n');
fs.writeFileSync(path.join(work, 'handler.mjs'), 'export const greeting = "hello from ESM";\n');
fs.writeFileSync(path.join(work, 'app.bundle.js'), `
const { answer } = require('./helper.js');
globalThis[Symbol.for('aslWorkbench.importModule')](require('node:url').pathToFileURL(require('node:path').join(__dirname, 'handler.mjs')).href).then(({ greeting }) => {
  console.log(JSON.stringify({ answer, greeting, file: require('node:path').basename(__filename), dir: __dirname, exported: typeof module.exports }));
});
`);
fs.writeFileSync(path.join(work, 'app.js'), `require(${JSON.stringify(codeCacheModule)}).runBundle(require('node:path').join(__dirname, 'app.bundle.js'), module);\n`);

function start(folder = cacheFolder) {
  const child = spawnSync(process.execPath, [path.join(work, 'app.js')], { encoding: 'utf8', env: { ...process.env, ASL_WORKBENCH_CODE_CACHE: folder } });
  assert.equal(child.status, 0, child.stderr);
  return JSON.parse(child.stdout);
}

function cacheFiles(): string[] {
  return fs.existsSync(cacheFolder) ? fs.readdirSync(cacheFolder).map((name) => path.join(cacheFolder, name)) : [];
}

test('the first start writes the cache; the next uses it unchanged and behaves the same', () => {
  const expected = { answer: 42, greeting: 'hello from ESM', file: 'app.bundle.js', dir: work, exported: 'object' };
  assert.deepEqual(start(), expected);
  const [cache, ...others] = cacheFiles();
  assert.deepEqual(others, []);
  assert.match(path.basename(cache), new RegExp(`^app\\.bundle-\\d+-\\d+-${process.version.replace(/\./g, '\\.')}-${process.arch}\\.v8cache$`));
  assert.ok(fs.statSync(cache).size > 0);
  const written = fs.statSync(cache);
  assert.deepEqual(start(), expected);
  // V8 accepted the cache: it was not written again (a write replaces the file, a new inode).
  assert.equal(fs.statSync(cache).ino, written.ino);
});

test('a cache V8 refuses (damaged) is replaced, and the bundle still runs', () => {
  start();
  const [cache] = cacheFiles();
  fs.writeFileSync(cache, Buffer.from('not V8 code'));
  assert.equal(start().answer, 42);
  assert.deepEqual(cacheFiles(), [cache]);
  assert.ok(fs.statSync(cache).size > 100, 'a new cache was written');
});

test('a new build of the bundle gets its own cache, and the old one is removed', () => {
  start();
  const [before] = cacheFiles();
  fs.appendFileSync(path.join(work, 'app.bundle.js'), '// rebuilt\n');
  assert.equal(start().answer, 42);
  const after = cacheFiles();
  assert.equal(after.length, 1);
  assert.notEqual(after[0], before);
});

test('a cache folder that cannot be made costs the cache only: the bundle runs and exits 0', () => {
  // A file where the folder should be: no folder can be made under it.
  assert.equal(start(path.join(work, 'helper.js', 'cache')).answer, 42);
});

test('a bundle holding other characters than ASCII (read as UTF-8, not as the Latin-1 of an ASCII one) runs them unchanged, through its cache too', () => {
  const folder = path.join(work, 'unicode-cache');
  const file = path.join(work, 'unicode.js');
  fs.writeFileSync(path.join(work, 'unicode.bundle.js'), 'console.log("Grüße, 世界 🌍");\n');
  fs.writeFileSync(file, `require(${JSON.stringify(codeCacheModule)}).runBundle(require('node:path').join(__dirname, 'unicode.bundle.js'), module);\n`);
  for (let run = 0; run < 2; run++) {
    const child = spawnSync(process.execPath, [file], { encoding: 'utf8', env: { ...process.env, ASL_WORKBENCH_CODE_CACHE: folder } });
    assert.equal(child.status, 0, child.stderr);
    assert.equal(child.stdout, 'Grüße, 世界 🌍\n');
  }
  assert.equal(fs.readdirSync(folder).length, 1);
});

test.after(() => fs.rmSync(work, { recursive: true, force: true }));

test('entries of one shared bundle start through it, a short one with a cache of its own, a long-lived one without', () => {
  const folder = path.join(work, 'entries-cache');
  fs.writeFileSync(path.join(work, 'shared.bundle.js'), `
exports.entries = {
  cli: async () => console.log('cli ran'),
  testWorker: async () => console.log('test worker ran'),
  server: async () => console.log('server ran'),
};
`);
  const starter = (entry: string, codeCache: boolean) => {
    const file = path.join(work, `${entry}.js`);
    fs.writeFileSync(file, `require(${JSON.stringify(codeCacheModule)}).runEntry(require('node:path').join(__dirname, 'shared.bundle.js'), ${JSON.stringify(entry)}, module, ${codeCache});\n`);
    const child = spawnSync(process.execPath, [file], { encoding: 'utf8', env: { ...process.env, ASL_WORKBENCH_CODE_CACHE: folder } });
    assert.equal(child.status, 0, child.stderr);
    return child.stdout;
  };
  assert.equal(starter('cli', true), 'cli ran\n');
  assert.equal(starter('testWorker', true), 'test worker ran\n');
  assert.equal(starter('server', false), 'server ran\n');
  // One cache per short entry, side by side (a new cache of one does not remove the other's).
  assert.deepEqual(fs.readdirSync(folder).map((name) => name.split('-')[0]).sort(), ['shared.bundle@cli', 'shared.bundle@testWorker']);
  assert.equal(starter('cli', true), 'cli ran\n');
});

test('the CLI keeps its cache: V8 accepts the code it saved (no flag set by the bundle differs from the start)', () => {
  const folder = path.join(work, 'cli-cache');
  const cli = path.resolve(__dirname, '../../../../dist/cli.js');
  const definition = path.join(work, 'hello.asl.json');
  fs.writeFileSync(definition, JSON.stringify({ StartAt: 'Hello', States: { Hello: { Type: 'Pass', Result: 'Hello World', End: true } } }));
  const run = () => {
    const child = spawnSync(process.execPath, [cli, 'run', definition, '--json'], { encoding: 'utf8', env: { ...process.env, ASL_WORKBENCH_CODE_CACHE: folder } });
    assert.equal(child.status, 0, child.stderr);
    assert.equal(JSON.parse(child.stdout).output, 'Hello World');
  };
  run();
  const [cache] = fs.readdirSync(folder).map((name) => path.join(folder, name));
  const written = fs.statSync(cache).ino;
  run();
  assert.equal(fs.statSync(cache).ino, written, 'the second run wrote the cache again: V8 refused the first');
});
