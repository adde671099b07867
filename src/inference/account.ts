// The evaluated inference account: the ledger at the model's values (B, P, G; t = P + G for the
// last decode step), exact; with an accelerator, the roofline time of prefill and of each decode
// step (max of FLOPs ÷ peak and bytes ÷ bandwidth, the bound named), the exact total decode time
// (the sum splits where the bound changes), tokens per second, the critical batch, and what fits.

import { Poly } from '../algebra/poly.js';
import { Rational } from '../algebra/rational.js';
import { sumOver } from '../algebra/sum.js';
import { UserError } from '../errors.js';
import { BATCH_SYMBOL, WINDOW_FIELD } from '../formulas/architecture.js';
import type { Accelerator } from '../formulas/hardware.js';
import type { Dtype } from '../ledger/dtypes.js';
import type { Count } from '../ledger/account.js';
import type { ModelSpec } from '../model/spec.js';
import { GENERATED, inferenceLedger, ledgerValues, POSITION, PROMPT, type InferenceLedger } from './ledger.js';

export interface InferRequest {
  model: ModelSpec;
  prompt: bigint;
  generate: bigint;
  weights: Dtype;
  kv: Dtype;
  hardware?: Accelerator;
  /** FLOP/s and bytes/s of one device, and where they come from. */
  peak?: { perDevice: Rational; from: string };
  bandwidth?: { perDevice: Rational; from: string };
  devices: bigint;
  /** Memory of one device in bytes, and where it comes from. */
  memory?: { bytes: bigint; text: string; from: string };
}

export type Bound = 'memory' | 'compute';

export interface Roofline {
  seconds: Rational;
  bound: Bound;
  /** FLOPs per byte. */
  intensity: Rational;
  /** FLOPs ÷ peak and bytes ÷ bandwidth: the larger is the time. */
  computeSeconds: Rational;
  memorySeconds: Rational;
}

/** max(FLOPs ÷ peak, bytes ÷ bandwidth), the larger naming the bound (a tie is memory-bound). */
export function roofline(flops: Rational, bytes: Rational, peak: Rational, bw: Rational): Roofline {
  const [c, m] = [flops.div(peak), bytes.div(bw)];
  return { seconds: c.compare(m) >= 0 ? c : m, bound: c.compare(m) > 0 ? 'compute' : 'memory', intensity: flops.div(bytes), computeSeconds: c, memorySeconds: m };
}

export interface InferAccount {
  request: InferRequest;
  ledger: InferenceLedger;
  values: Record<string, bigint>;
  params: Count;
  weightBytes: Count;
  kv: { perToken: Count; total: Count };
  prefill: { flops: Count; bytes: Count; roofline?: Roofline };
  decode: {
    flops: Count;
    bytes: Count;
    /** The last step (t = P + G): the batch's, and one token of one sequence (÷ B). */
    flopsPerStep: Count;
    flopsPerToken: Count;
    bytesPerStep: Count;
    step?: Roofline;
    /** All G steps, exactly, and tokens per second per sequence and for the batch (at the last step). */
    seconds?: Rational;
    tokensPerSecond?: { perSequence: Rational; total: Rational };
  };
  /** The smallest batch at which the last decode step is compute-bound (undefined: never). */
  criticalBatch?: { exact: Rational; batch: bigint | undefined };
  fit?: {
    memory: { bytes: bigint; text: string; from: string; devices: bigint };
    needed: bigint;
    fits: boolean;
    maxBatch: bigint;
    maxContext: bigint;
    contextLimit?: bigint;
  };
}

