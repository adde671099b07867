// Proof for the block variants of decoder.yaml, each against an independent statement of what the
// variant changes:
// - a parallel block: the same forward FLOPs; parameters differ by the second norm only; the
//   training activations lose exactly the tensors that are no longer distinct (the residual after
//   attention, and with one norm the feed-forward's normalised input and its norm's statistics);
// - a bias-free LayerNorm: nanoGPT's bias=False GPT-2 small, 124,337,664 (references.md);
// - ALiBi, partial rotary, a logit scale, the soft-caps, clipped Q/K/V, scaled embeddings: no
//   parameter and no matmul FLOP, their non-matmul work counted per element as the YAML's comments
//   state it (by hand here), and each stated by the one mechanism, options_without_counts;
// - the norms' place: post-norm (OPT-350m) has pre-norm's modules, OLMo-2's output norms others,
//   as the structural counter names them.
import { describe, expect, it } from 'vitest';
import { structure, structureParams } from '../../src/check/structure.js';
import { account } from '../../src/ledger/account.js';
import { accountJson } from '../../src/report/account-json.js';
import { resolveModel, type RawField } from '../../src/model/spec.js';
import { activationMemory } from '../../src/training/activations.js';
import { trainingChoice } from '../../src/training/choice.js';

const base: Record<string, RawField> = {
  vocab_size: 1000, context_length: 64, num_layers: 3, d_model: 128, num_heads: 4, d_ff: 512,
  ffn: 'gelu', norm: 'layernorm', mlp_bias: true, qkv_bias: true, out_bias: true,
};
const model = (extra: Record<string, RawField>) => resolveModel({ arch: 'decoder', values: { ...base, ...extra }, label: 'variant' });
const T = 64n, d = 128n, L = 3n, h = 4n, V = 1000n;

/** Elements kept per layer under a convention (bytes of 2-byte tensors halved; fp32 statistics apart). */
const keptIds = (extra: Record<string, RawField>, convention: string) =>
  activationMemory(model(extra).arch, trainingChoice({ activations: convention }))
    .kept.filter((k) => k.component.scope === 'layer')
    .map((k) => `${k.component.id}.${k.activation.id}`)
    .sort();

describe('parallel attention and feed-forward', () => {
  const seq = account(model({}));
  const two = account(model({ parallel: 'two_norms' }));
  const one = account(model({ parallel: 'one_norm' }));

  it('forward matmul FLOPs are the same in all three blocks (the same products, side by side)', () => {
    expect(two.flops.total.value).toBe(seq.flops.total.value);
    expect(one.flops.total.value).toBe(seq.flops.total.value);
  });
  it('parameters: two norms as many as sequential; one norm fewer by one LayerNorm (2d) per layer', () => {
    expect(two.params.total.value).toBe(seq.params.total.value);
    expect(seq.params.total.value - one.params.total.value).toBe(L * 2n * d);
  });
  it('saved activations: two norms drop the residual after attention (the second norm reads the block input)', () => {
    const s = keptIds({}, 'saved');
    const p = keptIds({ parallel: 'two_norms' }, 'saved');
    expect(s.filter((x) => !p.includes(x))).toEqual(['ffn_norm.input']);
    expect(p.filter((x) => !s.includes(x))).toEqual([]);
  });
  it('saved activations: one norm also drops the second norm\'s statistics and the feed-forward\'s own copy of the normalised input', () => {
    const s = keptIds({}, 'saved');
    const p = keptIds({ parallel: 'one_norm' }, 'saved');
    expect(s.filter((x) => !p.includes(x)).sort()).toEqual(['ffn.input', 'ffn_norm.input', 'ffn_norm.mean', 'ffn_norm.rstd'].sort());
  });
  it('the KV cache is the same', () => {
    const cache = (extra: Record<string, RawField>) => model(extra).arch.components.flatMap((c) => c.cache.map((e) => e.elements.evaluate(model(extra).values).toBigInt()));
    expect(cache({ parallel: 'one_norm' })).toEqual(cache({}));
  });
});

describe('LayerNorm without bias', () => {
  it("nanoGPT's bias=False GPT-2 small: 124,337,664 (references.md), now with a real bias-free LayerNorm", () => {
    const gpt2 = {
      vocab_size: 50257, context_length: 1024, num_layers: 12, d_model: 768, num_heads: 12, d_ff: 3072,
      ffn: 'gelu', position: 'learned', tie_embeddings: true, norm: 'layernorm', norm_affine: 'gain',
    };
    expect(account(resolveModel({ arch: 'decoder', values: gpt2, label: 'nanogpt' })).params.total.value).toBe(124_337_664n);
  });
  it('its non-matmul work: 6 FLOPs per element (no bias add), one fewer than LayerNorm', () => {
    const nm = (extra: Record<string, RawField>) => account(model(extra)).nonMatmul.total.value;
    // attention_norm and ffn_norm per layer, final_norm once: (2L + 1)·T·d elements
    expect(nm({}) - nm({ norm_affine: 'gain' })).toBe((2n * L + 1n) * T * d);
  });
});

