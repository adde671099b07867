// Proof (d): Hugging Face config.json files through `lmledger account --hf-config FILE`.
//
// 1. Each copy in test/fixtures/hf/ gives its model's published parameter count (counts: the
//    references table in /work/shared/docs/references.md for GPT-2, Llama-3-8B and Mistral-7B; the
//    published counts of the presets' sources for Qwen2.5-0.5B, Qwen3-0.6B, Gemma-7B, Phi-3-mini —
//    keras-hub presets / Hub safetensors totals as cited in formulas/presets/*.yaml). The
//    multimodal config holds a Mistral-7B under text_config.
// 2. Defaults of the transformers configuration classes for fields a config.json may leave out
//    (configuration_qwen3.py head_dim=128; configuration_gemma.py tie_word_embeddings=True;
//    configuration_mistral.py num_key_value_heads=8; configuration_gpt2.py n_inner=None -> 4·n_embd):
//    small configs written here, their counts computed by hand below from the module layout.
// 3. Bad input: exit 2, one line starting with 'lmledger:', no stack.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { cliJson, expectUserError, tempFiles } from '../helpers/proof.js';

const fixture = (name: string) => new URL(`../fixtures/hf/${name}`, import.meta.url).pathname;
const fixtureJson = (name: string) => JSON.parse(readFileSync(fixture(name), 'utf8')) as Record<string, unknown>;
const file = tempFiles('hf');
const account = (path: string) => cliJson(['account', '--hf-config', path]);

describe('published counts from the fixture configs', () => {
  it.each([
    ['gpt2.json', 124_439_808n],
    ['llama-3-8b.json', 8_030_261_248n],
    ['mistral-7b-v0.1.json', 7_241_732_096n],
    ['qwen2.5-0.5b.json', 494_032_768n],
    ['qwen3-0.6b.json', 596_049_920n],
    ['gemma-7b.json', 8_537_680_896n],
    ['phi-3-mini-4k.json', 3_821_079_552n],
    ['multimodal-text-config.json', 7_241_732_096n], // Mistral-7B-v0.1 under text_config
    // Mixtures of experts: exact checkpoint totals, sources in test/fixtures/hf/SOURCES.md.
    ['mixtral-8x7b-v0.1.json', 46_702_792_704n],
    ['mixtral-8x22b-v0.1.json', 140_620_634_112n],
    ['qwen1.5-moe-a2.7b.json', 14_315_784_192n],
    ['qwen2-57b-a14b-instruct.json', 57_408_658_944n],
    ['qwen3-30b-a3b.json', 30_532_122_624n],
    ['qwen3-235b-a22b.json', 235_093_634_560n],
    ['olmoe-1b-7b-0924.json', 6_919_161_856n],
    ['deepseek-v2-lite.json', 15_706_484_224n],
    ['deepseek-v2.json', 235_741_434_880n],
    // DeepSeek states 671B for the main model (README); this is the structural count, which
    // rounds to it (the 14B multi-token-prediction module is not part of it).
    ['deepseek-v3.json', 671_026_404_352n],
  ])('%s: %s', (name, count) => {
    expect(account(fixture(name)).params.total).toBe(count);
  });
});

describe('mixtures of experts: active parameters per token, independently by hand', () => {
  // Active = total − (E − K) × one expert's parameters × layers: the experts a token does not use.
  // (publishers count the embedding and the LM head in "active"; see the research notes)
  it.each([
    // file, total, E, K, one expert (3·d·f_e), layers
    ['mixtral-8x7b-v0.1.json', 46_702_792_704n, 8n, 2n, 3n * 4096n * 14336n, 32n],
    ['qwen3-30b-a3b.json', 30_532_122_624n, 128n, 8n, 3n * 2048n * 768n, 48n],
    ['olmoe-1b-7b-0924.json', 6_919_161_856n, 64n, 8n, 3n * 2048n * 1024n, 16n],
    ['qwen1.5-moe-a2.7b.json', 14_315_784_192n, 60n, 4n, 3n * 2048n * 1408n, 24n],
  ])('%s', (name, total, E, K, expert, L) => {
    const out = account(fixture(name));
    expect(out.params.total).toBe(total);
    expect(out.params.active.value).toBe(total - (E - K) * expert * L);
  });
});

