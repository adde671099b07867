// `lmledger infer --json`: a stable contract. Counts are integers with `<key>_formula` beside
// them; times, rates and intensities are floats (12 significant digits).

import type { Count } from '../../ledger/account.js';
import type { InferAccount } from '../../inference/account.js';
import { batchCeiling, rates } from '../../inference/batches.js';
import { formulaPrinter } from '../../print/formula.js';
import { ratio } from '../../print/json.js';
import { VERSION } from '../../version.js';
import { inferenceConventions } from './conventions.js';

export function inferJson(a: InferAccount): Record<string, unknown> {
  const { model } = a.request;
  const fp = formulaPrinter(a.ledger.arch);
  const counted = (key: string, c: Count) => ({ [key]: c.value, [`${key}_formula`]: fp.ascii(c.formula), [`${key}_formula_latex`]: fp.latex(c.formula) });
  return {
    lmledger: VERSION,
    model: {
      name: model.label,
      architecture: model.arch.id,
      options: model.arch.chosen,
      // T is the prompt P here: the formulas never use the model's own sequence length.
      symbols: Object.fromEntries(a.ledger.arch.symbols.filter((s) => s.config !== 'seq_len').map((s) => [s.name, { value: a.values[s.name], config: s.config, meaning: s.meaning }])),
      batch: model.batch,
    },
    conventions: inferenceConventions(a.request),
    dtypes: { weights: a.request.weights.name, kv_cache: a.request.kv.name },
    params: { total: a.params.value, formula: fp.ascii(a.params.formula) },
    ...counted('weights_bytes', a.weightBytes),
    kv_cache: {
      ...counted('bytes_per_token', a.kv.perToken),
      // Sliding-window layers' caches of one sequence (their last W tokens); 0 without such layers.
      window_bytes_per_sequence: a.ledger.kv.window.evaluate(a.values).num,
      ...counted('bytes', a.kv.total),
      tensors: a.ledger.kv.tensors.map((t) => ({ name: t.entry.path, shape: t.entry.dimsText, bytes_per_token: t.bytes.evaluate(a.values).num, formula: fp.ascii(t.bytes) })),
    },
    prefill: {
      ...counted('flops', a.prefill.flops),
      ...counted('bytes', a.prefill.bytes),
      ...(a.prefill.roofline ? { seconds: ratio(a.prefill.roofline.seconds), bound: a.prefill.roofline.bound, intensity: ratio(a.prefill.roofline.intensity) } : {}),
    },
    decode: {
      ...counted('flops', a.decode.flops),
      ...counted('bytes', a.decode.bytes),
      ...counted('flops_per_token', a.decode.flopsPerToken),
      ...counted('flops_per_step', a.decode.flopsPerStep),
      ...counted('bytes_per_step', a.decode.bytesPerStep),
      ...(a.decode.step
        ? {
            seconds_per_step: ratio(a.decode.step.seconds),
            bound: a.decode.step.bound,
            intensity: ratio(a.decode.step.intensity),
            seconds: ratio(a.decode.seconds!),
            tokens_per_second: ratio(a.decode.tokensPerSecond!.total),
            tokens_per_second_per_sequence: ratio(a.decode.tokensPerSecond!.perSequence),
          }
        : {}),
    },
    ...(a.decode.step ? { critical_batch: a.criticalBatch ? a.criticalBatch.batch : null, critical_batch_exact: a.criticalBatch ? ratio(a.criticalBatch.exact) : null, ...ceiling(a) } : {}),
    ...(a.fit
      ? {
          fit: {
            memory_bytes: a.fit.memory.bytes * a.fit.memory.devices,
            memory: a.fit.memory.text,
            devices: a.fit.memory.devices,
            needed_bytes: a.fit.needed,
            fits: a.fit.fits,
            max_batch: a.fit.maxBatch,
            max_context: a.fit.maxContext,
          },
        }
      : {}),
    ...(a.request.peak ? { hardware: { peak_flops_per_device: ratio(a.request.peak.perDevice), peak_from: a.request.peak.from, bandwidth_bytes_per_s_per_device: ratio(a.request.bandwidth!.perDevice), bandwidth_from: a.request.bandwidth!.from, devices: a.request.devices } } : {}),
  };
}

/** What the last step's intensity tends to as B grows, and the longest context at which some batch is compute-bound (null: every context). */
function ceiling(a: InferAccount): Record<string, unknown> {
  const c = batchCeiling(a, rates(a)!);
  return { intensity_limit: ratio(c.limit), critical_context: c.longestContext ?? null };
}
