// The symbolic inference ledger of a model resolved with a batch (B): the KV cache from the
// `cache` entries of formulas/, prefill as the forward pass over a prompt of P tokens, and
// decoding: the FLOPs and bytes of the step that generates the token at position t (the context
// so far, itself included), and the exact total over G tokens after the prompt (a sum of a
// polynomial in t = P + i, i = 1…G, done symbolically). No values here: see account.ts.

import { Poly } from '../algebra/poly.js';
import type { Rational } from '../algebra/rational.js';
import { sumOver } from '../algebra/sum.js';
import { SEQ_FIELD, WINDOW_FIELD, type Architecture, type CacheEntry, type Component, type Matmul, type SymbolDef } from '../formulas/architecture.js';
import { symbolicLedger } from '../ledger/symbolic.js';

export const PROMPT: SymbolDef = { name: 'P', config: 'prompt', meaning: 'prompt tokens of each sequence (prefill)', latex: 'P' };
export const GENERATED: SymbolDef = { name: 'G', config: 'generate', meaning: 'tokens generated after the prompt (decode steps)', latex: 'G' };
export const POSITION: SymbolDef = { name: 't', config: 'position', meaning: 'context length at a decode step: the tokens so far, the new one included', latex: 't' };

export interface CachedTensor {
  entry: CacheEntry;
  component: Component;
  /** Bytes per token of one sequence, whole model (× L for a per-layer component). */
  bytes: Poly;
}

export interface DecodeMatmul {
  matmul: Matmul;
  component: Component;
  /** FLOPs of this matmul at one decode step (position t), whole model and batch. */
  flops: Poly;
}

export interface InferenceLedger {
  /** The model's architecture with P, G and t, for printing. */
  arch: Architecture;
  /**
   * Symbols of the architecture renamed because P, G or t already name them (the decoder's P is
   * the rows of a learned position table): old name -> new name (its config field).
   */
  renamed: Record<string, string>;
  params: Poly;
  weightBytes: Poly;
  kv: {
    tensors: CachedTensor[];
    /** Bytes per token of the context, one sequence: the caches that keep every token. */
    perToken: Poly;
    /**
     * Bytes of one sequence's sliding-window caches: W tokens each, whatever the context (a full
     * window: the context at least W). Zero without sliding-window layers.
     */
    window: Poly;
    /** The batch's cache at P + G tokens. */
    total: Poly;
  };
  prefill: { flops: Poly; bytes: Poly };
  decode: {
    matmuls: DecodeMatmul[];
    /** FLOPs and bytes of the step at position t (whole batch). */
    flopsAt: Poly;
    bytesAt: Poly;
    /** All G steps: t = P + 1 … P + G. */
    flops: Poly;
    bytes: Poly;
  };
}

/** The decode matmuls that run over the cached context (their FLOPs grow with t): QKᵀ and A·V, or latent attention's. */
export function overContext(l: InferenceLedger): DecodeMatmul[] {
  return l.decode.matmuls.filter((m) => m.flops.degree(POSITION.name) > 0);
}

export interface Widths {
  weights: Rational;
  kv: Rational;
}

/** The ledger's symbol values: the model's (a renamed symbol under its new name) with P, G and t. */
export function ledgerValues(l: InferenceLedger, model: Record<string, bigint>, inference: Record<string, bigint>): Record<string, bigint> {
  const moved = Object.fromEntries(Object.entries(l.renamed).map(([from, to]) => [to, model[from]!]));
  return { ...model, ...moved, ...inference };
}