export function inferAccount(req: InferRequest): InferAccount {
  const { model } = req;
  const ledger = inferenceLedger(model.arch, { weights: req.weights.bytes, kv: req.kv.bytes });
  const last = req.prompt + req.generate;
  const values = ledgerValues(ledger, model.values, { [PROMPT.name]: req.prompt, [GENERATED.name]: req.generate, [POSITION.name]: last });
  const win = slidingWindow(model);
  // The ledger's formulas hold for a full window (a context of at least W tokens). While the
  // context is shorter, every sliding-window layer attends over all of it: it is a global layer,
  // which is the ledger with no sliding layers (L_s = 0), the parameters unchanged.
  if (win) values[win.W] = win.size;
  const full = (tokens: bigint) => !win || tokens >= win.size;
  const global = (p: Poly) => (win ? p.substitute(win.Ls, Poly.ZERO) : p);
  const count = (p: Poly, tokens = last): Count => {
    const formula = full(tokens) ? p : global(p);
    const r = formula.evaluate(values);
    // int4 weights are half a byte each: a count of bytes rounds up to whole bytes.
    return { value: r.isInteger() ? r.num : ceil(r), formula };
  };
  // All G steps: those at t ≤ W as global layers, the rest over the full window, each summed exactly.
  const overSteps = (p: Poly): Count => {
    if (!win || last <= win.size || req.prompt >= win.size) return count(p, req.prompt >= (win?.size ?? 0n) ? last : req.prompt);
    const [Pn, Gn] = [PROMPT.name, GENERATED.name];
    const W = Poly.symbol(win.W);
    const early = global(p).substitute(Gn, W.sub(Poly.symbol(Pn)));
    const late = p.substitute(Pn, Poly.symbol('__P')).substitute(Gn, Poly.symbol(Pn).add(Poly.symbol(Gn)).sub(W)).substitute('__P', W);
    const formula = early.add(late);
    const r = formula.evaluate(values);
    return { value: r.isInteger() ? r.num : ceil(r), formula };
  };
  const out: InferAccount = {
    request: req,
    ledger,
    values,
    params: count(ledger.params),
    weightBytes: count(ledger.weightBytes),
    kv: { perToken: count(ledger.kv.perToken), total: count(ledger.kv.total) },
    prefill: { flops: count(ledger.prefill.flops, req.prompt), bytes: count(ledger.prefill.bytes, req.prompt) },
    decode: {
      flops: overSteps(ledger.decode.flops),
      bytes: overSteps(ledger.decode.bytes),
      flopsPerStep: count(ledger.decode.flopsAt),
      flopsPerToken: count(ledger.decode.flopsAt.div(Poly.symbol(BATCH_SYMBOL.name))),
      bytesPerStep: count(ledger.decode.bytesAt),
    },
  };
  // The ledger as it holds at the last step (global layers while the context is within the window).
  const atLast: InferenceLedger = full(last) ? ledger : { ...ledger, decode: { ...ledger.decode, flopsAt: global(ledger.decode.flopsAt), bytesAt: global(ledger.decode.bytesAt) } };
  const globalLedger: InferenceLedger = { ...ledger, decode: { ...ledger.decode, flopsAt: global(ledger.decode.flopsAt), bytesAt: global(ledger.decode.bytesAt) } };
  const N = Rational.of(req.devices);
  const peak = req.peak && req.peak.perDevice.mul(N);
  const bw = req.bandwidth && req.bandwidth.perDevice.mul(N);
  if (peak && bw) {
    const roof = (flops: Rational, bytes: Rational): Roofline => roofline(flops, bytes, peak, bw);
    out.prefill.roofline = roof(Rational.of(out.prefill.flops.value), out.prefill.bytes.formula.evaluate(values));
    out.decode.step = roof(Rational.of(out.decode.flopsPerStep.value), out.decode.bytesPerStep.formula.evaluate(values));
    // Steps within the window run as global layers; the rest over the full window.
    const split = win && req.prompt < win.size && last > win.size ? win.size : undefined;
    out.decode.seconds =
      split === undefined
        ? decodeSeconds(full(last) ? ledger : globalLedger, values, peak, bw, req.prompt, req.generate)
        : decodeSeconds(globalLedger, values, peak, bw, req.prompt, split - req.prompt).add(decodeSeconds(ledger, values, peak, bw, split, last - split));
    const B = Rational.of(values[BATCH_SYMBOL.name]!);
    out.decode.tokensPerSecond = { perSequence: Rational.ONE.div(out.decode.step.seconds), total: B.div(out.decode.step.seconds) };
    out.criticalBatch = criticalBatch(atLast, values, peak, bw);
  }
  if (req.memory) {
    const M = req.memory.bytes * req.devices;
    const W = out.weightBytes.value;
    const perToken = out.kv.perToken.value;
    const needed = W + out.kv.total.value;
    const context = req.prompt + req.generate;
    // A learned position table caps the context at its rows.
    const limit = model.arch.constraints.find((c) => c.kind === 'at_most' && model.arch.symbols.find((s) => s.name === c.left)?.config === 'seq_len');
    const contextLimit = limit ? model.values[limit.right] : undefined;
    const B = values[BATCH_SYMBOL.name]!;
    const free = M > W ? M - W : 0n;
    // Sliding-window caches hold a window of W tokens once the context is that long (at the last step).
    const windowBytes = win && full(last) ? ceil(ledger.kv.window.evaluate(values)) : 0n;
    const room = free > B * windowBytes ? free - B * windowBytes : 0n;
    const maxContext = perToken === 0n ? 0n : room / (B * perToken);
    out.fit = {
      memory: { ...req.memory, devices: req.devices },
      needed,
      fits: needed <= M,
      maxBatch: perToken === 0n && windowBytes === 0n ? 0n : free / (context * perToken + windowBytes),
      maxContext: contextLimit !== undefined && maxContext > contextLimit ? contextLimit : maxContext,
      ...(contextLimit !== undefined ? { contextLimit } : {}),
    };
  }
  return out;
}

