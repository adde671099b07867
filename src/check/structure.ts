// A structural count, independent of formulas/ and of the polynomial engine: it builds the
// model's weight tensors and the operand shapes of every matrix multiply of a forward pass the
// way a PyTorch implementation defines its modules (a block, repeated num_layers times), from the
// plain config numbers, and sums them with BigInt. `lmledger check` prints it beside the formulas; the tests require the
// two to agree exactly on random configs of every architecture.

import { UserError } from '../errors.js';
import type { ModelSpec } from '../model/spec.js';

export interface Tensor {
  name: string;
  shape: bigint[];
  /** How many such tensors the model has (num_layers for a block's). */
  count: bigint;
  /** Of its first dimension, how many rows one token uses (K of E experts); all when absent. */
  usedRows?: bigint;
}

export interface MatmulOp {
  name: string;
  left: [bigint, bigint];
  right: [bigint, bigint];
  /** Times this product runs in one forward pass of one sequence (per head, per layer). */
  count: bigint;
}

export interface Structure {
  tensors: Tensor[];
  matmuls: MatmulOp[];
  /** Sequences per forward pass. */
  batch: bigint;
}

/** The model's design as a PyTorch module would read it from its config. */
interface Design {
  V: bigint;
  d: bigint;
  L: bigint;
  heads: bigint;
  kvHeads: bigint;
  headDim: bigint;
  ff: bigint;
  positions: bigint | undefined;
  T: bigint;
  gated: boolean;
  /** A norm's gain (weight): absent from OLMo-1's nn.LayerNorm(elementwise_affine=False). */
  normGain: boolean;
  /** LayerNorm's bias beside its gain (nn.LayerNorm(bias=True)); RMSNorm and a bias-free LayerNorm (MPT, DBRX) have the gain only. */
  normBias: boolean;
  /** BLOOM's word_embeddings_layernorm after the token embedding. */
  embeddingNorm: boolean;
  /** Attention and MLP side by side: with one norm the block has no second norm (GPT-J's ln_1 only). */
  parallelOneNorm: boolean;
  learnedPositions: boolean;
  /** Rows of the position table beyond the positions (OPT's offset of 2). */
  positionOffset: bigint;
  lmHeadBias: boolean;
  /** OPT-350m: token embeddings of this width, project_in to d and project_out back (no bias). */
  embedWidth: bigint | undefined;
  finalNorm: boolean;
  tied: boolean;
  qkvBias: boolean;
  outBias: boolean;
  mlpBias: boolean;
  gateBias: boolean;
  /** Query/key RMSNorm: per head (one gain of head_dim shared by the heads) or over the full width. */
  qkNorm: 'none' | 'head' | 'full' | 'heads';
  /** Mixture of experts: E experts of width expertFf, K per token, shared experts of width sharedFf. */
  moe?: { E: bigint; K: bigint; expertFf: bigint; shared: 'none' | 'plain' | 'gated'; sharedFf: bigint; routerBias: boolean; denseLayers: bigint };
  /**
   * Where the norms of a block sit: before each sub-block (pre), after its residual add (post:
   * OPT-350m, the same modules), on each sub-block's output (output: OLMo-2), or before and on the
   * output (sandwich: Gemma 2/3).
   */
  normPlace: 'pre' | 'post' | 'output' | 'sandwich';
  /** A CLIP vision tower and LLaVA's projector (parameters only). */
  vision?: { width: bigint; ff: bigint; layers: bigint; positions: bigint; patch: bigint; channels: bigint };
  /** Sliding-window attention: in `layers` of the layers each query sees its last `size` keys. */
  window?: { size: bigint; layers: bigint };
  /** DeepSeek's multi-head latent attention (its own head sizes; no k, v heads of the standard kind). */
  mla?: { qLatent: bigint | undefined; kvLatent: bigint; nope: bigint; rope: bigint; vHead: bigint };
}

