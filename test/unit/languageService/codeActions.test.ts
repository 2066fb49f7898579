import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { CodeAction, Diagnostic } from 'vscode-languageserver-types';
import { stringify } from 'yaml';
import { compileStateMachine } from '../../../server/src/core/interpreter';
import { DiagnosticCode } from '../../../server/src/core/validation/codes';
import type { AslDocument } from '../../../server/src/languageService/aslDocument';
import { parse, positionOf, service } from './editingFixtures';

function diagnosticAt(document: AslDocument, needle: string, code: string, data: object, occurrence = 0): Diagnostic {
  const start = positionOf(document, needle, 0, occurrence);
  return { range: { start, end: { line: start.line, character: start.character + needle.length } }, message: 'test', code, data };
}

function applied(document: AslDocument, action: CodeAction): string {
  return TextDocument.applyEdits(document.textDocument, action.edit?.changes?.[document.textDocument.uri] ?? []);
}

const pretty = (value: object) => JSON.stringify(value, null, 2);

describe('code actions', () => {
  const machine = pretty({ StartAt: 'A', States: { A: { Type: 'Pass', Next: 'Fnish' }, Finish: { Type: 'Succeed' } } });

  it('fixes a misspelled target, and creates no state that would leave the one meant unreachable', () => {
    const document = parse(machine);
    const diagnostic = diagnosticAt(document, '"Fnish"', DiagnosticCode.unknownTarget, { target: 'Fnish', suggestion: 'Finish' });
    const fixes = service.doCodeActions(document, diagnostic.range, [diagnostic]).filter((action) => action.kind === 'quickfix');
    assert.deepEqual(fixes.map((action) => action.title), ['Change to "Finish"']);
    assert.equal(fixes[0].isPreferred, true);
    assert.equal(JSON.parse(applied(document, fixes[0])).States.A.Next, 'Finish');
  });

  it('creates the missing state when every state stays reachable', () => {
    const document = parse(pretty({
      StartAt: 'A', States: {
        A: { Type: 'Choice', Choices: [{ Variable: '$.x', IsPresent: true, Next: 'Fnish' }], Default: 'Finish' },
        Finish: { Type: 'Succeed' },
      },
    }));
    const diagnostic = diagnosticAt(document, '"Fnish"', DiagnosticCode.unknownTarget, { target: 'Fnish', suggestion: 'Finish' });
    const [change, create] = service.doCodeActions(document, diagnostic.range, [diagnostic]);
    assert.equal(change.title, 'Change to "Finish"');
    assert.equal(create.title, 'Create state "Fnish"');
    const created = applied(document, create);
    assert.deepEqual(JSON.parse(created).States.Fnish, { Type: 'Pass', End: true });
    assert.match(created, /\n {4}"Fnish": \{\n {6}"Type": "Pass",\n {6}"End": true\n {4}\}\n {2}\}\n\}$/);
  });

  it('finds the closest name itself when the diagnostic has no suggestion', () => {
    const document = parse(machine);
    const diagnostic = diagnosticAt(document, '"Fnish"', DiagnosticCode.unknownTarget, { target: 'Fnish' });
    assert.equal(service.doCodeActions(document, diagnostic.range, [diagnostic])[0].title, 'Change to "Finish"');
  });

  it('creates the missing state in the branch the reference is in', () => {
    const document = parse(pretty({ StartAt: 'P', States: { P: { Type: 'Parallel', End: true, Branches: [{ StartAt: 'In', States: { In: { Type: 'Pass', Next: 'Later' } } }] } } }));
    const diagnostic = diagnosticAt(document, '"Later"', DiagnosticCode.unknownTarget, { target: 'Later' });
    const actions = service.doCodeActions(document, diagnostic.range, [diagnostic]).filter((action) => action.kind === 'quickfix');
    assert.deepEqual(actions.map((action) => action.title), ['Create state "Later"']);
    assert.deepEqual(JSON.parse(applied(document, actions[0])).States.P.Branches[0].States.Later, { Type: 'Pass', End: true });
  });

  it('adds End to a state without a transition', () => {
    const document = parse(pretty({ StartAt: 'A', States: { A: { Type: 'Pass' } } }));
    const diagnostic = diagnosticAt(document, '"A": {', DiagnosticCode.missingTransition, { state: 'A' });
    const [action] = service.doCodeActions(document, diagnostic.range, [diagnostic]);
    assert.equal(action.title, 'Add "End": true to "A"');
    assert.deepEqual(JSON.parse(applied(document, action)).States.A, { Type: 'Pass', End: true });
  });

  it('removes an unreachable state, first, middle or last', () => {
    for (const name of ['A', 'B', 'C']) {
      const states: Record<string, object> = { A: { Type: 'Succeed' }, B: { Type: 'Succeed' }, C: { Type: 'Succeed' } };
      const document = parse(pretty({ StartAt: 'A', States: states }));
      const diagnostic = diagnosticAt(document, `"${name}": {`, DiagnosticCode.unreachableState, { state: name });
      const [action] = service.doCodeActions(document, diagnostic.range, [diagnostic]);
      assert.equal(action.title, `Remove unreachable state "${name}"`);
      delete states[name];
      assert.deepEqual(JSON.parse(applied(document, action)).States, states);
    }
  });

  it('removes a YAML state with its lines', () => {
    const document = parse('StartAt: A\nStates:\n  A:\n    Type: Succeed\n  B:\n    Type: Pass\n    End: true\n', 'asl-yaml');
    const diagnostic = diagnosticAt(document, 'B:', DiagnosticCode.unreachableState, { state: 'B' });
    assert.equal(applied(document, service.doCodeActions(document, diagnostic.range, [diagnostic])[0]), 'StartAt: A\nStates:\n  A:\n    Type: Succeed\n');
  });

  it('removes End from a state with Next and End, renames a misspelled field, adds .$ to a path key', () => {
    const document = parse(pretty({ StartAt: 'A', States: { A: { Type: 'Pass', Next: 'B', End: true, Parameters: { x: '$.a' } }, B: { Type: 'Succeed', Commnt: 'c' } } }));
    const [removeEnd] = service.doCodeActions(document, { start: positionOf(document, '"End"'), end: positionOf(document, '"End"') }, [
      diagnosticAt(document, '"End"', DiagnosticCode.nextAndEnd, { state: 'A' })]);
    assert.equal(removeEnd.title, 'Remove "End" (keep "Next")');
    assert.deepEqual(JSON.parse(applied(document, removeEnd)).States.A, { Type: 'Pass', Next: 'B', Parameters: { x: '$.a' } });
    const rename = service.doCodeActions(document, { start: positionOf(document, '"Commnt"'), end: positionOf(document, '"Commnt"') }, [
      diagnosticAt(document, '"Commnt"', DiagnosticCode.unknownField, { state: 'B', field: 'Commnt', suggestion: 'Comment' })])[0];
    assert.deepEqual(JSON.parse(applied(document, rename)).States.B, { Type: 'Succeed', Comment: 'c' });
    const dollar = service.doCodeActions(document, { start: positionOf(document, '"x"'), end: positionOf(document, '"x"') }, [
      diagnosticAt(document, '"x"', DiagnosticCode.missingDollarSuffix, { key: 'x' })])[0];
    assert.equal(dollar.title, 'Rename "x" to "x.$" (the value is a path)');
    assert.deepEqual(JSON.parse(applied(document, dollar)).States.A.Parameters, { 'x.$': '$.a' });
  });

  it('sets an End that is not true instead of adding a second one', () => {
    for (const end of [false, 'true']) {
      const document = parse(pretty({ StartAt: 'A', States: { A: { Type: 'Pass', End: end } } }));
      const diagnostic = diagnosticAt(document, '"A": {', DiagnosticCode.missingTransition, { state: 'A' });
      const [action] = service.doCodeActions(document, diagnostic.range, [diagnostic]);
      assert.equal(action.title, 'Set "End" to true in "A"');
      const text = applied(document, action);
      assert.equal(text.match(/"End"/g)?.length, 1);
      assert.deepEqual(JSON.parse(text).States.A, { Type: 'Pass', End: true });
    }
  });

  it('offers the replacement of every did-you-mean the validator finds, in JSON and YAML', async () => {
    const withTypos = (names: Record<string, string>) => ({
      StartAt: 'Start',
      States: {
        Start: { Type: 'Pass', Assign: { counter: 1 }, Next: names.target },
        Check: { Type: 'Choice', Choices: [{ Variable: '$.x', [names.operator]: 'a', Next: 'Work' }], Default: 'Work' },
        Work: {
          Type: 'Task', Resource: `arn:aws:states:::${names.action}`, Parameters: { 'a.$': `${names.intrinsic}('{}', $counter)` }, [names.field]: '$.r',
          Retry: [{ ErrorEquals: ['States.ALL'], JitterStrategy: names.jitter }],
          Catch: [{ ErrorEquals: [names.error], Next: 'Done' }], Next: 'Later',
        },
        Later: { Type: 'Pass', QueryLanguage: 'JSONata', Output: `{% ${names.jsonataFunction}($states.${names.states}.name) & ${names.variable} %}`, Next: 'Done' },
        Done: { Type: names.type },
      },
    });
    const typos = {
      target: 'Chek', operator: 'StringEqual', action: 'lambda:invok', intrinsic: 'States.Formt', field: 'ResultPth', jitter: 'FUL',
      error: 'States.Timout', jsonataFunction: '$uppercas', states: 'inpt', variable: '$countr', type: 'Succed',
    };
    const corrected = {
      target: 'Check', operator: 'StringEquals', action: 'lambda:invoke', intrinsic: 'States.Format', field: 'ResultPath', jitter: 'FULL',
      error: 'States.Timeout', jsonataFunction: '$uppercase', states: 'input', variable: '$counter', type: 'Succeed',
    };
    const didYouMean = (diagnostic: Diagnostic) => /did you mean '([^']+)'/.exec(typeof diagnostic.message === 'string' ? diagnostic.message : '')?.[1];
    for (const languageId of ['asl', 'asl-yaml']) {
      let document = parse(languageId === 'asl' ? pretty(withTypos(typos)) : stringify(withTypos(typos)), languageId);
      const titles: string[] = [];
      for (let diagnostic = (await service.doValidation(document)).find(didYouMean); diagnostic; diagnostic = (await service.doValidation(document)).find(didYouMean)) {
        const action = service.doCodeActions(document, diagnostic.range, [diagnostic]).find((candidate) => candidate.title === `Change to "${didYouMean(diagnostic!)}"`);
        assert.ok(action && titles.length < Object.keys(typos).length, `${languageId}: no fix for ${diagnostic.message}`);
        assert.equal(action.isPreferred, true);
        titles.push(action.title);
        document = parse(applied(document, action), languageId);
      }
      assert.deepEqual(document.value, withTypos(corrected), languageId);
      assert.equal(titles.length, Object.keys(typos).length);
    }
  });

  it('offers no fix that would add an error: a repeated key, a repeated state name, a dangling transition', async () => {
    const cases: [object, string[]][] = [
      [{ StartAt: 'A', States: { A: { Type: 'Succeed' }, X: { Type: 'Pass', Next: 'Y' }, Y: { Type: 'Pass', End: true } } }, ['Remove unreachable state "X"']],
      [{ StartAt: 'A', States: { A: { Type: 'Succeed' }, X: { Type: 'Pass', Next: 'X' } } }, ['Remove unreachable state "X"']],
      [{ StartAt: 'A', States: { A: { Type: 'Pass', Next: 'B' }, B: { Type: 'Pass', Next: 'A' }, Done: { Type: 'Succeed' } } }, []],
      [{ StartAt: 'A', States: { A: { Type: 'Pass', ResultPth: '$.a', ResultPath: '$.b', End: true } } }, []],
      [{ StartAt: 'C', States: { C: { Type: 'Choice', Choices: [{ Variable: '$.x', StringEqual: 'a', StringEquals: 'b', Next: 'D' }], Default: 'D' }, D: { Type: 'Succeed' } } }, []],
      [{ StartAt: 'P', States: { P: { Type: 'Parallel', Branches: [{ StartAt: 'B', States: { B: { Type: 'Pass', Next: 'Done' } } }], Next: 'Done' }, Done: { Type: 'Succeed' } } }, []],
      [{ StartAt: 'A', States: { A: { Type: 'Pass', Parameters: { x: '$.a', 'x.$': '$.b' }, End: true } } }, []],
    ];
    const errors = async (document: AslDocument) => (await service.doValidation(document)).filter((diagnostic) => diagnostic.severity === 1).map((diagnostic) => diagnostic.message);
    for (const [definition, titles] of cases) {
      const document = parse(pretty(definition));
      const diagnostics = await service.doValidation(document);
      const actions = diagnostics.flatMap((diagnostic) => service.doCodeActions(document, diagnostic.range, [diagnostic]).filter((action) => action.kind === 'quickfix'));
      assert.deepEqual(actions.map((action) => action.title), titles, pretty(definition));
      const before = await errors(document);
      for (const action of actions) assert.deepEqual((await errors(parse(applied(document, action)))).filter((message) => !before.includes(message)), [], action.title);
    }
  });

  it('ignores diagnostics it has no fix for', () => {
    const document = parse(machine);
    const diagnostic = diagnosticAt(document, '"Pass"', 'something-else', {});
    assert.deepEqual(service.doCodeActions(document, diagnostic.range, [diagnostic]).filter((action) => action.kind === 'quickfix'), []);
  });
});

