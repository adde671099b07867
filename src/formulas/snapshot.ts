// The parsed formulas/ snapshot written at build time (dist/formulas.json, by scripts/build.mjs):
// each file's parsed YAML beside a hash of its text. YAML parsing is most of a cold start, and
// JSON.parse of the snapshot is a fraction of it. formulas/ stays the only source: a file is
// taken from the snapshot only when its text hashes to the hash recorded beside it, so an edited
// file (or one the snapshot does not know) is parsed from its YAML as before.

import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { PACKAGE_ROOT } from '../root.js';
import { FORMULAS_DIR } from './paths.js';

export const SNAPSHOT_FILE = join(PACKAGE_ROOT, 'dist', 'formulas.json');

export interface Snapshot {
  /** By path relative to formulas/ (with '/'). */
  files: Record<string, { hash: string; data: unknown }>;
}

let snapshot: Snapshot | null | undefined;

/**
 * A 64-bit hash of a file's text (two FNV-1a lanes over its UTF-16 code units): enough to tell an
 * edited file from the one the snapshot was made from, and plain JavaScript, so the explorer's
 * browser bundle reads formulas/ through this same code.
 */
export function textHash(text: string): string {
  let a = 0x811c9dc5;
  let b = 0x050c5d1f;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x01000193) ^ (a >>> 15);
  }
  return (a >>> 0).toString(16).padStart(8, '0') + (b >>> 0).toString(16).padStart(8, '0');
}

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
  if (!entry || !Object.hasOwn(snapshot!.files, rel) || entry.hash !== textHash(text)) return undefined;
  return { data: entry.data };
}
