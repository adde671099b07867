// A full answer to "how does <quantity> grow in <symbol>" for one model: derivative, degree,
// leading term and elasticity of the whole and of each part, the crossovers between parts,
// and optionally the change from one value of the symbol to another.

import { Poly } from '../algebra/poly.js';
import { Rational } from '../algebra/rational.js';
import { UserError } from '../errors.js';
import type { SymbolDef } from '../formulas/architecture.js';
import type { ModelSpec } from '../model/spec.js';
import { checkConstraints } from '../model/spec.js';
import { derivative, elasticity, increment, leadingTerm } from './analysis.js';
import { change, type Change } from './factors.js';
import { crossover, type Crossover } from './crossover.js';
import { resolveQuantity, type Part, type Quantity } from './quantity.js';
import { applyRelations, follow, valuesAt, type Following } from './relations.js';
import { findSymbolDef, type Relation } from '../model/relations.js';
import { isTrainingQuantity, trainingQuantity } from './training-quantity.js';
import { inferenceQuantity, isInferenceQuantity, type Roof } from './inference-quantity.js';
import type { Widths } from '../inference/ledger.js';
import { trainingChoice, type TrainingChoice } from '../training/choice.js';
import { superscript } from '../print/text.js';
import { compactNames, degreeWord } from '../print/names.js';

export interface Growth {
  name: string;
  title: string;
  poly: Poly;
  /** Exact: a whole number for counts, a rational for seconds (decode.seconds_per_step). */
  value: bigint | Rational;
  /** ∂F/∂x: the slope. */
  derivative: Poly;
  derivativeValue: Rational;
  /** F(x + 1) − F(x): the exact cost of one more unit of x (undefined for negative powers of x). */
  increment?: { poly: Poly; value: Rational };
  degree: number;
  leading: Poly;
  elasticity: Rational | undefined;
}

export interface ScaleAnswer {
  model: ModelSpec;
  quantity: Quantity;
  symbol: SymbolDef;
  whole: Growth;
  parts: Growth[];
  crossovers: Crossover[];
  /** The relations between symbols this answer follows (f = 4d when scaling in d), and the rest. */
  following: Following;
  /** The highest-degree terms in the symbol, when crossovers compare them with the rest. */
  topTerms?: TopTerms;
  /** What each name on a side of a default crossover stands for (parts asked by --crossover are absent). */
  sides: Record<string, Side>;
  change?: Change;
}

export interface TopTerms {
  /** e.g. "T² terms". */
  name: string;
  /** The finest parts they come from, e.g. attention.scores and attention.weighted_sum. */
  atoms: string[];
  poly: Poly;
}

export interface ScaleRequest {
  quantity: string;
  symbol: string;
  perLayer?: boolean;
  from?: bigint;
  to?: bigint;
  /** Extra crossovers asked for by name: [a, b] quantity or part names. */
  crossovers?: Array<[string, string]>;
  /** Symbols kept fixed although a relation defines them (--hold f). */
  hold?: string[];
  /** Relations stated for this question (--relate f=8/3*d). */
  relate?: Relation[];
  /** The conventions of a training quantity (memory.peak, train.flops, …). */
  training?: TrainingChoice;
  /** Dtypes and accelerator of an inference quantity (kv_cache.bytes, decode.seconds_per_step, …). */
  inference?: { widths: Widths; roof?: Roof };
}

const DEFAULT_WIDTHS: Widths = { weights: Rational.of(2n), kv: Rational.of(2n) };

/** A symbol by its name (T) or its config field (seq_len). */
export function findSymbol(model: ModelSpec, name: string, flag = '--in'): SymbolDef {
  return findSymbolDef(model.arch, name, flag);
}

