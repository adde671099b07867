// Proof: what a Hugging Face config's count leaves out is named, never silently dropped, and
// mixtures of experts with dense layers among the sparse ones are counted as two layer groups.
//
// 1. Vision-language wrappers (llava, mistral3, gemma3, paligemma, idefics3, qwen2_5_vl): the
//    language model is counted, with the text class's defaults for fields text_config leaves out
//    (LLaVA-1.5's relies on LlamaConfig's), and JSON params.excluded and the text name the rest.
//    The llava-1.5-7b fixture (mlc-llm's copy of llava-hf/llava-1.5-7b-hf) is Llama-2-7B's
//    language model with 64 more vocabulary rows in the embedding and the head: 6,738,415,616
//    (references.md) + 2 × 64 × 4,096.
// 2. DeepSeek-V3's multi-token-prediction module: outside the 671B and named.
// 3. Qwen-MoE with decoder_sparse_step > 1 or mlp_only_layers: the dense layers by the modeling
//    rule, counted here layer by layer, each an MLP of intermediate_size.
import { describe, expect, it } from 'vitest';
import { structure, structureFlops, structureParams } from '../../src/check/structure.js';
import { account } from '../../src/ledger/account.js';
import { readHfConfig } from '../../src/model/hf.js';
import { resolveModel } from '../../src/model/spec.js';
import { cli } from '../helpers/cli.js';
import { cliJson, expectUserError, tempFiles } from '../helpers/proof.js';

const fixture = (name: string) => new URL(`../fixtures/hf/${name}`, import.meta.url).pathname;
const file = tempFiles('wrappers');

