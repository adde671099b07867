// The parsed formulas/ snapshot written at build time (dist/formulas.json, by scripts/build.mjs):
// each file's text beside its parsed YAML (as JSON text). YAML parsing is most of a cold start,
// and JSON.parse is a fraction of it. formulas/ stays the only source: a file is taken from the
// snapshot only when its text is exactly the text recorded beside it, so an edited file (or one
// the snapshot does not know) is parsed from its YAML as before.
//
// Each file's data is JSON text inside the snapshot, parsed the first time that file is read: a
// command reads a few of formulas/' files, and parsing only those is cheaper than parsing all.
// Comparing whole texts costs nothing next to reading them (a hash of the 50 kB architecture file
// took milliseconds of cold JavaScript).

import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { PACKAGE_ROOT } from '../root.js';
import { FORMULAS_DIR } from './paths.js';

export const SNAPSHOT_FILE = join(PACKAGE_ROOT, 'dist', 'formulas.json');

export interface Snapshot {
  /** By path relative to formulas/ (with '/'): the file's text and its parsed YAML as JSON text. */
  files: Record<string, { text: string; json: string }>;
}

let snapshot: Snapshot | null | undefined;

/** The parsed data of a formulas/ file whose text is `text`, if the snapshot holds that exact text. */
export function fromSnapshot(file: string, text: string): { data: unknown } | undefined {
  const rel = relative(FORMULAS_DIR, file).split('\\').join('/');
  if (rel.startsWith('..')) return undefined;
  if (snapshot === undefined) {
    try {
      // latin1: the snapshot is ASCII, non-ASCII characters as \u escapes (scripts/build.mjs).
      snapshot = JSON.parse(readFileSync(SNAPSHOT_FILE, 'latin1')) as Snapshot;
    } catch {
      snapshot = null; // no build snapshot (running from tsc output alone): parse the YAML
    }
  }
  if (!snapshot || !Object.hasOwn(snapshot.files, rel)) return undefined;
  const entry = snapshot.files[rel]!;
  if (entry.text !== text) return undefined;
  return { data: JSON.parse(entry.json) as unknown };
}
