// The write-up of the five accounting questions for one model: (a) parameters and load memory,
// (b) every forward matmul and the total, (c) what costs the most, (d) how shares move across
// model sizes, (e) what a longer context does. Every sentence is generated from the numbers.

import { stackedShares, lineChart } from '../chart/svg.js';
import { batchSymbol, symbolOf } from '../formulas/architecture.js';
import { account, share, type Account } from '../ledger/account.js';
import { rankByFlops } from '../ledger/ranking.js';
import { UserError } from '../errors.js';
import type { ModelSpec } from '../model/spec.js';
import { code, displayMath, heading, math, para, text, type Block, type Doc, type Inline } from '../doc/model.js';
import { formulaPrinter } from '../print/formula.js';
import { digits, gibibytes, gigabytes, percent, si } from '../print/numbers.js';
import { scale } from '../scaling/scale.js';
import { compareStudy, studyPoint, sweepStudy, type Study } from '../scaling/study.js';
import { conventionList } from './conventions.js';
import { changeFinding, crossoverSentence, dominanceSentence, listing, lowerFirst, shareSeries, studyFinding, times, upperFirst } from './findings.js';
import { shapeLatex } from './sheet.js';
import { architectureTitle } from './describe.js';

export interface AnswerRequest {
  model: ModelSpec;
  /** Models for question (d), smallest first; the model itself should be among them. */
  sizes: ModelSpec[];
  /** The longer sequence length for question (e). */
  longT: bigint;
}

const cell = (...parts: Inline[]): Inline[] => parts;
const num = (n: bigint): Inline[] => [text(digits(n))];

export function answer(req: AnswerRequest): Doc {
  const { model } = req;
  const a = account(model);
  const seq = symbolOf(model.arch, 'seq_len');
  if (!seq) throw new UserError(`answer: architecture ${model.arch.id} has no symbol read from seq_len, so questions (b)–(e) cannot be asked of it`);
  const T = seq.name;
  const symbols = model.arch.symbols.map((s) => `${s.name} = ${digits(model.values[s.name]!)}`).join(', ');
  return {
    title: `Transformer accounting: ${model.label}`,
    subtitle: `${architectureTitle(model.arch, model.values)} (${model.arch.id}); ${symbols}`,
    blocks: [
      ...(model.origin ? [para(text(`${upperFirst(model.origin)}.`))] : []),
      ...parameters(a),
      ...matmuls(a),
      ...mostExpensive(a),
      ...sizes(req.sizes),
      ...context(model, T, req.longT),
      heading(2, 'Conventions', 'conventions'),
      { kind: 'list', items: conventionList(model).map((c) => [text(c)]) },
    ],
  };
}

