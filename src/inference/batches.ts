// The last decode step of an inference account at other batch sizes: FLOPs, bytes, arithmetic
// intensity against the accelerator's ridge point, roofline time (latency per token), tokens per
// second and whether weights + cache still fit. Everything is the account's own ledger evaluated
// at B, exactly; documents draw their batch tables and charts from these rows.

import { Poly } from '../algebra/poly.js';
import { Rational } from '../algebra/rational.js';
import { BATCH_SYMBOL } from '../formulas/architecture.js';
import { roofline, type Bound, type InferAccount } from './account.js';
import { POSITION } from './ledger.js';

export interface Rates {
  /** FLOP/s and bytes/s of all devices together. */
  peak: Rational;
  bandwidth: Rational;
  /** The ridge point, peak ÷ bandwidth: FLOPs per byte where the roofline turns flat. */
  ridge: Rational;
}

export interface BatchRow {
  batch: bigint;
  /** The step at the last position t = P + G, whole batch. */
  flops: Rational;
  bytes: Rational;
  intensity: Rational;
  computeSeconds: Rational;
  memorySeconds: Rational;
  /** max(compute, memory): the latency of one generated token. */
  seconds: Rational;
  bound: Bound;
  tokensPerSecond: Rational;
  /** Weights + the batch's cache at P + G tokens, whole bytes; undefined without a memory. */
  needed: bigint;
  fits?: boolean;
}

export function rates(a: InferAccount): Rates | undefined {
  const { peak, bandwidth, devices } = a.request;
  if (!peak || !bandwidth) return undefined;
  const N = Rational.of(devices);
  const [p, b] = [peak.perDevice.mul(N), bandwidth.perDevice.mul(N)];
  return { peak: p, bandwidth: b, ridge: p.div(b) };
}

export function decodeAtBatch(a: InferAccount, batch: bigint, r: Rates): BatchRow {
  const values = { ...a.values, [BATCH_SYMBOL.name]: batch };
  const flops = a.ledger.decode.flopsAt.evaluate(values);
  const bytes = a.ledger.decode.bytesAt.evaluate(values);
  const roof = roofline(flops, bytes, r.peak, r.bandwidth);
  const needed = a.weightBytes.value + ceil(a.ledger.kv.total.evaluate(values));
  const M = a.fit ? a.fit.memory.bytes * a.fit.memory.devices : undefined;
  return {
    batch,
    flops,
    bytes,
    intensity: roof.intensity,
    computeSeconds: roof.computeSeconds,
    memorySeconds: roof.memorySeconds,
    seconds: roof.seconds,
    bound: roof.bound,
    tokensPerSecond: Rational.of(batch).div(roof.seconds),
    needed,
    ...(M !== undefined ? { fits: needed <= M } : {}),
  };
}

/**
 * The batches a table shows: powers of two from 1 past the larger of the critical batch and the
 * largest batch that fits (at least 256), with the account's own batch, the critical batch and
 * the largest that fits among them.
 */
export function batchSizes(a: InferAccount): bigint[] {
  const B = a.values[BATCH_SYMBOL.name]!;
  const marks = [B, a.criticalBatch?.batch, a.fit && a.fit.maxBatch > 0n ? a.fit.maxBatch : undefined].filter((x): x is bigint => x !== undefined);
  const top = marks.reduce((m, x) => (x > m ? x : m), 256n);
  const out = new Set<bigint>(marks);
  for (let b = 1n; b <= top * 2n && b <= 1n << 20n; b *= 2n) out.add(b);
  return [...out].sort((x, y) => (x < y ? -1 : x > y ? 1 : 0));
}

function ceil(r: Rational): bigint {
  const q = r.num / r.den;
  return r.num % r.den === 0n ? q : q + 1n;
}

/**
 * As the batch grows, the last step's intensity B·F₁ / (W + B·t·m) tends to F₁ / (t·m): one
 * sequence's FLOPs over its own cache's bytes. When that is at most the ridge point no batch is
 * compute-bound; F₁(t) = c₀ + c₁·t, so one is exactly while c₀ + c₁·t > ρ·m·t, that is for t below
 * c₀ / (ρ·m − c₁): `longestContext` is the last such t (undefined: every context has one).
 */
export function batchCeiling(a: InferAccount, r: Rates): { limit: Rational; longestContext?: bigint } {
  const B = BATCH_SYMBOL.name;
  const t = POSITION.name;
  const rest = { ...a.values };
  delete rest[B];
  const perSequence = a.ledger.decode.flopsAt.collect(B).get(1) ?? Poly.ZERO;
  const cache = a.ledger.decode.bytesAt.collect(B).get(1) ?? Poly.ZERO;
  const limit = perSequence.evaluate(rest).div(cache.evaluate(rest));
  delete rest[t];
  const coef = (p: Poly, k: number) => (p.collect(t).get(k) ?? Poly.ZERO).evaluate(rest);
  const slope = r.ridge.mul(coef(cache, 1)).sub(coef(perSequence, 1));
  if (slope.sign() <= 0) return { limit };
  const x = coef(perSequence, 0).div(slope);
  const below = x.num / x.den - (x.isInteger() ? 1n : 0n); // the largest whole t < x
  return { limit, longestContext: below > 0n ? below : 0n };
}
