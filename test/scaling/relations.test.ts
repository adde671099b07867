// Relations between symbols: a preset's d_ff: 4*d_model is f = 4d, which scale and sweep in d
// follow by default (substituted before differentiating and solving), --hold f keeps f fixed and
// --relate f=8/3*d states one for any model. Expected values are the seed's shapes written out by
// hand (handFlops) at the widths the relation gives, and crossovers solved by hand.
import { describe, expect, it } from 'vitest';
import { Rational } from '../../src/algebra/rational.js';
import { cli, parseExactJson } from '../helpers/cli.js';
import { expectUserError, handFlops, XL } from '../helpers/scaling.js';

const json = (args: string[]) => {
  const r = cli([...args, '--json']);
  expect(r.code, r.stderr).toBe(0);
  return parseExactJson(r.stdout);
};
const roots = (doc: any) => doc.crossovers.flatMap((c: any) => c.solutions.map((s: any) => ({ a: c.a, b: c.b, exact: s.exact })));

describe('scale flops gpt2-xl-swiglu --in d --from 1600 --to 3200: f follows d (f = 4d)', () => {
  const doc = json(['scale', 'flops', 'gpt2-xl-swiglu', '--in', 'd', '--from', '1600', '--to', '3200']);

  it('says which relation it used, and where it came from', () => {
    expect(doc.relations.used).toEqual([{ symbol: 'f', formula: '4*d', source: "the preset's d_ff: 4*d_model" }]);
    expect(doc.change.derived).toEqual({ f: { from: 6400n, to: 12800n } });
  });
  it('the FFN grows 4× (3·2·T·d·f with both d and f doubled); the total is the hand count at d = 3200, f = 12800', () => {
    expect(doc.factor.components.ffn).toBe(4n);
    expect(doc.change.total.to).toBe(handFlops({ ...XL, d: 3200n, f: 12800n }).total);
    expect(doc.change.total.from).toBe(handFlops(XL).total);
  });
  it('no crossover at d = 4,288 (that one needs f frozen at 6,400); attention = ffn at d = T/4 = 256', () => {
    // 4LT²d + 8LTd² = 6LTd·4d  <=>  4T = 16d  <=>  d = T/4.
    expect(roots(doc).some((r: any) => r.exact === '4288')).toBe(false);
    const att = doc.crossovers.find((c: any) => c.a === 'attention' && c.b === 'ffn');
    expect(att.solutions.map((s: any) => s.exact)).toEqual([String(XL.T / 4n)]);
  });
  it('the derivative is that of L(4T²d + 32Td²) + 2TdV', () => {
    const { L, T, d, V } = XL;
    expect(doc.derivative_value).toBe(L * (4n * T * T + 64n * T * d) + 2n * T * V);
  });
  it('the text says it follows f = 4d and shows f at both ends', () => {
    const text = cli(['scale', 'flops', 'gpt2-xl-swiglu', '--in', 'd', '--from', '1600', '--to', '3200']).stdout;
    expect(text).toContain("follows f = 4d (the preset's d_ff: 4*d_model)");
    expect(text).toContain('f: 6,400 → 12,800');
  });
});

describe('--hold f keeps the FFN width fixed', () => {
  const doc = json(['scale', 'flops', 'gpt2-xl-swiglu', '--in', 'd', '--from', '1600', '--to', '3200', '--hold', 'f']);
  it('the FFN grows 2×, and attention = ffn at d = (3f − 2T)/4 = 4,288', () => {
    expect(doc.factor.components.ffn).toBe(2n);
    expect(doc.relations.used).toEqual([]);
    expect(doc.relations.held).toEqual(['f']);
    const { T, f } = XL;
    expect(roots(doc).some((r: any) => r.a === 'attention' && r.b === 'ffn' && r.exact === String((3n * f - 2n * T) / 4n))).toBe(true);
    expect(doc.change.total.to).toBe(handFlops({ ...XL, d: 3200n }).total);
  });
});

describe('--relate f=8/3*d states a relation for any model', () => {
  const doc = json(['scale', 'flops', 'gpt2-xl-swiglu', '--in', 'd', '--relate', 'f=8/3*d']);
  it('replaces the preset\'s, says so, and says it differs from the model at its own d', () => {
    expect(doc.relations.used).toEqual([{ symbol: 'f', formula: '8/3*d', source: '--relate f=8/3*d' }]);
    expect(doc.relations.not_used.map((u: any) => u.why)).toEqual(['--relate f=8/3*d replaces it']);
    expect(doc.relations.differ_from_model).toEqual([{ symbol: 'f', model: 6400n, relation: '12800/3' }]);
  });
  it('the formula is L(4T²d + 8Td² + 16Td²) + 2TdV (6Td·(8/3)d = 16Td²)', () => {
    const { L, T, d, V } = XL;
    expect(doc.value).toBe(L * (4n * T * T * d + 24n * T * d * d) + 2n * T * d * V);
    expect(doc.derivative_value).toBe(L * (4n * T * T + 48n * T * d) + 2n * T * V);
  });
  it('works for a model with no preset relation, in config names too', () => {
    const llama = json(['scale', 'params', 'llama-3-8b', '--in', 'd_model', '--relate', 'd_ff=8/3*d_model']);
    expect(llama.relations.used[0].formula).toBe('8/3*d');
    expect(json(['scale', 'params', 'llama-3-8b', '--in', 'd']).relations.used).toEqual([]);
  });
  it('relations that do not involve the symbol are not followed, and text leaves them out', () => {
    const t = json(['scale', 'flops', 'gpt2-xl-swiglu', '--in', 'T']);
    expect(t.relations.used).toEqual([]);
    expect(t.relations.not_used[0].why).toBe('it does not involve T');
    expect(cli(['scale', 'flops', 'gpt2-xl-swiglu', '--in', 'T']).stdout).not.toMatch(/follows|not followed/);
  });
});

