// Views of an architecture's symbolic ledger (no numbers): text, a LaTeX align* block, JSON.

import type { Poly } from '../algebra/poly.js';
import type { Architecture, Component, Matmul } from '../formulas/architecture.js';
import { symbolicLedger } from '../ledger/symbolic.js';
import { formulaPrinter } from '../print/formula.js';
import { table } from '../print/table.js';
import { architectureTitle } from './describe.js';
import { productText, shapeText } from '../print/shape.js';

/** How parameters are counted; and how FLOPs are (the two are stated apart, so neither labels the other). */
const PARAMS_CONVENTION = "the product of each weight's dimensions";
const flopsConvention = (arch: Architecture) =>
  `2·m·n·p per [m × n] · [n × p] (a multiply-add is 2 FLOPs), one forward pass over one sequence of T tokens, ${arch.attention.title}, matrix multiplies only in the totals`;

export const formulaConventions = (arch: Architecture) => `parameters: ${PARAMS_CONVENTION}; FLOPs: ${flopsConvention(arch)}`;

export const matmulShapeText = (m: Matmul) => `${productText(m.leftText, m.rightText)}${m.timesText === '1' ? '' : `, ${m.timesText} runs`}`;

const scopeText = (c: Component) => (c.scope === 'layer' ? 'per layer' : 'once per model');

export function formulasText(arch: Architecture): string {
  const f = formulaPrinter(arch);
  const out: string[] = [`${arch.id}: ${architectureTitle(arch)}`];
  if (arch.source) out.push(`source: ${arch.source}`);
  out.push(`conventions: ${formulaConventions(arch)}`, '', 'Symbols');
  out.push(table([{ header: 'symbol' }, { header: 'config' }, { header: 'meaning' }], arch.symbols.map((s) => [s.name, s.config, s.meaning])));
  for (const c of arch.constraints) out.push(`  ${c.left} ${c.kind === 'divides' ? 'divides' : '≤'} ${c.right}: ${c.why}`);

  for (const c of arch.components) {
    out.push('', `${c.id}: ${c.title} (${scopeText(c)})`);
    if (c.weights.length) {
      out.push(
        table(
          [{ header: 'weight' }, { header: 'shape' }, { header: 'params' }, { header: 'what' }],
          c.weights.map((w) => [w.path, shapeText(w.dimsText), f.text(w.params), w.what]),
        ),
      );
    }
    if (c.matmuls.length) {
      out.push(
        table(
          [{ header: 'matmul' }, { header: 'shape' }, { header: 'FLOPs' }, { header: 'what' }],
          c.matmuls.map((m) => [m.path, matmulShapeText(m), f.text(m.flops), m.what]),
        ),
      );
    }
    if (c.note) out.push(`  note: ${c.note}`);
    out.push(`  params: ${f.text(c.params)}    matmul FLOPs: ${f.text(c.flops)}`);
    if (c.nonMatmul.length) {
      out.push('  non-matmul work (not in the totals):');
      out.push(
        table(
          [{ header: 'op' }, { header: 'FLOPs' }, { header: 'what' }],
          c.nonMatmul.map((n) => [n.path, f.text(n.flops), n.alternativeTo ? `[alternative to ${n.alternativeTo}, not summed] ${n.what}` : n.what]),
          '    ',
        ),
      );
    }
  }
  out.push('', 'Totals');
  out.push(
    table(
      [{ header: 'quantity' }, { header: 'formula' }],
      totals(arch).map((t) => [t.label, f.text(t.poly)]),
    ),
  );
  return out.join('\n');
}

export interface Total {
  key: string;
  /** FLOP totals count the whole batch; parameters do not depend on it. */
  kind: 'params' | 'flops';
  label: string;
  /** What its symbol means, for symbol tables. */
  meaning: string;
  poly: Poly;
  /** Its symbol in LaTeX views. */
  latex: string;
}

/** The totals every view shows, in order. */
export function totals(arch: Architecture): Total[] {
  const l = symbolicLedger(arch);
  return [
    { key: 'params_per_layer', kind: 'params', label: 'params per layer', meaning: 'trainable parameters of one layer', poly: l.params.perLayer, latex: 'P_{\\text{layer}}' },
    { key: 'params', kind: 'params', label: 'params', meaning: 'trainable parameters of the whole model', poly: l.params.total, latex: 'P' },
    { key: 'forward_flops_per_layer', kind: 'flops', label: 'forward FLOPs per layer', meaning: 'forward matmul FLOPs of one layer', poly: l.flops.perLayer, latex: 'C_{\\text{layer}}' },
    { key: 'forward_flops', kind: 'flops', label: 'forward FLOPs', meaning: 'forward matmul FLOPs of one pass', poly: l.flops.total, latex: 'C' },
    { key: 'non_matmul_flops', kind: 'flops', label: 'non-matmul FLOPs (not in the totals)', meaning: 'non-matmul FLOPs of one pass, listed apart and not part of C', poly: l.nonMatmulFlops.total, latex: 'C_{\\text{other}}' },
  ];
}

export function formulasLatex(arch: Architecture): string {
  const f = formulaPrinter(arch);
  const tt = (s: string) => `\\texttt{${s.replace(/_/g, '\\_')}}`;
  const lines: string[] = [];
  for (const c of arch.components) {
    if (!c.params.isZero()) lines.push(`P_{${tt(c.id)}} &= ${f.latex(c.params)}`);
    for (const m of c.matmuls) lines.push(`C_{${tt(m.path)}} &= ${f.latex(m.flops)}`);
  }
  for (const t of totals(arch)) lines.push(`${t.latex} &= ${f.latex(t.poly)}`);
  return [
    `% ${arch.id}: ${architectureTitle(arch)}`,
    `% P: parameters, ${PARAMS_CONVENTION} (P_component: one occurrence; per-layer components occur L times).`,
    `% C: forward matmul FLOPs, ${flopsConvention(arch)} (C_matmul: one occurrence).`,
    '% C_other: the non-matmul FLOPs (norms, softmax, activations, …), listed apart and not part of C.',
    '\\begin{align*}',
    lines.join(' \\\\\n'),
    '\\end{align*}',
  ].join('\n');
}

export function formulasJson(arch: Architecture): Record<string, unknown> {
  const f = formulaPrinter(arch);
  const formula = (p: Poly) => ({ formula: f.ascii(p), formula_latex: f.latex(p) });
  return {
    architecture: arch.id,
    title: architectureTitle(arch),
    source: arch.source,
    conventions: formulaConventions(arch),
    symbols: arch.symbols.map((s) => ({ symbol: s.name, config: s.config, meaning: s.meaning, latex: s.latex })),
    constraints: arch.constraints.map((c) => ({ [c.kind]: c.left, of: c.right, why: c.why })),
    components: arch.components.map((c) => ({
      name: c.id,
      title: c.title,
      scope: c.scope,
      params: formula(c.params),
      flops: formula(c.flops),
      weights: c.weights.map((w) => ({ name: w.path, shape: w.dimsText, what: w.what, params: formula(w.params) })),
      matmuls: c.matmuls.map((m) => ({
        name: m.path,
        shape: [m.leftText, m.rightText],
        times: m.timesText,
        what: m.what,
        flops: formula(m.flops),
      })),
      non_matmul: c.nonMatmul.map((n) => ({
        name: n.path,
        what: n.what,
        ...(n.alternativeTo ? { alternative_to: n.alternativeTo } : {}),
        flops: formula(n.flops),
      })),
    })),
    totals: Object.fromEntries(totals(arch).map((t) => [t.key, formula(t.poly)])),
  };
}
