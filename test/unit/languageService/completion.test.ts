import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { CompletionItem } from 'vscode-languageserver-types';
import { service, withCursor } from './editingFixtures';

function complete(marked: string, languageId = 'asl'): CompletionItem[] {
  const { document, position } = withCursor(marked, languageId);
  return service.doComplete(document, position).items;
}

const labels = (items: CompletionItem[]) => items.map((item) => item.label);
const edit = (items: CompletionItem[], label: string) => {
  const item = items.find((candidate) => candidate.label === label);
  assert.ok(item, `no completion "${label}" in ${labels(items).join(', ')}`);
  return item.textEdit as { range: { start: { line: number; character: number }; end: { line: number; character: number } }; newText: string };
};

describe('completion', () => {
  it('offers the state names of the same machine at a Next, replacing the string', () => {
    const items = complete('{"StartAt":"A","States":{"A":{"Type":"Pass","Next":"|"},"B":{"Type":"Succeed"}}}');
    assert.deepEqual(labels(items), ['A', 'B']);
    assert.deepEqual(edit(items, 'B'), { range: { start: { line: 0, character: 51 }, end: { line: 0, character: 53 } }, newText: '"B"' });
  });

  it('inserts a quoted name after a colon with no value yet', () => {
    const items = complete('{"StartAt":"A","States":{"A":{"Type":"Pass","Next": |},"B":{"Type":"Succeed"}}}');
    assert.deepEqual(edit(items, 'B'), { range: { start: { line: 0, character: 52 }, end: { line: 0, character: 52 } }, newText: '"B"' });
  });

  it('scopes state names: a branch sees its own states, the top level its own', () => {
    const marked = '{"StartAt":"P","States":{"P":{"Type":"Parallel","Branches":[{"StartAt":"In","States":{"In":{"Type":"Pass","Next":"|"},"In2":{"Type":"Succeed"}}}],"End":true}}}';
    assert.deepEqual(labels(complete(marked)), ['In', 'In2']);
    assert.deepEqual(labels(complete('{"StartAt":"|","States":{"P":{"Type":"Parallel","Branches":[{"StartAt":"In","States":{"In":{"Type":"Succeed"}}}],"End":true}}}')), ['P']);
    assert.deepEqual(labels(complete('{"StartAt":"P","States":{"P":{"Type":"Parallel","Branches":[{"StartAt":"|","States":{"In":{"Type":"Succeed"}}}],"End":true}}}')), ['In']);
  });

  it('offers state names for Default, a Choice rule Next and a Catch Next', () => {
    const base = (inner: string) => `{"StartAt":"C","States":{"C":${inner},"X":{"Type":"Succeed"}}}`;
    assert.deepEqual(labels(complete(base('{"Type":"Choice","Choices":[],"Default":"|"}'))), ['C', 'X']);
    assert.deepEqual(labels(complete(base('{"Type":"Choice","Choices":[{"Variable":"$.a","IsNull":true,"Next":"|"}]}'))), ['C', 'X']);
    assert.deepEqual(labels(complete(base('{"Type":"Task","Resource":"r","End":true,"Catch":[{"ErrorEquals":["States.ALL"],"Next":"|"}]}'))), ['C', 'X']);
  });

  it('offers only the fields of the state type and query language, without those present', () => {
    const task = labels(complete('{"StartAt":"A","States":{"A":{"Type":"Task","Resource":"r", |}}}'));
    assert.ok(task.includes('Parameters') && task.includes('ResultSelector') && task.includes('HeartbeatSeconds') && task.includes('Retry'));
    assert.ok(!task.includes('Arguments') && !task.includes('Output') && !task.includes('Resource') && !task.includes('Type'));
    assert.ok(!task.includes('Choices') && !task.includes('Seconds'));
    const jsonata = labels(complete('{"QueryLanguage":"JSONata","StartAt":"A","States":{"A":{"Type":"Task", |}}}'));
    assert.ok(jsonata.includes('Arguments') && jsonata.includes('Output'));
    assert.ok(!jsonata.includes('Parameters') && !jsonata.includes('InputPath') && !jsonata.includes('TimeoutSecondsPath'));
    const wait = labels(complete('{"StartAt":"A","States":{"A":{"Type":"Wait", |}}}'));
    assert.deepEqual(wait.filter((label) => /Seconds|Timestamp/.test(label)).sort(), ['Seconds', 'SecondsPath', 'Timestamp', 'TimestampPath']);
  });

  it('offers only fields the validator accepts there, in states, choice rules (nested ones too), catchers and retriers', async () => {
    const task = { Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', End: true };
    const sites: [string, 'JSONPath' | 'JSONata', Record<string, unknown>][] = [
      ...(['JSONPath', 'JSONata'] as const).flatMap((language): [string, 'JSONPath' | 'JSONata', Record<string, unknown>][] => [
        ...['Pass', 'Task', 'Choice', 'Wait', 'Succeed', 'Fail', 'Parallel', 'Map'].map((type): [string, 'JSONPath' | 'JSONata', Record<string, unknown>] => [`${type} state`, language, { Type: type, '@': 1 }]),
        ['top-level choice rule', language, { Type: 'Choice', Choices: [{ '@': 1 }] }],
        ['catcher', language, { ...task, Catch: [{ '@': 1 }] }],
        ['retrier', language, { ...task, Retry: [{ '@': 1 }] }],
      ]),
      ['rule in And', 'JSONPath', { Type: 'Choice', Choices: [{ And: [{ '@': 1 }], Next: 'S' }] }],
      ['rule in Not', 'JSONPath', { Type: 'Choice', Choices: [{ Not: { '@': 1 }, Next: 'S' }] }],
    ];
    const refused = new Set(['unknown-field', 'other-query-language-field']);
    for (const [site, language, state] of sites) {
      const text = (field: string) => JSON.stringify({ QueryLanguage: language, StartAt: 'S', States: { S: state } }).replace('"@":1', field);
      const offered = labels(complete(text('|')));
      assert.ok(offered.length > 0, site);
      for (const field of offered) {
        const diagnostics = await service.doValidation(withCursor(`${text(`${JSON.stringify(field)}:null`)}|`).document);
        const problems = diagnostics.filter((diagnostic) => refused.has(String(diagnostic.code))).map((diagnostic) => diagnostic.message);
        assert.deepEqual(problems, [], `${language} ${site}: ${field}`);
      }
    }
  });

  it('inserts a field as a snippet with a comma when a property follows', () => {
    const items = complete('{"StartAt":"A","States":{"A":{|"Type":"Pass"}}}');
    assert.equal(edit(items, 'Next').newText, '"Next": "$1",');
    assert.equal(edit(items, 'QueryLanguage').newText, '"QueryLanguage": ${1|"JSONPath","JSONata"|},');
  });

  it('offers enum values', () => {
    assert.deepEqual(labels(complete('{"StartAt":"A","States":{"A":{"Type":"|"}}}')), ['Task', 'Pass', 'Choice', 'Wait', 'Succeed', 'Fail', 'Parallel', 'Map']);
    assert.deepEqual(labels(complete('{"StartAt":"A","States":{"A":{"Type":"Task","Retry":[{"JitterStrategy":"|"}]}}}')), ['FULL', 'NONE']);
    assert.deepEqual(labels(complete('{"StartAt":"A","States":{"A":{"Type":"Map","ItemProcessor":{"ProcessorConfig":{"Mode":"|"}}}}}')), ['INLINE', 'DISTRIBUTED']);
  });

  it('offers error names, including the document\'s own Fail errors, minus those listed', () => {
    const items = labels(complete('{"StartAt":"A","States":{"A":{"Type":"Task","Retry":[{"ErrorEquals":["States.Timeout", |]}]},"F":{"Type":"Fail","Error":"Custom.Broken"}}}'));
    assert.ok(items.includes('States.ALL') && items.includes('States.TaskFailed') && items.includes('Custom.Broken'));
    assert.ok(!items.includes('States.Timeout'));
  });

  it('offers service integration ARNs for a Task Resource', () => {
    const items = complete('{"StartAt":"A","States":{"A":{"Type":"Task","Resource":"|"}}}');
    assert.ok(labels(items).includes('arn:aws:states:::lambda:invoke'));
    assert.equal(edit(items, 'arn:aws:states:::sns:publish').newText, '"arn:aws:states:::sns:publish"');
  });

  it('offers a snippet per state type and ready service Tasks inside States, in the machine\'s query language', () => {
    const items = complete('{\n  "StartAt": "A",\n  "States": {\n    |\n  }\n}');
    for (const type of ['Task', 'Pass', 'Choice', 'Wait', 'Succeed', 'Fail', 'Parallel', 'Map']) assert.ok(labels(items).includes(`${type} state`));
    const lambda = edit(items, 'Task: Lambda Invoke');
    assert.equal(lambda.newText, [
      '"${1:Lambda Invoke}": {',
      '      "Type": "Task",',
      '      "Resource": "arn:aws:states:::lambda:invoke",',
      '      "Parameters": {',
      '        "FunctionName": "arn:aws:lambda:us-east-1:123456789012:function:my-function",',
      '        "Payload.\\$": "\\$"',
      '      \\},',
      '      "End": true',
      '    \\}',
    ].join('\n'));
    const jsonata = complete('{"QueryLanguage":"JSONata","StartAt":"A","States":{|}}');
    assert.match(edit(jsonata, 'Task: SQS SendMessage').newText, /"Arguments": \{.*"MessageBody": "\{% \\\$states\.input %\\\}"/s);
  });

  it('proposes unique names for new states', () => {
    const items = complete('{"StartAt":"Pass","States":{"Pass":{"Type":"Pass","End":true},|}}');
    assert.match(edit(items, 'Pass state').newText, /^"\$\{1:Pass 2\}"/);
  });

  it('offers Retry and Catch snippets on states that take them', () => {
    const task = complete('{"StartAt":"A","States":{"A":{"Type":"Task", |}}}');
    assert.match(edit(task.filter((item) => item.kind === 15), 'Retry').newText, /"ErrorEquals": \[\n\s*"\$\{1:States.ALL\}"/);
    assert.ok(!labels(complete('{"StartAt":"A","States":{"A":{"Type":"Pass", |}}}')).includes('Retry'));
    assert.deepEqual(labels(complete('{"StartAt":"A","States":{"A":{"Type":"Task","Catch":[|]}}}')), ['Catcher']);
  });

  it('offers $states members and variables in scope inside {% %}', () => {
    const marked = '{"QueryLanguage":"JSONata","StartAt":"A","States":{"A":{"Type":"Pass","Assign":{"total":1},"Next":"B"},"B":{"Type":"Pass","Output":"{% $states.| %}","End":true}}}';
    assert.deepEqual(labels(complete(marked)), ['input', 'result', 'context']);
    const vars = complete(marked.replace('$states.|', '$|'));
    assert.ok(labels(vars).includes('$total') && labels(vars).includes('$states'));
    const sorted = [...vars].sort((a, b) => (a.sortText ?? a.label).localeCompare(b.sortText ?? b.label)).map((item) => item.label);
    assert.deepEqual(sorted.slice(0, 2), ['$total', '$states'], 'the user\'s variables come before the built-in functions');
    assert.deepEqual(labels(complete(marked.replace('$states.|', '$states.context.Execution.|'))), ['Id', 'Input', 'Name', 'RoleArn', 'StartTime', 'RedriveCount', 'RedriveTime']);
  });

  it('offers exactly the $states members the validator accepts where the expression stands', async () => {
    const places: [string, Record<string, unknown>][] = [
      ['Pass Output', { Type: 'Pass', Output: '@', End: true }],
      ['Pass Assign', { Type: 'Pass', Assign: { x: '@' }, End: true }],
      ['Task Arguments', { Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', Arguments: { Payload: '@' }, End: true }],
      ['Task Output', { Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', Output: '@', End: true }],
      ['Catch Output', { Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', Catch: [{ ErrorEquals: ['States.ALL'], Output: '@', Next: 'S' }], End: true }],
      ['Catch Assign', { Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', Catch: [{ ErrorEquals: ['States.ALL'], Assign: { e: '@' }, Next: 'S' }], End: true }],
      ['Choice Condition', { Type: 'Choice', Choices: [{ Condition: '@', Next: 'S' }] }],
      ['Map ItemSelector', { Type: 'Map', ItemSelector: { v: '@' }, ItemProcessor: { StartAt: 'I', States: { I: { Type: 'Succeed' } } }, End: true }],
      ['Wait Seconds', { Type: 'Wait', Seconds: '@', End: true }],
      ['Fail Cause', { Type: 'Fail', Cause: '@' }],
    ];
    const machine = (state: Record<string, unknown>, expression: string) =>
      JSON.stringify({ QueryLanguage: 'JSONata', StartAt: 'S', States: { S: state } }).replace('"@"', JSON.stringify(`{% ${expression} %}`));
    for (const [place, state] of places) {
      const offered = labels(complete(machine(state, '$states.|')));
      const valid: string[] = [];
      for (const member of ['input', 'result', 'errorOutput', 'context']) {
        const diagnostics = await service.doValidation(withCursor(`${machine(state, `$states.${member}`)}|`).document);
        if (!diagnostics.some((diagnostic) => String(diagnostic.message).includes('$states'))) valid.push(member);
      }
      assert.deepEqual(offered, valid, place);
    }
  });

  it('does not offer a branch\'s variables outside it', () => {
    const marked = '{"QueryLanguage":"JSONata","StartAt":"P","States":{"P":{"Type":"Parallel","Branches":[{"StartAt":"In","States":{"In":{"Type":"Pass","Assign":{"inner":1},"End":true}}}],"Next":"B"},"B":{"Type":"Pass","Output":"{% $| %}","End":true}}}';
    assert.ok(!labels(complete(marked)).includes('$inner'));
  });

  it('offers the variables the validator lets a place read: an inline Map sees the outer ones, a Distributed Map\'s child workflow does not', async () => {
    const machine = (mode: string, read: string) => JSON.stringify({
      QueryLanguage: 'JSONata', StartAt: 'Set',
      States: {
        Set: { Type: 'Pass', Assign: { outer: 1 }, Next: 'M' },
        M: { Type: 'Map', ItemProcessor: { ProcessorConfig: { Mode: mode, ...(mode === 'DISTRIBUTED' ? { ExecutionType: 'STANDARD' } : {}) }, StartAt: 'In', States: { In: { Type: 'Pass', Output: `{% ${read} %}`, End: true } } }, End: true },
      },
    });
    for (const mode of ['INLINE', 'DISTRIBUTED']) {
      const offered = labels(complete(machine(mode, '$|'))).includes('$outer');
      const diagnostics = await service.doValidation(withCursor(`${machine(mode, '$outer')}|`).document);
      const flagged = diagnostics.some((diagnostic) => String(diagnostic.message).includes("Variable '$outer' is read"));
      assert.equal(offered, mode === 'INLINE', `${mode}: $outer offered`);
      assert.equal(offered, !flagged, `${mode}: completion and the validator agree`);
    }
  });

  it('offers intrinsic functions with signatures in a .$ value, replacing the typed prefix', () => {
    const marked = '{"StartAt":"A","States":{"A":{"Type":"Pass","Parameters":{"id.$":"States.Fo|"},"End":true}}}';
    const items = complete(marked);
    const start = marked.indexOf('States.Fo');
    const format = items.find((item) => item.label === 'States.Format');
    assert.equal(format?.detail, 'States.Format(template: string, ...values: any): string');
    assert.deepEqual(edit(items, 'States.Format'), { range: { start: { line: 0, character: start }, end: { line: 0, character: start + 9 } }, newText: 'States.Format($1)' });
    assert.ok(labels(items).includes('States.UUID') && labels(items).includes('States.ArrayPartition'));
    assert.ok(!labels(complete('{"StartAt":"A","States":{"A":{"Type":"Pass","InputPath":"|","End":true}}}')).includes('States.Format'), 'a plain path takes no function');
    const withVariable = complete('{"StartAt":"A","States":{"A":{"Type":"Pass","Assign":{"total":1},"Next":"B"},"B":{"Type":"Pass","Parameters":{"id.$":"|"},"End":true}}}');
    const sorted = [...withVariable].sort((a, b) => (a.sortText ?? a.label).localeCompare(b.sortText ?? b.label)).map((item) => item.label);
    assert.deepEqual(sorted.slice(0, 3), ['$total', '$$', 'States.Array'], 'the user\'s variables come before the built-in functions');
  });

  it('offers JSONata functions with AWS\'s additions, without $eval', () => {
    const marked = '{"QueryLanguage":"JSONata","StartAt":"A","States":{"A":{"Type":"Pass","Output":"{% $su| %}","End":true}}}';
    const items = complete(marked);
    const start = marked.indexOf('$su');
    const sum = items.find((item) => item.label === '$sum');
    assert.ok(sum?.detail?.startsWith('$sum('));
    assert.deepEqual(edit(items, '$sum'), { range: { start: { line: 0, character: start }, end: { line: 0, character: start + 3 } }, newText: '\\$sum($1)' });
    assert.ok(labels(items).includes('$partition') && labels(items).includes('$uuid'));
    assert.ok(!labels(items).includes('$eval'));
  });

  it('offers Context object members after $$. in a JSONPath path', () => {
    assert.deepEqual(labels(complete('{"StartAt":"A","States":{"A":{"Type":"Pass","Parameters":{"id.$":"$$.Execution.|"},"End":true}}}')).slice(0, 2), ['Id', 'Input']);
    assert.ok(labels(complete('{"StartAt":"A","States":{"A":{"Type":"Pass","OutputPath":"|","End":true}}}')).includes('$$'));
  });

  it('offers only what validates in a path: ResultPath cannot write into the Context object', async () => {
    const marked = '{"StartAt":"A","States":{"A":{"Type":"Pass","Assign":{"v":1},"ResultPath":"|","Next":"B"},"B":{"Type":"Succeed"}}}';
    const offered = labels(complete(marked));
    assert.deepEqual(offered, ['$v']);
    assert.deepEqual(labels(complete(marked.replace('"|"', () => '"$$.|"'))), []);
    const diagnostics = await service.doValidation(withCursor(marked.replace('|', () => '$$.Execution.Id|')).document);
    assert.ok(diagnostics.some((diagnostic) => String(diagnostic.message).includes('ResultPath cannot write into the context object')));
  });

  it('completes YAML keys at a blank line by indentation and values after a colon', () => {
    const yaml = 'StartAt: A\nStates:\n  A:\n    Type: Task\n    |\n  B:\n    Type: Succeed\n';
    const items = complete(yaml, 'asl-yaml');
    assert.equal(edit(items, 'Next').newText, 'Next: $1');
    assert.ok(labels(items).includes('Resource') && !labels(items).includes('Type'));
    assert.deepEqual(labels(complete('StartAt: A\nStates:\n  A:\n    Type: Pass\n    Next: |\n  B:\n    Type: Succeed\n', 'asl-yaml')), ['A', 'B']);
  });

  it('replaces an unterminated key only up to the cursor, keeping the brackets after it', () => {
    const marked = '{"StartAt":"A","States":{"A":{"Type":"Pass", "Ne|}}}';
    const start = marked.indexOf('"Ne');
    assert.deepEqual(edit(complete(marked), 'Next').range, { start: { line: 0, character: start }, end: { line: 0, character: start + 3 } });
  });

  it('completes under a YAML key with no value yet: state snippets under States, fields under a state', () => {
    const states = complete('StartAt: A\nStates:\n  |\n', 'asl-yaml');
    assert.equal(edit(states, 'Pass state').newText, '${1:Pass}:\n    Type: Pass\n    End: true');
    assert.ok(labels(complete('StartAt: A\nStates:\n  A:\n    |\n', 'asl-yaml')).includes('Type'));
  });

  it('offers a new machine in an empty document', () => {
    assert.deepEqual(labels(complete('|')), ['New state machine']);
  });
});
