// Exact symbolic sums: Σ_{i=1}^{n} p(i) for a polynomial p, as a polynomial in n (Faulhaber's
// formula with Bernoulli numbers, B₁ = +1/2). The total decode FLOPs of G tokens is such a sum,
// done by the engine, never by a loop.

import { Poly } from './poly.js';
import { Rational } from './rational.js';

const bernoulli: Rational[] = [Rational.ONE];

/** B_k with B₁ = +1/2 (so that Σ_{i=1}^{n} i^k = 1/(k+1) Σ_j C(k+1, j) B_j n^{k+1−j}). */
function bernoulliPlus(k: number): Rational {
  while (bernoulli.length <= k) {
    const m = bernoulli.length;
    // Σ_{j=0}^{m} C(m+1, j) B_j = m + 1 for the B₁ = +1/2 convention.
    let s = Rational.ZERO;
    for (let j = 0; j < m; j++) s = s.add(Rational.of(binomial(m + 1, j)).mul(bernoulli[j]!));
    bernoulli.push(Rational.of(BigInt(m + 1)).sub(s).div(Rational.of(BigInt(m + 1))));
  }
  return bernoulli[k]!;
}

function binomial(n: number, k: number): bigint {
  let r = 1n;
  for (let i = 0; i < k; i++) r = (r * BigInt(n - i)) / BigInt(i + 1);
  return r;
}

/** Σ_{i=1}^{n} i^k as a polynomial in the symbol n. */
export function powerSum(k: number, n: string): Poly {
  const N = Poly.symbol(n);
  let out = Poly.ZERO;
  for (let j = 0; j <= k; j++) out = out.add(N.pow(k + 1 - j).scale(Rational.of(binomial(k + 1, j)).mul(bernoulliPlus(j))));
  return out.scale(Rational.of(1n, BigInt(k + 1)));
}

/** Σ_{i=1}^{n} p, where p is a polynomial in i (non-negative powers only) and other symbols. */
export function sumOver(p: Poly, i: string, n: string): Poly {
  let out = Poly.ZERO;
  for (const [k, coef] of p.collect(i)) {
    if (k < 0) throw new RangeError(`cannot sum a negative power of ${i}`);
    out = out.add(coef.mul(powerSum(k, n)));
  }
  return out;
}

