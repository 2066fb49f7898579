// node:crypto when first needed, and random identifiers. Loading node:crypto costs a short process
// about 4 ms of CPU (a CLI run of Hello World is about 20 ms beyond Node's own start), so only what
// needs it loads it: a task token, States.UUID, $uuid(), a hash.
import type * as Crypto from 'node:crypto';

let crypto: typeof Crypto | undefined;

/** node:crypto, loaded on first use. */
export function nodeCrypto(): typeof Crypto {
  return crypto ??= require('node:crypto') as typeof Crypto;
}

/** A version 4 UUID from node:crypto's generator. */
export function randomUUID(): string {
  return nodeCrypto().randomUUID();
}

const HEX_DIGITS = '0123456789abcdef';

/**
 * A version 4 UUID naming an execution (its name by default, an express run's id). It identifies and
 * guards nothing, so Math.random's digits serve (V8 seeds it from the system's entropy in each process)
 * and a run need not load node:crypto.
 */
export function executionUUID(): string {
  let uuid = '';
  for (let i = 0; i < 36; i++) {
    if (i === 8 || i === 13 || i === 18 || i === 23) uuid += '-';
    else if (i === 14) uuid += '4';
    // The variant: 10xx in the first bits of the fourth group.
    else uuid += HEX_DIGITS[i === 19 ? 8 + Math.floor(Math.random() * 4) : Math.floor(Math.random() * 16)];
  }
  return uuid;
}