describe('sweep in d follows f = 4d', () => {
  const doc = json(['sweep', 'gpt2-xl-swiglu', '--d', '800,1600,3200']);
  it('f is 4d at every point, and every total is the hand count there', () => {
    expect(doc.points.map((p: any) => p.symbols.f)).toEqual([3200n, 6400n, 12800n]);
    for (const p of doc.points) expect(p.total).toBe(handFlops({ ...XL, d: p.symbols.d, f: 4n * p.symbols.d }).total);
    expect(doc.relations.used[0].symbol).toBe('f');
  });
  it('the FFN\'s share of a layer follows 6f/(4T + 8d + 6f) with f = 4d: it rises with d', () => {
    const shares = doc.shares.find((s: any) => s.component === 'ffn').values as number[];
    const exact = [800n, 1600n, 3200n].map((d) => Rational.of(24n * d, 4n * XL.T + 32n * d).toNumber());
    shares.forEach((s, i) => expect(Math.abs(s - exact[i]!)).toBeLessThan(1e-11));
  });
  it('--hold f keeps f at 6,400', () => {
    expect(json(['sweep', 'gpt2-xl-swiglu', '--d', '800,1600', '--hold', 'f']).points.map((p: any) => p.symbols.f)).toEqual([6400n, 6400n]);
  });
  it('the text says f follows d', () => {
    expect(cli(['sweep', 'gpt2-xl-swiglu', '--d', '800,1600']).stdout).toContain('d varies; f = 4d follows it; held fixed: L = 48, T = 1,024, h = 25, V = 50,257.');
  });
});

describe('bad relations: one line naming what is wrong', () => {
  it('a width the relation makes fractional', () =>
    expectUserError(['sweep', 'gpt2-xl-swiglu', '--d', '1000', '--relate', 'f=8/3*d'], /--d 1000: f = 8\/3\*d \(--relate f=8\/3\*d\) is 8000\/3 there, not a positive whole number; .*--hold f/));
  it('the same at --from/--to', () =>
    expectUserError(['scale', 'flops', 'gpt2-xl-swiglu', '--in', 'd', '--relate', 'f=8/3*d', '--from', '1500', '--to', '1600'], /d = 1600: f = 8\/3\*d .* is 12800\/3 there/));
  it('no =', () => expectUserError(['scale', 'flops', 'gpt2-xl-swiglu', '--in', 'd', '--relate', 'f'], /--relate f: expected symbol=expression, e\.g\. f=8\/3\*d/));
  it('an unknown symbol on the left', () => expectUserError(['scale', 'flops', 'gpt2-xl-swiglu', '--in', 'd', '--relate', 'z=2*d'], /--relate: unknown symbol 'z'.*symbols of swiglu-mha/));
  it('an unknown symbol on the right', () => expectUserError(['scale', 'flops', 'gpt2-xl-swiglu', '--in', 'd', '--relate', 'f=2*q'], /--relate f=2\*q: .*unknown symbol.*q/));
  it('a symbol in terms of itself', () => expectUserError(['scale', 'flops', 'gpt2-xl-swiglu', '--in', 'd', '--relate', 'f=f+d'], /f cannot be written in terms of itself/));
  it('the symbol that varies', () => expectUserError(['scale', 'flops', 'gpt2-xl-swiglu', '--in', 'f', '--relate', 'f=4*d'], /--relate f=4\*d: f is the symbol that varies/));
  it('relations in a circle', () => expectUserError(['scale', 'flops', 'gpt2-xl-swiglu', '--in', 'T', '--relate', 'd=f/4'], /relations define .* in terms of each other/));
  it('--hold an unknown symbol', () => expectUserError(['sweep', 'gpt2-xl-swiglu', '--d', '800', '--hold', 'q'], /--hold: unknown symbol 'q'/));
  it('--hold and --relate of the same symbol', () =>
    expectUserError(['scale', 'flops', 'gpt2-xl-swiglu', '--in', 'd', '--hold', 'f', '--relate', 'f=2*d'], /--hold f keeps f fixed; give one or the other/));
});
