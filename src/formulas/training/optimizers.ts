// Optimizers (formulas/training/optimizers.yaml): state elements per parameter and the update
// rule as elementwise operations with their FLOPs per parameter.

import { join } from 'node:path';
import { NamedTable } from '../named.js';
import { FORMULAS_DIR } from '../paths.js';

export interface UpdateOp {
  op: string;
  flops: number;
  what: string;
}

export interface Optimizer {
  name: string;
  title: string;
  /** State elements kept per parameter (AdamW: m and v). */
  states: number;
  update: UpdateOp[];
  /** FLOPs per parameter per step: the sum over the update rule. */
  flopsPerParam: number;
  source: string;
  default: boolean;
}

export const OPTIMIZERS = new NamedTable<Optimizer>(
  join(FORMULAS_DIR, 'training', 'optimizers.yaml'),
  'optimizers',
  '--optimizer',
  (r, name, raw) => {
    const o = r.object(raw, ['title', 'states', 'update', 'source', 'default'], ['title', 'states', 'update', 'source']);
    const update = r.at('update').list(o.update).map((x, i) => {
      const u = r.at('update').at(String(i));
      const uo = u.object(x, ['op', 'flops', 'what'], ['op', 'flops', 'what']);
      return { op: u.at('op').string(uo.op), flops: u.at('flops').count(uo.flops), what: u.at('what').string(uo.what) };
    });
    return {
      name,
      title: r.at('title').string(o.title),
      states: r.at('states').count(o.states),
      update,
      flopsPerParam: update.reduce((s, u) => s + u.flops, 0),
      source: r.at('source').string(o.source),
      default: r.at('default').boolean(o.default, false),
    };
  },
);
