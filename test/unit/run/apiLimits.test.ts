// AWS's checks on CreateStateMachine and StartExecution (core/apiLimits), and the one nesting
// limit every recursive walk of a definition is safe within.
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { definitionSizeProblem, executionNameProblem, jsonProblem, MAX_NESTING, parseExecutionInput } from '../../../server/src/core/apiLimits';
import { compileStateMachine, DefinitionError } from '../../../server/src/core/interpreter';
import { validateDefinition } from '../../../server/src/core/validation';
import { buildGraphModel } from '../../../server/src/core/graph/model';

describe('execution names (StartExecution)', () => {
  it('accepts 1 to 80 characters of any script, dots and other punctuation AWS allows', () => {
    for (const name of ['order.123', 'x'.repeat(80), 'ü', '注文-1', 'a@b!(c)+=\'', '😀']) assert.equal(executionNameProblem(name), undefined, name);
  });

  it('refuses whitespace, brackets, wildcards, special and control characters with InvalidName', () => {
    const forbidden = [' ', '\t', '\n', '\u00a0', '\u2003', '<', '>', '{', '}', '[', ']', '?', '*', '"', '#', '%', '\\', '^', '|', '~', '`', '$', '&', ',', ';', ':', '/',
      '\u0000', '\u001f', '\u007f', '\u009f', '\ufffe', '\uffff', '\ud800', '\udfff', '\u{10ffff}'];
    for (const character of forbidden) {
      assert.deepEqual(executionNameProblem(`a${character}b`), { error: 'InvalidName', message: `Invalid Name: 'a${character}b'`, character }, JSON.stringify(character));
    }
  });

  it('refuses an empty or longer name with the ValidationException of the API model', () => {
    assert.deepEqual(executionNameProblem(''), { error: 'ValidationException', message: "1 validation error detected: Value '' at 'name' failed to satisfy constraint: Member must have length greater than or equal to 1" });
    assert.deepEqual(executionNameProblem('x'.repeat(81)), { error: 'ValidationException', message: `1 validation error detected: Value '${'x'.repeat(81)}' at 'name' failed to satisfy constraint: Member must have length less than or equal to 80` });
  });
});

describe('execution input (StartExecution)', () => {
  const tooLarge = { error: 'ValidationException', message: "1 validation error detected: Value at 'input' failed to satisfy constraint: Member must have length less than or equal to 262144" };

  it('counts UTF-8 bytes up to 262,144; a lifted quota lets more in', () => {
    assert.deepEqual(parseExecutionInput(JSON.stringify('é'.repeat(131_071))), { value: 'é'.repeat(131_071) });
    assert.deepEqual(parseExecutionInput(JSON.stringify('é'.repeat(131_072))), tooLarge);
    assert.deepEqual(parseExecutionInput(JSON.stringify('x'.repeat(262_143))), tooLarge);
    assert.ok('value' in parseExecutionInput(JSON.stringify('x'.repeat(262_143)), Infinity));
  });

  it('refuses text that is not JSON with InvalidExecutionInput, located by line and column', () => {
    assert.deepEqual(parseExecutionInput('{\n  "a": tru\n}'), { error: 'InvalidExecutionInput', message: "Invalid State Machine Execution Input: 'Expected a value, found 't' at line 2 column 8'" });
  });

  it('refuses a number beyond the range of a double rather than running with null', () => {
    assert.deepEqual(parseExecutionInput('1e999'), { error: 'InvalidExecutionInput', message: "Invalid State Machine Execution Input: 'A number is beyond the range of a double (at /)'" });
    assert.deepEqual(parseExecutionInput('{"a": [1, -1e400]}'), { error: 'InvalidExecutionInput', message: "Invalid State Machine Execution Input: 'A number is beyond the range of a double (at /a/1)'" });
    assert.deepEqual(parseExecutionInput('{"a": 1e308, "b": 1e-400}'), { value: { a: 1e308, b: 0 } });
    // Depth first, in order, through a wide array (visited one container at a time, not one entry per item) and escaped keys.
    const wide = `{"items": [${'{"n": 1},'.repeat(100_000)}{"n": 2, "a/b~c": [0, 1e400]}], "after": 1e400}`;
    assert.deepEqual(parseExecutionInput(wide, Infinity), { error: 'InvalidExecutionInput', message: "Invalid State Machine Execution Input: 'A number is beyond the range of a double (at /items/100000/a~1b~0c/1)'" });
  });

  it('refuses input nested deeper than 1000 levels', () => {
    assert.ok('value' in parseExecutionInput('['.repeat(MAX_NESTING) + ']'.repeat(MAX_NESTING)));
    assert.deepEqual(parseExecutionInput('['.repeat(MAX_NESTING + 1) + ']'.repeat(MAX_NESTING + 1)), {
      error: 'InvalidExecutionInput',
      message: `Invalid State Machine Execution Input: 'Nested more than 1000 levels deep: the document is not read further. (at ${'/0'.repeat(MAX_NESTING)})'`,
    });
  });

  it('locates a syntax error in text nested far too deep without overflowing the stack', () => {
    assert.equal(jsonProblem('['.repeat(200_000)), 'Nested more than 1000 levels deep: the document is not read further. at line 1 column 1001');
  });
});

