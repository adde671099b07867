// The write-up of the five accounting questions for one model: (a) parameters and load memory,
// (b) every forward matmul and the total, (c) what costs the most, (d) how shares move across
// model sizes, (e) what a longer context does. Every sentence is generated from the numbers.

import { Poly } from '../algebra/poly.js';
import { batchSymbol, symbolOf } from '../formulas/architecture.js';
import { account, share, type Account } from '../ledger/account.js';
import { rankByFlops } from '../ledger/ranking.js';
import { UserError } from '../errors.js';
import type { ModelSpec } from '../model/spec.js';
import { code, displayMath, heading, math, para, text, type Block, type Doc, type Inline } from '../doc/model.js';
import { digits, exactText, gibibytes, gigabytes, percent, si } from '../print/numbers.js';
import { scale } from '../scaling/scale.js';
import { compareStudy, sweepStudy, type Study } from '../scaling/study.js';
import { flopsFigure, paletteFor, shareFigures, type Palette } from './charts.js';
import { conventionList } from './conventions.js';
import { changeFinding, dominanceSentence, shareSeries, studyFinding } from './findings.js';
import { listing, partPhrase, times, upperFirst } from './prose.js';
import { crossings, crossoverSentence } from './crossover-prose.js';
import { closedFormText, crossingValue } from './crossover-text.js';
import { documentSymbols, SymbolRecorder } from './doc-symbols.js';
import { hasOptions, optionNotes, optionsOf, optionTitlesOf, uncountedNotes } from './option-notes.js';
import { nonMatmulBlocks } from './non-matmul.js';
import type { FormulaPrinter } from '../print/formula.js';
import type { ScaleAnswer } from '../scaling/scale.js';
import { matmulLatex } from './sheet.js';
import { numberDims, productLatex } from '../print/shape.js';
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
  // Every formula goes through one recording printer: the symbol table lists what was printed.
  const names = new SymbolRecorder(model.arch);
  // One colour per component in every chart of the write-up: this model's components first.
  const palette = paletteFor([model, ...req.sizes]);
  const body: Block[] = [
    ...parameters(a, names),
    ...matmuls(a, names),
    ...mostExpensive(a, names),
    ...sizes(req.sizes, model, palette),
    ...context(model, T, req.longT, names, palette),
    heading(2, 'Conventions', 'conventions'),
    { kind: 'list', items: conventionList(model).map((c) => [text(c)]) },
  ];
  return {
    title: `Transformer accounting: ${model.label}`,
    subtitle: `${architectureTitle(model.arch, model.values)} (${model.arch.id})`,
    blocks: [
      ...(model.origin ? [para(text(`${upperFirst(model.origin)}.`))] : []),
      // Never silently partial: the parts of the checkpoint these counts leave out, named.
      ...model.excluded.map((e) => para(text(`Left out of every count here: ${e.part}, ${e.what}.`))),
      heading(2, 'Symbols', 'symbols'),
      names.table(model.values),
      ...body,
    ],
    // Formulas inside sentences are set as math in HTML and LaTeX, from the architectures' LaTeX names.
    symbols: documentSymbols([model.arch, ...req.sizes.map((m) => m.arch)]),
  };
}

