// JSON with exact integers: BigInt values are written in full digits (never rounded,
// never in exponent form), which JSON.stringify alone cannot do.

import type { Rational } from '../algebra/rational.js';

const MARK = '@@lmledger-bigint:';

/** A ratio for JSON (shares, factors, elasticities): a float with 12 significant digits. */
export function ratio(r: Rational): number {
  return Number(r.toNumber().toPrecision(12));
}

export function toJson(value: unknown): string {
  const text = JSON.stringify(value, (_k, v) => (typeof v === 'bigint' ? `${MARK}${v.toString()}` : v), 2);
  return text.replace(new RegExp(`"${MARK}(-?\\d+)"`, 'g'), '$1');
}
