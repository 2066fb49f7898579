// The bundles a production build stores packed (server/src/startup/packed.ts): unpacked once per build
// into the user's folder, reused by every later start without a write, replaced by a new build, and run
// from memory when the folder cannot be written. The CLI's starter runs the shared bundle so.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as zlib from 'node:zlib';
import { packedFile, plainFile, requirePacked } from '../../../server/src/startup/packed';

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'asl-packed-'));
test.after(() => fs.rmSync(work, { recursive: true, force: true }));

/** A production build's dist/: the bundle `name` stored packed only, built at `time`. */
function packedBuild(name: string, source: string, time = new Date('2026-01-02T03:04:05Z')): string {
  const dist = fs.mkdtempSync(path.join(work, 'dist-'));
  const file = path.join(dist, name);
  fs.writeFileSync(packedFile(file), zlib.brotliCompressSync(source));
  fs.utimesSync(packedFile(file), time, time);
  return file;
}

test('a development build reads its plain file in place and writes nothing', () => {
  const dist = fs.mkdtempSync(path.join(work, 'dist-'));
  const file = path.join(dist, 'app.js');
  fs.writeFileSync(file, 'module.exports = 1;\n');
  const folder = path.join(work, 'development-cache');
  assert.equal(plainFile(file, folder), file);
  assert.equal(fs.existsSync(folder), false);
});

test('the first start unpacks the bundle whole; later ones reuse the copy without writing it', () => {
  const source = 'module.exports = { answer: 42 };\n';
  const file = packedBuild('app.js', source);
  const folder = path.join(work, 'reuse-cache');
  const copy = plainFile(file, folder)!;
  assert.equal(path.dirname(copy), folder);
  assert.match(path.basename(copy), /^app-\d+-\d+\.js$/);
  assert.equal(fs.readFileSync(copy, 'utf8'), source);
  assert.equal(fs.statSync(folder).mode & 0o777, 0o700);
  // The copy carries the build's time, which the code cache keys on.
  assert.equal(fs.statSync(copy).mtimeMs, fs.statSync(packedFile(file)).mtimeMs);
  const written = fs.statSync(copy);
  assert.equal(plainFile(file, folder), copy);
  const reread = fs.statSync(copy);
  assert.deepEqual([reread.ino, reread.ctimeMs], [written.ino, written.ctimeMs]);
  assert.deepEqual(fs.readdirSync(folder), [path.basename(copy)], 'no partial file is left');
});

test('a new build gets a copy of its own and the old build\'s copy is removed; other files stay', () => {
  const folder = path.join(work, 'rebuild-cache');
  const old = plainFile(packedBuild('app.js', 'module.exports = "old";\n'), folder)!;
  fs.mkdirSync(folder, { recursive: true });
  const others = ['app@cli-1-2-v20-x64.v8cache', 'other-1-2.js'];
  for (const other of others) fs.writeFileSync(path.join(folder, other), '');
  const rebuilt = plainFile(packedBuild('app.js', 'module.exports = "new, longer";\n', new Date('2026-02-03T04:05:06Z')), folder)!;
  assert.notEqual(rebuilt, old);
  assert.equal(fs.readFileSync(rebuilt, 'utf8'), 'module.exports = "new, longer";\n');
  assert.deepEqual(fs.readdirSync(folder).sort(), [...others, path.basename(rebuilt)].sort());
  // The earlier build started again (a window not reloaded after the update) keeps the later one's copy.
  const earlier = plainFile(packedBuild('app.js', 'module.exports = "old";\n'), folder)!;
  assert.deepEqual(fs.readdirSync(folder).sort(), [...others, path.basename(rebuilt), path.basename(earlier)].sort());
});

test('an unwritable folder gives no copy, and the bundle runs from memory as require would run it', () => {
  const file = packedBuild('app.js', 'module.exports = { dir: __dirname, file: __filename, path: require("node:path").sep };\n');
  // A file where the folder should be: no folder can be made under it.
  const blocked = path.join(work, 'a-file');
  fs.writeFileSync(blocked, '');
  assert.equal(plainFile(file, path.join(blocked, 'cache')), undefined);
  assert.deepEqual(requirePacked(file), { dir: path.dirname(file), file, path: path.sep });
});

test('the CLI runs from its packed bundle: unpacked on the first run, read in place after, from memory in a read-only home', () => {
  // The starters and the shared bundle as built, the bundle stored packed as a production build stores it:
  // a run with local handlers starts the execution's process beside the bundle, not beside its copy.
  const built = path.resolve(__dirname, '../../../../dist');
  const dist = fs.mkdtempSync(path.join(work, 'dist-'));
  for (const starter of ['cli.js', 'executionProcess.js', 'starter.js']) fs.copyFileSync(path.join(built, starter), path.join(dist, starter));
  fs.writeFileSync(packedFile(path.join(dist, 'node.bundle.js')), zlib.brotliCompressSync(fs.readFileSync(path.join(built, 'node.bundle.js'))));
  const run = (folder: string) => {
    const child = spawnSync(process.execPath, [path.join(dist, 'cli.js'), 'run', '--template', 'hello-world', '--json'], { encoding: 'utf8', env: { ...process.env, ASL_WORKBENCH_CODE_CACHE: folder } });
    assert.equal(child.status, 0, child.stderr);
    assert.equal(JSON.parse(child.stdout).status, 'SUCCEEDED');
  };
  // A local handler that is an ES module, which the bundle run as a script imports through its starter.
  const greet = path.join(work, 'greet.asl.json');
  fs.writeFileSync(greet, JSON.stringify({ StartAt: 'Greet', States: { Greet: { Type: 'Task', Resource: 'arn:aws:lambda:us-east-1:123456789012:function:greet', End: true } } }));
  fs.writeFileSync(path.join(work, 'greet.mjs'), 'export const handler = async (event) => ({ hello: event.name });\n');
  fs.writeFileSync(path.join(work, 'handlers.json'), JSON.stringify({ greet: './greet.mjs' }));
  const runHandler = (folder: string) => {
    const child = spawnSync(process.execPath, [path.join(dist, 'cli.js'), 'run', greet, '--handlers', path.join(work, 'handlers.json'), '--input-json', '{"name":"packed"}', '--json'], { encoding: 'utf8', env: { ...process.env, ASL_WORKBENCH_CODE_CACHE: folder } });
    assert.equal(child.status, 0, child.stderr);
    assert.deepEqual(JSON.parse(child.stdout).output, { hello: 'packed' });
  };
  const folder = path.join(work, 'cli-cache');
  run(folder);
  const [copy] = fs.readdirSync(folder).filter((name) => name.endsWith('.js'));
  assert.match(copy, /^node\.bundle-\d+-\d+\.js$/);
  const written = fs.statSync(path.join(folder, copy)).ino;
  run(folder);
  assert.equal(fs.statSync(path.join(folder, copy)).ino, written);
  // Beside its code cache, which V8 made from the copy.
  assert.ok(fs.readdirSync(folder).some((name) => name.startsWith('node.bundle@cli-')));
  const blocked = path.join(work, 'read-only-home');
  fs.writeFileSync(blocked, '');
  run(path.join(blocked, 'cache'));
  runHandler(folder);
  runHandler(path.join(blocked, 'cache'));
});