function design(model: ModelSpec): Design {
  const c = model.config;
  const o = model.arch.chosen; // options of the config; empty for the seed's fixed design
  const need = (k: string) => {
    const v = c[k];
    if (v === undefined)
      throw new UserError(`check: ${model.label} has no ${k}; the structural counter knows the fields of the swiglu-mha and decoder architectures`);
    return v;
  };
  const d = need('d_model');
  const heads = need('num_heads');
  const ffn = (o.ffn as string | undefined) ?? 'swiglu';
  const moe = o.moe === true;
  const shared = ((o.shared_experts as string | undefined) ?? 'none') as 'none' | 'plain' | 'gated';
  return {
    ...(moe ? { moe: { E: need('num_experts'), K: need('experts_per_token'), expertFf: need('expert_d_ff'), shared, sharedFf: shared === 'none' ? 0n : need('shared_d_ff'), routerBias: o.router_bias === true, denseLayers: c.dense_layers ?? 0n } } : {}),
    ...(o.latent_attention === true
      ? { mla: { qLatent: o.q_compression === true ? need('q_latent') : undefined, kvLatent: need('kv_latent'), nope: need('qk_nope_head_dim'), rope: need('qk_rope_head_dim'), vHead: need('v_head_dim') } }
      : {}),
    V: need('vocab_size'),
    d,
    L: need('num_layers'),
    heads,
    kvHeads: c.num_kv_heads ?? heads,
    headDim: o.latent_attention === true ? 0n : c.head_dim ?? d / heads,
    // A mixture of experts has a dense feed-forward only in its leading dense layers.
    ff: moe && !c.dense_layers ? 0n : need('d_ff'),
    positions: c.context_length,
    T: c.seq_len ?? need('context_length'),
    gated: ffn === 'swiglu' || ffn === 'geglu',
    normGain: o.norm_affine !== false,
    normBias: o.norm === 'layernorm' && o.norm_affine !== 'gain' && o.norm_affine !== false,
    embeddingNorm: o.embedding_norm === true,
    parallelOneNorm: o.parallel === 'one_norm',
    learnedPositions: o.position === 'learned',
    positionOffset: o.offset_positions === true && o.position === 'learned' ? need('position_offset') : 0n,
    lmHeadBias: o.lm_head_bias === true,
    embedWidth: o.embed_projection === true ? need('embed_dim') : undefined,
    finalNorm: o.final_norm !== false,
    tied: o.tie_embeddings === true,
    qkvBias: o.qkv_bias === true,
    outBias: o.out_bias === true,
    mlpBias: o.mlp_bias === true,
    gateBias: o.gate_bias === true,
    qkNorm: o.qk_norm === true ? 'head' : o.qk_norm === 'full' ? 'full' : o.qk_norm === 'heads' ? 'heads' : 'none',
    normPlace: ((o.norm_place as string | undefined) ?? 'pre') as Design['normPlace'],
    ...(o.vision === 'clip'
      ? { vision: { width: need('vision_width'), ff: need('vision_d_ff'), layers: need('vision_layers'), positions: need('vision_positions'), patch: need('vision_patch'), channels: need('vision_channels') } }
      : {}),
    ...(o.sliding_window === true && o.latent_attention !== true ? { window: { size: need('window'), layers: need('sliding_layers') } } : {}),
  };
}

