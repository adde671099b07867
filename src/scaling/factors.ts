// What changes when one symbol goes from a to b: the factor of the total and of each part,
// and each part's share of the whole (and of one layer) before and after. Exact throughout;
// ratios become floats only when printed.

import type { Poly } from '../algebra/poly.js';
import { Rational } from '../algebra/rational.js';
import type { Part, Quantity } from './quantity.js';
import { share } from '../ledger/account.js';

export interface PartChange {
  part: Part;
  from: bigint;
  to: bigint;
  factor: Rational | undefined;
  share: { from: Rational; to: Rational };
  layerShare?: { from: Rational; to: Rational };
  /** The part's degree in x: its factor is (b/a)^degree when it is a single power of x. */
  degree: number;
}

export interface Change {
  x: string;
  from: bigint;
  to: bigint;
  total: { from: bigint; to: bigint; factor: Rational | undefined };
  layer?: { from: bigint; to: bigint };
  parts: PartChange[];
  atoms: PartChange[];
  /** Symbols a relation moves with x, at both ends (f = 4d: 6,400 -> 12,800). */
  derived?: Array<{ symbol: string; from: bigint; to: bigint }>;
}

export function change(q: Quantity, x: string, from: bigint, to: bigint, values: Record<string, bigint>): Change {
  const at = (p: Poly, v: bigint) => p.evaluate({ ...values, [x]: v }).toBigInt();
  const total = { from: at(q.poly, from), to: at(q.poly, to) };
  const layer = q.layer ? { from: at(q.layer, from), to: at(q.layer, to) } : undefined;
  const ratio = (a: bigint, b: bigint) => (a === 0n ? undefined : Rational.of(b, a));
  const partChange = (p: Part): PartChange => {
    const [f, t] = [at(p.poly, from), at(p.poly, to)];
    return {
      part: p,
      from: f,
      to: t,
      factor: ratio(f, t),
      share: { from: share(f, total.from), to: share(t, total.to) },
      ...(layer && p.scope === 'layer' ? { layerShare: { from: share(f, layer.from), to: share(t, layer.to) } } : {}),
      degree: p.poly.degree(x),
    };
  };
  return {
    x,
    from,
    to,
    total: { ...total, factor: ratio(total.from, total.to) },
    ...(layer ? { layer } : {}),
    parts: q.parts.map(partChange),
    atoms: q.atoms.map(partChange),
  };
}
