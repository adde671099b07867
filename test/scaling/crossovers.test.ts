// Crossovers: where one part of a quantity overtakes another. Every reported root is checked by
// substituting it back (A − B is exactly 0 at an exact root; it changes sign around a float root)
// and the reported `above` side is checked at root × 1.01. Expected values are derived by hand for
// gpt2-xl-swiglu (L = 48, d = 1600, f = 6400, V = 50257) in T:
//   attention = ffn:           4T²d + 8Td² = 6Tdf         ⇔ T = (3f − 4d)/2 = 6400
//   T² matmuls = ffn:            4LT²d = 6LTdf              ⇔ T = 3f/2 = 9600
//   T² matmuls = all the rest:   4LT²d = L(8Td² + 6Tdf) + 2TdV ⇔ T = (4Ld + 3Lf + V)/(2L) = 1279057/96
// and for hand-made polynomials with known roots (x² − 5x + 6: 2 and 3; (x−2)(x−5)(x−10); x³ − 2).
import { describe, expect, it } from 'vitest';
import { mathjs, polyFromMathNode } from '../../src/algebra/mathjs.js';
import { Poly } from '../../src/algebra/poly.js';
import { Rational } from '../../src/algebra/rational.js';
import { scaleText } from '../../src/report/scale.js';
import { crossover, type Crossover } from '../../src/scaling/crossover.js';
import { scale, type ScaleRequest } from '../../src/scaling/scale.js';
import { cli, parseExactJson } from '../helpers/cli.js';
import { handParams, model, XL } from '../helpers/scaling.js';

const SYMS = new Set(['L', 'T', 'd', 'f', 'h', 'V', 'x']);
const math = (s: string) => polyFromMathNode(mathjs().parse(s), SYMS);
const xl = model('gpt2-xl-swiglu');

/** A double as an exact rational (every finite double is one). */
function exact(v: number): Rational {
  const [m, e] = (() => {
    let e = 0;
    let m = v;
    while (!Number.isInteger(m)) {
      m *= 2;
      e++;
    }
    return [BigInt(m), e];
  })();
  return Rational.of(m, 2n ** BigInt(e));
}
const rootOf = (v: Rational | number) => (typeof v === 'number' ? exact(v) : v);
const diffAt = (c: Crossover, x: string, values: Record<string, bigint>, at: Rational) => c.difference.evaluate({ ...values, [x]: at });

/** Substitution checks for every crossing of every crossover. */
function checkCrossings(cs: Crossover[], x: string, values: Record<string, bigint>): void {
  for (const c of cs) {
    const label = `${c.a} = ${c.b}`;
    for (const k of c.crossings) {
      const r = rootOf(k.value);
      if (typeof k.value !== 'number') {
        expect(diffAt(c, x, values, r).isZero(), `${label}: A − B at ${r}`).toBe(true);
      } else {
        // A float root is within ~1e-12 relative of the true one: 1e-6 either side brackets it.
        const lo = diffAt(c, x, values, r.mul(Rational.of(999_999n, 1_000_000n)));
        const hi = diffAt(c, x, values, r.mul(Rational.of(1_000_001n, 1_000_000n)));
        expect(lo.sign() * hi.sign(), `${label}: sign change around ${k.value}`).toBe(-1);
      }
      const above = diffAt(c, x, values, r.mul(Rational.of(101n, 100n)));
      expect(above.sign(), `${label}: larger at ${k.value}·1.01`).toBe(k.above === 'a' ? 1 : -1);
      // The closed form, when linear, evaluates to the root.
      if (c.closedForm?.kind === 'linear' && typeof k.value !== 'number') {
        const others = Object.fromEntries(Object.entries(values).filter(([s]) => s !== x));
        expect(c.closedForm.num.evaluate(others).div(c.closedForm.den.evaluate(others)).equals(r), label).toBe(true);
      }
    }
    if (c.always === 'a' || c.always === 'b') {
      // No crossing at x ≥ 1: the stated side is larger at 1, at the model's value and far out.
      for (const t of [Rational.ONE, ...(values[x] ? [Rational.of(values[x]!)] : []), Rational.of(10n ** 9n)])
        expect(diffAt(c, x, values, t).sign(), `${label} always ${c.always} at ${t}`).toBe(c.always === 'a' ? 1 : -1);
    }
    if (c.always === 'equal') expect(c.difference.isZero()).toBe(true);
  }
}

