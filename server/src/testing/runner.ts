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
import { parseDocument as parseYamlDocument } from '../core/yaml';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { DiagnosticSeverity, type Diagnostic, type Range } from 'vscode-languageserver-types';
import type { CompiledStateMachine, ExecutionResult, StartOptions, TakenBranch, TaskResolver } from '../core/interpreter';
import { mockConfigResolver, type MockConfigFile } from '../core/interpreter/tasks/mockConfig';
import { localHandlerResolver } from '../core/interpreter/tasks/localHandlers';
import { checkExpectations, observe, updatedSnapshot, type ExpectationFailure, type TestFileSpec } from '../core/testing/expectations';
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
  // The language service's own document validates against a schema.
  const { root, syntaxErrors, comments } = document.json;
  const json = jsonService.newJSONDocument(root, syntaxErrors, comments);
  const diagnostics = await jsonService.doValidation(document.textDocument, json, { schemaValidation: 'error', comments: 'error', trailingCommas: 'error' }, testFileSchema as JSONSchema);
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

/** A test file ready to run its tests: the definition analysed and compiled, the MockConfigFile read. */
export interface PreparedTestFile {
  file: string;
  document: AslDocument;
  spec: TestFileSpec;
  testNames: string[];
  /** The schema's problems inside a test, by test: that test fails without running. */
  testProblems: Map<string, LocatedProblem[]>;
  definitionFile: string;
  /** For a machine inside a template, with its id. */
  analysis: Analysis & { machineId?: string };
  machine: Pick<CompiledStateMachine, 'start'>;
  mockConfig?: MockConfigFile;
  mockMachine?: string;
  stateMachineName: string;
}

/** Reads, checks and resolves a test file; the problems of the whole file when none of its tests can run. */
export async function prepareTestFile(file: string): Promise<{ prepared: PreparedTestFile } | { problems: LocatedProblem[]; definition?: string }> {
  file = path.resolve(file);
  let document: AslDocument;
  try {
    document = parseTestFile(file, readTextFile(file, 'test file'));
  } catch (error) {
    return { problems: [{ message: (error as Error).message, at: [], range: START }] };
  }
  const problem = (message: string, at: JsonPath) => located(document, { message, at });
  const diagnostics = await testFileDiagnostics(document);
  const spec = document.value as TestFileSpec;
  const testNames = spec && typeof spec === 'object' && spec.tests && typeof spec.tests === 'object' ? Object.keys(spec.tests) : [];
  // A schema problem inside a test is that test's; any other, and any syntax error (they have a code), stops the file.
  const testRanges = new Map(testNames.map((name) => [name, rangeOfPath(document, ['tests', name])]));
  const testProblems = new Map<string, LocatedProblem[]>();
  const problems: LocatedProblem[] = [];
  for (const diagnostic of diagnostics) {
    const owner = diagnostic.code === undefined ? testNames.find((name) => contains(testRanges.get(name)!, diagnostic.range)) : undefined;
    const located: LocatedProblem = { message: typeof diagnostic.message === 'string' ? diagnostic.message : diagnostic.message.value, at: owner === undefined ? [] : ['tests', owner], range: diagnostic.range };
    if (owner === undefined) problems.push(located);
    else testProblems.set(owner, [...testProblems.get(owner) ?? [], located]);
  }
  if (problems.length) return { problems };

  const definitionFile = definitionOf(file, spec);
  const definitionAt = spec.stateMachine === undefined ? [] : ['stateMachine'];
  const failed = (message: string, at: JsonPath = definitionAt) => ({ problems: [problem(message, at)], definition: definitionFile });
  if (!fs.existsSync(definitionFile)) {
    return failed(`The state machine ${path.relative(path.dirname(file), definitionFile)} does not exist${spec.stateMachine === undefined ? ' (name it with "stateMachine")' : ''}.`);
  }
  let analysis: Analysis & { machineId?: string };
  try {
    analysis = analyzeDefinitionFile(definitionFile, {}, spec.stateMachine === undefined ? undefined : templateMachineOf(spec.stateMachine).id);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    return failed(error.message);
  }
  const compiled = await analysis.compiled();
  if (!('machine' in compiled)) {
    const shown = path.relative(path.dirname(file), definitionFile);
    return failed(`The state machine is invalid:\n${compiled.errors.map((error) => formatDiagnostic(shown, error)).join('')}`);
  }
  let mockConfig: MockConfigFile | undefined;
  const mockConfigFile = mockConfigOf(file, spec);
  try {
    mockConfig = mockConfigFile === undefined ? undefined : readJsonFile(mockConfigFile, 'mock config') as MockConfigFile;
  } catch (error) {
    return failed((error as Error).message, ['mockConfig']);
  }
  // A template's machine is named by its id, in executions and MockConfigFiles alike (as `run --state-machine`).
  const stateMachineName = analysis.machineId ?? stateMachineNameOf(definitionFile);
  const mockMachine = spec.mockStateMachine ?? (mockConfig?.StateMachines && Object.hasOwn(mockConfig.StateMachines, stateMachineName) ? stateMachineName : undefined);
  return { prepared: { file, document, spec, testNames, testProblems, definitionFile, analysis, machine: compiled.machine, mockConfig, mockMachine, stateMachineName } };
}

