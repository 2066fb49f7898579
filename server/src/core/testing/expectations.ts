// What a test expects of an execution, checked against what the execution did. Expected values
// may hold matchers for what varies from run to run: {"$any": true}, {"$type": "uuid"},
// {"$match": "^order-"}. A failure says where the expectation is written (a path into the test)
// and gives expected and actual as texts to diff, the actual shown through the expected's matchers
// so that only real differences differ.
import type { ExecutionResult, TakenBranch } from '../interpreter/api';

export type TestPath = (string | number)[];

/** One test of a test file (schemas/asl-test.schema.json documents each key). */
export interface TestSpec {
  description?: string;
  input?: unknown;
  testCase?: string;
  mocks?: Record<string, Record<string, { Return?: unknown; Throw?: { Error: string; Cause?: string } }>>;
  handlers?: Record<string, string>;
  startTime?: string;
  executionName?: string;
  skip?: boolean;
  expect?: Expectations;
}

export interface Expectations {
  status?: string;
  output?: unknown;
  outputContains?: unknown;
  error?: unknown;
  cause?: unknown;
  path?: string[];
  states?: Record<string, StateExpectations>;
  /** The recorded outcome (see snapshotOf); `true` until `test --update-snapshots` records it. */
  snapshot?: unknown;
}

export interface StateExpectations {
  entered?: number;
  calls?: number;
  retries?: number;
  input?: unknown;
  output?: unknown;
}

export interface TestFileSpec {
  stateMachine?: string;
  mockConfig?: string;
  mockStateMachine?: string;
  handlers?: Record<string, string>;
  startTime?: string;
  tests: Record<string, TestSpec>;
}

/** An expectation not met: where it is written in the test, and both sides as pretty JSON. */
export interface ExpectationFailure {
  message: string;
  /** Path into the test file's value. */
  at: TestPath;
  expected?: string;
  actual?: string;
}

/** What one state did in an execution. */
export interface StateObservation {
  entered: number;
  calls: number;
  retries: number;
  input?: unknown;
  output?: unknown;
}

/** What an execution did, as the expectations read it. */
export interface Observation {
  status: string;
  output?: unknown;
  error?: string;
  cause?: string;
  /** The top-level states entered, in order. */
  path: string[];
  states: Record<string, StateObservation>;
}

const parse = (text: unknown) => (typeof text === 'string' ? JSON.parse(text) : undefined);

/** Reads an execution's history, the inputs its Tasks were invoked with and the branches it took. */
export function observe(definition: unknown, result: ExecutionResult, taskInputs: Record<string, unknown[]>, branches: readonly TakenBranch[]): Observation {
  const topLevel = new Set(Object.keys((definition as { States?: object })?.States ?? {}));
  const states: Record<string, StateObservation> = {};
  const stateOf = (name: string) => (states[name] ??= { entered: 0, calls: 0, retries: 0 });
  const path: string[] = [];
  for (const event of result.events) {
    const entered = event.stateEnteredEventDetails as { name: string; input?: string } | undefined;
    if (entered) {
      const state = stateOf(entered.name);
      if (state.entered++ === 0) state.input = parse(entered.input);
      if (topLevel.has(entered.name)) path.push(entered.name);
    }
    const exited = event.stateExitedEventDetails as { name: string; output?: string } | undefined;
    if (exited && !('output' in stateOf(exited.name))) stateOf(exited.name).output = parse(exited.output);
  }
  for (const [name, inputs] of Object.entries(taskInputs)) stateOf(name).calls = inputs.length;
  for (const branch of branches) if (branch.kind === 'Retry') stateOf(branch.stateName).retries++;
  return { status: result.status, output: result.output, error: result.error, cause: result.cause, path, states };
}

/** The failures of a test's expectations; `at` is the test's path in its file. */
export function checkExpectations(expect: Expectations, observed: Observation, at: TestPath): ExpectationFailure[] {
  const failures: ExpectationFailure[] = [];
  const here = [...at, 'expect'];
  const check = (key: string, expected: unknown, actual: unknown, what: string, partial = false) => {
    const failure = compare(expected, actual, partial, [...here, key], what);
    if (failure) failures.push(failure);
  };
  if (expect.status !== undefined) {
    // An unexpected failure says why it failed.
    const why = observed.error === undefined ? '' : ` (${observed.error}${observed.cause === undefined ? '' : `: ${observed.cause}`})`;
    const failure = compare(expect.status, observed.status, false, [...here, 'status'], 'The status');
    if (failure) failures.push({ ...failure, message: failure.message + why });
  }
  if ('output' in expect) check('output', expect.output, observed.output, 'The output');
  if ('outputContains' in expect) check('outputContains', expect.outputContains, observed.output, 'The output', true);
  if (expect.error !== undefined) check('error', expect.error, observed.error, 'The error');
  if (expect.cause !== undefined) check('cause', expect.cause, observed.cause, 'The cause');
  if (expect.path !== undefined) check('path', expect.path, observed.path, 'The states entered');
  if (expect.snapshot === true) failures.push({ message: 'The snapshot is not recorded yet: run the tests with --update-snapshots', at: [...here, 'snapshot'] });
  else if ('snapshot' in expect) check('snapshot', expect.snapshot, snapshotOf(observed), 'The snapshot');
  for (const [name, expected] of Object.entries(expect.states ?? {})) {
    const state = observed.states[name] ?? { entered: 0, calls: 0, retries: 0 };
    for (const key of ['entered', 'calls', 'retries', 'input', 'output'] as const) {
      if (!(key in expected)) continue;
      const failure = state.entered === 0 && (key === 'input' || key === 'output')
        ? { message: `The state '${name}' was never entered`, at: [...here, 'states', name, key] }
        : compare(expected[key], state[key], false, [...here, 'states', name, key], `The ${key} of the state '${name}'`);
      if (failure) failures.push(failure);
    }
  }
  return failures;
}

