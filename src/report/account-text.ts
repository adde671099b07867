// The account for a terminal: parameters with shares, weight memory per dtype, every forward
// matmul with its shapes and FLOPs, where the FLOPs go, and the non-matmul work kept apart.

import { Rational } from '../algebra/rational.js';
import { share, type Account } from '../ledger/account.js';
import { rankByFlops } from '../ledger/ranking.js';
import type { Poly } from '../algebra/poly.js';
import { batchSymbol, symbolOf } from '../formulas/architecture.js';
import { formulaPrinter } from '../print/formula.js';
import { decimal, digits, gibibytes, gigabytes, percent, si } from '../print/numbers.js';
import { table } from '../print/table.js';
import { productText } from '../print/shape.js';
import { conventions } from './conventions.js';
import { dominanceSentence } from './findings.js';
import { architectureTitle } from './describe.js';
import { hasOptions, optionNotes, optionsOf, uncountedNotes, type CountKind } from './option-notes.js';
import type { FormulaPrinter } from '../print/formula.js';

export function accountText(a: Account): string {
  const { model } = a;
  const f = formulaPrinter(model.arch);
  const symbols = model.arch.symbols.map((s) => `${s.name} = ${digits(model.values[s.name]!)}`).join('  ');
  const out: string[] = [];

  out.push(`${model.label} (architecture ${model.arch.id}): ${architectureTitle(model.arch, model.values)}`);
  if (model.origin) out.push(`  (${model.origin})`);
  out.push(`  ${symbols}`);
  if (model.arch.variant) out.push(`  options: ${model.arch.variant}`);
  for (const s of model.arch.defaulted) out.push(`  ${s.config} not given: ${s.name} = ${s.defaultText} in every formula`);
  out.push('');

  out.push(`Parameters: ${digits(a.params.total.value)} = ${f.text(a.params.total.formula)}`);
  // Never silently partial: what the checkpoint has beyond this count is named.
  for (const e of model.excluded) out.push(`  left out of this count: ${e.part}, ${e.what}`);
  if (a.params.active.value !== a.params.total.value)
    out.push(
      `  active per token: ${digits(a.params.active.value)} = ${f.text(a.params.active.formula)} ` +
        '(the K of E routed experts a token uses, the shared experts, the router, attention, norms and both embedding matrices, as publishers count "active")',
    );
  out.push(
    table(
      [{ header: 'component' }, { header: 'formula' }, { header: 'each', align: 'right' }, { header: '×', align: 'right' }, { header: 'total', align: 'right' }, { header: 'share', align: 'right' }],
      a.components.map((c) => [
        c.component.id,
        f.text(c.params.each.formula),
        digits(c.params.each.value),
        digits(c.occurrences),
        digits(c.params.total.value),
        percent(share(c.params.total.value, a.params.total.value), 2),
      ]),
    ),
  );
  out.push(`  per layer: ${digits(a.params.perLayer.value)} = ${f.text(a.params.perLayer.formula)}`);
  out.push(...optionLines(a, 'params', f));
  out.push(...uncountedNotes(model.arch, f, model.values).map((n) => `  ${n.text}`));
  out.push('');

  out.push('Memory to load the weights (weights only; GB = 10⁹ bytes, GiB = 2³⁰ bytes)');
  out.push(
    table(
      [{ header: 'dtype' }, { header: 'bytes/param', align: 'right' }, { header: 'bytes', align: 'right' }, { header: 'GB', align: 'right' }, { header: 'GiB', align: 'right' }],
      a.memory.map((m) => [m.dtype, m.bytesPerParam.toString(), digits(m.bytes), gigabytes(m.bytes), gibibytes(m.bytes)]),
    ),
  );
  out.push('');

  const seq = symbolOf(model.arch, 'seq_len');
  const tokens = seq ? `${seq.name} = ${digits(model.values[seq.name]!)} tokens` : 'one sequence';
  const flopsFormula = (p: Poly) => f.text(p);
  const B = batchSymbol(model.arch);
  out.push(
    `Forward pass: matrix multiplies over ${B ? `${B} = ${digits(model.values[B]!)} sequences of ` : ''}${tokens} (2·m·n·p FLOPs each; ${model.arch.attention.title})`,
  );
  out.push(
    table(
      [{ header: 'matmul' }, { header: 'shape' }, { header: 'runs', align: 'right' }, { header: 'FLOPs', align: 'right' }, { header: 'per' }, { header: 'formula' }],
      a.flops.matmuls.map((m) => [
        m.matmul.path,
        productText(m.left, m.right),
        `×${digits(m.times)}`,
        digits(m.flops.value),
        m.component.scope === 'layer' ? 'layer' : 'model',
        flopsFormula(m.flops.formula),
      ]),
    ),
  );
  out.push(`  per layer: ${digits(a.flops.perLayer.value)} = ${flopsFormula(a.flops.perLayer.formula)}`);
  out.push(
    `  total: ${digits(a.flops.total.value)} FLOPs (${si(a.flops.total.value, 'FLOP')}) = ${flopsFormula(a.flops.total.formula)}`,
  );
  out.push(...optionLines(a, 'flops', f));
  out.push('');

  out.push('Where the forward FLOPs go');
  const ranked = rankByFlops(a);
  out.push(
    table(
      [{ header: 'component' }, { header: 'per layer', align: 'right' }, { header: 'of a layer', align: 'right' }, { header: 'whole model', align: 'right' }, { header: 'of total', align: 'right' }],
      ranked.map((r) => [
        `${r.account.component.id} (${r.account.component.title})`,
        r.layerShare ? digits(r.account.flops.each.value) : '—',
        r.layerShare ? percent(r.layerShare) : '—',
        digits(r.account.flops.total.value),
        percent(r.share),
      ]),
    ),
  );
  out.push(`  ${dominanceSentence(a)}`);
  out.push('');

  out.push(`Non-matmul work (not in the totals above; counts per element are in ${model.arch.file})`);
  out.push(
    table(
      [{ header: 'op' }, { header: 'FLOPs', align: 'right' }, { header: 'per' }, { header: 'formula' }, { header: 'note' }],
      a.nonMatmul.ops.map((o) => [
        o.op.path,
        digits(o.flops.value),
        o.component.scope === 'layer' ? 'layer' : 'model',
        flopsFormula(o.flops.formula),
        o.op.alternativeTo ? `alternative convention to ${o.op.alternativeTo}, not summed` : '',
      ]),
    ),
  );
  out.push(
    `  total: ${digits(a.nonMatmul.total.value)} FLOPs (${si(a.nonMatmul.total.value, 'FLOP')}) = ${flopsFormula(a.nonMatmul.total.formula)}, ` +
      `${decimal(share(a.nonMatmul.total.value, a.flops.total.value).mul(Rational.of(100n)), 2)}% of the matmul total`,
  );
  out.push('');
  out.push('Conventions');
  for (const [k, v] of Object.entries(conventions(model))) out.push(`  ${k}: ${v}`);
  return out.join('\n');
}

/** The options that change these counts, by component, and what those away from their defaults do. */
function optionLines(a: Account, kind: CountKind, f: FormulaPrinter): string[] {
  const arch = a.model.arch;
  if (!hasOptions(arch, kind)) return [];
  const by = a.components
    .map((c) => ({ id: c.component.id, options: optionsOf(arch, c.component.id, kind) }))
    .filter((c) => c.options.length)
    .map((c) => `${c.id} (${c.options.join(', ')})`);
  return [
    `  options that change these ${kind === 'params' ? 'counts' : 'matmuls'}: ${by.join('; ')}`,
    ...optionNotes(arch, kind, f, a.model.values).map((n) => `  ${n.text}`),
  ];
}
