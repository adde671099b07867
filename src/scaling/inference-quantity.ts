// Inference quantities for `scale`, written in the model's own sequence length T: the KV cache
// holds T tokens, prefill runs over a prompt of T tokens, and a decode step is the one at
// position T (the context so far). decode.seconds_per_step is the roofline time in the bound
// that holds at the model's point (FLOPs ÷ peak or bytes ÷ bandwidth), stated in the title.

import { Poly } from '../algebra/poly.js';
import { Rational } from '../algebra/rational.js';
import { UserError } from '../errors.js';
import { SEQ_FIELD, WINDOW_FIELD, type Architecture } from '../formulas/architecture.js';
import { inferenceLedger, POSITION, PROMPT, type Widths } from '../inference/ledger.js';
import type { Part, Quantity } from './quantity.js';

export const INFERENCE_QUANTITIES = ['kv_cache.bytes', 'prefill.flops', 'prefill.bytes', 'decode.flops_per_token', 'decode.bytes_per_step', 'decode.seconds_per_step'] as const;

export const isInferenceQuantity = (name: string) => (INFERENCE_QUANTITIES as readonly string[]).includes(name);

export interface Roof {
  /** FLOP/s and bytes/s of all devices together. */
  peak: Rational;
  bandwidth: Rational;
}

export function inferenceQuantity(arch: Architecture, name: string, widths: Widths, values: Record<string, bigint>, roof?: Roof): Quantity {
  if (!arch.batched) throw new Error('inference quantities need the model resolved with a batch');
  const T = Poly.symbol(arch.symbols.find((s) => s.config === SEQ_FIELD)!.name);
  const l = inferenceLedger(arch, widths);
  // The prompt and the position become T; a symbol the ledger renamed because it is named like
  // them (the decoder's P, a learned table's rows, as context_length) gets its own name back.
  const back = (p: Poly) => Object.entries(l.renamed).reduce((q, [from, to]) => q.substitute(to, Poly.symbol(from)), p);
  const inT = (p: Poly) => back(p.substitute(PROMPT.name, T).substitute(POSITION.name, T));
  const B = Poly.symbol(arch.symbols[0]!.name);
  const part = (n: string, title: string, poly: Poly): Part => ({ name: n, title, poly: inT(poly), scope: 'model' });
  const q = (title: string, kind: Quantity['kind'], poly: Poly, parts: Part[]): Quantity => {
    const nonzero = parts.filter((p) => !p.poly.isZero());
    return { name, title, kind, poly: inT(poly), parts: nonzero.length > 1 ? nonzero : [], atoms: nonzero, atomNoun: 'parts' };
  };
  const kvAtT = B.mul(T.mul(l.kv.perToken).add(l.kv.window));
  switch (name) {
    case 'kv_cache.bytes':
      return q('KV cache bytes of the batch at T tokens', 'bytes', kvAtT, l.kv.tensors.map((t) => part(t.entry.path, t.entry.what, B.mul(t.entry.window ? windowTokens(arch).mul(t.bytes) : T.mul(t.bytes)))));
    case 'prefill.flops':
      return q('prefill FLOPs over a prompt of T tokens', 'flops', l.prefill.flops, []);
    case 'prefill.bytes':
      return q('prefill bytes over a prompt of T tokens', 'bytes', l.prefill.bytes, [part('weights', 'weights read once', l.weightBytes), part('kv_cache', 'KV written', B.mul(Poly.symbol(PROMPT.name).mul(l.kv.perToken).add(l.kv.window)))]);
    case 'decode.flops_per_token':
      // One token of one sequence, as infer --json's decode.flops_per_token: the batch's step ÷ B.
      return q('decode FLOPs of one token at position T', 'flops', l.decode.flopsAt.div(B), l.decode.matmuls.map((m) => part(m.matmul.path, m.matmul.what, m.flops.div(B))));
    case 'decode.bytes_per_step':
      return q('decode bytes of the step at position T', 'bytes', l.decode.bytesAt, [part('weights', 'weights read once', l.weightBytes), part('kv_cache', 'cache read and the new token written', B.mul(Poly.symbol(POSITION.name).mul(l.kv.perToken).add(l.kv.window)))]);
    default: {
      if (!roof) throw new UserError('decode.seconds_per_step: needs an accelerator: --hardware NAME (or --peak and --bandwidth)');
      const compute = l.decode.flopsAt.scale(Rational.ONE.div(roof.peak));
      const memory = l.decode.bytesAt.scale(Rational.ONE.div(roof.bandwidth));
      const at = (p: Poly) => inT(p).evaluate(values);
      const bound = at(compute).compare(at(memory)) > 0 ? 'compute' : 'memory';
      return q(`decode seconds per step at position T (${bound}-bound at this point: ${bound === 'compute' ? 'FLOPs ÷ peak' : 'bytes ÷ bandwidth'})`, 'seconds', bound === 'compute' ? compute : memory, []);
    }
  }
}

/** The W tokens a sliding-window cache keeps (its window symbol). */
function windowTokens(arch: Architecture): Poly {
  const w = arch.symbols.find((s) => s.config === WINDOW_FIELD);
  return w ? Poly.symbol(w.name) : Poly.ONE;
}
