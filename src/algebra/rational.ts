// Exact rational numbers over BigInt. Every count in lmledger passes through here,
// so that no float ever touches a parameter or FLOP total.

export class Rational {
  /** Always reduced, with a positive denominator. */
  readonly num: bigint;
  readonly den: bigint;

  private constructor(num: bigint, den: bigint) {
    this.num = num;
    this.den = den;
  }

  static of(num: bigint | number, den: bigint | number = 1n): Rational {
    const n = toBigInt(num);
    const m = toBigInt(den);
    if (m === 0n) throw new RangeError('division by zero');
    const sign = m < 0n ? -1n : 1n;
    const g = gcd(n < 0n ? -n : n, m < 0n ? -m : m) || 1n;
    return new Rational((sign * n) / g, (sign * m) / g);
  }

  static readonly ZERO = Rational.of(0n);
  static readonly ONE = Rational.of(1n);

  isZero(): boolean {
    return this.num === 0n;
  }
  isInteger(): boolean {
    return this.den === 1n;
  }
  isNegative(): boolean {
    return this.num < 0n;
  }
  sign(): -1 | 0 | 1 {
    return this.num < 0n ? -1 : this.num > 0n ? 1 : 0;
  }

  add(o: Rational): Rational {
    return Rational.of(this.num * o.den + o.num * this.den, this.den * o.den);
  }
  sub(o: Rational): Rational {
    return Rational.of(this.num * o.den - o.num * this.den, this.den * o.den);
  }
  mul(o: Rational): Rational {
    return Rational.of(this.num * o.num, this.den * o.den);
  }
  div(o: Rational): Rational {
    if (o.num === 0n) throw new RangeError('division by zero');
    return Rational.of(this.num * o.den, this.den * o.num);
  }
  neg(): Rational {
    return new Rational(-this.num, this.den);
  }
  abs(): Rational {
    return this.num < 0n ? this.neg() : this;
  }
  /** Integer powers, negative ones included. */
  pow(e: number): Rational {
    if (!Number.isInteger(e)) throw new RangeError(`non-integer exponent ${e}`);
    if (e < 0) return Rational.ONE.div(this.pow(-e));
    return Rational.of(this.num ** BigInt(e), this.den ** BigInt(e));
  }
  equals(o: Rational): boolean {
    return this.num === o.num && this.den === o.den;
  }
  compare(o: Rational): -1 | 0 | 1 {
    const l = this.num * o.den;
    const r = o.num * this.den;
    return l < r ? -1 : l > r ? 1 : 0;
  }

  /** The exact integer value; throws if this is not an integer. */
  toBigInt(): bigint {
    if (this.den !== 1n) throw new RangeError(`${this.toString()} is not an integer`);
    return this.num;
  }

  /**
   * A float approximation, for shares and rates at the output edge only.
   * Exact for the first ~15 significant digits even when num and den exceed 2^53.
   */
  toNumber(): number {
    return ratioToNumber(this.num, this.den);
  }

  toString(): string {
    return this.den === 1n ? this.num.toString() : `${this.num}/${this.den}`;
  }
}

export function gcd(a: bigint, b: bigint): bigint {
  while (b !== 0n) [a, b] = [b, a % b];
  return a;
}

function toBigInt(x: bigint | number): bigint {
  if (typeof x === 'bigint') return x;
  if (!Number.isSafeInteger(x)) throw new RangeError(`not a safe integer: ${x}`);
  return BigInt(x);
}

/** num/den as a double, scaling both down first so huge BigInts do not overflow to Infinity. */
export function ratioToNumber(num: bigint, den: bigint): number {
  const bits = (x: bigint) => (x < 0n ? -x : x).toString(2).length;
  const shift = Math.max(0, Math.max(bits(num), bits(den)) - 1000);
  const big = BigInt(shift);
  return Number(num >> big) / Number(den >> big);
}
