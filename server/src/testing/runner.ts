// Runs the tests of one test file (`*.asl.test.json|yaml`): reads and checks the file against its
// JSON Schema, gets the definition through the one analysis (as `run` and the editor do), runs each
// test on the virtual clock with its mocks, and checks its expectations. Every problem is located in
// the test file: a file-wide one (malformed, no definition) stops that file only, a test's (an unknown
// test case) that test only.
import { randomUUID } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { getLanguageService as getJsonLanguageService, type JSONSchema } from 'vscode-json-languageservice';
import { parseDocument as parseYamlDocument } from 'yaml';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { DiagnosticSeverity, type Diagnostic, type Range } from 'vscode-languageserver-types';
import type { CompiledStateMachine, ExecutionResult, StartOptions, TakenBranch, TaskResolver } from '../core/interpreter';
import { mockConfigResolver, type MockConfigFile } from '../core/interpreter/tasks/mockConfig';
import { localHandlerResolver } from '../core/interpreter/tasks/localHandlers';
import { checkExpectations, observe, updatedSnapshot, type ExpectationFailure, type TestFileSpec, type TestSpec } from '../core/testing/expectations';
import { addExecution, coverageTargets, emptyHits, type FileCoverage } from '../core/testing/coverage';
import { rangeOfPath, type AslDocument, type JsonPath } from '../languageService/aslDocument';
import type { Analysis } from '../languageService/analysis';
import { analyzeDefinitionFile, formatDiagnostic, sharedLanguageService } from '../cli/definitionFile';
import { mockSelection, parseStartTime, readJsonFile, readTextFile, runToEnd, UsageError } from '../cli/execution';
import { HistoryWriter } from '../execution/historyFiles';
import { setJsonValue } from './jsonEdit';
import { machineUri } from '../languageService/templates';
import type { LocatedProblem, TestFileJob, TestFileOutline, TestFileResult, TestResult, TestRunOptions, SourceText, WrittenHistory } from '../protocol';
import testFileSchema from '../../../schemas/asl-test.schema.json';

/** `order.asl.test.json` -> `order`. */
export const TEST_FILE = /\.asl\.test\.(json|ya?ml)$/i;

export function isTestFile(file: string): boolean {
  return TEST_FILE.test(file);
}

const jsonService = getJsonLanguageService({});

const START: Range = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };

/** The test file as a document: its value, and the range of any path in it. */
export function parseTestFile(file: string, text: string): AslDocument {
  const uri = `file://${encodeURI(file)}`;
  const languageId = /\.ya?ml$/i.test(file) ? 'asl-yaml' : 'asl';
  return sharedLanguageService().parse(TextDocument.create(uri, languageId, 0, text));
}

/** The schema's and the syntax's problems of a parsed test file. */
export async function testFileDiagnostics(document: AslDocument): Promise<Diagnostic[]> {
  const diagnostics = await jsonService.doValidation(document.textDocument, document.json, { schemaValidation: 'error', comments: 'error', trailingCommas: 'error' }, testFileSchema as JSONSchema);
  const errors = diagnostics.filter((diagnostic) => (diagnostic.severity ?? DiagnosticSeverity.Error) === DiagnosticSeverity.Error);
  if (!errors.length && document.value === undefined) errors.push({ range: START, message: 'The test file is empty.', severity: DiagnosticSeverity.Error });
  return errors;
}

/** The tests of a test file's text and the definition they test, for the Test Explorer (nothing runs). */
export function testFileOutline(file: string, text: string): TestFileOutline {
  const document = parseTestFile(file, text);
  const spec = document.value as Partial<TestFileSpec> | undefined;
  if (!spec || typeof spec !== 'object' || !spec.tests || typeof spec.tests !== 'object') return { tests: [] };
  return {
    definition: typeof spec.stateMachine === 'string' || spec.stateMachine === undefined ? definitionOf(file, spec) : undefined,
    tests: Object.keys(spec.tests).map((name) => ({ name, range: rangeOfPath(document, ['tests', name], 'key') })),
  };
}

