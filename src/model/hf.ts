// Hugging Face config.json -> lmledger config fields for the decoder architecture.
// Field names and the defaults a missing field takes come from the transformers configuration
// classes (configuration_<model_type>.py); where a default differs from the generic one (head_dim
// 128 for qwen3, 256 for gemma; 8 KV heads for mistral; tied embeddings for gpt2 and gemma) it
// is written in the table below, so a config without the field counts as transformers would load it.

import { quote, UserError } from '../errors.js';
import { unsafeInteger } from './spec.js';
import { fileModelName, readJsonObject, type Json } from './files.js';
import type { Excluded, RawField } from './spec.js';
import { CLASSIC_FAMILIES } from './hf-classic.js';

interface Family {
  /** Defaults of the configuration class for fields a config.json may leave out. */
  defaults: Json;
  /** Options of the decoder architecture fixed by the modeling code, whatever the config says. */
  fixed: Record<string, RawField>;
  /** How to map this family's own flags (activation, biases) onto options. */
  options: (c: Json) => Record<string, RawField>;
  /** Latent attention: no key/value heads or head size of the standard kind (they would be unused). */
  latent?: boolean;
  /** A mixture of experts: the expert fields (and moe: true) in place of d_ff. */
  moe?: (get: (key: string) => unknown, where: string) => Record<string, RawField>;
  /** Fields of layers that differ or blocks of their own (sliding windows, norms): read from the config. */
  block?: (get: (key: string) => unknown, layers: number, where: string) => Record<string, RawField>;
  /** Parts of the checkpoint the count leaves out (DeepSeek-V3's multi-token-prediction module). */
  excluded?: (get: (key: string) => unknown) => Excluded[];
}

/**
 * Vision-language wrappers (transformers' *ForConditionalGeneration): lmledger counts their
 * language model, read from text_config (or, for Qwen2.5-VL, from the top level) with the text
 * model class's defaults for what it leaves out, and names the parts it leaves out.
 */
interface Wrapper {
  /** The model_type of the language model when text_config names none (the wrapper's default class). */
  text: string;
  /** The language model's fields are at the top level, not under text_config. */
  top?: boolean;
  excluded: Excluded[];
  /** A vision tower lmledger counts (its fields), when the config describes one it models; else the excluded list applies. */
  tower?: (top: Json, where: string) => Record<string, RawField> | undefined;
}

/** CLIPVisionConfig's defaults (configuration_clip.py), and LlavaConfig's own when vision_config is absent. */
const CLIP_VISION_DEFAULTS: Json = { hidden_size: 768, intermediate_size: 3072, num_hidden_layers: 12, num_channels: 3, image_size: 224, patch_size: 32 };
const LLAVA_VISION_DEFAULTS: Json = { hidden_size: 1024, intermediate_size: 4096, num_hidden_layers: 24, num_channels: 3, image_size: 336, patch_size: 14 };

/**
 * LLaVA's CLIP tower and projector, when the config is the LLaVA-1.5 kind lmledger models: a CLIP
 * vision_config, one vision_feature_layer (an int) and a projector with biases. Otherwise
 * (SigLIP towers, several feature layers concatenated, a bias-free projector) the tower is named
 * as left out instead.
 */
function llavaTower(top: Json, where: string): Record<string, RawField> | undefined {
  const raw = top.vision_config;
  if (raw !== undefined && raw !== null && (typeof raw !== 'object' || Array.isArray(raw))) throw new UserError(`${where}: vision_config: expected an object of settings`);
  const given = (raw ?? undefined) as Json | undefined;
  if (given && given.model_type !== undefined && given.model_type !== 'clip_vision_model') return undefined;
  if (Array.isArray(top.vision_feature_layer) || top.multimodal_projector_bias === false) return undefined;
  const v: Json = given ? { ...CLIP_VISION_DEFAULTS, ...given } : LLAVA_VISION_DEFAULTS;
  const at = `${where} (vision_config)`;
  const image = positive(v.image_size, 'image_size', at);
  const patch = positive(v.patch_size, 'patch_size', at);
  if (image % patch !== 0) throw new UserError(`${at}: image_size ${image} is not a multiple of patch_size ${patch}; CLIP's patches tile the image`);
  return {
    vision: 'clip',
    vision_width: positive(v.hidden_size, 'hidden_size', at),
    vision_d_ff: positive(v.intermediate_size, 'intermediate_size', at),
    vision_layers: positive(v.num_hidden_layers, 'num_hidden_layers', at),
    vision_positions: (image / patch) ** 2 + 1,
    vision_patch: patch,
    vision_channels: positive(v.num_channels, 'num_channels', at),
  };
}
const MULTIMODAL: Record<string, Wrapper> = {
  llava: { text: 'llama', tower: llavaTower, excluded: [{ part: 'vision_tower', what: 'the CLIP vision encoder (vision_config)' }, { part: 'multi_modal_projector', what: "the MLP from the vision encoder's width to the language model's" }] },
  mistral3: { text: 'mistral', excluded: [{ part: 'vision_tower', what: 'the Pixtral vision encoder (vision_config)' }, { part: 'multi_modal_projector', what: 'the patch merger and the MLP into the language model' }] },
  gemma3: { text: 'gemma3_text', excluded: [{ part: 'vision_tower', what: 'the SigLIP vision encoder (vision_config)' }, { part: 'multi_modal_projector', what: 'the pooled projection of image tokens into the language model, with its RMSNorm' }] },
  paligemma: { text: 'gemma', excluded: [{ part: 'vision_tower', what: 'the SigLIP vision encoder (vision_config)' }, { part: 'multi_modal_projector', what: 'the linear projection into the language model' }] },
  idefics3: { text: 'llama', excluded: [{ part: 'vision_model', what: 'the SigLIP vision encoder (vision_config)' }, { part: 'connector', what: 'the pixel-shuffle connector and its projection into the language model' }] },
  qwen2_5_vl: { text: 'qwen2', top: true, excluded: [{ part: 'visual', what: 'the vision transformer and its patch merger (vision_config)' }] },
};

