// The formula sheet of an architecture (optionally with a preset's numbers beside the
// formulas): symbols, every component's weights and matmuls with shapes and formulas, totals,
// and the scaling facts (degrees, the derivative in the sequence length, crossovers).

import { layersFlops } from '../ledger/ranking.js';
import { trainingSection } from './training/sheet-section.js';
import { inferenceSection } from './inference/sheet-section.js';
import type { Poly } from '../algebra/poly.js';
import { batchSymbol, symbolOf, type Architecture, type Matmul } from '../formulas/architecture.js';
import { account, share, type Account } from '../ledger/account.js';
import { symbolicLedger } from '../ledger/symbolic.js';
import type { ModelSpec } from '../model/spec.js';
import { code, displayMath, heading, math, para, text, type Block, type Doc, type Inline } from '../doc/model.js';
import type { FormulaPrinter } from '../print/formula.js';
import { digits, exactText, percent } from '../print/numbers.js';
import { derivative, increment } from '../scaling/analysis.js';
import { closedForm } from '../scaling/crossover.js';
import { resolveQuantity } from '../scaling/quantity.js';
import { closedFormText, crossingValue } from './crossover-text.js';
import { productLatex, shapeLatex } from '../print/shape.js';
import { Rational } from '../algebra/rational.js';
import { conventionList } from './conventions.js';
import { totals } from './formulas.js';
import { upperFirst } from './findings.js';
import { documentSymbols, SymbolRecorder } from './doc-symbols.js';
import { optionsOf } from './option-notes.js';
import { architectureTitle } from './describe.js';

type Row = Inline[][];

const cell = (...parts: Inline[]): Inline[] => parts;
const num = (n: bigint): Inline[] => [text(digits(n))];

/** A shape in LaTeX: [T \times \frac{d}{h}], one unbreakable group. */
export function dimsLatex(dims: Poly[], f: FormulaPrinter): string {
  return `{${shapeLatex(dims.map((d) => f.latex(d)))}}`;
}

/** A matmul's operands in LaTeX: {[T \times d] \cdot [d \times f]}. */
export function matmulLatex(m: Pick<Matmul, 'left' | 'right'>, f: FormulaPrinter): string {
  return productLatex(m.left.map((d) => f.latex(d)), m.right.map((d) => f.latex(d)));
}

/** How many times a matmul runs, in LaTeX (1 when once). */
export const runsLatex = (m: Matmul, f: FormulaPrinter) => f.latex(m.times);

