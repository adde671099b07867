// The conventions every output states, in one place so that text, JSON and documents agree.

import { symbolOf } from '../formulas/architecture.js';
import type { ModelSpec } from '../model/spec.js';

export function conventions(model: ModelSpec): Record<string, string> {
  const seq = symbolOf(model.arch, 'seq_len');
  const tokens = seq ? `${seq.name} = ${model.values[seq.name]}` : 'the sequence';
  return {
    flops: 'FLOPs, not MACs: a multiply-add is 2 FLOPs, so [m, n] @ [n, p] costs 2·m·n·p',
    totals: 'forward totals count matrix multiplies only; non-matmul work (norms, RoPE, softmax, activations, residuals) is listed separately and not added',
    attention: 'dense attention: scores and weighted sum over the full T×T (no causal skipping)',
    scope: `one forward pass over batch ${model.batch} × ${tokens} tokens; formulas are per sequence, so FLOP totals = batch × formula`,
    memory: 'weights only (no activations, gradients or optimizer state); GB = 10^9 bytes, GiB = 2^30 bytes',
  };
}
