// Relations between a model's symbols: f = 4d when a preset writes d_ff: 4*d_model, or any
// relation a user states (--relate f=8/3*d). A relation says how a symbol moves when the ones it
// is written in move, so scaling in d with f = 4d doubles f with d; at the model's own values it
// need not hold (a stated relation replaces the model's f along the way, and the output says so).

import { ExprError, parsePoly } from '../algebra/parse.js';
import type { Poly } from '../algebra/poly.js';
import { UserError, didYouMean } from '../errors.js';
import type { Architecture, SymbolDef } from '../formulas/architecture.js';
import { asciiStyle } from '../print/ascii.js';
import { renderPoly } from '../print/render.js';

export interface Relation {
  /** The symbol it defines, e.g. f. */
  symbol: string;
  /** Its expression in other symbols, e.g. 4d. */
  poly: Poly;
  /** Where it comes from: "the preset's d_ff: 4*d_model" or "--relate f=8/3*d". */
  source: string;
  /** Stated on the command line (a preset's relation is the model's own). */
  stated: boolean;
}

/**
 * The relations a preset's expression fields state between symbols of the architecture: a field
 * written as an expression of other fields (d_ff: 4*d_model) whose field and every field it names
 * are read into symbols. Fields a flag overrides are given numbers, so they state nothing.
 */
export function presetRelations(arch: Architecture, fields: Record<string, unknown>, overridden: ReadonlySet<string>): Relation[] {
  const byConfig = new Map(arch.symbols.map((s) => [s.config, s]));
  const out: Relation[] = [];
  for (const [field, raw] of Object.entries(fields)) {
    if (typeof raw !== 'string' || overridden.has(field)) continue;
    const target = byConfig.get(field);
    if (!target) continue;
    let poly: Poly;
    try {
      poly = parsePoly(raw, new Set(Object.keys(fields)));
    } catch (e) {
      if (e instanceof ExprError) continue; // an option's value, not an expression
      throw e;
    }
    if (poly.symbols().size === 0) continue; // a number written as text
    if ([...poly.symbols()].some((f) => !byConfig.has(f))) continue; // names a field that is no symbol
    for (const f of poly.symbols()) poly = poly.substitute(f, symbolPoly(byConfig.get(f)!));
    out.push({ symbol: target.name, poly, source: `the preset's ${field}: ${raw}`, stated: false });
  }
  return out;
}

/** --relate f=8/3*d (or d_ff=8/3*d_model): a symbol of the architecture as an expression of others. */
export function parseRelation(arch: Architecture, text: string): Relation {
  const flag = `--relate ${text}`;
  const eq = text.indexOf('=');
  if (eq < 0) throw new UserError(`${flag}: expected symbol=expression, e.g. f=8/3*d`);
  const lhs = text.slice(0, eq).trim();
  const rhs = text.slice(eq + 1).trim();
  const target = findSymbolDef(arch, lhs, '--relate');
  const names = new Map<string, SymbolDef>();
  for (const s of arch.symbols) names.set(s.name, s).set(s.config, s);
  let poly: Poly;
  try {
    poly = parsePoly(rhs, new Set(names.keys()));
  } catch (e) {
    if (e instanceof ExprError) throw new UserError(`${flag}: ${e.message}; use the symbols ${arch.symbols.map((s) => s.name).join(', ')}`);
    throw e;
  }
  for (const n of poly.symbols()) if (names.get(n)!.name !== n) poly = poly.substitute(n, symbolPoly(names.get(n)!));
  if (poly.symbols().has(target.name)) throw new UserError(`${flag}: ${target.name} cannot be written in terms of itself`);
  if (poly.symbols().size === 0) throw new UserError(`${flag}: the expression names no symbol; to fix ${target.name} at a number, give --${target.config.replace(/_/g, '-')}`);
  return { symbol: target.name, poly, source: `--relate ${lhs}=${rhs}`, stated: true };
}

/** A symbol of the architecture by its name (f) or config field (d_ff). */
export function findSymbolDef(arch: Architecture, name: string, flag: string): SymbolDef {
  const s = arch.symbols.find((x) => x.name === name || x.config === name);
  if (s) return s;
  const known = arch.symbols.map((x) => x.name);
  throw new UserError(
    `${flag}: unknown symbol '${name}'${didYouMean(name, [...known, ...arch.symbols.map((x) => x.config)])}; symbols of ${arch.id}: ${arch.symbols.map((x) => `${x.name} (${x.config})`).join(', ')}`,
  );
}

/** f = 4*d, as JSON and error messages write it (mathjs-parsable). */
export function relationAscii(r: Relation, order: readonly string[]): string {
  return `${r.symbol} = ${renderPoly(r.poly, asciiStyle, { order })}`;
}

function symbolPoly(s: SymbolDef): Poly {
  return parsePoly(s.name, new Set([s.name]));
}
