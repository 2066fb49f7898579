// Writes a test made from an execution (core/testing/fromHistory.ts) into a test file: a new file
// naming its state machine, or one more test in an existing JSON file, the rest of its text as written.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parse, type ParseError } from 'jsonc-parser';
import type { HistoryEvent } from '../core/interpreter/api';
import { expandEvent, storedTextsOf } from '../core/history/storedTexts';
import { testFromHistory, type DescribedExecution } from '../core/testing/fromHistory';
import { readHistoryEvents, readStoredTexts } from '../execution/historyFiles';
import type { SaveTestParams, SaveTestResult } from '../protocol';
import { setJsonValue } from './jsonEdit';

/** The test file of a definition: `order.asl.json` -> `order.asl.test.json`. */
function testFileFor(definition: string): string {
  return definition.replace(/(\.asl)?\.(json|ya?ml)$/i, '') + '.asl.test.json';
}

/** A name the file's tests do not have yet: `name`, else `name (2)`, `name (3)`... */
function freeName(tests: Record<string, unknown>, name: string): string {
  let free = name;
  for (let i = 2; Object.hasOwn(tests, free); i++) free = `${name} (${i})`;
  return free;
}

/** A local execution's history as AWS records it: its compact events with their stored texts read back. */
async function storedHistory(folder: string): Promise<HistoryEvent[]> {
  const events = await readHistoryEvents(folder);
  const texts = events.map((event) => storedTextsOf(event));
  const contents = await readStoredTexts(folder, texts.flat());
  let next = 0;
  return events.map((event, index) => expandEvent(event, contents.slice(next, next += texts[index].length)));
}

/** Makes the test and writes it into its test file; `topLevelStates` adds the path to the expectation. */
export async function saveTest(params: SaveTestParams, topLevelStates: readonly string[] | undefined): Promise<SaveTestResult> {
  const testFile = params.testFile ?? testFileFor(params.definition);
  let test;
  try {
    const history = params.historyFolder === undefined ? params.history : await storedHistory(params.historyFolder);
    test = testFromHistory(history, params.described as DescribedExecution | undefined, topLevelStates);
  } catch (error) {
    return { error: (error as Error).message };
  }
  const existingText = fs.existsSync(testFile) ? fs.readFileSync(testFile, 'utf8') : '';
  let name = params.name;
  let text: string;
  if (!existingText.trim()) {
    const stateMachine = path.relative(path.dirname(testFile), params.definition).split(path.sep).join('/');
    text = JSON.stringify({ stateMachine, tests: { [name]: test } }, null, 2) + '\n';
  } else {
    const errors: ParseError[] = [];
    const existing = parse(existingText, errors) as { tests?: Record<string, unknown> } | undefined;
    if (errors.length || !existing || typeof existing !== 'object' || Array.isArray(existing)) return { error: `${path.basename(testFile)} is not a JSON object: fix it, or save the test elsewhere.` };
    name = freeName(existing.tests && typeof existing.tests === 'object' ? existing.tests : {}, name);
    text = setJsonValue(existingText, ['tests', name], test);
  }
  fs.writeFileSync(testFile, text);
  return { testFile, text, name };
}
