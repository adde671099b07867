// `lmledger train --json`: a stable contract. Counts are JSON integers in full digits; each has
// its formula beside it as `<key>_formula` (mathjs-parsable) and `<key>_formula_latex`.

import type { Poly } from '../../algebra/poly.js';
import { Rational } from '../../algebra/rational.js';
import type { Count } from '../../ledger/account.js';
import { formulaPrinter } from '../../print/formula.js';
import { ratio } from '../../print/json.js';
import type { TrainAccount } from '../../training/account.js';
import { VERSION } from '../../version.js';
import { bytesPerParam, trainingConventions } from './conventions.js';

const R3600 = Rational.of(3600n);
const R86400 = Rational.of(86400n);
const ratioOf = (a: bigint, b: bigint) => Rational.of(a, b);

export function trainJson(t: TrainAccount): Record<string, unknown> {
  const { model } = t.request;
  const L = t.ledger;
  const fp = formulaPrinter(L.arch);
  const withFormula = (key: string, c: Count) => ({ [key]: c.value, [`${key}_formula`]: fp.ascii(c.formula), [`${key}_formula_latex`]: fp.latex(c.formula) });
  const counted = (p: Poly) => ({ value: p.evaluate(t.values).num, formula: fp.ascii(p), formula_latex: fp.latex(p) });
  const real = (r: Rational) => ratio(r);
  const m = t.memory;
  const fl = t.flops;
  const bpp = bytesPerParam(L.choice);
  return {
    lmledger: VERSION,
    model: {
      name: model.label,
      architecture: model.arch.id,
      options: model.arch.chosen,
      symbols: Object.fromEntries(L.arch.symbols.map((s) => [s.name, { value: t.values[s.name], config: s.config, meaning: s.meaning }])),
      batch: model.batch,
    },
    conventions: {
      ...trainingConventions(t.request),
      names: {
        activations: L.choice.activations.name,
        precision: L.choice.precision.name,
        optimizer: L.choice.optimizer.name,
        recompute: L.choice.recompute,
        attention: model.arch.attention.name,
        ...(L.choice.tensorParallel !== undefined ? { tensor_parallel: L.choice.tensorParallel, sequence_parallel: L.choice.sequenceParallel } : {}),
      },
      bytes_per_param: { ...Object.fromEntries(bpp.parts.map((x) => [x.key, real(x.bytes)])), total: real(bpp.total) },
    },
    params: { total: t.params.value, formula: fp.ascii(t.params.formula), formula_latex: fp.latex(t.params.formula) },
    memory: {
      ...withFormula('parameters_bytes', m.parameters),
      ...withFormula('gradients_bytes', m.gradients),
      ...withFormula('optimizer_bytes', m.optimizer),
      ...withFormula('activations_bytes', m.activations),
      ...withFormula('activations_per_layer_bytes', m.activationsPerLayer),
      ...withFormula('peak_bytes', m.peak),
      ...withFormula('per_sequence_bytes', m.perSequence),
      ...withFormula('fixed_bytes', m.fixed),
      ...(m.fit
        ? {
            budget: { text: m.fit.budget.text, bytes: m.fit.budget.bytes, from: m.fit.budget.from },
            max_batch: m.fit.maxBatch,
            ...(m.fit.peakAtMax !== undefined ? { peak_at_max_batch_bytes: m.fit.peakAtMax } : {}),
            ...(m.fit.other ? { other_reading: { text: m.fit.other.text, bytes: m.fit.budget.other!.bytes, max_batch: m.fit.other.maxBatch } } : {}),
          }
        : {}),
      activations: {
        kept: L.activations.kept.map((k) => ({
          name: k.activation.path,
          what: k.activation.what,
          shape: k.activation.dimsText,
          scope: k.component.scope,
          bytes_per_element: real(k.bytesPerElement),
          split_by_tensor_parallel: k.split,
          bytes: counted(k.bytes),
        })),
        recomputed_layer: L.activations.working.map((k) => ({ name: k.activation.path, bytes: counted(k.bytes) })),
        dropped: L.activations.dropped.map((k) => k.activation.path),
      },
    },
    flops: {
      ...withFormula('forward', fl.forward),
      ...withFormula('backward', fl.backward),
      ...withFormula('recompute', fl.recompute),
      ...withFormula('optimizer', fl.optimizer),
      ...withFormula('model', fl.model),
      ...withFormula('hardware', fl.hardware),
      ...withFormula('step', fl.step),
      optimizer_flops_per_param: L.choice.optimizerFlopsPerParam,
      backward_products: L.flops.backwardProducts.map((p) => ({
        matmul: p.matmul.path,
        gradient_of: p.name,
        shape: [p.left.map((d) => fp.ascii(d)), p.right.map((d) => fp.ascii(d))],
        each: counted(p.flops),
      })),
      backward_exceptions: L.flops.exceptions.map((x) => ({ matmul: x.path, no_grad: x.noGrad })),
      recomputed: L.flops.recomputed.map((r) => r.matmul.path),
      ...(t.run ? { steps: t.run.steps, tokens: t.run.tokens, total: t.run.model, total_with_recompute_and_optimizer: t.run.step } : {}),
      approximations: Object.fromEntries(
        t.approximations.map((a) => [
          a.check.approximation.name,
          a.check.unavailable
            ? { title: a.check.approximation.title, unavailable: a.check.unavailable }
            : {
                title: a.check.approximation.title,
                source: a.check.approximation.source,
                ...(a.value !== undefined ? { value: a.value } : {}),
                formula: fp.ascii(a.check.poly!),
                difference_formula: fp.ascii(a.check.difference!),
                ...(a.difference !== undefined ? { difference: a.difference } : {}),
                ...(a.value ? { exact_over_approximation: real(ratioOf(fl.model.value, a.value)) } : {}),
              },
        ]),
      ),
    },
    ...(t.request.peak
      ? { hardware: { peak_flops_per_device: real(t.request.peak.perDevice), from: t.request.peak.from, devices: t.request.devices, ...(t.request.hardware ? { name: t.request.hardware.name } : {}) } }
      : {}),
    ...(t.time ? { time: { seconds: real(t.time.seconds), hours: real(t.time.seconds.div(R3600)), days: real(t.time.seconds.div(R86400)), basis: t.time.basis, mfu: real(t.time.mfu) } } : {}),
    ...(t.utilization ? { mfu: real(t.utilization.mfu), hfu: real(t.utilization.hfu) } : {}),
  };
}
