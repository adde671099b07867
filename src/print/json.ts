// JSON with exact integers: BigInt values are written in full digits (never rounded,
// never in exponent form), which JSON.stringify alone cannot do.

const MARK = '@@lmledger-bigint:';

export function toJson(value: unknown): string {
  const text = JSON.stringify(value, (_k, v) => (typeof v === 'bigint' ? `${MARK}${v.toString()}` : v), 2);
  return text.replace(new RegExp(`"${MARK}(-?\\d+)"`, 'g'), '$1');
}
