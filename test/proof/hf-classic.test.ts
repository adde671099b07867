// Proof for the classic families (src/model/hf-classic.ts): GPT-NeoX/Pythia, GPT-J, Falcon, Phi,
// OPT, BLOOM, MPT, GPT-BigCode, StarCoder2, StableLM, Command-R.
//
// 1. Real config.json files of released models (test/fixtures/hf/, provenance in SOURCES.md)
//    give the checkpoint's published parameter count; where the publisher states another figure
//    (Pythia's non-embedding parameters), that figure is compared under its own convention.
// 2. Each count equals the structural counter's (src/check/structure.ts, built from the module
//    layout, never from formulas/).
// 3. Class defaults for fields a config leaves out, counted by hand from the module layout.
// 4. Features without parameters (partial rotary, ALiBi, a logit scale) are stated, not dropped.
// 5. Bad input: one-line refusals naming the field.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { structure, structureFlops, structureParams } from '../../src/check/structure.js';
import { account } from '../../src/ledger/account.js';
import { readHfConfig } from '../../src/model/hf.js';
import { resolveModel } from '../../src/model/spec.js';
import { cli } from '../helpers/cli.js';
import { cliJson, expectUserError, tempFiles } from '../helpers/proof.js';

const fixture = (name: string) => new URL(`../fixtures/hf/${name}`, import.meta.url).pathname;
const fixtureJson = (name: string) => JSON.parse(readFileSync(fixture(name), 'utf8')) as Record<string, unknown>;
const file = tempFiles('hf-classic');

function model(path: string) {
  const hf = readHfConfig(path);
  return resolveModel({ values: hf.values, label: hf.label, arch: 'decoder' });
}
const params = (path: string) => account(model(path)).params.total.value;
/** Total minus the token embedding and the LM head (the convention of "non-embedding" figures). */
const nonEmbedding = (path: string) => {
  const a = account(model(path));
  const of = (id: string) => a.components.find((c) => c.component.id === id)?.params.total.value ?? 0n;
  return a.params.total.value - of('embedding') - of('lm_head');
};

describe('GPT-NeoX / Pythia', () => {
  it.each([
    // Pythia model card (huggingface.co/EleutherAI/pythia-1b, "Non-Embedding Params" column): 805,736,448
    ['pythia-1b.json', 805_736_448n],
    // the same table, 6.9B and 12B: 6,444,163,072 and 11,327,027,200 (deduped models have the same shapes)
    ['pythia-6.9b-deduped.json', 6_444_163_072n],
    ['pythia-12b-deduped.json', 11_327_027_200n],
  ])('%s: non-embedding parameters as published (%s)', (name, count) => {
    expect(nonEmbedding(fixture(name))).toBe(count);
  });

  it('pythia-1b.json: 1,011,781,632 in all (the published non-embedding count plus embed_in and embed_out, 2 × 50,304 × 2,048)', () => {
    expect(params(fixture('pythia-1b.json'))).toBe(805_736_448n + 2n * 50_304n * 2_048n);
  });

  it.each([
    // preset, published non-embedding parameters (Pythia model card)
    ['pythia-70m', 18_915_328n],
    ['pythia-160m', 85_056_000n],
    ['pythia-410m', 302_311_424n],
    ['pythia-1b', 805_736_448n],
    ['pythia-1.4b', 1_208_602_624n],
    ['pythia-2.8b', 2_517_652_480n],
    ['pythia-6.9b', 6_444_163_072n],
    ['pythia-12b', 11_327_027_200n],
  ])('preset %s: non-embedding %s as the model card states', (preset, count) => {
    const a = account(resolveModel({ preset }));
    const of = (id: string) => a.components.find((c) => c.component.id === id)!.params.total.value;
    expect(a.params.total.value - of('embedding') - of('lm_head')).toBe(count);
  });

  it('defaults: rotary_pct 0.25, use_parallel_residual true, attention_bias true, untied (configuration_gpt_neox.py)', () => {
    const V = 1000n, d = 64n, f = 256n, L = 2n, h = 4n;
    const path = file('neox.json', { model_type: 'gpt_neox', vocab_size: 1000, hidden_size: 64, num_attention_heads: 4, num_hidden_layers: 2, intermediate_size: 256, max_position_embeddings: 128 });
    const m = model(path);
    expect(m.arch.chosen.parallel).toBe('two_norms');
    // int(16 · 0.25) = 4 rotated dimensions of each 16-wide head
    expect(m.values.a_rot).toBe((d / h) / 4n);
    // embed_in V·d; per layer: two LayerNorms 4d, query_key_value 3d² + 3d, dense d² + d,
    // dense_h_to_4h d·f + f, dense_4h_to_h f·d + d; final_layer_norm 2d; embed_out d·V.
    const layer = 4n * d + 3n * d * d + 3n * d + d * d + d + d * f + f + f * d + d;
    expect(account(m).params.total.value).toBe(2n * V * d + L * layer + 2n * d);
  });

  it('use_parallel_residual false: the sequential block, the same parameters and FLOPs', () => {
    const base = { model_type: 'gpt_neox', vocab_size: 1000, hidden_size: 64, num_attention_heads: 4, num_hidden_layers: 2, intermediate_size: 256, max_position_embeddings: 128 };
    const par = account(model(file('neox-par.json', base)));
    const seq = account(model(file('neox-seq.json', { ...base, use_parallel_residual: false })));
    expect(seq.model.arch.chosen.parallel).toBe(false);
    expect(seq.params.total.value).toBe(par.params.total.value);
    expect(seq.flops.total.value).toBe(par.flops.total.value);
  });

  it('rotary_pct inside rope_parameters (newer transformers) is read too', () => {
    const path = file('neox-rope-params.json', { model_type: 'gpt_neox', vocab_size: 1000, hidden_size: 64, num_attention_heads: 4, num_hidden_layers: 2, intermediate_size: 256, max_position_embeddings: 128, rope_parameters: { rope_theta: 10000, partial_rotary_factor: 0.5 } });
    expect(model(path).values.a_rot).toBe(8n);
  });
});