/**
 * The defaults of the text model classes (configuration_<type>.py) for the fields that size the
 * model, which a wrapper's text_config often leaves out (LLaVA-1.5's relies on LlamaConfig's).
 */
const TEXT_CLASS_DEFAULTS: Record<string, Json> = {
  llama: { vocab_size: 32000, hidden_size: 4096, intermediate_size: 11008, num_hidden_layers: 32, num_attention_heads: 32, max_position_embeddings: 2048 },
  mistral: { vocab_size: 32000, hidden_size: 4096, intermediate_size: 14336, num_hidden_layers: 32, num_attention_heads: 32, max_position_embeddings: 131072 },
  gemma: { vocab_size: 256000, hidden_size: 3072, intermediate_size: 24576, num_hidden_layers: 28, num_attention_heads: 16, max_position_embeddings: 8192 },
  gemma2: { vocab_size: 256000, hidden_size: 2304, intermediate_size: 9216, num_hidden_layers: 26, num_attention_heads: 8, max_position_embeddings: 8192 },
  gemma3_text: { vocab_size: 262208, hidden_size: 2304, intermediate_size: 9216, num_hidden_layers: 26, num_attention_heads: 8, max_position_embeddings: 131072 },
  qwen2: { vocab_size: 151936, hidden_size: 4096, intermediate_size: 22016, num_hidden_layers: 32, num_attention_heads: 32, max_position_embeddings: 32768 },
};

/**
 * Sliding-window layers: how many of the num_hidden_layers attend over a window, and its size.
 * A config's layer_types (transformers ≥ 4.53) lists each layer; else the family's rule decides
 * which layer slides (Gemma 2: layer i when i is even; Gemma 3: unless (i + 1) is a multiple of
 * sliding_window_pattern; Mistral: every layer once sliding_window is set).
 */
function slidingLayers(get: (key: string) => unknown, layers: number, where: string, rule: (i: number) => boolean): Record<string, RawField> {
  const window = get('sliding_window');
  if (window === null || window === undefined) return {};
  const size = positive(window, 'sliding_window', where);
  const types = get('layer_types');
  let sliding: number;
  if (types !== undefined && types !== null) {
    if (!Array.isArray(types) || types.length !== layers || types.some((t) => t !== 'sliding_attention' && t !== 'full_attention'))
      throw new UserError(`${where}: layer_types: expected a list of ${layers} entries, each "sliding_attention" or "full_attention"`);
    sliding = types.filter((t) => t === 'sliding_attention').length;
  } else sliding = Array.from({ length: layers }, (_, i) => i).filter(rule).length;
  return sliding === 0 ? {} : { sliding_window: true, window: size, sliding_layers: sliding };
}

/** Gemma 2/3 share the block: four RMSNorms per layer, GeGLU, embeddings scaled by sqrt(d). */
function gemmaBlock(c: (key: string) => unknown): Record<string, RawField> {
  return {
    norm_place: 'sandwich',
    embedding_scale: true,
    score_softcap: c('attn_logit_softcapping') !== null && c('attn_logit_softcapping') !== undefined,
    logit_softcap: c('final_logit_softcapping') !== null && c('final_logit_softcapping') !== undefined,
  };
}

/**
 * Qwen-MoE's rule for which layers are sparse (modeling_qwen2_moe.py / modeling_qwen3_moe.py): a
 * layer i is dense, an MLP of intermediate_size, when listed in mlp_only_layers or when (i + 1) is
 * not a multiple of decoder_sparse_step. Where the dense layers sit changes no count, so they are a
 * layer group of their own (dense_layers, as DeepSeek's leading ones), counted here layer by layer.
 */
