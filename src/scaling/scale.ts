// A full answer to "how does <quantity> grow in <symbol>" for one model: derivative, degree,
// leading term and elasticity of the whole and of each part, the crossovers between parts,
// and optionally the change from one value of the symbol to another.

import { Poly } from '../algebra/poly.js';
import { Rational } from '../algebra/rational.js';
import { UserError, didYouMean } from '../errors.js';
import type { SymbolDef } from '../formulas/architecture.js';
import type { ModelSpec } from '../model/spec.js';
import { checkConstraints } from '../model/spec.js';
import { derivative, elasticity, leadingTerm } from './analysis.js';
import { change, type Change } from './factors.js';
import { crossover, type Crossover } from './crossover.js';
import { resolveQuantity, type Quantity } from './quantity.js';
import { isTrainingQuantity, trainingQuantity } from './training-quantity.js';
import { inferenceQuantity, isInferenceQuantity, type Roof } from './inference-quantity.js';
import type { Widths } from '../inference/ledger.js';
import { trainingChoice, type TrainingChoice } from '../training/choice.js';
import { superscript } from '../print/text.js';

export interface Growth {
  name: string;
  title: string;
  poly: Poly;
  /** Exact: a whole number for counts, a rational for seconds (decode.seconds_per_step). */
  value: bigint | Rational;
  derivative: Poly;
  derivativeValue: Rational;
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
  /** The highest-degree terms in the symbol, when crossovers compare them with the rest. */
  topTerms?: TopTerms;
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
  /** The conventions of a training quantity (memory.peak, train.flops, …). */
  training?: TrainingChoice;
  /** Dtypes and accelerator of an inference quantity (kv_cache.bytes, decode.seconds_per_step, …). */
  inference?: { widths: Widths; roof?: Roof };
}

const DEFAULT_WIDTHS: Widths = { weights: Rational.of(2n), kv: Rational.of(2n) };

/** A symbol by its name (T) or its config field (seq_len). */
export function findSymbol(model: ModelSpec, name: string, flag = '--in'): SymbolDef {
  const s = model.arch.symbols.find((x) => x.name === name || x.config === name);
  if (s) return s;
  const names = model.arch.symbols.map((x) => x.name);
  throw new UserError(
    `${flag}: unknown symbol '${name}'${didYouMean(name, [...names, ...model.arch.symbols.map((x) => x.config)])}; ` +
      `symbols of ${model.arch.id}: ${model.arch.symbols.map((x) => `${x.name} (${x.config})`).join(', ')}`,
  );
}

export function scale(model: ModelSpec, req: ScaleRequest): ScaleAnswer {
  const symbol = findSymbol(model, req.symbol);
  const x = symbol.name;
  const q = isTrainingQuantity(req.quantity)
    ? trainingQuantity(model.arch, req.quantity, req.training ?? trainingChoice())
    : isInferenceQuantity(req.quantity)
      ? inferenceQuantity(model.arch, req.quantity, req.inference?.widths ?? DEFAULT_WIDTHS, model.values, req.inference?.roof)
      : resolveQuantity(model.arch, req.quantity, req.perLayer);
  const names = new Set(model.arch.symbols.map((s) => s.name));
  const growth = (name: string, title: string, poly: Poly): Growth => {
    const d = derivative(poly, x, names);
    return {
      name,
      title,
      poly,
      value: wholeOrExact(poly.evaluate(model.values)),
      derivative: d,
      derivativeValue: d.evaluate(model.values),
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
    crossovers: [
      ...defaults.crossovers,
      ...(req.crossovers ?? []).map(([a, b]) =>
        crossover(named(model, q, a, req.perLayer), named(model, q, b, req.perLayer), x, model.values),
      ),
    ],
  };
  if (req.from !== undefined || req.to !== undefined) {
    if (req.from === undefined || req.to === undefined) throw new UserError('--from and --to go together');
    if (req.from === req.to) throw new UserError(`--from and --to are both ${req.from}; give two different values`);
    if (q.kind === 'seconds')
      throw new UserError(`--from/--to: not for ${q.name}: the bound (compute or memory) may change between the two points; scale its FLOPs or bytes instead`);
    for (const v of [req.from, req.to]) checkConstraints(model, { ...model.values, [x]: v }, `${x} = ${v}`);
    answer.change = change(q, x, req.from, req.to, model.values);
  }
  return answer;
}

/** A part of the quantity (by name) or any other quantity of the model. */
function named(model: ModelSpec, q: Quantity, name: string, perLayer?: boolean): { name: string; poly: Poly } {
  const part = [...q.parts, ...q.atoms].find((p) => p.name === name);
  if (part) return part;
  return { name, poly: resolveQuantity(model.arch, name, perLayer).poly };
}


/**
 * The crossovers worth reporting: every pair of parts that changes order at some x > 0, and the
 * highest-degree terms in x against each part's lower-degree terms and against all of them
 * (e.g. the T² attention terms against the FFN, and against every term linear in T).
 */
function defaultCrossovers(q: Quantity, x: string, values: Record<string, bigint>): { crossovers: Crossover[]; top?: TopTerms } {
  const out: Crossover[] = [];
  const parts = q.parts.filter((p) => !p.poly.isZero());
  for (let i = 0; i < parts.length; i++)
    for (let j = i + 1; j < parts.length; j++) {
      const c = crossover(parts[i]!, parts[j]!, x, values);
      if (c.crossings.length) out.push(c);
    }
  const top = q.poly.degree(x);
  const low = q.poly.lowDegree(x);
  if (top <= low) return { crossovers: out };
  const below = (p: Poly) => Poly.fromTerms(p.terms().filter((t) => t.mono.exponent(x) < top));
  const topAtoms = q.atoms.filter((a) => a.poly.degree(x) === top && !a.poly.isZero());
  const high: TopTerms = {
    name: top === 0 ? `terms constant in ${x}` : `${x}${superscript(top)} terms`,
    atoms: topAtoms.map((a) => a.name),
    poly: q.poly.sub(below(q.poly)),
  };
  const allLow = below(q.poly);
  for (const p of parts) {
    const lowPart = below(p.poly);
    if (lowPart.isZero() || lowPart.equals(allLow)) continue;
    const name = lowPart.equals(p.poly) ? p.name : `${p.name} (lower-degree terms)`;
    const c = crossover(high, { name, poly: lowPart }, x, values);
    if (c.crossings.length) out.push(c);
  }
  out.push(crossover(high, { name: `all lower-degree terms in ${x}`, poly: allLow }, x, values));
  // The same equation can arise twice (a part that is all top-degree terms): keep the first.
  const unique = out.filter((c, i) => !out.slice(0, i).some((o) => o.difference.equals(c.difference) || o.difference.equals(c.difference.neg())));
  return { crossovers: unique, top: high };
}

const wholeOrExact = (r: Rational): bigint | Rational => (r.isInteger() ? r.num : r);
