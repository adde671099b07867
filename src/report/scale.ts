// Views of a scaling answer: terminal text and JSON.

import { Rational } from '../algebra/rational.js';
import { batchSymbol } from '../formulas/architecture.js';
import type { Crossover } from '../scaling/crossover.js';
import type { ScaleAnswer } from '../scaling/scale.js';
import { formulaPrinter, type FormulaPrinter } from '../print/formula.js';
import { decimal, digits, exactText, percent } from '../print/numbers.js';
import { table } from '../print/table.js';
import { ratio } from '../print/json.js';
import { changeFinding, times } from './findings.js';
import { closedFormText, crossingValue } from './crossover-text.js';
import { relationLines, relationsJson } from './relations.js';
import { crossoverSentence } from './crossover-prose.js';

/** Rows of the crossover table: what equals what, where, who leads above it, and (with a range) whether it falls inside. */
function crossoverRows(cs: Crossover[], f: FormulaPrinter, x: string, inside?: (v: Rational | number) => boolean): string[][] {
  const mark = (v: Rational | number | undefined) => (inside ? [v === undefined ? '' : inside(v) ? 'yes' : 'no'] : []);
  return cs.flatMap((c) => {
    const pair = `${c.a} = ${c.b}`;
    if (c.always === 'equal') return [[pair, 'every value', '', ...mark(undefined), 'neither']];
    if (c.crossings.length === 0) return [[pair, 'no solution ≥ 1', '', ...mark(undefined), `${c.always === 'a' ? c.a : c.b}, for every ${x} ≥ 1`]];
    const form = c.closedForm?.kind === 'linear' ? closedFormText(c, f, 'text')! : '';
    return c.crossings.map((k) => [pair, form, crossingValue(k.value), ...mark(k.value), k.above === 'a' ? c.a : c.b]);
  });
}

/** Whether a crossing lies between from and to (either way round). */
function within(from: bigint, to: bigint): (v: Rational | number) => boolean {
  const [lo, hi] = from < to ? [from, to] : [to, from];
  return (v) => (typeof v === 'number' ? v >= Number(lo) && v <= Number(hi) : v.compare(Rational.of(lo)) >= 0 && v.compare(Rational.of(hi)) <= 0);
}

