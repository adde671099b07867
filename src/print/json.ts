// JSON with exact integers: BigInt values are written in full digits (never rounded, never in
// exponent form), which JSON.stringify alone cannot do. The document is serialised by walking it
// (no marker strings that a value could imitate), indented by two spaces as JSON.stringify does.

import { Rational } from '../algebra/rational.js';

/** A ratio for JSON (shares, factors, elasticities): a float with 12 significant digits. */
export function ratio(r: Rational): number {
  return Number(r.toNumber().toPrecision(12));
}

export function toJson(value: unknown): string {
  return write(value, '') ?? 'null';
}

/** One value at the given indentation; undefined for what JSON leaves out (undefined, functions). */
function write(v: unknown, indent: string): string | undefined {
  if (v === null) return 'null';
  switch (typeof v) {
    case 'bigint':
      return v.toString();
    case 'number':
      return Number.isFinite(v) ? JSON.stringify(v) : 'null';
    case 'string':
    case 'boolean':
      return JSON.stringify(v);
    case 'undefined':
    case 'function':
    case 'symbol':
      return undefined;
  }
  const inner = `${indent}  `;
  if (Array.isArray(v)) {
    if (v.length === 0) return '[]';
    return `[\n${v.map((x) => inner + (write(x, inner) ?? 'null')).join(',\n')}\n${indent}]`;
  }
  const o = v as Record<string, unknown> & { toJSON?: () => unknown };
  if (typeof o.toJSON === 'function') return write(o.toJSON(), indent);
  const entries = Object.keys(o)
    .map((k) => [k, write(o[k], inner)] as const)
    .filter(([, x]) => x !== undefined);
  if (entries.length === 0) return '{}';
  return `{\n${entries.map(([k, x]) => `${inner}${JSON.stringify(k)}: ${x}`).join(',\n')}\n${indent}}`;
}

/** ratio(part/whole) without reducing the fraction when both fit a double exactly (the same float: one correctly rounded division of the same real number). */
export function ratioOf(part: bigint, whole: bigint): number {
  const LIMIT = 1n << 53n;
  if (whole > 0n && part >= 0n && part < LIMIT && whole < LIMIT) return Number((Number(part) / Number(whole)).toPrecision(12));
  return ratio(whole === 0n ? Rational.ZERO : Rational.of(part, whole));
}

/** toJson for a value written inside a document at the given indentation (a document streamed piece by piece). */
export function toJsonAt(value: unknown, indent: string): string {
  return write(value, indent) ?? 'null';
}

/** One value on one line (JSON Lines): the same serialiser, without indentation or line breaks. */
export function toJsonLine(value: unknown): string {
  return compact(value) ?? 'null';
}

function compact(v: unknown): string | undefined {
  if (v === null || typeof v !== 'object') return write(v, '');
  if (Array.isArray(v)) return `[${v.map((x) => compact(x) ?? 'null').join(',')}]`;
  const o = v as Record<string, unknown> & { toJSON?: () => unknown };
  if (typeof o.toJSON === 'function') return compact(o.toJSON());
  const entries = Object.keys(o)
    .map((k) => [k, compact(o[k])] as const)
    .filter(([, x]) => x !== undefined);
  return `{${entries.map(([k, x]) => `${JSON.stringify(k)}:${x}`).join(',')}}`;
}
