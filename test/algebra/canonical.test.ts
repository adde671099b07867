// The canonical form: printed formulas are the same polynomial (identity, via an independent
// parser and evaluator), and the layout follows the documented rule.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { mathjs, polyFromMathNode } from '../../src/algebra/mathjs.js';
import { parsePoly } from '../../src/algebra/parse.js';
import { Poly } from '../../src/algebra/poly.js';
import { asciiStyle } from '../../src/print/ascii.js';
import { renderPoly } from '../../src/print/render.js';
import { textStyle } from '../../src/print/text.js';
import { latexStyle } from '../../src/print/latex.js';

const ORDER = ['L', 'T', 'd', 'f', 'h', 'V'];
const S = new Set(ORDER);
const opts = { order: ORDER, collect: 'L' };

const monomial = fc.record({
  c: fc.integer({ min: -20, max: 20 }).filter((c) => c !== 0),
  den: fc.constantFrom(1, 1, 1, 2, 3),
  e: fc.array(fc.integer({ min: -1, max: 3 }), { minLength: 6, maxLength: 6 }),
});
const poly = fc.array(monomial, { maxLength: 6 }).map((ms) =>
  ms.reduce(
    (acc, m) =>
      acc.add(parsePoly(`${m.c}/${m.den}*${ORDER.map((s, i) => `${s}^(${m.e[i]})`).join('*')}`, S)),
    Poly.ZERO,
  ),
);

describe('canonical form', () => {
  it('ASCII output parses back (with mathjs) to the same polynomial', () => {
    const math = mathjs();
    fc.assert(
      fc.property(poly, (p) => {
        const text = renderPoly(p, asciiStyle, opts);
        expect(polyFromMathNode(math.parse(text), S).equals(p)).toBe(true);
        expect(parsePoly(text, S).equals(p)).toBe(true);
        // A sum opens with a minus only when every term at the top level is negative.
        const collected = [...p.collect('L')];
        const anyPositive = collected.some(([power, rest]) => (power !== 0 && rest.terms().length > 1) || rest.terms().some((t) => !t.coef.isNegative()));
        if (anyPositive) expect(text.startsWith('-'), text).toBe(false);
      }),
      { numRuns: 300 },
    );
  });

  it('is collected by L, highest power first, and graded by degree inside', () => {
    const p = parsePoly('2*T*d*V + L*(6*T*d*f + 8*T*d^2 + 4*T^2*d)', S);
    expect(renderPoly(p, textStyle, opts)).toBe('L(4T²d + 8Td² + 6Tdf) + 2TdV');
    const params = parsePoly('d*(2*V + 1 + 3*L*f) + L*(4*d^2 + 2*d)', S);
    expect(renderPoly(params, textStyle, opts)).toBe('L(4d² + 3df + 2d) + 2dV + d');
    expect(renderPoly(params, latexStyle(), opts)).toBe('L\\left(4 d^{2} + 3 d f + 2 d\\right) + 2 d V + d');
  });

  it('prints signs, fractions and negative powers readably', () => {
    // A positive term goes first when there is one; the others keep the canonical order.
    expect(renderPoly(parsePoly('-d + 3/2*T - 4*T*d^2/h', S), textStyle, opts)).toBe('(3/2)T − 4Td²/h − d');
    expect(renderPoly(parsePoly('-d - 4*T*d^2/h', S), textStyle, opts)).toBe('−4Td²/h − d');
    expect(renderPoly(parsePoly('k*d^2/(h*T)', new Set([...S, 'k'])), textStyle, opts)).toBe('d²k/(Th)');
    expect(renderPoly(parsePoly('3/2*T*d/h', S), latexStyle(), opts)).toBe('\\frac{3 T d}{2 h}');
    expect(renderPoly(Poly.ZERO, textStyle, opts)).toBe('0');
    // Inside a group too: d − T, not −T + d (the declared order alone would put T first).
    expect(renderPoly(parsePoly('L^2*d - L^2*T', S), textStyle, opts)).toBe('L²(d − T)');
    expect(renderPoly(parsePoly('3*f - 4*d', S), latexStyle(), opts)).toBe('3 f - 4 d');
    expect(renderPoly(parsePoly('3*f - 4*d', S), asciiStyle, opts)).toBe('3*f - 4*d');
    // At the top level too: V − T, not −T + V.
    expect(renderPoly(parsePoly('V - T', S), textStyle, opts)).toBe('V − T');
  });
});
