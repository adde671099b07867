import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Poly } from '../../src/algebra/poly.js';
import { Rational } from '../../src/algebra/rational.js';
import { parsePoly } from '../../src/algebra/parse.js';

const S = new Set(['L', 'T', 'd', 'f', 'h', 'V']);
const p = (s: string) => parsePoly(s, S);

describe('Poly', () => {
  it('cancels head sizes: h · (2·T·(d/h)·T) = 2T²d exactly', () => {
    expect(p('h * (2*T*(d/h)*T)').equals(p('2*T^2*d'))).toBe(true);
  });
  it('keeps Laurent terms when they do not cancel', () => {
    const q = p('4*T*d^2/h');
    expect(q.degree('h')).toBe(-1);
    expect(q.evaluate({ T: 1024n, d: 1600n, h: 25n }).toBigInt()).toBe(419_430_400n);
  });
  it('evaluates exactly far beyond 2^53 (10^30 stays exact)', () => {
    const q = p('d^2 + 1');
    expect(q.evaluate({ d: 10n ** 15n }).toBigInt()).toBe(10n ** 30n + 1n);
    expect(p('L*d*V').evaluate({ L: 10n ** 10n, d: 10n ** 10n, V: 10n ** 10n }).toBigInt()).toBe(10n ** 30n);
  });
  it('differentiates term by term, including negative powers', () => {
    expect(p('L*(8*T*d^2 + 4*T^2*d + 6*T*d*f) + 2*T*d*V').diff('T').equals(p('L*(8*d^2 + 8*T*d + 6*d*f) + 2*d*V'))).toBe(true);
    expect(p('d/h').diff('h').equals(p('-d/h^2'))).toBe(true);
  });
  it('collects by a symbol and reports degrees', () => {
    const q = p('L*(4*d^2 + 3*d*f) + 2*d*V + d');
    const groups = q.collect('L');
    expect([...groups.keys()].sort()).toEqual([0, 1]);
    expect(groups.get(1)!.equals(p('4*d^2 + 3*d*f'))).toBe(true);
    expect(q.degree('d')).toBe(2);
    expect(q.degree('T')).toBe(0);
  });
  it('substitutes a polynomial for a symbol', () => {
    expect(p('3*d*f').substitute('f', p('4*d')).equals(p('12*d^2'))).toBe(true);
    expect(p('T/h').substitute('h', p('2*d')).equals(p('T/(2*d)'))).toBe(true);
  });
  it('evaluation is a ring homomorphism on random polynomials and points', () => {
    const term = fc.record({
      c: fc.integer({ min: -50, max: 50 }),
      e: fc.array(fc.integer({ min: 0, max: 3 }), { minLength: 3, maxLength: 3 }),
    });
    const poly = fc.array(term, { maxLength: 5 }).map((ts) =>
      ts.reduce(
        (acc, t) => acc.add(Poly.constant(BigInt(t.c)).mul(p(`T^${t.e[0]}*d^${t.e[1]}*L^${t.e[2]}`))),
        Poly.ZERO,
      ),
    );
    const point = fc.record({
      T: fc.bigInt({ min: 1n, max: 10n ** 12n }),
      d: fc.bigInt({ min: 1n, max: 10n ** 12n }),
      L: fc.bigInt({ min: 1n, max: 1000n }),
    });
    fc.assert(
      fc.property(poly, poly, point, (a, b, x) => {
        const ev = (q: Poly) => q.evaluate(x);
        expect(ev(a.mul(b)).equals(ev(a).mul(ev(b)))).toBe(true);
        expect(ev(a.add(b)).equals(ev(a).add(ev(b)))).toBe(true);
        expect(ev(a.sub(a)).equals(Rational.ZERO)).toBe(true);
      }),
    );
  });
});
