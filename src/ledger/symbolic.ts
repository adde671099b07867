// The symbolic ledger of an architecture: per-component, per-layer and whole-model
// parameters and matmul FLOPs as exact polynomials, all derived from the declared shapes.

import { Poly } from '../algebra/poly.js';
import type { Architecture, Component } from '../formulas/architecture.js';

export interface SymbolicComponent {
  component: Component;
  /** Parameters in the whole model (×L for a per-layer component). */
  params: Poly;
  /** Parameters one token uses (the K of E routed experts; everything else whole). */
  activeParams: Poly;
  /** Matmul FLOPs of one forward pass over T tokens, whole model. */
  flops: Poly;
  /** Non-matmul FLOPs (alternatives excluded), whole model. */
  nonMatmulFlops: Poly;
}

export interface SymbolicLedger {
  arch: Architecture;
  components: SymbolicComponent[];
  /** Per-layer components in only some of the layers: left out of every perLayer sum. */
  partial: Component[];
  params: { perLayer: Poly; total: Poly; active: Poly };
  flops: { perLayer: Poly; total: Poly };
  nonMatmulFlops: { perLayer: Poly; total: Poly };
}

const sum = (ps: Poly[]) => ps.reduce((a, b) => a.add(b), Poly.ZERO);

/** Non-matmul FLOPs of one occurrence of a component, alternative conventions left out. */
export function nonMatmulOf(c: Component): Poly {
  return sum(c.nonMatmul.filter((n) => !n.alternativeTo).map((n) => n.flops));
}

const ledgers = new WeakMap<Architecture, SymbolicLedger>();

export function symbolicLedger(arch: Architecture): SymbolicLedger {
  const hit = ledgers.get(arch);
  if (hit) return hit;
  const L = Poly.symbol(arch.layers);
  const occurrences = (c: Component) => c.occurs;
  const components = arch.components.map((c) => ({
    component: c,
    params: c.params.mul(occurrences(c)),
    activeParams: c.activeParams.mul(occurrences(c)),
    flops: c.flops.mul(occurrences(c)),
    nonMatmulFlops: nonMatmulOf(c).mul(occurrences(c)),
  }));
  // Per layer: one occurrence of each component every layer has. A component in only some of the
  // layers (the dense feed-forward of a model whose other layers are sparse) is not in it: such a
  // model's layers differ, and outputs name those components apart (`partial`).
  const every = arch.components.filter((c) => c.scope === 'layer' && c.occurs.equals(L));
  const perLayer = (f: (c: Component) => Poly) => sum(every.map(f));
  const ledger: SymbolicLedger = {
    arch,
    components,
    partial: arch.components.filter((c) => c.scope === 'layer' && !c.occurs.equals(L)),
    params: { perLayer: perLayer((c) => c.params), total: sum(components.map((c) => c.params)), active: sum(components.map((c) => c.activeParams)) },
    flops: { perLayer: perLayer((c) => c.flops), total: sum(components.map((c) => c.flops)) },
    nonMatmulFlops: {
      perLayer: perLayer(nonMatmulOf),
      total: sum(components.map((c) => c.nonMatmulFlops)),
    },
  };
  ledgers.set(arch, ledger);
  return ledger;
}
