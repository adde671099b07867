// Shared layout of a canonical sum: signs, groups and parentheses. Each output format
// (text, LaTeX, ASCII) is a Style: how one term, one factored group and the signs look.

import type { Canonical, LaidTerm } from '../algebra/canonical.js';
import { Poly } from '../algebra/poly.js';
import { canonical, type CanonicalOptions } from '../algebra/canonical.js';

export interface Style {
  /** A term without its sign. */
  term(t: LaidTerm): string;
  /** A factored group, e.g. L(…) or L^{2}\left(…\right). */
  group(symbol: string, power: number, inner: string): string;
  /** A factor written before a group without parentheses of its own: the B of BL(…). */
  factor(symbol: string, power: number): string;
  plus: string;
  minus: string;
  /** Sign in front of a negative first term. */
  leadingMinus: string;
  zero: string;
}

/**
 * A sum never opens with a minus when it has a positive term: the first positive term moves to
 * the front and the rest keep their canonical order, so a crossover prints (3f − 4d)/2 rather
 * than (−4d + 3f)/2. Every printer goes through here, so text, LaTeX and ASCII agree.
 */
export function positiveFirst<T extends { negative: boolean }>(terms: T[]): T[] {
  const i = terms.findIndex((t) => !t.negative);
  return i <= 0 ? terms : [terms[i]!, ...terms.slice(0, i), ...terms.slice(i + 1)];
}

export function renderCanonical(c: Canonical, style: Style): string {
  const sum = (terms: Array<{ negative: boolean; body: string }>): string =>
    positiveFirst(terms)
      .map((t, i) => (i === 0 ? (t.negative ? style.leadingMinus : '') : t.negative ? style.minus : style.plus) + t.body)
      .join('');

  const parts: Array<{ negative: boolean; body: string }> = [];
  for (const g of c.groups) {
    if (g.factor === undefined) {
      for (const t of g.terms) parts.push({ negative: t.negative, body: style.term(t) });
    } else {
      const inner = sum(g.terms.map((t) => ({ negative: t.negative, body: style.term(t) })));
      parts.push({ negative: false, body: style.group(g.factor, g.power, inner) });
    }
  }
  if (parts.length === 0) return style.zero;
  if (!c.outer) return sum(parts);
  // B times a single factored group reads BL(…), not B(L(…)).
  const only = c.groups.length === 1 ? c.groups[0]! : undefined;
  if (only?.factor !== undefined) return style.factor(c.outer.symbol, c.outer.power) + parts[0]!.body;
  return style.group(c.outer.symbol, c.outer.power, sum(parts));
}

/** Canonicalise and render in one step. */
export function renderPoly(p: Poly, style: Style, opts: CanonicalOptions): string {
  return renderCanonical(canonical(p, opts), style);
}
