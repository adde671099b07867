// What a scaling answer or sweep says about the relations between symbols it followed (f = 4d
// when scaling in d), the ones it did not and why, as text lines and as JSON.

import type { Poly } from '../algebra/poly.js';
import type { FormulaPrinter } from '../print/formula.js';
import { digits, groupedDecimal } from '../print/numbers.js';
import type { Following } from '../scaling/relations.js';

/**
 * Text lines (indented by the caller); none when the model states no relation and none is held.
 * `followed: false` leaves out the relations followed, for views that say so in their own words.
 */
export function relationLines(f: Following, p: FormulaPrinter, opts: { followed?: boolean } = {}): string[] {
  const out: string[] = [];
  const eq = (r: { symbol: string; poly: Poly }) => `${r.symbol} = ${p.text(r.poly)}`;
  if (opts.followed !== false)
    for (const r of f.used)
    out.push(`follows ${eq(r)} (${r.source}): ${r.symbol} moves with ${f.x}, substituted before differentiating and solving; --hold ${r.symbol} keeps it fixed`);
  for (const m of f.mismatches) {
    const v = m.value.isInteger() ? digits(m.value.num) : `${groupedDecimal(m.value, 2)} (= ${m.value})`;
    out.push(`at this model's values ${eq(m.relation)} is ${v}, not the model's ${m.relation.symbol} = ${digits(m.model)}: the values below follow the relation`);
  }
  // Relations that do not involve x change nothing here: JSON lists them, text does not.
  for (const u of f.unused.filter((x) => x.involves)) out.push(`not followed: ${eq(u.relation)} (${u.relation.source}), as ${u.why}`);
  for (const h of f.held) if (!f.unused.some((u) => u.relation.symbol === h)) out.push(`--hold ${h}: no relation defines ${h}, so it is fixed anyway`);
  return out;
}

export function relationsJson(f: Following, p: FormulaPrinter): Record<string, unknown> {
  return {
    used: f.used.map((r) => ({ symbol: r.symbol, formula: p.ascii(r.poly), source: r.source })),
    not_used: f.unused.map((u) => ({ symbol: u.relation.symbol, formula: p.ascii(u.relation.poly), source: u.relation.source, why: u.why })),
    held: f.held,
    ...(f.mismatches.length
      ? { differ_from_model: f.mismatches.map((m) => ({ symbol: m.relation.symbol, model: m.model, relation: m.value.isInteger() ? m.value.num : m.value.toString() })) }
      : {}),
  };
}
