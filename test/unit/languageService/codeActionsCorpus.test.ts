// Every code action on every definition of the recorded AWS corpus, in JSON and in YAML: applied,
// it adds no error, and "Convert to JSONata" runs every case of the definition to the outcome the
// original has. The same for every quick fix on the definitions with a typo put in. The clock is
// frozen so that no outcome depends on when the test runs.
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { caseFiles } from '../corpus';
import { isDeepStrictEqual } from 'node:util';
import { mock, test } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { CodeAction, CodeActionKind, Diagnostic, DiagnosticSeverity } from 'vscode-languageserver-types';
import { stringify } from 'yaml';
import { definitionProblem, runToEnd, taskResolvers } from '../../../server/src/cli/execution';
import type { MockConfigFile } from '../../../server/src/core/interpreter/tasks/mockConfig';
import { compileStateMachine } from '../../../server/src/core/interpreter';
import type { AslDocument } from '../../../server/src/languageService/aslDocument';
import { parse, service } from './editingFixtures';

const CORPUS = process.env.ASL_CONFORMANCE_DIR ?? '/work/shared/conformance/localstack';
/** Any fixed instant: the recordings' time, unless a case pins its own. */
const FROZEN_TIME = '2026-03-23T00:00:00.000Z';

interface Case {
  name: string;
  definition: unknown;
  validation?: { valid: boolean };
  input?: unknown;
  startTime?: string;
  mockConfig?: MockConfigFile;
  expected?: unknown;
}

interface CorpusDefinition { name: string; definition: unknown; valid: boolean; runs: Case[] }

/** The corpus's definitions, each with the cases that execute it. */
function definitions(): CorpusDefinition[] {
  const byText = new Map<string, CorpusDefinition>();
  for (const file of existsSync(CORPUS) ? caseFiles(CORPUS) : []) {
    const testCase = JSON.parse(readFileSync(file, 'utf8')) as Case;
    const key = JSON.stringify(testCase.definition);
    const valid = testCase.validation?.valid !== false;
    const entry = byText.get(key) ?? byText.set(key, { name: testCase.name, definition: testCase.definition, valid, runs: [] }).get(key)!;
    if (testCase.expected !== undefined) entry.runs.push(testCase);
  }
  return [...byText.values()];
}

const corpus = definitions();

function applied(document: AslDocument, action: CodeAction): string {
  return TextDocument.applyEdits(document.textDocument, action.edit?.changes?.[document.textDocument.uri] ?? []);
}

const messageOf = (diagnostic: Diagnostic) => (typeof diagnostic.message === 'string' ? diagnostic.message : diagnostic.message.value);

async function errorMessages(document: AslDocument): Promise<string[]> {
  return (await service.doValidation(document)).filter((diagnostic) => diagnostic.severity === DiagnosticSeverity.Error).map(messageOf);
}

/** The errors of `after` that `before` did not have (as many times as they repeat). */
function newErrors(before: string[], after: string[]): string[] {
  const remaining = [...before];
  return after.filter((message) => {
    const index = remaining.indexOf(message);
    if (index < 0) return true;
    remaining.splice(index, 1);
    return false;
  });
}

/** Equal as JSON values: key order and prototypes do not count. */
function sameJson(a: unknown, b: unknown): boolean {
  return isDeepStrictEqual(JSON.parse(JSON.stringify(a) ?? 'null'), JSON.parse(JSON.stringify(b) ?? 'null'));
}

/** Every code action offered on the document: the fixes of each diagnostic and the rewrites at each state. */
function codeActions(document: AslDocument, diagnostics: Diagnostic[]): CodeAction[] {
  const fixes = diagnostics.flatMap((diagnostic) => service.doCodeActions(document, diagnostic.range, [diagnostic]).filter((action) => action.kind === CodeActionKind.QuickFix));
  const rewrites = document.states.flatMap((state) => {
    const at = document.textDocument.positionAt(state.property.keyNode.offset);
    return service.doCodeActions(document, { start: at, end: at }, []).filter((action) => action.kind === CodeActionKind.RefactorRewrite);
  });
  return [...fixes, ...rewrites];
}

