// Editing help in test files beyond their JSON Schema: the names a test file refers to, checked and
// completed against its definition (state names in `expect.states`, `expect.path` and `mocks`) and
// its MockConfigFile (`testCase`). YAML test files also get the schema's problems here (VS Code's
// JSON support checks the JSON ones).
import * as fs from 'node:fs';
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver-types';
import type { TestFileSpec } from '../core/testing/expectations';
import { coverageTargets } from '../core/testing/coverage';
import { listMockConfig } from '../execution/plan';
import { pathOfNode, rangeOfNode, rangeOfPath, type AslDocument, type JsonPath } from '../languageService/aslDocument';
import type { Analysis } from '../languageService/analysis';
import type { TestFileAssist } from '../protocol';
import { definitionOf, mockConfigOf, parseTestFile, stateMachineNameOf, templateMachineOf, testFileDiagnostics } from './runner';

/** The names a test file may use: every state, the top-level ones, the Task states, the test cases. */
interface Names {
  states: string[];
  topLevel: string[];
  tasks: string[];
  testCases?: string[];
}

/** Analyses a definition file, or the machine `machineId` names in a template; undefined when it cannot. */
export type AnalyzeFile = (file: string, machineId?: string) => (Analysis & { machineId?: string }) | undefined;

function namesOf(file: string, spec: TestFileSpec, analyze: AnalyzeFile): Names | undefined {
  const definition = definitionOf(file, spec);
  const machineId = typeof spec.stateMachine === 'string' ? templateMachineOf(spec.stateMachine).id : undefined;
  const analysis = fs.existsSync(definition) ? analyze(definition, machineId) : undefined;
  const value = analysis?.value;
  if (!value || typeof value !== 'object') return undefined;
  const targets = coverageTargets(value);
  const typeOf = (path: JsonPath) => path.reduce<any>((node, key) => node?.[key], value)?.Type;
  const names: Names = {
    states: targets.states.map((state) => state.name),
    topLevel: targets.states.filter((state) => state.path.length === 2).map((state) => state.name),
    tasks: targets.states.filter((state) => typeOf(state.path) === 'Task').map((state) => state.name),
  };
  const mockConfigFile = mockConfigOf(file, spec);
  try {
    const listed = mockConfigFile === undefined ? undefined : listMockConfig(JSON.parse(fs.readFileSync(mockConfigFile, 'utf8')));
    const machine = listed?.stateMachines.find((candidate) => candidate.name === (spec.mockStateMachine ?? analysis?.machineId ?? stateMachineNameOf(definition))) ?? (listed?.stateMachines.length === 1 ? listed.stateMachines[0] : undefined);
    names.testCases = machine?.testCases;
  } catch {
    // An unreadable MockConfigFile: the runner says so; here no test case is offered or checked.
  }
  return names;
}

/** Where a name is expected at a path of the test file, and which names fit. */
function namesAt(path: JsonPath, isKey: boolean, names: Names): string[] | undefined {
  if (path[0] !== 'tests' || path.length < 3) return undefined;
  const [, , field, sub] = path;
  if (field === 'testCase' && path.length === 3 && !isKey) return names.testCases;
  if (field === 'mocks' && path.length === 4 && isKey) return names.tasks;
  if (field === 'expect' && sub === 'states' && path.length === 5 && isKey) return names.states;
  if (field === 'expect' && sub === 'path' && path.length === 5 && !isKey) return names.topLevel;
  return undefined;
}

/** The problems of a test file's names (and, for YAML, of its schema), and the names that fit at `offset`. */
export async function testFileAssist(file: string, text: string, offset: number | undefined, analyze: AnalyzeFile): Promise<TestFileAssist> {
  const document = parseTestFile(file, text);
  const yaml = document.textDocument.languageId === 'asl-yaml';
  const diagnostics: Diagnostic[] = yaml ? await testFileDiagnostics(document) : [];
  const spec = document.value as TestFileSpec | undefined;
  const tests = spec && typeof spec === 'object' && spec.tests && typeof spec.tests === 'object' ? spec.tests : undefined;
  const names = tests ? namesOf(file, spec!, analyze) : undefined;
  if (!tests || !names) return { diagnostics };
  const unknown = (at: JsonPath, name: string, known: string[] | undefined, what: string, part: 'key' | 'value') => {
    if (known && !known.includes(name)) {
      diagnostics.push({ range: rangeOfPath(document, at, part), severity: DiagnosticSeverity.Error, source: 'asl-test', message: `${what} '${name}' (there are: ${known.join(', ') || 'none'})` });
    }
  };
  for (const [name, test] of Object.entries(tests)) {
    if (!test || typeof test !== 'object') continue;
    const at = ['tests', name];
    if (typeof test.testCase === 'string') unknown([...at, 'testCase'], test.testCase, names.testCases, 'The MockConfigFile has no test case', 'value');
    for (const state of Object.keys(test.mocks ?? {})) unknown([...at, 'mocks', state], state, names.tasks, 'The state machine has no Task state', 'key');
    for (const state of Object.keys(test.expect?.states ?? {})) unknown([...at, 'expect', 'states', state], state, names.states, 'The state machine has no state', 'key');
    (Array.isArray(test.expect?.path) ? test.expect!.path : []).forEach((state, index) => {
      if (typeof state === 'string') unknown([...at, 'expect', 'path', index], state, names.topLevel, 'The state machine has no top-level state', 'value');
    });
  }
  return { diagnostics, completions: offset === undefined ? undefined : completionsAt(document, offset, names) };
}

function completionsAt(document: AslDocument, offset: number, names: Names): TestFileAssist['completions'] {
  const node = document.json.getNodeFromOffset(offset, true);
  if (!node) return undefined;
  const parent = node.parent;
  // A key being typed (in JSON a string whose parent property has it as key), or a value.
  const isKey = parent?.type === 'property' && parent.keyNode === node;
  const at = node.type === 'object' ? [...pathOfNode(node), ''] : node.type === 'array' ? [...pathOfNode(node), node.items.length] : isKey ? [...pathOfNode(parent.parent!), ''] : pathOfNode(node);
  const fits = namesAt(at, isKey || node.type === 'object', names);
  if (!fits) return undefined;
  const replace = node.type === 'string' ? rangeOfNode(document.textDocument, node) : undefined;
  return { names: fits, replace };
}
