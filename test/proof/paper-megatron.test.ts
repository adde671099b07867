// Proof (e, Megatron): Narayanan et al. 2021 ("Efficient Large-Scale Language Model Training on GPU
// Clusters Using Megatron-LM", §5.1 / Appendix) and Korthikanti et al. 2022 ("Reducing Activation
// Recomputation in Large Transformer Models"), for a GPT-style model with f = 4h, a 2-matrix MLP,
// B sequences of s tokens and hidden size h; formula text from /work/shared/docs/references.md:
//   training model FLOPs           72·B·L·s·h²·(1 + s/(6h) + V/(12·h·L))   (forward + backward = 3 × forward)
//   with activation recomputation  96·B·s·L·h²·(1 + s/(6h) + V/(16·L·h))   (one extra forward)
//   parameters                     12·L·h²·(1 + 13/(12h) + (V + s)/(12·L·h))
// The paper's h is lmledger's d, its s is T (and N_pos, the rows of the learned position table); lmledger's h (heads)
// disappears from these totals when a = d/h. Formulas are parsed by mathjs; dropped terms are named.
import { describe, expect, it } from 'vitest';
import { Poly } from '../../src/algebra/poly.js';
import { account } from '../../src/ledger/account.js';
import { symbolicLedger } from '../../src/ledger/symbolic.js';
import { resolveModel } from '../../src/model/spec.js';
import { component, decoderArch, expectSamePoly, num, paperPoly, sym } from '../helpers/proof.js';

const B = sym('B'), d = sym('d'), T = sym('T');
const NAMES = { B: 'B', L: 'L', s: 'T', h: 'd', V: 'V' };
const TRAINING = '72 * B * L * s * h^2 * (1 + s / (6 * h) + V / (12 * h * L))';
const RECOMPUTE = '96 * B * s * L * h^2 * (1 + s / (6 * h) + V / (16 * L * h))';
const PARAMS = '12 * L * h^2 * (1 + 13 / (12 * h) + (V + s) / (12 * L * h))';
const f4d = (p: Poly) => p.substitute('f', num(4).mul(d));

describe('training FLOPs (GPT-style forward: gelu MLP, no biases, k and a defaulted)', () => {
  // Biases, norms and positions add no matmul FLOPs, so the bias-free decoder has GPT's matmuls.
  const arch = decoderArch({ ffn: 'gelu' });
  const forward = f4d(symbolicLedger(arch).flops.total);

  it('72·B·L·s·h²·(1 + s/(6h) + V/(12hL)) = 3·B·(forward matmul FLOPs per sequence), exactly', () => {
    expectSamePoly(num(3).mul(B).mul(forward), paperPoly(TRAINING, NAMES));
  });

  it('with recomputation: 96·B·s·L·h²·(1 + s/(6h) + V/(16Lh)) = 4·B·(layers) + 3·B·(LM head): the extra forward skips the LM head', () => {
    const lmHead = f4d(component(arch, 'lm_head').flops);
    const layers = forward.sub(lmHead);
    expectSamePoly(num(4).mul(B).mul(layers).add(num(3).mul(B).mul(lmHead)), paperPoly(RECOMPUTE, NAMES));
  });

  it('numerically through --batch: 3 × account(B = 3).flops.total = the paper at the point', () => {
    const L = 4n, s = 96n, h = 128n, V = 5000n;
    const model = resolveModel({
      arch: 'decoder',
      values: { ffn: 'gelu', vocab_size: Number(V), context_length: Number(s), num_layers: Number(L), d_model: Number(h), num_heads: 8, d_ff: Number(4n * h) },
      batch: '3',
    });
    const paper = paperPoly(TRAINING, NAMES).evaluate({ B: 3n, L, T: s, d: h, V });
    expect(paper.isInteger()).toBe(true);
    expect(3n * account(model).flops.total.value).toBe(paper.toBigInt());
  });
});

describe("parameters (GPT-2's design: LayerNorm, learned positions N_pos = s, every bias, tied, gelu, f = 4h)", () => {
  const design = { ffn: 'gelu', norm: 'layernorm', position: 'learned', tie_embeddings: true, qkv_bias: true, out_bias: true, mlp_bias: true };
  const arch = decoderArch(design);
  const params = f4d(symbolicLedger(arch).params.total).substitute('N_pos', T);

  it('12·L·h²·(1 + 13/(12h) + (V + s)/(12Lh)) + 2h (the final LayerNorm, gain and bias, which the formula drops) = the decoder\'s count', () => {
    const finalLayerNorm = num(2).mul(d);
    expectSamePoly(component(arch, 'final_norm').params, finalLayerNorm);
    expectSamePoly(params.sub(paperPoly(PARAMS, NAMES)), finalLayerNorm);
  });

  it('GPT-2 small (L 12, h 768, V 50,257, s 1,024): 124,439,808 − 2·768 = the formula', () => {
    const paper = paperPoly(PARAMS, NAMES).evaluate({ L: 12n, d: 768n, V: 50257n, T: 1024n });
    expect(paper.toBigInt()).toBe(124_439_808n - 2n * 768n);
    expect(account(resolveModel({ preset: 'gpt2' })).params.total.value).toBe(124_439_808n);
  });
});