describe('OPT', () => {
  // keras-hub opt_presets.py gives the checkpoint counts of its OPT, whose position embedding has
  // max_sequence_length rows; transformers' has 2 more (OPTLearnedPositionalEmbedding's offset).
  it.each([
    ['opt-125m.json', 125_237_760n, 768n],
    ['opt-1.3b.json', 1_315_753_984n, 2048n],
  ])('%s: keras-hub %s plus the two offset rows of %s', (name, keras, d) => {
    expect(params(fixture(name))).toBe(keras + 2n * d);
  });

  it.each([
    // measured totals of the Hugging Face checkpoints as other projects report them (corroboration;
    // see SOURCES.md): 125,239,296 and 331,196,416 (parameter tables), 6.7B's fp16 weights
    // 13,316,947,968 bytes / 2
    ['opt-125m.json', 125_239_296n],
    ['opt-350m.json', 331_196_416n],
    ['opt-6.7b.json', 13_316_947_968n / 2n],
  ])('%s: %s', (name, count) => expect(params(fixture(name))).toBe(count));

  it('opt-350m: 512-wide embeddings projected in and out, no final norm, post-norm stated', () => {
    const m = model(fixture('opt-350m.json'));
    expect(m.arch.chosen).toMatchObject({ embed_projection: true, final_norm: false, norm_place: 'post', offset_positions: true });
    // embed_tokens V·512, project_in and project_out 512·1024 each, positions (2048 + 2)·1024;
    // per layer: 4d² + 4d attention, 2df + f + d MLP, two LayerNorms 4d; no final norm; head tied.
    const V = 50272n, e = 512n, d = 1024n, f = 4096n, L = 24n;
    const layer = 4n * d * d + 4n * d + 2n * d * f + f + d + 4n * d;
    expect(account(m).params.total.value).toBe(V * e + 2n * e * d + 2050n * d + L * layer);
  });

  it('defaults: enable_bias, do_layer_norm_before, relu, ffn_dim 3072, tied (configuration_opt.py)', () => {
    const V = 1000n, d = 64n, f = 3072n, L = 2n, P = 128n;
    const path = file('opt.json', { model_type: 'opt', vocab_size: 1000, hidden_size: 64, num_attention_heads: 4, num_hidden_layers: 2, max_position_embeddings: 128 });
    const layer = 4n * d * d + 4n * d + 2n * d * f + f + d + 4n * d;
    expect(params(path)).toBe(V * d + (P + 2n) * d + L * layer + 2n * d);
  });
});

