// Proof: Hugging Face configs of the families whose blocks or layers differ (Gemma 2/3, OLMo,
// OLMo-2, Mistral's window, …), real config.json files in test/fixtures/hf/ (sources in SOURCES.md).
//
// 1. Every fixture: the formulas' parameters and forward FLOPs equal the structural counter
//    (src/check/structure.ts builds the tensors and matmul shapes from the plain config, never
//    reading formulas/), at the config's own context and at a short one (T below any window).
// 2. Published checkpoint totals, where a publisher or the Hub states one (sources beside each).
// 3. What each reader takes from the modeling code: the norms' place, the q/k norms, soft-capping.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { structure, structureFlops, structureParams } from '../../src/check/structure.js';
import { account } from '../../src/ledger/account.js';
import { readHfConfig } from '../../src/model/hf.js';
import { resolveModel } from '../../src/model/spec.js';
import { cliJson, expectUserError, tempFiles } from '../helpers/proof.js';

const fixture = (name: string) => new URL(`../fixtures/hf/${name}`, import.meta.url).pathname;
const both = (name: string, seq?: number) => {
  const hf = readHfConfig(fixture(name));
  const model = resolveModel({ arch: 'decoder', values: { ...hf.values, ...(seq ? { seq_len: seq } : {}) }, label: hf.label });
  const a = account(model);
  const s = structure(model);
  return { params: [a.params.total.value, structureParams(s)], flops: [a.flops.total.value, structureFlops(s)], account: a };
};

const FIXTURES = [
  'gemma-2-2b-it.json', 'gemma-2-2b-jpn-it.json', 'gemma-2-9b.json', 'gemma-2-27b.json', 'gemma-3-1b-it.json',
  'olmo-2-1124-7b.json', 'olmo-2-1124-13b.json', 'olmo-2-0325-32b.json', 'mistral-7b-v0.1.json', 'mistral-7b-v0.3.json',
  'qwen-1.8b.json', 'baichuan2-7b.json', 'internlm2-7b.json', 'internlm2.5-7b.json', 'internlm-7b.json', 'deepseek-moe-16b.json',
];

describe('every fixture: formulas = structural count', () => {
  it.each(FIXTURES)('%s', (name) => {
    for (const seq of [undefined, 300]) {
      const r = both(name, seq);
      expect(r.params[0]).toBe(r.params[1]);
      expect(r.flops[0]).toBe(r.flops[1]);
    }
  });
});

describe('published checkpoint totals', () => {
  it.each([
    // keras-hub gemma_presets.py gemma2_2b_en / gemma2_9b_en / gemma2_27b_en (the same shapes as the -it and -jpn-it checkpoints)
    ['gemma-2-2b-it.json', 2_614_341_888n],
    ['gemma-2-2b-jpn-it.json', 2_614_341_888n],
    ['gemma-2-9b.json', 9_241_705_984n],
    ['gemma-2-27b.json', 27_227_128_320n],
    // keras-hub gemma3_presets.py gemma3_1b / gemma3_instruct_1b
    ['gemma-3-1b-it.json', 999_885_952n],
    // Hugging Face Hub safetensors totals: allenai/OLMo-2-1124-7B @ 7df9a82, OLMo-2-1124-13B @ 3fefddc
    ['olmo-2-1124-7b.json', 7_298_617_344n],
    ['olmo-2-1124-13b.json', 13_716_198_400n],
    // InternLM's own chat CLI ("You are served by InternLM, with 7737708544 (7.7B) parameters") and Hub tables for internlm2_5-7b-chat
    ['internlm2.5-7b.json', 7_737_708_544n],
  ])('%s: %s', (name, count) => {
    expect(cliJson(['account', '--hf-config', fixture(name)]).params.total).toBe(count);
  });
});

