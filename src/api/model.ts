// What the library accepts as a model besides a name: an lmledger config object (the seed's field
// names, as in a --config file) or a Hugging Face config.json object, read by the same code the
// CLI reads files with. No file system here, so the browser explorer uses it too.

import { UserError } from '../errors.js';
import { fileModelName, isHfConfig, jsonObject } from '../model/files.js';
import { readHfConfig } from '../model/hf.js';
import { configFields, type ModelRequest } from '../model/spec.js';

/** A model given by its config rather than its name. Give exactly one key. */
export interface ModelObject {
  /** A preset name, as `lmledger presets` lists them. */
  preset?: string;
  /** A path to a .json file: a Hugging Face config if it has model_type, else an lmledger config. */
  file?: string;
  /** An lmledger config ({ d_model: 1600, num_layers: 48, … }); one with model_type is read as a Hugging Face config. */
  config?: Record<string, unknown>;
  /** A Hugging Face config.json object (model_type llama, qwen2, gpt2, …). */
  hfConfig?: Record<string, unknown>;
}

/** A preset name or .json path, or a config object. */
export type ModelInput = string | ModelObject;

/** The request fields a config object stands for (as a config file's would). */
export type ConfigSource = Pick<ModelRequest, 'values' | 'label' | 'arch' | 'excluded'>;

const KEYS = ['preset', 'file', 'config', 'hfConfig'] as const;

/** Which key of a ModelObject is given; exactly one must be. */
export function modelObjectKey(input: ModelObject): (typeof KEYS)[number] {
  if (input === null || typeof input !== 'object' || Array.isArray(input))
    throw new UserError(`model: expected a preset name, a .json path or an object with one of ${KEYS.join(', ')}`);
  const unknown = Object.keys(input).filter((k) => !(KEYS as readonly string[]).includes(k));
  if (unknown.length) throw new UserError(`model: unknown key '${unknown[0]}'; give one of ${KEYS.join(', ')}`);
  const given = KEYS.filter((k) => input[k] !== undefined);
  if (given.length !== 1) throw new UserError(`model: give exactly one of ${KEYS.join(', ')} (got ${given.length ? given.join(', ') : 'none'})`);
  return given[0]!;
}

/**
 * A config object as the request a config file would make: `config` with the seed's field names
 * (and optional architecture, name), or `hfConfig` read as `--hf-config` reads a file.
 */
export function configSource(data: unknown, kind: 'config' | 'hfConfig'): ConfigSource {
  const obj = jsonObject(data, kind);
  if (kind === 'hfConfig' || isHfConfig(obj)) {
    const hf = readHfConfig(kind, obj);
    return { values: hf.values, label: hf.label, arch: 'decoder', excluded: hf.excluded };
  }
  const { fields, architecture } = configFields(obj, kind);
  // Named by its name or _name_or_path field, else "custom" (fileModelName's stem of that word).
  return { values: fields, label: fileModelName('custom', obj), ...(architecture ? { arch: architecture } : {}) };
}