describe('BLOOM', () => {
  it('bloom-560m.json: 559,214,592 (keras-hub bloom_presets.py bloom_560m_multi)', () => {
    expect(params(fixture('bloom-560m.json'))).toBe(559_214_592n);
  });
  it('preset bloom (176B): 176,247,271,424, of which 3,596,615,680 embedding parameters (bigscience/bloom model card)', () => {
    const a = account(resolveModel({ preset: 'bloom' }));
    expect(a.params.total.value).toBe(176_247_271_424n);
    expect(a.components.find((c) => c.component.id === 'embedding')!.params.total.value).toBe(3_596_615_680n);
  });
  it('the embedding LayerNorm is counted (2d) and ALiBi is stated as changing no count', () => {
    const out = cliJson(['account', '--hf-config', fixture('bloom-560m.json')]);
    expect(out.params.components.embedding_norm.total).toBe(2048n);
    expect(out.model.options_without_counts.map((n: { option: string }) => n.option)).toContain('position');
  });
  it('no seq_length: context 2048 (BLOOM\'s training length), which no parameter depends on', () => {
    expect(model(fixture('bloom-560m.json')).config.context_length).toBe(2048n);
  });
});

describe('Phi', () => {
  it('phi-2.json: 2,779,683,840 (the Hub checkpoint total as other projects report it; Microsoft: 2.7 billion)', () => {
    expect(params(fixture('phi-2.json'))).toBe(2_779_683_840n);
  });
  it('one norm per block, biases everywhere, an LM head bias, 32 of 80 head dimensions rotated', () => {
    const m = model(fixture('phi-2.json'));
    expect(m.arch.chosen).toMatchObject({ parallel: 'one_norm', lm_head_bias: true, rotary: 'partial' });
    expect(m.values.a_rot).toBe(32n);
    expect(m.arch.components.some((c) => c.id === 'ffn_norm')).toBe(false);
  });
  it('phi-1_5.json: the tensors transformers builds for it, as printed beside the same config (layer 0, the final norm, the head)', () => {
    // model.layers.0: q/k/v_proj and dense [2048, 2048] + [2048] each, fc1 [8192, 2048] + [8192],
    // fc2 [2048, 8192] + [2048], input_layernorm [2048] + [2048]; final_layernorm [2048] + [2048];
    // lm_head [51200, 2048] + [51200]; embed_tokens 51200 × 2048 (the embedding of vocab_size rows).
    const layer = 4n * (2048n * 2048n + 2048n) + (8192n * 2048n + 8192n) + (2048n * 8192n + 2048n) + 2n * 2048n;
    const total = 51200n * 2048n + 24n * layer + 2n * 2048n + 51200n * 2048n + 51200n;
    expect(params(fixture('phi-1_5.json'))).toBe(total);
    expect(total).toBe(1_418_270_720n);
  });
  it('qk_layernorm true is refused', () =>
    expectUserError(['account', '--hf-config', file('phi-qk.json', { ...fixtureJson('phi-2.json'), qk_layernorm: true })], /qk_layernorm: true is not supported/));
});

describe('GPT-J', () => {
  it('defaults: n_inner null → 4·n_embd, rotary_dim 64, untied, an LM head bias (configuration_gptj.py, modeling_gptj.py)', () => {
    const V = 1000n, d = 512n, f = 4n * d, L = 2n;
    const path = file('gptj.json', { model_type: 'gptj', vocab_size: 1000, n_embd: 512, n_head: 4, n_layer: 2 });
    const m = model(path);
    expect(m.values.a_rot).toBe(64n);
    expect(m.arch.chosen).toMatchObject({ parallel: 'one_norm', lm_head_bias: true, tie_embeddings: false });
    // wte V·d; per layer ln_1 2d, q/k/v/out_proj 4d² (no bias), fc_in d·f + f, fc_out f·d + d;
    // ln_f 2d; lm_head d·V + V.
    const layer = 2n * d + 4n * d * d + d * f + f + f * d + d;
    expect(account(m).params.total.value).toBe(V * d + L * layer + 2n * d + d * V + V);
  });
  it('rotary_dim null rotates every dimension (full RoPE)', () => {
    const path = file('gptj-full.json', { model_type: 'gptj', vocab_size: 1000, n_embd: 512, n_head: 4, n_layer: 2, rotary_dim: null });
    expect(model(path).arch.chosen.rotary).toBe('full');
  });
  it('gpt-j-6b.json: the same layout at n_embd 4096, n_layer 28, vocab 50400 (6.05B), as the preset', () => {
    const V = 50400n, d = 4096n, f = 4n * d, L = 28n;
    const layer = 2n * d + 4n * d * d + d * f + f + f * d + d;
    expect(params(fixture('gpt-j-6b.json'))).toBe(V * d + L * layer + 2n * d + d * V + V);
    expect(params(fixture('gpt-j-6b.json'))).toBe(account(resolveModel({ preset: 'gpt-j-6b' })).params.total.value);
  });
  it('preset gpt-j-6b: the GPT-J-6B shape', () => {
    // same layout at n_embd 4096, n_layer 28, vocab 50400
    const V = 50400n, d = 4096n, f = 4n * d, L = 28n;
    const layer = 2n * d + 4n * d * d + d * f + f + f * d + d;
    expect(account(resolveModel({ preset: 'gpt-j-6b' })).params.total.value).toBe(V * d + L * layer + 2n * d + d * V + V);
  });
});

