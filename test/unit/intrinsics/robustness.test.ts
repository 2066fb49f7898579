import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import {
  checkIntrinsic,
  evaluateIntrinsic,
  intrinsicSignatures,
  IntrinsicEvaluationError,
  type IntrinsicArgument,
  type IntrinsicCall,
} from '../../../server/src/core/intrinsics';

const names = [...intrinsicSignatures.map((fn) => fn.name), 'States.Unknown'];
const literal = fc.oneof(
  fc.string({ maxLength: 8 }),
  fc.constantFrom('{}', '{} {}', '[1]', 'SHA-256', 'MD5', '', 'QUJD', '\\{'),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.integer({ min: -3000, max: 3000 }),
  fc.constantFrom(2147483647, -2147483648, 4294967295, 1e300),
  fc.boolean(),
  fc.constant(null),
);
const pathValue = fc.jsonValue({ maxDepth: 2 });

/** Random calls: known and unknown names, any number of literal, path and nested arguments. */
const call: fc.Arbitrary<IntrinsicCall> = fc.letrec<{ call: IntrinsicCall; argument: IntrinsicArgument }>((tie) => ({
  call: fc.record({
    name: fc.constantFrom(...names),
    args: fc.array(tie('argument'), { maxLength: 4 }),
    start: fc.constant(0),
    end: fc.constant(0),
  }),
  argument: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    literal.map((value) => ({ kind: 'literal' as const, value, start: 0, end: 0 })),
    fc.constantFrom('$.a', '$.b', '$.missing').map((path) => ({ kind: 'path' as const, path, start: 0, end: 0 })),
    tie('call').map((nested) => ({ kind: 'call' as const, call: nested, start: 0, end: 0 })),
  ),
})).call;

describe('intrinsics on arbitrary calls', () => {
  it('check never throws; evaluation returns JSON or fails with IntrinsicEvaluationError', () => {
    fc.assert(
      fc.property(call, pathValue, pathValue, (generated, a, b) => {
        assert.ok(Array.isArray(checkIntrinsic(generated)));
        const input: Record<string, unknown> = { a, b };
        try {
          const result = evaluateIntrinsic(generated, (path) => (path === '$' ? input : input[path.slice(2)]));
          assert.notEqual(result, undefined);
          JSON.stringify(result);
        } catch (error) {
          if (!(error instanceof IntrinsicEvaluationError)) throw error;
          assert.equal(error.error, 'States.Runtime');
        }
      }),
      { numRuns: 3000 },
    );
  });
});
