// Training quantities for `scale`: peak memory and its parts, activation memory by component,
// and the FLOPs of a training step by part, as Quantities over the training ledger, so that
// derivatives, crossovers and factors work on them exactly as on forward FLOPs.

import { Poly } from '../algebra/poly.js';
import type { Architecture } from '../formulas/architecture.js';
import { UserError } from '../errors.js';
import type { TrainingChoice } from '../training/choice.js';
import { trainingLedger } from '../training/ledger.js';
import type { Part, Quantity } from './quantity.js';

export const TRAINING_QUANTITIES = ['memory.peak', 'memory.activations', 'train.flops', 'train.model', 'train.backward'] as const;

export const isTrainingQuantity = (name: string) => (TRAINING_QUANTITIES as readonly string[]).includes(name);

export function trainingQuantity(arch: Architecture, name: string, choice: TrainingChoice): Quantity {
  if (!arch.batched) throw new Error('training quantities need the model resolved with a batch');
  if (choice.tensorParallel !== undefined) throw new UserError('scale: --tensor-parallel is for `lmledger train`; scale works on one device');
  const t = trainingLedger(arch, choice);
  const model = (name: string, title: string, poly: Poly): Part => ({ name, title, poly, scope: 'model' });
  const whole = (n: string, title: string, kind: Quantity['kind'], poly: Poly, parts: Part[], layer?: Poly): Quantity => ({
    name: n,
    title,
    kind,
    poly,
    parts: parts.filter((p) => !p.poly.isZero()),
    atoms: parts.filter((p) => !p.poly.isZero()),
    atomNoun: 'parts',
    ...(layer && !layer.isZero() ? { layer } : {}),
  });
  const m = t.memory;
  const L = Poly.symbol(arch.layers);
  switch (name) {
    case 'memory.peak':
      return whole(name, `peak training memory in bytes (${choice.precision.name}, ${choice.activations.name} activations, ${choice.optimizer.name})`, 'bytes', m.peak, [
        model('parameters', 'weights', m.parameters),
        model('gradients', 'gradients', m.gradients),
        model('optimizer', 'master copy and optimizer state', m.optimizer),
        model('activations', 'activations kept for the backward pass', m.activations),
      ]);
    case 'memory.activations': {
      // By component: a per-layer component's tensors occur L times.
      const parts = arch.components.map((c): Part => {
        const own = t.activations.kept.filter((k) => k.component === c).reduce((p, k) => p.add(k.bytes), Poly.ZERO);
        return { name: c.id, title: c.title, poly: c.scope === 'layer' ? own.mul(L) : own, scope: c.scope };
      });
      const working = t.activations.working.reduce((p, k) => p.add(k.bytes), Poly.ZERO);
      if (!working.isZero()) parts.push(model('recomputed_layer', 'the one layer being recomputed', working));
      return whole(name, `activation memory in bytes (${choice.activations.name})`, 'bytes', m.activations, parts, t.activations.perLayer.mul(L));
    }
    case 'train.flops':
      return whole(name, 'FLOPs of a training step', 'flops', t.flops.step, [
        model('forward', 'forward pass', t.flops.forward),
        model('backward', 'backward pass', t.flops.backward),
        model('recompute', `recomputation (${choice.recompute})`, t.flops.recompute),
        model('optimizer', `${choice.optimizer.name} update`, t.flops.optimizer),
      ]);
    case 'train.model':
      return whole(name, 'model FLOPs of a training step (forward + backward)', 'flops', t.flops.model, [
        model('forward', 'forward pass', t.flops.forward),
        model('backward', 'backward pass', t.flops.backward),
      ]);
    default:
      return whole(name, 'backward FLOPs of a training step', 'flops', t.flops.backward, [model('backward', 'backward pass', t.flops.backward)]);
  }
}
