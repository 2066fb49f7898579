// AWS evaluates intrinsics and its JSONata extensions on the JVM: these reproduce the few Java behaviours
// whose results users see (string conversion of values, Math.round, java.util.Random).

/** Text of a value as Java's Map/List toString prints it: `{a=1, b=[x, null]}`; a top-level string prints raw. */
export function javaToString(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return javaNumberToString(value);
  if (typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return `[${value.map(javaToString).join(', ')}]`;
  const entries = Object.entries(value as Record<string, unknown>).map(([key, item]) => `${key}=${javaToString(item)}`);
  return `{${entries.join(', ')}}`;
}

/** Integral JSON numbers print as longs; others as Double.toString (scientific outside [1e-3, 1e7)). */
function javaNumberToString(n: number): string {
  if (Number.isInteger(n) && Math.abs(n) < 1e19) return BigInt(n).toString();
  if (!Number.isFinite(n)) return n > 0 ? 'Infinity' : n < 0 ? '-Infinity' : 'NaN';
  const magnitude = Math.abs(n);
  if (magnitude >= 1e-3 && magnitude < 1e7) return String(n);
  const [mantissa, exponent] = n.toExponential().split('e');
  return `${mantissa.includes('.') ? mantissa : `${mantissa}.0`}E${Number(exponent)}`;
}

/** Java's Math.round: half up, toward positive infinity (-1.5 -> -1). Never returns -0. */
export function javaRound(n: number): number {
  return Math.round(n) + 0;
}

const MULTIPLIER = 0x5deece66dn;
const ADDEND = 0xbn;
const MASK = (1n << 48n) - 1n;

/** java.util.Random, bit for bit, so seeded results match AWS's. */
export class JavaRandom {
  private seed: bigint;

  constructor(seed: number | bigint) {
    this.seed = (BigInt.asIntN(64, BigInt(seed)) ^ MULTIPLIER) & MASK;
  }

  nextInt(bound: number): number {
    if (!(bound > 0 && bound <= 0x7fffffff)) throw new RangeError('bound must be a positive int');
    if ((bound & -bound) === bound) return Number((BigInt(bound) * BigInt(this.next(31))) >> 31n);
    for (;;) {
      const bits = this.next(31);
      const value = bits % bound;
      if (bits - value + (bound - 1) <= 0x7fffffff) return value;
    }
  }

  nextDouble(): number {
    return (this.next(26) * 2 ** 27 + this.next(27)) * 2 ** -53;
  }

  private next(bits: number): number {
    this.seed = (this.seed * MULTIPLIER + ADDEND) & MASK;
    return Number(BigInt.asIntN(32, this.seed >> BigInt(48 - bits)));
  }
}
