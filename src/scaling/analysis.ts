// How a quantity grows in one symbol: its partial derivative (by mathjs, expanded into the
// canonical form), its polynomial degree, its leading term and its local scaling exponent.

import { mathjs, mathNodeFromPoly, polyFromMathNode } from '../algebra/mathjs.js';
import { Monomial, Poly } from '../algebra/poly.js';
import { Rational } from '../algebra/rational.js';

/** ∂p/∂x computed by mathjs.derivative on the formula's expression tree, read back as an exact Poly. */
export function derivative(p: Poly, x: string, symbols: ReadonlySet<string>): Poly {
  // simplify: false keeps mathjs from folding 3/2 into the float 1.5; Poly expands exactly.
  const node = mathjs().derivative(mathNodeFromPoly(p), x, { simplify: false });
  return polyFromMathNode(node, symbols);
}

/** The terms of highest power of x: what p behaves like as x grows. */
export function leadingTerm(p: Poly, x: string): Poly {
  const deg = p.degree(x);
  return (p.collect(x).get(deg) ?? Poly.ZERO).mul(Poly.fromTerms([{ mono: new Monomial([[x, deg]]), coef: Rational.ONE }]));
}

/**
 * Local scaling exponent ∂log p/∂log x = x·p'(x)/p(x) at a point: p grows like x^e near it.
 * Undefined (undefined) where p is zero.
 */
export function elasticity(p: Poly, dp: Poly, x: string, values: Record<string, bigint>): Rational | undefined {
  const v = p.evaluate(values);
  if (v.isZero()) return undefined;
  return Rational.of(values[x]!).mul(dp.evaluate(values)).div(v);
}

/**
 * The exact cost of one more unit of x: p(x + 1) − p(x). The derivative is the slope; for a
 * quadratic in T the two differ by the T² term's coefficient (4LT²d: 4Ld(2T + 1) against 8LTd).
 * Undefined when p has negative powers of x (1/h), where x + 1 has no polynomial form.
 */
export function increment(p: Poly, x: string): Poly | undefined {
  if (p.lowDegree(x) < 0) return undefined;
  return p.substitute(x, Poly.symbol(x).add(Poly.ONE)).sub(p);
}
