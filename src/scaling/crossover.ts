// Where one part of a quantity overtakes another, solved from the formulas: the positive
// roots in x of A − B with the other symbols at the model's values. Degree 1 (after taking
// out powers of x) has an exact rational root and a closed form A − B = 0 ⇔ x = −c₀/c₁;
// degree 2 a closed form by the quadratic formula; higher degrees are bracketed numerically
// on the exact polynomial.

import { Monomial, Poly } from '../algebra/poly.js';
import { Rational, gcd } from '../algebra/rational.js';

export interface Crossing {
  /** The root: exact when rational, else a double bracketed to ~1e-12 relative. */
  value: Rational | number;
  /** Which side is larger just above the crossing. */
  above: 'a' | 'b';
}

export interface Crossover {
  a: string;
  b: string;
  /** A − B, symbolic. */
  difference: Poly;
  /** The closed form in the other symbols, when degree ≤ 2: numerator and denominator polys. */
  closedForm?: ClosedForm;
  crossings: Crossing[];
  /** Set when there is no solution x ≥ 1: which side is larger for every x ≥ 1, or equal. */
  always?: 'a' | 'b' | 'equal';
}

export type ClosedForm =
  | { kind: 'linear'; num: Poly; den: Poly }
  /** x = (−b ± √(b² − 4ac)) / (2a), for the polynomial a·x² + b·x + c. */
  | { kind: 'quadratic'; a: Poly; b: Poly; c: Poly };

/** Symbols count things (layers, tokens, widths): crossings below 1 are outside every model. */
const DOMAIN_START = Rational.ONE;

export function crossover(
  a: { name: string; poly: Poly },
  b: { name: string; poly: Poly },
  x: string,
  values: Record<string, bigint>,
): Crossover {
  const diff = a.poly.sub(b.poly);
  const coeffs = shiftedCoefficients(diff, x);
  const others = Object.fromEntries(Object.entries(values).filter(([s]) => s !== x));
  const numeric = new Map<number, Rational>([...coeffs].map(([k, c]) => [k, c.evaluate(others)]));
  for (const [k, c] of numeric) if (c.isZero()) numeric.delete(k);
  const degree = Math.max(0, ...numeric.keys());
  const result: Crossover = { a: a.name, b: b.name, difference: diff, crossings: [] };

  if (numeric.size === 0) return { ...result, always: 'equal' };
  // The closed form holds where no coefficient vanishes at these values (same degree).
  const form = closedForm(diff, x);
  if (form && degree === Math.max(...coeffs.keys())) result.closedForm = form;

  const p = (t: Rational) => [...numeric].reduce((s, [k, c]) => s.add(c.mul(t.pow(k))), Rational.ZERO);
  const roots = degree === 1 ? linearRoot(numeric) : positiveRoots(p);
  for (const r of roots.filter((r) => (typeof r === 'number' ? r >= 1 : r.compare(DOMAIN_START) >= 0))) {
    // Sign just above the root decides who leads there.
    const probe = typeof r === 'number' ? toRational(r * (1 + 1e-9)) : r.mul(Rational.of(1_000_001n, 1_000_000n));
    result.crossings.push({ value: r, above: p(probe).sign() > 0 ? 'a' : 'b' });
  }
  if (result.crossings.length === 0) {
    // No sign change for x ≥ 1: the sign at x = 1 holds throughout.
    result.always = p(Rational.ONE).sign() >= 0 ? 'a' : 'b';
  }
  return result;
}

/**
 * Coefficients of diff in x after multiplying by x^(−lowest power), so that the polynomial
 * starts at x⁰ (same positive roots): a map from power to a Poly in the other symbols.
 */
function shiftedCoefficients(diff: Poly, x: string): Map<number, Poly> {
  const shift = Poly.fromTerms([{ mono: new Monomial([[x, -diff.lowDegree(x)]]), coef: Rational.ONE }]);
  return diff.mul(shift).collect(x);
}

/** The symbolic solution of diff = 0 in x, when it has one by formula (degree 1 or 2). */
export function closedForm(diff: Poly, x: string): ClosedForm | undefined {
  const coeffs = shiftedCoefficients(diff, x);
  const coef = (k: number) => coeffs.get(k) ?? Poly.ZERO;
  const degree = Math.max(0, ...coeffs.keys());
  if (degree === 1) return reduceFraction(coef(0).neg(), coef(1));
  if (degree === 2) return { kind: 'quadratic', a: coef(2), b: coef(1), c: coef(0) };
  return undefined;
}

function linearRoot(c: Map<number, Rational>): Rational[] {
  const c0 = c.get(0) ?? Rational.ZERO;
  const c1 = c.get(1)!;
  const r = c0.neg().div(c1);
  return r.sign() > 0 ? [r] : [];
}

/**
 * Positive roots of a polynomial given by exact coefficients: sign changes on a geometric grid
 * from 10⁻⁶ to 10¹⁸, each refined by bisection on exact rationals. Roots closer together than
 * the grid's step (a factor of 1.05) would be missed; model sizes never need that resolution.
 */
function positiveRoots(p: (t: Rational) => Rational): number[] {
  const roots: number[] = [];
  const grid: Rational[] = [];
  for (let t = 1e-6; t < 1e18; t *= 1.05) grid.push(toRational(t));
  let prev = p(grid[0]!);
  for (let i = 1; i < grid.length; i++) {
    const cur = p(grid[i]!);
    if (cur.isZero()) {
      roots.push(grid[i]!.toNumber());
    } else if (prev.sign() !== 0 && cur.sign() !== prev.sign()) {
      let [lo, hi] = [grid[i - 1]!, grid[i]!];
      for (let k = 0; k < 60; k++) {
        const mid = lo.add(hi).mul(Rational.of(1n, 2n));
        if (p(mid).sign() === p(lo).sign()) lo = mid;
        else hi = mid;
      }
      roots.push(lo.add(hi).mul(Rational.of(1n, 2n)).toNumber());
    }
    prev = cur;
  }
  return roots;
}

function toRational(t: number): Rational {
  // Enough precision for a grid point: t rounded to 1e-9 relative.
  const scale = 10n ** 12n;
  return Rational.of(BigInt(Math.round(t * 1e12)), scale);
}

/**
 * num/den with their common factor taken out (integer content and common monomial), and the
 * sign moved to the numerator: −(6df − 8d²)/(4d)... becomes (3f − 4d)/2.
 */
export function reduceFraction(num: Poly, den: Poly): ClosedForm {
  const terms = [...num.terms(), ...den.terms()];
  let g = 0n;
  for (const t of terms) g = gcd(g, t.coef.num < 0n ? -t.coef.num : t.coef.num);
  let l = 1n;
  for (const t of terms) l = (l * t.coef.den) / gcd(l, t.coef.den);
  const common = new Map<string, number>();
  const first = terms[0]?.mono.exps ?? [];
  for (const [s] of first) common.set(s, Math.min(...terms.map((t) => t.mono.exponent(s))));
  const divisor = Poly.fromTerms([{ mono: new Monomial([...common]), coef: Rational.of(g || 1n, l) }]);
  let [n, d] = [num.div(divisor), den.div(divisor)];
  const lead = d.terms().sort((x, y) => y.mono.totalDegree() - x.mono.totalDegree())[0];
  if (lead && lead.coef.isNegative()) [n, d] = [n.neg(), d.neg()];
  return { kind: 'linear', num: n, den: d };
}