describe('Falcon', () => {
  // Counted by hand from the RefinedWeb/Falcon module layout (modelling_RW.py, modeling_falcon.py):
  // word_embeddings V·d (tied head); per layer the norms, query_key_value d × (h + 2k)·a without
  // bias, dense d·d, dense_h_to_4h and dense_4h_to_h 4d² each; ln_f 2d.
  it('falcon-7b.json (RefinedWebModel): multi-query (k = 1), one input_layernorm per block', () => {
    const V = 65024n, d = 4544n, h = 71n, a = d / h, L = 32n;
    const layer = 2n * d + d * (h + 2n) * a + d * d + 8n * d * d;
    const m = model(fixture('falcon-7b.json'));
    expect(m.values.k).toBe(1n);
    expect(m.arch.chosen.parallel).toBe('one_norm');
    expect(account(m).params.total.value).toBe(V * d + L * layer + 2n * d);
  });
  it('falcon-40b.json (RefinedWeb): 8 key/value heads, ln_attn and ln_mlp per block', () => {
    const V = 65024n, d = 8192n, h = 128n, k = 8n, a = d / h, L = 60n;
    const layer = 4n * d + d * (h + 2n * k) * a + d * d + 8n * d * d;
    const m = model(fixture('falcon-40b.json'));
    expect(m.arch.chosen.parallel).toBe('two_norms');
    expect(account(m).params.total.value).toBe(V * d + L * layer + 2n * d);
  });
  it('falcon with alibi and bias (Falcon-RW-style): ALiBi stated, biases on every linear', () => {
    const V = 1000n, d = 64n, L = 2n;
    const path = file('falcon-rw.json', { model_type: 'falcon', vocab_size: 1000, hidden_size: 64, num_attention_heads: 4, num_hidden_layers: 2, alibi: true, bias: true, multi_query: false, parallel_attn: false });
    const m = model(path);
    expect(m.arch.chosen).toMatchObject({ position: 'alibi', parallel: false });
    // sequential: input_layernorm and post_attention_layernorm 4d; qkv 3d² + 3d, dense d² + d,
    // MLP 8d² + 4d + d
    const layer = 4n * d + 3n * d * d + 3n * d + d * d + d + 8n * d * d + 5n * d;
    expect(account(m).params.total.value).toBe(V * d + L * layer + 2n * d);
  });
  it('new_decoder_architecture with parallel_attn false is refused', () =>
    expectUserError(['account', '--hf-config', file('falcon-bad.json', { model_type: 'falcon', vocab_size: 1000, hidden_size: 64, num_attention_heads: 4, num_hidden_layers: 2, new_decoder_architecture: true, parallel_attn: false })], /new_decoder_architecture with parallel_attn false is not supported/));
});

/** The count in billions to one decimal place, as publishers write "15.5B". */
const billions = (n: bigint) => Number((n + 50_000_000n) / 100_000_000n) / 10;

