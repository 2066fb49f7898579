// The one analysis of a definition's text that the editor, Run Locally and the CLI share.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { getLanguageService } from '../../../server/src/languageService';

const yaml = 'StartAt: A\nStates:\n  A:\n    Type: Pass\n    End: true\n';
const json = JSON.stringify({ StartAt: 'A', States: { A: { Type: 'Pass', End: true } } }, null, 2);

test('the same text, language and options answer the same analysis, validated and compiled once', async () => {
  let compiles = 0;
  const service = getLanguageService((definition) => {
    compiles++;
    return { machine: { start: () => { throw new Error(`not started: ${JSON.stringify(definition)}`); } } };
  });
  const source = { uri: 'file:///w/a.asl.json', text: json, version: 3 };
  const first = service.analyze(source);
  assert.equal(service.analyze({ ...source }), first);
  assert.equal(await first.diagnostics(), await service.analyze(source).diagnostics());
  await first.compiled();
  await service.analyze(source).compiled();
  assert.equal(compiles, 1);
  assert.notEqual(service.analyze({ ...source, text: `${json}\n`, version: 4 }), first);
  assert.notEqual(service.analyze(source, { machineType: 'EXPRESS' }), service.analyze(source));
  const kept = service.analyze(source);
  service.forget(source.uri);
  assert.notEqual(service.analyze(source), kept);
});

test('the structure is walked once per analysis: the compile is handed the walk the validator read', async () => {
  let handed: unknown;
  const service = getLanguageService((_definition, validated) => {
    handed = validated;
    return { errors: [{ message: 'stop here' }] };
  });
  const analysis = service.analyze({ uri: 'file:///w/s.asl.yaml', text: yaml });
  await analysis.compiled();
  assert.equal(handed, analysis.document.structure);
  assert.deepEqual(analysis.document.structure.states.map((state) => state.name), ['A']);
  // Unquoted placeholders are validated in a quoted copy: the compile checks the value itself.
  await service.analyze({ uri: 'file:///w/p.asl.json', text: '{"StartAt": "A", "States": {"A": {"Type": "Task", "Resource": ${Arn}, "End": true}}}' }).compiled();
  assert.equal(handed, undefined);
});

test('reads a definition by its language id, else by its file name', () => {
  const service = getLanguageService();
  assert.deepEqual(service.analyze({ uri: 'untitled:Untitled-1', languageId: 'asl-yaml', text: yaml }).value, JSON.parse(json));
  assert.deepEqual(service.analyze({ uri: 'file:///w/a.asl.yml', text: yaml }).value, JSON.parse(json));
  assert.equal(service.analyze({ uri: 'untitled:Untitled-2', text: yaml }).value, undefined);
  assert.equal(service.analyze({ uri: 'file:///w/a.asl.yml', languageId: 'asl', text: yaml }).value, undefined);
});

test('compiled: the diagnostics\' errors refuse the definition first, then the interpreter\'s, located at the key they name', async () => {
  const service = getLanguageService();
  const unreachable = service.analyze({ uri: 'file:///w/u.asl.yaml', text: `${yaml}  Orphan:\n    Type: Succeed\n` });
  assert.deepEqual((await unreachable.compiled()).errors.map(({ message, range }) => [message, range.start]),
    [['MISSING_TRANSITION_TARGET: State "Orphan" is not reachable. at /States/Orphan', { line: 5, character: 2 }]]);
  const refusing = getLanguageService(() => ({ errors: [{ message: 'Refused by the interpreter', path: ['States', 'A', 'End'] }] }));
  const { errors } = await refusing.analyze({ uri: 'file:///w/c.asl.json', text: json }).compiled();
  assert.deepEqual(errors.map(({ message, range }) => [message, range.start]), [['Refused by the interpreter', { line: 5, character: 6 }]]);
  const valid = await service.analyze({ uri: 'file:///w/v.asl.json', text: json }).compiled();
  assert.ok('machine' in valid);
});
