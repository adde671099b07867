// Degrees, leading terms and elasticities reported by scale() and `lmledger scale --json`.
// Expected values are derived by hand from the architecture's shapes (test/helpers/scaling.ts):
// total FLOPs L(4T²d + 8Td² + 6Tdf) + 2TdV are quadratic in T with leading term 4LT²d; attention
// L(4T²d + 8Td²) is quadratic, scores and weighted sum (2LT²d each) quadratic, q/k/v/o, the FFN
// and the LM head linear; parameters L(4d² + 3df + 2d) + 2dV + d are free of T and quadratic in d.
// Elasticities x·F'(x)/F(x) are computed here with BigInt from those formulas.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { mathjs, polyFromMathNode } from '../../src/algebra/mathjs.js';
import { Rational } from '../../src/algebra/rational.js';
import { elasticity, leadingTerm } from '../../src/scaling/analysis.js';
import { scale } from '../../src/scaling/scale.js';
import { cli, parseExactJson } from '../helpers/cli.js';
import { customModel, handFlops, handFlopsDerivativeT, handParams, model, XL } from '../helpers/scaling.js';

const S = new Set(['L', 'T', 'd', 'f', 'h', 'V']);
const math = (s: string) => polyFromMathNode(mathjs().parse(s), S);
const xl = model('gpt2-xl-swiglu');

describe('degrees in T', () => {
  const flops = scale(xl, { quantity: 'flops', symbol: 'T' });
  const attention = scale(xl, { quantity: 'attention', symbol: 'T' });
  const deg = (a: typeof flops, name: string) => a.parts.find((p) => p.name === name)!.degree;

  it('total forward FLOPs: degree 2', () => expect(flops.whole.degree).toBe(2));
  it('attention component: degree 2; ffn and lm_head: degree 1', () => {
    expect(deg(flops, 'attention')).toBe(2);
    expect(deg(flops, 'ffn')).toBe(1);
    expect(deg(flops, 'lm_head')).toBe(1);
  });
  it('attention.scores and attention.weighted_sum: degree 2; q, k, v, o: degree 1', () => {
    for (const m of ['scores', 'weighted_sum']) expect(deg(attention, `attention.${m}`)).toBe(2);
    for (const m of ['q', 'k', 'v', 'o']) expect(deg(attention, `attention.${m}`)).toBe(1);
    expect(scale(xl, { quantity: 'attention.scores', symbol: 'T' }).whole.degree).toBe(2);
    expect(scale(xl, { quantity: 'flops.attention.weighted_sum', symbol: 'T' }).whole.degree).toBe(2);
    expect(scale(xl, { quantity: 'ffn.w2', symbol: 'T' }).whole.degree).toBe(1);
    expect(scale(xl, { quantity: 'lm_head.logits', symbol: 'T' }).whole.degree).toBe(1);
  });
  it('parameters: degree 0 in T (and derivative 0)', () => {
    const p = scale(xl, { quantity: 'params', symbol: 'T' });
    expect(p.whole.degree).toBe(0);
    expect(p.whole.derivative.isZero()).toBe(true);
  });
  it('parameters: degree 2 in d, 1 in L, f and V', () => {
    expect(scale(xl, { quantity: 'params', symbol: 'd' }).whole.degree).toBe(2);
    for (const x of ['L', 'f', 'V']) expect(scale(xl, { quantity: 'params', symbol: x }).whole.degree, x).toBe(1);
  });
  it('the leading term of the FLOPs in T is 4LT²d (a Poly identity), of the parameters in d 4Ld² (f held)', () => {
    expect(flops.whole.leading.equals(math('4*L*T^2*d'))).toBe(true);
    expect(leadingTerm(math('L*(4*T^2*d + 8*T*d^2 + 6*T*d*f) + 2*T*d*V'), 'T').equals(math('4*L*T^2*d'))).toBe(true);
    expect(scale(xl, { quantity: 'params', symbol: 'd', hold: ['f'] }).whole.leading.equals(math('4*L*d^2'))).toBe(true);
    // In d with f held the FLOPs lead with 8LTd² (Q, K, V, O).
    expect(scale(xl, { quantity: 'flops', symbol: 'd', hold: ['f'] }).whole.leading.equals(math('8*L*T*d^2'))).toBe(true);
  });
  it('with f = 4d followed (the preset\'s d_ff: 4*d_model), the leading terms are 16Ld² and 32LTd²', () => {
    // 4d² + 3d·4d = 16d² per layer; 8Td² + 6Td·4d = 32Td².
    expect(scale(xl, { quantity: 'params', symbol: 'd' }).whole.leading.equals(math('16*L*d^2'))).toBe(true);
    expect(scale(xl, { quantity: 'flops', symbol: 'd' }).whole.leading.equals(math('32*L*T*d^2'))).toBe(true);
  });
  it('the CLI JSON says the same (degree fields and leading_term)', () => {
    const doc = parseExactJson(cli(['scale', 'flops', 'gpt2-xl-swiglu', '--in', 'T', '--json']).stdout);
    expect(doc.degree).toBe(2n);
    expect(math(doc.leading_term).equals(math('4*L*T^2*d'))).toBe(true);
    expect(doc.parts.attention.degree).toBe(2n);
    expect(doc.parts.ffn.degree).toBe(1n);
    expect(doc.parts.lm_head.degree).toBe(1n);
    const att = parseExactJson(cli(['scale', 'attention', 'gpt2-xl-swiglu', '--in', 'T', '--json']).stdout);
    expect(att.parts['attention.scores'].degree).toBe(2n);
    expect(att.parts['attention.weighted_sum'].degree).toBe(2n);
    for (const m of ['q', 'k', 'v', 'o']) expect(att.parts[`attention.${m}`].degree).toBe(1n);
    const params = parseExactJson(cli(['scale', 'params', 'gpt2-xl-swiglu', '--in', 'T', '--json']).stdout);
    expect(params.degree).toBe(0n);
  });
});

