// The conventions an inference answer is computed under, stated beside its numbers.

import { Rational } from '../../algebra/rational.js';
import type { InferRequest } from '../../inference/account.js';

export function inferenceConventions(req: InferRequest): Record<string, string> {
  const n = req.devices;
  // 2 bytes, 1 byte, 1/2 byte.
  const per = (b: Rational) => `${b} byte${b.compare(Rational.ONE) > 0 ? 's' : ''}`;
  const windowed = req.model.arch.components.some((c) => c.cache.some((e) => e.window));
  return {
    flops: 'FLOPs, not MACs (2·m·n·p per matmul); non-matmul work left out',
    attention: `prefill: ${req.model.arch.attention.means}; decode: the new token attends to all t tokens so far (dense and causal agree for one query)${windowed ? `; a sliding-window layer to the last min(t, W) of them, so while the context is at most W tokens it counts as a global layer (L_s = 0 in the formulas shown)` : ''}`,
    kv_cache: `keys and values of every layer for every token (the architecture's \`cache\` entries) at ${req.kv.name} (${per(req.kv.bytes)} per element); the cache holds P + G tokens at the end${windowed ? `, a sliding-window layer's at most its last W` : ''}`,
    bytes: 'prefill reads the weights once and writes the prompt\'s KV; a decode step reads the weights once and the t − 1 cached tokens and writes the new one; activation traffic is not counted (on-chip)',
    ...(req.model.arch.chosen.moe === true
      ? {
          experts:
            'mixture of experts: a decode step reads the weights of every expert (all E routed experts, the whole parameter count), as a batch that routes tokens to all of them would; its FLOPs count the K experts each token goes through. A small batch touches fewer experts, so its memory time here is an upper bound',
        }
      : {}),
    weights: `${req.weights.name} (${per(req.weights.bytes)} per parameter)${req.weights.name === 'int4' ? ', rounded up to whole bytes' : ''}`,
    roofline: 'time = max(FLOPs ÷ peak, bytes ÷ bandwidth), the larger naming the bound; no overlap losses, no kernel launch or communication time',
    devices: n > 1n ? `${n} devices with ideal tensor parallelism: FLOPs, bytes and memory split evenly; communication not counted` : 'one device',
    memory: 'fit = weights + the KV cache at P + G tokens; activations and framework buffers are not counted; GB = 10⁹ bytes, GiB = 2³⁰ bytes',
  };
}
