// The conventions a training answer was computed under, as sentences that every view (text,
// JSON, write-up) prints beside the numbers: generated from the data, so they never drift.

import { Rational } from '../../algebra/rational.js';
import type { TrainingChoice } from '../../training/choice.js';
import type { TrainRequest } from '../../training/account.js';

/** Bytes per parameter of the weights, gradients, master copy and optimizer state, and their sum. */
export function bytesPerParam(c: TrainingChoice): { parts: Array<{ key: string; label: string; bytes: Rational }>; total: Rational } {
  const p = c.precision;
  const states = p.optimizerState.mul(Rational.of(BigInt(c.optimizer.states)));
  const parts = [
    { key: 'weights', label: 'weights', bytes: p.weights },
    { key: 'gradients', label: 'gradients', bytes: p.gradients },
    { key: 'master', label: 'master copy', bytes: p.master },
    { key: 'optimizer_state', label: `${c.optimizer.name} state (${c.optimizer.states} × ${p.optimizerState})`, bytes: states },
  ];
  return { parts, total: parts.reduce((s, x) => s.add(x.bytes), Rational.ZERO) };
}

export function trainingConventions(req: TrainRequest): Record<string, string> {
  const c = req.choice;
  const bpp = bytesPerParam(c);
  const a = c.activations;
  const own = 'unless a tensor fixes its own width (1-byte dropout masks, fp32 statistics, int64 token ids)';
  const width = a.bytes === 'precision' ? `${c.precision.activations} bytes per element (the ${c.precision.name} policy's activations) ${own}` : `${a.bytes} bytes per element ${own}`;
  const parallel =
    c.tensorParallel === undefined
      ? 'no model parallelism: memory is one device holding the whole model'
      : `tensor parallelism t = ${c.tensorParallel}${c.sequenceParallel ? ' with sequence parallelism' : ''}: activations are per rank (tensors split across ranks ÷ t${c.sequenceParallel ? ', and with sequence parallelism every per-layer tensor' : ''}); weights, gradients and optimizer state are counted whole (not split), communication buffers are not counted`;
  const recompute = {
    none: 'no recomputation: every kept tensor stays until its backward',
    selective: 'selective recomputation (Korthikanti et al. 2022): the tensors tagged recompute: selective (the attention core) are dropped and their matmuls re-run in the backward pass',
    full: "full recomputation: each layer keeps only its input (its checkpoint) and re-runs its forward in the backward pass; the one layer being recomputed holds its tensors at the peak",
  }[c.recompute];
  return {
    activations: `${a.name}: ${a.means}; ${width} (${a.source})`,
    precision: `${c.precision.name} (${c.precision.title}): ${bpp.parts.map((x) => `${x.bytes} ${x.label}`).join(' + ')} = ${bpp.total} bytes per parameter (${c.precision.source})`,
    optimizer: `${c.optimizer.name} (${c.optimizer.title}): ${c.optimizer.states} state element${c.optimizer.states === 1 ? '' : 's'} per parameter; ${c.optimizerFlopsPerParam} FLOPs per parameter per step${c.optimizerFlopsPerParam === c.optimizer.flopsPerParam ? ` (${c.optimizer.update.map((u) => u.flops).join(' + ')}: ${c.optimizer.update.map((u) => u.op).join('; ')})` : ' (--optimizer-flops)'}`,
    recompute,
    parallelism: parallel,
    peak: 'peak memory = weights + gradients + optimizer state + activations, all live at once (the end of the forward pass with gradients allocated); temporary buffers and fragmentation are not counted',
    flops: `FLOPs, not MACs (2·m·n·p per matmul); backward derived from the matmuls (each operand's gradient is one more matmul of the same FLOPs); ${req.model.arch.attention.means}; non-matmul work is left out`,
    mfu: 'MFU counts model FLOPs (forward + backward, not recomputation or the optimizer), as PaLM App. B; HFU adds recomputation',
    units: 'GB = 10⁹ bytes, GiB = 2³⁰ bytes',
  };
}