export function scaleText(s: ScaleAnswer): string {
  const f = formulaPrinter(s.model.arch);
  const x = s.symbol.name;
  const at = digits(s.model.values[x]!);
  const w = s.whole;
  const out: string[] = [];
  const el = (e: Rational | undefined) => (e === undefined ? '—' : decimal(e, 3));
  out.push(`How ${s.quantity.title} grow in ${x}, for ${s.model.label} at ${x} = ${at}`);
  if (s.model.origin) out.push(`  (${s.model.origin})`);
  for (const e of s.model.excluded) out.push(`  left out of this count: ${e.part}, ${e.what}`);
  out.push(`  ${x}: ${s.symbol.meaning}`);
  // A symbol capped by the one scaled (the window W = min(window, T)) is held at its value: the
  // formulas are those of a full window, which hold while T ≥ W; the range's end points follow the cap.
  for (const c of s.model.arch.symbols.filter((y) => y.cappedBy === x))
    out.push(`  ${c.name} = ${digits(s.model.values[c.name]!)} held (${c.meaning}): the formulas hold for ${x} ≥ ${c.name}; at ${x} ≤ ${c.name} those layers are global ones`);
  for (const line of relationLines(s.following, f)) out.push(`  ${line}`);
  const B = batchSymbol(s.model.arch);
  if (B && s.quantity.kind === 'flops')
    out.push(`  for a batch of ${B} = ${digits(s.model.values[B]!)} sequences: ${B} multiplies every FLOP formula`);
  // A per-batch quantity says its batch, one sequence included.
  else if (s.quantity.kind === 'flops') out.push('  for one sequence (batch B = 1; --batch B for more)');
  out.push('');
  out.push(
    table(
      [{ header: '' }, { header: 'formula' }, { header: 'value', align: 'right' }, { header: '' }],
      [
        ['F', f.text(w.poly), typeof w.value === 'bigint' ? digits(w.value) : significantText(w.value), s.quantity.title],
        [`∂F/∂${x}`, f.text(w.derivative), exactText(w.derivativeValue), `the derivative: F's slope in ${x}`],
        // The exact cost of one more unit of x, which the derivative only approximates.
        ...(w.increment && !w.increment.poly.equals(w.derivative)
          ? [[`F(${x}+1) − F(${x})`, f.text(w.increment.poly), exactText(w.increment.value), `exactly what raising ${x} by 1 adds`]]
          : []),
      ],
    ),
  );
  if (w.degree === 0 && w.poly.lowDegree(x) === 0) out.push(`  F does not depend on ${x}.`);
  else {
    out.push(`  degree in ${x}: ${w.degree}; as ${x} grows, F ~ ${f.text(w.leading)}`);
    out.push(`  elasticity ∂log F/∂log ${x} = ${el(w.elasticity)} at ${x} = ${at} (locally F ∝ ${x}^${el(w.elasticity)})`);
  }
  if (s.parts.length) {
    out.push('');
    out.push(
      table(
        [{ header: 'part' }, { header: 'formula' }, { header: 'degree', align: 'right' }, { header: 'leading term' }, { header: 'elasticity', align: 'right' }, { header: `∂/∂${x}` }],
        s.parts.map((p) => [p.name, f.text(p.poly), String(p.degree), f.text(p.leading), el(p.elasticity), f.text(p.derivative)]),
      ),
    );
  }
  if (s.crossovers.length) {
    out.push('', `Crossovers in ${x}, solved exactly from the formulas (other symbols at this model's values)`);
    const top = s.topTerms;
    if (top) out.push(`  ${top.name}: ${top.atoms.join(' + ')} = ${f.text(top.poly)}`);
    out.push(
      table(
        [
          { header: 'where' },
          { header: `${x} =` },
          { header: 'value', align: 'right' },
          ...(s.change ? [{ header: `in ${digits(s.change.from)}…${digits(s.change.to)}` }] : []),
          { header: 'larger above' },
        ],
        crossoverRows(s.crossovers, f, x, s.change ? within(s.change.from, s.change.to) : undefined),
      ),
    );
  }
  const ch = s.change;
  if (ch) {
    out.push('', `From ${x} = ${digits(ch.from)} to ${x} = ${digits(ch.to)} (×${decimal(Rational.of(ch.to, ch.from), 4).replace(/\.?0+$/, '')})`);
    for (const d of ch.derived ?? []) out.push(`  ${d.symbol}: ${digits(d.from)} → ${digits(d.to)} (it follows ${x})`);
    out.push(`  total: ${digits(ch.total.from)} → ${digits(ch.total.to)} (${ch.total.factor ? times(ch.total.factor) : 'from zero'})`);
    const rows = (list: typeof ch.parts) =>
      list.map((p) => [
        p.part.name,
        String(p.degree),
        p.factor ? times(p.factor) : '—',
        `${percent(p.share.from)} → ${percent(p.share.to)}`,
        p.layerShare ? `${percent(p.layerShare.from)} → ${percent(p.layerShare.to)}` : '—',
      ]);
    const cols = [{ header: 'part' }, { header: `degree in ${x}`, align: 'right' as const }, { header: 'factor', align: 'right' as const }, { header: 'share of total' }, { header: 'share of a layer' }];
    out.push(table(cols, rows(ch.parts)));
    if (ch.atoms.length > ch.parts.length && s.quantity.atoms !== s.quantity.parts) {
      out.push('');
      out.push(table(cols.map((c, i) => (i === 0 ? { header: s.quantity.atomNoun ? 'part' : s.quantity.kind === 'flops' ? 'matmul' : 'weight' } : c)), rows(ch.atoms)));
    }
    out.push('', `  ${changeFinding(s.quantity, ch)} ${crossoverSentence(s, { from: ch.from, to: ch.to })}`);
  }
  return out.join('\n');
}