interface Outcome { status?: string; output?: unknown; error?: string; cause?: string }

/** "An error occurred while executing the state 'S' (entered at the event id #2)." */
const failedState = (cause: string | undefined) => /^An error occurred while executing the state '.*?' \(entered at the event id #\d+\)\./s.exec(cause ?? '')?.[0];

/**
 * Whether the converted machine did what the original did. The one difference no conversion can
 * remove: a path that selects nothing fails with States.Runtime in JSONPath and with
 * States.QueryEvaluationError in JSONata (in the same state).
 */
function sameOutcome(original: Outcome, converted: Outcome): boolean {
  if (sameJson(original, converted)) return true;
  return original.error === 'States.Runtime' && converted.error === 'States.QueryEvaluationError'
    && failedState(original.cause) !== undefined && failedState(original.cause) === failedState(converted.cause);
}

async function outcome(definition: unknown, testCase: Case): Promise<Outcome> {
  let machine;
  try {
    machine = compileStateMachine(definition);
  } catch (error) {
    const problem = definitionProblem(error);
    if (!problem) throw error;
    return problem;
  }
  mock.timers.setTime(Date.parse(testCase.startTime ?? FROZEN_TIME));
  const taskResolversOfCase = testCase.mockConfig ? taskResolvers({ mockConfig: testCase.mockConfig, stateMachine: 'Case', testCase: 'Default' }) : [];
  const { result } = await runToEnd(machine, { input: testCase.input ?? {}, name: 'Case', stateMachineName: 'Case', taskResolvers: taskResolversOfCase });
  return { status: result.status, output: result.output, error: result.error, cause: result.cause };
}

/** A machine with random parts (States.UUID, $random) is compared on how it ended, not on its output. */
async function originalOutcome(definition: unknown, testCase: Case): Promise<{ original: Outcome; deterministic: boolean }> {
  const original = await outcome(definition, testCase);
  return { original, deterministic: sameJson(await outcome(definition, testCase), original) };
}

test('every code action on every corpus definition adds no error, and Convert to JSONata keeps every outcome', async () => {
  assert.ok(corpus.length > 400, `expected the corpus at ${CORPUS}`);
  mock.timers.enable({ apis: ['Date'], now: Date.parse(FROZEN_TIME) });
  const addingErrors: string[] = [];
  const changingOutcomes: string[] = [];
  const yamlDiffering: string[] = [];
  const originals = new Map<Case, { original: Outcome; deterministic: boolean }>();
  let applications = 0;
  try {
    for (const { name, definition, runs } of corpus) {
      const document = parse(JSON.stringify(definition, null, 2));
      const diagnostics = await service.doValidation(document);
      const before = diagnostics.filter((diagnostic) => diagnostic.severity === DiagnosticSeverity.Error).map(messageOf);
      const yamlDocument = parse(stringify(definition), 'asl-yaml');
      const yamlActions = codeActions(yamlDocument, await service.doValidation(yamlDocument));
      for (const action of codeActions(document, diagnostics)) {
        applications++;
        const text = applied(document, action);
        const added = newErrors(before, await errorMessages(parse(text)));
        if (added.length > 0) addingErrors.push(`${name}: ${action.title}: ${added.join('; ')}`);
        // Each YAML action stands for one JSON action, even where two have the same title.
        const index = yamlActions.findIndex((candidate) => candidate.title === action.title);
        const yamlAction = index < 0 ? undefined : yamlActions.splice(index, 1)[0];
        const yamlValue = yamlAction && parse(applied(yamlDocument, yamlAction), 'asl-yaml').value;
        if (!yamlAction || !sameJson(yamlValue, JSON.parse(text))) yamlDiffering.push(`${name}: ${action.title}`);
        if (action.kind !== CodeActionKind.RefactorRewrite) continue;
        for (const testCase of runs) {
          const { original, deterministic } = originals.get(testCase) ?? await originalOutcome(definition, testCase);
          originals.set(testCase, { original, deterministic });
          const converted = await outcome(JSON.parse(text), testCase);
          if (deterministic ? !sameOutcome(original, converted) : original.status !== converted.status || original.error !== converted.error) {
            changingOutcomes.push(`${testCase.name}: ${action.title}: ${JSON.stringify(original)} became ${JSON.stringify(converted)}`);
          }
        }
      }
    }
  } finally {
    mock.timers.reset();
  }
  assert.ok(applications > 100, `only ${applications} code actions were offered`);
  assert.deepEqual(addingErrors, []);
  assert.deepEqual(changingOutcomes, []);
  assert.deepEqual(yamlDiffering, []);
});

type Definition = { StartAt: string; States: Record<string, Record<string, unknown>> };

/** A typo: the third character dropped (or an `x` added to a short word). */
const misspelled = (word: string) => (word.length > 3 ? word.slice(0, 2) + word.slice(3) : `${word}x`);

/** The definition with one typo or slip per variant: in a state's Type, a field name, a Next target, its Resource; a Next left out or replaced by End false. */
function withTypos(definition: Definition): Definition[] {
  const variants: Definition[] = [];
  const variant = (name: string, change: (state: Record<string, unknown>) => Record<string, unknown>) => {
    const copy = JSON.parse(JSON.stringify(definition)) as Definition;
    copy.States[name] = change(copy.States[name]);
    variants.push(copy);
  };
  for (const [name, state] of Object.entries(definition.States)) {
    variant(name, (copy) => ({ ...copy, Type: misspelled(String(state.Type)) }));
    for (const field of Object.keys(state).filter((key) => key !== 'Type')) {
      variant(name, (copy) => Object.fromEntries(Object.entries(copy).map(([key, value]) => [key === field ? misspelled(key) : key, value])));
    }
    if (typeof state.Next === 'string') {
      variant(name, (copy) => ({ ...copy, Next: misspelled(state.Next as string) }));
      variant(name, ({ Next: _next, ...rest }) => rest);
      variant(name, ({ Next: _next, ...rest }) => ({ ...rest, End: false }));
    }
    const resource = state.Resource;
    if (typeof resource === 'string') variant(name, (copy) => ({ ...copy, Resource: resource.slice(0, -1) }));
  }
  return variants;
}

/** The error messages, without their did-you-mean (a fix may change what the closest name is). */
async function errorsWithoutSuggestions(document: AslDocument): Promise<string[]> {
  return (await errorMessages(document)).map((message) => message.replace(/ \(did you mean '[^']*'\?\)/, ''));
}

test('every quick fix on the corpus definitions with a typo put in adds no error, in JSON and in YAML', async () => {
  const addingErrors: string[] = [];
  let applications = 0;
  for (const { name, definition } of corpus.filter((entry) => entry.valid)) {
    for (const variant of withTypos(definition as Definition)) {
      for (const document of [parse(JSON.stringify(variant, null, 2)), parse(stringify(variant), 'asl-yaml')]) {
        const diagnostics = await service.doValidation(document);
        const before = await errorsWithoutSuggestions(document);
        for (const action of diagnostics.flatMap((diagnostic) => service.doCodeActions(document, diagnostic.range, [diagnostic]).filter((candidate) => candidate.kind === CodeActionKind.QuickFix))) {
          applications++;
          const after = parse(applied(document, action), document.textDocument.languageId);
          const added = newErrors(before, await errorsWithoutSuggestions(after));
          if (added.length > 0) addingErrors.push(`${name} (${document.textDocument.languageId}): ${action.title}: ${added.join('; ')}`);
        }
      }
    }
  }
  assert.ok(applications > 5000, `only ${applications} quick fixes were offered`);
  assert.deepEqual(addingErrors, []);
});
