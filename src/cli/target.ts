// What `formulas` and `sheet` are about: an architecture (by name or .yaml path), or a preset,
// which stands for its architecture resolved with the preset's options (and numbers, for sheets).

import { UserError, didYouMean } from '../errors.js';
import type { Architecture } from '../formulas/architecture.js';
import { architectureNames, isArchitecturePath, loadArchitecture } from '../formulas/load.js';
import { presets } from '../model/presets.js';
import { resolveModel, type ModelSpec } from '../model/spec.js';

export function architectureOrPreset(name: string): { arch: Architecture; model?: ModelSpec } {
  if (isArchitecturePath(name) || architectureNames().includes(name)) return { arch: loadArchitecture(name) };
  if (presets().has(name)) {
    const model = resolveModel({ preset: name });
    return { arch: model.arch, model };
  }
  const known = [...architectureNames(), ...presets().keys()];
  throw new UserError(
    `unknown architecture or preset '${name}'${didYouMean(name, known)}; architectures: ${architectureNames().join(', ')}; ` +
      `presets: see 'lmledger presets' (or give a path to a .yaml file)`,
  );
}
