// Reading one YAML data file of formulas/ (or a user's): a parse error or a missing file is a
// one-line UserError naming the file, never a stack trace. Parsed files are cached by path.

import { existsSync, readFileSync, statSync } from 'node:fs';
import { relative } from 'node:path';
import { createRequire } from 'node:module';
import { UserError } from '../errors.js';
import { fromSnapshot } from './snapshot.js';

const cache = new Map<string, unknown>();

/** js-yaml, loaded only when a file is not in the build's snapshot (src/formulas/snapshot.ts). */
let yaml: typeof import('js-yaml') | undefined;
const parseYaml = (text: string): unknown => (yaml ??= createRequire(import.meta.url)('js-yaml') as typeof import('js-yaml')).load(text);
/** A formula file is a few kilobytes; anything far larger is refused before it is read. */
const MAX_YAML_BYTES = 4 * 1024 * 1024;

/** The file's path as messages show it: relative to the working directory when that is shorter. */
export function shownPath(file: string): string {
  const r = relative(process.cwd(), file);
  return r && r.length < file.length ? r : file;
}

export function readYamlFile(file: string): unknown {
  if (cache.has(file)) return cache.get(file);
  const shown = shownPath(file);
  if (!existsSync(file)) throw new UserError(`${shown}: not found`);
  const st = statSync(file);
  if (!st.isFile()) throw new UserError(`${shown}: is not a regular file`);
  if (st.size > MAX_YAML_BYTES) throw new UserError(`${shown}: is ${st.size} bytes; a formula file is at most ${MAX_YAML_BYTES} bytes`);
  const text = readFileSync(file, 'utf8');
  const known = fromSnapshot(file, text);
  if (known) {
    cache.set(file, known.data);
    return known.data;
  }
  let data: unknown;
  try {
    data = parseYaml(text);
  } catch (e) {
    throw new UserError(`${shown}: not valid YAML: ${(e as Error).message.split('\n')[0]}`);
  }
  cache.set(file, data);
  return data;
}