function parameters(a: Account, names: SymbolRecorder): Block[] {
  const { model } = a;
  const f = names.printer();
  const fp32 = a.memory.find((m) => m.dtype === 'fp32')!;
  const L = model.values[model.arch.layers]!;
  const whole = a.params.total.value;
  const layerComps = a.components.filter((c) => c.component.scope === 'layer' && c.params.each.value > 0n);
  const onceComps = a.components.filter((c) => c.component.scope === 'model');
  // A component with no parameters of its own says why, from the options that make it so (tied embeddings).
  const why = (c: (typeof a.components)[number]) => {
    if (c.params.total.value !== 0n) return '';
    const titles = optionTitlesOf(model.arch, c.component.id, 'params');
    return titles.length ? ` (${listing(titles)})` : '';
  };
  const each = (c: (typeof a.components)[number], v: bigint) => `${partPhrase({ name: c.component.id, title: c.component.title })} ${digits(v)}${why(c)}`;
  const P = names.quantity('P', { latex: 'P', meaning: 'trainable parameters of the whole model', value: whole });
  const notes = optionNotes(model.arch, 'params', f, model.values);
  const uncounted = uncountedNotes(model.arch, f, model.values);
  const withOptions = hasOptions(model.arch, 'params');
  return [
    heading(2, '(a) Parameters and the memory to load them', 'parameters'),
    para(
      text(
        `${model.label} has ${digits(whole)} trainable parameters. Loading them in fp32 (4 bytes each) takes ${digits(fp32.bytes)} bytes: ` +
          `${gigabytes(fp32.bytes)}, or ${gibibytes(fp32.bytes)}. ` +
          `Each of the ${digits(L)} blocks holds ${digits(a.params.perLayer.value)} = ${f.text(a.params.perLayer.formula)} (${listing(layerComps.map((c) => each(c, c.params.each.value)))}), ` +
          `${digits(a.params.perLayer.value * L)} in all (${percent(share(a.params.perLayer.value * L, whole))}); once per model: ${listing(onceComps.map((c) => each(c, c.params.total.value)))}.`,
      ),
    ),
    displayMath(`${P} = ${f.latex(a.params.total.formula)} = ${digits(whole).replace(/,/g, '{,}')}`),
    {
      kind: 'table',
      caption: `Parameters by component (each = one occurrence; per-layer components occur ${names.mention(model.arch.layers)} times)${withOptions ? '; options: those that change the count' : ''}`,
      columns: [
        { header: [text('component')] },
        { header: [text('formula')] },
        { header: [text('each')], align: 'right' },
        { header: [text('×')], align: 'right' },
        { header: [text('total')], align: 'right' },
        { header: [text('share')], align: 'right' },
        ...(withOptions ? [{ header: [text('options')] }] : []),
      ],
      rows: a.components.map((c) => [
        cell(code(c.component.id)),
        cell(math(f.latex(c.params.each.formula))),
        num(c.params.each.value),
        num(c.occurrences),
        num(c.params.total.value),
        cell(text(percent(share(c.params.total.value, whole), 2))),
        ...(withOptions ? [cell(text(optionsOf(model.arch, c.component.id, 'params').join(', ') || '—'))] : []),
      ]),
    },
    ...(notes.length ? [para(text('What the options away from their defaults do to these counts:')), { kind: 'list' as const, items: notes.map((n) => [text(`${n.text}.`)]) }] : []),
    // Features with no parameters (ALiBi, partial rotary, a logit scale) are stated, not dropped.
    ...(uncounted.length ? [para(text('Options that leave these counts as they are:')), { kind: 'list' as const, items: uncounted.map((n) => [text(`${n.text}.`)]) }] : []),
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

/**
 * "9 kinds of matmul, 57 products": kinds are the table's rows, products count each run (once per
 * head) for one sequence; a batch runs them all B times.
 */
function matmulCount(ms: Account['flops']['matmuls'], batch: bigint, B: string | undefined): string {
  const kinds = ms.length;
  const products = ms.reduce((s, m) => s + m.times, 0n) / batch;
  const all = B ? `, ${digits(products * batch)} for the ${B} = ${digits(batch)} sequences` : '';
  return `${kinds} ${kinds === 1 ? 'kind' : 'kinds'} of matmul, ${digits(products)} ${products === 1n ? 'product' : 'products'}${B ? ' per sequence' : ''}${all}`;
}

function matmuls(a: Account, names: SymbolRecorder): Block[] {
  const { model } = a;
  const f = names.printer();
  const plain = names.printer(null);
  const seq = symbolOf(model.arch, 'seq_len')!;
  const inLayer = a.flops.matmuls.filter((m) => m.component.scope === 'layer');
  const once = a.flops.matmuls.filter((m) => m.component.scope === 'model');
  const L = model.values[model.arch.layers]!;
  const B = batchSymbol(model.arch);
  const T = names.mention(seq.name);
  const over = B ? `${names.mention(B)} = ${digits(model.values[B]!)} sequences of ${T} = ${digits(model.values[T]!)} tokens` : `${T} = ${digits(model.values[T]!)} tokens`;
  // Matmuls that run more than once per layer and sequence (once per head): say so, with the
  // symbol that counts them. A batch's factor B is left out: every matmul runs once per sequence.
  const perSequence = (p: Poly) => (B ? p.div(Poly.symbol(B)) : p);
  const batch = B ? model.values[B]! : 1n;
  const repeated = inLayer.filter((m) => m.times / batch > 1n);
  const byTimes = new Map<string, string[]>();
  for (const m of repeated) {
    const t = plain.text(perSequence(m.matmul.times));
    byTimes.set(t, [...(byTimes.get(t) ?? []), m.matmul.path]);
  }
  const runs = repeated.length
    ? ` (${[...byTimes].map(([t, paths]) => `${listing(paths)} run ${t} = ${digits(repeated.find((m) => m.matmul.path === paths[0])!.times / batch)} times each`).join('; ')})`
    : '';
  const onceCost = once.reduce((s, m) => s + m.total, 0n);
  const C = names.quantity('C', { latex: 'C', meaning: `forward matmul FLOPs of one pass${B ? ` over ${B} sequences` : ''}`, value: a.flops.total.value });
  const notes = optionNotes(model.arch, 'flops', f, model.values);
  return [
    heading(2, '(b) The matrix multiplies of one forward pass', 'matmuls'),
    para(
      text(
        `One forward pass over ${over} costs ${digits(a.flops.total.value)} FLOPs (${si(a.flops.total.value, 'FLOP')}) in matrix multiplies. ` +
          `Each of the ${digits(L)} layers runs ${matmulCount(inLayer, batch, B)}${runs}, costing ${digits(a.flops.perLayer.value)} FLOPs; ` +
          (once.length ? `once per pass, ${listing(once.map((m) => m.matmul.path))} ${once.length === 1 ? 'costs' : 'cost'} ${digits(onceCost)}.` : 'nothing runs once per pass.'),
      ),
    ),
    displayMath(`${C} = ${f.latex(a.flops.total.formula)} = ${digits(a.flops.total.value).replace(/,/g, '{,}')}`),
    {
      kind: 'table',
      caption: 'Every matmul: [m × n] · [n × p] costs 2mnp FLOPs; runs = how many times per layer (or per model)',
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
        // Two groups, so a narrow column may break between them (at the =), never inside one.
        cell(math(matmulLatex(m.matmul, plain)), text(' = '), math(productLatex(numberDims(m.left), numberDims(m.right)))),
        cell(text(`×${digits(m.times)}`)),
        cell(math(f.latex(m.flops.formula))),
        num(m.flops.value),
        cell(text(m.component.scope === 'layer' ? 'layer' : 'model')),
      ]),
    },
    ...(notes.length ? [para(text('What the options away from their defaults do to the matmuls:')), { kind: 'list' as const, items: notes.map((n) => [text(`${n.text}.`)]) }] : []),
    ...nonMatmulBlocks(a, f),
  ];
}

