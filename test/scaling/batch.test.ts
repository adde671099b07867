// --batch B with the scaling commands. README ("--batch B multiplies FLOP totals by B") and the
// option's own help ("sequences per forward pass (FLOP totals scale by B)") fix the expected
// values: B × the per-sequence FLOPs (seed: 4,513,336,524,800 per sequence for gpt2-xl-swiglu at
// T = 1,024), while parameters do not depend on the batch. compare and sweep do this;
// `scale` must do the same (it once reported per-sequence values beside "batch": 2).
import { describe, expect, it } from 'vitest';
import { scale } from '../../src/scaling/scale.js';
import { sweepStudy } from '../../src/scaling/study.js';
import { cli, parseExactJson } from '../helpers/cli.js';
import { handFlops, handFlopsDerivativeT, handParams, model, XL } from '../helpers/scaling.js';

const PER_SEQUENCE = 4_513_336_524_800n;

describe('--batch 2', () => {
  it('sweep multiplies every FLOP count by the batch (library and CLI)', () => {
    const m = model('gpt2-xl-swiglu', {}, 2n);
    const s = sweepStudy(m, m.arch.symbols.find((x) => x.name === 'T')!, [1024n, 2048n]);
    expect(s.points[0]!.total).toBe(2n * PER_SEQUENCE);
    expect(s.points[1]!.total).toBe(2n * handFlops({ ...XL, T: 2048n }).total);
    const doc = parseExactJson(cli(['sweep', 'gpt2-xl-swiglu', '--T', '1024', '--batch', '2', '--json']).stdout);
    expect(doc.points[0].total).toBe(2n * PER_SEQUENCE);
    expect(doc.points[0].batch).toBe(2n);
  });

  it('scale params does not depend on the batch', () => {
    const a = scale(model('gpt2-xl-swiglu', {}, 2n), { quantity: 'params', symbol: 'd' });
    expect(a.whole.value).toBe(handParams(XL));
  });

  // BUG (src/scaling/scale.ts): scale() evaluates every polynomial at model.values and never
  // multiplies FLOPs by model.batch, so `scale flops … --batch 2` prints the per-sequence value.
  it('scale flops --batch 2: value and derivative are 2 × the per-sequence ones (library)', () => {
    const a = scale(model('gpt2-xl-swiglu', {}, 2n), { quantity: 'flops', symbol: 'T' });
    expect(a.whole.value).toBe(2n * PER_SEQUENCE);
    expect(a.whole.derivativeValue.toBigInt()).toBe(2n * handFlopsDerivativeT(XL));
  });

  it('scale flops --batch 2 --from 1024 --to 16384: the totals are 2 × 4,513,336,524,800 → 2 × 149,522,795,724,800', () => {
    const a = scale(model('gpt2-xl-swiglu', {}, 2n), { quantity: 'flops', symbol: 'T', from: 1024n, to: 16384n });
    expect(a.change!.total.from).toBe(2n * PER_SEQUENCE);
    expect(a.change!.total.to).toBe(2n * 149_522_795_724_800n);
  });

  it('CLI: scale flops gpt2-xl-swiglu --in T --batch 2 --json reports batch 2 and 2 × the FLOPs', () => {
    const doc = parseExactJson(cli(['scale', 'flops', 'gpt2-xl-swiglu', '--in', 'T', '--batch', '2', '--json']).stdout);
    expect(doc.model.batch).toBe(2n);
    expect(doc.value).toBe(2n * PER_SEQUENCE); // actual: 4513336524800
  });

  it('factors and shares do not depend on the batch (they are ratios)', () => {
    const one = scale(model('gpt2-xl-swiglu'), { quantity: 'flops', symbol: 'T', from: 1024n, to: 16384n });
    const two = scale(model('gpt2-xl-swiglu', {}, 2n), { quantity: 'flops', symbol: 'T', from: 1024n, to: 16384n });
    expect(two.change!.total.factor!.equals(one.change!.total.factor!)).toBe(true);
    expect(two.whole.elasticity!.equals(one.whole.elasticity!)).toBe(true);
  });
});