function denseLayers(get: (key: string) => unknown, where: string): Record<string, RawField> {
  const L = positive(get('num_hidden_layers'), 'num_hidden_layers', where);
  const step = get('decoder_sparse_step') ?? 1;
  const only = get('mlp_only_layers') ?? [];
  const every = positive(step, 'decoder_sparse_step', where);
  if (!Array.isArray(only) || only.some((i) => typeof i !== 'number' || !Number.isSafeInteger(i) || i < 0 || i >= L))
    throw new UserError(`${where}: mlp_only_layers: expected a list of layer indices 0…${L - 1}`);
  const dense = Array.from({ length: L }, (_, i) => i).filter((i) => only.includes(i) || (i + 1) % every !== 0).length;
  if (dense === 0) return {};
  if (dense === L) throw new UserError(`${where}: decoder_sparse_step ${every} / mlp_only_layers ${quote(only)} leave no sparse layer; give the model as a dense one (model_type qwen2) instead`);
  return { dense_layers: dense, d_ff: positive(get('intermediate_size'), 'intermediate_size', where) };
}

const experts = (get: (key: string) => unknown, where: string, E: string, K: string, width: string): Record<string, RawField> => ({
  moe: true,
  num_experts: positive(get(E), E, where),
  experts_per_token: positive(get(K), K, where),
  expert_d_ff: positive(get(width), width, where),
});

/** SiLU-gated (SwiGLU) or GELU-gated (GeGLU) feed-forward from hidden_act / hidden_activation. */
function gatedFfn(c: Json, where: string): RawField {
  const raw = c.hidden_activation ?? c.hidden_act ?? 'silu';
  if (typeof raw !== 'string') throw new UserError(`${where}: ${c.hidden_activation !== undefined ? 'hidden_activation' : 'hidden_act'}: ${quote(raw)} is not allowed; expected a name such as "silu"`);
  const act = raw;
  if (act === 'silu' || act === 'swish') return 'swiglu';
  if (act.startsWith('gelu')) return 'geglu';
  throw new UserError(`${where}: hidden_act '${act}' is not supported; lmledger knows silu (SwiGLU) and gelu* (GeGLU) gated feed-forwards`);
}

const llamaBiases = (c: Json) => ({
  qkv_bias: c.attention_bias === true,
  out_bias: c.attention_bias === true,
  mlp_bias: c.mlp_bias === true,
  gate_bias: c.mlp_bias === true,
});

