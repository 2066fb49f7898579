import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { javaRound, javaToString, JavaRandom } from '../../../server/src/core/intrinsics/java';

describe('Java behaviours', () => {
  it('java.util.Random matches the JVM bit for bit', () => {
    assert.equal(new JavaRandom(42).nextDouble(), 0.7275636800328681); // $random(42) on AWS
    assert.equal(new JavaRandom(42).nextInt(10), 0);
    assert.equal(new JavaRandom(0).nextInt(16), 11); // power-of-two bound: high bits of -1155484576
  });

  it('Math.round rounds half up', () => {
    assert.deepEqual([2.5, -2.5, -0.5, 0.49999999999999994, -1.51].map(javaRound), [3, -2, 0, 0, -2]);
  });

  it('toString prints Java collections', () => {
    assert.equal(javaToString({ a: 1, b: [], c: { d: null, e: 'x y' } }), '{a=1, b=[], c={d=null, e=x y}}');
    assert.equal(javaToString([1.5, true, 'x']), '[1.5, true, x]');
    assert.equal(javaToString(12345678.5), '1.23456785E7');
    assert.equal(javaToString(0.0001), '1.0E-4');
    assert.equal(javaToString(1e21), '1.0E21');
  });
});