describe('convert a state to JSONata', () => {
  function convert(state: object, machineExtra: object = {}): object | undefined {
    const document = parse(pretty({ ...machineExtra, StartAt: 'S', States: { S: state } }));
    const action = service.doCodeActions(document, { start: positionOf(document, '"Type"'), end: positionOf(document, '"Type"') }, [])
      .find((candidate) => candidate.kind === 'refactor.rewrite');
    return action && JSON.parse(applied(document, action)).States.S;
  }

  it('turns Parameters into Arguments with expressions', () => {
    assert.deepEqual(convert({ Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', Parameters: { FunctionName: 'f', 'Payload.$': '$.order', 'Id.$': '$$.Execution.Id', Nested: { 'List.$': '$.items[0]' } }, ResultPath: '$', End: true }), {
      Type: 'Task', QueryLanguage: 'JSONata', Resource: 'arn:aws:states:::lambda:invoke',
      Arguments: { FunctionName: 'f', Payload: '{% $states.input.order %}', Id: '{% $states.context.Execution.Id %}', Nested: { List: '{% $states.input.items[0] %}' } },
      End: true,
    });
  });

  const invalidPath = (path: string) => `Invalid path '${path}': The choice state's condition path references an invalid value.`;

  it('turns Choice rules into Conditions', () => {
    assert.deepEqual(convert({
      Type: 'Choice',
      Choices: [
        { And: [{ Variable: '$.n', NumericGreaterThan: 1 }, { Not: { Variable: '$.s', StringEquals: 'x' } }], Next: 'S' },
        { Variable: '$.flag', IsPresent: true, Next: 'S' },
        { Variable: '$.a', NumericLessThanEqualsPath: '$.b', Next: 'S' },
      ],
      Default: 'S',
    }), {
      Type: 'Choice', QueryLanguage: 'JSONata',
      Choices: [
        {
          Condition: `{% ($exists($states.input.n) ? $type($states.input.n) = "number" and $states.input.n > 1 : $error("${invalidPath('$.n')}"))`
            + ` and ($not($exists($states.input.s) ? $states.input.s = "x" : $error("${invalidPath('$.s')}"))) %}`,
          Next: 'S',
        },
        { Condition: '{% $exists($states.input.flag) %}', Next: 'S' },
        {
          Condition: `{% $exists($states.input.a) ? $exists($states.input.b) ? $type($states.input.a) = "number" and $type($states.input.b) = "number"`
            + ` and $states.input.a <= $states.input.b : $error("${invalidPath('$.b')}") : $error("${invalidPath('$.a')}") %}`,
          Next: 'S',
        },
      ],
      Default: 'S',
    });
  });

  it('turns Choice rules into Conditions that choose as the rules do, whatever the type of the values', async () => {
    const choice = {
      Type: 'Choice',
      Choices: [{ Variable: '$.n', NumericLessThan: 5, Next: 'Chosen' }, { Variable: '$.a', StringGreaterThanPath: '$.b', Next: 'Chosen' }, { Variable: '$.a', NumericEqualsPath: '$.b', Next: 'Chosen' }],
      Default: 'Other',
    };
    const machine = (state: object) => ({ StartAt: 'C', States: { C: state, Chosen: { Type: 'Succeed' }, Other: { Type: 'Fail', Error: 'Other' } } });
    const document = parse(pretty(machine(choice)));
    const action = service.doCodeActions(document, { start: positionOf(document, '"Type"'), end: positionOf(document, '"Type"') }, [])
      .find((candidate) => candidate.kind === 'refactor.rewrite');
    const converted = JSON.parse(applied(document, action!)) as object;
    for (const input of [{ n: 3, a: 'x', b: 'y' }, { n: '3', a: 'y', b: 'x' }, { n: 7, a: 1, b: 0 }, { n: [3], a: {}, b: {} }, { n: 7, a: [1], b: [1] }]) {
      const [before, after] = await Promise.all([machine(choice), converted].map((definition) => compileStateMachine(definition).start({ input }).done));
      assert.deepEqual([after.status, after.error], [before.status, before.error], JSON.stringify(input));
    }
    // A path that selects nothing fails the state in both, as a JSONata error in the converted one.
    for (const input of [{ a: 'x', b: 'y' }, { n: 7, b: 'y' }, { n: 7, a: 'x' }]) {
      const [before, after] = await Promise.all([machine(choice), converted].map((definition) => compileStateMachine(definition).start({ input }).done));
      assert.deepEqual([before.status, before.error, after.status, after.error], ['FAILED', 'States.Runtime', 'FAILED', 'States.QueryEvaluationError'], JSON.stringify(input));
      assert.ok(after.cause?.endsWith(before.cause!.replace(/^.*?\)\. /, '')), after.cause);
    }
  });

  it('converts Wait, Fail, Map and Pass paths, and drops QueryLanguage in a JSONata machine', () => {
    assert.deepEqual(convert({ Type: 'Wait', SecondsPath: '$.delay', End: true }), { Type: 'Wait', QueryLanguage: 'JSONata', Seconds: '{% $states.input.delay %}', End: true });
    assert.deepEqual(convert({ Type: 'Fail', ErrorPath: '$.error', Cause: 'c' }), { Type: 'Fail', QueryLanguage: 'JSONata', Error: '{% $states.input.error %}', Cause: 'c' });
    assert.deepEqual(convert({ Type: 'Pass', QueryLanguage: 'JSONPath', Result: { a: 1 }, End: true }, { QueryLanguage: 'JSONata' }), { Type: 'Pass', Output: { a: 1 }, End: true });
    const map = convert({ Type: 'Map', ItemsPath: '$.items', ItemSelector: { 'value.$': '$$.Map.Item.Value' }, ItemProcessor: { StartAt: 'I', States: { I: { Type: 'Pass', End: true } } }, End: true }) as Record<string, unknown>;
    assert.equal(map.Items, '{% $states.input.items %}');
    assert.deepEqual(map.ItemSelector, { value: '{% $states.context.Map.Item.Value %}' });
  });

  it('converts a catcher ResultPath into an Output merge', () => {
    const task = convert({ Type: 'Task', Resource: 'r', End: true, Catch: [{ ErrorEquals: ['States.ALL'], ResultPath: '$.error', Next: 'S' }] }) as { Catch: object[] };
    assert.deepEqual(task.Catch, [{ ErrorEquals: ['States.ALL'], Output: '{% $merge([$states.input, {"error": $states.errorOutput}]) %}', Next: 'S' }]);
  });

  it('converts Credentials, ResultSelector and the Parameters of an ItemReader', () => {
    assert.deepEqual(convert({ Type: 'Task', Resource: 'r', Credentials: { 'RoleArn.$': '$.role' }, ResultSelector: { 'id.$': '$.Id', 'at.$': '$$.State.EnteredTime' }, End: true }), {
      Type: 'Task', QueryLanguage: 'JSONata', Resource: 'r', Credentials: { RoleArn: '{% $states.input.role %}' },
      Output: { id: '{% $states.result.Id %}', at: '{% $states.context.State.EnteredTime %}' }, End: true,
    });
    const processor = { ProcessorConfig: { Mode: 'DISTRIBUTED', ExecutionType: 'STANDARD' }, StartAt: 'I', States: { I: { Type: 'Succeed', QueryLanguage: 'JSONPath' } } };
    const reader = { Resource: 'arn:aws:states:::s3:getObject', ReaderConfig: { InputType: 'JSON' }, Parameters: { Bucket: 'b', 'Key.$': '$.key' } };
    const map = convert({ Type: 'Map', ItemReader: reader, ItemProcessor: processor, End: true }) as Record<string, unknown>;
    assert.deepEqual(map.ItemReader, { Resource: 'arn:aws:states:::s3:getObject', ReaderConfig: { InputType: 'JSON' }, Arguments: { Bucket: 'b', Key: '{% $states.input.key %}' } });
    assert.equal(convert({ Type: 'Map', ItemReader: { ...reader, ReaderConfig: { InputType: 'JSON', MaxItemsPath: '$.n' } }, ItemProcessor: processor, End: true }), undefined);
  });

  it('converts a ResultPath naming one field, and Assign paths from what they read in each state', () => {
    assert.deepEqual(convert({ Type: 'Task', Resource: 'r', ResultPath: '$.reply', Assign: { 'id.$': '$.Id', 'input.$': '$$.Execution.Input' }, End: true }), {
      Type: 'Task', QueryLanguage: 'JSONata', Resource: 'r', Output: '{% $merge([$states.input, {"reply": $states.result}]) %}',
      Assign: { id: '{% $states.result.Id %}', input: '{% $states.context.Execution.Input %}' }, End: true,
    });
    assert.deepEqual((convert({ Type: 'Wait', Seconds: 1, Assign: { 'n.$': '$.n' }, End: true }) as Record<string, unknown>).Assign, { n: '{% $states.input.n %}' });
    const choice = convert({ Type: 'Choice', Choices: [{ Variable: '$.n', IsPresent: true, Assign: { 'n.$': '$.n' }, Next: 'S' }], Default: 'S' }) as { Choices: object[] };
    assert.deepEqual(choice.Choices, [{ Condition: '{% $exists($states.input.n) %}', Next: 'S', Assign: { n: '{% $states.input.n %}' } }]);
    const task = convert({ Type: 'Task', Resource: 'r', End: true, Catch: [{ ErrorEquals: ['States.ALL'], Assign: { 'why.$': '$.Cause' }, Next: 'S' }] }) as { Catch: object[] };
    assert.deepEqual(task.Catch, [{ ErrorEquals: ['States.ALL'], Assign: { why: '{% $states.errorOutput.Cause %}' }, Next: 'S' }]);
    // Where `$` is the selected result, or the Result of a Pass, JSONata has no name for it.
    assert.equal(convert({ Type: 'Task', Resource: 'r', ResultSelector: { 'a.$': '$.b' }, Assign: { 'a.$': '$.a' }, End: true }), undefined);
    assert.equal(convert({ Type: 'Pass', Result: { a: 1 }, Assign: { 'a.$': '$.a' }, End: true }), undefined);
    assert.equal(convert({ Type: 'Pass', Result: { a: 1 }, ResultPath: '$.r', End: true }), undefined);
    assert.equal(convert({ Type: 'Task', Resource: 'r', ResultPath: '$.a.b', End: true }), undefined);
  });

  it('reads the number a Map path names as AWS does, from a string too', () => {
    assert.deepEqual(convert({ Type: 'Map', MaxConcurrencyPath: '$.limit', ToleratedFailureCountPath: '$limit', ItemProcessor: { StartAt: 'I', States: { I: { Type: 'Succeed', QueryLanguage: 'JSONPath' } } }, End: true }), {
      Type: 'Map', QueryLanguage: 'JSONata', MaxConcurrency: '{% $number($states.input.limit) %}', ToleratedFailureCount: '{% $number($limit) %}',
      ItemProcessor: { StartAt: 'I', States: { I: { Type: 'Succeed', QueryLanguage: 'JSONPath' } } }, End: true,
    });
  });

  it('quotes the names JSONata would read as something else, and refuses an index of an index', () => {
    const pass = convert({ Type: 'Pass', Parameters: { 'a.$': '$.order-id', 'b.$': '$.in', 'c.$': '$.items[0].name', 'd.$': '$.1st' }, End: true }) as Record<string, unknown>;
    assert.deepEqual(pass.Output, { a: '{% $states.input.`order-id` %}', b: '{% $states.input.`in` %}', c: '{% $states.input.items[0].name %}', d: '{% $states.input.`1st` %}' });
    assert.equal(convert({ Type: 'Pass', Parameters: { 'a.$': '$.grid[0][1]' }, End: true }), undefined);
  });

  it('refuses a literal JSONata would evaluate', () => {
    assert.equal(convert({ Type: 'Pass', Result: { x: '{% 1 + 1 %}' }, End: true }), undefined);
    assert.equal(convert({ Type: 'Pass', Assign: { x: '{% $y %}' }, End: true }), undefined);
    assert.equal(convert({ Type: 'Fail', Cause: '{% $states.input %}' }), undefined);
  });

  it('refuses what is not mechanical', () => {
    assert.equal(convert({ Type: 'Task', Resource: 'r', ResultSelector: { 'a.$': '$.b' }, ResultPath: null, End: true }), undefined);
    assert.equal(convert({ Type: 'Pass', Parameters: { 'a.$': "States.Format('{}', $.b)" }, End: true }), undefined);
    assert.equal(convert({ Type: 'Pass', InputPath: '$.a', End: true }), undefined);
    assert.equal(convert({ Type: 'Choice', Choices: [{ Variable: '$.t', TimestampEquals: '2020-01-01T00:00:00Z', Next: 'S' }] }), undefined);
    assert.equal(convert({ Type: 'Pass', Parameters: { 'a.$': "$['odd key']" }, End: true }), undefined);
    assert.equal(convert({ Type: 'Pass', End: true }, { QueryLanguage: 'JSONata' }), undefined, 'already JSONata');
  });
});
