// Lists and ranges of symbol values for sweeps:
//   1024,2048,4096        a list
//   1024..16384*2         geometric: 1024, 2048, …, 16384 (multiply by 2)
//   512..4096+512         arithmetic: 512, 1024, …, 4096 (add 512)
//   1..8                  every integer from 1 to 8
// Values are positive integers, kept in the order given, without duplicates.

import { UserError } from '../errors.js';

const MAX_POINTS = 1_000_000;

export function parseRange(flag: string, text: string): bigint[] {
  const fail = (why: string): never => {
    throw new UserError(`${flag}: '${text}' ${why}; use a list (1024,2048) or a range (1024..16384*2, 512..4096+512, 1..8)`);
  };
  const int = (s: string): bigint => {
    const t = s.trim().replace(/_/g, '');
    if (!/^[0-9]+$/.test(t) || /^0+$/.test(t)) fail(`has '${s.trim()}', not a positive integer`);
    return BigInt(t);
  };
  if (text.trim() === '') fail('is empty');
  const out: bigint[] = [];
  for (const item of text.split(',')) {
    const m = /^\s*([^.]+)\.\.([^*+]+)(?:([*+])(.+))?\s*$/.exec(item);
    if (!m) {
      out.push(int(item));
      continue;
    }
    const [from, to] = [int(m[1]!), int(m[2]!)];
    const step = m[3] ? int(m[4]!) : 1n;
    if (to < from) fail(`goes down (${from} > ${to})`);
    if (m[3] === '*' && step < 2n) fail('multiplies by less than 2');
    for (let v = from; v <= to; v = m[3] === '*' ? v * step : v + step) {
      out.push(v);
      if (out.length > MAX_POINTS) fail(`has more than ${MAX_POINTS.toLocaleString('en-US')} points`);
    }
  }
  return [...new Set(out)];
}
