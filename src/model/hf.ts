// Hugging Face config.json -> lmledger config fields for the decoder architecture.
// Field names and the defaults a missing field takes come from the transformers configuration
// classes (configuration_<model_type>.py); where a default differs from the generic one (head_dim
// 128 for qwen3, 256 for gemma; 8 KV heads for mistral; tied embeddings for gpt2 and gemma) it
// is written in the table below, so a config without the field counts as transformers would load it.

import { quote, UserError } from '../errors.js';
import { unsafeInteger } from './spec.js';
import { fileModelName, readJsonObject, type Json } from './files.js';
import type { RawField } from './spec.js';
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
}

/**
 * Qwen-MoE's rule for which layers are sparse (modeling_qwen2_moe.py / modeling_qwen3_moe.py): a
 * layer is dense when listed in mlp_only_layers or when (i + 1) is not a multiple of
 * decoder_sparse_step. Every released model is sparse throughout; a mix is refused, not guessed.
 */
function allSparse(get: (key: string) => unknown, where: string): void {
  const step = get('decoder_sparse_step');
  const only = get('mlp_only_layers');
  if ((step !== undefined && step !== null && step !== 1) || (Array.isArray(only) && only.length > 0))
    throw new UserError(`${where}: decoder_sparse_step ${quote(step)} / mlp_only_layers ${quote(only)} make some layers dense; lmledger counts mixtures of experts whose every layer is sparse (decoder_sparse_step 1, mlp_only_layers [])`);
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
  mistral: { defaults: { tie_word_embeddings: false, num_key_value_heads: 8 }, fixed: {}, options: () => ({}) },
  // Qwen2 hard-codes biases on q, k and v (not o) in modeling_qwen2.py.
  qwen2: { defaults: { tie_word_embeddings: false, num_key_value_heads: 32 }, fixed: { qkv_bias: true }, options: () => ({}) },
  qwen3: { defaults: { tie_word_embeddings: false, num_key_value_heads: 32, head_dim: 128 }, fixed: { qk_norm: true }, options: (c) => ({ qkv_bias: c.attention_bias === true, out_bias: c.attention_bias === true }) },
  gemma: { defaults: { tie_word_embeddings: true, num_key_value_heads: 16, head_dim: 256 }, fixed: {}, options: (c) => ({ qkv_bias: c.attention_bias === true, out_bias: c.attention_bias === true }) },
  // Phi-3 fuses qkv_proj and gate_up_proj: the same parameters as separate projections, no biases.
  phi3: { defaults: { tie_word_embeddings: false }, fixed: {}, options: () => ({}) },

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
      allSparse(get, where);
      const shared = get('shared_expert_intermediate_size');
      return {
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
    moe: (get, where) => {
      allSparse(get, where);
      return experts(get, where, 'num_experts', 'num_experts_per_tok', 'moe_intermediate_size');
    },
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
    defaults: { tie_word_embeddings: false, attention_bias: false, ...defaults },
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

export const SUPPORTED_MODEL_TYPES = ['gpt2', ...Object.keys(FAMILIES), ...Object.keys(CLASSIC_FAMILIES)];

export interface HfModel {
  /** The model's name: the config's name or _name_or_path, else the file's stem (never its path). */
  label: string;
  modelType: string;
  values: Record<string, RawField>;
  /** What of the file is not counted, said beside every count: a multimodal config's other towers. */
  note?: string;
}

export function readHfConfig(path: string, data: Json = readJsonObject(path, '--hf-config')): HfModel {
  // Multimodal configs keep the language model under text_config.
  const top = data as Json;
  const nested = top.text_config && typeof top.text_config === 'object' ? (top.text_config as Json) : undefined;
  const c: Json = nested ? { ...nested, model_type: nested.model_type ?? top.model_type } : top;
  const where = `--hf-config ${path}${nested ? ' (text_config)' : ''}`;
  // Flags read as booleans must be booleans: a string "true" would silently count as false.
  for (const key of ['tie_word_embeddings', 'attention_bias', 'mlp_bias'])
    if (c[key] !== undefined && c[key] !== null && typeof c[key] !== 'boolean')
      throw new UserError(`${where}: ${key}: ${quote(c[key])} is not allowed; expected true or false`);
  const modelType = c.model_type;
  if (typeof modelType !== 'string') throw new UserError(`${where}: missing model_type (supported: ${SUPPORTED_MODEL_TYPES.join(', ')})`);
  // The classic families (GPT-NeoX, GPT-J, Falcon, OPT, BLOOM…) have readers of their own (hf-classic.ts).
  const values =
    modelType === 'gpt2' ? gpt2(c, where) : Object.hasOwn(CLASSIC_FAMILIES, modelType) ? CLASSIC_FAMILIES[modelType]!.read(c, where) : llamaLike(c, modelType, where);
  // A multimodal config: the count is the language model's, and the output says what it leaves out.
  const towers = nested ? Object.keys(top).filter((k) => k !== 'text_config' && /_config$/.test(k) && top[k] !== null && typeof top[k] === 'object') : [];
  const note = nested
    ? `only the language model of this multimodal config, its text_config, is counted${towers.length ? `; not ${towers.join(' or ')}, ${towers.length > 1 ? 'the other towers' : 'the other tower'} and ${towers.length > 1 ? 'their projectors' : 'its projector'}` : ''}`
    : undefined;
  return { label: fileModelName(path, top), modelType, values, ...(note ? { note } : {}) };
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
    ffn: gatedFfn(c, where),
    tie_embeddings: tie === true,
    ...family.options(c),
    ...family.fixed,
  };
}
