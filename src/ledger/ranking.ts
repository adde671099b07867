// Which components cost the most: shares of the forward matmul FLOPs, from the account.

import type { Rational } from '../algebra/rational.js';
import { share, type Account, type ComponentAccount } from './account.js';

export interface Ranked {
  account: ComponentAccount;
  /** Share of the whole forward pass. */
  share: Rational;
  /** Share of one layer's FLOPs (per-layer components only). */
  layerShare?: Rational;
}

/** Components with any matmul FLOPs, most expensive first. */
export function rankByFlops(a: Account): Ranked[] {
  return a.components
    .filter((c) => c.flops.total.value > 0n)
    .map((c) => ({
      account: c,
      share: share(c.flops.total.value, a.flops.total.value),
      ...(c.component.scope === 'layer' ? { layerShare: share(c.flops.each.value, a.flops.perLayer.value) } : {}),
    }))
    .sort((x, y) => y.share.compare(x.share));
}
