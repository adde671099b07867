// Exact expectations for the training proofs: rationals from decimal text, and a rational
// rounded to the 12 significant digits that lmledger's JSON ratios carry (src/print/json.ts),
// computed here with BigInt arithmetic only, so an expected float never goes through the code
// under test.
import { Rational } from '../../src/algebra/rational.js';

/** "19.5" → 39/2, "0.755" → 151/200, "495e12": a decimal written in a source, exactly. */
export function dec(text: string): Rational {
  const m = /^(\d+)(?:\.(\d+))?(?:e(\d+))?$/.exec(text);
  if (!m) throw new Error(`not a decimal: ${text}`);
  const [, int, frac = '', exp = '0'] = m;
  return Rational.of(BigInt(int! + frac) * 10n ** BigInt(exp), 10n ** BigInt(frac.length));
}

export const rat = (n: bigint | number, d: bigint | number = 1n): Rational => Rational.of(BigInt(n), BigInt(d));

/** A positive rational rounded half-up to 12 significant digits, as a JS number. */
export function sig12(r: Rational): number {
  if (r.sign() <= 0) throw new Error('sig12 takes a positive rational');
  const { num, den } = r;
  let e = num.toString().length - den.toString().length - 12;
  const scaled = (k: number) => (k >= 0 ? num / (den * 10n ** BigInt(k)) : (num * 10n ** BigInt(-k)) / den);
  while (scaled(e) >= 10n ** 12n) e++;
  while (scaled(e) < 10n ** 11n) e--;
  // half-up: ⌊x·10^-e + 1/2⌋
  const n2 = e >= 0 ? 2n * num : 2n * num * 10n ** BigInt(-e);
  const d2 = e >= 0 ? 2n * den * 10n ** BigInt(e) : 2n * den;
  const q = (n2 + d2 / 2n) / d2;
  return Number(`${q}e${e}`);
}

/** A rational rounded half-up to `places` decimals, as text: the way a paper prints a percentage. */
export function fixed(r: Rational, places: number): string {
  const scale = 10n ** BigInt(places);
  const q = (2n * r.num * scale + r.den) / (2n * r.den);
  const s = q.toString().padStart(places + 1, '0');
  return places === 0 ? s : `${s.slice(0, -places)}.${s.slice(-places)}`;
}