describe('MPT', () => {
  it('defaults and layout: no bias anywhere, LayerNorm gains only, up_proj of expansion_ratio·d, tied (modeling_mpt.py)', () => {
    const V = 50368n, d = 64n, L = 2n, f = 4n * d;
    const path = file('mpt.json', { model_type: 'mpt', d_model: 64, n_heads: 4, n_layers: 2 });
    const m = model(path);
    expect(m.arch.chosen).toMatchObject({ norm: 'layernorm', norm_affine: 'gain', position: 'alibi', tie_embeddings: true });
    // wte V·d; per block norm_1 and norm_2 d each, Wqkv 3d², out_proj d², up_proj and down_proj d·f each; norm_f d.
    expect(account(m).params.total.value).toBe(V * d + L * (2n * d + 4n * d * d + 2n * d * f) + d);
  });
  it('grouped-query MPT (attn_config.kv_n_heads below n_heads) is refused', () =>
    expectUserError(['account', '--hf-config', file('mpt-gqa.json', { model_type: 'mpt', d_model: 64, n_heads: 4, n_layers: 2, attn_config: { alibi: true, kv_n_heads: 1 } })], /kv_n_heads 1 \(grouped-query MPT\) is not supported/));
  it('no_bias false is refused (transformers builds MPT bias-free)', () =>
    expectUserError(['account', '--hf-config', file('mpt-bias.json', { model_type: 'mpt', d_model: 64, n_heads: 4, n_layers: 2, no_bias: false })], /no_bias false is not supported/));
});

describe('GPT-BigCode / StarCoder', () => {
  it('multi_query: c_attn d → d + 2·head_dim with bias, learned positions, tied (modeling_gpt_bigcode.py)', () => {
    const V = 1000n, d = 64n, a = 16n, P = 128n, L = 2n, f = 4n * d;
    const path = file('bigcode.json', { model_type: 'gpt_bigcode', vocab_size: 1000, n_embd: 64, n_head: 4, n_layer: 2, n_positions: 128 });
    const m = model(path);
    expect(m.values.k).toBe(1n);
    // wte V·d, wpe P·d; per block ln_1, ln_2 4d, c_attn d(d + 2a) + d + 2a, c_proj d² + d,
    // c_fc d·f + f, mlp c_proj f·d + d; ln_f 2d.
    const layer = 4n * d + d * (d + 2n * a) + d + 2n * a + d * d + d + d * f + f + f * d + d;
    expect(account(m).params.total.value).toBe(V * d + P * d + L * layer + 2n * d);
  });
  it('preset starcoder: 15.5B as the StarCoder paper states, only with the head tied', () => {
    const a = account(resolveModel({ preset: 'starcoder' }));
    expect(billions(a.params.total.value)).toBe(15.5);
    expect(billions(a.params.total.value + 49152n * 6144n)).not.toBe(15.5);
  });
});

describe('StarCoder2', () => {
  it('starcoder2-3b.json: biases on q/k/v/o and the MLP, LayerNorms with bias, tied by default; 3.0B', () => {
    const V = 49152n, d = 3072n, h = 24n, k = 2n, a = 128n, f = 12288n, L = 30n;
    const layer = 4n * d + (d * h * a + h * a) + 2n * (d * k * a + k * a) + (h * a * d + d) + (d * f + f) + (f * d + d);
    const m = model(fixture('starcoder2-3b.json'));
    expect(m.arch.chosen.tie_embeddings).toBe(true);
    expect(account(m).params.total.value).toBe(V * d + L * layer + 2n * d);
    expect(billions(account(m).params.total.value)).toBe(3.0);
  });
  it.each([
    ['starcoder2-7b', 4608n, 36n, 4n, 18432n, 32n],
    ['starcoder2-15b', 6144n, 48n, 4n, 24576n, 40n],
  ])('preset %s: the same layout at its shape', (preset, d, h, k, f, L) => {
    const V = 49152n, a = d / h;
    const layer = 4n * d + (d * h * a + h * a) + 2n * (d * k * a + k * a) + (h * a * d + d) + (d * f + f) + (f * d + d);
    expect(account(resolveModel({ preset })).params.total.value).toBe(V * d + L * layer + 2n * d);
  });
  it('use_bias false drops every linear bias', () => {
    const with_ = params(file('sc2-b.json', { ...fixtureJson('starcoder2-3b.json') }));
    const without = params(file('sc2-nb.json', { ...fixtureJson('starcoder2-3b.json'), use_bias: false }));
    // per layer: q, k, v, o biases (h + 2k)·a + d and MLP biases f + d
    expect(with_ - without).toBe(30n * ((24n + 4n) * 128n + 3072n + 12288n + 3072n));
  });
});