export function structure(model: ModelSpec): Structure {
  const m = design(model);
  const tensors: Tensor[] = [];
  const matmuls: MatmulOp[] = [];
  // Inside the block, every tensor and product occurs once per layer.
  let times = 1n;
  const param = (name: string, ...shape: bigint[]) => tensors.push({ name, shape, count: times });
  // Experts stacked as [E, in, out], of which a token uses K.
  const expertParam = (name: string, used: bigint, ...shape: bigint[]) => tensors.push({ name, shape, count: times, usedRows: used });
  const linear = (name: string, inFeatures: bigint, outFeatures: bigint, bias: boolean) => {
    param(`${name}.weight`, inFeatures, outFeatures);
    if (bias) param(`${name}.bias`, outFeatures);
  };
  const norm = (name: string) => {
    if (!m.normGain) return; // nn.LayerNorm(d, elementwise_affine=False): no tensors
    param(`${name}.weight`, m.d);
    if (m.normBias) param(`${name}.bias`, m.d);
  };
  // Post-norm has pre-norm's modules (OPT's self_attn_layer_norm, final_layer_norm), applied after the add.
  const before = m.normPlace !== 'output';
  const after = m.normPlace === 'output' || m.normPlace === 'sandwich';
  // x [T, in] @ W [in, out]
  const project = (name: string, inFeatures: bigint, outFeatures: bigint, count = times) =>
    matmuls.push({ name, left: [m.T, inFeatures], right: [inFeatures, outFeatures], count });

  // OPT's embed_tokens is V × word_embed_proj_dim, then project_in to the model width.
  const e = m.embedWidth ?? m.d;
  param('tok_embeddings.weight', m.V, e);
  if (m.embedWidth !== undefined) {
    linear('project_in', e, m.d, false);
    project('project_in', e, m.d);
  }
  if (m.learnedPositions) {
    if (m.positions === undefined) throw new UserError('check: learned positions need context_length');
    param('pos_embeddings.weight', m.positions + m.positionOffset, m.d);
  }
  if (m.embeddingNorm) norm('word_embeddings_layernorm');
  const q = m.heads * m.headDim;
  const kv = m.kvHeads * m.headDim;
  {
    // The transformer block, num_layers times.
    times = m.L;
    const p = 'layers.*';
    if (before) norm(`${p}.input_layernorm`);
    if (m.mla) latentAttention(`${p}.self_attn`, m, m.mla, { param, expertParam, project }, times, matmuls);
    else {
      linear(`${p}.attention.wq`, m.d, q, m.qkvBias);
      linear(`${p}.attention.wk`, m.d, kv, m.qkvBias);
      linear(`${p}.attention.wv`, m.d, kv, m.qkvBias);
      linear(`${p}.attention.wo`, q, m.d, m.outBias);
      if (m.qkNorm === 'head') {
        param(`${p}.attention.q_norm.weight`, m.headDim);
        param(`${p}.attention.k_norm.weight`, m.headDim);
      }
      // Command-R+'s CohereLayerNorm((heads, head_dim)), StableLM's list of per-head LayerNorms: a gain per head.
      if (m.qkNorm === 'heads') {
        param(`${p}.attention.q_norm.weight`, m.heads, m.headDim);
        param(`${p}.attention.k_norm.weight`, m.kvHeads, m.headDim);
      }
      if (m.qkNorm === 'full') {
        param(`${p}.attention.q_norm.weight`, q);
        param(`${p}.attention.k_norm.weight`, kv);
      }
      project(`${p}.attention.wq`, m.d, q);
      project(`${p}.attention.wk`, m.d, kv);
      project(`${p}.attention.wv`, m.d, kv);
      // Every query head attends with its group's key/value head: one [T, hd] @ [hd, keys] and one
      // [T, keys] @ [keys, hd] per query head; a global layer over all T keys (dense), a
      // sliding-window layer over the keys of its window, at most T of them (dense band).
      const groups: Array<[string, bigint, bigint]> = m.window
        ? [['attention', m.L - m.window.layers, m.T], ['attention.window', m.window.layers, m.window.size < m.T ? m.window.size : m.T]]
        : [['attention', times, m.T]];
      for (const [name, layers, keys] of groups) {
        if (layers === 0n) continue;
        matmuls.push({ name: `${p}.${name}.q@kT`, left: [m.T, m.headDim], right: [m.headDim, keys], count: layers * m.heads });
        matmuls.push({ name: `${p}.${name}.p@v`, left: [m.T, keys], right: [keys, m.headDim], count: layers * m.heads });
      }
      project(`${p}.attention.wo`, q, m.d);
    }

    if (after) norm(`${p}.post_attention_layernorm`);
    // A parallel block with one norm feeds the same normalised input to attention and the MLP.
    if (before && !m.parallelOneNorm) norm(`${p}.pre_feedforward_layernorm`);
    // A mixture of experts keeps a dense feed-forward in its first dense_layers layers (DeepSeek).
    const dense = m.moe ? m.moe.denseLayers : m.L;
    if (dense > 0n) {
      times = dense;
      if (m.gated) {
        linear(`${p}.feed_forward.w_gate`, m.d, m.ff, m.gateBias);
        project(`${p}.feed_forward.w_gate`, m.d, m.ff);
      }
      linear(`${p}.feed_forward.w_up`, m.d, m.ff, m.mlpBias);
      project(`${p}.feed_forward.w_up`, m.d, m.ff);
      linear(`${p}.feed_forward.w_down`, m.ff, m.d, m.mlpBias);
      project(`${p}.feed_forward.w_down`, m.ff, m.d);
    }
    if (m.moe && m.L > dense) {
      times = m.L - dense;
      moeBlock(`${p}.moe`, m, m.moe, { param, expertParam, project }, times);
    }
    times = m.L;
    if (after) norm(`${p}.post_feedforward_layernorm`);
    times = 1n;
  }
  if (m.finalNorm) norm('norm');
  if (m.embedWidth !== undefined) {
    linear('project_out', m.d, e, false);
    project('project_out', m.d, e);
  }
  if (m.vision) clipTower(m.vision, m.d, tensors);
  // A tied head multiplies by the embedding matrix: the same product, no new parameter.
  if (!m.tied) param('output.weight', e, m.V);
  if (m.lmHeadBias) param('output.bias', m.V);
  project('output', e, m.V);
  return { tensors, matmuls, batch: model.batch };
}