const FAMILIES: Record<string, Family> = {
  llama: { defaults: { tie_word_embeddings: false }, fixed: {}, options: llamaBiases },
  // Mistral v0.1 attends over a window of sliding_window (4,096) tokens in every layer; v0.2 on set it to null.
  mistral: {
    defaults: { tie_word_embeddings: false, num_key_value_heads: 8, sliding_window: 4096 },
    fixed: {},
    options: () => ({}),
    block: (get, L, where) => slidingLayers(get, L, where, () => true),
  },
  // Qwen2 hard-codes biases on q, k and v (not o) in modeling_qwen2.py.
  // With use_sliding_window (false in every released config), layers from max_window_layers on
  // attend over sliding_window tokens (modeling_qwen2.py's layer_types).
  qwen2: {
    defaults: { tie_word_embeddings: false, num_key_value_heads: 32, use_sliding_window: false, sliding_window: 4096, max_window_layers: 28 },
    fixed: { qkv_bias: true },
    options: () => ({}),
    block: (get, L, where) => {
      if (get('use_sliding_window') !== true) return {};
      const from = get('max_window_layers');
      if (typeof from !== 'number' || !Number.isSafeInteger(from) || from < 0) throw new UserError(`${where}: max_window_layers: ${JSON.stringify(from)} is not a whole number ≥ 0`);
      return slidingLayers(get, L, where, (i) => i >= from);
    },
  },
  qwen3: { defaults: { tie_word_embeddings: false, num_key_value_heads: 32, head_dim: 128 }, fixed: { qk_norm: true }, options: (c) => ({ qkv_bias: c.attention_bias === true, out_bias: c.attention_bias === true }) },
  gemma: { defaults: { tie_word_embeddings: true, num_key_value_heads: 16, head_dim: 256 }, fixed: {}, options: (c) => ({ qkv_bias: c.attention_bias === true, out_bias: c.attention_bias === true }) },
  // Gemma 2 (modeling_gemma2.py): sandwich norms (input, post_attention, pre_feedforward,
  // post_feedforward RMSNorm; Gemma's (1 + w) gain has the same d parameters), GeGLU, tied
  // embeddings, head_dim 256 whatever d/h is; query_pre_attn_scalar replaces sqrt(head_dim) in the
  // score scale (no parameters); scores and final logits soft-capped (no parameters); every other
  // layer (even i) over a window of sliding_window tokens.
  gemma2: {
    defaults: { tie_word_embeddings: true, num_key_value_heads: 4, head_dim: 256, sliding_window: 4096, attn_logit_softcapping: 50.0, final_logit_softcapping: 30.0 },
    fixed: {},
    options: (c) => ({ qkv_bias: c.attention_bias === true, out_bias: c.attention_bias === true }),
    block: (get, L, where) => ({ ...gemmaBlock(get), ...slidingLayers(get, L, where, (i) => i % 2 === 0) }),
  },
  // Gemma 3 (modeling_gemma3.py): Gemma 2's block with per-head q/k RMSNorms (head_dim each) and no
  // soft-capping by default; five of six layers local (sliding_window_pattern 6: layer i is global
  // when i + 1 is a multiple of it).
  gemma3_text: {
    defaults: { tie_word_embeddings: true, num_key_value_heads: 4, head_dim: 256, sliding_window: 4096, sliding_window_pattern: 6, attn_logit_softcapping: null, final_logit_softcapping: null },
    fixed: { qk_norm: true },
    options: (c) => ({ qkv_bias: c.attention_bias === true, out_bias: c.attention_bias === true }),
    block: (get, L, where) => {
      const pattern = positive(get('_sliding_window_pattern') ?? get('sliding_window_pattern'), 'sliding_window_pattern', where);
      return { ...gemmaBlock(get), ...slidingLayers(get, L, where, (i) => (i + 1) % pattern !== 0) };
    },
  },
  // OLMo-1 (modeling_olmo.py): OlmoLayerNorm is F.layer_norm with neither weight nor bias (no
  // parameters, in every block and at the end); clip_qkv clamps Q, K and V (no parameters).
  olmo: {
    defaults: { tie_word_embeddings: false, clip_qkv: null },
    fixed: { norm: 'layernorm', norm_affine: false },
    options: (c) => ({ qkv_bias: c.attention_bias === true, out_bias: c.attention_bias === true, clip_qkv: c.clip_qkv !== null && c.clip_qkv !== undefined }),
  },
  // OLMo-2 (modeling_olmo2.py): norms after attention and after the MLP, on their outputs before
  // the residual add (post_attention_layernorm, post_feedforward_layernorm), none before: two per
  // layer as in Llama, in other places; RMSNorm over the full query and key widths.
  olmo2: {
    defaults: { tie_word_embeddings: false },
    fixed: { norm_place: 'output', qk_norm: 'full' },
    options: (c) => ({ qkv_bias: c.attention_bias === true, out_bias: c.attention_bias === true }),
  },
  // Qwen (v1, remote code modeling_qwen.py): c_attn fuses Q, K, V into Linear(d, 3·kv_channels·h)
  // with a bias, c_proj and the MLP without (no_bias); the MLP's w1 and w2 are each
  // intermediate_size / 2 wide (ff_dim_in), so d_ff is half the config's intermediate_size.
  qwen: {
    defaults: { tie_word_embeddings: false, no_bias: true },
    fixed: { qkv_bias: true },
    options: (c) => ({ out_bias: c.no_bias === false, mlp_bias: c.no_bias === false, gate_bias: c.no_bias === false }),
    block: (get, _L, where) => {
      const inter = positive(get('intermediate_size'), 'intermediate_size', where);
      if (inter % 2 !== 0) throw new UserError(`${where}: intermediate_size: ${inter} is not allowed; Qwen's MLP splits it in two halves (w1, w2), so it must be even`);
      const channels = get('kv_channels');
      return { d_ff: inter / 2, ...(channels === undefined || channels === null ? {} : { head_dim: positive(channels, 'kv_channels', where) }) };
    },
  },
  // InternLM2 (remote code modeling_internlm2.py): wqkv fuses Q, K, V (grouped-query) and wo, both
  // with a bias when `bias` is true (its configuration class's default); the MLP has none.
  internlm2: {
    defaults: { tie_word_embeddings: false, bias: true },
    fixed: {},
    options: (c) => ({ qkv_bias: c.bias !== false, out_bias: c.bias !== false }),
  },
  // Baichuan / Baichuan2 (remote code modeling_baichuan.py): W_pack fuses Q, K, V without a bias,
  // a bias-free o_proj and MLP; Baichuan2's NormHead normalises the LM head's rows (no parameters
  // of its own). The 13B models (hidden_size 5,120) ship a modeling file with ALiBi instead of RoPE.
  baichuan: {
    defaults: { tie_word_embeddings: false },
    fixed: {},
    options: (c): Record<string, RawField> => (c.hidden_size === 5120 ? { position: 'alibi' } : {}),
  },
  // InternLM (v1, remote code modeling_internlm.py): Llama's block with biases on q, k, v and o when
  // `bias` is true (its configuration class's default); the MLP has none.
  internlm: {
    defaults: { tie_word_embeddings: false, bias: true },
    fixed: {},
    options: (c) => ({ qkv_bias: c.bias !== false, out_bias: c.bias !== false }),
  },
  // DeepSeekMoE (v1, remote code modeling_deepseek.py): standard attention; layer i is a mixture
  // of experts when i ≥ first_k_dense_replace and i is a multiple of moe_layer_freq, else an MLP of
  // intermediate_size; n_routed_experts of moe_intermediate_size behind a bias-free gate, and
  // n_shared_experts as one MLP n_shared_experts × moe_intermediate_size wide.
  deepseek: {
    defaults: { tie_word_embeddings: false, first_k_dense_replace: 0, moe_layer_freq: 1, n_shared_experts: null },
    fixed: {},
    options: (c) => ({ qkv_bias: c.attention_bias === true, out_bias: c.attention_bias === true }),
    moe: (get, where) => {
      const L = positive(get('num_hidden_layers'), 'num_hidden_layers', where);
      const first = get('first_k_dense_replace') ?? 0;
      if (typeof first !== 'number' || !Number.isSafeInteger(first) || first < 0) throw new UserError(`${where}: first_k_dense_replace: ${JSON.stringify(first)} is not a whole number ≥ 0`);
      const freq = positive(get('moe_layer_freq'), 'moe_layer_freq', where);
      const dense = Array.from({ length: L }, (_, i) => i).filter((i) => !(i >= first && i % freq === 0)).length;
      if (dense === L) throw new UserError(`${where}: first_k_dense_replace ${first} / moe_layer_freq ${freq} leave no sparse layer; give the model as a dense one (model_type llama) instead`);
      const width = positive(get('moe_intermediate_size'), 'moe_intermediate_size', where);
      const shared = get('n_shared_experts');
      return {
        ...experts(get, where, 'n_routed_experts', 'num_experts_per_tok', 'moe_intermediate_size'),
        ...(shared === null || shared === undefined || shared === 0 ? {} : { shared_experts: 'plain', shared_d_ff: width * positive(shared, 'n_shared_experts', where) }),
        ...(dense === 0 ? {} : { dense_layers: dense, d_ff: positive(get('intermediate_size'), 'intermediate_size', where) }),
      };
    },
  },
  // Phi-3 fuses qkv_proj and gate_up_proj: the same parameters as separate projections, no biases.
  // Phi-3's sliding_window (2,047 for the 4k models; beyond the context for the 128k ones, so no
  // effect there) masks every layer's attention (modeling_phi3.py's sliding-window causal mask).
  phi3: { defaults: { tie_word_embeddings: false, sliding_window: null }, fixed: {}, options: () => ({}), block: (get, L, where) => slidingLayers(get, L, where, () => true) },

  // Mixtures of experts (configuration_*.py defaults; modeling_*.py for the structure).
  // Mixtral: every layer sparse, experts of intermediate_size, no shared expert, no biases.
  mixtral: {
    defaults: { tie_word_embeddings: false, num_key_value_heads: 8, num_local_experts: 8, num_experts_per_tok: 2 },
    fixed: {},
    options: () => ({}),
    moe: (get, where) => experts(get, where, 'num_local_experts', 'num_experts_per_tok', 'intermediate_size'),
  },
  // Qwen1.5/Qwen2-MoE: q/k/v biases by default (qkv_bias: True), experts of moe_intermediate_size,
  // one shared expert of shared_expert_intermediate_size behind a sigmoid gate Linear(d, 1).
  qwen2_moe: {
    defaults: { tie_word_embeddings: false, num_key_value_heads: 16, qkv_bias: true, decoder_sparse_step: 1, mlp_only_layers: [], num_experts: 60, num_experts_per_tok: 4, moe_intermediate_size: 1408, shared_expert_intermediate_size: 5632 },
    fixed: {},
    options: (c) => ({ qkv_bias: c.qkv_bias === undefined ? true : c.qkv_bias === true }),
    moe: (get, where) => {
      const shared = get('shared_expert_intermediate_size');
      return {
        ...denseLayers(get, where),
        ...experts(get, where, 'num_experts', 'num_experts_per_tok', 'moe_intermediate_size'),
        ...(shared === 0 ? {} : { shared_experts: 'gated', shared_d_ff: positive(shared, 'shared_expert_intermediate_size', where) }),
      };
    },
  },
  // Qwen3-MoE: Qwen3's per-head q/k norms; its configuration class has no head_dim field, so a
  // config without one falls back to hidden_size / num_attention_heads (released configs give 128).
  qwen3_moe: {
    defaults: { tie_word_embeddings: false, num_key_value_heads: 4, decoder_sparse_step: 1, mlp_only_layers: [], num_experts: 128, num_experts_per_tok: 8, moe_intermediate_size: 768 },
    fixed: { qk_norm: true },
    options: (c) => ({ qkv_bias: c.attention_bias === true, out_bias: c.attention_bias === true }),
    moe: (get, where) => ({ ...denseLayers(get, where), ...experts(get, where, 'num_experts', 'num_experts_per_tok', 'moe_intermediate_size') }),
  },
  // DeepSeek-V2/V3 (modeling_deepseek_v2.py / _v3.py): multi-head latent attention (queries through
  // q_lora_rank unless it is null, keys and values through kv_lora_rank), the first
  // first_k_dense_replace layers dense (intermediate_size), the rest DeepSeekMoE: n_routed_experts
  // of moe_intermediate_size, n_shared_experts of the same width as one shared MLP. transformers
  // ignores moe_layer_freq; V3's e_score_correction_bias is a buffer, not a parameter; V3's
  // multi-token-prediction layer is not part of the model transformers loads (nor of the 671B).
  deepseek_v2: deepseek({ first_k_dense_replace: 0, q_lora_rank: 1536, kv_lora_rank: 512, n_routed_experts: 64, n_shared_experts: 2, qk_nope_head_dim: 128, qk_rope_head_dim: 64, v_head_dim: 128, moe_intermediate_size: 1407 }),
  deepseek_v3: deepseek({ first_k_dense_replace: 3, q_lora_rank: 1536, kv_lora_rank: 512, n_routed_experts: 256, n_shared_experts: 1, qk_nope_head_dim: 128, qk_rope_head_dim: 64, v_head_dim: 128, moe_intermediate_size: 2048, num_experts_per_tok: 8 }),
  // OLMoE: RMSNorm over the full query and key widths (q_norm: RMSNorm(hidden_size)), experts of
  // intermediate_size, every layer sparse.
  olmoe: {
    defaults: { tie_word_embeddings: false, num_experts: 64, num_experts_per_tok: 8 },
    fixed: { qk_norm: 'full' },
    options: (c) => ({ qkv_bias: c.attention_bias === true, out_bias: c.attention_bias === true }),
    moe: (get, where) => experts(get, where, 'num_experts', 'num_experts_per_tok', 'intermediate_size'),
  },
};

