// The symbolic training ledger: one training step of a model resolved with a batch (the symbol B),
// as exact polynomials derived from formulas/ — forward (the forward ledger), backward (derived
// from the matmuls), recomputation, the optimizer update, and the peak memory by part. Numbers,
// hardware and time are the evaluated account's (account.ts); this file has no values.

import { Poly } from '../algebra/poly.js';
import { Rational } from '../algebra/rational.js';
import { SEQ_FIELD, type Architecture, type Component, type Matmul } from '../formulas/architecture.js';
import { symbolicLedger } from '../ledger/symbolic.js';
import { activationMemory, type ActivationMemory } from './activations.js';
import { backwardExceptions, backwardProducts, sumPolys, type BackwardProduct } from './backward.js';
import { TP_SYMBOL, type TrainingChoice } from './choice.js';

export interface RecomputedMatmul {
  matmul: Matmul;
  component: Component;
  /** Forward FLOPs re-run per occurrence. */
  flops: Poly;
}

export interface MemoryParts {
  /** Weights at the policy's width. */
  parameters: Poly;
  gradients: Poly;
  /** The master copy and the optimizer's states (ZeRO's K·Ψ). */
  optimizer: Poly;
  activations: Poly;
  /** All four at once: the peak of a step that keeps every part live. */
  peak: Poly;
  /** a of a·B + b: bytes that grow with each sequence of the batch (the activations). */
  perSequence: Poly;
  /** b of a·B + b: bytes that do not depend on the batch. */
  fixed: Poly;
}

export interface TrainingLedger {
  /** The architecture the formulas print in: the model's, with t when tensor parallelism is given. */
  arch: Architecture;
  choice: TrainingChoice;
  params: Poly;
  flops: {
    forward: Poly;
    backward: Poly;
    backwardProducts: BackwardProduct[];
    /** Matmuls whose backward skips an operand (none in the shipped architectures). */
    exceptions: Matmul[];
    recompute: Poly;
    recomputed: RecomputedMatmul[];
    /** The optimizer's update: FLOPs per parameter × parameters. */
    optimizer: Poly;
    /** Forward + backward: the model FLOPs of MFU (PaLM App. B). */
    model: Poly;
    /** Model + recomputation: the hardware FLOPs of HFU. */
    hardware: Poly;
    /** Everything a step runs: forward + backward + recomputation + optimizer. */
    step: Poly;
  };
  activations: ActivationMemory;
  memory: MemoryParts;
}

const occurrences = (_arch: Architecture, c: Component) => c.occurs;

export function trainingLedger(arch: Architecture, choice: TrainingChoice): TrainingLedger {
  if (!arch.batched) throw new Error('a training ledger needs the model resolved with a batch');
  const forwardLedger = symbolicLedger(arch);
  const seq = arch.symbols.find((s) => s.config === SEQ_FIELD)?.name;
  const products = backwardProducts(arch, seq);
  const backward = sumPolys(products.map((p) => p.flops.mul(occurrences(arch, p.component))));

  const recomputed: RecomputedMatmul[] = arch.components.flatMap((c) =>
    c.matmuls
      .filter((m) => (choice.recompute === 'selective' ? m.selectiveRecompute : choice.recompute === 'full' ? c.scope === 'layer' : false))
      .map((m) => ({ matmul: m, component: c, flops: m.flops })),
  );
  const recompute = sumPolys(recomputed.map((r) => r.flops.mul(occurrences(arch, r.component))));

  const N = forwardLedger.params.total;
  const optimizer = N.scale(Rational.of(BigInt(choice.optimizerFlopsPerParam)));
  const forward = forwardLedger.flops.total;
  const model = forward.add(backward);
  const hardware = model.add(recompute);

  const p = choice.precision;
  const activations = activationMemory(arch, choice);
  const parameters = N.scale(p.weights);
  const gradients = N.scale(p.gradients);
  const optimizerBytes = N.scale(p.master.add(p.optimizerState.mul(Rational.of(BigInt(choice.optimizer.states)))));
  const peak = parameters.add(gradients).add(optimizerBytes).add(activations.total);
  // Activations are linear in B (every kept tensor is per sequence); the rest is free of it.
  const B = arch.symbols[0]!.name;
  const byB = peak.collect(B);
  const perSequence = byB.get(1) ?? Poly.ZERO;
  const fixed = byB.get(0) ?? Poly.ZERO;
  if ([...byB.keys()].some((k) => k !== 0 && k !== 1)) throw new Error('peak memory is not linear in the batch');

  const printed = choice.tensorParallel !== undefined ? { ...arch, symbols: [...arch.symbols, TP_SYMBOL] } : arch;
  return {
    arch: printed,
    choice,
    params: N,
    flops: {
      forward,
      backward,
      backwardProducts: products,
      exceptions: backwardExceptions(arch),
      recompute,
      recomputed,
      optimizer,
      model,
      hardware,
      step: hardware.add(optimizer),
    },
    activations,
    memory: { parameters, gradients, optimizer: optimizerBytes, activations: activations.total, peak, perSequence, fixed },
  };
}
