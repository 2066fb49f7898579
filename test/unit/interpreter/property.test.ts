// Random definitions and inputs never crash the interpreter: compiling either succeeds or throws a
// located DefinitionError, and every execution ends with an ExecutionResult.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { compileStateMachine, DefinitionError } from '../../../server/src/core/interpreter/index';

const names = ['A', 'B', 'C', 'D'];
const json = fc.jsonValue({ maxDepth: 3 });
const path = fc.constantFrom('$', '$.a', '$.a.b', '$.items[0]', '$.items[*].id', '$$.State.Name', '$$.Map.Item.Value', '$x', '$.nope', '$..a');
const expression = fc.constantFrom('{% $states.input %}', '{% $states.input.a %}', '{% 1 + 1 %}', '{% [1,2] %}', '{% $x %}', '{% $partition([1,2,3], 2) %}', '{% true %}', '{% "2016-03-14T01:59:00Z" %}');
const next = fc.constantFrom(...names);
const errorNames = fc.constantFrom('States.ALL', 'States.TaskFailed', 'States.Timeout', 'Boom');

const dynamic = fc.oneof({ weight: 5, arbitrary: path }, { weight: 2, arbitrary: fc.constantFrom('States.Format(\'{}\', $.a)', 'States.MathAdd($.a, 1)', 'States.JsonToString($)') }, { weight: 1, arbitrary: fc.constantFrom('States.Array(1', 'States.Array($.a)') });
const template = fc.record({ v: json, 'w.$': dynamic, 'x.$': dynamic }, { requiredKeys: [] });

const common = fc.record({
  InputPath: fc.option(path, { nil: undefined }),
  OutputPath: fc.option(path, { nil: undefined }),
  ResultPath: fc.option(fc.oneof(path, fc.constant(null)), { nil: undefined }),
  Assign: fc.option(template, { nil: undefined }),
}, { requiredKeys: [] });

const outerTransition = fc.oneof(fc.record({ Next: next }), fc.constant({ End: true }));
/** Inside branches and item processors only A and B exist. */
const innerTransition = fc.oneof(fc.record({ Next: fc.constantFrom('A', 'B') }), fc.constant({ End: true }));

function subMachine(depth: number): fc.Arbitrary<Record<string, unknown>> {
  return fc.record({ StartAt: fc.constantFrom('A', 'B'), States: fc.record({ A: state(depth + 1), B: state(depth + 1) }) });
}

function state(depth: number): fc.Arbitrary<Record<string, unknown>> {
  const transition = depth === 0 ? outerTransition : innerTransition;
  const next = depth === 0 ? fc.constantFrom(...names) : fc.constantFrom('A', 'B');
  const leaf = [
    fc.tuple(common, transition, fc.option(json, { nil: undefined }), fc.option(template, { nil: undefined }))
      .map(([c, t, result, parameters]) => ({ Type: 'Pass', ...c, ...t, ...(result === undefined ? {} : { Result: result }), ...(parameters ? { Parameters: parameters } : {}) })),
    fc.tuple(common, transition, fc.constantFrom({ Seconds: 1 }, { SecondsPath: '$.a' }, { TimestampPath: '$.a' }, { Timestamp: '2016-03-14T01:59:00Z' }))
      .map(([c, t, wait]) => ({ Type: 'Wait', ...c, ...t, ...wait })),
    fc.record({ Type: fc.constant('Fail'), Error: fc.option(fc.string(), { nil: undefined }), CausePath: fc.option(path, { nil: undefined }) }, { requiredKeys: ['Type'] }),
    fc.constant({ Type: 'Succeed' }),
    fc.tuple(path, fc.constantFrom('NumericEquals', 'StringEquals', 'IsPresent', 'TimestampLessThan', 'NumericGreaterThanEquals', 'StringMatches'), json, next)
      .map(([variable, operator, operand, target]) => ({ Type: 'Choice', Choices: [{ Variable: variable, [operator]: operand, Next: target }], Default: 'B' })),
    fc.tuple(common, transition, fc.constantFrom('arn:aws:lambda:us-east-1:1:function:f', 'arn:aws:states:::lambda:invoke', 'arn:aws:states:::sqs:sendMessage.waitForTaskToken'),
      fc.option(fc.array(fc.record({ ErrorEquals: fc.array(errorNames, { minLength: 1, maxLength: 2 }), MaxAttempts: fc.integer({ min: 0, max: 2 }) }), { maxLength: 2 }), { nil: undefined }),
      fc.option(fc.array(fc.record({ ErrorEquals: fc.array(errorNames, { minLength: 1, maxLength: 2 }), Next: next }), { maxLength: 2 }), { nil: undefined }))
      .map(([c, t, resource, retry, catchers]) => ({ Type: 'Task', Resource: resource, ...c, ...t, ...(retry ? { Retry: retry } : {}), ...(catchers ? { Catch: catchers } : {}) })),
    fc.tuple(transition, fc.dictionary(fc.constantFrom('v', 'w'), fc.oneof(expression, json), { maxKeys: 2 }), fc.option(expression, { nil: undefined }))
      .map(([t, assign, output]) => ({ Type: 'Pass', QueryLanguage: 'JSONata', Assign: assign, ...(output ? { Output: output } : {}), ...t })),
    fc.tuple(fc.constantFrom('{% $states.input.a = 1 %}', '{% $exists($x) %}', '{% 1 %}'), next)
      .map(([condition, target]) => ({ Type: 'Choice', QueryLanguage: 'JSONata', Choices: [{ Condition: condition, Next: target }], Default: 'B' })),
  ];
  if (depth >= 2) return fc.oneof(...leaf);
  return fc.oneof(
    ...leaf,
    fc.tuple(common, transition, fc.array(subMachine(depth), { minLength: 1, maxLength: 2 })).map(([c, t, branches]) => ({ Type: 'Parallel', ...c, ...t, Branches: branches })),
    fc.tuple(common, transition, subMachine(depth), fc.option(path, { nil: undefined }), fc.option(template, { nil: undefined }), fc.integer({ min: 0, max: 3 }))
      .map(([c, t, processor, itemsPath, selector, maxConcurrency]) => ({
        Type: 'Map', ...c, ...t, ItemProcessor: processor, MaxConcurrency: maxConcurrency,
        ...(itemsPath ? { ItemsPath: itemsPath } : {}), ...(selector ? { ItemSelector: selector } : {}),
      })),
  );
}