/** DeepSeek-V2 and V3 share their modeling; their configuration classes' defaults differ. */
function deepseek(defaults: Json): Family {
  return {
    defaults: { tie_word_embeddings: false, attention_bias: false, num_nextn_predict_layers: 0, ...defaults },
    // V3's multi-token-prediction module ships in the checkpoint (DeepSeek's README: 671B main
    // model + 14B MTP module = 685B on the Hub) but is neither part of the 671B nor of the model
    // transformers loads.
    excluded: (get) => {
      const n = get('num_nextn_predict_layers');
      return typeof n === 'number' && n > 0
        ? [{ part: 'mtp', what: `the multi-token-prediction module (num_nextn_predict_layers = ${n}: ${n === 1 ? 'one more decoder layer' : `${n} more decoder layers`} with its own norms and a 2d × d projection; DeepSeek-V3's README counts it apart, 14B of the 685B checkpoint): not counted, as in DeepSeek's 671B` }]
        : [];
    },
    fixed: { latent_attention: true, moe: true, shared_experts: 'plain' },
    options: () => ({}),
    latent: true,
    moe: (get, where) => {
      if (get('attention_bias') === true) throw new UserError(`${where}: attention_bias true (biases on latent attention's projections) is not modelled; lmledger counts DeepSeek's bias-free latent attention`);
      const q = get('q_lora_rank');
      const dense = get('first_k_dense_replace');
      const width = positive(get('moe_intermediate_size'), 'moe_intermediate_size', where);
      const shared = get('n_shared_experts');
      return {
        ...experts(get, where, 'n_routed_experts', 'num_experts_per_tok', 'moe_intermediate_size'),
        ...(shared === null || shared === undefined || shared === 0 ? { shared_experts: 'none' } : { shared_d_ff: width * positive(shared, 'n_shared_experts', where) }),
        ...(dense === 0 || dense === null || dense === undefined ? {} : { dense_layers: positive(dense, 'first_k_dense_replace', where), d_ff: positive(get('intermediate_size'), 'intermediate_size', where) }),
        q_compression: q !== null && q !== undefined,
        ...(q !== null && q !== undefined ? { q_latent: positive(q, 'q_lora_rank', where) } : {}),
        kv_latent: positive(get('kv_lora_rank'), 'kv_lora_rank', where),
        qk_nope_head_dim: positive(get('qk_nope_head_dim'), 'qk_nope_head_dim', where),
        qk_rope_head_dim: positive(get('qk_rope_head_dim'), 'qk_rope_head_dim', where),
        v_head_dim: positive(get('v_head_dim'), 'v_head_dim', where),
      };
    },
  };
}

