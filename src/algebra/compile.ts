// Polynomials compiled to plain JavaScript over BigInt, for evaluating one formula at many
// points (sweeps). Exact like Poly.evaluate, without its per-term rational arithmetic: the
// polynomial is scaled to integer coefficients and non-negative powers, evaluated, and divided
// back exactly (a remainder means the value is not an integer, which is an error for a count).

import { Monomial, Poly } from './poly.js';
import { Rational, gcd } from './rational.js';

export type Compiled = (values: readonly bigint[]) => bigint;

/** Compiles p over `symbols` (the order of the values array). */
export function compile(p: Poly, symbols: readonly string[]): Compiled {
  const terms = p.terms();
  for (const t of terms)
    for (const [s] of t.mono.exps) if (!symbols.includes(s)) throw new RangeError(`symbol ${s} is not among ${symbols.join(', ')}`);
  // Scale: multiply by the lcm of the coefficient denominators and by x^k for each negative power.
  let lcm = 1n;
  for (const t of terms) lcm = (lcm * t.coef.den) / gcd(lcm, t.coef.den);
  const shift = new Monomial(symbols.map((s) => [s, Math.max(0, -p.lowDegree(s))] as const));
  const scaled = p.mul(Poly.fromTerms([{ mono: shift, coef: Rational.of(lcm) }]));
  const index = new Map(symbols.map((s, i) => [s, i]));
  const body =
    scaled
      .terms()
      .map((t) => [`${t.coef.num}n`, ...t.mono.exps.map(([s, e]) => `v[${index.get(s)}]${e === 1 ? '' : `**${e}n`}`)].join('*'))
      .join(' + ') || '0n';
  const divisor = [`${lcm}n`, ...shift.exps.map(([s, e]) => `v[${index.get(s)}]${e === 1 ? '' : `**${e}n`}`)].join('*');
  const needsDivision = lcm !== 1n || shift.exps.length > 0;
  // The body is generated from integers and indices only, never from user text.
  const fn = new Function('v', `const n = ${body};${needsDivision ? ` const d = ${divisor}; if (n % d !== 0n) throw new RangeError('not an integer'); return n / d;` : ' return n;'}`);
  return fn as Compiled;
}

/**
 * p as a function of one symbol x, every other symbol fixed at its value in `at` (a sweep moves
 * one symbol): the coefficients of each power of x are evaluated once, and each point costs a
 * Horner evaluation over BigInt — a few multiplies, however many terms p has. Exact as `compile`:
 * scaled to integer coefficients and non-negative powers, divided back, a remainder an error.
 */
export function compileIn(p: Poly, x: string, at: Readonly<Record<string, bigint>>): (v: bigint) => bigint {
  const powers = [...p.collect(x)].map(([k, c]) => [k, c.evaluate(at)] as const).filter(([, c]) => !c.isZero());
  if (powers.length === 0) return () => 0n;
  const low = Math.min(0, ...powers.map(([k]) => k));
  let lcm = 1n;
  for (const [, c] of powers) lcm = (lcm * c.den) / gcd(lcm, c.den);
  const top = Math.max(...powers.map(([k]) => k)) - low;
  const coef: bigint[] = Array.from({ length: top + 1 }, () => 0n);
  for (const [k, c] of powers) coef[k - low] = (c.num * lcm) / c.den;
  // Horner: ((a_n·v + a_{n−1})·v + …)·v + a_0, from integers only (never user text).
  let body = `${coef[top]}n`;
  for (let j = top - 1; j >= 0; j--) body = coef[j] === 0n ? `(${body})*v` : `(${body})*v + ${coef[j]}n`;
  const divisor = [...(lcm !== 1n ? [`${lcm}n`] : []), ...(low < 0 ? [`v**${-low}n`] : [])].join('*');
  const fn = new Function(
    'v',
    divisor ? `const n = ${body}; const d = ${divisor}; if (n % d !== 0n) throw new RangeError('not an integer'); return n / d;` : `return ${body};`,
  );
  return fn as (v: bigint) => bigint;
}
