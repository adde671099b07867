// Every place a JSON output puts a formula beside the number it stands for: an object with a
// `formula` string and a `value` (or, failing that, a `total`) integer, or a key `x` beside `x_formula`. The formulas are
// evaluated with mathjs in BigNumber arithmetic, independently of lmledger's own Poly code.
import { bigNumberMath } from './bignumber.js';

export interface FormulaPair {
  path: string;
  formula: string;
  value: bigint;
}

export function formulaPairs(json: unknown, path = '$'): FormulaPair[] {
  if (json === null || typeof json !== 'object') return [];
  if (Array.isArray(json)) return json.flatMap((x, i) => formulaPairs(x, `${path}[${i}]`));
  const o = json as Record<string, unknown>;
  const out: FormulaPair[] = [];
  const number = typeof o.value === 'bigint' ? o.value : typeof o.total === 'bigint' ? o.total : undefined;
  if (typeof o.formula === 'string' && number !== undefined) out.push({ path, formula: o.formula, value: number });
  // The flat form of the training JSON: `peak_bytes` beside `peak_bytes_formula`.
  for (const [k, v] of Object.entries(o))
    if (k.endsWith('_formula') && typeof v === 'string' && typeof o[k.slice(0, -'_formula'.length)] === 'bigint')
      out.push({ path: `${path}.${k.slice(0, -'_formula'.length)}`, formula: v, value: o[k.slice(0, -'_formula'.length)] as bigint });
  for (const [k, v] of Object.entries(o)) out.push(...formulaPairs(v, `${path}.${k}`));
  return out;
}

const math = bigNumberMath();

/** The formula's value at the symbols, exact (a BigNumber of 200 digits printed in full). */
export function evaluateFormula(formula: string, symbols: Record<string, bigint>): string {
  const scope = Object.fromEntries(Object.entries(symbols).map(([k, v]) => [k, math.bignumber(v.toString())]));
  const r = math.evaluate(formula, scope) as { toFixed(n: number): string };
  return r.toFixed(0);
}

/** Symbol values of a JSON output's `model.symbols{X: {value}}`. */
export function symbolValues(json: any): Record<string, bigint> {
  return Object.fromEntries(Object.entries(json.model.symbols as Record<string, { value: bigint }>).map(([k, v]) => [k, v.value]));
}
