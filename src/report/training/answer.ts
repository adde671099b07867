// The write-up of the AdamW accounting problem (CS336 assignment 1, adamwAccounting) for any
// model: (a) peak memory by part as formulas, (b) its a·B + b instance and the largest batch in
// a memory budget (read both as GB and GiB), (c) the FLOPs of an AdamW step from the update
// rule, (d) the time to train at an MFU; then how each convention moves the answers. Every
// sentence is generated from the training account, so it holds for any model and convention.

import { shapeText } from '../../print/shape.js';
import { Rational } from '../../algebra/rational.js';
import { code, displayMath, heading, math, para, text, type Block, type Doc, type Inline } from '../../doc/model.js';
import { BATCH_SYMBOL } from '../../formulas/architecture.js';
import { ACTIVATION_CONVENTIONS } from '../../formulas/conventions/activations.js';
import { ATTENTION_CONVENTIONS } from '../../formulas/conventions/attention.js';
import { PRECISION_POLICIES } from '../../formulas/training/precision.js';
import { resolveModel } from '../../model/spec.js';
import { formulaPrinter } from '../../print/formula.js';
import { decimal, digits, gibibytes, gigabytes, groupedDecimal, percent, si } from '../../print/numbers.js';
import { trainAccount, type TrainAccount, type TrainRequest } from '../../training/account.js';
import { bytesPerParam, trainingConventions } from './conventions.js';
import { backwardSentence, fitSentence } from './findings.js';

const cell = (...parts: Inline[]): Inline[] => parts;
const num = (n: bigint): Inline[] => [text(digits(n))];
const latexDigits = (n: bigint) => digits(n).replace(/,/g, '{,}');

export function adamwAnswer(req: TrainRequest): Doc {
  const t = trainAccount(req);
  const { model } = req;
  const symbols = t.ledger.arch.symbols.map((s) => `${s.name} = ${digits(t.values[s.name]!)}`).join(', ');
  return {
    title: `Training accounting with ${t.ledger.choice.optimizer.title.split(' (')[0]}: ${model.label}`,
    subtitle: `${model.arch.title} (${model.arch.id}); ${symbols}`,
    blocks: [
      ...memoryParts(t),
      ...batchThatFits(t),
      ...optimizerStep(t),
      ...trainingTime(t),
      ...conventionsMove(t),
      heading(2, 'Conventions', 'conventions'),
      { kind: 'list', items: Object.entries(trainingConventions(req)).map(([k, v]) => [text(`${k}: ${v}`)]) },
    ],
  };
}

