// Hugging Face readers for the "classic" families, whose config.json fields are not Llama's
// (n_embd, n_head, ffn_dim, multi_query, rotary_pct…) and whose blocks differ from the pre-norm
// sequential block: parallel attention and feed-forward, LayerNorm (with or without bias), biases
// on the LM head, ALiBi, learned positions with offset rows.
//
// Each reader maps one model_type's config onto decoder fields. A field the config leaves out
// takes the default of its transformers configuration class (configuration_<type>.py), written in
// `defaults` with the source beside it; the module layout (which Linear has a bias, how many norms
// a block has) is that of modeling_<type>.py.

import { quote, UserError } from '../errors.js';
import type { Json } from './files.js';
import { unsafeInteger, type RawField } from './spec.js';

export interface ClassicFamily {
  /** Class defaults for fields a config.json may leave out (an explicit null stays null). */
  defaults: Json;
  read: (c: Json, where: string) => Record<string, RawField>;
}

/** A reader's view of one config: its fields over the class defaults, validated as read. */
class Fields {
  constructor(
    private readonly c: Json,
    private readonly defaults: Json,
    readonly where: string,
  ) {}

  /** True when the config itself has the key (not its class default). */
  given(key: string): boolean {
    return Object.hasOwn(this.c, key);
  }

  raw(key: string): unknown {
    return Object.hasOwn(this.c, key) ? this.c[key] : this.defaults[key];
  }

  /** The first of these keys the config or the defaults have (aliases: n_embd, hidden_size). */
  first(...keys: string[]): string {
    return keys.find((k) => this.raw(k) !== undefined && this.raw(k) !== null) ?? keys[0]!;
  }

  int(...keys: string[]): number {
    const key = this.first(...keys);
    const v = this.raw(key);
    if (v === undefined || v === null) throw new UserError(`${this.where}: missing ${keys.join(' or ')}`);
    if (typeof v === 'number' && Number.isInteger(v) && v > Number.MAX_SAFE_INTEGER) throw new UserError(unsafeInteger(this.where, key, v));
    if (typeof v !== 'number' || !Number.isSafeInteger(v) || v <= 0) throw new UserError(`${this.where}: ${key}: ${quote(v)} is not a positive integer`);
    return v;
  }

  /** An integer field that may be null (then `fallback`). */
  intOr(key: string, fallback: number): number {
    const v = this.raw(key);
    return v === undefined || v === null ? fallback : this.int(key);
  }

  /** A flag: true or false; null reads as false, as Python's `if config.flag:` reads None. */
  bool(key: string): boolean {
    const v = this.raw(key);
    if (v === null) return false;
    if (typeof v !== 'boolean') throw new UserError(`${this.where}: ${key}: ${quote(v)} is not allowed; expected true or false`);
    return v;
  }

  /** A fraction in (0, 1] (rotary_pct, partial_rotary_factor). */
  fraction(key: string): number {
    const v = this.raw(key);
    if (typeof v !== 'number' || !Number.isFinite(v) || v <= 0 || v > 1) throw new UserError(`${this.where}: ${key}: ${quote(v)} is not allowed; expected a number in (0, 1]`);
    return v;
  }

  string(key: string): string {
    const v = this.raw(key);
    if (typeof v !== 'string') throw new UserError(`${this.where}: ${key}: ${quote(v)} is not allowed; expected a name such as "gelu"`);
    return v;
  }

  /** Refuses a feature lmledger does not model when it is switched on. */
  refuse(key: string, why: string): void {
    const v = this.raw(key);
    if (v !== undefined && v !== null && v !== false) throw new UserError(`${this.where}: ${key}: ${quote(v)} is not supported; ${why}`);
  }
}

/** A plain (two-matrix) feed-forward's activation: gelu* or relu; anything else is refused. */
function plainFfn(f: Fields, key: string): RawField {
  const act = f.string(key);
  if (act.startsWith('gelu')) return 'gelu';
  if (act === 'relu') return 'relu';
  throw new UserError(`${f.where}: ${key} '${act}' is not supported; lmledger knows gelu* (a GELU feed-forward) and relu here`);
}