/**
 * A sparse MoE block as the Mixtral / Qwen-MoE / DeepSeek modules build it: a router Linear(d, E),
 * E expert MLPs (stacked here as [E, in, out]), optional shared experts and Qwen's shared gate.
 * Each token runs its K experts: K products per expert matrix.
 */
/**
 * DeepSeek's multi-head latent attention as DeepseekV2Attention builds it: q_proj (or q_a_proj,
 * its RMSNorm and q_b_proj), kv_a_proj_with_mqa to the latent and the shared rotary key, the
 * latent's RMSNorm, kv_b_proj to every head's key and value, o_proj; per head QKᵀ over
 * nope + rope and the weighted sum over the value head.
 */
function latentAttention(p: string, m: Design, a: NonNullable<Design['mla']>, { param, project }: Builders, times: bigint, matmuls: MatmulOp[]): void {
  const qk = a.nope + a.rope;
  if (a.qLatent === undefined) {
    param(`${p}.q_proj.weight`, m.d, m.heads * qk);
    project(`${p}.q_proj`, m.d, m.heads * qk);
  } else {
    param(`${p}.q_a_proj.weight`, m.d, a.qLatent);
    param(`${p}.q_a_layernorm.weight`, a.qLatent);
    param(`${p}.q_b_proj.weight`, a.qLatent, m.heads * qk);
    project(`${p}.q_a_proj`, m.d, a.qLatent);
    project(`${p}.q_b_proj`, a.qLatent, m.heads * qk);
  }
  param(`${p}.kv_a_proj_with_mqa.weight`, m.d, a.kvLatent + a.rope);
  param(`${p}.kv_a_layernorm.weight`, a.kvLatent);
  param(`${p}.kv_b_proj.weight`, a.kvLatent, m.heads * (a.nope + a.vHead));
  param(`${p}.o_proj.weight`, m.heads * a.vHead, m.d);
  project(`${p}.kv_a_proj_with_mqa`, m.d, a.kvLatent + a.rope);
  project(`${p}.kv_b_proj`, a.kvLatent, m.heads * (a.nope + a.vHead));
  matmuls.push({ name: `${p}.q@kT`, left: [m.T, qk], right: [qk, m.T], count: times * m.heads });
  matmuls.push({ name: `${p}.p@v`, left: [m.T, m.T], right: [m.T, a.vHead], count: times * m.heads });
  project(`${p}.o_proj`, m.heads * a.vHead, m.d);
}

interface Builders {
  param: (name: string, ...shape: bigint[]) => void;
  expertParam: (name: string, used: bigint, ...shape: bigint[]) => void;
  project: (name: string, inFeatures: bigint, outFeatures: bigint, count?: bigint) => void;
}