describe('numbers beyond the range of a double in a definition', () => {
  it('are an error at the number, not a null at run time', () => {
    const definition = JSON.parse('{"StartAt": "A", "States": {"A": {"Type": "Pass", "Result": {"big": [1, 1e999]}, "End": true}}}');
    assert.deepEqual(validateDefinition(definition), [{ path: ['States', 'A', 'Result', 'big', 1], part: 'value', severity: 'error', message: 'A number is beyond the range of a double' }]);
  });
});

describe('definition size (CreateStateMachine)', () => {
  it('accepts 1,048,576 characters and refuses more with a ValidationException', () => {
    assert.equal(definitionSizeProblem('x'.repeat(1_048_576)), undefined);
    assert.deepEqual(definitionSizeProblem('x'.repeat(1_048_577)), { error: 'ValidationException', message: "1 validation error detected: Value at 'definition' failed to satisfy constraint: Member must have length less than or equal to 1048576" });
  });
});

describe('one nesting limit for the validator, the compiler, the interpreter and the graph', () => {
  const leaf = () => ({ StartAt: 'Leaf', States: { Leaf: { Type: 'Pass', End: true } } });
  /** The deepest definition of each shape within the limit: what recursion there is must fit in the stack. */
  const shapes: Record<string, (n: number) => { definition: object; input: unknown }> = {
    parallel: (n) => {
      let machine: object = leaf();
      for (let i = 0; i < n; i++) machine = { StartAt: `P${i}`, States: { [`P${i}`]: { Type: 'Parallel', Branches: [machine], End: true } } };
      return { definition: machine, input: {} };
    },
    map: (n) => {
      let machine: object = leaf();
      let input: unknown = [1];
      for (let i = 0; i < n; i++) {
        machine = { StartAt: `M${i}`, States: { [`M${i}`]: { Type: 'Map', ItemProcessor: machine, End: true } } };
        if (i < n - 1) input = [input];
      }
      return { definition: machine, input };
    },
    choiceNot: (n) => {
      let rule: object = { Variable: '$.a', IsPresent: true };
      for (let i = 0; i < n; i++) rule = { Not: rule };
      return { definition: { StartAt: 'C', States: { C: { Type: 'Choice', Choices: [{ ...rule, Next: 'E' }], Default: 'E' }, E: { Type: 'Succeed' } } }, input: { a: 1 } };
    },
    choiceAnd: (n) => {
      let rule: object = { Variable: '$.a', IsPresent: true };
      for (let i = 0; i < n; i++) rule = { And: [rule] };
      return { definition: { StartAt: 'C', States: { C: { Type: 'Choice', Choices: [{ ...rule, Next: 'E' }], Default: 'E' }, E: { Type: 'Succeed' } } }, input: { a: 1 } };
    },
    parameters: (n) => {
      let template: object = { 'x.$': '$.a' };
      for (let i = 0; i < n; i++) template = i % 2 ? { a: template } : { a: [template] };
      return { definition: { StartAt: 'P', States: { P: { Type: 'Pass', Parameters: template, End: true } } }, input: { a: 1 } };
    },
    jsonataOutput: (n) => {
      let output: unknown = '{% $states.input.a %}';
      for (let i = 0; i < n; i++) output = { a: output };
      return { definition: { QueryLanguage: 'JSONata', StartAt: 'P', States: { P: { Type: 'Pass', Output: output, Assign: { v: output }, End: true } } }, input: { a: 1 } };
    },
  };

  function depth(value: unknown): number {
    return value !== null && typeof value === 'object' ? 1 + Math.max(0, ...Object.values(value).map(depth)) : 0;
  }

  for (const [name, shape] of Object.entries(shapes)) {
    it(`${name}: validates, draws and runs within ${MAX_NESTING} levels, and is refused, located, one level deeper`, async () => {
      let n = 1;
      while (depth(shape(n + 1).definition) <= MAX_NESTING) n++;
      const { definition, input } = shape(n);
      assert.ok(depth(definition) > MAX_NESTING - 4 && depth(definition) <= MAX_NESTING);
      assert.deepEqual(validateDefinition(definition).filter((issue) => issue.severity === 'error'), []);
      assert.equal(buildGraphModel(definition).problem, undefined);
      const result = await compileStateMachine(definition).start({ input }).done;
      assert.equal(result.status, 'SUCCEEDED', result.cause);

      const deeper = shape(n + 1).definition;
      assert.ok(depth(deeper) > MAX_NESTING);
      const issues = validateDefinition(deeper);
      assert.equal(issues.length, 1);
      assert.equal(issues[0].message, 'Nested more than 1000 levels deep: the document is not read further.');
      assert.throws(() => compileStateMachine(deeper), (error) => error instanceof DefinitionError && error.detail === issues[0].message && error.path.split('/').length === MAX_NESTING + 1);
    });
  }
});
