// compare across the four GPT-2-shaped presets (gpt2-small/medium/large/xl-swiglu): totals, the
// FFN and attention shares of a layer, the LM head's and the layers' shares of the whole, and the
// generated finding. Expected values: the user's worked answer (checked against PyTorch), i.e.
// totals 349,630,365,696 / 1,033,109,504,000 / 2,257,754,521,600 / 4,513,336,524,800 and the
// percentages below; the exact share fractions are derived by hand (with f = 4d a layer's FFN
// share is 6df/(4Td + 8d² + 6df) = 6d/(T + 8d)), not taken from lmledger's output.
import { describe, expect, it } from 'vitest';
import { Rational } from '../../src/algebra/rational.js';
import { studyJson } from '../../src/report/study.js';
import { shareSeries, studyFinding } from '../../src/report/findings.js';
import { compareStudy } from '../../src/scaling/study.js';
import { cli, parseExactJson } from '../helpers/cli.js';
import { handFlops, model, pct, PRESET_SYMBOLS, PRESETS } from '../helpers/scaling.js';

const SEED = {
  totals: [349_630_365_696n, 1_033_109_504_000n, 2_257_754_521_600n, 4_513_336_524_800n],
  ffnOfLayer: ['64.3%', '66.7%', '68.2%', '69.4%'],
  attentionOfLayer: ['35.7%', '33.3%', '31.8%', '30.6%'],
  lmHeadOfWhole: ['22.6%', '10.2%', '5.8%', '3.6%'],
  layersOfWhole: ['77.4%', '89.8%', '94.2%', '96.4%'],
  // 6d/(T + 8d) at d = 768, 1024, 1280, 1600 and T = 1024, reduced by hand.
  ffnOfLayerExact: [Rational.of(9n, 14n), Rational.of(2n, 3n), Rational.of(15n, 22n), Rational.of(25n, 36n)],
};
const series = (xs: string[]) => xs.join(' → ');

describe('compare gpt2-small → medium → large → xl (library: compareStudy)', () => {
  const study = compareStudy(PRESETS.map((p) => model(p)));
  const comp = (i: number, id: string) => study.points[i]!.components.find((c) => c.component.id === id)!;

  it('totals are the seed numbers, and the hand-written formula agrees', () => {
    expect(study.points.map((p) => p.total)).toEqual(SEED.totals);
    expect(PRESETS.map((p) => handFlops(PRESET_SYMBOLS[p]!).total)).toEqual(SEED.totals);
  });

  it('per-component FLOPs equal the hand formula, per layer and whole pass', () => {
    PRESETS.forEach((p, i) => {
      const hand = handFlops(PRESET_SYMBOLS[p]!);
      expect(study.points[i]!.perLayer).toBe(hand.layer);
      expect(comp(i, 'attention').each).toBe(hand.attention);
      expect(comp(i, 'attention').total).toBe(hand.attentionTotal);
      expect(comp(i, 'ffn').each).toBe(hand.ffn);
      expect(comp(i, 'ffn').total).toBe(hand.ffnTotal);
      expect(comp(i, 'lm_head').total).toBe(hand.lmHead);
    });
  });

  it("FFN's share of a layer is exactly 9/14, 2/3, 15/22, 25/36 (64.3% → 66.7% → 68.2% → 69.4%)", () => {
    const shares = study.points.map((p, i) => Rational.of(comp(i, 'ffn').each, p.perLayer));
    shares.forEach((s, i) => expect(s.equals(SEED.ffnOfLayerExact[i]!), `${s}`).toBe(true));
    expect(shares.map(pct)).toEqual(SEED.ffnOfLayer);
  });

  it("attention's share of a layer is 35.7% → 33.3% → 31.8% → 30.6% (1 − the FFN's, exactly)", () => {
    const shares = study.points.map((p, i) => Rational.of(comp(i, 'attention').each, p.perLayer));
    shares.forEach((s, i) => expect(s.add(SEED.ffnOfLayerExact[i]!).equals(Rational.ONE)).toBe(true));
    expect(shares.map(pct)).toEqual(SEED.attentionOfLayer);
  });

  it("the LM head's share of the whole is 22.6% → 10.2% → 5.8% → 3.6%, the layers' 77.4% → 89.8% → 94.2% → 96.4%", () => {
    const head = study.points.map((p, i) => Rational.of(comp(i, 'lm_head').total, p.total));
    const layers = study.points.map((p, i) => Rational.of(comp(i, 'attention').total + comp(i, 'ffn').total, p.total));
    expect(head.map(pct)).toEqual(SEED.lmHeadOfWhole);
    expect(layers.map(pct)).toEqual(SEED.layersOfWhole);
    head.forEach((h, i) => expect(h.add(layers[i]!).equals(Rational.ONE)).toBe(true));
  });

  it('shareSeries reports the same exact series', () => {
    const byId = Object.fromEntries(shareSeries(study).map((s) => [s.id, s]));
    expect(byId.ffn!.of).toBe('a layer');
    expect(byId.ffn!.shares.every((s, i) => s.equals(SEED.ffnOfLayerExact[i]!))).toBe(true);
    expect(byId.attention!.shares.map(pct)).toEqual(SEED.attentionOfLayer);
    expect(byId.lm_head!.of).toBe('the whole');
    expect(byId.lm_head!.shares.map(pct)).toEqual(SEED.lmHeadOfWhole);
    expect(byId['all layers']!.shares.map(pct)).toEqual(SEED.layersOfWhole);
  });

  it('the finding states every series in order, with its direction, within a layer then of the whole', () => {
    const finding = studyFinding(study);
    expect(finding).toContain(`within each layer the SwiGLU feed-forward's share rises ${series(SEED.ffnOfLayer)}`);
    expect(finding).toContain(`the multi-head attention's falls ${series(SEED.attentionOfLayer)}`);
    expect(finding).toContain(`of the whole pass the layers' combined share rises ${series(SEED.layersOfWhole)}`);
    expect(finding).toContain(`the language-model head's falls ${series(SEED.lmHeadOfWhole)}`);
    expect(finding).not.toMatch(/shrink|share grows/);
    expect(finding).toContain('Across gpt2-small-swiglu → gpt2-medium-swiglu → gpt2-large-swiglu → gpt2-xl-swiglu');
  });

  it('the finding explains the moves by term growth: L×4 and d, f, h ×(1600/768) between small and xl', () => {
    const finding = studyFinding(study);
    // 8LTd² and 6LTdf grow 4·(1600/768)² = 17.36×, 4LT²d 4·(1600/768) = 8.33×, 2TdV 1600/768 = 2.08×.
    expect(finding).toMatch(/8LTd² and 6LTdf 17\.36×/);
    expect(finding).toMatch(/4LT²d 8\.33×/);
    expect(finding).toMatch(/2TdV 2\.08×/);
    // The total grows 4513336524800 / 349630365696 = 12.9088… ≈ 12.91×.
    expect(finding).toContain('The total grows 12.91×');
  });

  it('studyJson carries the exact integers and the same finding', () => {
    const json = studyJson(study) as any;
    expect(json.points.map((p: any) => p.total)).toEqual(SEED.totals);
    expect(json.finding).toBe(studyFinding(study));
  });
});

