// Presets are data: formulas/presets/*.yaml, one file per family of models sharing an
// architecture. A field may be an expression of other fields (d_ff: 4*d_model), so that a
// relation stated by the source is written once rather than as a derived number.

import { readFileSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { UserError, didYouMean } from '../errors.js';
import { FieldReader } from '../formulas/fields.js';
import { FORMULAS_DIR } from '../formulas/load.js';

export interface Preset {
  name: string;
  family: string;
  architecture: string;
  source: string;
  title?: string;
  /** Config fields as written: integers or expressions of other fields. */
  config: Record<string, number | string>;
  file: string;
}

const PRESET_DIR = join(FORMULAS_DIR, 'presets');
/** Fields of a preset entry that are about the preset, not the model's config. */
const META_FIELDS = ['title'] as const;

let all: Map<string, Preset> | undefined;

export function presets(): Map<string, Preset> {
  if (all) return all;
  all = new Map();
  for (const f of readdirSync(PRESET_DIR).filter((x) => x.endsWith('.yaml')).sort()) {
    const file = join(PRESET_DIR, f);
    const shown = relative(process.cwd(), file) || file;
    for (const p of readFamily(parseYaml(readFileSync(file, 'utf8')), shown)) {
      if (all.has(p.name)) throw new UserError(`${shown}: presets.${p.name}: also defined in ${all.get(p.name)!.file}`);
      all.set(p.name, p);
    }
  }
  return all;
}

export function findPreset(name: string): Preset {
  const p = presets().get(name);
  if (p) return p;
  const names = [...presets().keys()];
  throw new UserError(`unknown preset '${name}'${didYouMean(name, names)}; run 'lmledger presets' to list them`);
}

function readFamily(data: unknown, file: string): Preset[] {
  const r = new FieldReader(file);
  const o = r.object(data, ['family', 'architecture', 'source', 'shared', 'presets'], ['family', 'architecture', 'source', 'presets']);
  const family = r.at('family').slug(o.family);
  const architecture = r.at('architecture').slug(o.architecture);
  const source = r.at('source').string(o.source);
  const shared = configFields(r.at('shared'), r.at('shared').map(o.shared));
  return Object.entries(r.at('presets').map(o.presets)).map(([name, raw]) => {
    const pr = r.at('presets').at(name);
    pr.slug(name);
    const entry = { ...pr.map(raw) };
    const title = entry.title === undefined ? undefined : pr.at('title').string(entry.title);
    for (const k of META_FIELDS) delete entry[k];
    return {
      name,
      family,
      architecture,
      source,
      ...(title ? { title } : {}),
      config: { ...shared, ...configFields(pr, entry) },
      file,
    };
  });
}

function configFields(r: FieldReader, o: Record<string, unknown>): Record<string, number | string> {
  const out: Record<string, number | string> = {};
  for (const [k, v] of Object.entries(o)) out[r.at(k).identifier(k)] = r.at(k).expression(v);
  return out;
}
