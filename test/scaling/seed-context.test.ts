// gpt2-xl-swiglu from T = 1,024 to T = 16,384: the total, its factor, the factor of each matmul
// and the shares before and after, through scale() with from/to, sweepStudy, the CLI JSON
// (scale --json, sweep --json) and the generated findings. Expected values: the user's worked
// answer checked against PyTorch (total 149,522,795,724,800; 33.13×; linear matmuls ×16 and
// attention.scores / attention.weighted_sum ×256 exactly; attention 30.6% → 67.1% of a layer;
// LM head 3.6% → 1.8% of the whole), and the hand formula in test/helpers/scaling.ts.
import { describe, expect, it } from 'vitest';
import { Rational } from '../../src/algebra/rational.js';
import { changeFinding, studyFinding } from '../../src/report/findings.js';
import { scaleJson } from '../../src/report/scale.js';
import { scale } from '../../src/scaling/scale.js';
import { sweepStudy } from '../../src/scaling/study.js';
import { cli, parseExactJson } from '../helpers/cli.js';
import { handFlops, model, pct, XL } from '../helpers/scaling.js';

const FROM = 1024n;
const TO = 16384n;
const TOTAL_FROM = 4_513_336_524_800n;
const TOTAL_TO = 149_522_795_724_800n;
const FACTOR = Rational.of(149522795724800n, 4513336524800n);
const LINEAR = ['attention.q', 'attention.k', 'attention.v', 'attention.o', 'ffn.w1', 'ffn.w3', 'ffn.w2', 'lm_head.logits'];
const QUADRATIC = ['attention.scores', 'attention.weighted_sum'];

describe('scale flops in T from 1,024 to 16,384 (library)', () => {
  const xl = model('gpt2-xl-swiglu');
  const answer = scale(xl, { quantity: 'flops', symbol: 'T', from: FROM, to: TO });
  const ch = answer.change!;
  const part = (n: string) => ch.parts.find((p) => p.part.name === n)!;

  it('the totals are the seed numbers (and the hand formula)', () => {
    expect(ch.total.from).toBe(TOTAL_FROM);
    expect(ch.total.to).toBe(TOTAL_TO);
    expect(handFlops({ ...XL, T: TO }).total).toBe(TOTAL_TO);
  });

  it('the factor is exactly 149522795724800/4513336524800 (33.13×)', () => {
    expect(ch.total.factor!.equals(FACTOR)).toBe(true);
    expect(FACTOR.toNumber()).toBeCloseTo(33.13, 2);
  });

  it('every linear matmul grows exactly 16×, scores and weighted sum exactly 256×', () => {
    for (const n of LINEAR) {
      const a = ch.atoms.find((x) => x.part.name === n)!;
      expect(a.factor!.equals(Rational.of(16n)), n).toBe(true);
      expect(a.degree).toBe(1);
    }
    for (const n of QUADRATIC) {
      const a = ch.atoms.find((x) => x.part.name === n)!;
      expect(a.factor!.equals(Rational.of(256n)), n).toBe(true);
      expect(a.degree).toBe(2);
    }
    expect(ch.atoms.map((a) => a.part.name).sort()).toEqual([...LINEAR, ...QUADRATIC].sort());
  });

  it("attention's share of a layer goes 30.6% → 67.1%: exactly (4T + 8d)/(4T + 8d + 6f) at both ends", () => {
    const ls = part('attention').layerShare!;
    // T = 1024: 16896/55296 = 11/36; T = 16384: 78336/116736 = 51/76 (by hand).
    expect(ls.from.equals(Rational.of(11n, 36n))).toBe(true);
    expect(ls.to.equals(Rational.of(51n, 76n))).toBe(true);
    expect([pct(ls.from), pct(ls.to)]).toEqual(['30.6%', '67.1%']);
  });

  it("the LM head's share of the whole goes 3.6% → 1.8%", () => {
    const s = part('lm_head').share;
    expect(s.from.equals(Rational.of(handFlops(XL).lmHead, TOTAL_FROM))).toBe(true);
    expect(s.to.equals(Rational.of(handFlops({ ...XL, T: TO }).lmHead, TOTAL_TO))).toBe(true);
    expect([pct(s.from), pct(s.to)]).toEqual(['3.6%', '1.8%']);
    expect(part('lm_head').layerShare).toBeUndefined();
  });

  it('the finding names 33.13×, 16×, 256× and the share moves', () => {
    const text = changeFinding(answer.quantity, ch);
    expect(text).toContain('33.13×');
    expect(text).toMatch(/the matmuls linear in T \([^)]*\) grow 16×/);
    expect(text).toMatch(/those quadratic in T \(attention\.scores\/weighted_sum\) grow 256×/);
    expect(text).toContain("The multi-head attention's share of a layer rises 30.6% → 67.1%");
    expect(text).toContain("the language-model head's share of the whole falls 3.6% → 1.8%");
    // Both totals, as the question asks how the total changes.
    expect(text).toContain('grow 33.13×, from 4.51 TFLOP to 149.52 TFLOP');
    expect(text.indexOf('16×')).toBeLessThan(text.indexOf('256×'));
  });

  it('scaleJson carries the same finding and exact totals', () => {
    const json = scaleJson(answer) as any;
    expect(json.change.total).toEqual({ from: TOTAL_FROM, to: TOTAL_TO });
    expect(json.finding.startsWith(changeFinding(answer.quantity, ch))).toBe(true);
  });
});