/** SiLU-gated feed-forward (Llama's MLP, used by StableLM and Cohere): silu only. */
function siluFfn(f: Fields, key: string): RawField {
  const act = f.string(key);
  if (act === 'silu' || act === 'swish') return 'swiglu';
  throw new UserError(`${f.where}: ${key} '${act}' is not supported; lmledger knows silu (a SwiGLU feed-forward) for this model type`);
}

/**
 * Rotary dimensions per head from a fraction, as transformers computes them:
 * int(head_size · fraction) (modeling_gpt_neox.py rotary_ndims; modeling_phi.py). All of them
 * is full rotary; fewer is partial.
 */
function rotary(f: Fields, headDim: number, rotated: number, key: string): Record<string, RawField> {
  if (rotated <= 0) throw new UserError(`${f.where}: ${key} leaves no dimension of a ${headDim}-wide head rotated; lmledger needs at least one`);
  return rotated >= headDim ? {} : { rotary: 'partial', rotary_dim: rotated };
}

/** A fraction given at the top level or, in newer configs, inside rope_parameters / rope_scaling. */
function rotaryFraction(f: Fields, key: string, ...nested: string[]): { key: string; value: number } {
  for (const outer of nested) {
    const o = f.raw(outer);
    if (o && typeof o === 'object' && (o as Json).partial_rotary_factor !== undefined && !f.given(key)) {
      const inner = new Fields(o as Json, {}, `${f.where} (${outer})`);
      return { key: `${outer}.partial_rotary_factor`, value: inner.fraction('partial_rotary_factor') };
    }
  }
  return { key, value: f.fraction(key) };
}

const family = (defaults: Json, read: (f: Fields) => Record<string, RawField>): ClassicFamily => ({
  defaults,
  read: (c, where) => read(new Fields(c, defaults, where)),
});

/** Options for a parallel block: one norm feeding both, or one norm each. */
const parallelBlock = (parallel: boolean, twoNorms: boolean): RawField => (!parallel ? false : twoNorms ? 'two_norms' : 'one_norm');

/** d_ff from an optional field whose null means 4 · hidden (GPT2Config's n_inner convention). */
const innerOr4d = (f: Fields, key: string, d: number) => f.intOr(key, 4 * d);

/**
 * The shape under the field names of Llama's configuration class (hidden_size, num_hidden_layers,
 * intermediate_size, …), as Phi, StarCoder2, StableLM and Cohere name it; key/value heads default
 * to the query heads.
 */
function llamaShape(f: Fields): Record<string, RawField> {
  const h = f.int('num_attention_heads');
  return {
    vocab_size: f.int('vocab_size'),
    context_length: f.int('max_position_embeddings'),
    num_layers: f.int('num_hidden_layers'),
    d_model: f.int('hidden_size'),
    num_heads: h,
    num_kv_heads: f.intOr('num_key_value_heads', h),
    d_ff: f.int('intermediate_size'),
  };
}

