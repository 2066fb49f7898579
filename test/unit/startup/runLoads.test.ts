// A local run of the CLI loads what a run needs and nothing more (server/src/cli/run.ts, the analysis
// route of languageService/definitionService.ts): no HTTP server, no node:crypto, none of the editor's
// features, no YAML parser for a JSON definition, no stream for its output. Each costs every `run` CPU
// time at start-up; a rare path (a remote target, task tokens answered on a port, a task token, a hash,
// a YAML text) loads its part when it is taken.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const cli = path.resolve(__dirname, '../../../server/src/cli/main.js');
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'asl-run-loads-'));
// Preloaded into the CLI's process: at exit, what it loaded (Node's own modules, the project's files and packages),
// written straight to the descriptor (process.stderr would load a stream first).
const probe = path.join(work, 'probe.js');
fs.writeFileSync(probe, `process.on('exit', () => require('node:fs').writeSync(2, JSON.stringify({
  builtins: process.moduleLoadList.filter((name) => name.startsWith('NativeModule ')).map((name) => name.slice('NativeModule '.length)),
  files: Object.keys(require.cache),
})));\n`);

function runLoading(definition: unknown, ...options: string[]): { stdout: string; builtins: string[]; files: string[] } {
  const file = path.join(work, 'machine.asl.json');
  fs.writeFileSync(file, JSON.stringify(definition));
  const child = spawnSync(process.execPath, ['--require', probe, cli, 'run', file, ...options], { encoding: 'utf8' });
  assert.equal(child.status, 0, child.stderr);
  const files = JSON.parse(child.stderr);
  return { stdout: child.stdout, ...files, files: files.files.map((name: string) => path.relative(path.resolve(__dirname, '../../../server/src'), name)) };
}

test('a local run loads no HTTP server, no node:crypto, no output stream and none of the editor\'s features', () => {
  const { stdout, builtins, files } = runLoading({ StartAt: 'Hello', States: { Hello: { Type: 'Pass', Result: 'Hello World', End: true } } }, '--json');
  assert.equal(JSON.parse(stdout).output, 'Hello World');
  for (const builtin of ['http', 'crypto', 'net', 'tty']) assert.ok(!builtins.includes(builtin), `the run loaded node:${builtin}`);
  for (const library of ['yaml', 'vscode-json-languageservice', 'jsonc-parser']) {
    assert.ok(!files.some((file) => file.includes(`node_modules/${library}/`)), `the run loaded ${library}`);
  }
  // The run did analyse and run through the project's modules; the facade of the editor's features and its features stayed out.
  for (const needed of ['languageService/definitionService.js', 'core/interpreter/engine.js']) assert.ok(files.includes(needed), `${needed} was not loaded`);
  for (const feature of ['languageService/index.js', 'languageService/completion.js', 'languageService/design/palette.js', 'apiServer/http.js', 'execution/remote/remoteRun.js']) {
    assert.ok(!files.includes(feature), `the run loaded ${feature}`);
  }
});

test('an execution is still named by a version 4 UUID, another each run; a States.UUID still comes from node:crypto', () => {
  const definition = { StartAt: 'Id', States: { Id: { Type: 'Pass', Parameters: { 'id.$': 'States.UUID()' }, End: true } } };
  const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
  const names = [runLoading(definition), runLoading(definition)].map(({ stdout, builtins }) => {
    assert.ok(builtins.includes('crypto'), 'States.UUID did not load node:crypto');
    const arn = /^Execution ARN:\s+(\S+)$/m.exec(stdout)?.[1] ?? '';
    assert.match(JSON.parse(/^Output:\n([\s\S]*?)\n\nEvents/m.exec(stdout)?.[1] ?? '{}').id, uuid);
    return arn.split(':').pop() ?? '';
  });
  for (const name of names) assert.match(name, uuid);
  assert.notEqual(names[0], names[1]);
});

test.after(() => fs.rmSync(work, { recursive: true, force: true }));