export function sheet(arch: Architecture, model?: ModelSpec): Doc {
  const names = new SymbolRecorder(arch);
  const f = names.printer();
  const plain = names.printer(null);
  const a: Account | undefined = model ? account(model) : undefined;
  const blocks: Block[] = [];
  if (model?.origin) blocks.push(para(text(`${upperFirst(model.origin)}.`)));
  for (const e of model?.excluded ?? []) blocks.push(para(text(`Left out of every count here: ${e.part}, ${e.what}.`)));

  blocks.push(heading(2, 'Conventions', 'conventions'));
  blocks.push({ kind: 'list', items: conventionList(model).map((c) => [text(c)]) });

  // The symbol table goes here once the sheet is written: it lists what the sheet printed.
  blocks.push(heading(2, 'Symbols', 'symbols'));
  const symbolsAt = blocks.length;
  const latexOf = (name: string) => arch.symbols.find((s) => s.name === name)?.latex ?? name;
  for (const c of arch.constraints)
    blocks.push(para(math(`${latexOf(names.mention(c.left))} ${c.kind === 'divides' ? '\\mid' : '\\le'} ${latexOf(names.mention(c.right))}`), text(`: ${c.why}.`)));

  blocks.push(heading(2, 'Components', 'components'));
  for (const c of arch.components) {
    const ca = a?.components.find((x) => x.component.id === c.id);
    blocks.push(heading(3, `${c.id}: ${c.title} (${c.scope === 'layer' ? 'per layer, L times' : 'once per model'})`, `component-${c.id}`));
    if (c.note) blocks.push(para(text(`${c.note}.`)));
    if (c.weights.length) {
      blocks.push({
        kind: 'table',
        caption: 'Weights: parameters = product of the dimensions',
        columns: [
          { header: [text('weight')] },
          { header: [text('shape')] },
          { header: [text('parameters')] },
          ...(a ? [{ header: [text('value')], align: 'right' as const }] : []),
          { header: [text('what')] },
        ],
        rows: c.weights.map((w) => [
          cell(code(w.path)),
          cell(math(dimsLatex(w.dims, plain))),
          cell(math(f.latex(w.params))),
          ...(model ? [num(w.params.evaluate(model.values).toBigInt())] : []),
          cell(text(w.what)),
        ]),
      });
    }
    if (c.matmuls.length) {
      blocks.push({
        kind: 'table',
        caption: 'Matmuls: [m × n] · [n × p] costs 2mnp FLOPs, times the runs',
        columns: [
          { header: [text('matmul')] },
          { header: [text('shape')] },
          { header: [text('runs')], align: 'right' as const },
          { header: [text('FLOPs')] },
          ...(a
            ? [
                { header: [text('value')], align: 'right' as const },
                { header: [text('share of all')], align: 'right' as const },
              ]
            : []),
          { header: [text('what')] },
        ],
        rows: c.matmuls.map((m) => {
          const ma = a?.flops.matmuls.find((x) => x.matmul.path === m.path);
          return [
            cell(code(m.path)),
            cell(math(matmulLatex(m, plain))),
            cell(math(runsLatex(m, plain))),
            cell(math(f.latex(m.flops))),
            ...(a && ma ? [num(ma.flops.value), cell(text(percent(share(ma.total, a.flops.total.value))))] : []),
            cell(text(m.what)),
          ];
        }),
      });
    }
    const sums: Inline[] = [text('Per occurrence: parameters '), math(f.latex(c.params))];
    if (ca) sums.push(text(` = ${digits(ca.params.each.value)}`));
    sums.push(text('; matmul FLOPs '), math(f.latex(c.flops)));
    if (ca) sums.push(text(` = ${digits(ca.flops.each.value)}`));
    sums.push(text('.'));
    // The options this component's counts depend on, with this model's (or the default) values.
    const set = [...new Set([...optionsOf(arch, c.id, 'params'), ...optionsOf(arch, c.id, 'flops')])];
    if (set.length) sums.push(text(` Options that change these counts: ${set.join(', ')}.`));
    blocks.push(para(...sums));
    if (c.nonMatmul.length) {
      blocks.push({
        kind: 'table',
        caption: 'Non-matmul work: listed, never added to the matmul totals',
        columns: [
          { header: [text('op')] },
          { header: [text('FLOPs')] },
          ...(a ? [{ header: [text('value')], align: 'right' as const }] : []),
          { header: [text('counted as')] },
        ],
        rows: c.nonMatmul.map((n) => [
          cell(code(n.path)),
          cell(math(f.latex(n.flops))),
          ...(model ? [num(n.flops.evaluate(model.values).toBigInt())] : []),
          cell(text(n.alternativeTo ? `alternative to ${n.alternativeTo}, not summed: ${n.what}` : n.what)),
        ]),
      });
    }
  }

  blocks.push(heading(2, 'Totals', 'totals'));
  const ts = totals(arch);
  for (const t of ts) names.quantity(t.key, { latex: t.latex, meaning: t.meaning, ...(model ? { value: t.poly.evaluate(model.values).toBigInt() } : {}) });
  blocks.push(displayMath(ts.map((t) => `${t.latex} &= ${f.latex(t.poly)}`).join(' \\\\ ')));
  if (a && model) {
    const values = ts.map((t) => t.poly.evaluate(model.values).toBigInt());
    blocks.push({
      kind: 'table',
      columns: [{ header: [text('quantity')] }, { header: [text('value')], align: 'right' }],
      rows: ts.map((t, i) => [cell(text(t.label)), num(values[i]!)]),
    });
    blocks.push({
      kind: 'table',
      caption: 'Shares by component',
      columns: [
        { header: [text('component')] },
        { header: [text('parameters')], align: 'right' },
        { header: [text('share')], align: 'right' },
        { header: [text('forward FLOPs')], align: 'right' },
        { header: [text('share of a layer')], align: 'right' },
        { header: [text('share of all')], align: 'right' },
      ],
      rows: a.components.map((c) => [
        cell(code(c.component.id)),
        num(c.params.total.value),
        cell(text(percent(share(c.params.total.value, a.params.total.value)))),
        num(c.flops.total.value),
        cell(text(c.component.scope === 'layer' && c.flops.each.value ? percent(share(c.flops.total.value, layersFlops(a))) : '—')),
        cell(text(c.flops.total.value ? percent(share(c.flops.total.value, a.flops.total.value)) : '—')),
      ]),
    });
  }

  blocks.push(...scalingFacts(arch, names, model));
  blocks.push(...trainingSection(arch, model));
  trainingSymbols(names, arch, model);
  blocks.push(...inferenceSection(arch, names, model));
  blocks.splice(symbolsAt, 0, names.table(model?.values));
  return {
    title: `Formula sheet: ${arch.id}${model ? ` with ${model.label}` : ''}`,
    subtitle: architectureTitle(arch, model?.values),
    blocks,
    // Formulas inside sentences are set as math in HTML and LaTeX, from the architecture's LaTeX names.
    symbols: documentSymbols([arch]),
  };
}