const ratioOrNull = (r: Rational | undefined) => (r === undefined ? null : ratio(r));

export function scaleJson(s: ScaleAnswer): Record<string, unknown> {
  const f = formulaPrinter(s.model.arch);
  const x = s.symbol.name;
  const growth = (g: ScaleAnswer['whole']) => ({
    value: typeof g.value === 'bigint' ? g.value : ratio(g.value),
    formula: f.ascii(g.poly),
    formula_latex: f.latex(g.poly),
    derivative: f.ascii(g.derivative),
    derivative_latex: f.latex(g.derivative),
    derivative_value: g.derivativeValue.isInteger() ? g.derivativeValue.num : g.derivativeValue.toString(),
    ...(g.increment
      ? {
          increment: f.ascii(g.increment.poly),
          increment_latex: f.latex(g.increment.poly),
          increment_value: g.increment.value.isInteger() ? g.increment.value.num : g.increment.value.toString(),
        }
      : {}),
    degree: g.degree,
    leading_term: f.ascii(g.leading),
    elasticity: ratioOrNull(g.elasticity),
  });
  const ch = s.change;
  return {
    model: { name: s.model.label, ...(s.model.origin ? { origin: s.model.origin } : {}), architecture: s.model.arch.id, symbols: s.model.values, batch: s.model.batch },
    quantity: s.quantity.name,
    title: s.quantity.title,
    symbol: { name: x, config: s.symbol.config, meaning: s.symbol.meaning, value: s.model.values[x] },
    relations: relationsJson(s.following, f),
    ...growth(s.whole),
    parts: Object.fromEntries(s.parts.map((p) => [p.name, growth(p)])),
    crossovers: s.crossovers.map((c) => ({
      a: c.a,
      b: c.b,
      difference: f.ascii(c.difference),
      ...(c.closedForm ? { closed_form: closedFormText(c, f, 'ascii'), closed_form_latex: closedFormText(c, f, 'latex') } : {}),
      solutions: c.crossings.map((k) => ({
        ...(s.change ? { in_range: within(s.change.from, s.change.to)(k.value) } : {}),
        value: typeof k.value === 'number' ? k.value : k.value.toNumber(),
        exact: typeof k.value === 'number' ? null : k.value.toString(),
        larger_above: k.above === 'a' ? c.a : c.b,
      })),
      ...(c.always ? { always: c.always === 'equal' ? 'equal' : c.always === 'a' ? c.a : c.b } : {}),
    })),
    ...(ch
      ? {
          factor: {
            total: ratioOrNull(ch.total.factor),
            components: Object.fromEntries(ch.parts.map((p) => [p.part.name, ratioOrNull(p.factor)])),
            matmuls: Object.fromEntries(ch.atoms.map((p) => [p.part.name, ratioOrNull(p.factor)])),
          },
          change: {
            symbol: x,
            from: ch.from,
            to: ch.to,
            ...(ch.derived?.length ? { derived: Object.fromEntries(ch.derived.map((d) => [d.symbol, { from: d.from, to: d.to }])) } : {}),
            total: ch.total.from === undefined ? null : { from: ch.total.from, to: ch.total.to },
            ...(ch.layer ? { layer: ch.layer } : {}),
            parts: ch.parts.map((p) => ({
              name: p.part.name,
              degree: p.degree,
              from: p.from,
              to: p.to,
              factor: ratioOrNull(p.factor),
              share: { from: ratioOrNull(p.share.from), to: ratioOrNull(p.share.to) },
              ...(p.layerShare ? { share_of_layer: { from: ratioOrNull(p.layerShare.from), to: ratioOrNull(p.layerShare.to) } } : {}),
            })),
          },
          finding: `${changeFinding(s.quantity, ch)} ${crossoverSentence(s, { from: ch.from, to: ch.to })}`,
        }
      : {}),
  };
}

/** A non-integer value (seconds) to 6 significant digits. */
function significantText(r: Rational): string {
  return Number(r.toNumber().toPrecision(6)).toString();
}
