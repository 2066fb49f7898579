// Writes a test made from an execution (core/testing/fromHistory.ts) into a test file: a new file
// naming its state machine, or one more test in an existing JSON file, the rest of its text as written.
import * as path from 'node:path';
import { applyEdits, modify, parse, type ParseError } from 'jsonc-parser';
import { testFromHistory, type DescribedExecution } from '../core/testing/fromHistory';
import type { SaveTestParams, SaveTestResult } from '../protocol';

/** The test file of a definition: `order.asl.json` -> `order.asl.test.json`. */
export function testFileFor(definition: string): string {
  return definition.replace(/(\.asl)?\.(json|ya?ml)$/i, '') + '.asl.test.json';
}

/** A name the file's tests do not have yet: `name`, else `name (2)`, `name (3)`... */
function freeName(tests: Record<string, unknown>, name: string): string {
  let free = name;
  for (let i = 2; Object.hasOwn(tests, free); i++) free = `${name} (${i})`;
  return free;
}

export function savedTestText(params: SaveTestParams, topLevelStates: readonly string[] | undefined): SaveTestResult {
  let test;
  try {
    test = testFromHistory(params.history, params.described as DescribedExecution | undefined, topLevelStates);
  } catch (error) {
    return { error: (error as Error).message };
  }
  const stateMachine = path.relative(path.dirname(params.testFile), params.definition).split(path.sep).join('/');
  if (params.existingText === undefined || !params.existingText.trim()) {
    const name = params.name;
    return { name, text: JSON.stringify({ stateMachine, tests: { [name]: test } }, null, 2) + '\n' };
  }
  const errors: ParseError[] = [];
  const existing = parse(params.existingText, errors) as { tests?: Record<string, unknown> } | undefined;
  if (errors.length || !existing || typeof existing !== 'object' || Array.isArray(existing)) return { error: `${path.basename(params.testFile)} is not a JSON object: fix it, or save the test elsewhere.` };
  const name = freeName(existing.tests && typeof existing.tests === 'object' ? existing.tests : {}, params.name);
  const indent = /^[ \t]+(?=")/m.exec(params.existingText)?.[0] ?? '  ';
  const edits = modify(params.existingText, ['tests', name], test, { formattingOptions: { insertSpaces: !indent.includes('\t'), tabSize: indent.length, eol: params.existingText.includes('\r\n') ? '\r\n' : '\n' } });
  return { name, text: applyEdits(params.existingText, edits) };
}
