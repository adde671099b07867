// The parsed formulas/ snapshot written at build time (dist/formulas.json, by scripts/build.mjs):
// each file's parsed YAML beside a hash of its text. YAML parsing is most of a cold start, and
// JSON.parse of the snapshot is a fraction of it. formulas/ stays the only source: a file is
// taken from the snapshot only when its text hashes to the hash recorded beside it, so an edited
// file (or one the snapshot does not know) is parsed from its YAML as before.

import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { PACKAGE_ROOT } from '../root.js';
import { FORMULAS_DIR } from './paths.js';

export const SNAPSHOT_FILE = join(PACKAGE_ROOT, 'dist', 'formulas.json');

export interface Snapshot {
  /** By path relative to formulas/ (with '/'). */
  files: Record<string, { sha1: string; data: unknown }>;
}

let snapshot: Snapshot | null | undefined;

export const textHash = (text: string) => createHash('sha1').update(text).digest('hex');

/** The parsed data of a formulas/ file whose text is `text`, if the snapshot holds that exact text. */
export function fromSnapshot(file: string, text: string): { data: unknown } | undefined {
  const rel = relative(FORMULAS_DIR, file).split('\\').join('/');
  if (rel.startsWith('..')) return undefined;
  if (snapshot === undefined) {
    try {
      snapshot = JSON.parse(readFileSync(SNAPSHOT_FILE, 'utf8')) as Snapshot;
    } catch {
      snapshot = null; // no build snapshot (running from tsc output alone): parse the YAML
    }
  }
  const entry = snapshot?.files[rel];
  if (!entry || !Object.hasOwn(snapshot!.files, rel) || entry.sha1 !== textHash(text)) return undefined;
  return { data: entry.data };
}
