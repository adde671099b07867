// `lmledger infer` for a terminal: the KV cache, prefill and decode FLOPs and bytes with their
// formulas, the roofline time and bound of each, tokens per second, the critical batch, and fit.

import { Rational } from '../../algebra/rational.js';
import { BATCH_SYMBOL } from '../../formulas/architecture.js';
import type { InferAccount, Roofline } from '../../inference/account.js';
import { batchCeiling, rates } from '../../inference/batches.js';
import { POSITION } from '../../inference/ledger.js';
import type { Count } from '../../ledger/account.js';
import { formulaPrinter } from '../../print/formula.js';
import { decimal, digits, gibibytes, gigabytes, groupedDecimal, si } from '../../print/numbers.js';
import { table } from '../../print/table.js';
import { inferenceConventions } from './conventions.js';

export function seconds(r: Rational): string {
  if (r.compare(Rational.of(1n)) >= 0) return `${groupedDecimal(r, 3)} s`;
  if (r.compare(Rational.of(1n, 1000n)) >= 0) return `${decimal(r.mul(Rational.of(1000n)), 3)} ms`;
  return `${decimal(r.mul(Rational.of(1000000n)), 3)} µs`;
}

export function rooflineText(r: Roofline): string {
  return `${seconds(r.seconds)} (${r.bound}-bound; ${groupedDecimal(r.intensity, 1)} FLOPs per byte)`;
}