function moeBlock(p: string, m: Design, moe: NonNullable<Design['moe']>, { param, expertParam, project }: Builders, times: bigint): void {
  param(`${p}.gate.weight`, m.d, moe.E);
  if (moe.routerBias) param(`${p}.gate.bias`, moe.E);
  project(`${p}.gate`, m.d, moe.E);
  const experts = (name: string, inF: bigint, outF: bigint) => {
    expertParam(`${p}.experts.${name}`, moe.K, moe.E, inF, outF);
    project(`${p}.experts.${name}`, inF, outF, times * moe.K);
  };
  if (m.gated) experts('w_gate', m.d, moe.expertFf);
  experts('w_up', m.d, moe.expertFf);
  experts('w_down', moe.expertFf, m.d);
  if (moe.shared !== 'none') {
    if (m.gated) {
      param(`${p}.shared_expert.w_gate.weight`, m.d, moe.sharedFf);
      project(`${p}.shared_expert.w_gate`, m.d, moe.sharedFf);
    }
    param(`${p}.shared_expert.w_up.weight`, m.d, moe.sharedFf);
    project(`${p}.shared_expert.w_up`, m.d, moe.sharedFf);
    param(`${p}.shared_expert.w_down.weight`, moe.sharedFf, m.d);
    project(`${p}.shared_expert.w_down`, moe.sharedFf, m.d);
    if (moe.shared === 'gated') {
      param(`${p}.shared_expert_gate.weight`, m.d, 1n);
      project(`${p}.shared_expert_gate`, m.d, 1n);
    }
  }
}
/**
 * LLaVA's vision side as transformers builds it: CLIPVisionTransformer (class embedding, a
 * bias-free Conv2d patch embedding, position embedding, pre_layrnorm, num_hidden_layers encoder
 * layers of LayerNorm, q/k/v/out_proj with biases, LayerNorm, fc1/fc2 with biases, post_layernorm)
 * and LlavaMultiModalProjector (linear_1, linear_2 with biases). Parameters only.
 */
function clipTower(v: NonNullable<Design['vision']>, d: bigint, tensors: Tensor[]): void {
  const add = (name: string, count: bigint, ...shape: bigint[]) => tensors.push({ name, shape, count });
  const e = 'vision_tower.vision_model';
  add(`${e}.embeddings.class_embedding`, 1n, v.width);
  add(`${e}.embeddings.patch_embedding.weight`, 1n, v.width, v.channels, v.patch, v.patch);
  add(`${e}.embeddings.position_embedding.weight`, 1n, v.positions, v.width);
  for (const part of ['weight', 'bias']) add(`${e}.pre_layrnorm.${part}`, 1n, v.width);
  const layer = `${e}.encoder.layers.*`;
  for (const n of ['layer_norm1', 'layer_norm2']) for (const part of ['weight', 'bias']) add(`${layer}.${n}.${part}`, v.layers, v.width);
  for (const p of ['q_proj', 'k_proj', 'v_proj', 'out_proj']) {
    add(`${layer}.self_attn.${p}.weight`, v.layers, v.width, v.width);
    add(`${layer}.self_attn.${p}.bias`, v.layers, v.width);
  }
  add(`${layer}.mlp.fc1.weight`, v.layers, v.ff, v.width);
  add(`${layer}.mlp.fc1.bias`, v.layers, v.ff);
  add(`${layer}.mlp.fc2.weight`, v.layers, v.width, v.ff);
  add(`${layer}.mlp.fc2.bias`, v.layers, v.width);
  for (const part of ['weight', 'bias']) add(`${e}.post_layernorm.${part}`, 1n, v.width);
  add('multi_modal_projector.linear_1.weight', 1n, d, v.width);
  add('multi_modal_projector.linear_1.bias', 1n, d);
  add('multi_modal_projector.linear_2.weight', 1n, d, d);
  add('multi_modal_projector.linear_2.bias', 1n, d);
}

export function structureParams(s: Structure): bigint {
  return s.tensors.reduce((sum, t) => sum + t.count * t.shape.reduce((a, b) => a * b, 1n), 0n);
}

/** Parameters one token uses: of a stacked expert tensor, its K rows of E. */
export function structureActiveParams(s: Structure): bigint {
  return s.tensors.reduce((sum, t) => {
    const all = t.shape.reduce((a, b) => a * b, 1n);
    return sum + t.count * (t.usedRows === undefined ? all : (all / t.shape[0]!) * t.usedRows);
  }, 0n);
}

/** 2 FLOPs per multiply-add, over every product of the forward pass, for the whole batch. */
export function structureFlops(s: Structure): bigint {
  return s.batch * s.matmuls.reduce((sum, op) => sum + 2n * op.left[0] * op.left[1] * op.right[1] * op.count, 0n);
}
