// The conventions every output states, in one place so that text, JSON and documents agree.

import { batchSymbol, symbolOf } from '../formulas/architecture.js';
import type { ModelSpec } from '../model/spec.js';

export function conventions(model?: ModelSpec): Record<string, string> {
  const seq = model && symbolOf(model.arch, 'seq_len');
  const B = model && batchSymbol(model.arch);
  const scope =
    model && seq
      ? B
        ? `one forward pass over ${B} = ${model.values[B]} sequences of ${seq.name} = ${model.values[seq.name]} tokens; ${B} multiplies every FLOP formula`
        : `one forward pass over one sequence of ${seq.name} = ${model.values[seq.name]} tokens (with --batch, formulas carry the factor B)`
      : 'formulas are for one forward pass over one sequence of T tokens (with --batch, formulas carry the factor B)';
  return {
    flops: 'FLOPs, not MACs: a multiply-add is 2 FLOPs, so [m × n] · [n × p] costs 2·m·n·p',
    totals: 'forward totals count matrix multiplies only; non-matmul work (elementwise and reduction ops, each with its per-element count) is listed separately and not added',
    attention: model ? model.arch.attention.means : 'dense attention: scores and weighted sum over the full T×T (no causal skipping)',
    scope,
    memory: 'weights only (no activations, gradients or optimizer state); GB = 10⁹ bytes, GiB = 2³⁰ bytes',
  };
}

export function conventionList(model?: ModelSpec): string[] {
  return Object.values(conventions(model));
}