describe('what the readers take from the modeling code', () => {
  const values = (name: string) => readHfConfig(fixture(name)).values;
  it('gemma2: sandwich norms (4d per layer), soft-capping, scaled embeddings, tied', () => {
    const v = values('gemma-2-9b.json');
    expect(v).toMatchObject({ norm_place: 'sandwich', score_softcap: true, logit_softcap: true, embedding_scale: true, tie_embeddings: true, ffn: 'geglu', head_dim: 256 });
    // the four norms of a layer: input, post-attention, pre- and post-feedforward, d each
    const a = both('gemma-2-9b.json').account;
    const norms = a.components.filter((c) => /norm/.test(c.component.id) && c.component.scope === 'layer');
    expect(norms.map((c) => c.component.id)).toEqual(['attention_norm', 'attention_post_norm', 'ffn_norm', 'ffn_post_norm']);
    for (const c of norms) expect(c.params.total.value).toBe(42n * 3584n);
  });
  it('gemma3_text: per-head q/k norms (head_dim each), no soft-capping, 5 of 6 layers sliding', () => {
    const v = values('gemma-3-1b-it.json');
    expect(v).toMatchObject({ qk_norm: true, norm_place: 'sandwich', score_softcap: false, logit_softcap: false, window: 512, sliding_layers: 26 - 4 });
  });
  it('olmo2: norms after attention and MLP, none before; full-width q/k norms', () => {
    const a = both('olmo-2-1124-7b.json').account;
    const ids = a.components.map((c) => c.component.id);
    expect(ids).toContain('attention_post_norm');
    expect(ids).toContain('ffn_post_norm');
    expect(ids).not.toContain('attention_norm');
    expect(ids).not.toContain('ffn_norm');
    // q_norm over h·a = d, k_norm over k·a = d (32 KV heads of 128): 2d per layer besides the projections
    const attn = a.components.find((c) => c.component.id === 'attention')!;
    expect(attn.params.each.value).toBe(4n * 4096n * 4096n + 2n * 4096n);
  });
  it('mistral v0.3: sliding_window null, every layer global', () => {
    expect(values('mistral-7b-v0.3.json').sliding_window).toBeUndefined();
    expect(JSON.parse(readFileSync(fixture('mistral-7b-v0.3.json'), 'utf8')).sliding_window).toBeNull();
  });
});

describe('fused projections and field names of their own, counted by hand', () => {
  const file = tempFiles('families');
  const total = (config: object) => cliJson(['account', '--hf-config', file('c.json', config)]).params;
  it('qwen (v1): c_attn Linear(d, 3·h·kv_channels) with a bias; w1, w2 of intermediate_size / 2; untied', () => {
    const [V, d, L, h, a, I] = [1000n, 64n, 2n, 4n, 16n, 96n];
    const f = I / 2n;
    const layer = 2n * d + (d * 3n * h * a + 3n * h * a) + h * a * d + 3n * d * f;
    expect(total({ model_type: 'qwen', vocab_size: 1000, hidden_size: 64, num_hidden_layers: 2, num_attention_heads: 4, kv_channels: 16, intermediate_size: 96, max_position_embeddings: 128, no_bias: true }).total)
      .toBe(2n * V * d + L * layer + d);
  });
  it('qwen with an odd intermediate_size is refused', () => {
    expectUserError(['account', '--hf-config', file('odd.json', { model_type: 'qwen', vocab_size: 10, hidden_size: 8, num_hidden_layers: 1, num_attention_heads: 2, intermediate_size: 7, max_position_embeddings: 8 })], /intermediate_size: 7 is not allowed; .* must be even/);
  });
  it('internlm2: wqkv and wo biased when bias is true (the class default), none when false', () => {
    const base = { model_type: 'internlm2', vocab_size: 100, hidden_size: 64, num_hidden_layers: 1, num_attention_heads: 4, num_key_value_heads: 2, intermediate_size: 32, max_position_embeddings: 64 };
    const [d, q, kv] = [64n, 64n, 32n];
    const biases = q + 2n * kv + d; // q, k, v and o biases
    expect(total(base).total - total({ ...base, bias: false }).total).toBe(biases);
  });
  it('baichuan: the 13B shape (hidden 5,120) uses ALiBi, the 7B RoPE; the same parameters either way', () => {
    const v13 = readHfConfig(file('b13.json', { model_type: 'baichuan', vocab_size: 125696, hidden_size: 5120, num_hidden_layers: 2, num_attention_heads: 40, intermediate_size: 13696, max_position_embeddings: 4096 })).values;
    expect(v13.position).toBe('alibi');
    const v7 = readHfConfig(fixture('baichuan2-7b.json')).values;
    expect(v7.position).toBeUndefined();
  });
  it('dbrx: nested attn_config / ffn_config, LayerNorm without bias, GLU experts; by hand', () => {
    const [V, d, L, h, k, E, K, fe] = [1000n, 64n, 3n, 4n, 2n, 4n, 2n, 32n];
    const a = d / h;
    const layer = 2n * d /* two LayerNorm gains, no bias */ + d * (h + 2n * k) * a + h * a * d + d * E + 3n * E * d * fe;
    const p = total({ model_type: 'dbrx', vocab_size: 1000, d_model: 64, n_heads: 4, n_layers: 3, max_seq_len: 128,
      attn_config: { kv_n_heads: 2, clip_qkv: 8 }, ffn_config: { moe_num_experts: 4, moe_top_k: 2, ffn_hidden_size: 32 } });
    expect(p.total).toBe(2n * V * d + L * layer + d);
    expect(p.active.value).toBe(2n * V * d + L * (layer - 3n * (E - K) * d * fe) + d);
  });
  it('dbrx-base: 132B total and 36B active as Databricks states them (rounded)', () => {
    const a = account(resolveModel({ preset: 'dbrx-base' }));
    expect(a.params.total.value / 1_000_000_000n).toBe(131n); // 131.6B, "132B"
    expect(a.params.total.value % 1_000_000_000n >= 500_000_000n).toBe(true);
    expect(a.params.active.value / 1_000_000_000n).toBe(36n); // 36.47B, "36B"
  });
  it('olmo (OLMo-1): LayerNorm without weight or bias, so no norm parameters at all', () => {
    const [V, d, L, f] = [1000n, 64n, 2n, 96n];
    expect(total({ model_type: 'olmo', vocab_size: 1000, hidden_size: 64, num_hidden_layers: 2, num_attention_heads: 4, intermediate_size: 96, max_position_embeddings: 128, clip_qkv: 8.0, tie_word_embeddings: true }).total)
      .toBe(V * d + L * (4n * d * d + 3n * d * f));
  });
});