function parameters(a: Account): Block[] {
  const { model } = a;
  const f = formulaPrinter(model.arch);
  const fp32 = a.memory.find((m) => m.dtype === 'fp32')!;
  const L = model.values[model.arch.layers]!;
  const layerParams = a.components.filter((c) => c.component.scope === 'layer').reduce((s, c) => s + c.params.total.value, 0n);
  const once = a.components.filter((c) => c.component.scope === 'model' && c.params.total.value > 0n);
  const whole = a.params.total.value;
  const onceText = once.map((c) => `the ${lowerFirst(c.component.title)} ${digits(c.params.total.value)} (${percent(share(c.params.total.value, whole))})`);
  return [
    heading(2, '(a) Parameters and the memory to load them', 'parameters'),
    para(
      text(
        `${model.label} has ${digits(whole)} trainable parameters. Loading them in fp32 (4 bytes each) takes ${digits(fp32.bytes)} bytes: ` +
          `${gigabytes(fp32.bytes)}, or ${gibibytes(fp32.bytes)}. The ${digits(L)} layers hold ${digits(layerParams)} (${percent(share(layerParams, whole))})` +
          (onceText.length ? `; ${listing(onceText)}.` : '.'),
      ),
    ),
    displayMath(`P = ${f.latex(a.params.total.formula)} = ${digits(whole).replace(/,/g, '{,}')}`),
    {
      kind: 'table',
      caption: 'Parameters by component (each = one occurrence; per-layer components occur L times)',
      columns: [
        { header: [text('component')] },
        { header: [text('formula')] },
        { header: [text('each')], align: 'right' },
        { header: [text('×')], align: 'right' },
        { header: [text('total')], align: 'right' },
        { header: [text('share')], align: 'right' },
      ],
      rows: a.components.map((c) => [
        cell(code(c.component.id)),
        cell(math(f.latex(c.params.each.formula))),
        num(c.params.each.value),
        num(c.occurrences),
        num(c.params.total.value),
        cell(text(percent(share(c.params.total.value, whole), 2))),
      ]),
    },
    {
      kind: 'table',
      caption: 'Memory for the weights alone (GB = 10⁹ bytes, GiB = 2³⁰ bytes)',
      columns: [
        { header: [text('dtype')] },
        { header: [text('bytes per parameter')], align: 'right' },
        { header: [text('bytes')], align: 'right' },
        { header: [text('GB')], align: 'right' },
        { header: [text('GiB')], align: 'right' },
      ],
      rows: a.memory.map((m) => [cell(code(m.dtype)), cell(text(m.bytesPerParam.toString())), num(m.bytes), cell(text(gigabytes(m.bytes))), cell(text(gibibytes(m.bytes)))]),
    },
  ];
}

function matmuls(a: Account): Block[] {
  const { model } = a;
  const f = formulaPrinter(model.arch);
  const plain = formulaPrinter(model.arch, null);
  const seq = symbolOf(model.arch, 'seq_len')!;
  const perLayer = a.flops.matmuls.filter((m) => m.component.scope === 'layer').length;
  const perModel = a.flops.matmuls.length - perLayer;
  const L = model.values[model.arch.layers]!;
  const B = batchSymbol(model.arch);
  const batch = B ? ` for each of the ${B} = ${digits(model.values[B]!)} sequences` : '';
  return [
    heading(2, '(b) The matrix multiplies of one forward pass', 'matmuls'),
    para(
      text(
        `One forward pass over ${seq.name} = ${digits(model.values[seq.name]!)} tokens${batch} runs ${perLayer} matrix multiplies in each of the ${digits(L)} layers` +
          `${perModel ? ` and ${perModel} once` : ''}, costing ${digits(a.flops.total.value)} FLOPs (${si(a.flops.total.value, 'FLOP')}) in all; ` +
          `one layer costs ${digits(a.flops.perLayer.value)}. Non-matmul work (${listing([...new Set(a.nonMatmul.ops.filter((o) => !o.op.alternativeTo).map((o) => o.op.id))])}) would add ` +
          `${digits(a.nonMatmul.total.value)} FLOPs (${percent(share(a.nonMatmul.total.value, a.flops.total.value), 2)} of that); it is listed in the formula sheet, not counted here.`,
      ),
    ),
    displayMath(`C = ${f.latex(a.flops.total.formula)} = ${digits(a.flops.total.value).replace(/,/g, '{,}')}`),
    {
      kind: 'table',
      caption: 'Every matmul: [m, n]·[n, p] costs 2mnp FLOPs; runs = how many times per layer (or per model)',
      columns: [
        { header: [text('matmul')] },
        { header: [text('shape')] },
        { header: [text('runs')], align: 'right' },
        { header: [text('formula')] },
        { header: [text('FLOPs')], align: 'right' },
        { header: [text('per')] },
      ],
      rows: a.flops.matmuls.map((m) => [
        cell(code(m.matmul.path)),
        cell(math(`${shapeLatex(m.matmul.left, plain)} \\cdot ${shapeLatex(m.matmul.right, plain)}`), text(` = [${digits(m.left[0])}, ${digits(m.left[1])}]·[${digits(m.right[0])}, ${digits(m.right[1])}]`)),
        cell(text(`×${digits(m.times)}`)),
        cell(math(f.latex(m.flops.formula))),
        num(m.flops.value),
        cell(text(m.component.scope === 'layer' ? 'layer' : 'model')),
      ]),
    },
  ];
}

