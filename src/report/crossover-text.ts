// Crossovers as text: the closed form in each format and the crossing value.

import type { Poly } from '../algebra/poly.js';
import { Rational } from '../algebra/rational.js';
import type { Crossover } from '../scaling/crossover.js';
import type { FormulaPrinter } from '../print/formula.js';
import { digits, groupedDecimal } from '../print/numbers.js';

/** A crossover's closed form in one format, e.g. "(3f − 4d)/2" or "\frac{3f - 4d}{2}". */
export function closedFormText(c: Crossover, f: FormulaPrinter, format: 'text' | 'latex' | 'ascii'): string | undefined {
  const cf = c.closedForm;
  if (!cf) return undefined;
  const show = (p: Poly) => f[format](p);
  // A denominator needs parentheses unless it is one integer or one bare symbol: V/(2L), not V/2L.
  const bare = (p: Poly) => {
    const t = p.asTerm();
    return !!t && (t.mono.exps.length === 0 || (t.mono.exps.length === 1 && t.mono.exps[0]![1] === 1 && t.coef.equals(Rational.ONE)));
  };
  const wrap = (p: Poly) => (bare(p) ? show(p) : `(${show(p)})`);
  if (cf.kind === 'linear') {
    const den = cf.den.asConstant();
    if (den && den.equals(Rational.ONE)) return show(cf.num);
    if (format === 'latex') return `\\frac{${show(cf.num)}}{${show(cf.den)}}`;
    return `${cf.num.terms().length > 1 ? `(${show(cf.num)})` : show(cf.num)}/${wrap(cf.den)}`;
  }
  const [a, b, c2] = [show(cf.a), show(cf.b), show(cf.c)];
  // Both roots; the crossings beside it say which are positive. ASCII is a mathjs-evaluable list.
  if (format === 'latex') return `\\frac{-b \\pm \\sqrt{b^2 - 4ac}}{2a},\\ a = ${a},\\ b = ${b},\\ c = ${c2}`;
  if (format === 'ascii') {
    const root = (sign: string) => `(-(${b}) ${sign} sqrt((${b})^2 - 4*(${a})*(${c2})))/(2*(${a}))`;
    return `[${root('+')}, ${root('-')}]`;
  }
  return `(−b ± √(b² − 4ac))/(2a) with a = ${a}, b = ${b}, c = ${c2}`;
}

/** A crossing point: exact integers in full, exact fractions as 13,323.51 (= 1279057/96), roots ≈. */
export function crossingValue(v: Rational | number): string {
  if (typeof v === 'number') return `≈ ${groupedDecimal(Rational.of(BigInt(Math.round(v * 100)), 100n), 2)}`;
  return v.isInteger() ? digits(v.num) : `${groupedDecimal(v, 2)} (= ${v.num}/${v.den})`;
}
