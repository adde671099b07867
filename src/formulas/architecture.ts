// The in-memory form of an architecture file from formulas/architectures. Every count is a
// Poly derived here from declared shapes: nothing downstream types a formula of its own.

import type { Poly } from '../algebra/poly.js';

export interface SymbolDef {
  /** The symbol as it appears in formulas, e.g. d. */
  name: string;
  /** The config field it is read from, e.g. d_model. */
  config: string;
  /** Another config field whose value it takes when it is not given (T <- context_length). */
  defaultFrom?: string;
  meaning: string;
  latex: string;
}

export interface Constraint {
  /** `divisor` must divide `multiple`: both symbols. */
  divisor: string;
  multiple: string;
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
}

export interface NonMatmul {
  id: string;
  path: string;
  flops: Poly;
  flopsText: string;
  what: string;
  /** Set when this is another convention for the same work (not added to totals). */
  alternativeTo?: string;
}

export type Scope = 'layer' | 'model';

export interface Component {
  id: string;
  title: string;
  scope: Scope;
  note?: string;
  weights: Weight[];
  matmuls: Matmul[];
  nonMatmul: NonMatmul[];
  /** Parameters of one occurrence (one layer's worth for scope layer). */
  params: Poly;
  /** Matmul FLOPs of one occurrence. */
  flops: Poly;
}

export interface Architecture {
  id: string;
  title: string;
  source: string;
  /** Path of the YAML file it came from, for error messages. */
  file: string;
  /** In print order. */
  symbols: SymbolDef[];
  constraints: Constraint[];
  components: Component[];
  /** The symbol that counts layers; totals are collected by it. */
  layers: string;
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