export const SUPPORTED_MODEL_TYPES = ['gpt2', 'dbrx', ...Object.keys(FAMILIES), ...Object.keys(CLASSIC_FAMILIES), ...Object.keys(MULTIMODAL).map((m) => `${m} (its language model)`)];

export interface HfModel {
  /** The model's name: the config's name or _name_or_path, else the file's stem (never its path). */
  label: string;
  modelType: string;
  values: Record<string, RawField>;
  /** Parts of the checkpoint left out of the count (a vision tower, an MTP module); empty when whole. */
  excluded: Excluded[];
}

export function readHfConfig(path: string, data: Json = readJsonObject(path, '--hf-config')): HfModel {
  // Multimodal configs keep the language model under text_config (Qwen2.5-VL: at the top level).
  const top = data as Json;
  const wrapper = typeof top.model_type === 'string' && Object.hasOwn(MULTIMODAL, top.model_type) ? MULTIMODAL[top.model_type] : undefined;
  const nested = !wrapper?.top && top.text_config && typeof top.text_config === 'object' ? (top.text_config as Json) : undefined;
  const textType = nested ? (nested.model_type ?? wrapper?.text ?? top.model_type) : wrapper ? wrapper.text : top.model_type;
  const classDefaults = nested && typeof textType === 'string' && Object.hasOwn(TEXT_CLASS_DEFAULTS, textType) ? TEXT_CLASS_DEFAULTS[textType]! : {};
  const c: Json = nested ? { ...classDefaults, ...nested, model_type: textType } : { ...top, model_type: textType };
  const where = `--hf-config ${path}${nested ? ' (text_config)' : ''}`;
  // Never silently partial: a wrapper's other parts, or any other *_config beside the language model's, are named.
  const excluded: Excluded[] = wrapper
    ? wrapper.excluded.map((e) => ({ part: e.part, what: `${e.what}, of ${String(top.model_type)}: not counted (lmledger counts the language model)` }))
    : Object.keys(top)
        .filter((k) => /^(vision|audio|speech|image|video|perceiver|projector)\w*_config$/.test(k) && top[k] !== null && typeof top[k] === 'object')
        .map((k) => ({ part: k.replace(/_config$/, ''), what: `the model described by ${k} in this ${String(top.model_type)} config: not counted (lmledger counts the language model)` }));
  // Flags read as booleans must be booleans: a string "true" would silently count as false.
  for (const key of ['tie_word_embeddings', 'attention_bias', 'mlp_bias'])
    if (c[key] !== undefined && c[key] !== null && typeof c[key] !== 'boolean')
      throw new UserError(`${where}: ${key}: ${quote(c[key])} is not allowed; expected true or false`);
  const modelType = c.model_type;
  if (typeof modelType !== 'string') throw new UserError(`${where}: missing model_type (supported: ${SUPPORTED_MODEL_TYPES.join(', ')})`);
  // The classic families (GPT-NeoX, GPT-J, Falcon, OPT, BLOOM…) have readers of their own (hf-classic.ts).
  const text =
    modelType === 'gpt2'
      ? gpt2(c, where)
      : modelType === 'dbrx'
        ? dbrx(c, where)
        : Object.hasOwn(CLASSIC_FAMILIES, modelType)
          ? CLASSIC_FAMILIES[modelType]!.read(c, where)
          : llamaLike(c, modelType, where);
  // A tower lmledger models is counted with the language model; its per-image FLOPs are not.
  const tower = wrapper?.tower?.(top, `--hf-config ${path}`);
  const values = tower ? { ...text, ...tower } : text;
  if (tower)
    excluded.splice(0, excluded.length, { part: 'vision_flops', what: `the FLOPs of the vision tower and projector of ${String(top.model_type)} (they run once per image, not per token): not counted; their parameters are (and, as every weight, read at each decode step by infer's convention)` });
  const family = Object.hasOwn(FAMILIES, modelType) ? FAMILIES[modelType] : undefined;
  const own = family?.excluded ? family.excluded((key) => (c[key] === undefined ? family.defaults[key] : c[key])) : [];
  return { label: fileModelName(path, top), modelType: String(top.model_type ?? modelType), values, excluded: [...excluded, ...own] };
}

