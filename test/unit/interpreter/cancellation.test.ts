import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { Cancellation } from '../../../server/src/core/interpreter/cancellation';

test('cancelling calls listeners and following cancellations once each, in the order they came, whichever left', () => {
  const calls: string[] = [];
  const parent = new Cancellation();
  const stopFirst = parent.onCancel(() => calls.push('first'));
  const child = new Cancellation(parent);
  child.onCancel(() => calls.push('child'));
  parent.onCancel(() => calls.push('third'));
  stopFirst();
  parent.onCancel(() => calls.push('fourth'));
  const left = new Cancellation(parent);
  left.onCancel(() => calls.push('left'));
  left.dispose();
  parent.cancel();
  parent.cancel();
  assert.deepEqual(calls, ['child', 'third', 'fourth']);
  assert.equal(child.cancelled, true);
  assert.equal(left.cancelled, false, 'a disposed cancellation no longer follows its parent');
  assert.equal(new Cancellation(parent).cancelled, true, 'a cancellation made under a cancelled one starts cancelled');
});