describe('vision-language wrappers: the language model, and the rest named', () => {
  it('llava-1.5-7b: the whole checkpoint, 7,063,427,072, with its CLIP tower and projector counted; their per-image FLOPs named as left out', () => {
    const json = cliJson(['account', '--hf-config', fixture('llava-1.5-7b.json')]);
    // LlavaForConditionalGeneration's parameter sum (public code asserting count_parameters(model) == 7063427072)
    expect(json.params.total).toBe(7_063_427_072n);
    // by hand: the language model (Llama-2-7B's 6,738,415,616 + 2 × 64 × 4,096 for the added rows) and
    // CLIP ViT-L/14-336 (class 1,024; patches 3·14²·1,024; positions 577·1,024; pre/post LayerNorms 4·1,024;
    // 24 blocks of 2 LayerNorms (4·1,024), q/k/v/o with biases (4·(1,024² + 1,024)), fc1 and fc2 with biases)
    // and the projector (1,024·4,096 + 4,096 + 4,096² + 4,096)
    const [dv, fv, Lv, d] = [1024n, 4096n, 24n, 4096n];
    const clip = dv + 3n * 14n * 14n * dv + 577n * dv + 4n * dv + Lv * (4n * dv + 4n * (dv * dv + dv) + (dv * fv + fv) + (fv * dv + dv));
    expect(json.params.total).toBe(6_738_415_616n + 2n * 64n * 4096n + clip + (dv * d + d + d * d + d));
    expect(json.params.excluded.map((e: { part: string }) => e.part)).toEqual(['vision_flops']);
    const text = cli(['account', '--hf-config', fixture('llava-1.5-7b.json')]).stdout;
    expect(text).toMatch(/left out of this count: vision_flops, the FLOPs of the vision tower and projector of llava/);
    expect(cli(['check', '--hf-config', fixture('llava-1.5-7b.json')]).stdout).toMatch(/left out of both counts: vision_flops/);
  });
  it('a llava whose tower lmledger does not model (SigLIP) is the language model, the tower named as left out', () => {
    const hf = readHfConfig(file('llava-siglip.json', { model_type: 'llava', text_config: { model_type: 'llama', vocab_size: 1000, hidden_size: 64, intermediate_size: 96, num_hidden_layers: 1, num_attention_heads: 4, max_position_embeddings: 64 }, vision_config: { model_type: 'siglip_vision_model', hidden_size: 32 } }));
    expect(hf.values.vision).toBeUndefined();
    expect(hf.excluded.map((e) => e.part)).toEqual(['vision_tower', 'multi_modal_projector']);
  });
  it('llava text_config without its sizes takes LlamaConfig defaults (hidden 4096, 32 layers, intermediate 11008, 32 heads)', () => {
    const hf = readHfConfig(file('llava.json', { model_type: 'llava', text_config: { vocab_size: 32064 }, vision_config: { hidden_size: 1024 } }));
    expect(hf.values).toMatchObject({ d_model: 4096, num_layers: 32, d_ff: 11008, num_heads: 32, num_kv_heads: 32, vocab_size: 32064, context_length: 2048 });
  });
  it('gemma3: text_config as gemma3_text with its defaults (sandwich norms, per-head q/k norms, 5 of 6 sliding)', () => {
    const hf = readHfConfig(file('g3.json', { model_type: 'gemma3', text_config: { hidden_size: 2560, intermediate_size: 10240, num_hidden_layers: 34, sliding_window: 1024 }, vision_config: {} }));
    expect(hf.values).toMatchObject({ d_model: 2560, num_layers: 34, num_heads: 8, num_kv_heads: 4, head_dim: 256, vocab_size: 262208, qk_norm: true, norm_place: 'sandwich', window: 1024, sliding_layers: 34 - 5 });
    expect(hf.excluded.map((e) => e.part)).toEqual(['vision_tower', 'multi_modal_projector']);
  });
  it('qwen2_5_vl: the language model at the top level, Qwen2 with q/k/v biases; the visual tower named', () => {
    const hf = readHfConfig(file('qvl.json', { model_type: 'qwen2_5_vl', vocab_size: 1000, hidden_size: 64, intermediate_size: 96, num_hidden_layers: 2, num_attention_heads: 4, num_key_value_heads: 2, max_position_embeddings: 128, vision_config: { depth: 32 } }));
    expect(hf.values).toMatchObject({ qkv_bias: true, d_model: 64 });
    expect(hf.excluded.map((e) => e.part)).toEqual(['visual']);
  });
  it.each([['mistral3', 'vision_tower'], ['paligemma', 'vision_tower'], ['idefics3', 'vision_model']])('%s names %s', (type, part) => {
    const text = type === 'mistral3' ? { model_type: 'mistral' } : type === 'paligemma' ? { model_type: 'gemma' } : {};
    const hf = readHfConfig(file(`${type}.json`, { model_type: type, text_config: { ...text, vocab_size: 1000, hidden_size: 64, intermediate_size: 96, num_hidden_layers: 2, num_attention_heads: 4, max_position_embeddings: 128 }, vision_config: {} }));
    expect(hf.excluded[0]!.part).toBe(part);
    expect(hf.excluded.every((e) => /not counted/.test(e.what))).toBe(true);
  });
  it('an unknown wrapper with a vision_config: the vision model is named as left out', () => {
    const hf = readHfConfig(file('other.json', { model_type: 'some_vlm', text_config: { model_type: 'llama', vocab_size: 100, hidden_size: 64, intermediate_size: 96, num_hidden_layers: 1, num_attention_heads: 4, max_position_embeddings: 64 }, vision_config: { hidden_size: 32 } }));
    expect(hf.excluded.map((e) => e.part)).toEqual(['vision']);
  });
  it('a text-only config leaves nothing out', () => {
    expect(cliJson(['account', '--hf-config', fixture('llama-3-8b.json')]).params.excluded).toEqual([]);
  });
});

describe("DeepSeek-V3's multi-token-prediction module is outside the 671B, and named", () => {
  it('params.excluded lists mtp; the total stays the main model', () => {
    const json = cliJson(['account', '--hf-config', fixture('deepseek-v3.json')]);
    expect(json.params.total).toBe(671_026_404_352n);
    expect(json.params.excluded.map((e: { part: string }) => e.part)).toEqual(['mtp']);
    expect(cli(['account', '--hf-config', fixture('deepseek-v3.json')]).stdout).toMatch(/left out of this count: mtp, the multi-token-prediction module/);
  });
});

