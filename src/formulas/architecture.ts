// The in-memory form of an architecture file from formulas/architectures. Every count is a
// Poly derived here from declared shapes: nothing downstream types a formula of its own.

import type { Poly } from '../algebra/poly.js';
import type { AttentionConvention } from './conventions/attention.js';

/** The config field of the sequence length: its symbol is the T of attention's T×T square. */
export const SEQ_FIELD = 'seq_len';

/**
 * The config field of a sliding window: its symbol is the W of the T·W query-key pairs of work
 * tagged `window`, and its value is capped at T (a window longer than the sequence is all of it).
 */
export const WINDOW_FIELD = 'window';

export interface SymbolDef {
  /** The symbol as it appears in formulas, e.g. d. */
  name: string;
  /** The config field it is read from, e.g. d_model. */
  config: string;
  /** Another config field whose value it takes when it is not given (T <- context_length). */
  defaultFrom?: string;
  /**
   * An expression in other symbols it stands for when its field is not given (head_dim a = d/h,
   * num_kv_heads k = h): the formulas of such a model are written with the expression instead.
   */
  default?: Poly;
  defaultText?: string;
  meaning: string;
  latex: string;
  /** Its value is at most this symbol's (W = min(window, T)): `capped_by: T`. */
  cappedBy?: string;
  /**
   * Phrases for the title of a model: `default` when the symbol equals its default expression
   * (k = h: multi-head attention), `other` when it does not or is a free symbol (grouped-query).
   */
  titles?: { default?: string; other?: string };
}

export type OptionValue = string | boolean;

/** A design choice of an architecture file (ffn: swiglu | gelu, tie_embeddings: true | false, …). */
export interface OptionDef {
  /** Also its config field name. */
  name: string;
  values: OptionValue[];
  default: OptionValue;
  meaning: string;
  /** A short phrase per value for a model's title ("LayerNorm", "tied embeddings"); values without one say nothing. */
  titles: Record<string, string>;
}

/** Holds when every named option has one of the listed values. */
export type Condition = Record<string, OptionValue[]>;

export interface Constraint {
  /** divides: `left` divides `right` (h | d); at_most: `left` ≤ `right` (T ≤ N_pos). Both symbols. */
  kind: 'divides' | 'at_most';
  left: string;
  right: string;
  why: string;
}

export interface Weight {
  id: string;
  /** Hierarchical name, e.g. attention.q. */
  path: string;
  dims: Poly[];
  dimsText: string[];
  what: string;
  /** Product of the dimensions. */
  params: Poly;
  /**
   * The fraction of it one token uses (K/E for the routed experts of a mixture-of-experts layer);
   * 1 for every dense weight. Active parameters are params × active.
   */
  active: Poly;
  activeText: string;
  when?: Condition;
}

export interface Matmul {
  id: string;
  path: string;
  /** [m, n] @ [n, p]. */
  left: [Poly, Poly];
  right: [Poly, Poly];
  leftText: [string, string];
  rightText: [string, string];
  /** How many times it runs per occurrence of its component (e.g. once per head). */
  times: Poly;
  timesText: string;
  what: string;
  /** 2·m·n·p·times. */
  flops: Poly;
  /** Over the T×T query-key square: a causal attention convention counts part of it. */
  causal: boolean;
  /** Over a sliding window, T·W query-key pairs: the convention's window_pairs count part of it. */
  window: boolean;
  /** Re-run in the backward pass under selective recomputation (Korthikanti et al. 2022). */
  selectiveRecompute: boolean;
  /** Operands that need no gradient (the backward then skips that product); empty for most. */
  noGrad: Array<'left' | 'right'>;
  when?: Condition;
}

/**
 * A tensor kept from the forward pass for the backward pass, declared by shape like a weight.
 * Which tensors count depends on the activation convention (`in`: formulas/conventions/activations.yaml).
 */
export interface Activation {
  id: string;
  path: string;
  dims: Poly[];
  dimsText: string[];
  what: string;
  /** Elements for one sequence (× B in a batched model): the product of the dimensions. */
  elements: Poly;
  /** Activation conventions that keep it (cs336, saved, korthikanti, …). */
  in: string[];
  /** Fixed bytes per element whatever the convention (a 1-byte dropout mask, fp32 statistics). */
  bytes?: number;
  /** Split across tensor-parallel ranks (attention heads, FFN columns); otherwise only sequence parallelism splits it. */
  tensorParallel: boolean;
  /** Dropped and recomputed under selective recomputation. */
  selectiveRecompute: boolean;
  /** Kept under full recomputation: the layer's input, from which the layer is recomputed. */
  checkpoint: boolean;
  when?: Condition;
}

