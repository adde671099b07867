// The evaluated training account of one model: every polynomial of the training ledger at the
// model's values (B and t included), exact, with its formula; the batch that fits a memory; the
// FLOPs of a run; its time on an accelerator at a given MFU, or the MFU and HFU of a measured
// step time. The CLI, JSON and the write-up are views of this one structure.

import type { Poly } from '../algebra/poly.js';
import { Rational } from '../algebra/rational.js';
import { UserError } from '../errors.js';
import { BATCH_SYMBOL, SEQ_FIELD } from '../formulas/architecture.js';
import type { Accelerator, PeakDtype } from '../formulas/hardware.js';
import { exact, type Count } from '../ledger/account.js';
import { digits, gibibytes, gigabytes } from '../print/numbers.js';
import type { ModelSpec } from '../model/spec.js';
import { approximations, type ApproximationCheck, type ComponentGap } from './approximate.js';
import { TP_SYMBOL, type TrainingChoice } from './choice.js';
import { trainingLedger, type TrainingLedger } from './ledger.js';

/** A memory budget as the user wrote it, in bytes. */
export interface MemoryBudget {
  bytes: bigint;
  text: string;
  /** The same number read with the other prefix (80 GB ↔ 80 GiB), when it had one. */
  other?: { bytes: bigint; text: string };
  /** Where it came from: --memory, or the accelerator's memory. */
  from: string;
}

export interface Peak {
  /** FLOP/s of one device. */
  perDevice: Rational;
  /** "a100-80gb fp32 (19.5 TFLOP/s)" or "--peak 19.5e12". */
  from: string;
  dtype?: PeakDtype;
}

export interface TrainRequest {
  model: ModelSpec;
  choice: TrainingChoice;
  steps?: bigint;
  tokens?: bigint;
  hardware?: Accelerator;
  peak?: Peak;
  devices: bigint;
  mfu?: Rational;
  stepTime?: Rational;
  memory?: MemoryBudget;
}

export interface Fit {
  budget: MemoryBudget;
  /** The largest batch whose peak fits: ⌊(M − b)/a⌋, or 0 when not even one sequence fits. */
  maxBatch: bigint;
  /** Peak memory at that batch. */
  peakAtMax?: bigint;
  /** With the other reading of the number (80 GiB for 80 GB). */
  other?: { text: string; maxBatch: bigint };
}

export interface TrainAccount {
  request: TrainRequest;
  ledger: TrainingLedger;
  values: Record<string, bigint>;
  params: Count;
  memory: {
    parameters: Count;
    gradients: Count;
    optimizer: Count;
    activations: Count;
    activationsPerLayer: Count;
    peak: Count;
    perSequence: Count;
    fixed: Count;
    fit?: Fit;
  };
  flops: {
    forward: Count;
    backward: Count;
    recompute: Count;
    optimizer: Count;
    model: Count;
    hardware: Count;
    step: Count;
  };
  run?: { steps: bigint; tokens: bigint; stepsFrom: 'steps' | 'tokens'; model: bigint; hardware: bigint; step: bigint };
  time?: { seconds: Rational; mfu: Rational; basis: 'mfu' | 'step-time' };
  utilization?: { mfu: Rational; hfu: Rational; stepTime: Rational };
  approximations: EvaluatedApproximation[];
}

export interface EvaluatedApproximation {
  check: ApproximationCheck;
  /** The approximation per step, and exact − approximation (undefined when not whole). */
  value?: bigint;
  difference?: bigint;
  gaps?: Array<{ gap: ComponentGap; value: bigint }>;
}