function mostExpensive(a: Account, names: SymbolRecorder): Block[] {
  const f = names.printer();
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

function sizes(models: ModelSpec[], model: ModelSpec, palette: Palette): Block[] {
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
    flopsByModel(study),
    ...shareFigures(study, {
      name: 'shares-by-size',
      across: 'across model sizes',
      label,
      palette,
      marks: study.points.flatMap((p, i) => (p.model === model || p.label === model.label ? [{ point: i, label: 'this model' }] : [])),
    }),
  ];
}

/**
 * Each model's forward FLOPs by component, as the seed lists them (per layer, one layer, all
 * layers, once per pass, total) and in its units (GFLOP, TFLOP): the exact totals are in the
 * table of shares above, so this one stays narrow enough for a page.
 */
function flopsByModel(study: Study): Block {
  const comps = new Map<string, { id: string; scope: 'layer' | 'model' }>();
  for (const p of study.points) for (const c of p.components) comps.set(c.component.id, { id: c.component.id, scope: c.component.scope });
  const layer = [...comps.values()].filter((c) => c.scope === 'layer');
  const once = [...comps.values()].filter((c) => c.scope === 'model');
  const get = (p: Study['points'][number], id: string, k: 'each' | 'total') => {
    const c = p.components.find((x) => x.component.id === id);
    return c ? si(c[k], 'FLOP') : '—';
  };
  return {
    kind: 'table',
    caption: 'Forward matmul FLOPs of each model by component (rounded; the exact totals are in the table above)',
    columns: [
      { header: [text('model')] },
      ...layer.map((c) => ({ header: [code(c.id), text(' per layer')], align: 'right' as const })),
      { header: [text('one layer')], align: 'right' as const },
      { header: [text('all layers')], align: 'right' as const },
      ...once.map((c) => ({ header: [code(c.id)], align: 'right' as const })),
      { header: [text('total')], align: 'right' as const },
    ],
    rows: study.points.map((p) => {
      const L = p.values[p.model.arch.layers]!;
      return [
        cell(text(p.label)),
        ...layer.map((c) => cell(text(get(p, c.id, 'each')))),
        cell(text(si(p.perLayer, 'FLOP'))),
        cell(text(si(p.perLayer * L, 'FLOP'))),
        ...once.map((c) => cell(text(get(p, c.id, 'total')))),
        cell(text(si(p.total, 'FLOP'))),
      ];
    }),
  };
}

