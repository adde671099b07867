// Strict, exact reading of quantities with units: "80GB", "80 GiB", "2039 GB/s", "19.5 TFLOP/s",
// "495e12" (a plain number is in the base unit: bytes, bytes/s, FLOP/s). Decimal and binary
// prefixes are both accepted and never confused: GB = 10⁹ bytes, GiB = 2³⁰ bytes. Values are
// exact rationals; nothing is rounded.

import { Rational } from '../algebra/rational.js';

export type Dimension = 'bytes' | 'bytes/s' | 'FLOP/s';

const DECIMAL: Record<string, bigint> = { '': 1n, k: 10n ** 3n, K: 10n ** 3n, M: 10n ** 6n, G: 10n ** 9n, T: 10n ** 12n, P: 10n ** 15n, E: 10n ** 18n };
const BINARY: Record<string, bigint> = { Ki: 2n ** 10n, Mi: 2n ** 20n, Gi: 2n ** 30n, Ti: 2n ** 40n, Pi: 2n ** 50n };

/** Units of each dimension, as a regex over the prefix: the unit must match exactly. */
const UNITS: Record<Dimension, { pattern: RegExp; binary: boolean; example: string }> = {
  bytes: { pattern: /^(|k|K|M|G|T|P|E|Ki|Mi|Gi|Ti|Pi)B$/, binary: true, example: '80GB, 80GiB or a byte count' },
  'bytes/s': { pattern: /^(|k|K|M|G|T|P|Ki|Mi|Gi|Ti)B\/s$/, binary: true, example: '2039 GB/s, 3.35 TB/s or bytes per second' },
  'FLOP/s': { pattern: /^(|k|M|G|T|P|E)(FLOP|OP)\/s$/, binary: false, example: '19.5 TFLOP/s, 495e12 or FLOP per second' },
};

export class QuantityError extends Error {}

/** Digits, or digits grouped in threes with one kind of separator: 2039, 2,039, 1_000_000. */
const WHOLE = String.raw`\d{1,3}(?:,\d{3})+|\d{1,3}(?:_\d{3})+|\d+`;

/** The digits of a whole number written plainly or grouped (1,000,000 or 1_000_000), or undefined. */
export function groupedDigits(text: string): string | undefined {
  return new RegExp(`^(?:${WHOLE})$`).test(text) ? text.replace(/[,_]/g, '') : undefined;
}

/**
 * An exact decimal: 19.5, 495e12, 1_000, 2,039. The whole part may be grouped in threes with one
 * kind of separator (1,000,000 or 1_000_000); nothing else is read as grouping (",400", "1000,000",
 * "1.234,567" are not numbers rather than guesses).
 */
export function parseDecimal(text: string): Rational | undefined {
  const m = new RegExp(`^(${WHOLE})(?:\\.(\\d+))?(?:[eE]([+-]?\\d{1,3}))?$`).exec(text);
  if (!m) return undefined;
  const [, grouped, frac = '', exp = '0'] = m;
  const int = grouped!.replace(/[,_]/g, '');
  const e = Number(exp) - frac.length;
  const mant = BigInt(int! + frac);
  return e >= 0 ? Rational.of(mant * 10n ** BigInt(e)) : Rational.of(mant, 10n ** BigInt(-e));
}

/** Parses "<number>[ ]<unit>" of the dimension into its base unit, exactly. */
export function parseQuantity(text: string, dim: Dimension): Rational {
  const t = text.trim();
  const m = /^([0-9][0-9_,]*(?:\.[0-9]+)?(?:[eE][+-]?[0-9]{1,3})?)\s*(.*)$/.exec(t);
  const spec = UNITS[dim];
  if (!m) throw new QuantityError(`'${text}' is not a quantity; expected for example ${spec.example}`);
  const value = parseDecimal(m[1]!);
  if (!value) throw new QuantityError(`'${text}' is not a quantity; expected for example ${spec.example}`);
  const unit = m[2]!;
  if (unit === '') return value;
  const u = spec.pattern.exec(unit);
  if (!u) throw new QuantityError(`'${text}': unknown unit '${unit}'; expected for example ${spec.example}`);
  const prefix = u[1]!;
  const factor = DECIMAL[prefix] ?? BINARY[prefix];
  return value.mul(Rational.of(factor!));
}

/** Whether the text used a binary prefix (GiB) rather than a decimal one (GB). */
export function isBinaryUnit(text: string): boolean {
  return /[KMGTP]i/.test(text);
}