export function scale(model: ModelSpec, req: ScaleRequest): ScaleAnswer {
  const symbol = findSymbol(model, req.symbol);
  const x = symbol.name;
  // Relations that involve x are substituted first: derivatives, degrees and crossovers are then
  // those of the family (f = 4d moves with d), not of a model with f frozen.
  const following = follow(model, x, { ...(req.hold ? { hold: req.hold } : {}), ...(req.relate ? { relate: req.relate } : {}) });
  const asked = isTrainingQuantity(req.quantity)
    ? trainingQuantity(model.arch, req.quantity, req.training ?? trainingChoice())
    : isInferenceQuantity(req.quantity)
      ? inferenceQuantity(model.arch, req.quantity, req.inference?.widths ?? DEFAULT_WIDTHS, model.values, req.inference?.roof)
      : resolveQuantity(model.arch, req.quantity, req.perLayer);
  const q = relateQuantity(asked, following);
  const names = new Set(model.arch.symbols.map((s) => s.name));
  const growth = (name: string, title: string, poly: Poly): Growth => {
    const d = derivative(poly, x, names);
    const inc = increment(poly, x);
    return {
      name,
      title,
      poly,
      // Seconds may be fractions; counts along a relation must come out whole.
      value: q.kind === 'seconds' || following.used.length === 0 ? wholeOrExact(poly.evaluate(model.values)) : wholeCount(poly, model, following, name),
      derivative: d,
      derivativeValue: d.evaluate(model.values),
      ...(inc ? { increment: { poly: inc, value: inc.evaluate(model.values) } } : {}),
      degree: poly.degree(x),
      leading: leadingTerm(poly, x),
      elasticity: elasticity(poly, d, x, model.values),
    };
  };
  const defaults = defaultCrossovers(q, x, model.values);
  const answer: ScaleAnswer = {
    model,
    quantity: q,
    symbol,
    whole: growth(q.name, q.title, q.poly),
    parts: q.parts.length > 1 ? q.parts.map((p) => growth(p.name, p.title, p.poly)) : [],
    ...(defaults.top ? { topTerms: defaults.top } : {}),
    sides: defaults.sides,
    crossovers: [
      ...defaults.crossovers,
      ...(req.crossovers ?? []).map(([a, b]) =>
        crossover(named(model, q, a, following, req.perLayer), named(model, q, b, following, req.perLayer), x, model.values),
      ),
    ],
    following,
  };
  if (req.from !== undefined || req.to !== undefined) {
    if (req.from === undefined || req.to === undefined) throw new UserError('--from and --to go together');
    if (req.from === req.to) throw new UserError(`--from and --to are both ${req.from}; give two different values`);
    if (q.kind === 'seconds')
      throw new UserError(`--from/--to: not for ${q.name}: the bound (compute or memory) may change between the two points; scale its FLOPs or bytes instead`);
    const at = [req.from, req.to].map((v) => valuesAt(model, following, v, `${x} = ${v}`));
    for (const [i, v] of [req.from, req.to].entries()) checkConstraints(model, at[i]!, `${x} = ${v}`);
    answer.change = change(q, x, req.from, req.to, model.values);
    // What the relations make of the symbols they define, at both ends (f: 6,400 -> 12,800).
    answer.change.derived = following.used.map((r) => ({ symbol: r.symbol, from: at[0]![r.symbol]!, to: at[1]![r.symbol]! }));
  }
  return answer;
}

/** A part of the quantity (by name) or any other quantity of the model. */
function named(model: ModelSpec, q: Quantity, name: string, following: Following, perLayer?: boolean): { name: string; poly: Poly } {
  const part = [...q.parts, ...q.atoms].find((p) => p.name === name);
  if (part) return part;
  return { name, poly: applyRelations(following, resolveQuantity(model.arch, name, perLayer).poly) };
}

/** The quantity with the followed relations substituted into every formula it holds. */
function relateQuantity(q: Quantity, f: Following): Quantity {
  if (f.used.length === 0) return q;
  const rel = (p: Poly) => applyRelations(f, p);
  const part = (p: Part): Part => ({ ...p, poly: rel(p.poly) });
  return { ...q, poly: rel(q.poly), parts: q.parts.map(part), atoms: q.atoms.map(part), ...(q.layer ? { layer: rel(q.layer) } : {}) };
}

/** A count at the model's values, along the relations; a relation that makes it fractional is refused. */
function wholeCount(poly: Poly, model: ModelSpec, f: Following, name: string): bigint {
  const v = poly.evaluate(model.values);
  if (v.isInteger()) return v.num;
  throw new UserError(`${f.used.map((r) => r.source).join(', ')}: ${name} comes out as ${v} at this model's values, not a whole number; --hold ${f.used.map((r) => r.symbol).join(' --hold ')} keeps the model's own values`);
}


/**
 * The crossovers worth reporting: every pair of parts that changes order at some x > 0, and the
 * highest-degree terms in x against each part's lower-degree terms and against all of them
 * (e.g. the T² attention matmuls against the FFN, and against every matmul linear in T).
 * Each side is named by what it is made of: "T² matmuls" (attention.scores + attention.weighted_sum),
 * "attention.q/k/v/o" (the rest of attention), "all matmuls linear in T"; "terms" only where a
 * matmul of mixed degree is split.
 */