describe('lmledger compare … --json (CLI)', () => {
  const run = cli(['compare', ...PRESETS, '--json']);
  const doc = parseExactJson(run.stdout);

  it('exits 0 with one JSON document', () => {
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toBe('');
    expect(doc.kind).toBe('compare');
    expect(doc.points.map((p: any) => p.label)).toEqual(PRESETS);
  });

  it('totals and per-layer values are exact integers equal to the seed and the hand formula', () => {
    expect(doc.points.map((p: any) => p.total)).toEqual(SEED.totals);
    doc.points.forEach((p: any, i: number) => {
      const hand = handFlops(PRESET_SYMBOLS[PRESETS[i]!]!);
      expect(p.per_layer).toBe(hand.layer);
      expect(p.components.attention.each).toBe(hand.attention);
      expect(p.components.ffn.each).toBe(hand.ffn);
      expect(p.components.lm_head.total).toBe(hand.lmHead);
      expect(p.components.lm_head.each).toBeUndefined();
      expect(p.symbols).toEqual(PRESET_SYMBOLS[PRESETS[i]!]);
    });
  });

  it('shares (6 decimals) round to the seed percentages and match the exact fractions within 5e-7', () => {
    doc.points.forEach((p: any, i: number) => {
      expect(Math.abs(p.components.ffn.share_of_layer - SEED.ffnOfLayerExact[i]!.toNumber())).toBeLessThanOrEqual(5e-7);
      expect((p.components.ffn.share_of_layer * 100).toFixed(1) + '%').toBe(SEED.ffnOfLayer[i]);
      expect((p.components.attention.share_of_layer * 100).toFixed(1) + '%').toBe(SEED.attentionOfLayer[i]);
      expect((p.components.lm_head.share * 100).toFixed(1) + '%').toBe(SEED.lmHeadOfWhole[i]);
    });
    const shares = Object.fromEntries(doc.shares.map((s: any) => [s.component, s]));
    expect(shares['all layers'].values.map((v: number) => (v * 100).toFixed(1) + '%')).toEqual(SEED.layersOfWhole);
    expect(shares.lm_head.of).toBe('the whole');
    expect(shares.ffn.of).toBe('a layer');
  });

  it('the "finding" field contains each series in order', () => {
    expect(doc.finding).toContain(series(SEED.ffnOfLayer));
    expect(doc.finding).toContain(series(SEED.attentionOfLayer));
    expect(doc.finding).toContain(series(SEED.lmHeadOfWhole));
    expect(doc.finding).toContain(series(SEED.layersOfWhole));
  });

  it('the text view shows the same series and totals', () => {
    const text = cli(['compare', ...PRESETS]);
    expect(text.code).toBe(0);
    expect(text.stdout).toContain(series(SEED.lmHeadOfWhole));
    for (const t of ['349,630,365,696', '1,033,109,504,000', '2,257,754,521,600', '4,513,336,524,800']) expect(text.stdout).toContain(t);
  });

  it('--seq-len applies to every model: totals equal the hand formula at T = 2048', () => {
    const r = parseExactJson(cli(['compare', 'gpt2-small-swiglu', 'gpt2-xl-swiglu', '--seq-len', '2048', '--json']).stdout);
    expect(r.points[0].total).toBe(handFlops({ ...PRESET_SYMBOLS['gpt2-small-swiglu']!, T: 2048n }).total);
    expect(r.points[1].total).toBe(handFlops({ ...PRESET_SYMBOLS['gpt2-xl-swiglu']!, T: 2048n }).total);
  });

  it('--batch 3 multiplies every FLOP count by 3', () => {
    const r = parseExactJson(cli(['compare', 'gpt2-small-swiglu', 'gpt2-xl-swiglu', '--batch', '3', '--json']).stdout);
    expect(r.points[0].total).toBe(3n * SEED.totals[0]!);
    expect(r.points[1].total).toBe(3n * SEED.totals[3]!);
    expect(r.points[1].components.ffn.each).toBe(3n * handFlops(PRESET_SYMBOLS['gpt2-xl-swiglu']!).ffn);
  });
});
