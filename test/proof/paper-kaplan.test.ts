// Proof (e, Kaplan): Kaplan et al. 2020, "Scaling Laws for Neural Language Models", Table 1, as
// symbolic identities against the engine's Polys for the decoder resolved as the paper's model:
// a 2-matrix MLP (ffn gelu), no biases, multi-head attention (k and a left to their defaults k = h,
// a = d/h, so d_attn = d), untied embedding and LM head, RMSNorm (a gain of d per norm), RoPE (no
// position parameters; Kaplan's learned positions sit in the embedding, outside N anyway).
// Formula text (references.md, "Paper formulas"): N = 2·d_model·n_layer·(2·d_attn + d_ff);
// C_forward = 2N + 2·n_layer·n_ctx·d_attn FLOPs per token, with d_attn = d_model.
// The formulas are parsed by mathjs; every term Kaplan drops is named and asserted exactly.
import { describe, expect, it } from 'vitest';
import { symbolicLedger } from '../../src/ledger/symbolic.js';
import { component, decoderArch, expectSamePoly, num, paperPoly, sym } from '../helpers/proof.js';

const L = sym('L'), T = sym('T'), d = sym('d'), V = sym('V');
const KAPLAN_NAMES = { n_layer: 'L', d_model: 'd', d_ff: 'f', n_ctx: 'T', n_vocab: 'V' };
const N_TEXT = '2 * d_model * n_layer * (2 * d_attn + d_ff)';
const C_TEXT = `2 * (${N_TEXT}) + 2 * n_layer * n_ctx * d_attn`;

describe('Kaplan et al. 2020, Table 1, d_attn = d_model (k, a defaulted)', () => {
  const arch = decoderArch({ ffn: 'gelu' });
  const ledger = symbolicLedger(arch);
  const N = paperPoly(N_TEXT, { ...KAPLAN_NAMES, d_attn: 'd' });
  const C = paperPoly(C_TEXT, { ...KAPLAN_NAMES, d_attn: 'd' });

  it('the decoder is the paper\'s model: gelu, no biases, untied, k = h and a = d/h', () => {
    expect(arch.defaulted.map((s) => s.name).sort()).toEqual(['a', 'k']);
    expect(arch.chosen).toMatchObject({ ffn: 'gelu', qkv_bias: false, out_bias: false, mlp_bias: false, tie_embeddings: false, norm: 'rmsnorm' });
  });

  it('non-embedding parameters = N + 2·L·d (the two norm gains per layer Kaplan omits) + d (the final norm)', () => {
    const nonEmbedding = ledger.params.total.sub(component(arch, 'embedding').params).sub(component(arch, 'lm_head').params);
    const normGains = num(2).mul(L).mul(d);
    const finalNorm = d;
    expectSamePoly(nonEmbedding.sub(N), normGains.add(finalNorm));
  });

  it('forward FLOPs per token = C_forward + 2·L·T·d (dense mask: twice the causal average Kaplan counts) + 2·d·V (de-embed, listed but not in C_forward)', () => {
    const perToken = ledger.flops.total.div(T);
    // Kaplan's "attention: mask" row 2·n_layer·n_ctx·d_attn is half of the dense QKᵀ plus
    // weights·V (4·L·T·d per token): the causal average over a sequence. lmledger counts dense.
    const denseMaskExtra = num(2).mul(L).mul(T).mul(d);
    const deEmbed = num(2).mul(d).mul(V);
    expectSamePoly(perToken.sub(C), denseMaskExtra.add(deEmbed));
  });

  it('the attention matmuls alone are 2N_attn + 4·L·T·d per token, as Table 1 row by row (QKV, mask ×2, project)', () => {
    const attention = symbolicLedger(arch).components.find((c) => c.component.id === 'attention')!.flops.div(T);
    const rows = paperPoly('2 * n_layer * d_model * 3 * d_attn + 2 * (2 * n_layer * n_ctx * d_attn) + 2 * n_layer * d_attn * d_model', {
      ...KAPLAN_NAMES,
      d_attn: 'd',
    });
    expectSamePoly(attention, rows);
  });
});

describe('Kaplan et al. 2020, Table 1, d_attn = h·a (head_dim given, k defaulted)', () => {
  // Kaplan's d_attn is the width of the attention's Q, K, V; with head_dim a given it is h·a.
  const arch = decoderArch({ ffn: 'gelu', head_dim: 24 });
  const ledger = symbolicLedger(arch);
  const dAttn = sym('h').mul(sym('a'));
  const N = paperPoly(N_TEXT, { ...KAPLAN_NAMES, d_attn: dAttn });
  const C = paperPoly(C_TEXT, { ...KAPLAN_NAMES, d_attn: dAttn });

  it('only k is defaulted', () => expect(arch.defaulted.map((s) => s.name)).toEqual(['k']));

  it('non-embedding parameters = N + 2·L·d + d', () => {
    const nonEmbedding = ledger.params.total.sub(component(arch, 'embedding').params).sub(component(arch, 'lm_head').params);
    expectSamePoly(nonEmbedding.sub(N), num(2).mul(L).mul(d).add(d));
  });

  it('forward FLOPs per token = C_forward + 2·L·T·h·a (dense mask) + 2·d·V (de-embed)', () => {
    const perToken = ledger.flops.total.div(T);
    expectSamePoly(perToken.sub(C), num(2).mul(L).mul(T).mul(dAttn).add(num(2).mul(d).mul(V)));
  });
});