/**
 * The definition file a test file tests: `stateMachine` (without the `#Id` naming a machine of a
 * template), else the sibling `<name>.asl.json|yaml|yml`.
 */
export function definitionOf(file: string, spec: Pick<TestFileSpec, 'stateMachine'>): string {
  if (spec.stateMachine !== undefined) return path.resolve(path.dirname(file), templateMachineOf(spec.stateMachine).file);
  const base = file.replace(TEST_FILE, '');
  const sibling = ['.asl.json', '.asl.yaml', '.asl.yml'].map((extension) => base + extension).find((candidate) => fs.existsSync(candidate));
  return sibling ?? `${base}.asl.json`;
}

/** `template.yaml#OrderMachine`: the template and the machine's id in it (the id a template's machine URI has). */
export function templateMachineOf(stateMachine: string): { file: string; id?: string } {
  const hash = stateMachine.lastIndexOf('#');
  return hash < 0 ? { file: stateMachine } : { file: stateMachine.slice(0, hash), id: stateMachine.slice(hash + 1) };
}

/** The MockConfigFile of a test file: `mockConfig`, else the sibling `<name>.mock.json` when there is one. */
export function mockConfigOf(file: string, spec: Pick<TestFileSpec, 'mockConfig'>): string | undefined {
  if (spec.mockConfig !== undefined) return path.resolve(path.dirname(file), spec.mockConfig);
  const sibling = file.replace(TEST_FILE, '.mock.json');
  return fs.existsSync(sibling) ? sibling : undefined;
}

/** The state machine name executions get (the definition file's name), by which a MockConfigFile is looked up. */
export function stateMachineNameOf(definition: string): string {
  return path.basename(definition).replace(/\.(asl\.)?(json|ya?ml)$/i, '');
}

function located(document: AslDocument, failure: ExpectationFailure): LocatedProblem {
  return { ...failure, range: rangeOfPath(document, failure.at as JsonPath, 'key') };
}

function contains(outer: Range, inner: Range): boolean {
  const before = (a: Range['start'], b: Range['start']) => a.line < b.line || (a.line === b.line && a.character <= b.character);
  return before(outer.start, inner.start) && before(inner.end, outer.end);
}

