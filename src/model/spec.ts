// Resolves what the user asked for (a preset, a config file, flags) into a ModelSpec:
// an architecture plus an exact positive integer for each of its symbols.
// Precedence: preset or config file first, then flags override field by field.

import { existsSync, readFileSync } from 'node:fs';
import { ExprError, parsePoly } from '../algebra/parse.js';
import { Rational } from '../algebra/rational.js';
import { UserError, didYouMean } from '../errors.js';
import type { Architecture } from '../formulas/architecture.js';
import { loadArchitecture } from '../formulas/load.js';
import { findPreset, type Preset } from './presets.js';

export const DEFAULT_ARCHITECTURE = 'swiglu-mha';

export interface ModelSpec {
  arch: Architecture;
  /** Preset name, config file path, or "custom" for flags only. */
  label: string;
  preset?: Preset;
  /** Resolved config fields by their config names (seq_len included). */
  config: Record<string, bigint>;
  /** Symbol values, e.g. { L: 48n, d: 1600n, … }. */
  values: Record<string, bigint>;
  /** Sequences per forward pass; FLOP totals are batch × the per-sequence formula. */
  batch: bigint;
}

export interface ModelRequest {
  preset?: string;
  configFile?: string;
  /** Architecture name or path; defaults to the preset's, the config file's, or swiglu-mha. */
  arch?: string;
  /** Config fields given as flags (config name -> raw text). */
  fields?: Record<string, string>;
  batch?: string;
}

/** Config fields an architecture reads: one per symbol plus the fields symbols default from. */
export function configFieldsOf(arch: Architecture): string[] {
  const out = arch.symbols.map((s) => s.config);
  for (const s of arch.symbols) if (s.defaultFrom && !out.includes(s.defaultFrom)) out.push(s.defaultFrom);
  return out;
}

export function resolveModel(req: ModelRequest): ModelSpec {
  if (req.preset && req.configFile) throw new UserError('give either a preset or --config, not both');
  let raw: Record<string, number | string> = {};
  let archName = req.arch;
  let label = 'custom';
  let preset: Preset | undefined;
  let where = 'config';
  if (req.preset) {
    preset = findPreset(req.preset);
    raw = { ...preset.config };
    archName ??= preset.architecture;
    label = preset.name;
    where = `preset ${preset.name}`;
  } else if (req.configFile) {
    const file = readConfigFile(req.configFile);
    raw = file.fields;
    archName ??= file.architecture;
    label = req.configFile;
    where = req.configFile;
  }
  const arch = loadArchitecture(archName ?? DEFAULT_ARCHITECTURE);
  const allowed = configFieldsOf(arch);
  for (const k of Object.keys(raw))
    if (!allowed.includes(k))
      throw new UserError(`${where}: unknown field '${k}'${didYouMean(k, allowed)}; allowed: ${allowed.join(', ')}`);
  for (const [k, v] of Object.entries(req.fields ?? {})) raw[k] = positiveIntegerText(`--${k.replace(/_/g, '-')}`, v);

  const config = evaluateFields(raw, where);
  const values: Record<string, bigint> = {};
  for (const s of arch.symbols) {
    const v = config[s.config] ?? (s.defaultFrom ? config[s.defaultFrom] : undefined);
    if (v === undefined)
      throw new UserError(
        `${where}: missing ${s.config}${s.defaultFrom ? ` (or ${s.defaultFrom})` : ''}: ${s.meaning}, a positive integer`,
      );
    values[s.name] = v;
  }
  checkConstraints({ arch }, values, where);
  const batch = req.batch === undefined ? 1n : BigInt(positiveIntegerText('--batch', req.batch));
  return { arch, label, ...(preset ? { preset } : {}), config, values, batch };
}

/** Throws a UserError naming the fields when symbol values break a constraint (h divides d). */
export function checkConstraints(model: { arch: Architecture }, values: Record<string, bigint>, where: string): void {
  const { arch } = model;
  for (const c of arch.constraints) {
    const div = arch.symbols.find((s) => s.name === c.divisor)!;
    const mul = arch.symbols.find((s) => s.name === c.multiple)!;
    if (values[c.multiple]! % values[c.divisor]! !== 0n)
      throw new UserError(
        `${where}: ${div.config} = ${values[c.divisor]} does not divide ${mul.config} = ${values[c.multiple]} (${c.why}); allowed: a divisor of ${mul.config}`,
      );
  }
}

function readConfigFile(path: string): { fields: Record<string, number>; architecture?: string } {
  if (!existsSync(path)) throw new UserError(`--config ${path}: file not found`);
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(path, 'utf8'));
  } catch (e) {
    throw new UserError(`--config ${path}: not valid JSON: ${(e as Error).message}`);
  }
  if (data === null || typeof data !== 'object' || Array.isArray(data))
    throw new UserError(`--config ${path}: expected a JSON object such as {"d_model": 768, …}`);
  const fields: Record<string, number> = {};
  let architecture: string | undefined;
  for (const [k, v] of Object.entries(data as Record<string, unknown>)) {
    if (k === 'architecture') {
      if (typeof v !== 'string') throw new UserError(`--config ${path}: architecture: expected a name such as swiglu-mha`);
      architecture = v;
      continue;
    }
    if (typeof v !== 'number' || !Number.isSafeInteger(v) || v <= 0)
      throw new UserError(`--config ${path}: ${k}: ${JSON.stringify(v)} is not allowed; expected a positive integer`);
    fields[k] = v;
  }
  return { fields, ...(architecture ? { architecture } : {}) };
}

/** Flag text to a positive integer (digits, optionally grouped with _ or ,). */
function positiveIntegerText(flag: string, text: string): string {
  const t = text.trim().replace(/[_,]/g, '');
  if (!/^[0-9]+$/.test(t) || /^0+$/.test(t))
    throw new UserError(`${flag}: '${text}' is not allowed; expected a positive integer`);
  return t;
}

export function parsePositiveInteger(flag: string, text: string): bigint {
  return BigInt(positiveIntegerText(flag, text));
}

/** Evaluates fields given as integers or expressions of other fields (as in presets). */
function evaluateFields(raw: Record<string, number | string>, where: string): Record<string, bigint> {
  const out: Record<string, bigint> = {};
  const names = new Set(Object.keys(raw));
  let pending = Object.entries(raw);
  while (pending.length > 0) {
    const next: typeof pending = [];
    for (const [k, v] of pending) {
      let poly;
      try {
        poly = parsePoly(v, names);
      } catch (e) {
        if (e instanceof ExprError) throw new UserError(`${where}: ${k}: ${e.message}`);
        throw e;
      }
      if ([...poly.symbols()].some((s) => out[s] === undefined)) {
        next.push([k, v]);
        continue;
      }
      const value: Rational = poly.evaluate(out);
      if (!value.isInteger() || value.sign() <= 0)
        throw new UserError(`${where}: ${k} = ${value} is not allowed; expected a positive integer`);
      out[k] = value.toBigInt();
    }
    if (next.length === pending.length)
      throw new UserError(`${where}: ${next.map(([k]) => k).join(', ')}: defined in terms of each other`);
    pending = next;
  }
  return out;
}