/** T of the prefill's forward pass is the prompt; a decode matmul runs over 1 token and t keys. */
export function inferenceLedger(arch: Architecture, widths: Widths): InferenceLedger {
  if (!arch.batched) throw new Error('an inference ledger needs the model resolved with a batch');
  const seq = arch.symbols.find((s) => s.config === SEQ_FIELD);
  if (!seq) throw new Error(`${arch.id} has no sequence length`);
  const T = seq.name;
  const [P, G, t] = [PROMPT, GENERATED, POSITION].map((s) => Poly.symbol(s.name)) as [Poly, Poly, Poly];
  const occ = (c: Component) => rn(c.occurs);
  // An architecture symbol named like an inference symbol (the decoder's P, the positions of a
  // learned table) takes its config field's name here, so that the prompt does not replace it.
  const ours = new Set([PROMPT.name, GENERATED.name, POSITION.name]);
  const renamed: Record<string, string> = Object.fromEntries(arch.symbols.filter((s) => ours.has(s.name)).map((s) => [s.name, s.config]));
  const rn = (p: Poly) => Object.entries(renamed).reduce((q, [from, to]) => q.substitute(from, Poly.symbol(to)), p);
  const forward = symbolicLedger(arch);
  const params = rn(forward.params.total);
  const weightBytes = params.scale(widths.weights);

  const tensors: CachedTensor[] = arch.components.flatMap((c) => c.cache.map((e) => ({ entry: e, component: c, bytes: rn(e.elements).mul(occ(c)).scale(widths.kv) })));
  const perToken = tensors.filter((x) => !x.entry.window).reduce((s, x) => s.add(x.bytes), Poly.ZERO);
  const win = arch.symbols.find((s) => s.config === WINDOW_FIELD);
  const windowed = tensors.filter((x) => x.entry.window);
  if (windowed.length > 0 && !win) throw new Error(`${arch.id}: a windowed cache needs a symbol with config ${WINDOW_FIELD}`);
  const windowBytes = windowed.reduce((s, x) => s.add(x.bytes), Poly.ZERO).mul(win ? Poly.symbol(win.name) : Poly.ONE);
  const B = Poly.symbol(arch.symbols[0]!.name);

  // Prefill: the forward pass with T = P (the attention convention applies to its P×P square).
  const prefillFlops = rn(forward.flops.total).substitute(T, P);
  const prefillBytes = weightBytes.add(B.mul(P.mul(perToken).add(windowBytes)));

  // Decode at position t: the token axis (the left operand's first dimension) is 1, every other
  // T is the t keys attended to. Dense and causal agree here: one query sees all t keys.
  const matmuls: DecodeMatmul[] = arch.components.flatMap((c) =>
    // A component may say how it decodes (latent attention on the cached latent); else its matmuls.
    (c.decodeMatmuls ?? c.matmuls).map((m) => {
      const tokens = rn(m.left[0]).substitute(T, Poly.ONE);
      const keys = (p: Poly) => rn(p).substitute(T, t);
      const flops = Poly.constant(2n).mul(tokens).mul(keys(m.left[1])).mul(keys(m.right[1])).mul(keys(m.times)).mul(occ(c));
      return { matmul: m, component: c, flops };
    }),
  );
  const flopsAt = matmuls.reduce((s, m) => s.add(m.flops), Poly.ZERO);
  // Each step reads the weights once and the t − 1 cached tokens, and writes the new one.
  const bytesAt = weightBytes.add(B.mul(t.mul(perToken).add(windowBytes)));
  const i = '__i';
  const over = (p: Poly) => sumOver(p.substitute(POSITION.name, P.add(Poly.symbol(i))), i, GENERATED.name);

  const symbols = arch.symbols.map((s) => (renamed[s.name] ? { ...s, name: renamed[s.name]!, latex: `\\mathrm{${s.config.replace(/_/g, '\\_')}}` } : s));
  const printed: Architecture = { ...arch, symbols: [...symbols, PROMPT, GENERATED, POSITION] };
  return {
    arch: printed,
    renamed,
    params,
    weightBytes,
    kv: { tensors, perToken, window: windowBytes, total: B.mul(P.add(G).mul(perToken).add(windowBytes)) },
    prefill: { flops: prefillFlops, bytes: prefillBytes },
    decode: { matmuls, flopsAt, bytesAt, flops: over(flopsAt), bytes: over(bytesAt) },
  };
}
