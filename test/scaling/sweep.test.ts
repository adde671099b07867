// Sweeps against direct evaluation: sweepStudy's compiled BigInt formulas equal account()
// (Poly.evaluate on the symbolic ledger) at every point, for every component and total, at random
// models and values (fast-check); compile() equals Poly.evaluate on random Laurent polynomials
// with rational coefficients where the value is an integer and throws where it is not; and
// parseRange reads lists and ranges. Expected values: account() (a separate evaluation path),
// Poly.evaluate, the hand formula of test/helpers/scaling.ts and the range syntax of
// src/scaling/range.ts's header (1024..16384*2 = 1024, 2048, 4096, 8192, 16384).
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { compile } from '../../src/algebra/compile.js';
import { Monomial, Poly } from '../../src/algebra/poly.js';
import { Rational } from '../../src/algebra/rational.js';
import { UserError } from '../../src/errors.js';
import { account } from '../../src/ledger/account.js';
import type { ModelSpec } from '../../src/model/spec.js';
import { parseRange } from '../../src/scaling/range.js';
import { sweepStudy } from '../../src/scaling/study.js';
import { customModel, handFlops, model, XL, type Sym } from '../helpers/scaling.js';

const symbolOf = (m: ModelSpec, name: string) => m.arch.symbols.find((s) => s.name === name)!;

/** Every number of one sweep point against account() of the same model built directly. */
function expectPointMatchesAccount(point: ReturnType<typeof sweepStudy>['points'][number], direct: ModelSpec): void {
  const a = account(direct);
  expect(point.total).toBe(a.flops.total.value);
  expect(point.perLayer).toBe(a.flops.perLayer.value);
  const withFlops = a.components.filter((c) => c.flops.total.value !== 0n);
  expect(point.components.map((c) => c.component.id)).toEqual(withFlops.map((c) => c.component.id));
  for (const c of point.components) {
    const ac = a.components.find((x) => x.component.id === c.component.id)!;
    expect(c.each, c.component.id).toBe(ac.flops.each.value);
    expect(c.total, c.component.id).toBe(ac.flops.total.value);
  }
  // and the sum of the components is the total
  expect(point.components.reduce((s, c) => s + c.total, 0n)).toBe(point.total);
}

describe('sweepStudy equals account() at every point', () => {
  it('gpt2-xl-swiglu over T = 1024..16384*2, and the hand formula', () => {
    const xl = model('gpt2-xl-swiglu');
    const values = parseRange('--T', '1024..16384*2');
    const study = sweepStudy(xl, symbolOf(xl, 'T'), values);
    study.points.forEach((p, i) => {
      expectPointMatchesAccount(p, model('gpt2-xl-swiglu', { seq_len: values[i]! }));
      expect(p.total).toBe(handFlops({ ...XL, T: values[i]! }).total);
      expect(p.label).toBe(`T = ${values[i]!.toLocaleString('en-US')}`);
    });
  });

  it('random models, random swept symbol and values, with a batch (fast-check)', () => {
    const base = fc.record({
      L: fc.bigInt({ min: 1n, max: 128n }),
      T: fc.bigInt({ min: 1n, max: 100_000n }),
      h: fc.bigInt({ min: 1n, max: 64n }),
      k: fc.bigInt({ min: 1n, max: 512n }),
      f: fc.bigInt({ min: 1n, max: 100_000n }),
      V: fc.bigInt({ min: 1n, max: 300_000n }),
      batch: fc.bigInt({ min: 1n, max: 8n }),
    });
    const sweepOf = fc.constantFrom('L', 'T', 'd', 'f', 'h', 'V');
    const multipliers = fc.uniqueArray(fc.bigInt({ min: 1n, max: 40n }), { minLength: 1, maxLength: 5 });
    fc.assert(
      fc.property(base, sweepOf, multipliers, ({ k, batch, ...b }, x, ms) => {
        const s: Sym = { ...b, d: b.h * k };
        // Values that keep h | d: d sweeps over multiples of h; h over divisors of d (h·1, or 1).
        const values =
          x === 'd' ? ms.map((m) => s.h * m) : x === 'h' ? [...new Set([1n, s.h, ...ms.filter((m) => s.d % m === 0n)])] : ms.map((m) => m * 7n);
        const m = customModel(s, batch);
        const study = sweepStudy(m, symbolOf(m, x), values);
        expect(study.points).toHaveLength(values.length);
        study.points.forEach((p, i) => {
          const at = { ...s, [x]: values[i]! } as Sym;
          expect(p.values[x]).toBe(values[i]);
          expectPointMatchesAccount(p, customModel(at, batch));
          expect(p.total).toBe(batch * handFlops(at).total);
        });
      }),
      { numRuns: 120 },
    );
  });

  it('a value breaking h | d is refused with a UserError naming num_heads and d_model', () => {
    const xl = model('gpt2-xl-swiglu');
    expect(() => sweepStudy(xl, symbolOf(xl, 'd'), [1000n, 1001n])).toThrow(UserError);
    expect(() => sweepStudy(xl, symbolOf(xl, 'd'), [1001n])).toThrow(/num_heads = 25 does not divide d_model = 1001/);
    expect(() => sweepStudy(xl, symbolOf(xl, 'h'), [7n])).toThrow(/num_heads = 7 does not divide d_model = 1600/);
  });
});