describe('scale() crossovers of gpt2-xl-swiglu in T: the hand-derived values', () => {
  const a = scale(xl, { quantity: 'flops', symbol: 'T' });
  const find = (x: string, y: string) => a.crossovers.find((c) => c.a === x && c.b === y)!;

  it('attention = ffn at T = (3f − 4d)/2 = 6400, attention larger above', () => {
    const c = find('attention', 'ffn');
    expect(c.crossings).toHaveLength(1);
    expect((c.crossings[0]!.value as Rational).equals(Rational.of(6400n))).toBe(true);
    expect(c.crossings[0]!.above).toBe('a');
    expect(c.closedForm!.kind).toBe('linear');
    const cf = c.closedForm as { num: Poly; den: Poly };
    expect(cf.num.div(cf.den).equals(math('(3*f - 4*d)/2'))).toBe(true);
  });

  it('T² matmuls = ffn at T = 3f/2 = 9600', () => {
    const c = find('T² matmuls', 'ffn');
    expect((c.crossings[0]!.value as Rational).equals(Rational.of(9600n))).toBe(true);
    expect(a.topTerms!.poly.equals(math('4*L*T^2*d'))).toBe(true);
    expect(a.topTerms!.atoms).toEqual(['attention.scores', 'attention.weighted_sum']);
    const cf = c.closedForm as { num: Poly; den: Poly };
    expect(cf.num.div(cf.den).equals(math('3*f/2'))).toBe(true);
  });

  it('T² matmuls = all matmuls linear in T at T = (4Ld + 3Lf + V)/(2L) = 1279057/96', () => {
    const c = a.crossovers.find((k) => k.a === 'T² matmuls' && k.b === 'all matmuls linear in T')!;
    const { L, d, f, V } = XL;
    const hand = Rational.of(4n * L * d + 3n * L * f + V, 2n * L);
    expect(hand.equals(Rational.of(1279057n, 96n))).toBe(true);
    expect((c.crossings[0]!.value as Rational).equals(hand)).toBe(true);
    const cf = c.closedForm as { num: Poly; den: Poly };
    expect(cf.num.div(cf.den).equals(math('(4*L*d + 3*L*f + V)/(2*L)'))).toBe(true);
  });

  it('every reported crossing substitutes back to A − B = 0 and the larger side is right', () => {
    checkCrossings(a.crossovers, 'T', xl.values);
  });

  it('the text lists the values and the closed forms', () => {
    const text = scaleText(a);
    expect(text).toMatch(/attention = ffn\s+.*6,400\s+attention/);
    expect(text).toMatch(/T² matmuls = ffn\s+3f\/2\s+9,600\s+T² matmuls/);
    expect(text).toContain('13,323.51 (= 1279057/96)');
  });
});

describe('every crossover of several quantities and symbols substitutes back', () => {
  const cases: ScaleRequest[] = [];
  for (const quantity of ['flops', 'params', 'attention', 'flops.ffn', 'params.attention'])
    for (const symbol of ['L', 'T', 'd', 'f', 'h', 'V']) cases.push({ quantity, symbol });
  cases.push({ quantity: 'flops', symbol: 'T', perLayer: true });
  cases.push({ quantity: 'params', symbol: 'd', perLayer: true });
  it.each(cases.map((c) => [`${c.quantity}${c.perLayer ? ' per layer' : ''} in ${c.symbol}`, c] as const))('%s', (_n, req) => {
    for (const m of ['gpt2-small-swiglu', 'gpt2-xl-swiglu']) {
      const mm = model(m);
      const a = scale(mm, req);
      checkCrossings(a.crossovers, req.symbol, mm.values);
    }
  });
});

describe('no solution ≥ 1', () => {
  it('ffn vs lm_head in T (a constant ratio 6Lf : 2V) is not a default crossover; asked for, it is `always` ffn', () => {
    const a = scale(xl, { quantity: 'flops', symbol: 'T', crossovers: [['ffn', 'lm_head']] });
    expect(a.crossovers.filter((c) => c.a === 'ffn' && c.b === 'lm_head')).toHaveLength(1); // only the requested one
    const c = a.crossovers[a.crossovers.length - 1]!;
    expect([c.a, c.b]).toEqual(['ffn', 'lm_head']);
    expect(c.crossings).toEqual([]);
    // 6Lf = 1,843,200 > 2V = 100,514: the FFN is larger at every T.
    expect(c.always).toBe('a');
    checkCrossings([c], 'T', xl.values);
    const text = scaleText(a);
    expect(text).toMatch(/ffn = lm_head\s+no solution ≥ 1\s+ffn, for every T ≥ 1/);
  });

  it('two equal parts (attention.q = attention.k) are `always` equal: "every value"', () => {
    const a = scale(xl, { quantity: 'flops', symbol: 'T', crossovers: [['attention.q', 'attention.k']] });
    const c = a.crossovers[a.crossovers.length - 1]!;
    expect(c.always).toBe('equal');
    expect(c.crossings).toEqual([]);
    expect(scaleText(a)).toMatch(/attention\.q = attention\.k\s+every value\s+neither/);
  });

  it('flops = params in T: the only positive root is below 1, so flops are larger for every T ≥ 1', () => {
    // 4LdT² + (L(8d² + 6df) + 2dV)T − P = 0 has its positive root near P/(L(8d²+6df)+2dV) ≈ 0.52.
    const a = scale(xl, { quantity: 'flops', symbol: 'T', crossovers: [['flops', 'params']] });
    const c = a.crossovers[a.crossovers.length - 1]!;
    expect(c.crossings).toEqual([]);
    expect(c.always).toBe('a');
    checkCrossings([c], 'T', xl.values);
  });

  it('CLI: --crossover ffn=lm_head gives always "ffn" and no solutions in JSON, "no solution" in text', () => {
    const doc = parseExactJson(cli(['scale', 'flops', 'gpt2-xl-swiglu', '--in', 'T', '--crossover', 'ffn=lm_head', '--json']).stdout);
    const c = doc.crossovers.find((k: any) => k.a === 'ffn' && k.b === 'lm_head');
    expect(c.solutions).toEqual([]);
    expect(c.always).toBe('ffn');
    expect(math(c.difference).equals(math('6*L*T*d*f - 2*T*d*V'))).toBe(true);
    const text = cli(['scale', 'flops', 'gpt2-xl-swiglu', '--in', 'T', '--crossover', 'ffn=lm_head']);
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(/ffn = lm_head\s+no solution ≥ 1/);
  });
});

