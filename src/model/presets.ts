// Presets are data: formulas/presets/*.yaml, one file per family of models sharing an
// architecture. A field may be an expression of other fields (d_ff: 4*d_model), so that a
// relation stated by the source is written once rather than as a derived number.

import { readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { readYamlFile } from '../formulas/yaml.js';
import { UserError, didYouMean } from '../errors.js';
import { FieldReader } from '../formulas/fields.js';
import { FORMULAS_DIR } from '../formulas/load.js';

export interface Preset {
  name: string;
  family: string;
  architecture: string;
  /** Where the shape (and the published count) come from: the entry's own, else the family's. */
  source: string;
  /** The family's source line. */
  familySource: string;
  title?: string;
  /** The parameter count its publisher states, for checking the formulas against. */
  publishedParams?: bigint;
  /** The active parameter count its publisher states for a mixture of experts, as written ("12.9B"). */
  publishedActive?: string;
  /** Components the publisher leaves out of that active figure (DeepSeek-V2-Lite's: the input embedding). */
  publishedActiveExcludes?: string[];
  /** Parts of the released checkpoint the count leaves out, named (DeepSeek-V3's MTP module). */
  excluded?: Array<{ part: string; what: string }>;
  /** Config fields as written: integers, expressions of other fields, or option values. */
  config: Record<string, number | string | boolean>;
  file: string;
}

const PRESET_DIR = join(FORMULAS_DIR, 'presets');
/** Fields of a preset entry that are about the preset, not the model's config. */
const META_FIELDS = ['title', 'source', 'published_params', 'published_active', 'published_active_excludes', 'excluded'] as const;

let all: Map<string, Preset> | undefined;

/** Each family file of formulas/presets, parsed (not yet read as presets), with its path as messages show it. */
function familyFiles(): Array<{ data: unknown; shown: string }> {
  return readdirSync(PRESET_DIR)
    .filter((x) => x.endsWith('.yaml'))
    .sort()
    .map((f) => {
      const file = join(PRESET_DIR, f);
      return { data: readYamlFile(file), shown: relative(process.cwd(), file) || file };
    });
}

export function presets(): Map<string, Preset> {
  if (all) return all;
  all = new Map();
  for (const { data, shown } of familyFiles()) {
    for (const p of readFamily(data, shown)) {
      if (all.has(p.name)) throw new UserError(`${shown}: presets.${p.name}: also defined in ${all.get(p.name)!.file}`);
      all.set(p.name, p);
    }
  }
  return all;
}

/** True when a family file's data lists a preset of that name (before the file is read as presets). */
const lists = (data: unknown, name: string): boolean => {
  const entries = (data as { presets?: unknown } | null)?.presets;
  return typeof entries === 'object' && entries !== null && Object.hasOwn(entries, name);
};

export function findPreset(name: string): Preset {
  // The family that lists the name, read alone: reading every family's presets is most of what
  // a command that names one costs. Anything else (the name in two families, or in none, or a
  // file that is not a map of presets) goes through presets(), which says what is wrong.
  if (!all) {
    const listing = familyFiles().filter(({ data }) => lists(data, name));
    const found = listing.length === 1 ? readFamily(listing[0]!.data, listing[0]!.shown).find((p) => p.name === name) : undefined;
    if (found) return found;
  }
  const p = presets().get(name);
  if (p) return p;
  const names = [...presets().keys()];
  throw new UserError(`unknown preset '${name}'${didYouMean(name, names)}; run 'lmledger presets' to list them (or give a .json config file)`);
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
    const title = pr.at('title').optionalString(entry.title);
    const own = pr.at('source').optionalString(entry.source);
    const published = entry.published_params;
    if (published !== undefined && (typeof published !== 'number' || !Number.isSafeInteger(published) || published <= 0))
      pr.at('published_params').fail('expected a positive integer');
    const active = entry.published_active === undefined ? undefined : publishedActive(pr.at('published_active'), entry.published_active);
    const excludes =
      entry.published_active_excludes === undefined
        ? undefined
        : pr.at('published_active_excludes').list(entry.published_active_excludes).map((x, i) => pr.at('published_active_excludes').at(String(i)).identifier(String(x)));
    // excluded: [{part, what}]: what of the checkpoint the count leaves out (stated in every view).
    const left =
      entry.excluded === undefined
        ? undefined
        : pr.at('excluded').list(entry.excluded).map((x, i) => {
            const e = pr.at('excluded').at(String(i));
            const o = e.object(x, ['part', 'what'], ['part', 'what']);
            return { part: e.at('part').string(o.part), what: e.at('what').string(o.what) };
          });
    for (const k of META_FIELDS) delete entry[k];
    return {
      name,
      family,
      architecture,
      source: own ?? source,
      familySource: source,
      ...(title ? { title } : {}),
      ...(published !== undefined ? { publishedParams: BigInt(published as number) } : {}),
      ...(active !== undefined ? { publishedActive: active } : {}),
      ...(excludes !== undefined ? { publishedActiveExcludes: excludes } : {}),
      ...(left !== undefined ? { excluded: left } : {}),
      config: { ...shared, ...configFields(pr, entry) },
      file,
    };
  });
}

/** Fields as written; booleans are option values (tie_embeddings: true), the rest expressions. */
function configFields(r: FieldReader, o: Record<string, unknown>): Record<string, number | string | boolean> {
  const out: Record<string, number | string | boolean> = {};
  for (const [k, v] of Object.entries(o)) out[r.at(k).identifier(k)] = typeof v === 'boolean' ? v : r.at(k).expression(v);
  return out;
}

/** A publisher's rounded active count, such as "12.9B" or "2.7B": digits, an optional decimal, B. */
function publishedActive(r: FieldReader, v: unknown): string {
  const t = r.string(v);
  if (!/^[0-9]+(\.[0-9]+)?B$/.test(t)) r.fail(`'${t}' is not allowed; write it as the publisher does, e.g. "12.9B"`);
  return t;
}
