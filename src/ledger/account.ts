// The evaluated ledger of one model: every count of the symbolic ledger at the model's
// symbol values, exact (BigInt), with the formula it came from beside it. The CLI, JSON and
// documents are views of this one structure.

import type { Poly } from '../algebra/poly.js';
import { Rational } from '../algebra/rational.js';
import { UserError } from '../errors.js';
import { asciiStyle } from '../print/ascii.js';
import { renderPoly } from '../print/render.js';
import type { Component, Matmul, NonMatmul } from '../formulas/architecture.js';
import type { ModelSpec } from '../model/spec.js';
import { DTYPES } from './dtypes.js';
import { nonMatmulOf, symbolicLedger, type SymbolicLedger } from './symbolic.js';

/** An exact count and the formula it evaluates. */
export interface Count {
  value: bigint;
  formula: Poly;
}

export interface MatmulAccount {
  matmul: Matmul;
  component: Component;
  /** Evaluated shapes [m, n] @ [n, p]. */
  left: [bigint, bigint];
  right: [bigint, bigint];
  times: bigint;
  /** Per occurrence of the component (per layer for layer components). */
  flops: Count;
  /** In the whole forward pass (all layers, all sequences of the batch). */
  total: bigint;
}

export interface NonMatmulAccount {
  op: NonMatmul;
  component: Component;
  flops: Count;
  total: bigint;
}

export interface ComponentAccount {
  component: Component;
  /** How many times it occurs in the model (L for per-layer components). */
  occurrences: bigint;
  params: { each: Count; total: Count };
  flops: { each: Count; total: Count };
  nonMatmulFlops: { each: Count; total: Count };
}

export interface Account {
  model: ModelSpec;
  ledger: SymbolicLedger;
  components: ComponentAccount[];
  /** total; active: what one token uses (= total for a dense model); perLayer. */
  params: { total: Count; perLayer: Count; active: Count };
  memory: Array<{ dtype: string; bytesPerParam: Rational; bytes: bigint }>;
  flops: { total: Count; perLayer: Count; matmuls: MatmulAccount[] };
  nonMatmul: { total: Count; perLayer: Count; ops: NonMatmulAccount[] };
}

export function account(model: ModelSpec): Account {
  const ledger = symbolicLedger(model.arch);
  const v = model.values;
  // A batch is already the factor B inside every FLOP formula (see resolve.ts).
  const count = (p: Poly): Count => ({ value: exact(p, v), formula: p });
  const occ = (c: Component) => exact(c.occurs, v);

  const components: ComponentAccount[] = ledger.components.map((sc) => {
    const c = sc.component;
    return {
      component: c,
      occurrences: occ(c),
      params: { each: count(c.params), total: count(sc.params) },
      flops: { each: count(c.flops), total: count(sc.flops) },
      nonMatmulFlops: { each: count(nonMatmulOf(c)), total: count(sc.nonMatmulFlops) },
    };
  });
  const matmuls: MatmulAccount[] = model.arch.components.flatMap((c) =>
    c.matmuls.map((m) => {
      const flops = count(m.flops);
      return {
        matmul: m,
        component: c,
        left: [exact(m.left[0], v), exact(m.left[1], v)] as [bigint, bigint],
        right: [exact(m.right[0], v), exact(m.right[1], v)] as [bigint, bigint],
        times: exact(m.times, v),
        flops,
        total: flops.value * occ(c),
      };
    }),
  );
  const ops: NonMatmulAccount[] = model.arch.components.flatMap((c) =>
    c.nonMatmul.map((op) => {
      const flops = count(op.flops);
      return { op, component: c, flops, total: flops.value * occ(c) };
    }),
  );
  const total = count(ledger.params.total);
  return {
    model,
    ledger,
    components,
    params: { total, perLayer: count(ledger.params.perLayer), active: count(ledger.params.active) },
    memory: DTYPES.map((d) => ({ dtype: d.name, bytesPerParam: d.bytes, bytes: ceil(Rational.of(total.value).mul(d.bytes)) })),
    flops: { total: count(ledger.flops.total), perLayer: count(ledger.flops.perLayer), matmuls },
    nonMatmul: {
      total: count(ledger.nonMatmulFlops.total),
      perLayer: count(ledger.nonMatmulFlops.perLayer),
      ops,
    },
  };
}

/**
 * Evaluates a count. A count that is not a whole number comes from a shape in the architecture
 * file that does not divide evenly for these values (e.g. [d/h/3]): the file is what to fix.
 */
export function exact(p: Poly, values: Record<string, bigint>): bigint {
  const r = p.evaluate(values);
  if (!r.isInteger()) {
    const at = Object.entries(values).map(([s, v]) => `${s} = ${v}`).join(', ');
    throw new UserError(`a count is not a whole number: ${renderPoly(p, asciiStyle, { order: [] })} = ${r} at ${at}; a shape in the architecture file does not divide evenly`);
  }
  return r.num;
}

function ceil(r: Rational): bigint {
  const q = r.num / r.den;
  return r.num % r.den === 0n ? q : q + 1n;
}

/** share = part / whole as an exact rational (floats only at the edge). */
export function share(part: bigint, whole: bigint): Rational {
  return whole === 0n ? Rational.ZERO : Rational.of(part, whole);
}