describe('CLI JSON crossovers (scale flops gpt2-xl-swiglu --in T --json)', () => {
  const doc = parseExactJson(cli(['scale', 'flops', 'gpt2-xl-swiglu', '--in', 'T', '--json']).stdout);
  const find = (x: string, y: string) => doc.crossovers.find((c: any) => c.a === x && c.b === y);

  it('exact solutions and mathjs-parsable closed forms equal to the hand forms', () => {
    const af = find('attention', 'ffn');
    expect(af.solutions[0].exact).toBe('6400');
    expect(af.solutions[0].larger_above).toBe('attention');
    expect(math(af.closed_form).equals(math('(3*f - 4*d)/2'))).toBe(true);
    expect(math(af.difference).equals(math('L*(4*T^2*d + 8*T*d^2 - 6*T*d*f)'))).toBe(true);
    expect(find('T² matmuls', 'ffn').solutions[0].exact).toBe('9600');
    const all = find('T² matmuls', 'all matmuls linear in T');
    expect(all.solutions[0].exact).toBe('1279057/96');
    expect(Math.abs(all.solutions[0].value - 1279057 / 96)).toBeLessThan(1e-9);
    expect(math(all.closed_form).equals(math('(4*L*d + 3*L*f + V)/(2*L)'))).toBe(true);
  });

  it('every exact solution makes the printed difference zero (mathjs parse, exact evaluation)', () => {
    const values: Record<string, bigint> = doc.model.symbols;
    for (const c of doc.crossovers)
      for (const s of c.solutions) {
        const [n, m = '1'] = String(s.exact).split('/');
        const root = Rational.of(BigInt(n!), BigInt(m));
        expect(math(c.difference).evaluate({ ...values, T: root }).isZero(), `${c.a} = ${c.b}`).toBe(true);
      }
  });
});

