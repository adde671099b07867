// Proof (b): every PyTorch measurement, through the CLI exactly as a user would run it.
//
// Expected values: test/fixtures/torch_measured.json (its "about": PyTorch on the meta device;
// params = numel of unique parameters, FLOPs = FlopCounterMode matmul totals over batch × seq_len
// tokens, dense attention). All 48 cases, the variant fields (num_kv_heads, head_dim, ffn, norm,
// position, tie_embeddings, biases) included: each case's config is written to a JSON file and run as
//   lmledger account --config FILE --seq-len T --batch B --json
// and params.total / flops.forward.total must equal the measured params / forward_matmul_flops.
import { describe, expect, it } from 'vitest';
import { cliJsonAsync, tempFiles } from '../helpers/proof.js';
import { torchCases as cases } from '../helpers/torch.js';
/** A measured count as BigInt; every one must be a safe integer, or JSON.parse may have rounded it. */
const exact = (n: number) => {
  expect(Number.isSafeInteger(n)).toBe(true);
  return BigInt(n);
};

const file = tempFiles('torch');

describe('PyTorch measurements through `lmledger account --config`', () => {
  it('the fixture holds all 48 cases', () => expect(cases).toHaveLength(48));

  cases.forEach((c, i) => {
    const variant = Object.keys(c.config).filter((k) => !['vocab_size', 'context_length', 'num_layers', 'd_model', 'num_heads', 'd_ff'].includes(k));
    // Concurrent: each case is its own process, so they can overlap.
    it.concurrent(`case ${i}: ${variant.length ? variant.join(', ') : 'seed fields only'}; batch ${c.batch} × seq ${c.seq_len}`, async () => {
      const path = file(`case-${i}.json`, c.config);
      const out = await cliJsonAsync(['account', '--config', path, '--seq-len', String(c.seq_len), '--batch', String(c.batch)]);
      expect(out.params.total).toBe(exact(c.params));
      expect(out.flops.forward.total).toBe(exact(c.forward_matmul_flops));
    });
  });
});

// lmledger has no backward accounting yet, so this checks only the fixture's own relation
// (backward matmul FLOPs = 2 × forward: one product for the input gradient and one for the weight
// gradient per forward product), which holds for every one of the 48 measured cases.
describe("the fixture's own relation: backward matmul FLOPs = 2 × forward", () => {
  it('holds for all 48 cases', () => {
    for (const c of cases) expect(exact(c.backward_matmul_flops)).toBe(2n * exact(c.forward_matmul_flops));
  });
});