/** What inference keeps per token of one occurrence of a component (the KV cache), by shape. */
export interface CacheEntry {
  id: string;
  path: string;
  dims: Poly[];
  dimsText: string[];
  what: string;
  /** Elements per token: the product of the dimensions. */
  elements: Poly;
  /** Kept for the last W tokens only (a sliding-window layer), not for every token of the context. */
  window: boolean;
  when?: Condition;
}

export interface NonMatmul {
  id: string;
  path: string;
  flops: Poly;
  flopsText: string;
  what: string;
  /** Set when this is another convention for the same work (not added to totals). */
  alternativeTo?: string;
  /** Whose convention an alternative is, for tables that set it beside lmledger's ("the seed's"). */
  convention?: string;
  /** Over the T×T scores (softmax, scaling): a causal attention convention counts part of it. */
  causal: boolean;
  /** Over a sliding window's T·W scores. */
  window: boolean;
  when?: Condition;
}

export type Scope = 'layer' | 'model';

/** In how many of the L layers a per-layer component occurs: the first alternative whose `when` holds. */
export interface LayerCount {
  count: Poly;
  countText: string;
  when?: Condition;
}

export interface Component {
  id: string;
  title: string;
  scope: Scope;
  /**
   * Occurrences in the model: L for a per-layer component (or a `layers:` expression such as
   * L − L_dense when only some layers have it), 1 for a once-per-model one. Set on resolution.
   */
  occurs: Poly;
  /** The file's `layers:` alternatives (absent: every layer). */
  layers?: LayerCount[];
  note?: string;
  weights: Weight[];
  matmuls: Matmul[];
  nonMatmul: NonMatmul[];
  activations: Activation[];
  cache: CacheEntry[];
  /**
   * How a decode step computes this component when it differs from its forward matmuls at one
   * token (multi-head latent attention works on the cached latent directly).
   */
  decodeMatmuls?: Matmul[];
  /** Parameters of one occurrence (one layer's worth for scope layer). */
  params: Poly;
  /** Parameters one token uses, per occurrence: Σ params × active. */
  activeParams: Poly;
  /** Matmul FLOPs of one occurrence. */
  flops: Poly;
  when?: Condition;
}

/** An architecture file as read: every entry, with the conditions under which it applies. */
export interface ArchitectureFile {
  id: string;
  title: string;
  source: string;
  /** Path of the YAML file it came from, for error messages. */
  file: string;
  options: OptionDef[];
  /** In print order. */
  symbols: SymbolDef[];
  constraints: Constraint[];
  components: Component[];
  /** The symbol that counts layers; totals are collected by it. */
  layers: string;
}

/**
 * An architecture resolved for one choice of options and of given symbols: only the entries
 * whose conditions hold, defaulted symbols replaced by their expressions, unused symbols gone.
 * This is what every ledger, view and test works with.
 */
export interface Architecture extends ArchitectureFile {
  /** The option values of this resolution (all options, defaults included). */
  chosen: Record<string, OptionValue>;
  /** Symbols written as their default expression because their field was not given. */
  defaulted: SymbolDef[];
  /** "ffn=gelu, norm=layernorm" for options away from their defaults; '' when none. */
  variant: string;
  /** Resolved with a batch: every FLOP count carries the factor B (BATCH_SYMBOL, first in symbols). */
  batched: boolean;
  /** How the work tagged `causal` (over the T×T square) is counted. */
  attention: AttentionConvention;
  base: ArchitectureFile;
}

/**
 * The batch: every matmul, non-matmul op (and kept activation) runs once per sequence, so a model
 * resolved with a batch multiplies each of them by B. Not declared in architecture files (the name
 * and its config field are reserved); formulas print it in front: B(L(…) + …).
 */
export const BATCH_SYMBOL: SymbolDef = {
  name: 'B',
  config: 'batch',
  meaning: 'sequences in the batch (each FLOP count is B × the count for one sequence)',
  latex: 'B',
};

/** The batch symbol, when the model was resolved with a batch. */
export function batchSymbol(arch: Architecture): string | undefined {
  return arch.symbols.some((s) => s.name === BATCH_SYMBOL.name) ? BATCH_SYMBOL.name : undefined;
}

/** How many times a component occurs in the model (resolved: L, a layer count, or 1). */
export function occurrences(c: Component): Poly {
  return c.occurs;
}

export function symbolNames(arch: Architecture): string[] {
  return arch.symbols.map((s) => s.name);
}

export function latexNames(arch: Architecture): Record<string, string> {
  return Object.fromEntries(arch.symbols.map((s) => [s.name, s.latex]));
}

/** The symbol read from a config field (e.g. seq_len -> T), if the architecture has one. */
export function symbolOf(arch: Architecture, configField: string): SymbolDef | undefined {
  return arch.symbols.find((s) => s.config === configField);
}
