// Lists and ranges of symbol values for sweeps:
//   1024,2048,4096        a list
//   1024..16384*2         geometric: 1024, 2048, …, 16384 (multiply by 2)
//   512..4096+512         arithmetic: 512, 1024, …, 4096 (add 512)
//   1..8                  every integer from 1 to 8
// Values are positive integers, kept in the order given, without duplicates.

import { UserError } from '../errors.js';

const MAX_POINTS = 1_000_000;

/** The values of a list or range, generated one at a time: a million points never sit in memory. */
export interface SweepValues extends Iterable<bigint> {
  /** How many values (duplicates removed). */
  count: number;
  /** The largest value. */
  max: bigint;
}

export function parseRange(flag: string, text: string): bigint[] {
  return [...sweepValues(flag, text)];
}

/** One item of the text: a single value, or a range adding or multiplying by a step. */
interface Item {
  from: bigint;
  to: bigint;
  step: bigint;
  geometric: boolean;
}

const holds = (r: Item, v: bigint): boolean => {
  if (v < r.from || v > r.to) return false;
  if (!r.geometric) return (v - r.from) % r.step === 0n;
  for (let x = r.from; x <= v; x *= r.step) if (x === v) return true;
  return false;
};

function* generate(r: Item): Generator<bigint> {
  for (let v = r.from; v <= r.to; v = r.geometric ? v * r.step : v + r.step) yield v;
}

/** Range items in order, each value kept once (at its first occurrence). */
function* distinct(items: Item[]): Generator<bigint> {
  if (items.length > 64) {
    // A long list: remember what was given rather than test every earlier item.
    const seen = new Set<bigint>();
    for (const r of items) for (const v of generate(r)) if (!seen.has(v)) yield (seen.add(v), v);
    return;
  }
  for (let i = 0; i < items.length; i++)
    for (const v of generate(items[i]!)) if (!items.slice(0, i).some((r) => holds(r, v))) yield v;
}

export function sweepValues(flag: string, text: string): SweepValues {
  const fail = (why: string): never => {
    throw new UserError(`${flag}: '${text}' ${why}; use a list (1024,2048) or a range (1024..16384*2, 512..4096+512, 1..8)`);
  };
  const int = (s: string): bigint => {
    const t = s.trim().replace(/_/g, '');
    if (!/^[0-9]+$/.test(t) || /^0+$/.test(t)) fail(`has '${s.trim()}', not a positive integer`);
    return BigInt(t);
  };
  if (text.trim() === '') fail('is empty');
  const items: Item[] = [];
  for (const item of text.split(',')) {
    const m = /^\s*([^.]+)\.\.([^*+]+)(?:([*+])(.+))?\s*$/.exec(item);
    if (!m) {
      const v = int(item);
      items.push({ from: v, to: v, step: 1n, geometric: false });
      continue;
    }
    const [from, to] = [int(m[1]!), int(m[2]!)];
    const step = m[3] ? int(m[4]!) : 1n;
    if (to < from) fail(`goes down (${from} > ${to})`);
    if (m[3] === '*' && step < 2n) fail('multiplies by less than 2');
    items.push({ from, to, step, geometric: m[3] === '*' });
  }
  // Counted before anything is generated: a range's size is arithmetic (or a few multiplies).
  let count = 0;
  let max = 0n;
  const raw = items.reduce((n, r) => n + (r.geometric ? BigInt([...generate(r)].length) : (r.to - r.from) / r.step + 1n), 0n);
  if (raw > BigInt(MAX_POINTS)) fail(`has more than ${MAX_POINTS.toLocaleString('en-US')} points`);
  if (items.length === 1) {
    // One range: no duplicates, and its last value is the largest.
    const r = items[0]!;
    count = Number(raw);
    max = r.geometric ? [...generate(r)].pop()! : r.from + (raw - 1n) * r.step;
  } else
    for (const v of distinct(items)) {
      count++;
      if (v > max) max = v;
    }
  return { count, max, [Symbol.iterator]: () => distinct(items) };
}