function defaultCrossovers(q: Quantity, x: string, values: Record<string, bigint>): { crossovers: Crossover[]; top?: TopTerms; sides: Record<string, Side> } {
  const out: Crossover[] = [];
  const sides: Record<string, Side> = {};
  const parts = q.parts.filter((p) => !p.poly.isZero());
  for (const p of parts) sides[p.name] = { kind: 'part', part: p };
  for (let i = 0; i < parts.length; i++)
    for (let j = i + 1; j < parts.length; j++) {
      const c = crossover(parts[i]!, parts[j]!, x, values);
      if (c.crossings.length) out.push(c);
    }
  const top = q.poly.degree(x);
  const low = q.poly.lowDegree(x);
  if (top <= low) return { crossovers: out, sides };
  const below = (p: Poly) => Poly.fromTerms(p.terms().filter((t) => t.mono.exponent(x) < top));
  const noun = q.atomNoun ?? (q.kind === 'flops' ? 'matmuls' : 'weights');
  // An atom is pure when all its terms have one degree in x: then a group of atoms is a sum of whole matmuls.
  const pure = (a: Part) => a.poly.degree(x) === a.poly.lowDegree(x);
  const sumOf = (as: Part[]) => as.reduce((s, a) => s.add(a.poly), Poly.ZERO);
  const topAtoms = q.atoms.filter((a) => a.poly.degree(x) === top && !a.poly.isZero());
  const highPoly = q.poly.sub(below(q.poly));
  const whole = topAtoms.every(pure) && sumOf(topAtoms).equals(highPoly);
  const high: TopTerms = {
    name: top === 0 ? `terms constant in ${x}` : `${x}${superscript(top)} ${whole ? noun : 'terms'}`,
    atoms: topAtoms.map((a) => a.name),
    poly: highPoly,
  };
  sides[high.name] = { kind: 'top', atoms: high.atoms, degree: top, whole };
  const allLow = below(q.poly);
  // The finest parts below the top degree, and the degrees they have.
  const lowAtoms = (as: Part[]) => as.filter((a) => a.poly.degree(x) < top && !a.poly.isZero());
  for (const p of parts) {
    const lowPart = below(p.poly);
    if (lowPart.isZero() || lowPart.equals(allLow)) continue;
    let name = p.name;
    if (!lowPart.equals(p.poly)) {
      const mine = lowAtoms(q.atoms.filter((a) => a.name.startsWith(`${p.name}.`)));
      const byAtoms = mine.length > 0 && mine.every(pure) && sumOf(mine).equals(lowPart);
      name = byAtoms ? compactNames(mine.map((a) => a.name)) : `${p.name} (terms below ${x}${superscript(top)})`;
      sides[name] = byAtoms ? { kind: 'rest', part: p, atoms: mine.map((a) => a.name) } : { kind: 'rest', part: p };
    }
    const c = crossover(high, { name, poly: lowPart }, x, values);
    if (c.crossings.length) out.push(c);
  }
  const rest = lowAtoms(q.atoms);
  const degrees = [...new Set(rest.map((a) => a.poly.degree(x)))];
  const byAtoms = rest.length > 0 && rest.every(pure) && sumOf(rest).equals(allLow);
  const allName = byAtoms
    ? degrees.length === 1
      ? `all ${noun} ${degreeWord(degrees[0]!)} in ${x}`
      : `all ${noun} of lower degree in ${x}`
    : `all terms below ${x}${superscript(top)}`;
  sides[allName] = { kind: 'all', atoms: rest.map((a) => a.name), ...(byAtoms && degrees.length === 1 ? { degree: degrees[0]! } : {}) };
  out.push(crossover(high, { name: allName, poly: allLow }, x, values));
  // The same equation can arise twice (a part that is all top-degree terms): keep the first.
  const unique = out.filter((c, i) => !out.slice(0, i).some((o) => o.difference.equals(c.difference) || o.difference.equals(c.difference.neg())));
  return { crossovers: unique, top: high, sides };
}

/** What one side of a crossover is, for prose: a part, the rest of a part, the top-degree terms, or all below them. */
export type Side =
  | { kind: 'part'; part: Part }
  | { kind: 'rest'; part: Part; atoms?: string[] }
  | { kind: 'top'; atoms: string[]; degree: number; whole: boolean }
  | { kind: 'all'; atoms: string[]; degree?: number };

const wholeOrExact = (r: Rational): bigint | Rational => (r.isInteger() ? r.num : r);
