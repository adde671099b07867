// Reading one YAML data file of formulas/ (or a user's): a parse error or a missing file is a
// one-line UserError naming the file, never a stack trace. Parsed files are cached by path.

import { existsSync, readFileSync, statSync } from 'node:fs';
import { relative } from 'node:path';
import { load as parseYaml } from 'js-yaml';
import { UserError } from '../errors.js';

const cache = new Map<string, unknown>();

/** The file's path as messages show it: relative to the working directory when that is shorter. */
export function shownPath(file: string): string {
  const r = relative(process.cwd(), file);
  return r && r.length < file.length ? r : file;
}

export function readYamlFile(file: string): unknown {
  if (cache.has(file)) return cache.get(file);
  const shown = shownPath(file);
  if (!existsSync(file)) throw new UserError(`${shown}: not found`);
  if (!statSync(file).isFile()) throw new UserError(`${shown}: is not a file`);
  let data: unknown;
  try {
    data = parseYaml(readFileSync(file, 'utf8'));
  } catch (e) {
    throw new UserError(`${shown}: not valid YAML: ${(e as Error).message.split('\n')[0]}`);
  }
  cache.set(file, data);
  return data;
}