function mostExpensive(a: Account): Block[] {
  const f = formulaPrinter(a.model.arch);
  const ranked = rankByFlops(a);
  return [
    heading(2, '(c) What costs the most', 'most-expensive'),
    para(text(dominanceSentence(a))),
    {
      kind: 'table',
      columns: [
        { header: [text('component')] },
        { header: [text('formula (whole pass)')] },
        { header: [text('per layer')], align: 'right' },
        { header: [text('of a layer')], align: 'right' },
        { header: [text('whole pass')], align: 'right' },
        { header: [text('of the whole')], align: 'right' },
      ],
      rows: ranked.map((r) => [
        cell(code(r.account.component.id)),
        cell(math(f.latex(r.account.flops.total.formula))),
        cell(text(r.layerShare ? digits(r.account.flops.each.value) : '—')),
        cell(text(r.layerShare ? percent(r.layerShare) : '—')),
        num(r.account.flops.total.value),
        cell(text(percent(r.share))),
      ]),
    },
  ];
}

/** Stacked shares of the whole pass by component, one bar per point of a study. */
function sharesChart(study: Study, title: string, label: (i: number) => string): string {
  const ids = [...new Set(study.points.flatMap((p) => p.components.map((c) => c.component.id)))];
  return stackedShares({
    title,
    categories: study.points.map((_, i) => label(i)),
    series: ids.map((id) => ({
      name: id,
      // Exact shares, so that totals beyond a double's range still draw.
      values: study.points.map((p) => share(p.components.find((c) => c.component.id === id)?.total ?? 0n, p.total).toNumber()),
    })),
    yLabel: 'share of forward FLOPs',
  });
}

/** One row per point (model or sequence length): each share series and the total. */
function studyTable(study: Study, header: string, label: (i: number) => string): Block {
  const series = shareSeries(study);
  return {
    kind: 'table',
    columns: [
      { header: [text(header)] },
      ...series.map((s) => ({ header: [code(s.id), text(` of ${s.of}`)], align: 'right' as const })),
      { header: [text('forward FLOPs')], align: 'right' as const },
    ],
    rows: study.points.map((p, i) => [cell(text(label(i))), ...series.map((s) => cell(text(percent(s.shares[i]!)))), num(p.total)]),
  };
}

function sizes(models: ModelSpec[]): Block[] {
  if (models.length < 2)
    return [
      heading(2, '(d) Across model sizes', 'sizes'),
      para(text('No other sizes to compare with: this model is not part of a preset family. Give them with --sizes preset,preset,….')),
    ];
  const study = compareStudy(models);
  const label = (i: number) => study.points[i]!.label;
  return [
    heading(2, '(d) Across model sizes', 'sizes'),
    para(text(studyFinding(study))),
    studyTable(study, 'model', label),
    { kind: 'figure', name: 'shares-by-size', svg: sharesChart(study, 'Share of forward FLOPs by component, across model sizes', label), caption: 'Share of the forward matmul FLOPs by component, across model sizes.' },
  ];
}

