// Small pieces every generated sentence uses: lists, capitals, factors, and how a part is named in
// prose (a component by its title, "the SwiGLU feed-forward"; a matmul by its path, ffn.w1).

import { Rational } from '../algebra/rational.js';
import { decimal } from '../print/numbers.js';

/** Lists "a, b and c". */
export function listing(items: string[]): string {
  return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

/** "Multi-head attention" -> "multi-head attention", but "SwiGLU feed-forward" stays. */
export const lowerFirst = (s: string) => (/^[A-Z][a-z]+\b/.test(s) ? s[0]!.toLowerCase() + s.slice(1) : s);

/** Capitalises a sentence's first word, but never an identifier such as lm_head or ffn.w1. */
export const upperFirst = (s: string) => (/^[a-z]+(?![_.\w])/.test(s) ? s[0]!.toUpperCase() + s.slice(1) : s);

/** "the SwiGLU feed-forward" -> "the SwiGLU feed-forward's"; "the layers" -> "the layers'". */
export const possessive = (name: string) => (name.endsWith('s') ? `${name}'` : `${name}'s`);

/** A part in prose: a component by its title, a matmul or weight (a dotted path) by its name. */
export function partPhrase(part: { name: string; title: string }): string {
  return part.name.includes('.') ? part.name : `the ${lowerFirst(part.title)}`;
}

/** A factor without trailing zeros: 16×, 33.13×; more digits when two would round it to 1 or 0. */
export function times(r: Rational): string {
  let places = 2;
  const shown = (n: number) => decimal(r, n).replace(/\.?0+$/, '');
  while (places < 12 && !r.equals(Rational.ONE) && !r.isZero() && ['0', '1'].includes(shown(places))) places++;
  return `${shown(places)}×`;
}

/**
 * What a factor (or a range of factors) does, as a verb phrase: "grow 16×", "fall to 0.48×",
 * "stay the same", or "change by 0.5× to 2×" when a group has factors on both sides of 1.
 * `singular` conjugates for one subject ("grows", "falls").
 */
export function factorPhrase(low: Rational, high: Rational, singular = false): string {
  const s = singular ? 's' : '';
  const range = low.equals(high) ? times(low) : `${times(low)} to ${times(high)}`;
  const one = Rational.ONE;
  if (low.equals(one) && high.equals(one)) return singular ? 'stays the same' : 'stay the same';
  if (low.compare(one) >= 0) return `grow${s} ${range}`;
  if (high.compare(one) <= 0) return `fall${s} to ${range}`;
  return `change${s} by ${range}`;
}

/**
 * Whether a quantity's title takes a plural verb: its head noun phrase (before " of", " in",
 * " over" or a parenthesis) ends in s ("forward matmul FLOPs", "KV cache bytes of …") or not
 * ("peak training memory in bytes").
 */
export function isPlural(title: string): boolean {
  const head = title.split(/ (?:of|in|over|at) |\s*\(/)[0]!.trim();
  return /s$/.test(head);
}