/** Runs a test file's tests (those the options select). */
export async function runTestFile({ file, names }: TestFileJob, options: TestRunOptions = {}, onStateWork?: StartOptions['onStateWork']): Promise<TestFileResult> {
  file = path.resolve(file);
  const result: TestFileResult = { file, problems: [], tests: [] };
  const preparation = await prepareTestFile(file);
  if (!('prepared' in preparation)) return { ...result, problems: preparation.problems, definition: preparation.definition };
  const prepared = preparation.prepared;
  const { document, spec, analysis } = prepared;
  result.definition = prepared.definitionFile;
  const coverage = options.coverage ? fileCoverage(prepared.definitionFile, analysis) : undefined;
  result.coverage = coverage;

  /** The snapshots to write, by test name. */
  const snapshots = new Map<string, unknown>();
  for (const name of prepared.testNames) {
    const test = spec.tests[name];
    const range = rangeOfPath(document, ['tests', name], 'key');
    if (names && !names.includes(name)) continue;
    if (options.grep !== undefined && !name.includes(options.grep)) continue;
    if (test?.skip) {
      result.tests.push({ name, outcome: 'skipped', range, failures: [], durationMs: 0 });
      continue;
    }
    const started = performance.now();
    const failures = [...prepared.testProblems.get(name) ?? []];
    let execution: TestResult['execution'];
    if (!failures.length) {
      try {
        const branches: TakenBranch[] = [];
        const run = await runToEnd(prepared.machine, { ...testStartOptions(prepared, name), onStateWork, onBranch: (branch) => branches.push(branch) });
        const { status, output, error, cause } = run.result;
        execution = { status, output, error, cause };
        failures.push(...testFailures(prepared, name, run.result, run.taskInputs, branches, options.updateSnapshots ? snapshots : undefined));
        if (coverage) addExecution(coverage.hits, run.result.events, branches);
        if (failures.length && options.failedHistories !== undefined) {
          const definitionUri = pathToFileURL(prepared.definitionFile).href;
          const shownUri = analysis.machineId === undefined ? definitionUri : machineUri(definitionUri, analysis.machineId);
          const source = { uri: shownUri, text: readTextFile(prepared.definitionFile, 'definition') };
          execution = { ...execution, history: writeHistory(options.failedHistories, run.result, source, prepared.stateMachineName) };
        }
      } catch (error) {
        if (error instanceof TestSetupError) failures.push(error.located(prepared, name));
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
export class TestSetupError extends Error {
  constructor(readonly at: JsonPath, message: string) {
    super(message);
  }

  /** The problem where it is written in the test file. */
  located(prepared: PreparedTestFile, name: string): LocatedProblem {
    return located(prepared.document, { message: this.message, at: ['tests', name, ...this.at] });
  }
}

/** How a test's execution starts: its input, start time, and the Task resolvers of its mocks, test case and handlers (TestSetupError when it cannot). */
export function testStartOptions(prepared: PreparedTestFile, name: string): StartOptions {
  const { file, spec, mockConfig, mockMachine, stateMachineName } = prepared;
  const test = spec.tests[name];
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
  try {
    return {
      input: test.input ?? {}, name: test.executionName, stateMachineName, clock: 'virtual', taskResolvers: resolvers,
      startTime: startTime === undefined ? undefined : parseStartTime(startTime),
    };
  } catch (error) {
    if (error instanceof UsageError) throw new TestSetupError([], error.message);
    throw error;
  }
}

/**
 * The expectations of a test its execution did not meet, where they are written. Given `snapshots`,
 * the test's snapshot is taken from this execution (and kept there, to be written) before checking.
 */
export function testFailures(
  prepared: PreparedTestFile, name: string, result: ExecutionResult, taskInputs: Record<string, unknown[]>, branches: readonly TakenBranch[], snapshots?: Map<string, unknown>,
): LocatedProblem[] {
  const observed = observe(prepared.analysis.value, result, taskInputs, branches);
  let expect = prepared.spec.tests[name].expect ?? {};
  if (snapshots && 'snapshot' in expect) {
    expect = { ...expect, snapshot: updatedSnapshot(expect.snapshot, observed) };
    snapshots.set(name, expect.snapshot);
  }
  return checkExpectations(expect, observed, ['tests', name]).map((failure) => located(prepared.document, failure));
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