export function trainAccount(req: TrainRequest): TrainAccount {
  const { model, choice } = req;
  const ledger = trainingLedger(model.arch, choice);
  const values: Record<string, bigint> = { ...model.values, ...(choice.tensorParallel !== undefined ? { [TP_SYMBOL.name]: choice.tensorParallel } : {}) };
  const count = (p: Poly, what: string): Count => {
    const r = p.evaluate(values);
    if (!r.isInteger())
      throw new UserError(
        `${what} is not a whole number (${r}) at ${choice.tensorParallel !== undefined ? `--tensor-parallel ${choice.tensorParallel}` : 'these values'}: ` +
          'tensor and sequence parallelism need the heads, feed-forward width, vocabulary and sequence length divisible by t',
      );
    return { value: r.num, formula: p };
  };
  const m = ledger.memory;
  const memory: TrainAccount['memory'] = {
    parameters: count(m.parameters, 'parameter memory'),
    gradients: count(m.gradients, 'gradient memory'),
    optimizer: count(m.optimizer, 'optimizer memory'),
    activations: count(m.activations, 'activation memory'),
    activationsPerLayer: count(ledger.activations.perLayer, 'activation memory per layer'),
    peak: count(m.peak, 'peak memory'),
    perSequence: count(m.perSequence, 'activation memory per sequence'),
    fixed: count(m.fixed, 'fixed memory'),
  };
  for (const k of ledger.activations.kept) count(k.bytes, k.activation.path);
  if (req.memory) {
    // A budget the user gave that cannot hold even the weights is bad input; an accelerator's own
    // memory that is too small is an answer (nothing fits), since its peak may still be wanted.
    if (req.memory.from === '--memory' && req.memory.bytes < memory.fixed.value) {
      const b = memory.fixed.value;
      throw new UserError(
        `--memory: ${req.memory.text} (${digits(req.memory.bytes)} bytes) cannot hold the weights, gradients and optimizer state alone, ` +
          `which need ${digits(b)} bytes (${gigabytes(b)}, ${gibibytes(b)}: ${digits(memory.parameters.value)} weights + ${digits(memory.gradients.value)} gradients + ${digits(memory.optimizer.value)} optimizer state) before any activations`,
      );
    }
    memory.fit = fit(req.memory, memory.perSequence.value, memory.fixed.value);
  }

  const f = ledger.flops;
  const flops = {
    forward: count(f.forward, 'forward FLOPs'),
    backward: count(f.backward, 'backward FLOPs'),
    recompute: count(f.recompute, 'recomputation FLOPs'),
    optimizer: count(f.optimizer, 'optimizer FLOPs'),
    model: count(f.model, 'model FLOPs'),
    hardware: count(f.hardware, 'hardware FLOPs'),
    step: count(f.step, 'step FLOPs'),
  };

  const out: TrainAccount = {
    request: req,
    ledger,
    values,
    params: { value: exact(ledger.params, values), formula: ledger.params },
    memory,
    flops,
    approximations: approximations(ledger).map((a): EvaluatedApproximation => {
      const value = a.poly && exactOrUndefined(a.poly, values);
      const difference = a.difference && exactOrUndefined(a.difference, values);
      return {
        check: a,
        ...(value !== undefined ? { value } : {}),
        ...(difference !== undefined ? { difference } : {}),
        ...(a.components ? { gaps: a.components.map((g) => ({ gap: g, value: exactOrUndefined(g.gap, values) ?? 0n })) } : {}),
      };
    }),
  };

  const seq = model.arch.symbols.find((s) => s.config === SEQ_FIELD)!;
  const tokensPerStep = values[BATCH_SYMBOL.name]! * values[seq.name]!;
  if (req.steps !== undefined || req.tokens !== undefined) {
    // --tokens D: as many whole steps as it takes to see D tokens (the last one may run past D).
    const steps = req.steps ?? ceilDiv(req.tokens!, tokensPerStep);
    out.run = {
      steps,
      tokens: steps * tokensPerStep,
      stepsFrom: req.steps !== undefined ? 'steps' : 'tokens',
      model: flops.model.value * steps,
      hardware: flops.hardware.value * steps,
      step: flops.step.value * steps,
    };
  }
  const capacity = req.peak ? req.peak.perDevice.mul(Rational.of(req.devices)) : undefined;
  if (req.stepTime && capacity) {
    const perSecond = req.stepTime.mul(capacity);
    out.utilization = { mfu: Rational.of(flops.model.value).div(perSecond), hfu: Rational.of(flops.hardware.value).div(perSecond), stepTime: req.stepTime };
  }
  if (out.run) {
    if (req.stepTime) out.time = { seconds: req.stepTime.mul(Rational.of(out.run.steps)), mfu: out.utilization?.mfu ?? Rational.ZERO, basis: 'step-time' };
    else if (req.mfu && capacity) out.time = { seconds: Rational.of(out.run.model).div(capacity.mul(req.mfu)), mfu: req.mfu, basis: 'mfu' };
  }
  return out;
}

function fit(budget: MemoryBudget, a: bigint, b: bigint): Fit {
  const max = (M: bigint) => (M < b + a ? 0n : (M - b) / a);
  const maxBatch = max(budget.bytes);
  return {
    budget,
    maxBatch,
    ...(maxBatch > 0n ? { peakAtMax: a * maxBatch + b } : {}),
    ...(budget.other ? { other: { text: budget.other.text, maxBatch: max(budget.other.bytes) } } : {}),
  };
}

const ceilDiv = (x: bigint, y: bigint) => (x + y - 1n) / y;

function exactOrUndefined(p: Poly, values: Record<string, bigint>): bigint | undefined {
  const r = p.evaluate(values);
  return r.isInteger() ? r.num : undefined;
}
