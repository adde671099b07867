// Sentences generated from computed numbers, so they stay true for any model.

import type { Account } from '../ledger/account.js';
import { rankByFlops, type Ranked } from '../ledger/ranking.js';
import { percent } from '../print/numbers.js';

const name = (r: Ranked) => `the ${lowerFirst(r.account.component.title)} (${r.account.component.id})`;
/** "Multi-head attention" -> "multi-head attention", but "SwiGLU feed-forward" stays. */
export const lowerFirst = (s: string) => (/^[A-Z][a-z]+\b/.test(s) ? s[0]!.toLowerCase() + s.slice(1) : s);
const upperFirst = (s: string) => s[0]!.toUpperCase() + s.slice(1);

/** Lists "a, b and c". */
export function listing(items: string[]): string {
  return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

/** Which component costs the most, and the rest in order, with their shares. */
export function dominanceSentence(a: Account): string {
  const ranked = rankByFlops(a);
  const [top, ...rest] = ranked;
  if (!top) return 'This model has no matrix multiplies.';
  const layer = top.layerShare ? ` (${percent(top.layerShare)} of each layer)` : '';
  const head = `${upperFirst(name(top))} costs the most: ${percent(top.share)} of the forward matmul FLOPs${layer}`;
  if (rest.length === 0) return `${head}.`;
  return `${head}; then ${listing(rest.map((r) => `${name(r)} ${percent(r.share)}`))}.`;
}