/**
 * Σ over the G steps of max(F(t)/peak, bytes(t)/bw), exactly: both are linear in t, so the
 * bound changes at most once; each stretch is a polynomial sum.
 */
function decodeSeconds(l: InferenceLedger, values: Record<string, bigint>, peak: Rational, bw: Rational, P: bigint, G: bigint): Rational {
  const t = POSITION.name;
  const compute = l.decode.flopsAt.scale(Rational.ONE.div(peak));
  const memory = l.decode.bytesAt.scale(Rational.ONE.div(bw));
  const rest = { ...values };
  delete rest[t];
  const sumRange = (p: Poly, from: bigint, to: bigint): Rational => {
    // Σ_{t=from}^{to} p(t) = Σ_{i=1}^{to-from+1} p(from - 1 + i).
    if (to < from) return Rational.ZERO;
    const shifted = p.substitute(t, Poly.constant(from - 1n).add(Poly.symbol('__i')));
    return sumOver(shifted, '__i', '__n').evaluate({ ...rest, __n: to - from + 1n });
  };
  const larger = (x: bigint) => (compute.evaluate({ ...rest, [t]: x }).compare(memory.evaluate({ ...rest, [t]: x })) >= 0 ? compute : memory);
  // Find the last position of the first stretch by bisection on the sign of compute − memory (linear in t).
  const lo = P + 1n;
  const hi = P + G;
  if (hi < lo) return Rational.ZERO;
  const first = larger(lo);
  if (larger(hi) === first) return sumRange(first, lo, hi);
  let [a, b] = [lo, hi];
  while (b - a > 1n) {
    const mid = (a + b) / 2n;
    if (larger(mid) === first) a = mid;
    else b = mid;
  }
  return sumRange(first, lo, a).add(sumRange(larger(hi), b, hi));
}

/** B where the last decode step's FLOPs ÷ peak equals its bytes ÷ bandwidth; both are linear in B. */
function criticalBatch(l: InferenceLedger, values: Record<string, bigint>, peak: Rational, bw: Rational): { exact: Rational; batch: bigint | undefined } | undefined {
  const B = BATCH_SYMBOL.name;
  const rest = { ...values };
  delete rest[B];
  const diff = l.decode.flopsAt.scale(Rational.ONE.div(peak)).sub(l.decode.bytesAt.scale(Rational.ONE.div(bw)));
  // diff = c1·B + c0: evaluate its two coefficients at the other symbols' values.
  const byB = diff.collect(B);
  const c1 = (byB.get(1) ?? Poly.ZERO).evaluate(rest);
  const c0 = (byB.get(0) ?? Poly.ZERO).evaluate(rest);
  if ([...byB.keys()].some((k) => k !== 0 && k !== 1)) throw new UserError('decode FLOPs or bytes are not linear in the batch');
  if (c1.sign() <= 0) return undefined;
  const exact = c0.neg().div(c1);
  if (exact.sign() <= 0) return { exact, batch: 1n };
  // The smallest whole batch strictly above the crossing is compute-bound.
  const floor = exact.num / exact.den;
  return { exact, batch: floor + 1n };
}

function ceil(r: Rational): bigint {
  const q = r.num / r.den;
  return r.num % r.den === 0n ? q : q + 1n;
}

/** A model's sliding window: its symbols (W, L_s) and the window's own size, not capped at the model's T. */
function slidingWindow(model: ModelSpec): { W: string; Ls: string; size: bigint } | undefined {
  const W = model.arch.symbols.find((s) => s.config === WINDOW_FIELD);
  const Ls = model.arch.symbols.find((s) => s.config === 'sliding_layers');
  const size = model.config[WINDOW_FIELD];
  return W && Ls && size !== undefined ? { W: W.name, Ls: Ls.name, size } : undefined;
}