function context(model: ModelSpec, T: string, longT: bigint, names: SymbolRecorder, palette: Palette): Block[] {
  const t0 = model.values[T]!;
  if (longT === t0)
    // Only reached when a learned position table caps the default (the CLI never picks T itself otherwise).
    return [
      heading(2, '(e) A longer context', 'context'),
      para(text(`${model.label} already runs at ${T} = ${digits(t0)}, the most its learned position table allows; give --long-context to compare a shorter length.`)),
    ];
  const s = scale(model, { quantity: 'flops', symbol: T, from: t0, to: longT });
  const ch = s.change!;
  const f = names.printer();
  const [lo, hi] = t0 < longT ? [t0, longT] : [longT, t0];
  const steps: bigint[] = [];
  for (let v = lo; v < hi; v *= 2n) steps.push(v);
  steps.push(hi);
  const sweep = sweepStudy(model, s.symbol, steps);
  const label = (i: number) => digits(sweep.points[i]!.values[T]!);
  const range = { from: t0, to: longT };
  const Tl = s.symbol.latex;
  const dC = names.quantity('dC', { latex: `\\frac{\\partial C}{\\partial ${Tl}}`, meaning: `the derivative of C in ${T}: its slope, in FLOPs per token`, value: s.whole.derivativeValue });
  const inc = s.whole.increment;
  // With a batch, T grows in every sequence at once: one more token in each of the B sequences.
  const B = batchSymbol(model.arch);
  const each = B ? ` in each of the ${B} = ${digits(model.values[B]!)} sequences` : '';
  const incLatex = inc ? names.quantity('C+1', { latex: `C(${Tl}+1) - C(${Tl})`, meaning: `the exact cost of one more token${B ? ' in each sequence' : ''}: ${T} + 1 tokens instead of ${T}`, value: inc.value }) : undefined;
  // The derivative and the cost of one more token at both lengths asked.
  const at = (v: bigint) => ({ ...model.values, [T]: v });
  const slope = (v: bigint) => exactText(s.whole.derivative.evaluate(at(v)));
  const oneMore = (v: bigint) => (inc ? exactText(inc.poly.evaluate(at(v))) : undefined);
  const marginal = [t0, longT]
    .map((v) => `at ${T} = ${digits(v)} the derivative is ${slope(v)} FLOPs per token${inc ? ` and one more token costs exactly ${oneMore(v)}` : ''}`)
    .join('; ');
  const marginalLead = each ? `With one more token${each}: ` : '';
  return [
    heading(2, `(e) ${longT > t0 ? 'A longer' : 'A shorter'} context: ${T} = ${digits(t0)} → ${digits(longT)}`, 'context'),
    para(text(changeFinding(s.quantity, ch)), text(' '), text(crossoverSentence(s, range))),
    displayMath(`${dC} &= ${f.latex(s.whole.derivative)}${inc ? ` \\\\ ${incLatex} &= ${f.latex(inc.poly)}` : ''}`),
    para(text(`${marginalLead}${marginalLead ? marginal : upperFirst(marginal)}.`)),
    crossoverTable(s, range, f),
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
    ...shareFigures(sweep, {
      name: 'shares-by-context',
      across: `as ${T} grows`,
      label,
      palette,
      marks: sweep.points.flatMap((p, i) => (p.values[T] === t0 || p.values[T] === longT ? [{ point: i, label: 'asked' }] : [])),
    }),
    flopsFigure(model, T, [t0, longT], s, palette),
  ];
}

/** Every crossover, inside the asked range or not: the sentence above names only those inside. */
function crossoverTable(s: ScaleAnswer, range: { from: bigint; to: bigint }, f: FormulaPrinter): Block {
  const [lo, hi] = range.from < range.to ? [range.from, range.to] : [range.to, range.from];
  const top = s.topTerms;
  return {
    kind: 'table',
    caption: `Where one part overtakes another, solved exactly${top ? ` (${top.name}: ${top.atoms.join(' + ')})` : ''}`,
    columns: [
      { header: [text('where')] },
      { header: [math(`${s.symbol.latex} =`)] },
      { header: [text('value')], align: 'right' },
      { header: [text(`between ${digits(lo)} and ${digits(hi)}`)] },
      { header: [text(`larger above`)] },
    ],
    rows: crossings(s, range).map((k) => {
      const form = k.crossover.closedForm?.kind === 'linear' ? closedFormText(k.crossover, f, 'latex') : undefined;
      return [
        cell(text(`${k.crossover.a} = ${k.crossover.b}`)),
        form ? cell(math(form)) : cell(text('')),
        cell(text(crossingValue(k.value))),
        cell(text(k.inside ? 'yes' : 'no')),
        cell(text(k.winner)),
      ];
    }),
  };
}