/** Degrees of the totals in each symbol, the derivative in T and the closed-form crossovers. */
function scalingFacts(arch: Architecture, rec: SymbolRecorder, model?: ModelSpec): Block[] {
  const f = rec.printer();
  const l = symbolicLedger(arch);
  const names = new Set(arch.symbols.map((s) => s.name));
  const blocks: Block[] = [heading(2, 'Scaling', 'scaling')];
  blocks.push({
    kind: 'table',
    caption: 'Polynomial degree of each total in each symbol',
    columns: [{ header: [text('total')] }, ...arch.symbols.map((s) => ({ header: [math(rec.mention(s.name) && s.latex)], align: 'right' as const }))],
    rows: [
      ['parameters', l.params.total],
      ['forward matmul FLOPs', l.flops.total],
    ].map(([label, p]) => [cell(text(label as string)), ...arch.symbols.map((s) => cell(text(String((p as Poly).degree(s.name)))))]),
  });
  const seq = symbolOf(arch, 'seq_len');
  if (!seq) return blocks;
  const T = seq.name;
  const dC = derivative(l.flops.total, T, names);
  // The derivative is the slope; one more token costs C(T+1) − C(T), which differs from it by
  // the T² terms' coefficient. Both are shown, each under its own name.
  const inc = increment(l.flops.total, T)!;
  blocks.push(para(text(`The derivative of the forward FLOPs in ${T} (their slope in ${T}), and the exact cost of one more token, ${T} + 1 tokens instead of ${T}:`)));
  blocks.push(
    displayMath(
      `${rec.quantity('dC', { latex: `\\frac{\\partial C}{\\partial ${seq.latex}}`, meaning: `the derivative of C in ${T}: its slope, in FLOPs per token`, ...(model ? { value: dC.evaluate(model.values) } : {}) })} &= ${f.latex(dC)} \\\\ ` +
        `${rec.quantity('C+1', { latex: `C(${seq.latex}+1) - C(${seq.latex})`, meaning: `the exact cost of one more token: ${T} + 1 tokens instead of ${T}`, ...(model ? { value: inc.evaluate(model.values) } : {}) })} &= ${f.latex(inc)}`,
    ),
  );
  if (model) {
    const [slope, cost] = [dC.evaluate(model.values), inc.evaluate(model.values)];
    const gap = cost.sub(slope);
    blocks.push(
      para(
        text(
          `At ${model.label} (${T} = ${digits(model.values[T]!)}): the derivative is ${exactText(slope)} FLOPs per token; one more token costs ${exactText(cost)} FLOPs` +
            (gap.isZero() ? ', the same (no term is quadratic in ' + T + ').' : `, ${exactText(gap.abs())} ${gap.sign() > 0 ? 'more' : 'less'} (`),
        ),
        ...(gap.isZero() ? [] : [math(f.latex(inc.sub(dC))), text(`, what the slope leaves out).`)]),
      ),
    );
  }

  // Crossovers between components, in closed form; with a model, where they fall.
  const q = resolveQuantity(arch, 'flops');
  const rows: Row[] = [];
  for (let i = 0; i < q.parts.length; i++)
    for (let j = i + 1; j < q.parts.length; j++) {
      const [pa, pb] = [q.parts[i]!, q.parts[j]!];
      const diff = pa.poly.sub(pb.poly);
      const form = closedForm(diff, T);
      if (!form || form.kind !== 'linear') continue;
      const xover = { a: pa.name, b: pb.name, difference: diff, closedForm: form, crossings: [] };
      const at = model ? form.num.evaluate(model.values).div(form.den.evaluate(model.values)) : undefined;
      rows.push([
        cell(code(pa.name), text(' = '), code(pb.name)),
        cell(math(`${seq.latex} = ${closedFormText(xover, f, 'latex')}`)),
        ...(model ? [cell(text(at && at.compare(Rational.ONE) >= 0 ? crossingValue(at) : 'no crossing ≥ 1'))] : []),
      ]);
    }
  if (rows.length)
    blocks.push({
      kind: 'table',
      caption: `Where one component's FLOPs equal another's (linear in ${T} after cancelling)`,
      columns: [{ header: [text('crossover')] }, { header: [text('closed form')] }, ...(model ? [{ header: [text('at this model')], align: 'right' as const }] : [])],
      rows,
    });
  return blocks;
}

/**
 * The names the training section writes (src/report/training/sheet-section.ts: B, N, D and
 * F_model, as the 6ND literature does), added to the symbol table: N is the parameter count the
 * rest of the sheet calls P.
 */
function trainingSymbols(names: SymbolRecorder, arch: Architecture, model?: ModelSpec): void {
  const B = model ? (model.arch.batched ? model.values.B! : 1n) : undefined;
  if (!batchSymbol(arch)) names.quantity('B', { latex: 'B', meaning: 'sequences in a batch (the training and serving sections only)', ...(B !== undefined ? { value: B } : {}) });
  const P = model ? symbolicLedger(arch).params.total.evaluate(model.values).num : undefined;
  names.quantity('N', { latex: 'N', meaning: 'trainable parameters, as the training section writes P (6ND)', ...(P !== undefined ? { value: P } : {}) });
  const seq = symbolOf(arch, 'seq_len');
  names.quantity('D', { latex: 'D', meaning: `tokens in a training step, ${seq ? `B·${seq.name}` : 'B times the sequence length'}`, ...(model && seq && B !== undefined ? { value: B * model.values[seq.name]! } : {}) });
  names.quantity('F_model', { latex: 'F_{\\mathrm{model}}', meaning: 'model FLOPs of a training step: forward and backward matmuls' });
}
