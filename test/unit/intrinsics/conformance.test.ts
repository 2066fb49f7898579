// Runs every intrinsic_functions case of the conformance corpus (recorded on AWS) through the evaluator alone:
// each is a single Pass state, so its output is its Parameters (intrinsics evaluated) or its JSONata Output.
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import jsonata from 'jsonata';
import { evaluateIntrinsic, parseIntrinsic } from '../../../server/src/core/intrinsics';
import { awsFunctionBindings } from '../../../server/src/core/jsonata/awsFunctions';
import { pathResolver } from './resolve';

const CASES_DIR = join(process.env.ASL_CONFORMANCE_DIR ?? '/work/shared/conformance/localstack', 'intrinsic_functions');

interface PassState {
  Parameters?: Record<string, unknown>;
  Output?: unknown;
  ResultPath?: string;
  OutputPath?: string;
}
interface Case {
  name: string;
  input: unknown;
  definition: { States: Record<string, PassState> };
  expected: { output: unknown; ignorePaths?: string[] };
}

function loadCases(): Case[] {
  return readdirSync(CASES_DIR)
    .filter((file) => file.endsWith('.json'))
    .sort()
    .map((file) => JSON.parse(readFileSync(join(CASES_DIR, file), 'utf8')) as Case);
}

/** The context object, with the placeholders the recordings put in place of run-specific names. */
function contextFor(input: unknown): unknown {
  return {
    Execution: { Input: input, Name: '<ExecArnPart_0idx>' },
    StateMachine: { Id: 'arn:<partition>:states:<region>:111111111111:stateMachine:<ArnPart_0idx>', Name: '<ArnPart_0idx>' },
  };
}

function applyTemplate(template: Record<string, unknown>, resolve: (path: string) => unknown): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(template).map(([key, value]) =>
      key.endsWith('.$') ? [key.slice(0, -2), evaluateIntrinsic(parseIntrinsic(value as string), resolve)] : [key, value],
    ),
  );
}

/** ResultPath and OutputPath of the simple dotted form the corpus uses. */
function setAt(target: Record<string, unknown>, path: string, value: unknown): Record<string, unknown> {
  const keys = path.split('.').slice(1);
  const copy = structuredClone(target);
  let node = copy;
  keys.slice(0, -1).forEach((key) => (node = (node[key] ??= {}) as Record<string, unknown>));
  node[keys[keys.length - 1]] = value;
  return copy;
}

function getAt(target: unknown, path: string): unknown {
  return path.split('.').slice(1).reduce((node, key) => (node as Record<string, unknown> | undefined)?.[key], target);
}

async function runPassState(state: PassState, input: unknown): Promise<unknown> {
  if (state.Output !== undefined) {
    const expression = jsonata(String(state.Output).replace(/^\{%(.*)%\}$/s, '$1'));
    return expression.evaluate({}, { ...awsFunctionBindings, states: { input } });
  }
  const result = applyTemplate(state.Parameters!, pathResolver(input, contextFor(input)));
  const afterResult = state.ResultPath ? setAt(input as Record<string, unknown>, state.ResultPath, result) : result;
  return state.OutputPath ? getAt(afterResult, state.OutputPath) : afterResult;
}

function withoutIgnored(value: unknown, pointers: string[] = []): unknown {
  const copy = structuredClone(value) as Record<string, unknown>;
  for (const pointer of pointers) {
    const key = pointer.slice(1);
    assert.ok(key in copy, `${pointer} present`);
    copy[key] = '<ignored>';
  }
  return copy;
}

describe('intrinsic_functions conformance cases', { skip: !existsSync(CASES_DIR) && `no corpus at ${CASES_DIR}` }, () => {
  const cases = existsSync(CASES_DIR) ? loadCases() : [];
  it('finds the corpus', () => assert.equal(cases.length, 163));
  for (const testCase of cases) {
    it(testCase.name, async () => {
      const [state] = Object.values(testCase.definition.States);
      const actual = await runPassState(state, testCase.input);
      const { output, ignorePaths } = testCase.expected;
      assert.deepEqual(withoutIgnored(actual, ignorePaths), withoutIgnored(output, ignorePaths));
    });
  }
});
