// Which relations a scaling question in one symbol x follows, and what they make of the formulas
// and of the symbol values at a point. A relation is used when its expression involves x (f = 4d
// when scaling in d); it is substituted into every formula before differentiating and solving, so
// derivatives, degrees and crossovers are those of the family, not of a model with f frozen.
// --hold f keeps f at the model's value; a relation defining x itself cannot be followed.

import type { Poly } from '../algebra/poly.js';
import type { Rational } from '../algebra/rational.js';
import { UserError } from '../errors.js';
import type { ModelSpec } from '../model/spec.js';
import { findSymbolDef, type Relation } from '../model/relations.js';
import { asciiStyle } from '../print/ascii.js';
import { renderPoly } from '../print/render.js';

export interface Unused {
  relation: Relation;
  /** Why it is not followed: "it does not involve T", "--hold f keeps f fixed", … */
  why: string;
  /** False when the relation has nothing to do with x (it would not change the answer). */
  involves: boolean;
}

export interface Following {
  /** The scaled symbol. */
  x: string;
  /** Relations substituted, each written in symbols no relation defines (f = 4d). */
  used: Relation[];
  /** Relations not followed, and why. */
  unused: Unused[];
  /** Symbols kept at the model's value by --hold. */
  held: string[];
  /** Used relations whose value at the model's own point differs from the model's value. */
  mismatches: Array<{ relation: Relation; model: bigint; value: Rational }>;
}

export interface FollowOptions {
  /** Symbols (or config fields) to keep fixed: --hold f. */
  hold?: string[];
  /** Relations stated on the command line: --relate f=8/3*d (replace the preset's for that symbol). */
  relate?: Relation[];
}

export function follow(model: ModelSpec, x: string, opts: FollowOptions = {}): Following {
  const held = (opts.hold ?? []).map((h) => findSymbolDef(model.arch, h, '--hold').name);
  const stated = opts.relate ?? [];
  for (const r of stated) {
    if (r.symbol === x) throw new UserError(`${r.source}: ${x} is the symbol that varies (--in / --${x}), so no relation can define it`);
    if (held.includes(r.symbol)) throw new UserError(`${r.source}: --hold ${r.symbol} keeps ${r.symbol} fixed; give one or the other`);
  }
  const unused: Unused[] = [];
  const candidates: Relation[] = [];
  for (const r of [...model.relations.filter((p) => !stated.some((s) => s.symbol === p.symbol)), ...stated]) {
    if (r.symbol === x) unused.push({ relation: r, why: `${x} is the symbol that varies`, involves: true });
    else if (held.includes(r.symbol)) unused.push({ relation: r, why: `--hold ${r.symbol} keeps ${r.symbol} fixed`, involves: true });
    else candidates.push(r);
  }
  for (const r of model.relations.filter((p) => stated.some((s) => s.symbol === p.symbol)))
    unused.push({ relation: r, why: `${stated.find((s) => s.symbol === r.symbol)!.source} replaces it`, involves: true });

  // Write each relation in symbols no relation defines (a chain is at most as long as the list).
  const defined = new Set(candidates.map((r) => r.symbol));
  const closed = candidates.map((r) => {
    let poly = r.poly;
    for (let i = 0; i <= candidates.length && [...poly.symbols()].some((s) => defined.has(s)); i++)
      for (const o of candidates) poly = poly.substitute(o.symbol, o.poly);
    if ([...poly.symbols()].some((s) => defined.has(s)))
      throw new UserError(`relations define ${[...defined].join(', ')} in terms of each other: ${candidates.map((c) => c.source).join('; ')}`);
    return { ...r, poly };
  });
  const used: Relation[] = [];
  for (const r of closed) {
    if (r.poly.symbols().has(x)) used.push(r);
    else unused.push({ relation: r, why: `it does not involve ${x}`, involves: false });
  }
  const mismatches = used
    .map((r) => ({ relation: r, model: model.values[r.symbol]!, value: r.poly.evaluate(model.values) }))
    .filter((m) => !(m.value.isInteger() && m.value.num === m.model));
  return { x, used, unused, held, mismatches };
}

/** The formula with every used relation substituted (f -> 4d). */
export function applyRelations(f: Following, p: Poly): Poly {
  return f.used.reduce((acc, r) => acc.substitute(r.symbol, r.poly), p);
}

/**
 * The model's symbol values with x = v and every used relation's symbol computed from it. A
 * relation that gives a fraction or a non-positive number there is refused: no model has f = 8000/3.
 */
export function valuesAt(model: ModelSpec, f: Following, v: bigint, where: string): Record<string, bigint> {
  const at: Record<string, bigint> = { ...model.values, [f.x]: v };
  const order = model.arch.symbols.map((s) => s.name);
  for (const r of f.used) {
    const value = r.poly.evaluate(at);
    if (!value.isInteger() || value.sign() <= 0)
      throw new UserError(
        `${where}: ${r.symbol} = ${renderPoly(r.poly, asciiStyle, { order })} (${r.source}) is ${value} there, not a positive whole number; ` +
          `choose values of ${f.x} that make it whole, or --hold ${r.symbol}`,
      );
    at[r.symbol] = value.num;
  }
  // A capped symbol follows what caps it (the window W = min(window, T)): a sweep of T below the
  // window counts those layers as global, above it over the full window.
  for (const s of model.arch.symbols) {
    if (s.cappedBy === undefined || at[s.cappedBy] === undefined) continue;
    const own = s.name === f.x ? v : model.config[s.config] ?? at[s.name]!;
    at[s.name] = own < at[s.cappedBy]! ? own : at[s.cappedBy]!;
  }
  return at;
}
