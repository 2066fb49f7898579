import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { buildGraphModel, formatSeconds, GraphMachine, GraphNode, stateId } from '../../../server/src/core/graph/model';
import { helloWorldTemplate } from '../../../server/src/core/templates';

function node(machine: GraphMachine, name: string): GraphNode {
  const found = machine.nodes.find((candidate) => candidate.name === name);
  assert.ok(found, `no node named ${name} in ${machine.nodes.map((n) => n.name).join(', ')}`);
  return found;
}

function edges(machine: GraphMachine) {
  const names = new Map(machine.nodes.map((n) => [n.id, n.kind === 'state' || n.kind === 'ghost' ? n.name : n.kind]));
  return machine.edges.map((edge) => `${names.get(edge.source)} -${edge.kind}${edge.label ? `(${edge.label})` : ''}${edge.missing ? '!' : ''}-> ${names.get(edge.target)}`);
}

describe('graph model', () => {
  it('draws the Hello World template with Start/End markers, choice rules and the default (a Fail is its own end)', () => {
    const { root, problem } = buildGraphModel(helloWorldTemplate.definition);
    assert.equal(problem, undefined);
    assert.deepEqual(root.nodes.map((n) => `${n.kind}:${n.name}`), [
      'start:Start', 'state:Pass', 'state:Hello World example?', 'state:Yes', 'state:No', 'state:Wait 3 sec', 'state:Parallel State', 'state:Hello World', 'end:End',
    ]);
    assert.deepEqual(edges(root), [
      'start -start-> Pass',
      'Pass -next-> Hello World example?',
      'Hello World example? -choice($.IsHelloWorldExample == true)-> Yes',
      'Hello World example? -choice($.IsHelloWorldExample == false)-> No',
      'Hello World example? -default(Default)-> Yes',
      'Yes -next-> Wait 3 sec',
      'Wait 3 sec -next-> Parallel State',
      'Parallel State -next-> Hello World',
      'Hello World -end-> end',
    ]);
    assert.deepEqual(node(root, 'Wait 3 sec').details, ['Wait 3 s']);
    const parallel = node(root, 'Parallel State');
    assert.deepEqual(parallel.machines.map((m) => [m.label, m.nodes.map((n) => n.name)]), [['Branch 1', ['Hello']], ['Branch 2', ['World']]]);
    assert.equal(parallel.machines[0].nodes[0].id, stateId(['States', 'Parallel State', 'Branches', 0, 'States', 'Hello']));
    assert.ok(root.nodes.every((n) => !n.unreachable));
  });

  it('nests a Parallel inside a Map processor, with the Map mode and concurrency badges', () => {
    const { root } = buildGraphModel({
      StartAt: 'Each',
      States: {
        Each: {
          Type: 'Map',
          MaxConcurrency: 5,
          ItemProcessor: {
            ProcessorConfig: { Mode: 'DISTRIBUTED', ExecutionType: 'STANDARD' },
            StartAt: 'Fan',
            States: {
              Fan: {
                Type: 'Parallel',
                End: true,
                Branches: [
                  { StartAt: 'A', States: { A: { Type: 'Pass', End: true } } },
                  { StartAt: 'B', States: { B: { Type: 'Wait', SecondsPath: '$.delay', End: true } } },
                ],
              },
            },
          },
          End: true,
        },
      },
    });
    const map = node(root, 'Each');
    assert.deepEqual(map.badges.map((b) => b.text), ['DISTRIBUTED', 'Max 5']);
    const processor = map.machines[0];
    assert.deepEqual(processor.path, ['States', 'Each', 'ItemProcessor']);
    assert.equal(processor.label, 'Item processor');
    assert.deepEqual(processor.nodes.map((n) => n.kind), ['state'], 'sub-machines have no Start/End markers');
    const fan = node(processor, 'Fan');
    assert.equal(fan.machines.length, 2);
    const b = node(fan.machines[1], 'B');
    assert.deepEqual(b.path, ['States', 'Each', 'ItemProcessor', 'States', 'Fan', 'Branches', 1, 'States', 'B']);
    assert.deepEqual(b.details, ['Wait $.delay s']);
  });

  it('reads the legacy Iterator and defaults the Map mode to INLINE', () => {
    const { root } = buildGraphModel({ StartAt: 'M', States: { M: { Type: 'Map', Iterator: { StartAt: 'X', States: { X: { Type: 'Succeed' } } }, End: true } } });
    const map = node(root, 'M');
    assert.deepEqual(map.badges.map((b) => b.text), ['INLINE']);
    assert.deepEqual(map.machines[0].nodes.map((n) => [n.name, n.terminal]), [['X', true]]);
  });

  it('labels Catch edges with their ErrorEquals and summarizes Retry with the AWS defaults', () => {
    const { root } = buildGraphModel({
      StartAt: 'Call',
      States: {
        Call: {
          Type: 'Task',
          Resource: 'arn:aws:states:::lambda:invoke',
          Parameters: { FunctionName: 'arn:aws:lambda:us-east-1:123456789012:function:order-handler:$LATEST', 'Payload.$': '$' },
          Retry: [{ ErrorEquals: ['Lambda.ServiceException', 'Lambda.TooManyRequestsException'], MaxAttempts: 6, BackoffRate: 2.5 }, { ErrorEquals: ['States.ALL'] }],
          Catch: [{ ErrorEquals: ['States.TaskFailed'], Next: 'Recover' }, { ErrorEquals: ['States.ALL'], Next: 'Give up' }],
          End: true,
        },
        Recover: { Type: 'Pass', End: true },
        'Give up': { Type: 'Fail', Error: 'Failed' },
      },
    });
    assert.deepEqual(edges(root).filter((e) => e.includes('catch')), [
      'Call -catch(States.TaskFailed)-> Recover',
      'Call -catch(States.ALL)-> Give up',
    ]);
    const call = node(root, 'Call');
    assert.deepEqual(call.details, ['Lambda Invoke', 'order-handler']);
    assert.deepEqual(call.retry, {
      summary: 'Retry ×2',
      policy: [
        'Lambda.ServiceException, Lambda.TooManyRequestsException: 6 attempts, interval 1 s, backoff ×2.5',
        'States.ALL: 3 attempts, interval 1 s, backoff ×2',
      ],
    });
    assert.deepEqual(node(root, 'Give up').details, ['Failed']);
  });

  it('names the resource of SDK integrations, optimized integrations, Lambda ARNs and activities', () => {
    const { root } = buildGraphModel({
      StartAt: 'A',
      States: {
        A: { Type: 'Task', Resource: 'arn:aws:states:::dynamodb:putItem', Parameters: { TableName: 'Orders' }, Next: 'B' },
        B: { Type: 'Task', Resource: 'arn:aws:states:::aws-sdk:s3:getObject', Arguments: { Bucket: 'b', Key: 'k' }, Next: 'C' },
        C: { Type: 'Task', Resource: 'arn:aws:lambda:eu-west-1:123456789012:function:resize', Next: 'D' },
        D: { Type: 'Task', Resource: 'arn:aws:states:eu-west-1:123456789012:activity:approve', Next: 'E' },
        E: { Type: 'Task', Resource: 'arn:aws:states:::sqs:sendMessage.waitForTaskToken', Parameters: { 'QueueUrl.$': '$.queue' }, Next: 'F' },
        F: { Type: 'Task', Resource: 'arn:aws:states:::ecs:runTask.sync', End: true },
      },
    });
    assert.deepEqual(['A', 'B', 'C', 'D', 'E', 'F'].map((name) => [node(root, name).details, node(root, name).badges.map((b) => b.text)]), [
      [['DynamoDB PutItem', 'Orders'], []],
      [['S3 GetObject', 'b'], []],
      [['Lambda Invoke', 'resize'], []],
      [['Activity', 'approve'], []],
      [['SQS SendMessage', 'QueueUrl (dynamic)'], ['callback']],
      [['ECS RunTask'], ['sync']],
    ]);
  });

  it('describes compound, negated, path and JSONata choice rules', () => {
    const { root } = buildGraphModel({
      StartAt: 'C',
      States: {
        C: {
          Type: 'Choice',
          Choices: [
            { And: [{ Variable: '$.a', IsPresent: true }, { Not: { Variable: '$.b', StringEquals: 'x' } }], Next: 'X' },
            { Or: [{ Variable: '$.n', NumericGreaterThanEqualsPath: '$.min' }, { Variable: '$.t', IsNull: false }], Next: 'X' },
            { Condition: '{% $states.input.total > 100 %}', Next: 'X' },
          ],
        },
        X: { Type: 'Succeed' },
      },
    });
    assert.deepEqual(root.edges.filter((e) => e.kind === 'choice').map((e) => e.label), [
      '$.a is present and not ($.b == "x")',
      '$.n >= $.min or $.t is not null',
      '$states.input.total > 100',
    ]);
    // No Default: no default edge.
    assert.equal(root.edges.filter((e) => e.kind === 'default').length, 0);
  });

  it('draws a missing target as a red edge to one ghost node per name, and still draws the rest', () => {
    const { root } = buildGraphModel({
      StartAt: 'A',
      States: {
        A: { Type: 'Choice', Choices: [{ Variable: '$.x', BooleanEquals: true, Next: 'Nowhere' }], Default: 'Nowhere' },
        B: { Type: 'Pass', Next: 'Elsewhere' },
        Broken: 'not an object',
      },
    });
    assert.deepEqual(edges(root), [
      'start -start-> A',
      'A -choice($.x == true)!-> Nowhere',
      'A -default(Default)!-> Nowhere',
      'B -next!-> Elsewhere',
    ]);
    const ghost = node(root, 'Nowhere');
    assert.equal(ghost.kind, 'ghost');
    assert.equal(ghost.id, `${root.id}#missing:Nowhere`);
    assert.deepEqual(ghost.diagnostics, [{ severity: 'error', message: 'No state is named "Nowhere".' }]);
    assert.equal(node(root, 'Broken').type, undefined);
  });

  it('draws a ghost for a missing StartAt and greys every state', () => {
    const { root } = buildGraphModel({ StartAt: 'Typo', States: { A: { Type: 'Pass', End: true } } });
    assert.deepEqual(edges(root), ['start -start!-> Typo', 'A -end-> end']);
    assert.equal(node(root, 'A').unreachable, true);
    assert.equal(node(root, 'Typo').unreachable, false);
  });

  it('draws the End marker only when a state ends there', () => {
    const { root } = buildGraphModel({ StartAt: 'A', States: { A: { Type: 'Pass', Next: 'B' }, B: { Type: 'Pass', Next: 'A' } } });
    assert.deepEqual(root.nodes.map((n) => n.kind), ['start', 'state', 'state']);
    assert.deepEqual(edges(root), ['start -start-> A', 'A -next-> B', 'B -next-> A']);
    const onlyFail = buildGraphModel({ StartAt: 'F', States: { F: { Type: 'Fail' } } }).root;
    assert.deepEqual(onlyFail.nodes.map((n) => n.kind), ['start', 'state']);
  });

  it('marks unreachable states, following Catch and Default edges but not from unreachable states', () => {
    const { root } = buildGraphModel({
      StartAt: 'A',
      States: {
        A: { Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', Catch: [{ ErrorEquals: ['States.ALL'], Next: 'Handler' }], Next: 'Done' },
        Handler: { Type: 'Pass', End: true },
        Done: { Type: 'Succeed' },
        Orphan: { Type: 'Pass', Next: 'OrphanChild' },
        OrphanChild: { Type: 'Pass', End: true },
      },
    });
    assert.deepEqual(root.nodes.filter((n) => n.unreachable).map((n) => n.name), ['Orphan', 'OrphanChild']);
  });

  it('collects template placeholders of a state but not those of its branches', () => {
    const { root } = buildGraphModel({
      StartAt: 'Call',
      States: {
        Call: {
          Type: 'Task',
          Resource: '${ProcessFunctionArn}',
          Parameters: { Table: { Ref: 'OrdersTable' }, Topic: { 'Fn::GetAtt': ['Topic', 'Arn'] }, Text: 'from ${Stage} to ${Stage}' },
          Next: 'P',
        },
        P: { Type: 'Parallel', Branches: [{ StartAt: 'Q', States: { Q: { Type: 'Task', Resource: '${Inner}', End: true } } }], End: true },
      },
    });
    assert.deepEqual(node(root, 'Call').placeholders, ['${ProcessFunctionArn}', 'Ref OrdersTable', 'Fn::GetAtt ["Topic","Arn"]', '${Stage}']);
    assert.deepEqual(node(root, 'P').placeholders, []);
    assert.deepEqual(node(root, 'P').machines[0].nodes[0].placeholders, ['${Inner}']);
  });

  it('attaches locations and diagnostics to their states and keeps the others for the banner', () => {
    const range = (line: number) => ({ start: { line, character: 4 }, end: { line, character: 9 } });
    const { root, diagnostics } = buildGraphModel(
      { StartAt: 'A', States: { A: { Type: 'Pass', End: true } } },
      {
        locate: (path) => (path.join('/') === 'States/A' ? { range: range(3), keyRange: range(3) } : undefined),
        diagnostics: [
          { path: ['States', 'A'], diagnostic: { severity: 'warning', message: 'Something is odd.' } },
          { path: [], diagnostic: { severity: 'error', message: 'Expected comma' } },
        ],
      },
    );
    const a = node(root, 'A');
    assert.deepEqual(a.location?.keyRange, range(3));
    assert.deepEqual(a.diagnostics, [{ severity: 'warning', message: 'Something is odd.' }]);
    assert.deepEqual(diagnostics, [{ severity: 'error', message: 'Expected comma' }]);
  });

  it('never throws on values that are not state machines, and says why nothing is drawn', () => {
    for (const value of [undefined, null, 42, 'text', [], { States: [] }, { StartAt: 3, States: { A: null } }]) {
      const model = buildGraphModel(value);
      assert.equal(model.root.nodes[0].kind, 'start', 'Start is always drawn');
    }
    assert.equal(buildGraphModel([]).problem, 'The document holds no state machine object.');
    assert.equal(buildGraphModel({ StartAt: 'A' }).problem, 'The definition has no "States" object.');
  });

  it('formats wait durations', () => {
    assert.deepEqual([3, 60, 90, 7200, 3661].map(formatSeconds), ['3 s', '1 min', '1 min 30 s', '2 h', '1 h 1 min 1 s']);
  });
});