function int(c: Json, key: string, where: string): number {
  return positive(c[key], key, where);
}

function positive(v: unknown, key: string, where: string): number {
  if (v === undefined || v === null) throw new UserError(`${where}: missing ${key}`);
  if (typeof v === 'number' && Number.isInteger(v) && v > Number.MAX_SAFE_INTEGER) throw new UserError(unsafeInteger(where, key, v));
  if (typeof v !== 'number' || !Number.isSafeInteger(v) || v <= 0) throw new UserError(`${where}: ${key}: ${quote(v)} is not a positive integer`);
  return v;
}

function gpt2(c: Json, where: string): Record<string, RawField> {
  // add_cross_attention: true makes GPT2Block add a cross-attention over an encoder's outputs
  // (its own query, key/value and output projections and a LayerNorm: modeling_gpt2.py), weights
  // the decoder architecture has no place for: refused, not left out of the count.
  const cross = c.add_cross_attention;
  if (cross !== undefined && cross !== null && typeof cross !== 'boolean')
    throw new UserError(`${where}: add_cross_attention: ${quote(cross)} is not allowed; expected true or false`);
  if (cross === true)
    throw new UserError(`${where}: add_cross_attention: true gives every block a cross-attention over an encoder's outputs, with its own query, key/value and output weights and a LayerNorm; lmledger counts decoder-only models, so it is refused rather than left out (set it to false for the decoder alone)`);
  const d = int(c, 'n_embd', where);
  const act = c.activation_function ?? 'gelu_new';
  if (typeof act !== 'string') throw new UserError(`${where}: activation_function: ${quote(act)} is not allowed; expected a name such as "gelu_new"`);
  if (!act.startsWith('gelu') && act !== 'relu') throw new UserError(`${where}: activation_function '${act}' is not supported (gelu*, relu)`);
  return {
    vocab_size: int(c, 'vocab_size', where),
    context_length: int(c, 'n_positions', where),
    num_layers: int(c, 'n_layer', where),
    d_model: d,
    num_heads: int(c, 'n_head', where),
    // n_inner: null means 4 × n_embd (GPT2Config docstring).
    d_ff: c.n_inner === undefined || c.n_inner === null ? 4 * d : int(c, 'n_inner', where),
    ffn: act === 'relu' ? 'relu' : 'gelu',
    norm: 'layernorm',
    position: 'learned',
    tie_embeddings: c.tie_word_embeddings === undefined ? true : c.tie_word_embeddings === true,
    qkv_bias: true,
    out_bias: true,
    mlp_bias: true,
  };
}

