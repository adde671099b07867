// `lmledger train` for a terminal: peak memory by part with its a·B + b form and the batch that
// fits, the kept activations tensor by tensor, the FLOPs of a step (backward derived, optimizer
// from its update rule), the run, its time or measured MFU, and the published approximations.

import { shapeText } from '../../print/shape.js';
import { Rational } from '../../algebra/rational.js';
import { BATCH_SYMBOL } from '../../formulas/architecture.js';
import { formulaPrinter } from '../../print/formula.js';
import { decimal, digits, gibibytes, gigabytes, percent, si } from '../../print/numbers.js';
import { table } from '../../print/table.js';
import type { TrainAccount } from '../../training/account.js';
import type { Count } from '../../ledger/account.js';
import { trainingConventions } from './conventions.js';
import { backwardSentence, daysText, fitSentence, ratioText } from './findings.js';

export function trainText(t: TrainAccount): string {
  const { model } = t.request;
  const L = t.ledger;
  const f = formulaPrinter(L.arch);
  const out: string[] = [];
  const symbols = L.arch.symbols.map((s) => `${s.name} = ${digits(t.values[s.name]!)}`).join('  ');
  out.push(`${model.label}: one training step (architecture ${model.arch.id})`, `  ${symbols}`);
  if (model.arch.variant) out.push(`  options: ${model.arch.variant}`);
  for (const s of model.arch.defaulted) out.push(`  ${s.config} not given: ${s.name} = ${s.defaultText} in every formula`);
  out.push('');

  const m = t.memory;
  const B = BATCH_SYMBOL.name;
  // Weights, gradients and optimizer state are bytes per parameter × N: written so, N given once.
  const N = 'N';
  const perParam = (c: Count) => `${c.value / t.params.value}${N}`;
  const bytesRow = (name: string, formula: string, c: Count) => [name, formula, digits(c.value), gigabytes(c.value), gibibytes(c.value)];
  out.push(`Parameters: ${N} = ${f.text(t.params.formula)} = ${digits(t.params.value)}`);
  out.push(`Peak memory of a step (bytes; ${L.choice.precision.name} precision, ${L.choice.activations.name} activations, ${L.choice.optimizer.name})`);
  out.push(
    table(
      [{ header: 'part' }, { header: 'formula' }, { header: 'bytes', align: 'right' }, { header: 'GB', align: 'right' }, { header: 'GiB', align: 'right' }],
      [
        bytesRow('parameters', perParam(m.parameters), m.parameters),
        bytesRow('gradients', perParam(m.gradients), m.gradients),
        bytesRow('optimizer state', perParam(m.optimizer), m.optimizer),
        bytesRow('activations', f.text(m.activations.formula), m.activations),
        bytesRow('peak', `a·${B} + b`, m.peak),
      ],
    ),
  );
  out.push(`  activations per layer: ${digits(m.activationsPerLayer.value)} = ${f.text(m.activationsPerLayer.formula)}`);
  out.push(`  peak = a·${B} + b = ${digits(m.perSequence.value)}·${B} + ${digits(m.fixed.value)} bytes`);
  out.push(`    a (activations of one sequence) = ${f.text(m.perSequence.formula)}`);
  out.push(`    b (weights, gradients, optimizer state) = ${perParam(m.fixed)} = ${f.text(m.fixed.formula)}`);
  if (m.fit) out.push(`  ${fitSentence(t)}`);
  out.push('');

  const acts = L.activations;
  out.push(`Activations kept for the backward pass (${L.choice.activations.name}; bytes for the whole batch, per occurrence)`);
  const rows = [...acts.kept.map((k) => ({ k, note: '' })), ...acts.working.map((k) => ({ k, note: 'recomputed layer' }))];
  out.push(
    table(
      [{ header: 'tensor' }, { header: 'shape' }, { header: 'B/elem', align: 'right' }, { header: 'per' }, { header: 'formula' }, { header: 'bytes', align: 'right' }, { header: 'note' }],
      rows.map(({ k, note }) => [
        k.activation.path,
        shapeText(k.activation.dimsText),
        k.bytesPerElement.toString(),
        k.component.scope === 'layer' ? 'layer' : 'model',
        f.text(k.bytes),
        digits(k.bytes.evaluate(t.values).num),
        [note, k.split ? '÷ t' : ''].filter(Boolean).join(', '),
      ]),
    ),
  );
  if (acts.dropped.length && L.choice.recompute !== 'none')
    out.push(`  dropped by ${L.choice.recompute} recomputation: ${acts.dropped.map((k) => k.activation.path).join(', ')}`);
  out.push('');

  const fl = t.flops;
  out.push(`FLOPs of one step (${model.arch.attention.title})`);
  const flopRow = (name: string, c: { value: bigint; formula: import('../../algebra/poly.js').Poly }) => [name, f.text(c.formula), digits(c.value), si(c.value, 'FLOP')];
  out.push(
    table(
      [{ header: 'part' }, { header: 'formula' }, { header: 'FLOPs', align: 'right' }, { header: '', align: 'right' }],
      [
        flopRow('forward', fl.forward),
        flopRow('backward', fl.backward),
        ...(L.choice.recompute !== 'none' ? [flopRow(`recompute (${L.choice.recompute})`, fl.recompute)] : []),
        flopRow(`optimizer (${L.choice.optimizer.name})`, fl.optimizer),
        flopRow('step', fl.step),
      ],
    ),
  );
  out.push(`  ${backwardSentence(t)}`);
  out.push(`  model FLOPs (forward + backward): ${digits(fl.model.value)}; hardware FLOPs (+ recomputation): ${digits(fl.hardware.value)}`);
  out.push(`  optimizer: ${L.choice.optimizerFlopsPerParam} FLOPs per parameter × ${digits(t.params.value)} parameters = ${digits(fl.optimizer.value)} (${percent(Rational.of(fl.optimizer.value, fl.step.value), 4)} of the step)`);
  out.push('');

  if (t.run) {
    const r = t.run;
    out.push(`Run: ${digits(r.steps)} steps × ${digits(r.tokens / r.steps)} tokens = ${digits(r.tokens)} tokens${r.stepsFrom === 'tokens' ? ` (the fewest whole steps that see --tokens ${digits(t.request.tokens!)})` : ''}`);
    out.push(`  model FLOPs ${digits(r.model)} (${si(r.model, 'FLOP')}); every FLOP of the steps ${digits(r.step)} (${si(r.step, 'FLOP')})`);
  }
  const peak = t.request.peak;
  if (peak) out.push(`  peak: ${peak.from} × ${digits(t.request.devices)} device${t.request.devices === 1n ? '' : 's'} = ${si(peak.perDevice.mul(Rational.of(t.request.devices)), 'FLOP/s')}`);
  if (t.utilization) {
    const u = t.utilization;
    out.push(`  at ${decimal(u.stepTime, 3)} s per step: MFU ${percent(u.mfu, 2)} (model FLOPs ÷ (time × peak)), HFU ${percent(u.hfu, 2)} (with recomputation)`);
  }
  if (t.time) out.push(`  time: ${daysText(t)}${t.request.devices > 1n ? ' (ideal data parallelism: FLOPs split evenly, communication not counted)' : ''}`);
  else if (t.run && !peak) out.push('  time: give --hardware NAME (or --peak FLOP/s) and --mfu 0.5 (or --step-time s)');
  if (t.run || peak) out.push('');

  out.push('Published approximations of the model FLOPs of a step');
  out.push(
    table(
      [{ header: 'approximation' }, { header: 'FLOPs', align: 'right' }, { header: 'exact ÷ it', align: 'right' }, { header: 'exact − approximation' }],
      t.approximations.map((a) =>
        a.check.unavailable
          ? [a.check.approximation.title, '—', '—', a.check.unavailable]
          : [a.check.approximation.title, a.value !== undefined ? digits(a.value) : '—', a.value ? ratioText(fl.model.value, a.value) : '—', f.text(a.check.difference!)],
      ),
    ),
  );
  const six = t.approximations.find((a) => a.gaps);
  if (six?.gaps?.length)
    out.push(`  ${six.check.approximation.title} by component (exact − approximation): ${six.gaps.map((g) => `${g.gap.component.id} ${f.text(g.gap.gap)}`).join('; ')}`);
  out.push('');

  out.push('Conventions');
  for (const [k, v] of Object.entries(trainingConventions(t.request))) out.push(`  ${k}: ${v}`);
  return out.join('\n');
}