/** What a snapshot records of an execution: how it ended and the top-level states it went through. */
export function snapshotOf(observed: Observation): Record<string, unknown> {
  const { status, output, error, cause, path } = observed;
  return Object.fromEntries(Object.entries({ status, output, error, cause, path }).filter(([, value]) => value !== undefined));
}

/** The snapshot to record: the execution's, keeping the matchers of the recorded one that still accept. */
export function updatedSnapshot(recorded: unknown, observed: Observation): unknown {
  return throughMatchers(recorded, snapshotOf(observed), false);
}

function compare(expected: unknown, actual: unknown, partial: boolean, at: TestPath, what: string): ExpectationFailure | undefined {
  const shown = throughMatchers(expected, actual, partial);
  const expectedText = pretty(expected);
  const actualText = pretty(shown);
  if (expectedText === actualText) return undefined;
  const differs = actual === undefined ? 'is absent' : partial ? 'does not contain what is expected' : 'differs';
  return { message: `${what} ${differs}`, at, expected: expectedText, actual: actual === undefined ? '(absent)' : actualText };
}

export function pretty(value: unknown): string {
  return JSON.stringify(value, null, 2) ?? 'undefined';
}

const MATCHER_KEYS = new Set(['$any', '$type', '$match']);

function isMatcher(value: unknown): value is Record<string, unknown> {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return false;
  const keys = Object.keys(value);
  return keys.length === 1 && MATCHER_KEYS.has(keys[0]);
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const TIMESTAMP = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:?\d\d)$/;

function matcherAccepts(matcher: Record<string, unknown>, actual: unknown): boolean {
  if ('$any' in matcher) return actual !== undefined;
  if ('$match' in matcher) return typeof actual === 'string' && new RegExp(String(matcher.$match)).test(actual);
  switch (matcher.$type) {
    case 'null': return actual === null;
    case 'array': return Array.isArray(actual);
    case 'object': return !!actual && typeof actual === 'object' && !Array.isArray(actual);
    case 'integer': return Number.isInteger(actual);
    case 'uuid': return typeof actual === 'string' && UUID.test(actual);
    case 'timestamp': return typeof actual === 'string' && TIMESTAMP.test(actual) && !Number.isNaN(Date.parse(actual));
    default: return typeof actual === matcher.$type;
  }
}

/**
 * The actual value as the expected one reads it: where a matcher accepts, the matcher itself; in a
 * partial match, only the keys the expected object lists; object keys in the expected's order. Equal
 * texts then mean the expectation holds, and a diff of the texts shows only what differs.
 */
function throughMatchers(expected: unknown, actual: unknown, partial: boolean): unknown {
  if (isMatcher(expected)) return matcherAccepts(expected, actual) ? expected : actual;
  if (Array.isArray(expected) && Array.isArray(actual)) {
    return actual.map((item, index) => (index < expected.length ? throughMatchers(expected[index], item, partial) : item));
  }
  if (isPlainObject(expected) && isPlainObject(actual)) {
    const shown: Record<string, unknown> = {};
    for (const key of Object.keys(expected)) if (key in actual) shown[key] = throughMatchers(expected[key], actual[key], partial);
    if (!partial) for (const key of Object.keys(actual)) if (!(key in expected)) shown[key] = actual[key];
    return shown;
  }
  return actual;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return !!value && typeof value === 'object' && !Array.isArray(value);
}

/**
 * A line diff of two texts (longest common subsequence): lines of `expected` only are marked `-`,
 * of `actual` only `+`, common ones with a space.
 */
export function lineDiff(expected: string, actual: string): string[] {
  const a = expected.split('\n');
  const b = actual.split('\n');
  // Texts of thousands of lines: past this size the table would be large; show both whole instead.
  if (a.length * b.length > 4_000_000) return [...a.map((line) => `- ${line}`), ...b.map((line) => `+ ${line}`)];
  const lengths: Uint32Array[] = Array.from({ length: a.length + 1 }, () => new Uint32Array(b.length + 1));
  for (let i = a.length - 1; i >= 0; i--) {
    for (let j = b.length - 1; j >= 0; j--) {
      lengths[i][j] = a[i] === b[j] ? lengths[i + 1][j + 1] + 1 : Math.max(lengths[i + 1][j], lengths[i][j + 1]);
    }
  }
  const lines: string[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    if (i < a.length && j < b.length && a[i] === b[j]) {
      lines.push(`  ${a[i++]}`);
      j++;
    } else if (i < a.length && (j === b.length || lengths[i + 1][j] >= lengths[i][j + 1])) lines.push(`- ${a[i++]}`);
    else lines.push(`+ ${b[j++]}`);
  }
  return lines;
}