function memoryParts(t: TrainAccount): Block[] {
  const L = t.ledger;
  const f = formulaPrinter(L.arch);
  const m = t.memory;
  const bpp = bytesPerParam(L.choice);
  const row = (name: string, formula: string, c: { value: bigint }) => [cell(text(name)), cell(math(formula)), num(c.value), cell(text(gigabytes(c.value))), cell(text(gibibytes(c.value)))];
  const per = (c: { value: bigint }) => `${c.value / t.params.value}N`;
  const B = BATCH_SYMBOL.name;
  return [
    heading(2, '(a) Peak memory by part', 'memory'),
    para(
      text(
        `Under the ${L.choice.precision.name} policy (${L.choice.precision.title}) each parameter costs ${bpp.parts.filter((p) => !p.bytes.isZero()).map((p) => `${p.bytes} bytes of ${p.label}`).join(', ')}: ` +
          `${bpp.total} bytes in all, so the weights, gradients and ${L.choice.optimizer.name} state of the N = ${digits(t.params.value)} parameters take ${digits(m.fixed.value)} bytes (${gigabytes(m.fixed.value)}). ` +
          `The activations kept for the backward pass (${L.choice.activations.name}: ${L.choice.activations.title}) grow with the batch ${B}: ${digits(m.perSequence.value)} bytes per sequence, ` +
          `${percent(Rational.of(m.activations.value, m.peak.value))} of the peak at ${B} = ${digits(t.values[B]!)}` +
          (m.fit && m.fit.maxBatch < t.values[B]! ? `, the batch of (d): ${gigabytes(m.peak.value)} there, more than ${m.fit.budget.text}, so (b) finds the batch that fits.` : '.'),
      ),
    ),
    displayMath(
      [
        `N &= ${f.latex(t.params.formula)}`,
        `M_{\\mathrm{parameters}} &= ${per(m.parameters)}`,
        `M_{\\mathrm{gradients}} &= ${per(m.gradients)}`,
        `M_{\\mathrm{optimizer}} &= ${per(m.optimizer)}`,
        `M_{\\mathrm{activations}} &= ${f.latex(m.activations.formula)}`,
        `M_{\\mathrm{peak}} &= ${per(m.fixed)} + ${f.latex(m.activations.formula)}`,
      ].join(' \\\\ '),
    ),
    {
      kind: 'table',
      caption: `Peak memory at ${B} = ${digits(t.values[B]!)} (bytes; GB = 10⁹, GiB = 2³⁰)`,
      columns: [{ header: [text('part')] }, { header: [text('formula')] }, { header: [text('bytes')], align: 'right' }, { header: [text('GB')], align: 'right' }, { header: [text('GiB')], align: 'right' }],
      rows: [
        row('parameters', per(m.parameters), m.parameters),
        row('gradients', per(m.gradients), m.gradients),
        row('optimizer state', per(m.optimizer), m.optimizer),
        row('activations', f.latex(m.activations.formula), m.activations),
        row('peak', `${per(m.fixed)} + M_{\\mathrm{activations}}`, m.peak),
      ],
    },
    {
      kind: 'table',
      caption: `The activations counted (${L.choice.activations.name}), bytes per occurrence for the batch; per-layer tensors occur L times`,
      columns: [{ header: [text('tensor')] }, { header: [text('shape')] }, { header: [text('bytes/element')], align: 'right' }, { header: [text('formula')] }, { header: [text('bytes')], align: 'right' }, { header: [text('per')] }],
      rows: [...L.activations.kept, ...L.activations.working].map((k) => [
        cell(code(k.activation.path)),
        cell(text(shapeText(k.activation.dimsText))),
        cell(text(k.bytesPerElement.toString())),
        cell(math(f.latex(k.bytes))),
        num(k.bytes.evaluate(t.values).num),
        cell(text(k.component.scope === 'layer' ? (L.activations.working.includes(k) ? 'recomputed layer' : 'layer') : 'model')),
      ]),
    },
  ];
}

function batchThatFits(t: TrainAccount): Block[] {
  const f = formulaPrinter(t.ledger.arch);
  const m = t.memory;
  const B = BATCH_SYMBOL.name;
  const blocks: Block[] = [
    heading(2, `(b) The peak as a·${B} + b, and the largest batch`, 'batch'),
    para(
      text(`For ${t.request.model.label} the peak is a·${B} + b with a = ${digits(m.perSequence.value)} bytes per sequence (${gigabytes(m.perSequence.value)}) and b = ${digits(m.fixed.value)} bytes (${gigabytes(m.fixed.value)}) whatever the batch.`),
      ...(m.fit ? [text(` ${capitalise(fitSentence(t))}.`)] : [text(' Give --memory 80GB (or --hardware) for the largest batch.')]),
    ),
    displayMath(
      [`a &= ${f.latex(m.perSequence.formula)} = ${latexDigits(m.perSequence.value)}`, `b &= ${f.latex(m.fixed.formula)} = ${latexDigits(m.fixed.value)}`, `M_{\\mathrm{peak}} &= ${latexDigits(m.perSequence.value)} \\cdot ${B} + ${latexDigits(m.fixed.value)}`].join(' \\\\ '),
    ),
  ];
  return blocks;
}