describe('defaults for fields a config leaves out', () => {
  it('qwen3 without head_dim: head_dim 128 (not d/h = 16)', () => {
    const V = 1000n, d = 64n, h = 4n, k = 2n, a = 128n, f = 96n, L = 2n;
    const path = file('qwen3.json', {
      model_type: 'qwen3', vocab_size: 1000, hidden_size: 64, num_attention_heads: 4, num_key_value_heads: 2,
      num_hidden_layers: 2, intermediate_size: 96, max_position_embeddings: 128, tie_word_embeddings: true,
    });
    const out = account(path);
    expect(out.model.symbols.a.value).toBe(128n);
    // tied embedding V·d; per layer: two RMSNorm gains 2d, q d·(h·a), k and v d·(k·a) each,
    // o (h·a)·d, q_norm and k_norm a each, SwiGLU 3·d·f; final RMSNorm d.
    const layer = 2n * d + d * h * a + 2n * d * k * a + h * a * d + 2n * a + 3n * d * f;
    expect(out.params.total).toBe(V * d + L * layer + d);
  });

  it('qwen3-0.6b.json with head_dim removed still counts 596,049,920 (its head_dim is the default 128)', () => {
    const { head_dim: _, ...rest } = fixtureJson('qwen3-0.6b.json');
    expect(account(file('qwen3-0.6b-no-head-dim.json', rest)).params.total).toBe(596_049_920n);
  });

  it('gemma without tie_word_embeddings: tied (one V·d matrix)', () => {
    const V = 1000n, d = 64n, h = 4n, k = 1n, a = 32n, f = 128n, L = 2n;
    const path = file('gemma.json', {
      model_type: 'gemma', vocab_size: 1000, hidden_size: 64, num_attention_heads: 4, num_key_value_heads: 1, head_dim: 32,
      num_hidden_layers: 2, intermediate_size: 128, max_position_embeddings: 128, hidden_act: 'gelu',
    });
    const out = account(path);
    // GeGLU: gate, up and down, 3·d·f.
    const layer = 2n * d + d * h * a + 2n * d * k * a + h * a * d + 3n * d * f;
    expect(out.params.total).toBe(V * d + L * layer + d);
    expect(out.model.options.tie_embeddings).toBe(true);
    // gemma-7b.json has no tie_word_embeddings key either, and its count (above) is the tied one.
    expect('tie_word_embeddings' in fixtureJson('gemma-7b.json')).toBe(false);
  });

  it('mistral without num_key_value_heads: 8 KV heads', () => {
    const V = 1000n, d = 128n, h = 16n, k = 8n, f = 200n, L = 2n;
    const a = d / h;
    const path = file('mistral.json', {
      model_type: 'mistral', vocab_size: 1000, hidden_size: 128, num_attention_heads: 16,
      num_hidden_layers: 2, intermediate_size: 200, max_position_embeddings: 256, tie_word_embeddings: false,
    });
    const out = account(path);
    expect(out.model.symbols.k.value).toBe(8n);
    const layer = 2n * d + d * h * a + 2n * d * k * a + h * a * d + 3n * d * f;
    expect(out.params.total).toBe(2n * V * d + L * layer + d);
  });

  it('mistral-7b-v0.1.json with num_key_value_heads removed still counts 7,241,732,096', () => {
    const { num_key_value_heads: _, ...rest } = fixtureJson('mistral-7b-v0.1.json');
    expect(account(file('mistral-no-kv.json', rest)).params.total).toBe(7_241_732_096n);
  });

  it('gpt2 with n_inner null: d_ff = 4·n_embd', () => {
    const V = 1000n, P = 128n, d = 64n, f = 4n * d, L = 2n;
    const path = file('gpt2.json', {
      model_type: 'gpt2', vocab_size: 1000, n_positions: 128, n_embd: 64, n_head: 4, n_layer: 2, n_inner: null,
    });
    const out = account(path);
    expect(out.model.config.d_ff).toBe(256n);
    // wte V·d (tied head) + wpe P·d; per block: ln_1 and ln_2 2d each, c_attn d·3d + 3d, attn c_proj
    // d·d + d, c_fc d·f + f, mlp c_proj f·d + d; ln_f 2d.
    const layer = 4n * d + (3n * d * d + 3n * d) + (d * d + d) + (d * f + f) + (f * d + d);
    expect(out.params.total).toBe(V * d + P * d + L * layer + 2n * d);
  });

  it('gpt2.json with n_inner: null added still counts 124,439,808', () => {
    expect(account(file('gpt2-null-inner.json', { ...fixtureJson('gpt2.json'), n_inner: null })).params.total).toBe(124_439_808n);
  });
});

describe('bad Hugging Face configs', () => {
  const llama = {
    model_type: 'llama', vocab_size: 1000, hidden_size: 64, num_attention_heads: 4,
    num_hidden_layers: 2, intermediate_size: 128, max_position_embeddings: 128,
  };
  it('unknown model_type (bert)', () =>
    expectUserError(['account', '--hf-config', file('bert.json', { ...llama, model_type: 'bert' })], /model_type 'bert' is not supported; supported: .*llama/));
  it('missing hidden_size', () => {
    const { hidden_size: _, ...rest } = llama;
    expectUserError(['account', '--hf-config', file('no-hidden.json', rest)], /missing hidden_size/);
  });
  it('hidden_act relu for llama', () =>
    expectUserError(['account', '--hf-config', file('relu.json', { ...llama, hidden_act: 'relu' })], /hidden_act 'relu' is not supported/));
  it('a non-JSON file without a final newline', () =>
    expectUserError(['account', '--hf-config', file('not-json-1.txt', 'model_type: llama')], /not-json-1\.txt: not valid JSON/));
  // A text file normally ends with a newline. JSON.parse's message quotes the start of the input,
  // newline included, so the one-line error becomes two lines (bug in src/model/hf.ts readHfConfig;
  // src/model/spec.ts readConfigFile has the same, see config-errors.test.ts).
  it('a non-JSON file ending with a newline (a YAML config by mistake)', () =>
    expectUserError(['account', '--hf-config', file('not-json-2.yaml', 'model_type: llama\n')], /not-json-2\.yaml: not valid JSON/));
});