describe('compile() equals Poly.evaluate', () => {
  const SYMBOLS = ['L', 'T', 'd', 'f', 'h', 'V'];
  const exponent = fc.integer({ min: -3, max: 4 });
  const term = fc.record({
    num: fc.bigInt({ min: -(10n ** 12n), max: 10n ** 12n }).filter((n) => n !== 0n),
    den: fc.bigInt({ min: 1n, max: 360n }),
    exps: fc.array(exponent, { minLength: 6, maxLength: 6 }),
  });
  const laurent = fc.array(term, { maxLength: 7 }).map((ts) =>
    Poly.fromTerms(ts.map((t) => ({ mono: new Monomial(SYMBOLS.map((s, i) => [s, t.exps[i]!] as const)), coef: Rational.of(t.num, t.den) }))),
  );
  const point = fc.array(fc.bigInt({ min: 1n, max: 10n ** 6n }), { minLength: 6, maxLength: 6 });
  const valuesOf = (pt: bigint[]) => Object.fromEntries(SYMBOLS.map((s, i) => [s, pt[i]!]));

  it('at points where the value is an integer: made so by subtracting the fractional part as a constant', () => {
    fc.assert(
      fc.property(laurent, point, (p, pt) => {
        const v = p.evaluate(valuesOf(pt));
        const frac = v.sub(Rational.of(v.num / v.den)); // v − trunc(v): the part that is not whole
        const q = p.sub(Poly.constant(frac));
        const expected = q.evaluate(valuesOf(pt));
        expect(expected.isInteger()).toBe(true);
        expect(compile(q, SYMBOLS)(pt)).toBe(expected.num);
      }),
      { numRuns: 400 },
    );
  });

  it('on any random point: equal when Poly.evaluate is an integer, else compile throws "not an integer"', () => {
    let integers = 0;
    let fractions = 0;
    fc.assert(
      fc.property(laurent, point, (p, pt) => {
        const v = p.evaluate(valuesOf(pt));
        const f = compile(p, SYMBOLS);
        if (v.isInteger()) {
          integers++;
          expect(f(pt)).toBe(v.num);
        } else {
          fractions++;
          expect(() => f(pt)).toThrow(/not an integer/);
        }
      }),
      { numRuns: 400 },
    );
    expect(integers).toBeGreaterThan(0);
    expect(fractions).toBeGreaterThan(0);
  });

  it('hand cases: integer polynomials, head sizes, constants, zero, symbol order', () => {
    const d_h = Poly.symbol('d').div(Poly.symbol('h'));
    expect(compile(d_h, ['d', 'h'])([1600n, 25n])).toBe(64n);
    expect(() => compile(d_h, ['d', 'h'])([1601n, 25n])).toThrow(/not an integer/);
    expect(compile(d_h, ['h', 'd'])([25n, 1600n])).toBe(64n); // order of the values array follows `symbols`
    expect(compile(Poly.ZERO, ['d'])([5n])).toBe(0n);
    expect(compile(Poly.constant(Rational.of(-6n)), [])([])).toBe(-6n);
    expect(compile(Poly.constant(Rational.of(7n, 2n)).mul(Poly.symbol('T')), ['T'])([4n])).toBe(14n);
    expect(() => compile(Poly.symbol('Q'), ['T'])).toThrow(/symbol Q/);
    // far beyond 2^53, exactly
    expect(compile(Poly.symbol('d').pow(3), ['d'])([10n ** 12n])).toBe(10n ** 36n);
  });
});

describe('parseRange', () => {
  const R = (s: string) => parseRange('--T', s);

  it('lists, in the order given', () => {
    expect(R('1024,2048,4096')).toEqual([1024n, 2048n, 4096n]);
    expect(R('4096,1024')).toEqual([4096n, 1024n]);
    expect(R('7')).toEqual([7n]);
  });
  it("'1024..16384*2' is geometric: 1024, 2048, 4096, 8192, 16384", () => {
    expect(R('1024..16384*2')).toEqual([1024n, 2048n, 4096n, 8192n, 16384n]);
  });
  it("'512..2048+512' is arithmetic: 512, 1024, 1536, 2048", () => {
    expect(R('512..2048+512')).toEqual([512n, 1024n, 1536n, 2048n]);
  });
  it("'1..5' is every integer", () => {
    expect(R('1..5')).toEqual([1n, 2n, 3n, 4n, 5n]);
  });
  it('stops at the last value not above the end', () => {
    expect(R('1000..5000*2')).toEqual([1000n, 2000n, 4000n]);
    expect(R('2..10+3')).toEqual([2n, 5n, 8n]);
    expect(R('3..3')).toEqual([3n]);
  });
  it('removes duplicates, keeping the first occurrence', () => {
    expect(R('1024,1024,2048')).toEqual([1024n, 2048n]);
    expect(R('1..4,2..6')).toEqual([1n, 2n, 3n, 4n, 5n, 6n]);
    expect(R('2048,1024..4096*2')).toEqual([2048n, 1024n, 4096n]);
  });
  it('allows whitespace and _ separators', () => {
    expect(R(' 1024 , 2048 ')).toEqual([1024n, 2048n]);
    expect(R(' 1024 .. 4096 * 2 ')).toEqual([1024n, 2048n, 4096n]);
    expect(R('1_024,2_048')).toEqual([1024n, 2048n]);
  });
  it('values beyond 2^53 stay exact', () => {
    expect(R('9007199254740993')).toEqual([9007199254740993n]);
  });
  it.each([
    ['', /is empty/],
    ['   ', /is empty/],
    ['abc', /has 'abc', not a positive integer/],
    ['0', /not a positive integer/],
    ['-5', /not a positive integer/],
    ['1.5', /not a positive integer/],
    ['1024,,2048', /not a positive integer/],
    ['4096..1024', /goes down \(4096 > 1024\)/],
    ['1..8*1', /multiplies by less than 2/],
    ['1..8+0', /not a positive integer/],
    ['1..3000000', /more than 1,000,000 points/],
  ])('refuses %j', (text, message) => {
    expect(() => R(text)).toThrow(UserError);
    expect(() => R(text)).toThrow(message);
    expect(() => R(text)).toThrow(/^--T: /);
  });
});