describe('sweepStudy over T = 1,024 and 16,384 (library)', () => {
  const study = sweepStudy(model('gpt2-xl-swiglu'), model('gpt2-xl-swiglu').arch.symbols.find((s) => s.name === 'T')!, [FROM, TO]);

  it('totals and components equal the seed and the hand formula', () => {
    expect(study.points.map((p) => p.total)).toEqual([TOTAL_FROM, TOTAL_TO]);
    const at = study.points[1]!;
    const hand = handFlops({ ...XL, T: TO });
    expect(at.perLayer).toBe(hand.layer);
    expect(at.components.find((c) => c.component.id === 'attention')!.each).toBe(hand.attention);
    expect(at.components.find((c) => c.component.id === 'lm_head')!.total).toBe(hand.lmHead);
  });

  it('the finding has the share moves and the 256× / 16× term growth and the 33.13× total', () => {
    const f = studyFinding(study);
    expect(f).toContain('As T goes 1,024 → 16,384');
    expect(f).toContain("within each layer the multi-head attention's share rises 30.6% → 67.1%");
    expect(f).toContain("the language-model head's falls 3.6% → 1.8%");
    expect(f).toContain('4LT²d 256×');
    expect(f).toMatch(/2TdV 16×/);
    expect(f).toContain('The total grows 33.13×');
  });
});

