// The activation memory of training, derived from the tensors each component declares it keeps
// (formulas/architectures, `activations:`), under one activation convention: which tensors count,
// bytes per element, what recomputation drops and what tensor/sequence parallelism splits.

import { Poly } from '../algebra/poly.js';
import { Rational } from '../algebra/rational.js';
import type { Activation, Architecture, Component } from '../formulas/architecture.js';
import { TP_SYMBOL, type TrainingChoice } from './choice.js';
import { sumPolys } from './backward.js';

export interface KeptTensor {
  activation: Activation;
  component: Component;
  bytesPerElement: Rational;
  /** Split across the t tensor-parallel ranks (bytes per rank). */
  split: boolean;
  /** Bytes of one occurrence (one layer for per-layer components), for the whole batch. */
  bytes: Poly;
}

export interface ActivationMemory {
  /** Tensors stored through the forward pass, per occurrence. */
  kept: KeptTensor[];
  /** Under full recomputation: the tensors of the one layer being recomputed in its backward. */
  working: KeptTensor[];
  /** Tensors the convention counts but recomputation drops (for the record). */
  dropped: KeptTensor[];
  /** Bytes stored per layer (one occurrence of every per-layer component). */
  perLayer: Poly;
  /** Whole model: L × perLayer + the once-per-model tensors + the working set. */
  total: Poly;
}

export function activationMemory(arch: Architecture, choice: TrainingChoice): ActivationMemory {
  const conv = choice.activations;
  const t = Poly.symbol(TP_SYMBOL.name);
  const tensor = (c: Component, a: Activation): KeptTensor => {
    const bytesPerElement = a.bytes !== undefined ? rational(a.bytes) : conv.bytes === 'precision' ? choice.precision.activations : rational(conv.bytes);
    const split = choice.tensorParallel !== undefined && (a.tensorParallel || choice.sequenceParallel);
    const bytes = a.elements.scale(bytesPerElement);
    return { activation: a, component: c, bytesPerElement, split, bytes: split ? bytes.div(t) : bytes };
  };
  const counted = arch.components.flatMap((c) => c.activations.filter((a) => a.in.includes(conv.name)).map((a) => tensor(c, a)));
  const isLayer = (k: KeptTensor) => k.component.scope === 'layer';
  const keeps = (k: KeptTensor): boolean => {
    if (choice.recompute === 'selective') return !k.activation.selectiveRecompute;
    // Full recomputation keeps each layer's checkpoint only; the model's own tensors stay.
    if (choice.recompute === 'full') return !isLayer(k) || k.activation.checkpoint;
    return true;
  };
  const kept = counted.filter(keeps);
  const dropped = counted.filter((k) => !keeps(k));
  // With full recomputation one layer at a time is recomputed in the backward pass: its tensors
  // (but the checkpoint, already stored) are alive at the peak.
  const working = choice.recompute === 'full' ? dropped.filter(isLayer) : [];
  const L = Poly.symbol(arch.layers);
  const perLayer = sumPolys(kept.filter(isLayer).map((k) => k.bytes));
  const once = sumPolys(kept.filter((k) => !isLayer(k)).map((k) => k.bytes));
  return { kept, working, dropped, perLayer, total: L.mul(perLayer).add(once).add(sumPolys(working.map((k) => k.bytes))) };
}

/** Bytes per element are whole numbers (checked when the files are read). */
const rational = (x: number) => Rational.of(BigInt(x));