/** Runs a test file's tests (those the options select). */
export async function runTestFile({ file, names }: TestFileJob, options: TestRunOptions = {}, onStateWork?: StartOptions['onStateWork']): Promise<TestFileResult> {
  file = path.resolve(file);
  const result: TestFileResult = { file, problems: [], tests: [] };
  let document: AslDocument;
  try {
    document = parseTestFile(file, readTextFile(file, 'test file'));
  } catch (error) {
    result.problems.push({ message: (error as Error).message, at: [], range: START });
    return result;
  }
  const problem = (message: string, at: JsonPath) => located(document, { message, at });
  const diagnostics = await testFileDiagnostics(document);
  const spec = document.value as TestFileSpec;
  const testNames = spec && typeof spec === 'object' && spec.tests && typeof spec.tests === 'object' ? Object.keys(spec.tests) : [];
  // A schema problem inside a test is that test's; any other, and any syntax error (they have a code), stops the file.
  const testRanges = new Map(testNames.map((name) => [name, rangeOfPath(document, ['tests', name])]));
  const testProblems = new Map<string, LocatedProblem[]>();
  for (const diagnostic of diagnostics) {
    const owner = diagnostic.code === undefined ? testNames.find((name) => contains(testRanges.get(name)!, diagnostic.range)) : undefined;
    const located: LocatedProblem = { message: typeof diagnostic.message === 'string' ? diagnostic.message : diagnostic.message.value, at: owner === undefined ? [] : ['tests', owner], range: diagnostic.range };
    if (owner === undefined) result.problems.push(located);
    else testProblems.set(owner, [...testProblems.get(owner) ?? [], located]);
  }
  if (result.problems.length) return result;

  const definitionFile = definitionOf(file, spec);
  result.definition = definitionFile;
  const definitionAt = spec.stateMachine === undefined ? [] : ['stateMachine'];
  if (!fs.existsSync(definitionFile)) {
    result.problems.push(problem(`The state machine ${path.relative(path.dirname(file), definitionFile)} does not exist${spec.stateMachine === undefined ? ' (name it with "stateMachine")' : ''}.`, definitionAt));
    return result;
  }
  let analysis: Analysis & { machineId?: string };
  try {
    analysis = analyzeDefinitionFile(definitionFile, {}, spec.stateMachine === undefined ? undefined : templateMachineOf(spec.stateMachine).id);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    result.problems.push(problem(error.message, definitionAt));
    return result;
  }
  const compiled = await analysis.compiled();
  if (!('machine' in compiled)) {
    const shown = path.relative(path.dirname(file), definitionFile);
    result.problems.push(problem(`The state machine is invalid:\n${compiled.errors.map((error) => formatDiagnostic(shown, error)).join('')}`, definitionAt));
    return result;
  }
  let mockConfig: MockConfigFile | undefined;
  const mockConfigFile = mockConfigOf(file, spec);
  try {
    mockConfig = mockConfigFile === undefined ? undefined : readJsonFile(mockConfigFile, 'mock config') as MockConfigFile;
  } catch (error) {
    result.problems.push(problem((error as Error).message, ['mockConfig']));
    return result;
  }
  // A template's machine is named by its id, in executions and MockConfigFiles alike (as `run --state-machine`).
  const stateMachineName = analysis.machineId ?? stateMachineNameOf(definitionFile);
  const mockMachine = spec.mockStateMachine ?? (mockConfig?.StateMachines && Object.hasOwn(mockConfig.StateMachines, stateMachineName) ? stateMachineName : undefined);
  const coverage = options.coverage ? fileCoverage(definitionFile, analysis) : undefined;
  result.coverage = coverage;

  /** The snapshots to write, by test name. */
  const snapshots = new Map<string, unknown>();
  for (const name of testNames) {
    const test = spec.tests[name];
    const at = ['tests', name];
    const range = rangeOfPath(document, at, 'key');
    if (names && !names.includes(name)) continue;
    if (options.grep !== undefined && !name.includes(options.grep)) continue;
    if (test?.skip) {
      result.tests.push({ name, outcome: 'skipped', range, failures: [], durationMs: 0 });
      continue;
    }
    const started = performance.now();
    const failures = testProblems.get(name) ?? [];
    let execution: TestResult['execution'];
    if (!failures.length) {
      try {
        const run = await runTest(test, { file, spec, mockConfig, mockMachine, stateMachineName, machine: compiled.machine, onStateWork });
        execution = run.execution;
        const observed = observe(analysis.value, run.result, run.taskInputs, run.branches);
        let expect = test.expect ?? {};
        if (options.updateSnapshots && 'snapshot' in expect) {
          expect = { ...expect, snapshot: updatedSnapshot(expect.snapshot, observed) };
          snapshots.set(name, expect.snapshot);
        }
        failures.push(...checkExpectations(expect, observed, at).map((failure) => located(document, failure)));
        if (coverage) addExecution(coverage.hits, run.result.events, run.branches);
        if (failures.length && options.failedHistories !== undefined) {
          const definitionUri = pathToFileURL(definitionFile).href;
          const shownUri = analysis.machineId === undefined ? definitionUri : machineUri(definitionUri, analysis.machineId);
          const source = { uri: shownUri, text: readTextFile(definitionFile, 'definition') };
          execution = { ...execution, history: writeHistory(options.failedHistories, run.result, source, stateMachineName) };
        }
      } catch (error) {
        if (error instanceof TestSetupError) failures.push(problem(error.message, [...at, ...error.at]));
        else if (error instanceof UsageError) failures.push(problem(error.message, at));
        else throw error;
      }
    }
    result.tests.push({ name, outcome: failures.length ? 'failed' : 'passed', range, failures, durationMs: performance.now() - started, execution });
  }
  if (snapshots.size) {
    writeSnapshots(file, document, snapshots);
    result.snapshotsWritten = snapshots.size;
  }
  return result;
}