const definition = fc.record({
  StartAt: fc.constant('A'),
  States: fc.record({ A: state(0), B: state(0), C: state(0), D: state(0) }),
  QueryLanguage: fc.constantFrom(undefined, undefined, undefined, 'JSONPath', 'JSONata'),
}, { requiredKeys: ['StartAt', 'States'] });

type Machine = { StartAt: string; States: Record<string, Record<string, unknown>> };

/**
 * The generated machine as AWS would take it more often: every state name unique in the whole definition
 * (the sub-machines' A and B renamed), and only the states their machine reaches.
 */
function acceptable(definition: Machine): Machine {
  let count = 0;
  const visit = (machine: Machine, rename: (name: string) => string): Machine => {
    const renameTarget = (holder: Record<string, unknown>) => {
      if (typeof holder.Next === 'string') holder.Next = rename(holder.Next);
      if (typeof holder.Default === 'string') holder.Default = rename(holder.Default);
    };
    const states: Record<string, Record<string, unknown>> = {};
    for (const [name, original] of Object.entries(machine.States)) {
      const state = { ...original };
      renameTarget(state);
      for (const list of ['Choices', 'Catch']) {
        if (Array.isArray(state[list])) state[list] = (state[list] as Record<string, unknown>[]).map((item) => { const copy = { ...item }; renameTarget(copy); return copy; });
      }
      const inner = () => { const prefix = `M${++count}`; return (sub: Machine) => visit(sub, (n) => `${prefix}${n}`); };
      if (Array.isArray(state.Branches)) state.Branches = (state.Branches as Machine[]).map((branch) => inner()(branch));
      if (state.ItemProcessor) state.ItemProcessor = inner()(state.ItemProcessor as Machine);
      states[rename(name)] = state;
    }
    const reached = new Set<string>();
    const pending = [rename(machine.StartAt)];
    while (pending.length) {
      const name = pending.pop()!;
      if (reached.has(name) || !states[name]) continue;
      reached.add(name);
      const state = states[name];
      const targets = [state.Next, state.Default, ...['Choices', 'Catch'].flatMap((list) => ((state[list] ?? []) as Record<string, unknown>[]).map((item) => item.Next))];
      for (const target of targets) if (typeof target === 'string') pending.push(target);
    }
    return { ...machine, StartAt: rename(machine.StartAt), States: Object.fromEntries(Object.entries(states).filter(([name]) => reached.has(name))) };
  };
  return visit(definition, (name) => name);
}

const input = fc.oneof(json, fc.record({ a: json, items: fc.array(json, { maxLength: 4 }) }));

/** Task outcomes chosen by the run: results or errors, some retriable. */
const outcomes = fc.array(fc.oneof(fc.record({ result: json }), fc.record({ error: errorNames, cause: fc.string() })), { minLength: 1, maxLength: 4 });

test('random definitions and inputs always end in an ExecutionResult (or a located DefinitionError)', async () => {
  let executed = 0;
  await fc.assert(fc.asyncProperty(definition, input, outcomes, async (def, value, answers) => {
    let machine;
    try {
      machine = compileStateMachine(acceptable(def as Machine));
    } catch (error) {
      assert.ok(error instanceof DefinitionError, `compile threw ${(error as Error)?.stack}`);
      assert.equal(typeof error.path, 'string');
      return;
    }
    executed++;
    let calls = 0;
    const result = await machine.start({
      input: value,
      taskResolvers: [{ resolve: () => answers[calls++ % answers.length] as never }],
    }).done;
    assert.ok(['SUCCEEDED', 'FAILED', 'TIMED_OUT', 'ABORTED'].includes(result.status), `status ${result.status}`);
    assert.ok(result.events.length >= 2);
    assert.equal(result.events[0].type, 'ExecutionStarted');
    assert.ok(/^Execution(Succeeded|Failed|TimedOut|Aborted)$/.test(result.events.at(-1)!.type));
    result.events.forEach((event, i) => assert.equal(event.id, i + 1));
    if (result.status === 'FAILED') assert.ok(!/Internal interpreter error/.test(result.cause ?? ''), result.cause);
  }), { numRuns: 250 });
  // The generator must reach the interpreter, not only the compiler.
  assert.ok(executed >= 60, `only ${executed} of 250 definitions compiled`);
});
