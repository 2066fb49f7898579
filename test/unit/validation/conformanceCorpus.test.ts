// The recorded AWS corpus: every definition AWS executed is valid and must give no error;
// every definition AWS refused must give at least one, matching AWS's message.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { errorsOf } from './helpers';

const CORPUS = process.env.ASL_CONFORMANCE_DIR ?? '/work/shared/conformance/localstack';

interface Case {
  name: string;
  definition: unknown;
  expected?: unknown;
  validation?: { valid: boolean; message: string };
}

function caseFiles(directory: string): string[] {
  return readdirSync(directory).flatMap((entry) => {
    const path = join(directory, entry);
    if (statSync(path).isDirectory()) return caseFiles(path);
    return entry.endsWith('.json') ? [path] : [];
  });
}

const cases: Case[] = existsSync(CORPUS) ? caseFiles(CORPUS).map((file) => JSON.parse(readFileSync(file, 'utf8')) as Case) : [];
/** The ValidateStateMachineDefinition cases name the workflow type AWS validated for. */
const optionsOf = (testCase: Case) => (testCase.name.includes('_type_express_') ? { machineType: 'EXPRESS' as const } : {});

test('the conformance corpus is present', () => {
  assert.ok(cases.length > 1000, `expected the corpus at ${CORPUS}`);
});

test('no definition AWS accepted gets an error', () => {
  const valid = cases.filter((testCase) => testCase.expected !== undefined || testCase.validation?.valid === true);
  assert.ok(valid.length > 950);
  const falsePositives = valid.flatMap((testCase) => errorsOf(testCase.definition, optionsOf(testCase)).map((issue) => `${testCase.name}: ${issue.message}`));
  assert.deepEqual(falsePositives, []);
});

test('every definition AWS refused gets an error with its message', () => {
  const invalid = cases.filter((testCase) => testCase.validation?.valid === false);
  assert.equal(invalid.length, 15);
  for (const testCase of invalid) {
    // The recording replaced the partition by a placeholder.
    const messages = errorsOf(testCase.definition, optionsOf(testCase)).map((issue) => issue.message.replace(/arn:aws:/g, 'arn:<partition>:'));
    // AWS's message is either the diagnostic alone or "Invalid State Machine Definition: 'CODE: text at /location'".
    const awsText = testCase.validation!.message.replace(/^Invalid State Machine Definition: '(.*)'$/, '$1');
    assert.ok(messages.some((message) => message.includes(awsText) || awsText.includes(message.replace(/ at \/.*$/, ''))),
      `${testCase.name}: expected "${awsText}", got ${JSON.stringify(messages)}`);
  }
});