describe('lmledger scale flops gpt2-xl-swiglu --in T --from 1024 --to 16384 --json (CLI)', () => {
  const run = cli(['scale', 'flops', 'gpt2-xl-swiglu', '--in', 'T', '--from', '1024', '--to', '16384', '--json']);
  const doc = parseExactJson(run.stdout);

  it('exits 0', () => {
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toBe('');
  });
  it('exact totals', () => {
    expect(doc.value).toBe(TOTAL_FROM);
    expect(doc.change.total.from).toBe(TOTAL_FROM);
    expect(doc.change.total.to).toBe(TOTAL_TO);
  });
  it('factors: total ≈ 33.13 (12 significant digits of the exact rational), matmuls 16 and 256 exactly', () => {
    // JSON ratios are doubles rounded to 12 significant digits: compare at that precision.
    expect(Math.abs(doc.factor.total - FACTOR.toNumber()) / FACTOR.toNumber()).toBeLessThan(1e-11);
    for (const n of LINEAR) expect(doc.factor.matmuls[n], n).toBe(16n);
    for (const n of QUADRATIC) expect(doc.factor.matmuls[n], n).toBe(256n);
    expect(doc.factor.components.ffn).toBe(16n);
    expect(doc.factor.components.lm_head).toBe(16n);
  });
  it('shares of a layer and of the whole', () => {
    const att = doc.change.parts.find((p: any) => p.name === 'attention');
    expect(Math.abs(att.share_of_layer.from - 11 / 36)).toBeLessThan(1e-11);
    expect(Math.abs(att.share_of_layer.to - 51 / 76)).toBeLessThan(1e-11);
    const head = doc.change.parts.find((p: any) => p.name === 'lm_head');
    expect(head.share_of_layer).toBeUndefined();
    expect((head.share.from * 100).toFixed(1)).toBe('3.6');
    expect((head.share.to * 100).toFixed(1)).toBe('1.8');
  });
  it('the "finding" field has 33.13×, 16×, 256×, 30.6% → 67.1% and 3.6% → 1.8%, in that order', () => {
    const f: string = doc.finding;
    const order = ['grow 33.13×', 'grow 16×', 'grow 256×', '30.6% → 67.1%', '3.6% → 1.8%', 'Between T = 1,024 and 16,384'].map((s) => f.indexOf(s));
    expect(order.every((i) => i >= 0), f).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
  });
  it('the text view prints the same finding', () => {
    const text = cli(['scale', 'flops', 'gpt2-xl-swiglu', '--in', 'T', '--from', '1024', '--to', '16384']);
    expect(text.code).toBe(0);
    expect(text.stdout).toContain(doc.finding);
    expect(text.stdout).toContain('4,513,336,524,800 → 149,522,795,724,800 (33.13×)');
  });
});

describe('lmledger sweep gpt2-xl-swiglu --T 1024..16384*2 --json (CLI)', () => {
  const run = cli(['sweep', 'gpt2-xl-swiglu', '--T', '1024..16384*2', '--json']);
  // The finding string holds '16,384, attention': parseExactJson must leave strings alone.
  const doc = parseExactJson(run.stdout);
  const Ts = [1024n, 2048n, 4096n, 8192n, 16384n];

  it('has one point per T, each equal to the hand formula', () => {
    expect(run.code, run.stderr).toBe(0);
    expect(doc.kind).toBe('sweep');
    expect(doc.symbol.name).toBe('T');
    expect(doc.points.map((p: any) => p.symbols.T)).toEqual(Ts);
    doc.points.forEach((p: any, i: number) => {
      const hand = handFlops({ ...XL, T: Ts[i]! });
      expect(p.total).toBe(hand.total);
      expect(p.per_layer).toBe(hand.layer);
      expect(p.components.attention.each).toBe(hand.attention);
      expect(p.components.ffn.total).toBe(hand.ffnTotal);
      expect(p.components.lm_head.total).toBe(hand.lmHead);
    });
    expect(doc.points[0].total).toBe(TOTAL_FROM);
    expect(doc.points[4].total).toBe(TOTAL_TO);
  });

  it("the finding lists attention's share of a layer at every T, computed by hand", () => {
    // (4T + 8d)/(4T + 8d + 6f) with d = 1600, f = 6400.
    const shares = Ts.map((T) => pct(Rational.of(4n * T + 8n * XL.d, 4n * T + 8n * XL.d + 6n * XL.f)));
    expect(shares[0]).toBe('30.6%');
    expect(shares[4]).toBe('67.1%');
    expect(doc.finding).toContain(`within each layer the multi-head attention's share rises ${shares.join(' → ')}`);
    expect(doc.finding).toContain('As T goes 1,024 → 2,048 → 4,096 → 8,192 → 16,384');
    expect(doc.finding).toContain('The total grows 33.13×');
  });
});
