import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Rational } from '../../src/algebra/rational.js';

describe('Rational', () => {
  it('reduces and keeps the denominator positive', () => {
    const r = Rational.of(6n, -4n);
    expect([r.num, r.den]).toEqual([-3n, 2n]);
    expect(Rational.of(0n, -5n).den).toBe(1n);
  });
  it('does field arithmetic exactly', () => {
    const third = Rational.of(1n, 3n);
    expect(third.add(third).add(third).equals(Rational.ONE)).toBe(true);
    expect(Rational.of(2n, 3n).pow(-2).toString()).toBe('9/4');
    expect(() => Rational.ONE.div(Rational.ZERO)).toThrow(/division by zero/);
  });
  it('refuses to call a fraction an integer', () => {
    expect(() => Rational.of(7n, 2n).toBigInt()).toThrow(/not an integer/);
  });
  it('agrees with BigInt arithmetic on random integers (ring laws)', () => {
    fc.assert(
      fc.property(fc.bigInt(), fc.bigInt(), fc.bigInt({ min: 1n, max: 10n ** 40n }), (a, b, c) => {
        const [A, B, C] = [Rational.of(a), Rational.of(b), Rational.of(c)];
        expect(A.mul(B).add(C).toBigInt()).toBe(a * b + c);
        expect(A.mul(C).div(C).equals(A)).toBe(true);
        expect(A.sub(B).add(B).equals(A)).toBe(true);
      }),
    );
  });
  it('approximates huge ratios without overflowing', () => {
    const r = Rational.of(10n ** 400n + 1n, 3n * 10n ** 399n);
    expect(r.toNumber()).toBeCloseTo(10 / 3, 12);
  });
});
