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
    // the same table, 12B: 11,327,027,200 (the deduped model has the same shapes)
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

describe('every fixture of these families equals the structural counter', () => {
  const FIXTURES = ['pythia-1b.json', 'pythia-12b-deduped.json'];
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

describe('bad configs of these families', () => {
  const neox = { model_type: 'gpt_neox', vocab_size: 1000, hidden_size: 64, num_attention_heads: 4, num_hidden_layers: 2, intermediate_size: 256, max_position_embeddings: 128 };
  it('gpt_neox with hidden_act silu', () =>
    expectUserError(['account', '--hf-config', file('neox-silu.json', { ...neox, hidden_act: 'silu' })], /hidden_act 'silu' is not supported/));
  it('use_parallel_residual as a string', () =>
    expectUserError(['account', '--hf-config', file('neox-str.json', { ...neox, use_parallel_residual: 'true' })], /use_parallel_residual: "true" is not allowed; expected true or false/));
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
