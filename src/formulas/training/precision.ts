// Precision policies (formulas/training/precision.yaml): bytes per parameter for the weights,
// gradients, master copy and each optimizer state element, and bytes per activation element.

import { join } from 'node:path';
import { Rational } from '../../algebra/rational.js';
import { PEAK_DTYPES, type PeakDtype } from '../hardware.js';
import { NamedTable } from '../named.js';
import { FORMULAS_DIR } from '../paths.js';

export interface PrecisionPolicy {
  name: string;
  title: string;
  weights: Rational;
  gradients: Rational;
  master: Rational;
  /** Bytes of one optimizer state element (the optimizer says how many per parameter). */
  optimizerState: Rational;
  activations: Rational;
  /** The dtype the matmuls run in: the accelerator peak that time and MFU are measured against. */
  compute: PeakDtype;
  source: string;
  default: boolean;
}

const bytes = (n: number) => Rational.of(BigInt(n));

export const PRECISION_POLICIES = new NamedTable<PrecisionPolicy>(
  join(FORMULAS_DIR, 'training', 'precision.yaml'),
  'policies',
  '--precision',
  (p, name, raw) => {
    const o = p.object(raw, ['title', 'weights', 'gradients', 'master', 'optimizer_state', 'activations', 'compute', 'source', 'default'], [
      'title', 'weights', 'gradients', 'master', 'optimizer_state', 'activations', 'compute', 'source',
    ]);
    const compute = p.at('compute').string(o.compute);
    if (!(PEAK_DTYPES as readonly string[]).includes(compute)) p.at('compute').fail(`'${compute}' is not allowed; use one of ${PEAK_DTYPES.join(', ')}`);
    return {
      name,
      title: p.at('title').string(o.title),
      weights: bytes(p.at('weights').count(o.weights)),
      gradients: bytes(p.at('gradients').count(o.gradients)),
      master: bytes(p.at('master').count(o.master)),
      optimizerState: bytes(p.at('optimizer_state').count(o.optimizer_state)),
      activations: bytes(p.at('activations').count(o.activations)),
      compute: compute as PeakDtype,
      source: p.at('source').string(o.source),
      default: p.at('default').boolean(o.default, false),
    };
  },
);
