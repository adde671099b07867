// Derivatives: src/scaling/analysis.ts `derivative` (mathjs.derivative on the printed formula,
// read back as an exact Poly) against Poly.diff and against derivatives written by hand.
// Expected values: d/dT of L(4T²d + 8Td² + 6Tdf) + 2TdV = L(8d² + 8Td + 6df) + 2dV (by hand, from
// the seed's formula), d/dd of L(4d² + 3df + 2d) + 2dV + d = L(8d + 3f + 2) + 2V + 1 (by hand), and
// for random Laurent polynomials Poly.diff's term-by-term rule, itself checked by hand below.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { mathjs, polyFromMathNode } from '../../src/algebra/mathjs.js';
import { Monomial, Poly } from '../../src/algebra/poly.js';
import { Rational } from '../../src/algebra/rational.js';
import { loadArchitecture } from '../../src/formulas/load.js';
import { symbolicLedger } from '../../src/ledger/symbolic.js';
import { derivative } from '../../src/scaling/analysis.js';
import { scale } from '../../src/scaling/scale.js';
import { cli, parseExactJson } from '../helpers/cli.js';
import { handFlopsDerivativeT, model, XL } from '../helpers/scaling.js';

const arch = loadArchitecture('swiglu-mha');
const ledger = symbolicLedger(arch);
const SYMBOLS = ['L', 'T', 'd', 'f', 'h', 'V'];
const S = new Set(SYMBOLS);
/** A formula written by hand, read by mathjs (not by lmledger's own parser). */
const math = (s: string) => polyFromMathNode(mathjs().parse(s), S);

const DFLOPS_DT = 'L*(8*d^2 + 8*T*d + 6*d*f) + 2*d*V';

describe('d/dT of the forward FLOPs of swiglu-mha', () => {
  it('the CLI JSON `derivative` is L(8d² + 8Td + 6df) + 2dV as a polynomial identity', () => {
    const run = cli(['scale', 'flops', 'gpt2-xl-swiglu', '--in', 'T', '--json']);
    expect(run.code, run.stderr).toBe(0);
    const doc = parseExactJson(run.stdout);
    const printed = math(doc.derivative);
    expect(printed.equals(math(DFLOPS_DT))).toBe(true);
    expect(printed.equals(ledger.flops.total.diff('T'))).toBe(true);
    expect(doc.derivative_value).toBe(handFlopsDerivativeT(XL));
    // Each part's derivative too: attention L(8Td + 8d²), ffn 6Ldf, lm_head 2dV.
    expect(math(doc.parts.attention.derivative).equals(math('L*(8*T*d + 8*d^2)'))).toBe(true);
    expect(math(doc.parts.ffn.derivative).equals(math('6*L*d*f'))).toBe(true);
    expect(math(doc.parts.lm_head.derivative).equals(math('2*d*V'))).toBe(true);
  });

  it('scale() reports the same derivative and its exact value at the model', () => {
    const a = scale(model('gpt2-xl-swiglu'), { quantity: 'flops', symbol: 'T' });
    expect(a.whole.derivative.equals(math(DFLOPS_DT))).toBe(true);
    expect(a.whole.derivativeValue.equals(Rational.of(handFlopsDerivativeT(XL)))).toBe(true);
    // 48·(8·1024·1600 + 8·1600² + 6·1600·6400) + 2·1600·50257 = 4,722,128,000 (by hand)
    expect(a.whole.derivativeValue.toBigInt()).toBe(4_722_128_000n);
  });

  it('d/dd of the parameters with f held is L(8d + 3f + 2) + 2V + 1 (CLI JSON)', () => {
    const doc = parseExactJson(cli(['scale', 'params', 'gpt2-xl-swiglu', '--in', 'd', '--hold', 'f', '--json']).stdout);
    expect(math(doc.derivative).equals(math('L*(8*d + 3*f + 2) + 2*V + 1'))).toBe(true);
    expect(doc.derivative_value).toBe(48n * (8n * 1600n + 3n * 6400n + 2n) + 2n * 50257n + 1n);
    expect(doc.relations.used).toEqual([]);
    expect(doc.relations.held).toEqual(['f']);
  });
  it('d/dd of the parameters with f = 4d followed is L(32d + 2) + 2V + 1 (CLI JSON)', () => {
    const doc = parseExactJson(cli(['scale', 'params', 'gpt2-xl-swiglu', '--in', 'd', '--json']).stdout);
    expect(math(doc.derivative).equals(math('L*(32*d + 2) + 2*V + 1'))).toBe(true);
    expect(doc.derivative_value).toBe(48n * (32n * 1600n + 2n) + 2n * 50257n + 1n);
    expect(doc.relations.used).toEqual([{ symbol: 'f', formula: '4*d', source: "the preset's d_ff: 4*d_model" }]);
  });

  it('the parameters do not depend on T or h: derivative 0', () => {
    for (const x of ['T', 'h']) {
      const a = scale(model('gpt2-xl-swiglu'), { quantity: 'params', symbol: x });
      expect(a.whole.derivative.isZero()).toBe(true);
      expect(a.whole.elasticity!.isZero()).toBe(true);
    }
  });
});

