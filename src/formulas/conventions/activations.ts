// The activation conventions of formulas/training/activations.yaml: which kept tensors count
// and their bytes per element (a number, or `precision`: the precision policy's activation dtype).

import { join } from 'node:path';
import { NamedTable } from '../named.js';
import { FORMULAS_DIR } from '../paths.js';

export interface ActivationConvention {
  name: string;
  title: string;
  /** Bytes per element, or 'precision' for the precision policy's activation bytes. */
  bytes: number | 'precision';
  source: string;
  /** What it counts, in one sentence, for outputs. */
  means: string;
  default: boolean;
}

export const ACTIVATION_CONVENTIONS = new NamedTable<ActivationConvention>(
  join(FORMULAS_DIR, 'conventions', 'activations.yaml'),
  'conventions',
  '--activations',
  (c, name, raw) => {
    const o = c.object(raw, ['title', 'bytes', 'source', 'means', 'default'], ['title', 'bytes', 'source', 'means']);
    return {
      name,
      title: c.at('title').string(o.title),
      bytes: o.bytes === 'precision' ? 'precision' : Math.max(1, c.at('bytes').count(o.bytes)),
      source: c.at('source').string(o.source),
      means: c.at('means').string(o.means),
      default: c.at('default').boolean(o.default, false),
    };
  },
);

export const activationConventions = () => ACTIVATION_CONVENTIONS.all();
export const activationConvention = (name: string | undefined) => ACTIVATION_CONVENTIONS.get(name);
