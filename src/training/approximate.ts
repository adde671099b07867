// A published approximation of training FLOPs beside the exact count of a step: the same
// quantity as polynomials in the model's symbols, their difference, and (for 6ND) what each
// component contributes to the difference, so the dropped terms are named, not guessed.

import { ExprError, parsePoly } from '../algebra/parse.js';
import { Poly } from '../algebra/poly.js';
import { BATCH_SYMBOL, SEQ_FIELD, type Component } from '../formulas/architecture.js';
import { APPROXIMATIONS, type Approximation } from '../formulas/training/approximations.js';
import { sumPolys } from './backward.js';
import type { TrainingLedger } from './ledger.js';

export interface ComponentGap {
  component: Component;
  /** Exact model FLOPs of the component minus the approximation's share of it. */
  gap: Poly;
}

export interface ApproximationCheck {
  approximation: Approximation;
  /** Undefined when the model lacks a field the formula needs (the reason says which). */
  poly?: Poly;
  unavailable?: string;
  /** exact − approximation, per step. */
  difference?: Poly;
  components?: ComponentGap[];
}

const occ = (_t: TrainingLedger, c: Component) => c.occurs;

export function approximations(t: TrainingLedger): ApproximationCheck[] {
  return APPROXIMATIONS.all().map((a) => check(t, a));
}

function check(t: TrainingLedger, a: Approximation): ApproximationCheck {
  const arch = t.arch;
  const bySymbol = (field: string): Poly | undefined => {
    if (field === BATCH_SYMBOL.config) return Poly.symbol(BATCH_SYMBOL.name);
    const s = arch.symbols.find((x) => x.config === field);
    if (s) return Poly.symbol(s.name);
    // A field the architecture writes as its default expression (head_dim = d/h).
    const d = arch.defaulted.find((x) => x.config === field);
    if (d) return d.default;
    const fb = a.fallback[field];
    if (fb === undefined) return undefined;
    const fields = arch.symbols.map((x) => x.config);
    try {
      let p = parsePoly(fb, new Set(fields));
      for (const f of p.symbols()) p = p.substitute(f, bySymbol(f)!);
      return p;
    } catch (e) {
      if (e instanceof ExprError) return undefined;
      throw e;
    }
  };
  const seq = arch.symbols.find((x) => x.config === SEQ_FIELD);
  if (!seq) return { approximation: a, unavailable: `${arch.id} has no sequence length` };
  const paramsOf = (c: Component) => c.params.mul(occ(t, c));
  const kept = arch.components.filter((c) => !a.exclude.includes(c.id));
  const N = sumPolys(kept.map(paramsOf));
  const D = Poly.symbol(BATCH_SYMBOL.name).mul(Poly.symbol(seq.name));
  let poly = a.formula.substitute('D', D);
  for (const [paper, field] of Object.entries(a.symbols)) {
    const by = bySymbol(field);
    if (!by) return { approximation: a, unavailable: `${arch.id} has no ${field}` };
    poly = poly.substitute(paper, by);
  }
  const exact = t.flops.model;
  const withN = (n: Poly) => poly.substitute('N', n);
  const out: ApproximationCheck = { approximation: a, poly: withN(N), difference: exact.sub(withN(N)) };
  if (a.perComponent) {
    // Linear in N: the approximation of the whole is the sum of its value at each component's N.
    const zero = withN(Poly.ZERO);
    out.components = arch.components.map((c) => {
      const forward = c.flops.mul(occ(t, c));
      const backward = sumPolys(t.flops.backwardProducts.filter((p) => p.component === c).map((p) => p.flops)).mul(occ(t, c));
      const share = a.exclude.includes(c.id) ? Poly.ZERO : withN(paramsOf(c)).sub(zero);
      return { component: c, gap: forward.add(backward).sub(share) };
    }).filter((g) => !g.gap.isZero());
  }
  return out;
}
