// The seed's worked answer (transformer_accounting_worked_answer.txt), question by question.
// Expected values are the seed's own numbers as checked in ../shared/docs/mission.md
// (independently, and against PyTorch's FLOP counter): external facts, not engine output.

import { describe, expect, it } from 'vitest';
import { rankByFlops } from '../src/ledger/ranking.js';
import { accountOf } from './helpers/models.js';

const byId = (a: ReturnType<typeof accountOf>, id: string) => a.components.find((c) => c.component.id === id)!;
const matmul = (a: ReturnType<typeof accountOf>, path: string) => a.flops.matmuls.find((m) => m.matmul.path === path)!;

describe('seed (a): GPT-2 XL shape, parameters and memory', () => {
  const xl = accountOf({ preset: 'gpt2-xl-swiglu' });

  it('counts 2,127,057,600 trainable parameters', () => {
    expect(xl.params.total.value).toBe(2_127_057_600n);
  });
  it('splits them as the seed does', () => {
    expect(byId(xl, 'embedding').params.total.value).toBe(80_411_200n);
    expect(xl.params.perLayer.value).toBe(40_963_200n);
    expect(byId(xl, 'ffn').params.each.value).toBe(30_720_000n);
    expect(byId(xl, 'attention').params.each.value).toBe(10_240_000n);
    expect(byId(xl, 'attention_norm').params.each.value + byId(xl, 'ffn_norm').params.each.value).toBe(3_200n);
    expect(byId(xl, 'final_norm').params.total.value).toBe(1_600n);
    expect(byId(xl, 'lm_head').params.total.value).toBe(80_411_200n);
  });
  it('needs 8,508,230,400 bytes in fp32 (8.51 GB, 7.92 GiB)', () => {
    const fp32 = xl.memory.find((m) => m.dtype === 'fp32')!;
    expect(fp32.bytes).toBe(8_508_230_400n);
    expect(xl.memory.find((m) => m.dtype === 'bf16')!.bytes).toBe(4_254_115_200n);
    expect(xl.memory.find((m) => m.dtype === 'int4')!.bytes).toBe(1_063_528_800n);
  });
});

describe('seed (b): every forward matmul of GPT-2 XL at T = 1,024', () => {
  const xl = accountOf({ preset: 'gpt2-xl-swiglu' });

  it('totals 4,513,336,524,800 FLOPs', () => {
    expect(xl.flops.total.value).toBe(4_513_336_524_800n);
  });
  it('has the seed\'s per-matmul FLOPs', () => {
    for (const p of ['attention.q', 'attention.k', 'attention.v', 'attention.o'])
      expect(matmul(xl, p).flops.value).toBe(5_242_880_000n);
    expect(matmul(xl, 'attention.scores').flops.value).toBe(3_355_443_200n);
    expect(matmul(xl, 'attention.weighted_sum').flops.value).toBe(3_355_443_200n);
    for (const p of ['ffn.w1', 'ffn.w3', 'ffn.w2']) expect(matmul(xl, p).flops.value).toBe(20_971_520_000n);
    expect(matmul(xl, 'lm_head.logits').flops.value).toBe(164_682_137_600n);
  });
  it('has the seed\'s shapes: 25 heads × [1024, 64] @ [64, 1024]', () => {
    const s = matmul(xl, 'attention.scores');
    expect([s.left, s.right, s.times]).toEqual([[1024n, 64n], [64n, 1024n], 25n]);
    const lm = matmul(xl, 'lm_head.logits');
    expect([lm.left, lm.right]).toEqual([[1024n, 1600n], [1600n, 50257n]]);
  });
  it('per layer: FFN 62,914,560,000, attention 27,682,406,400, layer 90,596,966,400', () => {
    expect(byId(xl, 'ffn').flops.each.value).toBe(62_914_560_000n);
    expect(byId(xl, 'attention').flops.each.value).toBe(27_682_406_400n);
    expect(xl.flops.perLayer.value).toBe(90_596_966_400n);
    expect(xl.flops.perLayer.value * 48n).toBe(4_348_654_387_200n);
  });
  it("lists the seed's RoPE-as-dense-rotation figure (~419M per layer) as a labelled alternative, out of the total", () => {
    const dense = xl.nonMatmul.ops.find((o) => o.op.path === 'attention.rope_dense')!;
    expect(dense.flops.value).toBe(419_430_400n);
    expect(dense.op.alternativeTo).toBe('attention.rope');
    const summed = xl.nonMatmul.ops.filter((o) => !o.op.alternativeTo).reduce((s, o) => s + o.total, 0n);
    expect(xl.nonMatmul.total.value).toBe(summed);
  });
});

describe('seed (c): what costs the most', () => {
  it('is the FFN for GPT-2 XL, then attention, then the LM head', () => {
    const ranked = rankByFlops(accountOf({ preset: 'gpt2-xl-swiglu' }));
    expect(ranked.map((r) => r.account.component.id)).toEqual(['ffn', 'attention', 'lm_head']);
    expect(ranked[0]!.layerShare!.toNumber()).toBeCloseTo(0.694, 3);
  });
});

describe('seed (d), (e): other sizes and a longer context', () => {
  it('small / medium / large totals', () => {
    expect(accountOf({ preset: 'gpt2-small-swiglu' }).flops.total.value).toBe(349_630_365_696n);
    expect(accountOf({ preset: 'gpt2-medium-swiglu' }).flops.total.value).toBe(1_033_109_504_000n);
    expect(accountOf({ preset: 'gpt2-large-swiglu' }).flops.total.value).toBe(2_257_754_521_600n);
  });
  it('XL at T = 16,384: 149,522,795,724,800', () => {
    expect(accountOf({ preset: 'gpt2-xl-swiglu', fields: { seq_len: '16384' } }).flops.total.value).toBe(
      149_522_795_724_800n,
    );
  });
});
