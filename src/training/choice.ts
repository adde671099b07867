// The conventions a training question is answered under, each a named entry of formulas/:
// which activations are kept and at what width, the precision policy, the optimizer, how much
// is recomputed, and how tensor and sequence parallelism split the activations.

import type { SymbolDef } from '../formulas/architecture.js';
import { ACTIVATION_CONVENTIONS, type ActivationConvention } from '../formulas/conventions/activations.js';
import { OPTIMIZERS, type Optimizer } from '../formulas/training/optimizers.js';
import { PRECISION_POLICIES, type PrecisionPolicy } from '../formulas/training/precision.js';
import { UserError } from '../errors.js';
import { groupedDigits } from '../units/quantity.js';

export const RECOMPUTE = ['none', 'selective', 'full'] as const;
export type Recompute = (typeof RECOMPUTE)[number];

/** Tensor-parallel ranks: a symbol of the training formulas when given (sbh(10 + 24/t + …)). */
export const TP_SYMBOL: SymbolDef = {
  name: 't',
  config: 'tensor_parallel',
  meaning: 'tensor-parallel ranks that split each layer\'s heads and FFN columns (activations per rank)',
  latex: 't',
};

export interface TrainingChoice {
  activations: ActivationConvention;
  precision: PrecisionPolicy;
  optimizer: Optimizer;
  /** FLOPs per parameter of the optimizer step: the update rule's sum unless overridden. */
  optimizerFlopsPerParam: number;
  recompute: Recompute;
  /** Tensor-parallel size, when given (the symbol t joins the formulas). */
  tensorParallel?: bigint;
  sequenceParallel: boolean;
}

export interface ChoiceRequest {
  activations?: string;
  precision?: string;
  optimizer?: string;
  optimizerFlops?: string;
  recompute?: string;
  tensorParallel?: string;
  sequenceParallel?: boolean;
}

const wholeNumber = (flag: string, text: string, min: bigint): bigint => {
  const t = groupedDigits(text.trim());
  if (t === undefined || BigInt(t) < min) throw new UserError(`${flag}: '${text}' is not allowed; expected a whole number ≥ ${min}`);
  return BigInt(t);
};

export function trainingChoice(req: ChoiceRequest = {}): TrainingChoice {
  const optimizer = OPTIMIZERS.get(req.optimizer);
  const recompute = (req.recompute ?? 'none') as Recompute;
  if (!RECOMPUTE.includes(recompute)) throw new UserError(`--recompute: '${req.recompute}' is not allowed; use one of ${RECOMPUTE.join(', ')}`);
  const tp = req.tensorParallel === undefined ? undefined : wholeNumber('--tensor-parallel', req.tensorParallel, 1n);
  if (req.sequenceParallel && tp === undefined) throw new UserError('--sequence-parallel: needs --tensor-parallel t (sequence parallelism splits across the tensor-parallel ranks)');
  return {
    activations: ACTIVATION_CONVENTIONS.get(req.activations),
    precision: PRECISION_POLICIES.get(req.precision),
    optimizer,
    optimizerFlopsPerParam: req.optimizerFlops === undefined ? optimizer.flopsPerParam : Number(wholeNumber('--optimizer-flops', req.optimizerFlops, 0n)),
    recompute,
    ...(tp !== undefined ? { tensorParallel: tp } : {}),
    sequenceParallel: req.sequenceParallel === true,
  };
}