export const CLASSIC_FAMILIES: Record<string, ClassicFamily> = {
  // GPT-NeoX / Pythia (modeling_gpt_neox.py): input_layernorm and post_attention_layernorm
  // (LayerNorm with bias) in every layer, parallel (x + attn(ln1(x)) + mlp(ln2(x))) when
  // use_parallel_residual; query_key_value d → 3d and dense with biases when attention_bias;
  // dense_h_to_4h and dense_4h_to_h always with biases; RoPE on int(head_size · rotary_pct)
  // dimensions; embed_in and embed_out untied unless tie_word_embeddings.
  // Defaults: configuration_gpt_neox.py (hidden_act "gelu", rotary_pct 0.25, use_parallel_residual
  // True, attention_bias True, tie_word_embeddings False).
  gpt_neox: family(
    { hidden_act: 'gelu', rotary_pct: 0.25, use_parallel_residual: true, attention_bias: true, tie_word_embeddings: false },
    (f) => {
      const d = f.int('hidden_size');
      const h = f.int('num_attention_heads');
      const bias = f.bool('attention_bias');
      const pct = rotaryFraction(f, 'rotary_pct', 'rope_parameters', 'rope_scaling');
      return {
        vocab_size: f.int('vocab_size'),
        context_length: f.int('max_position_embeddings'),
        num_layers: f.int('num_hidden_layers'),
        d_model: d,
        num_heads: h,
        d_ff: f.int('intermediate_size'),
        ffn: plainFfn(f, 'hidden_act'),
        norm: 'layernorm',
        parallel: parallelBlock(f.bool('use_parallel_residual'), true),
        ...rotary(f, Math.floor(d / h), Math.trunc(Math.floor(d / h) * pct.value), pct.key),
        qkv_bias: bias,
        out_bias: bias,
        mlp_bias: true,
        tie_embeddings: f.bool('tie_word_embeddings'),
      };
    },
  ),

  // GPT-J (modeling_gptj.py): one ln_1 feeding attention and the MLP side by side; q/k/v/out_proj
  // without bias; fc_in and fc_out with biases; RoPE on the first rotary_dim dimensions of each head
  // (all of them when null); ln_f; lm_head Linear(n_embd, vocab) with its bias, untied.
  // Defaults: configuration_gptj.py (n_positions 2048, rotary_dim 64, n_inner None → 4·n_embd,
  // activation_function "gelu_new", tie_word_embeddings False).
  gptj: family(
    { n_positions: 2048, rotary_dim: 64, n_inner: null, activation_function: 'gelu_new', tie_word_embeddings: false },
    (f) => {
      const d = f.int('n_embd');
      const h = f.int('n_head');
      const head = Math.floor(d / h);
      const rot = f.raw('rotary_dim') === null ? head : f.int('rotary_dim');
      return {
        vocab_size: f.int('vocab_size'),
        context_length: f.int('n_positions'),
        num_layers: f.int('n_layer'),
        d_model: d,
        num_heads: h,
        d_ff: innerOr4d(f, 'n_inner', d),
        ffn: plainFfn(f, 'activation_function'),
        norm: 'layernorm',
        parallel: 'one_norm',
        ...rotary(f, head, rot, 'rotary_dim'),
        mlp_bias: true,
        lm_head_bias: true,
        tie_embeddings: f.bool('tie_word_embeddings'),
      };
    },
  ),

  // Falcon (modeling_falcon.py): query_key_value d → (h + 2k)·head_dim with k = num_kv_heads under
  // new_decoder_architecture, 1 under multi_query, else h; dense, dense_h_to_4h (ffn_hidden_size,
  // 4·d when null) and dense_4h_to_h with biases only when bias; LayerNorm with bias. A parallel
  // block (parallel_attn) has ln_attn and ln_mlp when num_ln_in_parallel_attn is 2 (the default
  // under new_decoder_architecture), else one input_layernorm; a sequential one has
  // input_layernorm and post_attention_layernorm. ALiBi when alibi, else RoPE. lm_head without
  // bias, tied unless tie_word_embeddings is false.
  // Defaults: configuration_falcon.py (max_position_embeddings 2048, alibi False,
  // new_decoder_architecture False, multi_query True, parallel_attn True, bias False,
  // ffn_hidden_size None, activation "gelu"; tie_word_embeddings True from PretrainedConfig).
  falcon: family(
    {
      max_position_embeddings: 2048, alibi: false, new_decoder_architecture: false, multi_query: true, parallel_attn: true, bias: false,
      ffn_hidden_size: null, activation: 'gelu', num_ln_in_parallel_attn: null, tie_word_embeddings: true,
    },
    (f) => {
      const d = f.int('hidden_size', 'n_embed');
      const h = f.int('num_attention_heads', 'n_head');
      const newArch = f.bool('new_decoder_architecture');
      const parallel = f.bool('parallel_attn');
      if (newArch && !parallel) throw new UserError(`${f.where}: new_decoder_architecture with parallel_attn false is not supported (transformers' Falcon uses ln_attn/ln_mlp only in a parallel block)`);
      const kvKey = f.first('num_kv_heads', 'n_head_kv');
      const kv = newArch ? (f.raw(kvKey) === null || f.raw(kvKey) === undefined ? h : f.int(kvKey)) : f.bool('multi_query') ? 1 : h;
      const lns = f.raw('num_ln_in_parallel_attn');
      const twoNorms = lns === null || lns === undefined ? newArch : f.int('num_ln_in_parallel_attn') === 2;
      const bias = f.bool('bias');
      return {
        vocab_size: f.int('vocab_size'),
        context_length: f.int('max_position_embeddings'),
        num_layers: f.int('num_hidden_layers', 'n_layer'),
        d_model: d,
        num_heads: h,
        num_kv_heads: kv,
        d_ff: innerOr4d(f, 'ffn_hidden_size', d),
        ffn: plainFfn(f, 'activation'),
        norm: 'layernorm',
        parallel: parallelBlock(parallel, twoNorms),
        position: f.bool('alibi') ? 'alibi' : 'rope',
        qkv_bias: bias,
        out_bias: bias,
        mlp_bias: bias,
        tie_embeddings: f.bool('tie_word_embeddings'),
      };
    },
  ),

  // The first Falcon configs on the Hub (RWForCausalLM with trust_remote_code): RefinedWebModel
  // (Falcon-7B, Falcon-RW) is the old block, RefinedWeb (Falcon-40B) the new decoder architecture
  // with n_head_kv key/value heads; the rest reads as falcon (the mapping NeMo's Falcon converter
  // applies before loading them with transformers' FalconConfig).
  RefinedWebModel: { defaults: {}, read: (c, where) => CLASSIC_FAMILIES.falcon!.read({ ...c, new_decoder_architecture: false }, where) },
  RefinedWeb: { defaults: {}, read: (c, where) => CLASSIC_FAMILIES.falcon!.read({ ...c, new_decoder_architecture: true }, where) },

  // Phi-1/1.5/2 (modeling_phi.py): one input_layernorm feeding attention and the MLP side by side;
  // q/k/v_proj and dense with biases; fc1 and fc2 with biases; RoPE on
  // int(head_dim · partial_rotary_factor) dimensions; final_layernorm; lm_head with bias, untied.
  // qk_layernorm (LayerNorms with bias on q and k) is refused: no released Phi uses it.
  // Defaults: configuration_phi.py (hidden_act "gelu_new", partial_rotary_factor 0.5,
  // qk_layernorm False, tie_word_embeddings False, num_key_value_heads None → heads).
  phi: family(
    { hidden_act: 'gelu_new', partial_rotary_factor: 0.5, qk_layernorm: false, tie_word_embeddings: false, num_key_value_heads: null },
    (f) => {
      f.refuse('qk_layernorm', 'lmledger counts Phi without query/key LayerNorms');
      const d = f.int('hidden_size');
      const h = f.int('num_attention_heads');
      const head = Math.floor(d / h);
      const pct = rotaryFraction(f, 'partial_rotary_factor', 'rope_parameters');
      return {
        ...llamaShape(f),
        ffn: plainFfn(f, 'hidden_act'),
        norm: 'layernorm',
        parallel: 'one_norm',
        ...rotary(f, head, Math.trunc(head * pct.value), pct.key),
        qkv_bias: true,
        out_bias: true,
        mlp_bias: true,
        lm_head_bias: true,
        tie_embeddings: f.bool('tie_word_embeddings'),
      };
    },
  ),

  // OPT (modeling_opt.py): embed_tokens V × word_embed_proj_dim, project_in/project_out (no bias)
  // when that differs from hidden_size; embed_positions of max_position_embeddings + 2 rows (OPT's
  // positions start at 2); per layer q/k/v/out_proj and fc1/fc2 with biases when enable_bias,
  // self_attn_layer_norm and final_layer_norm (LayerNorm with bias); a final layer norm after the
  // blocks only when do_layer_norm_before (and not _remove_final_layer_norm), which is also
  // whether the norms precede their sub-blocks; lm_head without bias, tied.
  // Defaults: configuration_opt.py (ffn_dim 3072, max_position_embeddings 2048,
  // do_layer_norm_before True, _remove_final_layer_norm False, word_embed_proj_dim None → hidden_size,
  // activation_function "relu", enable_bias True, layer_norm_elementwise_affine True;
  // tie_word_embeddings True from PretrainedConfig).
  opt: family(
    {
      ffn_dim: 3072, max_position_embeddings: 2048, do_layer_norm_before: true, _remove_final_layer_norm: false, word_embed_proj_dim: null,
      activation_function: 'relu', enable_bias: true, layer_norm_elementwise_affine: true, tie_word_embeddings: true,
    },
    (f) => {
      if (!f.bool('layer_norm_elementwise_affine')) throw new UserError(`${f.where}: layer_norm_elementwise_affine false (LayerNorms without parameters) is not supported`);
      const d = f.int('hidden_size');
      const e = f.intOr('word_embed_proj_dim', d);
      const pre = f.bool('do_layer_norm_before');
      const bias = f.bool('enable_bias');
      return {
        vocab_size: f.int('vocab_size'),
        context_length: f.int('max_position_embeddings'),
        num_layers: f.int('num_hidden_layers'),
        d_model: d,
        num_heads: f.int('num_attention_heads'),
        d_ff: f.int('ffn_dim'),
        ffn: plainFfn(f, 'activation_function'),
        norm: 'layernorm',
        position: 'learned',
        offset_positions: true,
        position_offset: 2,
        ...(e === d ? {} : { embed_projection: true, embed_dim: e }),
        ...(pre ? {} : { norm_place: 'post' }),
        ...(pre && !f.bool('_remove_final_layer_norm') ? {} : { final_norm: false }),
        qkv_bias: bias,
        out_bias: bias,
        mlp_bias: bias,
        tie_embeddings: f.bool('tie_word_embeddings'),
      };
    },
  ),

  // BLOOM (modeling_bloom.py): word_embeddings then word_embeddings_layernorm; per block
  // input_layernorm, query_key_value d → 3d and dense with biases, post_attention_layernorm,
  // dense_h_to_4h (4·d) and dense_4h_to_h with biases, GELU; ln_f; ALiBi; lm_head tied. BloomConfig
  // has no context length: seq_length where a config gives it, else BLOOM's training length of 2048
  // tokens (bigscience/bloom model card), which sets only the default T (ALiBi has no table).
  // apply_residual_connection_post_layernorm true is refused (no released BLOOM uses it).
  // Defaults: configuration_bloom.py (apply_residual_connection_post_layernorm False;
  // tie_word_embeddings True from PretrainedConfig).
  bloom: family(
    { apply_residual_connection_post_layernorm: false, tie_word_embeddings: true, seq_length: 2048 },
    (f) => {
      f.refuse('apply_residual_connection_post_layernorm', 'lmledger counts BLOOM with the residual taken before the norms');
      const d = f.int('hidden_size', 'n_embed');
      return {
        vocab_size: f.int('vocab_size'),
        context_length: f.int('seq_length'),
        num_layers: f.int('n_layer', 'num_hidden_layers'),
        d_model: d,
        num_heads: f.int('n_head', 'num_attention_heads'),
        d_ff: 4 * d,
        ffn: 'gelu',
        norm: 'layernorm',
        embedding_norm: true,
        position: 'alibi',
        qkv_bias: true,
        out_bias: true,
        mlp_bias: true,
        tie_embeddings: f.bool('tie_word_embeddings'),
      };
    },
  ),

  // MPT (modeling_mpt.py): Wqkv d → 3d and out_proj without bias, norm_1/norm_2/norm_f LayerNorms
  // whose bias is removed, up_proj (expansion_ratio · d) and down_proj without bias, GELU, ALiBi,
  // lm_head tied. transformers builds MPT bias-free whatever no_bias says: no_bias false is refused.
  // Defaults: configuration_mpt.py (expansion_ratio 4, max_seq_len 2048, vocab_size 50368,
  // no_bias True; attn_config.alibi True).
  mpt: family(
    { expansion_ratio: 4, max_seq_len: 2048, vocab_size: 50368, no_bias: true, tie_word_embeddings: true },
    (f) => {
      if (!f.bool('no_bias')) throw new UserError(`${f.where}: no_bias false is not supported; transformers' MPT has no biases`);
      const attn = f.raw('attn_config');
      if (attn && typeof attn === 'object' && (attn as Json).alibi === false) throw new UserError(`${f.where}: attn_config.alibi false is not supported; transformers' MPT uses ALiBi`);
      // transformers' MptAttention has n_heads keys and values whatever llm-foundry's kv_n_heads says.
      const kvHeads = attn && typeof attn === 'object' ? (attn as Json).kv_n_heads : undefined;
      if (kvHeads !== undefined && kvHeads !== null && kvHeads !== f.raw('n_heads'))
        throw new UserError(`${f.where}: attn_config.kv_n_heads ${JSON.stringify(kvHeads)} (grouped-query MPT) is not supported; transformers' MPT has n_heads key/value heads`);
      const d = f.int('d_model');
      return {
        vocab_size: f.int('vocab_size'),
        context_length: f.int('max_seq_len'),
        num_layers: f.int('n_layers'),
        d_model: d,
        num_heads: f.int('n_heads'),
        d_ff: f.int('expansion_ratio') * d,
        ffn: 'gelu',
        norm: 'layernorm',
        norm_affine: 'gain',
        position: 'alibi',
        tie_embeddings: f.bool('tie_word_embeddings'),
      };
    },
  ),

  // GPT-BigCode / StarCoder / SantaCoder (modeling_gpt_bigcode.py): GPT-2's block with c_attn
  // d → d + 2·head_dim under multi_query (one key/value head), else d → 3d; biases on c_attn,
  // c_proj, c_fc and mlp c_proj; ln_1, ln_2, ln_f with bias; wte and wpe (n_positions); lm_head tied
  // unless tie_word_embeddings is false.
  // Defaults: configuration_gpt_bigcode.py (n_positions 1024, n_inner None → 4·n_embd,
  // activation_function "gelu_pytorch_tanh", multi_query True; tie_word_embeddings True).
  gpt_bigcode: family(
    { n_positions: 1024, n_inner: null, activation_function: 'gelu_pytorch_tanh', multi_query: true, tie_word_embeddings: true },
    (f) => {
      const d = f.int('n_embd');
      const h = f.int('n_head');
      return {
        vocab_size: f.int('vocab_size'),
        context_length: f.int('n_positions'),
        num_layers: f.int('n_layer'),
        d_model: d,
        num_heads: h,
        num_kv_heads: f.bool('multi_query') ? 1 : h,
        d_ff: innerOr4d(f, 'n_inner', d),
        ffn: plainFfn(f, 'activation_function'),
        norm: 'layernorm',
        position: 'learned',
        qkv_bias: true,
        out_bias: true,
        mlp_bias: true,
        tie_embeddings: f.bool('tie_word_embeddings'),
      };
    },
  ),

  // StarCoder2 (modeling_starcoder2.py): q/k/v/o_proj with biases when use_bias (num_key_value_heads
  // key/value heads), c_fc and c_proj with biases when use_bias, GELU; input_layernorm,
  // post_attention_layernorm and the final norm are LayerNorms with bias; RoPE; lm_head without bias.
  // Defaults: configuration_starcoder2.py (num_key_value_heads 2, hidden_act "gelu_pytorch_tanh",
  // max_position_embeddings 4096, use_bias True; tie_word_embeddings True from PretrainedConfig).
  starcoder2: family(
    { num_key_value_heads: 2, hidden_act: 'gelu_pytorch_tanh', max_position_embeddings: 4096, use_bias: true, tie_word_embeddings: true },
    (f) => {
      const bias = f.bool('use_bias');
      return {
        ...llamaShape(f),
        ffn: plainFfn(f, 'hidden_act'),
        norm: 'layernorm',
        qkv_bias: bias,
        out_bias: bias,
        mlp_bias: bias,
        tie_embeddings: f.bool('tie_word_embeddings'),
      };
    },
  ),

  // StableLM (modeling_stablelm.py): q/k/v_proj with biases when use_qkv_bias, o_proj without;
  // Llama's SwiGLU MLP without biases; input_layernorm and (unless use_parallel_residual, which
  // feeds that one norm to both) post_attention_layernorm, LayerNorms with bias, and the final norm;
  // RoPE on int(head_dim · partial_rotary_factor) dimensions; lm_head untied.
  // qk_layernorm: per-head LayerNorms without bias (qk_norm: heads).
  // Defaults: configuration_stablelm.py (num_key_value_heads 32, hidden_act "silu",
  // max_position_embeddings 4096, tie_word_embeddings False, use_qkv_bias False, qk_layernorm False,
  // use_parallel_residual False, partial_rotary_factor 0.25).
  stablelm: family(
    {
      num_key_value_heads: 32, hidden_act: 'silu', max_position_embeddings: 4096, tie_word_embeddings: false, use_qkv_bias: false,
      qk_layernorm: false, use_parallel_residual: false, partial_rotary_factor: 0.25,
    },
    (f) => {
      const d = f.int('hidden_size');
      const h = f.int('num_attention_heads');
      const head = Math.floor(d / h);
      const pct = rotaryFraction(f, 'partial_rotary_factor', 'rope_parameters');
      return {
        ...llamaShape(f),
        ffn: siluFfn(f, 'hidden_act'),
        norm: 'layernorm',
        parallel: parallelBlock(f.bool('use_parallel_residual'), false),
        ...rotary(f, head, Math.trunc(head * pct.value), pct.key),
        qkv_bias: f.bool('use_qkv_bias'),
        // StableLmLayerNormPerHead: one bias-free LayerNorm of head_dim per query head and per key head.
        ...(f.bool('qk_layernorm') ? { qk_norm: 'heads' } : {}),
        tie_embeddings: f.bool('tie_word_embeddings'),
      };
    },
  ),

  // Cohere / Command-R (modeling_cohere.py): one input_layernorm (CohereLayerNorm: a gain, no bias)
  // feeding attention and the MLP side by side; q/k/v/o_proj with biases when attention_bias;
  // Llama's SwiGLU MLP without biases; the final norm a CohereLayerNorm; lm_head tied; logits
  // multiplied by logit_scale; use_qk_norm: per-head LayerNorms without bias (qk_norm: heads).
  // Defaults: configuration_cohere.py (hidden_act "silu", max_position_embeddings 8192,
  // logit_scale 0.0625, tie_word_embeddings True, attention_bias False, use_qk_norm False,
  // num_key_value_heads None → heads).
  cohere: family(
    { hidden_act: 'silu', max_position_embeddings: 8192, logit_scale: 0.0625, tie_word_embeddings: true, attention_bias: false, use_qk_norm: false, num_key_value_heads: null },
    (f) => {
      const bias = f.bool('attention_bias');
      const scale = f.raw('logit_scale');
      if (typeof scale !== 'number' || !Number.isFinite(scale)) throw new UserError(`${f.where}: logit_scale: ${quote(scale)} is not allowed; expected a number`);
      return {
        ...llamaShape(f),
        ffn: siluFfn(f, 'hidden_act'),
        norm: 'layernorm',
        norm_affine: 'gain',
        parallel: 'one_norm',
        qkv_bias: bias,
        out_bias: bias,
        // CohereLayerNorm((num_heads, head_dim)) and ((num_key_value_heads, head_dim)): a gain per head.
        ...(f.bool('use_qk_norm') ? { qk_norm: 'heads' } : {}),
        tie_embeddings: f.bool('tie_word_embeddings'),
        // A scale of 1 multiplies by nothing.
        ...(scale === 1 ? {} : { logit_scale: true }),
      };
    },
  ),
};
