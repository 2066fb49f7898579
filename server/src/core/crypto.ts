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

/** The character codes of the hexadecimal digits. */
const HEX_CODES = Array.from('0123456789abcdef', (digit) => digit.charCodeAt(0));
const DASH = 0x2d;
const FOUR = 0x34;

/** Random bits not used yet: 7 hexadecimal digits per Math.random(), whose every call allocates its number. */
let randomBits = 0;
let digitsLeft = 0;

/** A random hexadecimal digit's value (0 to 15). */
function randomDigit(): number {
  if (digitsLeft === 0) {
    randomBits = Math.floor(Math.random() * 0x10000000);
    digitsLeft = 7;
  }
  digitsLeft--;
  const digit = randomBits & 15;
  randomBits >>>= 4;
  return digit;
}

const hexCode = (): number => HEX_CODES[randomDigit()];

/**
 * A version 4 UUID naming an execution (its name by default, an express run's id). It identifies and
 * guards nothing, so Math.random's digits serve (V8 seeds it from the system's entropy in each process)
 * and a run need not load node:crypto. One string made from its 36 character codes: joined digit by digit,
 * its 36 strings and 32 random numbers were a fifth of what Hello World allocated per execution.
 */
export function executionUUID(): string {
  const h = hexCode;
  return String.fromCharCode(
    h(), h(), h(), h(), h(), h(), h(), h(), DASH,
    h(), h(), h(), h(), DASH,
    FOUR, h(), h(), h(), DASH,
    // The variant: 10xx.
    HEX_CODES[8 | (randomDigit() & 3)], h(), h(), h(), DASH,
    h(), h(), h(), h(), h(), h(), h(), h(), h(), h(), h(), h(),
  );
}
