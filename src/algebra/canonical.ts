// The canonical, readable form of a formula. mathjs' generic simplify gives forms such as
// `d * (2 * V + 1 + 3 * L * f) + L * (4 * d ^ 2 + 2 * d)`; a formula sheet wants
// `L(4d² + 3df + 2d) + 2dV + d`. The rule, applied to the exact expanded Poly:
//
//   1. Expand fully (a Poly is always expanded) and drop zero terms.
//   2. Collect by one symbol (L by default): terms with the same power of it form a group, the
//      power is factored out, groups go from the highest power down, the free group last.
//      A group of one term is not factored (it prints as the plain term, e.g. 4LTd²).
//   3. Inside a group: higher total degree first; ties go to the term with the higher power of
//      the earlier symbol in the architecture's declared order (graded lexicographic order).
//   4. Inside a term: coefficient, then symbols in declared order; negative powers form a
//      denominator (k·d²/h).
//   0. Before all of this, an outer symbol (the batch B, which multiplies every FLOP count) that
//      divides every term is factored out in front when two or more terms remain: B(L(…) + 2TdV).
//
// The printers in src/print turn this structure into text, LaTeX or mathjs-parsable ASCII.

import { Monomial, Poly, type Term } from './poly.js';
import { Rational } from './rational.js';

/** A term laid out for printing: sign, |coefficient|, numerator and denominator factors. */
export interface LaidTerm {
  negative: boolean;
  coef: Rational; // positive
  num: Array<[string, number]>; // symbol, positive exponent, in declared order
  den: Array<[string, number]>;
}

export interface Group {
  /** Power of the collect symbol factored out of this group (0: not factored). */
  power: number;
  /** Symbol factored out, or undefined when the group prints as plain terms. */
  factor?: string;
  terms: LaidTerm[];
}

export interface Canonical {
  /** A factor written in front of the whole sum (B^power), when rule 0 applies. */
  outer?: { symbol: string; power: number };
  groups: Group[];
}

export interface CanonicalOptions {
  /** Symbol order for terms and inside terms; symbols not listed follow alphabetically. */
  order: readonly string[];
  /** Symbol to collect by; none collects nothing. */
  collect?: string;
  /** Symbol factored out of the whole sum when it divides every term (rule 0). */
  outer?: string;
}

export function canonical(p: Poly, opts: CanonicalOptions): Canonical {
  const o = opts.outer;
  if (o !== undefined && p.terms().length > 1 && p.lowDegree(o) >= 1) {
    const power = p.lowDegree(o);
    const inner = canonicalInner(p.div(Poly.symbol(o).pow(power)), opts);
    return { outer: { symbol: o, power }, groups: inner.groups };
  }
  return canonicalInner(p, opts);
}

function canonicalInner(p: Poly, opts: CanonicalOptions): Canonical {
  const rank = symbolRank(opts.order);
  const terms = p.terms();
  if (!opts.collect) return { groups: [{ power: 0, terms: sortTerms(terms, rank).map((t) => layTerm(t, rank)) }] };

  const by = opts.collect;
  const groups: Group[] = [];
  const collected = [...p.collect(by)].sort(([a], [b]) => b - a);
  for (const [power, rest] of collected) {
    const inner = rest.terms();
    if (power === 0 || inner.length === 1) {
      // Not factored: put the symbol back so the term prints whole.
      const whole = inner.map((t) => ({ mono: t.mono.mul(new Monomial([[by, power]])), coef: t.coef }));
      groups.push({ power, terms: sortTerms(whole, rank).map((t) => layTerm(t, rank)) });
    } else {
      groups.push({ power, factor: by, terms: sortTerms(inner, rank).map((t) => layTerm(t, rank)) });
    }
  }
  return { groups };
}

function symbolRank(order: readonly string[]): (s: string) => number {
  const idx = new Map(order.map((s, i) => [s, i]));
  return (s: string) => idx.get(s) ?? order.length;
}

function sortTerms(terms: Term[], rank: (s: string) => number): Term[] {
  const bySymbol = (a: string, b: string) => rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0);
  const symbols = [...new Set(terms.flatMap((t) => t.mono.exps.map(([s]) => s)))].sort(bySymbol);
  return [...terms].sort((a, b) => {
    const deg = b.mono.totalDegree() - a.mono.totalDegree();
    if (deg !== 0) return deg;
    for (const s of symbols) {
      const diff = b.mono.exponent(s) - a.mono.exponent(s);
      if (diff !== 0) return diff;
    }
    return b.coef.compare(a.coef);
  });
}

function layTerm(t: Term, rank: (s: string) => number): LaidTerm {
  const exps = [...t.mono.exps].sort(([a], [b]) => rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0));
  return {
    negative: t.coef.isNegative(),
    coef: t.coef.abs(),
    num: exps.filter(([, e]) => e > 0).map(([s, e]) => [s, e]),
    den: exps.filter(([, e]) => e < 0).map(([s, e]) => [s, -e]),
  };
}