function optimizerStep(t: TrainAccount): Block[] {
  const L = t.ledger;
  const o = L.choice.optimizer;
  const f = formulaPrinter(L.arch);
  const overridden = L.choice.optimizerFlopsPerParam !== o.flopsPerParam;
  return [
    heading(2, `(c) The FLOPs of one ${o.name} step`, 'optimizer'),
    para(
      text(
        `The ${o.name} update touches every parameter with ${overridden ? `${L.choice.optimizerFlopsPerParam} FLOPs (given with --optimizer-flops; the update rule below counts ${o.flopsPerParam})` : `the ${o.update.length} elementwise operations below, ${o.flopsPerParam} FLOPs per parameter`}; ` +
          `scalar work done once per step (the bias-corrected step size, β powers) is not per parameter and is left out. ` +
          `So one update costs ${L.choice.optimizerFlopsPerParam}N = ${digits(t.flops.optimizer.value)} FLOPs, ${percent(Rational.of(t.flops.optimizer.value, t.flops.step.value), 4)} of the whole step at ${BATCH_SYMBOL.name} = ${digits(t.values[BATCH_SYMBOL.name]!)}, ` +
          `whose forward and backward passes cost ${digits(t.flops.model.value)} FLOPs (${si(t.flops.model.value, 'FLOP')}).`,
      ),
    ),
    displayMath(`F_{\\mathrm{${o.name}}} = ${L.choice.optimizerFlopsPerParam}N = ${f.latex(t.flops.optimizer.formula)} = ${latexDigits(t.flops.optimizer.value)}`),
    {
      kind: 'table',
      caption: `The ${o.name} update rule (${o.source})`,
      columns: [{ header: [text('operation')] }, { header: [text('FLOPs per parameter')], align: 'right' }, { header: [text('what')] }],
      rows: [...o.update.map((u) => [cell(text(u.op)), cell(text(String(u.flops))), cell(text(u.what))]), [cell(text('total')), cell(text(String(o.flopsPerParam))), cell(text(''))]],
    },
    {
      kind: 'table',
      caption: 'The whole step (FLOPs; backward derived from the matmuls)',
      columns: [{ header: [text('part')] }, { header: [text('formula')] }, { header: [text('FLOPs')], align: 'right' }],
      rows: [
        [cell(text('forward')), cell(math(f.latex(t.flops.forward.formula))), num(t.flops.forward.value)],
        [cell(text('backward')), cell(math(f.latex(t.flops.backward.formula))), num(t.flops.backward.value)],
        ...(L.choice.recompute !== 'none' ? [[cell(text(`recomputation (${L.choice.recompute})`)), cell(math(f.latex(t.flops.recompute.formula))), num(t.flops.recompute.value)]] : []),
        [cell(text(`${o.name} update`)), cell(math(f.latex(t.flops.optimizer.formula))), num(t.flops.optimizer.value)],
        [cell(text('step')), cell(math(f.latex(t.flops.step.formula))), num(t.flops.step.value)],
      ],
    },
    para(text(`${capitalise(backwardSentence(t))}.`)),
  ];
}

function trainingTime(t: TrainAccount): Block[] {
  const B = BATCH_SYMBOL.name;
  if (!t.run || !t.time)
    return [heading(2, '(d) Time to train', 'time'), para(text('Give --steps (or --tokens), a peak (--hardware or --peak) and --mfu for the time to train.'))];
  const r = t.run;
  const s = t.time.seconds;
  const peak = t.request.peak!;
  const devices = t.request.devices;
  const capacity = peak.perDevice.mul(Rational.of(devices)).mul(t.time.mfu);
  const six = t.approximations.find((a) => a.check.approximation.name === '6nd');
  const days = (x: Rational) => groupedDecimal(x.div(Rational.of(86400n)), 1);
  return [
    heading(2, '(d) Time to train', 'time'),
    para(
      text(
        `${digits(r.steps)} steps at ${B} = ${digits(t.values[B]!)} sequences of ${digits(r.tokens / r.steps / t.values[B]!)} tokens cost ${digits(r.model)} model FLOPs (${si(r.model, 'FLOP')}): ` +
          `forward + backward, with backward = ${decimal(Rational.of(t.flops.backward.value, t.flops.forward.value), 3)} × forward as derived. ` +
          `At ${percent(t.time.mfu, 0)} MFU of ${peak.from}${devices > 1n ? ` on ${digits(devices)} devices` : ''} (${si(capacity, 'FLOP/s')} achieved) that is ${groupedDecimal(s, 0)} s = ${groupedDecimal(s.div(Rational.of(3600n)), 1)} hours = ${days(s)} days.` +
          (six?.value ? ` The 6ND estimate (${digits(six.value * r.steps)} FLOPs) would say ${days(s.mul(Rational.of(six.value, t.flops.model.value)))} days: it leaves out attention over the context and counts the embedding lookup as a matmul.` : ''),
      ),
    ),
    displayMath(`t = \\frac{S \\cdot F_{\\mathrm{model}}}{\\mathrm{MFU} \\cdot P_{\\mathrm{peak}}} = \\frac{${latexDigits(r.steps)} \\cdot ${latexDigits(t.flops.model.value)}}{${decimal(t.time.mfu, 2)} \\cdot ${sciLatex(peak.perDevice.mul(Rational.of(devices)))}\\ \\mathrm{FLOP/s}} = ${groupedDecimal(s, 0).replace(/,/g, '{,}')}\\ \\mathrm{s}`),
  ];
}