function context(model: ModelSpec, T: string, longT: bigint): Block[] {
  const t0 = model.values[T]!;
  if (longT === t0)
    // Only reached when a learned position table caps the default (the CLI never picks T itself otherwise).
    return [
      heading(2, '(e) A longer context', 'context'),
      para(text(`${model.label} already runs at ${T} = ${digits(t0)}, the most its learned position table allows; give --long-context to compare a shorter length.`)),
    ];
  const s = scale(model, { quantity: 'flops', symbol: T, from: t0, to: longT });
  const ch = s.change!;
  const f = formulaPrinter(model.arch);
  const [lo, hi] = t0 < longT ? [t0, longT] : [longT, t0];
  const steps: bigint[] = [];
  for (let v = lo; v < hi; v *= 2n) steps.push(v);
  steps.push(hi);
  const sweep = sweepStudy(model, s.symbol, steps);
  const label = (i: number) => digits(sweep.points[i]!.values[T]!);
  return [
    heading(2, `(e) ${longT > t0 ? 'A longer' : 'A shorter'} context: ${T} = ${digits(t0)} → ${digits(longT)}`, 'context'),
    para(text(changeFinding(s.quantity, ch)), text(' '), text(crossoverSentence(s))),
    displayMath(`\\frac{\\partial C}{\\partial ${T}} = ${f.latex(s.whole.derivative)}`),
    {
      kind: 'table',
      columns: [
        { header: [text('part')] },
        { header: [text(`degree in ${T}`)], align: 'right' },
        { header: [text('factor')], align: 'right' },
        { header: [text('share of the whole')], align: 'right' },
        { header: [text('share of a layer')], align: 'right' },
      ],
      rows: [...ch.parts, ...ch.atoms].map((p) => [
        cell(code(p.part.name)),
        cell(text(String(p.degree))),
        cell(text(p.factor ? times(p.factor) : '—')),
        cell(text(`${percent(p.share.from)} → ${percent(p.share.to)}`)),
        cell(text(p.layerShare ? `${percent(p.layerShare.from)} → ${percent(p.layerShare.to)}` : '—')),
      ]),
    },
    studyTable(sweep, T, label),
    { kind: 'figure', name: 'shares-by-context', svg: sharesChart(sweep, `Share of forward FLOPs by component, across ${T}`, label), caption: `Share of the forward matmul FLOPs by component as ${T} grows.` },
    flopsFigure(model, T, lo, hi, s),
  ];
}

/** FLOPs of each component and the total against T (log-log), crossovers marked. */
function flopsFigure(model: ModelSpec, T: string, lo: bigint, hi: bigint, s: ReturnType<typeof scale>): Block {
  const from = lo / 8n > 0n ? lo / 8n : 1n;
  const points: bigint[] = [];
  for (let k = 0; k <= 48; k++) points.push(BigInt(Math.round(Number(from) * (Number(hi * 4n) / Number(from)) ** (k / 48))));
  const values = [...new Set(points)].filter((v) => v >= 1n);
  const pts = values.map((v) => studyPoint('', model, { ...model.values, [T]: v }));
  const ids = pts[0]!.components.map((c) => c.component.id);
  // Mark where components cross, and where the top-degree terms overtake all the others.
  const parts = new Set(s.quantity.parts.map((p) => p.name));
  const markers = s.crossovers
    .filter((c) => c.crossings.length && ((parts.has(c.a) && parts.has(c.b)) || c.b.startsWith('all lower-degree')))
    .flatMap((c) => c.crossings.map((k) => ({ x: typeof k.value === 'number' ? k.value : k.value.toNumber(), label: `${c.a} = ${c.b}` })))
    .filter((m) => m.x >= Number(from) && m.x <= Number(hi * 4n));
  const series = [
    { name: 'total', points: pts.map((p, i) => [Number(values[i]!), Number(p.total)] as [number, number]) },
    ...ids.map((id) => ({
      name: id,
      points: pts.map((p, i) => [Number(values[i]!), Number(p.components.find((c) => c.component.id === id)!.total)] as [number, number]),
    })),
  ];
  // Log axes need positive finite values; a model beyond a double's range gets a note instead.
  if (series.some((l) => l.points.some(([x, y]) => !(Number.isFinite(x) && Number.isFinite(y) && x > 0 && y > 0))))
    return para(text(`(The chart of FLOPs against ${T} is left out: its values are beyond what a chart can draw.)`));
  const svg = lineChart({
    title: `Forward matmul FLOPs against ${T} (${model.label})`,
    xLabel: T,
    yLabel: 'FLOPs',
    logX: true,
    logY: true,
    series,
    markers,
  });
  return { kind: 'figure', name: 'flops-vs-context', svg, caption: `Forward matmul FLOPs against ${T} on log axes, with the crossovers marked.` };
}
