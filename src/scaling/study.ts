// A study: the forward FLOPs of several models (compare) or of one model at several values of
// a symbol (sweep), component by component, with shares of a layer and of the whole. Formulas
// are compiled once per architecture and evaluated at each point (no re-simplification).

import { compile, compileIn, type Compiled } from '../algebra/compile.js';
import type { Poly } from '../algebra/poly.js';
import type { Architecture, Component, SymbolDef } from '../formulas/architecture.js';
import { symbolicLedger } from '../ledger/symbolic.js';
import type { ModelSpec } from '../model/spec.js';
import { checkConstraints } from '../model/spec.js';
import { digits } from '../print/numbers.js';
import { follow, valuesAt, type FollowOptions, type Following } from './relations.js';

export interface StudyComponent {
  component: Component;
  /** FLOPs of one occurrence (one layer for per-layer components). */
  each: bigint;
  /** FLOPs in the whole forward pass. */
  total: bigint;
}

export interface StudyPoint {
  label: string;
  model: ModelSpec;
  /** Symbol values at this point. */
  values: Record<string, bigint>;
  total: bigint;
  perLayer: bigint;
  /** All per-layer components together (perLayer × L): the base of a share "of a layer". */
  layers: bigint;
  components: StudyComponent[];
}

export interface Study {
  kind: 'compare' | 'sweep';
  /** The swept symbol (sweeps only). */
  symbol?: SymbolDef;
  /** The relations a sweep follows (f = 4d moves with d), and those it does not. */
  following?: Following;
  points: StudyPoint[];
}

interface CompiledLedger {
  order: string[];
  total: Compiled;
  perLayer: Compiled;
  components: Array<{ component: Component; each: Compiled; total: Compiled }>;
}

const compiled = new WeakMap<Architecture, CompiledLedger>();

/** Matmul-FLOP formulas of an architecture, compiled once. */
function compiledLedger(arch: Architecture): CompiledLedger {
  const hit = compiled.get(arch);
  if (hit) return hit;
  const l = symbolicLedger(arch);
  const order = arch.symbols.map((s) => s.name);
  const c = (p: Poly) => compile(p, order);
  const out: CompiledLedger = {
    order,
    total: c(l.flops.total),
    perLayer: c(l.flops.perLayer),
    components: l.components
      .filter((sc) => !sc.flops.isZero())
      .map((sc) => ({ component: sc.component, each: c(sc.component.flops), total: c(sc.flops) })),
  };
  compiled.set(arch, out);
  return out;
}

/** One point: the model's components' FLOPs at the given symbol values (a batch is the symbol B among them). */
export function studyPoint(label: string, model: ModelSpec, values: Record<string, bigint> = model.values): StudyPoint {
  const cl = compiledLedger(model.arch);
  const v = cl.order.map((s) => values[s]!);
  const components = cl.components.map((c) => ({ component: c.component, each: c.each(v), total: c.total(v) }));
  return {
    label,
    model,
    values,
    total: cl.total(v),
    perLayer: cl.perLayer(v),
    layers: components.filter((c) => c.component.scope === 'layer').reduce((s, c) => s + c.total, 0n),
    components,
  };
}

export function compareStudy(models: ModelSpec[]): Study {
  return { kind: 'compare', points: models.map((m) => studyPoint(m.label, m)) };
}

/**
 * One model at several values of one symbol. Relations that involve it are followed (the symbols
 * they define are computed at each point: f = 4d), unless `opts` holds them.
 */
export function sweepStudy(model: ModelSpec, symbol: SymbolDef, values: Iterable<bigint>, opts: FollowOptions = {}): Study {
  const plan = sweepPlan(model, symbol, opts);
  return { kind: 'sweep', symbol, following: plan.following, points: [...values].map((x) => plan.at(x)) };
}

/** The points of a sweep one at a time, for output streamed point by point (a million points in constant memory). */
export function* sweepPoints(plan: SweepPlan, values: Iterable<bigint>): Generator<StudyPoint> {
  for (const x of values) yield plan.at(x);
}

export interface SweepPlan {
  model: ModelSpec;
  symbol: SymbolDef;
  following: Following;
  /** The point at x: exactly studyPoint at valuesAt(x), and the same error for a value that cannot be used. */
  at(x: bigint): StudyPoint;
}

/**
 * A sweep compiled for its one moving symbol x: every formula, with the followed relations
 * substituted, becomes a polynomial in x alone (compileIn), so that a point costs a few BigInt
 * multiplies per quantity rather than a walk over every term and symbol. A value the checks
 * refuse (a relation or default that is not whole, a constraint broken) goes the general way,
 * valuesAt and checkConstraints, which throw the error the user sees.
 */
export function sweepPlan(model: ModelSpec, symbol: SymbolDef, opts: FollowOptions = {}): SweepPlan {
  const following = follow(model, symbol.name, opts);
  const x = symbol.name;
  const arch = model.arch;
  const base = model.values;
  const inX = (p: Poly) => compileIn(following.used.reduce((q, r) => q.substitute(r.symbol, r.poly), p), x, base);
  const l = symbolicLedger(arch);
  const related = following.used.map((r) => ({ symbol: r.symbol, value: inX(r.poly) }));
  const defaults = arch.defaulted.map((s) => ({ name: s.name, value: inX(s.default!), zero: s.default!.isZero() }));
  const total = inX(l.flops.total);
  const perLayer = inX(l.flops.perLayer);
  const components = l.components
    .filter((sc) => !sc.flops.isZero())
    .map((sc) => ({ component: sc.component, layer: sc.component.scope === 'layer', each: inX(sc.component.flops), total: inX(sc.flops) }));

  const general = (v: bigint): StudyPoint => {
    const where = `--${x} ${v}`;
    const at = valuesAt(model, following, v, where);
    checkConstraints(model, at, where);
    return studyPoint(`${x} = ${digits(v)}`, model, at);
  };
  // A capped symbol (the window W = min(window, T)) is not a polynomial in x: such a model takes
  // the general way at every point, where valuesAt applies the cap.
  const capped = arch.symbols.some((s) => s.cappedBy !== undefined && base[s.name] !== undefined);
  const fast = (v: bigint): StudyPoint | undefined => {
    if (capped) return undefined;
    const values: Record<string, bigint> = { ...base, [x]: v };
    for (const r of related) {
      const value = r.value(v);
      if (value <= 0n) return undefined;
      values[r.symbol] = value;
    }
    // A defaulted symbol has no value of its own: its default's (a constraint may name it).
    const defaulted: Record<string, bigint> = {};
    for (const d of defaults) {
      const value = d.value(v);
      if (value < 0n || (value === 0n && !d.zero)) return undefined;
      defaulted[d.name] = value;
    }
    for (const c of arch.constraints) {
      const [lv, rv] = [values[c.left] ?? defaulted[c.left], values[c.right] ?? defaulted[c.right]];
      if (lv === undefined || rv === undefined) return undefined;
      if (c.kind === 'divides' ? rv % lv !== 0n : lv > rv) return undefined;
    }
    let layers = 0n;
    const cs = components.map((c) => {
      const t = c.total(v);
      if (c.layer) layers += t;
      return { component: c.component, each: c.each(v), total: t };
    });
    return { label: `${x} = ${digits(v)}`, model, values, total: total(v), perLayer: perLayer(v), layers, components: cs };
  };
  return {
    model,
    symbol,
    following,
    at(v) {
      try {
        return fast(v) ?? general(v);
      } catch (e) {
        if (e instanceof RangeError) return general(v); // not a whole number: the general way says which
        throw e;
      }
    },
  };
}