describe('StableLM', () => {
  it('defaults: a quarter of each head rotated, q/k/v biases off, sequential, untied (configuration_stablelm.py)', () => {
    const V = 1000n, d = 64n, f = 96n, L = 2n;
    const path = file('stablelm.json', { model_type: 'stablelm', vocab_size: 1000, hidden_size: 64, num_attention_heads: 4, num_key_value_heads: 4, num_hidden_layers: 2, intermediate_size: 96 });
    const m = model(path);
    expect(m.values.a_rot).toBe(4n);
    expect(m.arch.chosen.parallel).toBe(false);
    // embed_tokens V·d; per layer two LayerNorms 4d, q/k/v/o 4d², SwiGLU 3df; norm 2d; lm_head d·V.
    expect(account(m).params.total.value).toBe(2n * V * d + L * (4n * d + 4n * d * d + 3n * d * f) + 2n * d);
  });
  it('use_parallel_residual: one norm per block; use_qkv_bias: q/k/v biases', () => {
    const base = { model_type: 'stablelm', vocab_size: 1000, hidden_size: 64, num_attention_heads: 4, num_key_value_heads: 4, num_hidden_layers: 2, intermediate_size: 96 };
    const plain = params(file('slm-a.json', base));
    const par = params(file('slm-b.json', { ...base, use_parallel_residual: true }));
    const qkv = params(file('slm-c.json', { ...base, use_qkv_bias: true }));
    expect(plain - par).toBe(2n * 2n * 64n);
    expect(qkv - plain).toBe(2n * 3n * 64n);
  });
  it('preset stablelm-2-1_6b: 1.6B as its name says', () => {
    expect(billions(account(resolveModel({ preset: 'stablelm-2-1_6b' })).params.total.value)).toBe(1.6);
  });
  it('qk_layernorm: a bias-free LayerNorm of head_dim per query head and per key head (StableLmLayerNormPerHead)', () => {
    const base = { model_type: 'stablelm', vocab_size: 1000, hidden_size: 64, num_attention_heads: 4, num_key_value_heads: 2, num_hidden_layers: 2, intermediate_size: 96 };
    const m = model(file('slm-qk.json', { ...base, qk_layernorm: true }));
    expect(m.arch.chosen.qk_norm).toBe('heads');
    // per layer: 4 query heads + 2 key heads, a gain of 16 each
    expect(account(m).params.total.value - params(file('slm-noqk.json', base))).toBe(2n * (4n + 2n) * 16n);
  });
});

describe('Cohere / Command-R', () => {
  it('c4ai-command-r-v01.json: one bias-free LayerNorm per block, SwiGLU, tied; 35.0B (Cohere: 35 billion)', () => {
    const V = 256000n, d = 8192n, f = 22528n, L = 40n;
    const m = model(fixture('c4ai-command-r-v01.json'));
    const n = account(m).params.total.value;
    expect(n).toBe(V * d + L * (d + 4n * d * d + 3n * d * f) + d);
    expect(billions(n)).toBe(35.0);
  });
  it('the logit scale is stated as changing no count, with the multiply it adds', () => {
    const out = cliJson(['account', '--hf-config', fixture('c4ai-command-r-v01.json')]);
    const note = out.model.options_without_counts.find((n: { option: string }) => n.option === 'logit_scale');
    expect(note.non_matmul.lm_head.value).toBe(8192n * 256000n);
  });
  it('use_qk_norm: CohereLayerNorm((heads, head_dim)) on the queries and ((kv heads, head_dim)) on the keys', () => {
    const qk = params(file('cohere-qk.json', { ...fixtureJson('c4ai-command-r-v01.json'), use_qk_norm: true }));
    // 40 layers × (64 + 64) heads × 128
    expect(qk - params(fixture('c4ai-command-r-v01.json'))).toBe(40n * (64n + 64n) * 128n);
  });
});

describe('every fixture of these families equals the structural counter', () => {
  const FIXTURES = [
    'pythia-1b.json', 'pythia-6.9b-deduped.json', 'pythia-12b-deduped.json',
    'opt-125m.json', 'opt-350m.json', 'opt-1.3b.json', 'opt-6.7b.json', 'opt-13b.json', 'opt-66b.json',
    'bloom-560m.json', 'phi-2.json', 'phi-1_5.json', 'gpt-j-6b.json', 'falcon-7b.json', 'falcon-40b.json',
    'starcoder2-3b.json', 'c4ai-command-r-v01.json',
  ];
  it.each(FIXTURES)('%s', (name) => {
    const m = model(fixture(name));
    const s = structure(m);
    const a = account(m);
    expect(a.params.total.value).toBe(structureParams(s));
    expect(a.flops.total.value).toBe(structureFlops(s));
  });
});