/** Each convention changed alone, from the chosen one: how (b)'s batch, (c) and (d) move. */
function conventionsMove(t: TrainAccount): Block[] {
  const req = t.request;
  const base = req.choice;
  const rerun = (change: Partial<TrainRequest>) => trainAccount({ ...req, ...change });
  const batch = (x: TrainAccount) => (x.memory.fit ? digits(x.memory.fit.maxBatch) : '—');
  const days = (x: TrainAccount) => (x.time ? groupedDecimal(x.time.seconds.div(Rational.of(86400n)), 1) : '—');
  type Row = { convention: string; choice: string; a: bigint; b: bigint; batch: string; optimizer: bigint; days: string; chosen: boolean };
  const row = (convention: string, choice: string, x: TrainAccount, chosen: boolean): Row => ({
    convention, choice, a: x.memory.perSequence.value, b: x.memory.fixed.value, batch: batch(x), optimizer: x.flops.optimizer.value, days: days(x), chosen,
  });
  const rows: Row[] = [];
  for (const a of ACTIVATION_CONVENTIONS.all())
    rows.push(row('activations', a.name, a.name === base.activations.name ? t : rerun({ choice: { ...base, activations: a } }), a.name === base.activations.name));
  for (const p of PRECISION_POLICIES.all()) {
    const c = { ...base, precision: p };
    rows.push(row('bytes per parameter', `${p.name} (${bytesPerParam(c).total})`, p.name === base.precision.name ? t : rerun({ choice: c }), p.name === base.precision.name));
  }
  if (req.memory?.other) {
    rows.push(row('memory unit', req.memory.text, t, true));
    rows.push(row('memory unit', req.memory.other.text, rerun({ memory: { ...req.memory, bytes: req.memory.other.bytes, text: req.memory.other.text, other: { bytes: req.memory.bytes, text: req.memory.text } } }), false));
  }
  for (const n of [...new Set([base.optimizerFlopsPerParam, 10, 12, 14, 16])].sort((x, y) => x - y))
    rows.push(row('optimizer FLOPs per parameter', String(n), n === base.optimizerFlopsPerParam ? t : rerun({ choice: { ...base, optimizerFlopsPerParam: n } }), n === base.optimizerFlopsPerParam));
  for (const a of ATTENTION_CONVENTIONS.all()) {
    const chosen = a.name === req.model.arch.attention.name;
    rows.push(row('attention', a.name, chosen ? t : rerun({ model: remodel(req, a.name) }), chosen));
  }
  const six = t.approximations.find((a) => a.check.approximation.name === '6nd');
  const sixDays = six?.value && t.time ? groupedDecimal(t.time.seconds.mul(Rational.of(six.value, t.flops.model.value)).div(Rational.of(86400n)), 1) : '—';
  return [
    heading(2, 'How the conventions move the answers', 'conventions-move'),
    para(text('Each row changes one convention from the ones used above (marked ✓) and recomputes a, b, the largest batch, the optimizer FLOPs and the days; public answers to this problem differ mostly along these rows.')),
    {
      kind: 'table',
      columns: [
        { header: [text('convention')] },
        { header: [text('choice')] },
        { header: [text('a (bytes per sequence)')], align: 'right' },
        { header: [text('b (bytes)')], align: 'right' },
        { header: [text('largest batch')], align: 'right' },
        { header: [text('optimizer FLOPs')], align: 'right' },
        { header: [text('days')], align: 'right' },
      ],
      rows: [
        ...rows.map((r) => [cell(text(r.convention)), cell(text(`${r.choice}${r.chosen ? ' ✓' : ''}`)), num(r.a), num(r.b), cell(text(r.batch)), num(r.optimizer), cell(text(r.days))]),
        [cell(text('FLOPs of a step')), cell(text('6ND instead of the exact count')), cell(text('')), cell(text('')), cell(text('')), cell(text('')), cell(text(sixDays))],
      ],
    },
  ];
}

/** The same model under another attention convention. */
function remodel(req: TrainRequest, attention: string) {
  return { ...resolveModel({ ...req.model.request, attention }), label: req.model.label };
}

const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** An exact rational as LaTeX in scientific form: 19.5 \times 10^{12}. */
function sciLatex(r: Rational): string {
  let e = 0;
  let x = r;
  const ten = Rational.of(10n);
  while (x.compare(ten) >= 0) {
    x = x.div(ten);
    e++;
  }
  const mant = decimal(x, 4).replace(/\.?0+$/, '');
  return e === 0 ? mant : `${mant} \\times 10^{${e}}`;
}
