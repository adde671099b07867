// Human formatting of exact counts. Rounding is done on exact rationals (half away from
// zero), so a printed 8.51 GB is the correctly rounded value of the exact byte count.

import { Rational } from '../algebra/rational.js';

/** 2127057600n -> "2,127,057,600". */
export function digits(n: bigint): string {
  const s = (n < 0n ? -n : n).toString();
  return (n < 0n ? '-' : '') + s.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** An exact rational rounded to `places` decimals, e.g. decimal(2/3, 3) = "0.667". */
export function decimal(r: Rational, places: number): string {
  const scale = 10n ** BigInt(places);
  const neg = r.isNegative();
  const a = r.abs();
  const q = (a.num * scale * 2n + a.den) / (a.den * 2n); // round half up on |r|
  const s = q.toString().padStart(places + 1, '0');
  const body = places === 0 ? s : `${s.slice(0, -places)}.${s.slice(-places)}`;
  return (neg && q !== 0n ? '-' : '') + body;
}

/** decimal() with the integer part grouped: 13,323.51. */
export function groupedDecimal(r: Rational, places: number): string {
  const text = decimal(r, places);
  const negative = text.startsWith('-');
  const [int, frac] = (negative ? text.slice(1) : text).split('.');
  return (negative ? '-' : '') + digits(BigInt(int!)) + (frac ? `.${frac}` : '');
}

/** A share as a percentage with one decimal: "35.7%". */
export function percent(r: Rational, places = 1): string {
  return `${decimal(r.mul(Rational.of(100n)), places)}%`;
}

/**
 * percent(part/whole) without reducing the fraction (a sweep prints millions of shares): rounding
 * half up of 100·part/whole is the same integer division whatever common factor both carry.
 */
export function percentOf(part: bigint, whole: bigint, places = 1): string {
  if (whole <= 0n || part < 0n) return percent(whole === 0n ? Rational.ZERO : Rational.of(part, whole), places);
  const scale = 100n * 10n ** BigInt(places);
  const q = (part * scale * 2n + whole) / (whole * 2n);
  const s = q.toString().padStart(places + 1, '0');
  return `${places === 0 ? s : `${s.slice(0, -places)}.${s.slice(-places)}`}%`;
}

const SI = ['', 'k', 'M', 'G', 'T', 'P', 'E', 'Z', 'Y', 'R', 'Q'];

/** 4513336524800n, 'FLOP' -> "4.51 TFLOP"; 3 significant decimals after the point at most. */
export function si(n: bigint | Rational, unit: string, places = 2): string {
  let r = n instanceof Rational ? n : Rational.of(n);
  let i = 0;
  const k = Rational.of(1000n);
  while (r.abs().compare(k) >= 0 && i < SI.length - 1) {
    r = r.div(k);
    i++;
  }
  return `${decimal(r, i === 0 && r.isInteger() ? 0 : places)} ${SI[i]}${unit}`;
}

/** Bytes in decimal gigabytes (10^9): "8.51 GB"; small sizes keep 3 significant digits ("0.000841 GB"). */
export function gigabytes(bytes: bigint): string {
  return `${significant(Rational.of(bytes, 10n ** 9n))} GB`;
}

/** Bytes in binary gibibytes (2^30): "7.92 GiB". */
export function gibibytes(bytes: bigint): string {
  return `${significant(Rational.of(bytes, 2n ** 30n))} GiB`;
}

/** Two decimals, or three significant digits below 1 so that a small value never shows as 0.00. */
function significant(r: Rational): string {
  if (r.isZero() || r.compare(Rational.ONE) >= 0) return groupedDecimal(r, 2);
  let places = 2;
  while (places < 30 && r.mul(Rational.of(10n ** BigInt(places))).compare(Rational.of(100n)) < 0) places++;
  return decimal(r, places);
}

/** An exact value: a whole number in full digits, a fraction as a decimal with the fraction beside. */
export function exactText(r: Rational): string {
  return r.isInteger() ? digits(r.num) : `${decimal(r, 3)} (= ${r})`;
}