describe('features without parameters', () => {
  const nm = (extra: Record<string, RawField>) => account(model(extra)).nonMatmul.total.value;
  it('ALiBi: no parameters, the same matmuls; one add per score in place of RoPE\'s 3 FLOPs per rotated element', () => {
    const rope = account(model({}));
    const alibi = account(model({ position: 'alibi' }));
    expect(alibi.params.total.value).toBe(rope.params.total.value);
    expect(alibi.flops.total.value).toBe(rope.flops.total.value);
    // RoPE on Q and K: 3·T·(h + k)·a with k = h, a = d/h; ALiBi: T²·h per layer (dense)
    expect(nm({ position: 'alibi' }) - nm({})).toBe(L * (T * T * h - 3n * T * 2n * h * (d / h)));
  });
  it('partial rotary: no parameters, the same matmuls; RoPE work in proportion to the rotated dimensions', () => {
    const full = account(model({}));
    const part = account(model({ rotary: 'partial', rotary_dim: 8 }));
    expect(part.params.total.value).toBe(full.params.total.value);
    expect(part.flops.total.value).toBe(full.flops.total.value);
    expect(nm({}) - nm({ rotary: 'partial', rotary_dim: 8 })).toBe(L * 3n * T * 2n * h * (d / h - 8n));
  });
  it('a logit scale: one multiply per logit, nothing else', () => {
    expect(account(model({ logit_scale: true })).params.total.value).toBe(account(model({})).params.total.value);
    expect(nm({ logit_scale: true }) - nm({})).toBe(T * V);
  });
  it('rotary_dim larger than the head is refused', () => {
    expect(() => model({ rotary: 'partial', rotary_dim: 33 })).toThrow(/rotary_dim = 33 is more than head_dim/);
  });
});

describe('the options that change no count: one list, whichever family the option came from', () => {
  const stated = (extra: Record<string, RawField>) =>
    (accountJson(account(model(extra))).model as { options_without_counts: Array<{ option: string }> }).options_without_counts.map((n) => n.option).sort();
  const nm = (extra: Record<string, RawField>) => account(model(extra)).nonMatmul.total.value;
  it('the soft-caps, clipped Q/K/V, scaled embeddings, ALiBi, a logit scale and post-norm are all stated', () => {
    const all = { score_softcap: true, logit_softcap: true, clip_qkv: true, embedding_scale: true, position: 'alibi', logit_scale: true, norm_place: 'post' };
    expect(stated(all)).toEqual(Object.keys(all).sort());
    for (const [k, v] of Object.entries(all)) expect(account(model({ [k]: v })).params.total.value).toBe(account(model({})).params.total.value);
  });
  it('their non-matmul work by hand: 3 per score, 3 per logit, 2 comparisons per Q/K/V element, 1 per embedding element', () => {
    expect(nm({ score_softcap: true }) - nm({})).toBe(L * 3n * T * T * h);
    expect(nm({ logit_softcap: true }) - nm({})).toBe(3n * T * V);
    expect(nm({ clip_qkv: true }) - nm({})).toBe(L * 2n * T * 3n * d);
    expect(nm({ embedding_scale: true }) - nm({})).toBe(T * d);
  });
  it('options that change a count are not in the list (norm_affine, norm_place: output)', () => {
    // norm_affine: gain changes parameters, so it is not listed; with it a LayerNorm has RMSNorm's
    // parameters, so the kind (norm: layernorm) then changes only non-matmul work, and is.
    expect(stated({ norm_affine: 'gain' })).toEqual(['norm']);
    expect(stated({ norm_place: 'output' })).toEqual([]);
  });
});

describe('where the norms sit: post (OPT-350m) and output (OLMo-2) are different placements', () => {
  const tensors = (extra: Record<string, RawField>) =>
    structure(model(extra))
      .tensors.map((t) => t.name)
      .filter((n) => n.includes('layernorm'));
  it("post-norm has pre-norm's modules, applied after the residual add: the same tensors and counts", () => {
    expect(tensors({ norm_place: 'post' })).toEqual(tensors({}));
    expect(account(model({ norm_place: 'post' })).params.total.value).toBe(account(model({})).params.total.value);
    expect(account(model({ norm_place: 'post' })).nonMatmul.total.value).toBe(account(model({})).nonMatmul.total.value);
  });
  it('output norms replace the norms before each sub-block with norms on its output; sandwich has both', () => {
    expect(tensors({})).toEqual(['layers.*.input_layernorm.weight', 'layers.*.input_layernorm.bias', 'layers.*.pre_feedforward_layernorm.weight', 'layers.*.pre_feedforward_layernorm.bias']);
    expect(tensors({ norm_place: 'output' })).toEqual(['layers.*.post_attention_layernorm.weight', 'layers.*.post_attention_layernorm.bias', 'layers.*.post_feedforward_layernorm.weight', 'layers.*.post_feedforward_layernorm.bias']);
    const ids = (extra: Record<string, RawField>) => model(extra).arch.components.filter((c) => c.id.includes('norm') && c.scope === 'layer').map((c) => c.id);
    expect(ids({ norm_place: 'output' })).toEqual(['attention_post_norm', 'ffn_post_norm']);
    expect(ids({ norm_place: 'sandwich' })).toEqual(['attention_norm', 'attention_post_norm', 'ffn_norm', 'ffn_post_norm']);
    // Two LayerNorms of 2d per layer either way; four with sandwich.
    const p = (extra: Record<string, RawField>) => structureParams(structure(model(extra)));
    expect(p({ norm_place: 'output' })).toBe(p({}));
    expect(p({ norm_place: 'sandwich' }) - p({})).toBe(L * 4n * d);
  });
  it('norm_affine applies to every norm: gain drops each LayerNorm bias, false every norm parameter (the embedding norm too)', () => {
    const p = (extra: Record<string, RawField>) => account(model(extra)).params.total.value;
    // attention_norm, ffn_norm per layer, final_norm and BLOOM's embedding norm once: 2L + 2 norms of d.
    expect(p({ embedding_norm: true }) - p({ embedding_norm: true, norm_affine: 'gain' })).toBe((2n * L + 2n) * d);
    expect(p({ embedding_norm: true }) - p({ embedding_norm: true, norm_affine: false })).toBe((2n * L + 2n) * 2n * d);
  });
});