describe('elasticity ∂log F/∂log x = x·F′(x)/F(x)', () => {
  it('of the total FLOPs in T at XL T = 1024 equals T·F′/F computed with BigInt by hand', () => {
    const a = scale(xl, { quantity: 'flops', symbol: 'T' });
    const expected = Rational.of(XL.T * handFlopsDerivativeT(XL), handFlops(XL).total);
    expect(a.whole.elasticity!.equals(expected)).toBe(true);
  });

  it('of attention in T at XL T = 1024 is exactly (8LTd² + 8LT²d)/(8LTd² + 4LT²d) = 41/33 = 1.2424…', () => {
    const a = scale(xl, { quantity: 'flops', symbol: 'T' });
    const e = a.parts.find((p) => p.name === 'attention')!.elasticity!;
    const { L, T, d } = XL;
    const hand = Rational.of(8n * L * T * d * d + 8n * L * T * T * d, 8n * L * T * d * d + 4n * L * T * T * d);
    expect(hand.equals(Rational.of(41n, 33n))).toBe(true);
    expect(e.equals(hand)).toBe(true);
  });

  it('a monomial part (ffn = 6LTdf, lm_head = 2TdV) has elasticity exactly 1 in T; scores exactly 2', () => {
    const a = scale(xl, { quantity: 'flops', symbol: 'T' });
    expect(a.parts.find((p) => p.name === 'ffn')!.elasticity!.equals(Rational.ONE)).toBe(true);
    expect(a.parts.find((p) => p.name === 'lm_head')!.elasticity!.equals(Rational.ONE)).toBe(true);
    const att = scale(xl, { quantity: 'attention', symbol: 'T' });
    expect(att.parts.find((p) => p.name === 'attention.scores')!.elasticity!.equals(Rational.of(2n))).toBe(true);
  });

  it('of the parameters in d (f held) equals d·P′(d)/P(d) by hand: P′ = L(8d + 3f + 2) + 2V + 1', () => {
    const a = scale(xl, { quantity: 'params', symbol: 'd', hold: ['f'] });
    const { L, d, f, V } = XL;
    expect(a.whole.elasticity!.equals(Rational.of(d * (L * (8n * d + 3n * f + 2n) + 2n * V + 1n), handParams(XL)))).toBe(true);
  });
  it('of the parameters in d with f = 4d: P = L(16d² + 2d) + 2dV + d, P′ = L(32d + 2) + 2V + 1', () => {
    const a = scale(xl, { quantity: 'params', symbol: 'd' });
    const { L, d, V } = XL;
    expect(a.whole.elasticity!.equals(Rational.of(d * (L * (32n * d + 2n) + 2n * V + 1n), handParams(XL)))).toBe(true);
  });

  it('JSON elasticity (a double to 12 significant digits) matches 41/33 and the total', () => {
    const doc = parseExactJson(cli(['scale', 'flops', 'gpt2-xl-swiglu', '--in', 'T', '--json']).stdout);
    // 12 significant digits: relative error below 1e-11.
    expect(Math.abs(doc.parts.attention.elasticity - 41 / 33) / (41 / 33)).toBeLessThan(1e-11);
    expect(doc.parts.ffn.elasticity).toBe(1n); // written as the integer 1
    const total = Number(XL.T * handFlopsDerivativeT(XL)) / Number(handFlops(XL).total);
    expect(Math.abs(doc.elasticity - total) / total).toBeLessThan(1e-11);
  });

  it('at random models, elasticity in T matches a finite difference of log F against log T', () => {
    // Central difference of log F over log T with relative step 10⁻⁴ in T (as doubles): for this
    // quadratic F the truncation error is O(10⁻⁸) and the rounding error about 10⁻¹⁶/10⁻⁴ = 10⁻¹²,
    // so 10⁻⁶ is a safe bound; the exponent itself lies between 1 and 2.
    const sym = fc.record({
      L: fc.bigInt({ min: 1n, max: 200n }),
      T: fc.bigInt({ min: 1_000n, max: 1_000_000n }),
      h: fc.bigInt({ min: 1n, max: 64n }),
      k: fc.bigInt({ min: 1n, max: 256n }),
      f: fc.bigInt({ min: 1n, max: 100_000n }),
      V: fc.bigInt({ min: 1n, max: 300_000n }),
    });
    fc.assert(
      fc.property(sym, ({ k, ...s }) => {
        const m = { ...s, d: s.h * k };
        const a = scale(customModel(m), { quantity: 'flops', symbol: 'T' });
        const F = (T: number) => {
          const { L, d, f, V } = m;
          const [Ln, dn, fn, Vn] = [Number(L), Number(d), Number(f), Number(V)];
          return Ln * (4 * T * T * dn + 8 * T * dn * dn + 6 * T * dn * fn) + 2 * T * dn * Vn;
        };
        const T = Number(m.T);
        const h = 1e-4;
        const fd = (Math.log(F(T * (1 + h))) - Math.log(F(T * (1 - h)))) / (Math.log(1 + h) - Math.log(1 - h));
        const e = a.whole.elasticity!.toNumber();
        expect(Math.abs(e - fd)).toBeLessThan(1e-6);
        expect(e).toBeGreaterThan(1);
        expect(e).toBeLessThan(2);
      }),
      { numRuns: 60 },
    );
  });

  it('elasticity() is undefined where F is zero, and x·F′/F otherwise', () => {
    const p = math('T^2 - 4');
    expect(elasticity(p, p.diff('T'), 'T', { T: 2n })).toBeUndefined();
    // T = 3: 3·6/5 = 18/5
    expect(elasticity(p, p.diff('T'), 'T', { T: 3n })!.equals(Rational.of(18n, 5n))).toBe(true);
  });
});
