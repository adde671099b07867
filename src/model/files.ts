// Model files named on the command line: reading them as JSON objects, telling a Hugging Face
// config.json from an lmledger config, and the name a model from a file goes by.
//
// A Hugging Face config is recognised by its model_type field (at the top, or under text_config
// for multimodal configs): every transformers config.json has one, and lmledger's own config
// fields (d_model, num_layers, …) never include it. The name of a model from a file is, in order:
// --name, the file's own "name" field, its "_name_or_path" (as transformers writes it), else
// the file's stem (llama-3-8b.json -> llama-3-8b); never the path itself.

import { existsSync, readFileSync, statSync } from 'node:fs';
import { basename, extname } from 'node:path';
import { UserError } from '../errors.js';
import { isReservedName } from '../formulas/fields.js';

export type Json = Record<string, unknown>;

/** A config is a few kilobytes; anything far larger is not one (and must not be read into memory). */
export const MAX_CONFIG_BYTES = 4 * 1024 * 1024;

/** Deepest nesting of objects and arrays a config may have (real ones have 3 or 4). */
export const MAX_CONFIG_DEPTH = 32;

/** How deep objects and arrays nest in `v`, counted without recursion (so 10⁵ levels are fine). */
function nestingDepth(v: unknown): number {
  let deepest = 0;
  const stack: Array<[unknown, number]> = [[v, 1]];
  while (stack.length) {
    const [x, d] = stack.pop()!;
    if (x === null || typeof x !== 'object') continue;
    deepest = Math.max(deepest, d);
    if (deepest > MAX_CONFIG_DEPTH) return deepest;
    for (const y of Object.values(x)) stack.push([y, d + 1]);
  }
  return deepest;
}

/**
 * Reads a file holding one JSON object; `flag` names where it came from in errors (--config FILE).
 * Only a regular file of at most MAX_CONFIG_BYTES is read: a FIFO, /dev/zero or a huge file is
 * refused before reading, so nothing blocks or fills memory.
 */
export function readJsonObject(path: string, flag: string): Json {
  if (!existsSync(path)) throw new UserError(`${flag} ${path}: file not found`);
  const st = statSync(path);
  if (!st.isFile()) throw new UserError(`${flag} ${path}: is not a regular file`);
  if (st.size > MAX_CONFIG_BYTES) throw new UserError(`${flag} ${path}: is ${st.size} bytes; a config is at most ${MAX_CONFIG_BYTES} bytes`);
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(path, 'utf8'));
  } catch (e) {
    // A RangeError is V8's answer to nesting too deep: bad input like any other.
    throw new UserError(`${flag} ${path}: not valid JSON: ${(e as Error).message}`);
  }
  return jsonObject(data, `${flag} ${path}`);
}

/** `data` as a config object (a file's contents or one the library is given); `where` starts errors. */
export function jsonObject(data: unknown, where: string): Json {
  if (data === null || typeof data !== 'object' || Array.isArray(data))
    throw new UserError(`${where}: expected a JSON object such as {"d_model": 768, …}`);
  if (nestingDepth(data) > MAX_CONFIG_DEPTH)
    throw new UserError(`${where}: values nested more than ${MAX_CONFIG_DEPTH} levels deep; a config is a flat object with a few nested ones (text_config, rope_scaling)`);
  for (const k of Object.keys(data))
    if (isReservedName(k)) throw new UserError(`${where}: '${k}' is not allowed as a field name`);
  return data as Json;
}

/** A model reference that is a file rather than a preset name: it ends in .json. */
export function isModelFile(ref: string): boolean {
  return extname(ref).toLowerCase() === '.json';
}

/** True for a Hugging Face config.json: it has a model_type, at the top or under text_config. */
export function isHfConfig(data: Json): boolean {
  const nested = data.text_config;
  return typeof data.model_type === 'string' || (!!nested && typeof nested === 'object' && typeof (nested as Json).model_type === 'string');
}

/** The name a model read from `path` goes by (see the header); `data` is the file's object. */
export function fileModelName(path: string, data: Json): string {
  for (const key of ['name', '_name_or_path']) {
    const v = data[key];
    if (typeof v === 'string' && v.trim() !== '') return shortName(v.trim());
  }
  return basename(path, extname(path));
}

/** "_name_or_path" may be a local directory: its last part names the model, not the whole path. */
function shortName(v: string): string {
  return /^(\/|\.{1,2}\/|~)/.test(v) ? basename(v.replace(/\/+$/, '')) : v;
}
