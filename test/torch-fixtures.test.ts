// PyTorch measurements (test/fixtures/torch_measured.json, copied from the project's shared
// fixtures; its "about" says how they were measured): parameters = numel of unique parameters,
// forward FLOPs = FlopCounterMode matmul totals for batch × seq_len tokens, dense attention.
// These are a route independent of lmledger's formulas.

import { describe, expect, it } from 'vitest';
import { accountOf, fields } from './helpers/models.js';
import { torchCases as cases } from './helpers/torch.js';

const SEED_FIELDS = ['context_length', 'd_ff', 'd_model', 'num_heads', 'num_layers', 'vocab_size'];
const seedCases = cases.filter((c) => Object.keys(c.config).every((k) => SEED_FIELDS.includes(k)));

describe('seed architecture (swiglu-mha) against PyTorch measurements', () => {
  it('has seed-only cases to check', () => {
    expect(seedCases.length).toBeGreaterThanOrEqual(10);
  });
  for (const c of seedCases) {
    const name = `${JSON.stringify(c.config)} batch ${c.batch} × seq ${c.seq_len}`;
    it(name, () => {
      const a = accountOf({
        arch: 'swiglu-mha',
        fields: { ...fields(c.config as Record<string, number>), seq_len: String(c.seq_len) },
        batch: String(c.batch),
      });
      expect(a.params.total.value).toBe(BigInt(c.params));
      expect(a.flops.total.value).toBe(BigInt(c.forward_matmul_flops));
    });
  }
});
