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
/** FLOPs of all the per-layer components together: the whole of "a layer"'s share, over every layer. */
export function layersFlops(a: Account): bigint {
  return a.components.filter((c) => c.component.scope === 'layer').reduce((s, c) => s + c.flops.total.value, 0n);
}

export function rankByFlops(a: Account): Ranked[] {
  const layers = layersFlops(a);
  return a.components
    .filter((c) => c.flops.total.value > 0n)
    .map((c) => ({
      account: c,
      share: share(c.flops.total.value, a.flops.total.value),
      // Of all layers together, which is one layer's share when the component is in every layer.
      ...(c.component.scope === 'layer' ? { layerShare: share(c.flops.total.value, layers) } : {}),
    }))
    .sort((x, y) => y.share.compare(x.share));
}
