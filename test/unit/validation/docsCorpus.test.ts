// The cases taken from the AWS documentation (test/conformance/docs), through the language service the
// CLI's `validate` uses: every definition the guide shows or runs is valid and must get no error; every
// definition the guide or the specification calls invalid must get at least one.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { DiagnosticSeverity } from 'vscode-languageserver-types';
import { stringify } from 'yaml';
import { getLanguageService } from '../../../server/src/languageService';

const DOCS = join(__dirname, '../../../../test/conformance/docs');

interface DocsCase {
  name: string;
  definition: unknown;
  expected?: unknown;
  validation?: { valid: boolean };
}

function caseFiles(directory: string): string[] {
  return readdirSync(directory).flatMap((entry) => {
    const path = join(directory, entry);
    if (statSync(path).isDirectory()) return caseFiles(path);
    return entry.endsWith('.json') ? [path] : [];
  });
}

const cases: DocsCase[] = caseFiles(DOCS).map((file) => JSON.parse(readFileSync(file, 'utf8')) as DocsCase);
const service = getLanguageService();

async function errorsOf(testCase: DocsCase, format: 'json' | 'yaml' = 'json'): Promise<string[]> {
  const text = format === 'json' ? JSON.stringify(testCase.definition, null, 2) : stringify(testCase.definition);
  const document = service.parse(TextDocument.create(`file:///${testCase.name}.asl.${format}`, format === 'json' ? 'asl' : 'asl-yaml', 1, text));
  const diagnostics = await service.doValidation(document);
  return diagnostics.filter((diagnostic) => diagnostic.severity === DiagnosticSeverity.Error)
    .map((diagnostic) => `${diagnostic.range.start.line + 1}:${diagnostic.range.start.character + 1} ${diagnostic.message}`);
}

test('the docs cases are present', () => {
  assert.ok(cases.length >= 100, `expected the docs cases in ${DOCS}`);
});

const validCases = cases.filter((testCase) => testCase.expected !== undefined || testCase.validation?.valid === true);

for (const format of ['json', 'yaml'] as const) {
  test(`no definition from the documentation that is valid gets an error (${format})`, async () => {
    assert.ok(validCases.length >= 150);
    const falsePositives: string[] = [];
    for (const testCase of validCases) for (const error of await errorsOf(testCase, format)) falsePositives.push(`${testCase.name}: ${error}`);
    assert.deepEqual(falsePositives, []);
  });
}

test('every definition the documentation calls invalid gets an error', async () => {
  const invalid = cases.filter((testCase) => testCase.validation?.valid === false);
  assert.ok(invalid.length >= 30);
  const missed: string[] = [];
  for (const testCase of invalid) if ((await errorsOf(testCase)).length === 0) missed.push(testCase.name);
  assert.deepEqual(missed, []);
});