describe('Qwen-MoE with dense layers among the sparse ones', () => {
  const base = { vocab_size: 1000, hidden_size: 64, num_hidden_layers: 6, num_attention_heads: 4, num_key_value_heads: 2, max_position_embeddings: 128, intermediate_size: 200, num_experts: 8, num_experts_per_tok: 2, moe_intermediate_size: 32 };
  // The rule of modeling_qwen2_moe.py, applied layer by layer: sparse when not in mlp_only_layers and (i + 1) % step == 0.
  const sparse = (L: number, step: number, only: number[]) => Array.from({ length: L }, (_, i) => i).filter((i) => !only.includes(i) && (i + 1) % step === 0).length;
  it.each([[2, []], [1, [0, 5]], [3, [2]]] as Array<[number, number[]]>)('qwen3_moe, decoder_sparse_step %i, mlp_only_layers %j', (step, only) => {
    const path = file('q3.json', { ...base, model_type: 'qwen3_moe', head_dim: 16, decoder_sparse_step: step, mlp_only_layers: only });
    const [d, h, k, a, f, E, K, fe] = [64n, 4n, 2n, 16n, 200n, 8n, 2n, 32n];
    const s = BigInt(sparse(6, step, only));
    const attention = d * h * a + 2n * d * k * a + h * a * d + 2n * a; // q, k, v, o and the per-head q/k norms
    const common = 6n * (2n * d + attention);
    const expected = 2n * 1000n * d + d + common + (6n - s) * 3n * d * f + s * (d * E + 3n * E * d * fe);
    const json = cliJson(['account', '--hf-config', path]);
    expect(json.params.total).toBe(expected);
    expect(json.params.active.value).toBe(expected - s * 3n * (E - K) * d * fe);
    const hf = readHfConfig(path);
    const model = resolveModel({ arch: 'decoder', values: hf.values, label: 'q3' });
    expect(account(model).flops.total.value).toBe(structureFlops(structure(model)));
    expect(structureParams(structure(model))).toBe(expected);
  });
  it('qwen2_moe with every layer dense is refused, naming the fields', () => {
    expectUserError(['account', '--hf-config', file('dense.json', { ...base, model_type: 'qwen2_moe', mlp_only_layers: [0, 1, 2, 3, 4, 5] })], /leave no sparse layer/);
  });
  it('mlp_only_layers out of range is refused', () => {
    expectUserError(['account', '--hf-config', file('range.json', { ...base, model_type: 'qwen2_moe', mlp_only_layers: [9] })], /mlp_only_layers: expected a list of layer indices 0…5/);
  });
});

describe('a preset names what its count leaves out too', () => {
  it('deepseek-v3: params.excluded lists the multi-token-prediction module', () => {
    expect(cliJson(['account', 'deepseek-v3']).params.excluded.map((e: { part: string }) => e.part)).toEqual(['mtp']);
    expect(cliJson(['account', 'llama-3-8b']).params.excluded).toEqual([]);
  });
});

describe('qwen2 with use_sliding_window: layers from max_window_layers on slide', () => {
  const base = { model_type: 'qwen2', vocab_size: 100, hidden_size: 64, intermediate_size: 96, num_hidden_layers: 6, num_attention_heads: 4, num_key_value_heads: 2, max_position_embeddings: 8192, sliding_window: 512 };
  it('off (every released config): no sliding layers', () => {
    expect(readHfConfig(file('q2.json', base)).values.sliding_window).toBeUndefined();
  });
  it('on with max_window_layers 2: layers 2…5 slide', () => {
    expect(readHfConfig(file('q2w.json', { ...base, use_sliding_window: true, max_window_layers: 2 })).values).toMatchObject({ sliding_window: true, window: 512, sliding_layers: 4 });
  });
});

describe("gemma3 with the few text_config keys Gemma 3 4B's config names: Gemma3TextConfig's defaults fill the rest", () => {
  it("the language model equals keras-hub's gemma3_4b_text (3,880,099,328, vocabulary 262,144) plus 64 rows of 2,560 (262,208)", () => {
    const path = file('g3-4b.json', {
      architectures: ['Gemma3ForConditionalGeneration'], model_type: 'gemma3', mm_tokens_per_image: 256,
      text_config: { hidden_size: 2560, intermediate_size: 10240, model_type: 'gemma3_text', num_hidden_layers: 34, rope_scaling: { factor: 8.0, rope_type: 'linear' }, sliding_window: 1024 },
      vision_config: { hidden_size: 1152, image_size: 896, intermediate_size: 4304, model_type: 'siglip_vision_model', num_attention_heads: 16, num_hidden_layers: 27, patch_size: 14, vision_use_head: false },
    });
    const json = cliJson(['account', '--hf-config', path]);
    expect(json.params.total).toBe(3_880_099_328n + 64n * 2560n);
    expect(json.model.symbols.L_s.value).toBe(29n); // layers 5, 11, 17, 23, 29 global
    expect(json.params.excluded.map((e: { part: string }) => e.part)).toEqual(['vision_tower', 'multi_modal_projector']);
  });
});