describe('the quadratic / numeric path', () => {
  it('attention.scores = params in T: 2LdT² = P, a quadratic, root √(P/(2Ld)) ≈ 117.68 (float)', () => {
    const a = scale(xl, { quantity: 'flops', symbol: 'T', crossovers: [['attention.scores', 'params']] });
    const c = a.crossovers[a.crossovers.length - 1]!;
    expect(c.closedForm!.kind).toBe('quadratic');
    const q = c.closedForm as { a: Poly; b: Poly; c: Poly };
    expect(q.a.equals(math('2*L*d'))).toBe(true);
    expect(q.b.isZero()).toBe(true);
    expect(q.c.equals(math('-(L*(4*d^2 + 3*d*f + 2*d) + 2*d*V + d)'))).toBe(true);
    expect(c.crossings).toHaveLength(1);
    const root = Math.sqrt(Number(handParams(XL)) / Number(2n * XL.L * XL.d));
    expect(typeof c.crossings[0]!.value).toBe('number');
    expect(Math.abs((c.crossings[0]!.value as number) - root) / root).toBeLessThan(1e-9);
    expect(c.crossings[0]!.above).toBe('a');
    checkCrossings([c], 'T', xl.values);
    expect(scaleText(a)).toMatch(/attention\.scores = params\s+≈ 117\.68\s+attention\.scores/);
  });

  it('the same through the CLI (--crossover attention.scores=params --json)', () => {
    const doc = parseExactJson(cli(['scale', 'flops', 'gpt2-xl-swiglu', '--in', 'T', '--crossover', 'attention.scores=params', '--json']).stdout);
    const c = doc.crossovers.find((k: any) => k.a === 'attention.scores' && k.b === 'params');
    expect(c.solutions).toHaveLength(1);
    expect(c.solutions[0].exact).toBeNull();
    const root = Math.sqrt(Number(handParams(XL)) / Number(2n * XL.L * XL.d));
    expect(Math.abs(c.solutions[0].value - root) / root).toBeLessThan(1e-9);
    // The quadratic closed form is a mathjs-evaluable list of both roots (a = 2Ld, b = 0, c = −P):
    // evaluated at the model's symbols, one of them is the reported crossing.
    expect(c.closed_form).toContain('(2*L*d)');
    const scope = Object.fromEntries(Object.entries<bigint>(doc.model.symbols).map(([s, v]) => [s, Number(v)]));
    const roots = (mathjs().evaluate(c.closed_form, scope) as { toArray(): number[] }).toArray();
    expect(roots.some((r) => Math.abs(r - c.solutions[0].value) / c.solutions[0].value < 1e-9)).toBe(true);
    expect(c.closed_form_latex).toContain('\\sqrt');
  });

  const x = (s: string) => ({ name: s, poly: math(s) });

  it('x² + 6 vs 5x (x² − 5x + 6): roots 2 and 3, B larger between them', () => {
    const c = crossover(x('x^2 + 6'), x('5*x'), 'x', {});
    expect(c.closedForm!.kind).toBe('quadratic');
    expect(c.crossings.map((k) => k.value as number).map((v) => Math.round(v * 1e6) / 1e6)).toEqual([2, 3]);
    expect(Math.abs((c.crossings[0]!.value as number) - 2)).toBeLessThan(1e-9);
    expect(Math.abs((c.crossings[1]!.value as number) - 3)).toBeLessThan(1e-9);
    expect(c.crossings.map((k) => k.above)).toEqual(['b', 'a']);
    checkCrossings([c], 'x', {});
  });

  it('a cubic (x−2)(x−5)(x−10) = x³ − 17x² + 80x − 100: roots 2, 5, 10', () => {
    const c = crossover(x('x^3 + 80*x'), x('17*x^2 + 100'), 'x', {});
    expect(c.closedForm).toBeUndefined();
    const roots = c.crossings.map((k) => k.value as number);
    expect(roots).toHaveLength(3);
    [2, 5, 10].forEach((r, i) => expect(Math.abs(roots[i]! - r)).toBeLessThan(1e-9));
    expect(c.crossings.map((k) => k.above)).toEqual(['a', 'b', 'a']); // (x−2)(x−5)(x−10) > 0 on (2,5) and x > 10
    checkCrossings([c], 'x', {});
  });

  it('a cubic with an irrational root: x³ = 2 at x = ∛2', () => {
    const c = crossover(x('x^3'), x('2'), 'x', {});
    expect(c.crossings).toHaveLength(1);
    expect(Math.abs((c.crossings[0]!.value as number) - Math.cbrt(2))).toBeLessThan(1e-9);
    expect(c.crossings[0]!.above).toBe('a');
    checkCrossings([c], 'x', {});
  });

  it('roots below 1 are outside every model: (x − 1/2)(x − 4) keeps only 4', () => {
    const c = crossover(x('x^2 + 2'), x('9/2*x'), 'x', {});
    expect(c.crossings).toHaveLength(1);
    expect(Math.abs((c.crossings[0]!.value as number) - 4)).toBeLessThan(1e-9);
  });

  it('powers of x are taken out first: x⁴ − 5x³ + 6x² crosses at 2 and 3 (not at 0)', () => {
    const c = crossover(x('x^4 + 6*x^2'), x('5*x^3'), 'x', {});
    expect(c.closedForm!.kind).toBe('quadratic');
    expect(c.crossings.map((k) => Math.round((k.value as number) * 1e6) / 1e6)).toEqual([2, 3]);
  });

  it('a Laurent difference 1/x − 1/2 has the exact root 2 (linear after multiplying by x)', () => {
    const c = crossover(x('1/x'), x('1/2'), 'x', {});
    expect((c.crossings[0]!.value as Rational).equals(Rational.of(2n))).toBe(true);
    expect(c.crossings[0]!.above).toBe('b');
  });

  it('with other symbols: L·x = V has the exact root V/L, closed form V/L', () => {
    const c = crossover(x('L*x'), x('V'), 'x', { L: 48n, V: 50257n });
    expect((c.crossings[0]!.value as Rational).equals(Rational.of(50257n, 48n))).toBe(true);
    const cf = c.closedForm as { num: Poly; den: Poly };
    expect(cf.num.div(cf.den).equals(math('V/L'))).toBe(true);
    checkCrossings([c], 'x', { L: 48n, V: 50257n });
  });
});