function llamaLike(c: Json, modelType: string, where: string): Record<string, RawField> {
  // Own keys only: a model_type such as "constructor" must not find Object's prototype.
  const family = Object.hasOwn(FAMILIES, modelType) ? FAMILIES[modelType] : undefined;
  if (!family) throw new UserError(`${where}: model_type '${modelType}' is not supported; supported: ${SUPPORTED_MODEL_TYPES.join(', ')}`);
  const get = (key: string) => (c[key] === undefined ? family.defaults[key] : c[key]);
  const heads = int(c, 'num_attention_heads', where);
  const kv = get('num_key_value_heads');
  const headDim = get('head_dim');
  const tie = get('tie_word_embeddings');
  return {
    vocab_size: int(c, 'vocab_size', where),
    context_length: int(c, 'max_position_embeddings', where),
    num_layers: int(c, 'num_hidden_layers', where),
    d_model: int(c, 'hidden_size', where),
    num_heads: heads,
    // An explicit null means "as many as the query heads" in every configuration class. Latent
    // attention has neither (its head sizes are its own fields).
    ...(family.latent ? {} : { num_kv_heads: kv === null || kv === undefined ? heads : positive(kv, 'num_key_value_heads', where) }),
    ...(family.latent || headDim === null || headDim === undefined ? {} : { head_dim: positive(headDim, 'head_dim', where) }),
    ...(family.moe ? family.moe(get, where) : { d_ff: int(c, 'intermediate_size', where) }),
    ...(family.block ? family.block(get, int(c, 'num_hidden_layers', where), where) : {}),
    ffn: gatedFfn(c, where),
    tie_embeddings: tie === true,
    ...family.options(c),
    ...family.fixed,
  };
}

/**
 * DBRX (configuration_dbrx.py / modeling_dbrx.py) names its fields its own way and nests the
 * attention and feed-forward settings: d_model, n_heads, n_layers, max_seq_len; attn_config
 * {kv_n_heads, clip_qkv, rope_theta}; ffn_config {moe_num_experts, moe_top_k, ffn_hidden_size,
 * ffn_act_fn}. The blocks: LayerNorm(bias=False) before attention and before the MoE and at the
 * end; Wqkv fuses Q, K, V (grouped-query, no bias); every layer a mixture of GLU experts (w1, v1,
 * w2) behind a bias-free router; untied embeddings. Missing fields take the class defaults.
 */
const DBRX_DEFAULTS = { d_model: 2048, n_heads: 16, n_layers: 24, max_seq_len: 2048, vocab_size: 32000, tie_word_embeddings: false };
const DBRX_ATTN = { kv_n_heads: 1, clip_qkv: null };
const DBRX_FFN = { ffn_hidden_size: 3584, moe_num_experts: 4, moe_top_k: 1, ffn_act_fn: { name: 'silu' } };

function dbrx(c: Json, where: string): Record<string, RawField> {
  const nested = (key: string, defaults: Json): Json => {
    const v = c[key];
    if (v === undefined || v === null) return defaults;
    if (typeof v !== 'object' || Array.isArray(v)) throw new UserError(`${where}: ${key}: expected an object of settings`);
    return { ...defaults, ...(v as Json) };
  };
  const get = (key: string) => (c[key] === undefined ? (DBRX_DEFAULTS as Json)[key] : c[key]);
  const attn = nested('attn_config', DBRX_ATTN);
  const ffn = nested('ffn_config', DBRX_FFN);
  const act = (ffn.ffn_act_fn as Json | undefined)?.name ?? 'silu';
  if (act !== 'silu') throw new UserError(`${where}: ffn_config.ffn_act_fn.name '${String(act)}' is not supported; DBRX's experts are SiLU-gated (silu)`);
  const tie = get('tie_word_embeddings');
  return {
    vocab_size: positive(get('vocab_size'), 'vocab_size', where),
    context_length: positive(get('max_seq_len'), 'max_seq_len', where),
    num_layers: positive(get('n_layers'), 'n_layers', where),
    d_model: positive(get('d_model'), 'd_model', where),
    num_heads: positive(get('n_heads'), 'n_heads', where),
    num_kv_heads: positive(attn.kv_n_heads, 'attn_config.kv_n_heads', where),
    moe: true,
    num_experts: positive(ffn.moe_num_experts, 'ffn_config.moe_num_experts', where),
    experts_per_token: positive(ffn.moe_top_k, 'ffn_config.moe_top_k', where),
    expert_d_ff: positive(ffn.ffn_hidden_size, 'ffn_config.ffn_hidden_size', where),
    ffn: 'swiglu',
    norm: 'layernorm',
    norm_affine: 'gain',
    clip_qkv: attn.clip_qkv !== null && attn.clip_qkv !== undefined,
    tie_embeddings: tie === true,
  };
}