describe('DeepSeekMoE 16B (v1): a leading dense layer, 64 routed experts (6 per token) and 2 shared, standard attention', () => {
  it('16.4B total and 2.8B active as the DeepSeek-V2 paper tabulates them (rounded)', () => {
    const p = cliJson(['account', '--hf-config', fixture('deepseek-moe-16b.json')]).params;
    // 16.4B and 2.8B to one decimal: within half a unit of the last digit
    expect(p.total >= 16_350_000_000n && p.total < 16_450_000_000n, String(p.total)).toBe(true);
    expect(p.active.value >= 2_750_000_000n && p.active.value < 2_850_000_000n, String(p.active.value)).toBe(true);
  });
  it('dense layers by the rule: i < first_k_dense_replace or i not a multiple of moe_layer_freq', () => {
    const v = readHfConfig(fixture('deepseek-moe-16b.json')).values;
    expect(v).toMatchObject({ dense_layers: 1, d_ff: 10944, shared_experts: 'plain', shared_d_ff: 2 * 1408, num_experts: 64, experts_per_token: 6 });
  });
});

describe('internlm (v1): q, k, v and o biases when bias is true', () => {
  it('internlm-7b: 4 biases of d per layer', () => {
    const v = readHfConfig(fixture('internlm-7b.json')).values;
    expect(v).toMatchObject({ qkv_bias: true, out_bias: true });
  });
});

describe('more released configs through the existing readers (mlc-llm copies): formulas = structural count, and published counts', () => {
  const MORE = ['llama-2-7b.json', 'llama-2-13b.json', 'llama-2-70b.json', 'codellama-7b.json', 'llama-3.1-8b.json', 'llama-3.1-70b.json', 'llama-3.2-1b.json', 'llama-3.2-3b.json',
    'qwen2-0.5b.json', 'qwen2-1.5b.json', 'qwen2.5-3b.json', 'qwen2-7b.json', 'qwen3-1.7b.json', 'tinyllama-1.1b-chat-v1.0.json', 'smollm2-135m.json', 'gemma-2b.json', 'llava-1.5-7b.json'];
  it.each(MORE)('%s', (name) => {
    const r = both(name);
    expect(r.params[0]).toBe(r.params[1]);
    expect(r.flops[0]).toBe(r.flops[1]);
  });
  it.each([
    ['llama-2-7b.json', 6_738_415_616n], // references.md
    ['llama-2-13b.json', 13_015_864_320n], // references.md
    ['llama-3.1-8b.json', 8_030_261_248n], // Llama-3-8B's shapes, references.md
    ['gemma-2b.json', 2_506_172_416n], // keras-hub gemma_presets.py gemma_2b_en
    ['smollm2-135m.json', 134_515_008n], // formulas/presets/smollm2.yaml's published count
    ['qwen2-0.5b.json', 494_032_768n], // Qwen2.5-0.5B's shapes, formulas/presets/qwen.yaml's published count
    ['qwen2-1.5b.json', 1_543_714_304n], // Qwen2.5-1.5B's shapes, same file
    ['qwen2-7b.json', 7_615_616_512n], // Qwen2.5-7B's shapes, same file
  ])('%s: %s', (name, count) => {
    expect(cliJson(['account', '--hf-config', fixture(name)]).params.total).toBe(count);
  });
});
