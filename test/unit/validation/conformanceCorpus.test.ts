// The recorded AWS corpus: every definition AWS executed is valid and must give no error;
// every definition AWS refused must give AWS's messages, word for word.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { errorsOf } from './helpers';
import { CORPUS_DIR } from '../corpus';

interface Case {
  name: string;
  definition: unknown;
  expected?: unknown;
  validation?: { valid: boolean; message: string; diagnostics?: { code: string; message: string; location: string }[] };
}

function caseFiles(directory: string): string[] {
  return readdirSync(directory).flatMap((entry) => {
    const path = join(directory, entry);
    if (statSync(path).isDirectory()) return caseFiles(path);
    return entry.endsWith('.json') ? [path] : [];
  });
}

const cases: Case[] = existsSync(CORPUS_DIR) ? caseFiles(CORPUS_DIR).map((file) => JSON.parse(readFileSync(file, 'utf8')) as Case) : [];
/** The ValidateStateMachineDefinition cases name the workflow type AWS validated for. */
const optionsOf = (testCase: Case) => (testCase.name.includes('_type_express_') ? { machineType: 'EXPRESS' as const } : {});

test('the conformance corpus is present', () => {
  assert.ok(cases.length > 1000, `expected the corpus at ${CORPUS_DIR}`);
});

test('no definition AWS accepted gets an error', () => {
  const valid = cases.filter((testCase) => testCase.expected !== undefined || testCase.validation?.valid === true);
  assert.ok(valid.length > 950);
  const falsePositives = valid.flatMap((testCase) => errorsOf(testCase.definition, optionsOf(testCase)).map((issue) => `${testCase.name}: ${issue.message}`));
  assert.deepEqual(falsePositives, []);
});

test("every definition AWS refused gets exactly AWS's messages, word for word and in AWS's order", () => {
  const invalid = cases.filter((candidate) => candidate.validation?.valid === false);
  assert.equal(invalid.length, 15);
  for (const testCase of invalid) {
    const ours = errorsOf(testCase.definition, optionsOf(testCase)).map((issue) => issue.message.replace(/arn:aws:/g, 'arn:<partition>:'));
    const { message, diagnostics } = testCase.validation!;
    // ValidateStateMachineDefinition lists diagnostics; CreateStateMachine joins them into one message.
    const aws = diagnostics ? diagnostics.map((d) => `${d.code}: ${d.message} at ${d.location}`) : [message.replace(/^Invalid State Machine Definition: '(.*)'$/, '$1')];
    assert.deepEqual(diagnostics ? ours : [ours.join(', ')], aws, testCase.name);
  }
});
