// The `validate` command as users call it: whole processes, compiler-like lines or JSON lines, exit codes.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const cli = path.resolve(__dirname, '../../../server/src/cli/main.js');
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'asl-validate-'));

function validate(...args: string[]) {
  return spawnSync(process.execPath, [cli, 'validate', ...args], { encoding: 'utf8' });
}

function file(name: string, text: string): string {
  const target = path.join(work, name);
  fs.writeFileSync(target, text);
  return target;
}

const valid = file('valid.asl.json', JSON.stringify({ StartAt: 'A', States: { A: { Type: 'Pass', End: true } } }, null, 2));
const broken = file('broken.asl.json', '{\n  "StartAt": "A",\n  "States": {\n    "A": { "Type": "Pass", "Next": "B" }\n  }\n}\n');
const yaml = file('broken.asl.yaml', 'StartAt: A\nStates:\n  A:\n    Type: Wait\n    End: true\n');

test('a valid definition prints a one-line summary and exits 0', () => {
  const child = validate(valid);
  assert.equal(child.status, 0, child.stderr);
  assert.equal(child.stdout, '1 file checked: 0 errors, 0 warnings.\n');
});

test('errors print as file:line:col severity message, and exit 1', () => {
  const child = validate(broken, yaml);
  assert.equal(child.status, 1);
  assert.equal(child.stdout, [
    `${broken}:4:36 error MISSING_TRANSITION_TARGET: Missing 'Next' target: B at /States/A/Next`,
    `${yaml}:3:3 error SCHEMA_VALIDATION_FAILED: A Wait state needs exactly one of 'Seconds', 'SecondsPath', 'Timestamp', 'TimestampPath' at /States/A`,
    '2 files checked: 2 errors, 0 warnings.',
    '',
  ].join('\n'));
});

test('--json prints one line per file with the LSP diagnostics', () => {
  const child = validate('--json', valid, broken);
  assert.equal(child.status, 1);
  const lines = child.stdout.trimEnd().split('\n').map((line) => JSON.parse(line));
  assert.deepEqual(lines.map((line) => [line.file, line.diagnostics.length]), [[valid, 0], [broken, 1]]);
  assert.deepEqual(lines[1].diagnostics[0], {
    range: { start: { line: 3, character: 35 }, end: { line: 3, character: 38 } },
    severity: 1,
    message: "MISSING_TRANSITION_TARGET: Missing 'Next' target: B at /States/A/Next",
    source: 'asl',
    code: 'unknown-target',
    data: { target: 'B' },
  });
});

test('--type EXPRESS adds the rules of EXPRESS workflows; bad usage exits 2', () => {
  const callback = file('callback.asl.json', JSON.stringify({ StartAt: 'T', States: { T: { Type: 'Task', Resource: 'arn:aws:states:::sqs:sendMessage.waitForTaskToken', End: true } } }));
  assert.equal(validate(callback).status, 0);
  const express = validate('--type', 'express', callback);
  assert.equal(express.status, 1);
  assert.match(express.stdout, /Express state machine does not support '\.waitForTaskToken' service integration/);
  assert.equal(validate().status, 2);
  assert.equal(validate('--type', 'fast', valid).status, 2);
  const missing = validate(path.join(work, 'missing.json'));
  assert.equal(missing.status, 1);
  assert.match(missing.stderr, /cannot read .*missing\.json: ENOENT/);
});

test('a definition over 1,048,576 characters is an error, as CreateStateMachine refuses it; run refuses it too', () => {
  const large = file('large.asl.json', JSON.stringify({ StartAt: 'A', States: { A: { Type: 'Pass', Result: 'x'.repeat(1_048_576), End: true } } }));
  const message = "error ValidationException: 1 validation error detected: Value at 'definition' failed to satisfy constraint: Member must have length less than or equal to 1048576";
  const child = validate(large);
  assert.equal(child.status, 1);
  assert.equal(child.stdout, `${large}:1:1 ${message}\n1 file checked: 1 error, 0 warnings.\n`);
  const run = spawnSync(process.execPath, [cli, 'run', large], { encoding: 'utf8' });
  assert.equal(run.status, 2);
  assert.equal(run.stderr, `${large}:1:1 ${message}\n`);
});

test('a template: every machine validated, at the template\'s lines; extract writes one machine with its placeholders filled', () => {
  const template = file('template.yaml', [
    'Transform: AWS::Serverless-2016-10-31',
    'Resources:',
    '  Fn:',
    '    Type: AWS::Serverless::Function',
    '  Good:',
    '    Type: AWS::Serverless::StateMachine',
    '    Properties:',
    '      DefinitionSubstitutions: { FnArn: !GetAtt Fn.Arn }',
    '      Definition: { StartAt: A, States: { A: { Type: Task, Resource: "${FnArn}", End: true } } }',
    '  Bad:',
    '    Type: AWS::StepFunctions::StateMachine',
    '    Properties:',
    '      DefinitionString: !Sub \'{"StartAt": "A", "States": {"A": {"Type": "Pass", "Next": "${Missing}"}}}\'',
    '',
  ].join('\n'));
  const checked = validate(template);
  assert.equal(checked.status, 1);
  assert.equal(checked.stdout, [
    `${template}:13:90 error Fn::Sub: unknown variable \${Missing}: not a Fn::Sub variable, parameter or resource of the template`,
    `${template}:13:89 information Template placeholder: a local run needs a state's name here, which only the deployment supplies at /States/A/Next`,
    '1 file checked: 1 error, 0 warnings.',
    '',
  ].join('\n'));
  const extracted = spawnSync(process.execPath, [cli, 'extract', template, '--state-machine', 'Good'], { encoding: 'utf8' });
  assert.equal(extracted.status, 0, extracted.stderr);
  assert.deepEqual(JSON.parse(extracted.stdout), { StartAt: 'A', States: { A: { Type: 'Task', Resource: 'arn:aws:lambda:us-east-1:123456789012:function:Fn', End: true } } });
  const ambiguous = spawnSync(process.execPath, [cli, 'extract', template], { encoding: 'utf8' });
  assert.equal(ambiguous.status, 2);
  assert.match(ambiguous.stderr, /holds 2 state machines: name one with --state-machine \(Good, Bad\)/);
  // A machine whose definition file is missing: the reason, not "no such machine".
  fs.writeFileSync(template, fs.readFileSync(template, 'utf8') + ['  Moved:', '    Type: AWS::Serverless::StateMachine', '    Properties:', '      DefinitionUri: statemachine/moved.asl.json', ''].join('\n'));
  const unreadable = spawnSync(process.execPath, [cli, 'extract', template, '--state-machine', 'Moved'], { encoding: 'utf8' });
  assert.equal(unreadable.status, 2);
  assert.equal(unreadable.stderr, `asl-workbench extract: ${template}: The definition file statemachine/moved.asl.json of Moved cannot be read\n`);
});