describe('analysis.derivative (mathjs) agrees with Poly.diff', () => {
  it('for the parameters and FLOPs of every component and the totals, in every symbol', () => {
    const polys = [
      ledger.params.total,
      ledger.params.perLayer,
      ledger.flops.total,
      ledger.flops.perLayer,
      ledger.nonMatmulFlops.total, // has T²h and, via rope_dense elsewhere, the Laurent d²/h
      ...ledger.components.flatMap((c) => [c.params, c.flops, c.nonMatmulFlops]),
      ...arch.components.flatMap((c) => [...c.matmuls.map((m) => m.flops), ...c.nonMatmul.map((n) => n.flops)]),
    ];
    for (const p of polys) for (const x of SYMBOLS) expect(derivative(p, x, S).equals(p.diff(x)), `${p} in ${x}`).toBe(true);
  });

  it("Poly.diff's rule on a few hand cases (so the reference itself is right)", () => {
    expect(math('d/h').diff('h').equals(math('-d/h^2'))).toBe(true);
    expect(math('3/2*T^2*d').diff('T').equals(math('3*T*d'))).toBe(true);
    expect(math('4*T*d^2/h').diff('d').equals(math('8*T*d/h'))).toBe(true);
    expect(math('L*V + 7').diff('T').isZero()).toBe(true);
  });

  // Random Laurent polynomials: up to 6 terms, rational coefficients n/m (|n| ≤ 60, m ≤ 12),
  // exponents −2…3 in each of the six symbols (most often 0 or 1, as in real formulas).
  const exponent = fc.oneof({ arbitrary: fc.constantFrom(0, 1), weight: 3 }, { arbitrary: fc.integer({ min: -2, max: 3 }), weight: 2 });
  const term = fc.record({
    num: fc.integer({ min: -60, max: 60 }).filter((n) => n !== 0),
    den: fc.integer({ min: 1, max: 12 }),
    exps: fc.tuple(exponent, exponent, exponent, exponent, exponent, exponent),
  });
  const laurent = fc.array(term, { minLength: 1, maxLength: 6 }).map((ts) =>
    Poly.fromTerms(
      ts.map((t) => ({
        mono: new Monomial(SYMBOLS.map((s, i) => [s, t.exps[i]!] as const)),
        coef: Rational.of(BigInt(t.num), BigInt(t.den)),
      })),
    ),
  );

  it('for random Laurent polynomials with rational coefficients, in d, L, f, V, h and T', () => {
    fc.assert(
      fc.property(laurent, fc.constantFrom(...SYMBOLS), (p, x) => {
        expect(derivative(p, x, S).equals(p.diff(x)), `${p} in ${x}`).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('for random polynomials the derivative also matches a finite difference at a point', () => {
    // The derivative's meaning, checked in exact rationals: the central difference
    // (p(x+ε) − p(x−ε))/(2ε) differs from p'(x) by at most ε²/6·max|p'''| near x. With ≤ 6 terms,
    // |coefficients| ≤ 60, exponents −2…3 (|e(e−1)(e−2)| ≤ 24) and symbol values 1…50 (so at most
    // 50¹⁵ from the other symbols), max|p'''| < 6·60·24·50¹⁵·2 ≈ 5·10²⁹; with ε = 10⁻²⁰ the error
    // is below 10⁻¹⁰, well under the 10⁻⁶ allowed.
    const point = fc.tuple(...SYMBOLS.map(() => fc.integer({ min: 1, max: 50 })));
    fc.assert(
      fc.property(laurent, fc.constantFrom(...SYMBOLS), point, (p, x, pt) => {
        const values: Record<string, Rational> = Object.fromEntries(SYMBOLS.map((s, i) => [s, Rational.of(BigInt(pt[i]!))]));
        const eps = Rational.of(1n, 10n ** 20n);
        const at = (v: Rational) => p.evaluate({ ...values, [x]: v });
        const central = at(values[x]!.add(eps)).sub(at(values[x]!.sub(eps))).div(eps.mul(Rational.of(2n)));
        const exact = derivative(p, x, S).evaluate(values);
        const err = central.sub(exact).abs();
        const scaleOf = exact.abs().add(Rational.ONE);
        expect(err.compare(scaleOf.mul(Rational.of(1n, 10n ** 6n))), `${p} in ${x}`).toBeLessThan(1);
      }),
      { numRuns: 100 },
    );
  });

  // Coefficients past 2^53 must reach mathjs as exact BigInt constants, not as text read back as
  // doubles. Expected by hand: d/dd of 12345678901234567·d² = 24691357802469134·d.
  it('is exact for coefficients beyond 2^53 (12345678901234567·d²)', () => {
    const p = Poly.fromTerms([{ mono: new Monomial([['d', 2]]), coef: Rational.of(12345678901234567n) }]);
    const expected = Poly.fromTerms([{ mono: new Monomial([['d', 1]]), coef: Rational.of(24691357802469134n) }]);
    expect(derivative(p, 'd', S).equals(expected)).toBe(true);
  });
});
