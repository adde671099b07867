// lmledger's own expression parser against mathjs' parser, the reference.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { ExprError, parsePoly } from '../../src/algebra/parse.js';
import { mathjs, polyFromMathNode } from '../../src/algebra/mathjs.js';

const S = new Set(['L', 'T', 'd', 'f', 'h', 'V', 'd_model']);

/** Random expressions in the formula grammar (no division by sums, integer exponents). */
const expr: fc.Arbitrary<string> = fc.letrec((tie) => ({
  e: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.constantFrom('L', 'T', 'd', 'f', 'h', 'V', 'd_model'),
    fc.integer({ min: 0, max: 99 }).map(String),
    fc.tuple(tie('e'), fc.constantFrom(' + ', ' - ', '*'), tie('e')).map(([a, op, b]) => `${a}${op}${b}`),
    fc.tuple(tie('e'), fc.constantFrom('h', 'd', '2', '(2*h)')).map(([a, b]) => `${a}/${b}`),
    fc.tuple(tie('e'), fc.integer({ min: 0, max: 3 })).map(([a, k]) => `(${a})^${k}`),
    tie('e').map((a) => `-(${a})`),
    tie('e').map((a) => `(${a})`),
  ),
})).e as fc.Arbitrary<string>;

describe('parsePoly', () => {
  it('agrees with mathjs.parse on random expressions', () => {
    const math = mathjs();
    fc.assert(
      fc.property(expr, (text) => {
        const ours = parsePoly(text, S);
        const ref = polyFromMathNode(math.parse(text), S);
        expect(ours.equals(ref)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
  it('follows the usual precedence: 2^3^2 = 2^9, -2^2 = -4, a/b*c = (a/b)*c', () => {
    expect(parsePoly('2^3^2', S).asConstant()!.toBigInt()).toBe(512n);
    expect(parsePoly('-2^2', S).asConstant()!.toBigInt()).toBe(-4n);
    expect(parsePoly('d/h*T', S).equals(parsePoly('(d*T)/h', S))).toBe(true);
  });
  it.each([
    ['d/z', /unknown symbol 'z' \(declared: /],
    ['d/(h+1)', /divide by a single term/],
    ['d^h', /integer constants/],
    ['d**2', /unexpected '\*'/],
    ['(d', /missing '\)'/],
    ['d 2', /unexpected '2'/],
    ['1.5*d', /unexpected '\.'/],
    ['', /is empty/],
    ['d/0', /division by zero/],
  ])('rejects %s', (text, why) => {
    expect(() => parsePoly(text, S)).toThrow(ExprError);
    expect(() => parsePoly(text, S)).toThrow(why);
  });
});
