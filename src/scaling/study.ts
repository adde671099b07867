// A study: the forward FLOPs of several models (compare) or of one model at several values of
// a symbol (sweep), component by component, with shares of a layer and of the whole. Formulas
// are compiled once per architecture and evaluated at each point (no re-simplification).

import { compile, type Compiled } from '../algebra/compile.js';
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
export function sweepStudy(model: ModelSpec, symbol: SymbolDef, values: bigint[], opts: FollowOptions = {}): Study {
  const following = follow(model, symbol.name, opts);
  return {
    kind: 'sweep',
    symbol,
    following,
    points: values.map((x) => {
      const where = `--${symbol.name} ${x}`;
      const at = valuesAt(model, following, x, where);
      checkConstraints(model, at, where);
      return studyPoint(`${symbol.name} = ${digits(x)}`, model, at);
    }),
  };
}
