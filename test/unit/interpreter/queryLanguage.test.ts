import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { execute } from './helpers';
import { errorsOf } from '../validation/helpers';
import { buildStructure } from '../../../server/src/core/machineStructure';

// A JSONPath machine whose Parallel and Map are JSONata: the states inside them declare no QueryLanguage, so they
// use the machine's JSONPath, not their enclosing state's JSONata (test/conformance/decisions.md).
const jsonataContainersInJsonPathMachine = {
  StartAt: 'P',
  States: {
    P: {
      Type: 'Parallel', QueryLanguage: 'JSONata', Next: 'M',
      Branches: [{ StartAt: 'B', States: { B: { Type: 'Pass', Parameters: { 'v.$': '$.a' }, End: true } } }],
      Output: '{% {"items": [$states.input.a, $states.result[0].v]} %}',
    },
    M: {
      Type: 'Map', QueryLanguage: 'JSONata', Items: '{% $states.input.items %}', End: true,
      ItemProcessor: { StartAt: 'I', States: { I: { Type: 'Pass', Parameters: { 'item.$': '$' }, End: true } } },
    },
  },
};

test('the validator and the interpreter agree: a state in a Parallel or Map without QueryLanguage uses the top-level one', async () => {
  assert.deepEqual(errorsOf(jsonataContainersInJsonPathMachine), []);
  const languages = buildStructure(jsonataContainersInJsonPathMachine).states.map((state) => [state.name, state.queryLanguage]);
  assert.deepEqual(languages, [['P', 'JSONata'], ['M', 'JSONata'], ['B', 'JSONPath'], ['I', 'JSONPath']]);
  const result = await execute(jsonataContainersInJsonPathMachine, { a: 7 });
  assert.equal(result.status, 'SUCCEEDED', `${result.error}: ${result.cause}`);
  assert.deepEqual(result.output, [{ item: 7 }, { item: 7 }]);
});

test('in a JSONata machine a nested state without QueryLanguage is JSONata too', async () => {
  const definition = {
    QueryLanguage: 'JSONata', StartAt: 'P',
    States: {
      P: {
        Type: 'Parallel', End: true,
        Branches: [{ StartAt: 'B', States: { B: { Type: 'Pass', Output: '{% $states.input.a + 1 %}', End: true } } }],
      },
    },
  };
  assert.deepEqual(errorsOf(definition), []);
  const result = await execute(definition, { a: 1 });
  assert.deepEqual(result.output, [2]);
});