export function inferText(a: InferAccount): string {
  const { model } = a.request;
  const L = a.ledger;
  const f = formulaPrinter(L.arch);
  const v = a.values;
  const B = BATCH_SYMBOL.name;
  const out: string[] = [];
  const shown = L.arch.symbols.filter((s) => s.name !== POSITION.name && s.config !== 'seq_len');
  out.push(`${model.label}: inference (architecture ${model.arch.id})`);
  out.push(`  ${shown.map((s) => `${s.name} = ${digits(v[s.name]!)}`).join('  ')}  (the last decode step is at ${POSITION.name} = P + G = ${digits(v[POSITION.name]!)})`);
  if (model.arch.variant) out.push(`  options: ${model.arch.variant}`);
  out.push(`  weights ${a.request.weights.name}, KV cache ${a.request.kv.name}; N = ${f.text(a.params.formula)} = ${digits(a.params.value)} parameters, ${digits(a.weightBytes.value)} bytes of weights (${gigabytes(a.weightBytes.value)})`);
  out.push('');

  out.push('KV cache');
  out.push(
    table(
      [{ header: 'tensor' }, { header: 'shape per token' }, { header: 'formula (bytes per token, all layers)' }, { header: 'bytes', align: 'right' }],
      L.kv.tensors.map((t) => [t.entry.path, `[${t.entry.dimsText.join(', ')}]`, f.text(t.bytes), digits(t.bytes.evaluate(v).num)]),
    ),
  );
  const kv = a.kv;
  out.push(`  per token of one sequence: ${digits(kv.perToken.value)} bytes = ${f.text(kv.perToken.formula)}`);
  if (!L.kv.window.isZero()) {
    // Sliding-window layers keep their last W tokens: a fixed part once the context is that long.
    const W = L.arch.symbols.find((s) => s.config === 'window')!;
    const t = v[POSITION.name]!;
    out.push(
      t >= v[W.name]!
        ? `  sliding-window layers (per sequence): ${digits(L.kv.window.evaluate(v).num)} bytes = ${f.text(L.kv.window)}, their last ${W.name} = ${digits(v[W.name]!)} tokens`
        : `  sliding-window layers: the context (${digits(t)} tokens) is within their window ${W.name} = ${digits(v[W.name]!)}, so they cache every token, as global layers do`,
    );
  }
  out.push(`  the batch at P + G tokens: ${digits(kv.total.value)} bytes (${gigabytes(kv.total.value)}, ${gibibytes(kv.total.value)}) = ${f.text(kv.total.formula)}`);
  out.push('');

  const row = (name: string, c: Count, unit: string) => [name, f.text(c.formula), digits(c.value), si(c.value, unit)];
  out.push(`Prefill: ${B} = ${digits(v[B]!)} prompts of P = ${digits(v.P!)} tokens (${model.arch.attention.title})`);
  out.push(table([{ header: '' }, { header: 'formula' }, { header: 'value', align: 'right' }, { header: '', align: 'right' }], [row('FLOPs', a.prefill.flops, 'FLOP'), row('bytes', a.prefill.bytes, 'B')]));
  if (a.prefill.roofline) out.push(`  time: ${rooflineText(a.prefill.roofline)}`);
  out.push('');

  out.push(`Decode: G = ${digits(v.G!)} tokens for each sequence; one step at position ${POSITION.name} (last: ${digits(v[POSITION.name]!)})`);
  out.push(
    table(
      [{ header: '' }, { header: 'formula' }, { header: 'value', align: 'right' }, { header: '', align: 'right' }],
      [row('FLOPs per step', a.decode.flopsPerStep, 'FLOP'), row('bytes per step', a.decode.bytesPerStep, 'B'), row('FLOPs, all G steps', a.decode.flops, 'FLOP'), row('bytes, all G steps', a.decode.bytes, 'B')],
    ),
  );
  if (a.decode.step) {
    out.push(`  last step: ${rooflineText(a.decode.step)}; ${groupedDecimal(a.decode.tokensPerSecond!.perSequence, 1)} tokens/s per sequence, ${groupedDecimal(a.decode.tokensPerSecond!.total, 1)} tokens/s for the batch`);
    out.push(`  all G steps: ${seconds(a.decode.seconds!)} (summed exactly, step by step)`);
    const cb = a.criticalBatch;
    out.push(
      cb
        ? `  critical batch: the last step is compute-bound from ${B} = ${digits(cb.batch!)} (FLOPs ÷ peak = bytes ÷ bandwidth at ${B} = ${decimal(cb.exact, 2)})`
        : `  critical batch: none — at this context the last step stays memory-bound at any batch (its KV reads grow as fast as its FLOPs): ${ceilingText(a)}`,
    );
  } else out.push('  times: give --hardware NAME (or --peak and --bandwidth)');
  out.push('');

  if (a.fit) {
    const fit = a.fit;
    const M = fit.memory.bytes * fit.memory.devices;
    out.push(`Fit: ${fit.memory.text}${fit.memory.devices > 1n ? ` × ${digits(fit.memory.devices)} devices` : ''} (${fit.memory.from}) = ${digits(M)} bytes`);
    out.push(
      `  weights + KV cache at P + G: ${digits(fit.needed)} bytes (${gigabytes(fit.needed)}): ` +
        (fit.fits ? `fits, ${digits(M - fit.needed)} bytes to spare` : `does not fit, ${digits(fit.needed - M)} bytes (${gigabytes(fit.needed - M)}) short`),
    );
    out.push(`  largest batch at P + G = ${digits(v.P! + v.G!)} tokens: ${digits(fit.maxBatch)}; longest context at ${B} = ${digits(v[B]!)}: ${digits(fit.maxContext)} tokens${fit.contextLimit !== undefined && fit.maxContext === fit.contextLimit ? ' (the learned position table\'s limit)' : ''}`);
    out.push('');
  }
  out.push('Conventions');
  for (const [k, x] of Object.entries(inferenceConventions(a.request))) out.push(`  ${k}: ${x}`);
  return out.join('\n');
}

/** Why there is no critical batch, and the longest context that has one. */
function ceilingText(a: InferAccount): string {
  const r = rates(a)!;
  const c = batchCeiling(a, r);
  const ridge = `the ridge point ${groupedDecimal(r.ridge, 1)}`;
  const head = `its intensity tends to ${groupedDecimal(c.limit, 1)} FLOPs per byte as ${BATCH_SYMBOL.name} grows, below ${ridge}`;
  return c.longestContext ? `${head}; a batch turns it compute-bound only at a context of at most ${digits(c.longestContext)} tokens` : `${head} at any context`;
}
