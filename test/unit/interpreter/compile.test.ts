// The interpreter refuses a definition as CreateStateMachine does: by the validator's first error, in
// the validator's words (no rule is written twice), and by a placeholder a local run cannot read.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { compileDefinition, compileStateMachine } from '../../../server/src/core/interpreter';
import { validateDefinition } from '../../../server/src/core/validation';

const refusal = (definition: unknown) => {
  const result = compileDefinition(definition);
  return 'errors' in result ? result.errors : [];
};

test('a definition the validator refuses is refused with its first error, located at its path', () => {
  const definitions = [
    { StartAt: 'A', States: { A: { Type: 'Pass', End: true }, Orphan: { Type: 'Succeed' } } },
    { StartAt: 'A', States: { A: { Type: 'Wait', Seconds: 1.5, End: true } } },
    { StartAt: 'A', States: { A: { Type: 'Task', Resource: 'arn:aws:states:::dynamodb:scan', End: true } } },
    { StartAt: 'C', States: { C: { Type: 'Choice', Choices: [{ Variable: '$.a', Next: 'D' }], Default: 'D' }, D: { Type: 'Succeed' } } },
    { StartAt: 'M', States: { M: { Type: 'Map', ItemReader: { ReaderConfig: {} }, ItemProcessor: { ProcessorConfig: { Mode: 'DISTRIBUTED', ExecutionType: 'STANDARD' }, StartAt: 'I', States: { I: { Type: 'Pass', End: true } } }, End: true } } },
  ];
  for (const definition of definitions) {
    const first = validateDefinition(definition).find((issue) => issue.severity === 'error')!;
    assert.deepEqual(refusal(definition), [{ message: first.message.replace(/ at \/\S*$/, ''), path: first.path }]);
  }
});

test('a placeholder where a run needs a number or a state name refuses the run; one standing for a string does not', () => {
  assert.deepEqual(refusal({ StartAt: 'A', States: { A: { Type: 'Wait', Seconds: '${Delay}', End: true } } }), [
    { message: 'Template placeholder: a local run needs an integer here, which only the deployment supplies', path: ['States', 'A', 'Seconds'] },
  ]);
  assert.deepEqual(refusal({ StartAt: 'A', States: { A: { Type: 'Pass', Next: '${Then}' }, B: { Type: 'Succeed' } } }).map(({ path }) => path), [['States', 'A', 'Next']]);
  const machine = compileStateMachine({ StartAt: 'A', States: { A: { Type: 'Pass', Result: '${Greeting}', End: true } } });
  assert.ok(machine.start);
});

test('the workflow type is validated too: an EXPRESS machine refuses a callback integration', () => {
  const definition = { StartAt: 'A', States: { A: { Type: 'Task', Resource: 'arn:aws:states:::sqs:sendMessage.waitForTaskToken', End: true } } };
  assert.ok(compileStateMachine(definition).start);
  assert.throws(() => compileStateMachine(definition, { machineType: 'EXPRESS' }), { detail: "SCHEMA_VALIDATION_FAILED: Express state machine does not support '.waitForTaskToken' service integration " });
});