describe('features without parameters are stated', () => {
  it('partial rotary: in the text and in JSON (options_without_counts)', () => {
    const out = cliJson(['account', '--hf-config', fixture('pythia-1b.json')]);
    const note = out.model.options_without_counts.find((n: { option: string }) => n.option === 'rotary');
    expect(note.value).toBe('partial');
    expect(note.text).toMatch(/changes neither the parameters nor the matmul FLOPs/);
    // the RoPE work it does change, with a_rot = 64 of a = 256
    expect(Object.keys(note.non_matmul)).toEqual(['attention']);
  });
});

describe('the CLI on these configs', () => {
  it('account states ALiBi and the bias-free LayerNorm of MPT-style configs in its text, under the parameters', () => {
    const path = file('mpt-text.json', { model_type: 'mpt', d_model: 64, n_heads: 4, n_layers: 2 });
    const r = cli(['account', '--hf-config', path]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/position: alibi \(ALiBi\) changes neither the parameters nor the matmul FLOPs against position: rope/);
    // A gain-only LayerNorm has RMSNorm's parameters (the kind changes only non-matmul work) and not LayerNorm's bias.
    expect(r.stdout).toMatch(/norm: layernorm \(LayerNorm\) changes neither the parameters nor the matmul FLOPs against norm: rmsnorm/);
    expect(r.stdout).toMatch(/attention_norm: norm_affine: gain \(norms without bias\) gives it d = 64 parameters per layer; with norm_affine: true it would have 2d = 128/);
  });
  it('check --hf-config: the structural counter matches the formulas on OPT-350m (projections, offset rows, no final norm)', () => {
    const r = cli(['check', '--hf-config', fixture('opt-350m.json')]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/parameters\s+331,196,416\s+331,196,416\s+match/);
    expect(r.stdout).toMatch(/project_in/);
  });
  it('an unknown model_type lists the classic families among those supported', () =>
    expectUserError(['account', '--hf-config', file('rwkv.json', { model_type: 'rwkv' })], /supported: .*gpt_neox.*gptj.*falcon.*phi.*opt.*bloom.*mpt.*gpt_bigcode.*starcoder2.*stablelm.*cohere/));
});

describe('bad configs of these families', () => {
  const neox = { model_type: 'gpt_neox', vocab_size: 1000, hidden_size: 64, num_attention_heads: 4, num_hidden_layers: 2, intermediate_size: 256, max_position_embeddings: 128 };
  it('gpt_neox with hidden_act silu', () =>
    expectUserError(['account', '--hf-config', file('neox-silu.json', { ...neox, hidden_act: 'silu' })], /hidden_act 'silu' is not supported/));
  it('use_parallel_residual as a string', () =>
    expectUserError(['account', '--hf-config', file('neox-str.json', { ...neox, use_parallel_residual: 'true' })], /use_parallel_residual: "true" is not allowed; expected true or false/));
  it('a flag given as null reads as false (Python reads None as false), unlike a string, which is refused', () => {
    const path = file('neox-null.json', { ...neox, use_parallel_residual: null });
    expect(readHfConfig(path).values.parallel).toBe(false);
  });
  it('rotary_pct out of range', () =>
    expectUserError(['account', '--hf-config', file('neox-pct.json', { ...neox, rotary_pct: 1.5 })], /rotary_pct: 1.5 is not allowed; expected a number in \(0, 1\]/));
  it('rotary_pct leaving no dimension rotated', () =>
    expectUserError(['account', '--hf-config', file('neox-pct0.json', { ...neox, rotary_pct: 0.01 })], /rotary_pct leaves no dimension/));
  it('missing hidden_size', () => {
    const { hidden_size: _, ...rest } = neox;
    expectUserError(['account', '--hf-config', file('neox-nod.json', rest)], /missing hidden_size/);
  });
  it('the fixtures themselves are JSON objects with their model_type', () => {
    expect(fixtureJson('pythia-1b.json').model_type).toBe('gpt_neox');
  });
});