/** Writes snapshots into a test file, the rest of its text as written (JSON with its indentation, YAML with its comments). */
function writeSnapshots(file: string, document: AslDocument, snapshots: ReadonlyMap<string, unknown>): void {
  const text = document.textDocument.getText();
  let written: string;
  if (/\.ya?ml$/i.test(file)) {
    const yaml = parseYamlDocument(text);
    for (const [name, snapshot] of snapshots) yaml.setIn(['tests', name, 'expect', 'snapshot'], yaml.createNode(snapshot));
    written = yaml.toString();
  } else {
    written = text;
    for (const [name, snapshot] of snapshots) written = setJsonValue(written, ['tests', name, 'expect', 'snapshot'], snapshot);
  }
  fs.writeFileSync(file, written);
}

/** A test that cannot run as written; `at` is the key of the test at fault. */
class TestSetupError extends Error {
  constructor(readonly at: JsonPath, message: string) {
    super(message);
  }
}

interface TestContext {
  file: string;
  spec: TestFileSpec;
  mockConfig?: MockConfigFile;
  mockMachine?: string;
  stateMachineName: string;
  machine: Pick<CompiledStateMachine, 'start'>;
  onStateWork?: StartOptions['onStateWork'];
}

async function runTest(test: TestSpec, context: TestContext) {
  const { file, spec, mockConfig, mockMachine, stateMachineName, machine, onStateWork } = context;
  const resolvers: TaskResolver[] = [];
  if (test.mocks) {
    // The inline mocks, as a MockConfigFile of their own: each state its own response.
    const inline: MockConfigFile = {
      StateMachines: { Inline: { TestCases: { Inline: Object.fromEntries(Object.keys(test.mocks).map((state) => [state, state])) } } },
      MockedResponses: test.mocks,
    };
    resolvers.push(mockConfigResolver(inline, 'Inline', 'Inline'));
  }
  if (test.testCase !== undefined) {
    if (!mockConfig) throw new TestSetupError(['testCase'], `There is no MockConfigFile to take the test case '${test.testCase}' from: name one with "mockConfig" or put ${path.basename(file.replace(TEST_FILE, '.mock.json'))} beside the test file.`);
    try {
      resolvers.push(mockSelection(mockConfig, mockMachine, test.testCase).resolver);
    } catch (error) {
      if (error instanceof UsageError) throw new TestSetupError(['testCase'], error.message.replace('--state-machine is needed', '"mockStateMachine" is needed'));
      throw error;
    }
  }
  const handlers = { ...spec.handlers, ...test.handlers };
  if (Object.keys(handlers).length) resolvers.push(localHandlerResolver(handlers, path.dirname(file)));
  const startTime = test.startTime ?? spec.startTime;
  const branches: TakenBranch[] = [];
  const run = await runToEnd(machine, {
    input: test.input ?? {}, name: test.executionName, stateMachineName, clock: 'virtual', taskResolvers: resolvers,
    startTime: startTime === undefined ? undefined : parseStartTime(startTime), onStateWork, onBranch: (branch) => branches.push(branch),
  });
  const { status, output, error, cause } = run.result;
  return { ...run, branches, execution: { status, output, error, cause } };
}

/** Writes a failed test's execution as a local run's is written, for its execution view. */
function writeHistory(root: string, result: ExecutionResult, definition: SourceText, stateMachineName: string): WrittenHistory {
  const folder = randomUUID();
  const writer = new HistoryWriter(path.join(root, folder));
  const { events, ...outcome } = result;
  for (const event of events) writer.write(event);
  return { folder, definition, stateMachineName, outcome, historyError: writer.close() };
}

/** The coverage targets of a definition, on the lines of its text. */
function fileCoverage(file: string, analysis: Analysis): FileCoverage {
  const targets = coverageTargets(analysis.value);
  const lineOf = (at: JsonPath) => analysis.locate(at).start.line + 1;
  return {
    file,
    targets,
    lines: {
      states: Object.fromEntries(targets.states.map((state) => [state.name, lineOf(state.path)])),
      branches: Object.fromEntries(targets.branches.map((branch) => [branch.key, lineOf(branch.path)])),
    },
    hits: emptyHits(),
  };
}
