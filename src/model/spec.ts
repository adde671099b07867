// Resolves what the user asked for (a preset, a config file, flags) into a ModelSpec:
// an architecture resolved for the model's options, plus an exact positive integer for each
// of its symbols. Precedence: preset or config file first, then flags override field by field.

import { ExprError, parsePoly } from '../algebra/parse.js';
import type { Poly } from '../algebra/poly.js';
import { Rational } from '../algebra/rational.js';
import { quote, UserError, didYouMean } from '../errors.js';
import { BATCH_SYMBOL, type Architecture, type ArchitectureFile, type OptionValue } from '../formulas/architecture.js';
import { architectureNames, loadArchitectureFile } from '../formulas/load.js';
import { resolveArchitecture } from '../formulas/resolve.js';
import { fileModelName, readJsonObject, type Json } from './files.js';
import { ATTENTION_CONVENTIONS } from '../formulas/conventions/attention.js';
import { findPreset, type Preset } from './presets.js';
import { presetRelations, type Relation } from './relations.js';
import { groupedDigits } from '../units/quantity.js';

export const DEFAULT_ARCHITECTURE = 'swiglu-mha';
/** The model every command starts from when none is named (flags alone change this one). */
export const DEFAULT_PRESET = 'gpt2-xl-swiglu';

export interface ModelSpec {
  arch: Architecture;
  /**
   * --name, else the preset's name or the file's model name (see files.ts), or "custom" for
   * flags only; flags that change a preset or file show: "gpt2-xl-swiglu (d_model=3200)".
   */
  label: string;
  /** Set when no model was named and the default preset was used: a sentence saying so. */
  origin?: string;
  preset?: Preset;
  /** Fields set by flags over a preset or file, as given. */
  overrides: Record<string, string>;
  /** What was asked for: the same model under another convention is resolveModel({ ...request, … }). */
  request: ModelRequest;
  /** Resolved numeric config fields by their config names (seq_len included when given). */
  config: Record<string, bigint>;
  /** Symbol values, e.g. { L: 48n, d: 1600n, … }. */
  values: Record<string, bigint>;
  /**
   * Sequences per forward pass (1 when none was given). A given batch is the symbol B in every FLOP
   * formula (values.B), so a formula beside a number always evaluates to it.
   */
  batch: bigint;
  /** Relations the preset states between symbols (f = 4d from d_ff: 4*d_model); scaling follows them. */
  relations: Relation[];
  /**
   * Parts of the checkpoint these counts leave out (a vision tower lmledger does not model,
   * DeepSeek-V3's multi-token-prediction module), each named: empty when the count is whole.
   */
  excluded: Excluded[];
}

/** A part of a checkpoint left out of the count, and why: stated in every view (JSON params.excluded). */
export interface Excluded {
  /** Its name in the checkpoint or config (vision_tower, mtp). */
  part: string;
  what: string;
}

/** A config field's raw value: a number, an expression (presets), an option's string or boolean. */
export type RawField = number | string | boolean;

export interface ModelRequest {
  preset?: string;
  configFile?: string;
  /** Architecture name or path; defaults to the preset's, the config file's, or the simplest that fits. */
  arch?: string;
  /** Config fields given as flags (config name -> raw text). */
  fields?: Record<string, string>;
  /** Already-parsed fields (e.g. read from a Hugging Face config), applied before flags. */
  values?: Record<string, RawField>;
  /** Label for a model given by `values`. */
  label?: string;
  /** The model's name as the user gave it (--name): replaces every other label. */
  name?: string;
  /**
   * A preset to start from when neither `preset`, `configFile` nor `values` names a model: the
   * CLI passes DEFAULT_PRESET, so flags alone change the default model (and the output says so).
   */
  startFrom?: string;
  batch?: string;
  /** Attention convention name (formulas/conventions/attention.yaml); default dense. */
  attention?: string;
  /** Parts of the checkpoint the model's values leave out (from a Hugging Face reader). */
  excluded?: Excluded[];
}

/** Config fields an architecture file reads: one per symbol, the fields symbols default from, its options. */
export function configFieldsOf(arch: Pick<ArchitectureFile, 'symbols' | 'options'>): string[] {
  const out = arch.symbols.map((s) => s.config);
  for (const s of arch.symbols) if (s.defaultFrom && !out.includes(s.defaultFrom)) out.push(s.defaultFrom);
  for (const o of arch.options) out.push(o.name);
  return out;
}

/**
 * The architecture for a config that names none: the one with the fewest fields that accepts
 * every given field (the seed's swiglu-mha for the seed's fields; decoder once GQA or biases appear).
 */
function fittingArchitecture(fields: string[]): string {
  const files = architectureNames().map((n) => ({ n, f: loadArchitectureFile(n) }));
  const fits = files.filter(({ f }) => fields.every((k) => configFieldsOf(f).includes(k)));
  fits.sort((a, b) => configFieldsOf(a.f).length - configFieldsOf(b.f).length || (a.n === DEFAULT_ARCHITECTURE ? -1 : 1));
  return fits[0]?.n ?? DEFAULT_ARCHITECTURE;
}

export function resolveModel(req: ModelRequest): ModelSpec {
  if (req.preset && req.configFile) throw new UserError('give either a preset or --config, not both');
  let raw: Record<string, RawField> = {};
  let archName = req.arch;
  let label = req.label ?? 'custom';
  let preset: Preset | undefined;
  let where = req.label ?? 'flags';
  const implicit = !req.preset && !req.configFile && !req.values && req.startFrom !== undefined;
  const presetName = req.preset ?? (implicit ? req.startFrom : undefined);
  if (presetName) {
    preset = findPreset(presetName);
    raw = { ...preset.config };
    label = preset.name;
    where = implicit ? `flags over the default preset ${preset.name}` : `preset ${preset.name}`;
    // Flags alone may name fields the default preset's architecture lacks (num_kv_heads): then
    // the simplest architecture with every field is chosen, as for a model with no preset.
    const flagFields = Object.keys(req.fields ?? {});
    if (!archName && (!implicit || flagFields.every((k) => configFieldsOf(loadArchitectureFile(preset!.architecture)).includes(k))))
      archName = preset.architecture;
  } else if (req.configFile) {
    const file = readConfigFile(req.configFile);
    raw = file.fields;
    archName ??= file.architecture;
    label = file.name;
    where = req.configFile;
  }
  Object.assign(raw, req.values ?? {});
  const base = { ...raw };
  const flags = Object.fromEntries(Object.entries(req.fields ?? {}).map(([k, v]) => [k, v.trim()]));
  const file = loadArchitectureFile(archName ?? fittingArchitecture([...Object.keys(raw), ...Object.keys(flags)]));
  const allowed = configFieldsOf(file);
  for (const k of Object.keys(raw))
    if (!allowed.includes(k))
      throw new UserError(`${where}: unknown field '${k}' for architecture ${file.id}${didYouMean(k, allowed)}; allowed: ${allowed.join(', ')}`);
  // Expressions of other fields (d_ff: 4*d_model) are for presets; config files give integers.
  const isOption = (k: string) => file.options.some((o) => o.name === k);
  for (const [k, v] of Object.entries(raw))
    if (!isOption(k) && (typeof v === 'boolean' || (typeof v === 'string' && !preset)))
      throw new UserError(`${where}: ${k}: ${quote(v)} is not allowed; expected a positive integer`);
  for (const [k, v] of Object.entries(flags)) {
    if (!allowed.includes(k)) throw new UserError(`--${flagName(k)}: architecture ${file.id} has no field ${k}; its fields: ${allowed.join(', ')}`);
    raw[k] = isOption(k) ? optionFromText(v) : positiveIntegerText(`--${flagName(k)}`, v);
  }

  // Options: validated against the file's declared values.
  const options: Record<string, OptionValue> = {};
  for (const o of file.options) {
    const v = raw[o.name];
    if (v === undefined) continue;
    if (typeof v === 'number' || !o.values.includes(v))
      throw new UserError(`${where}: ${o.name}: ${quote(v)} is not allowed; use one of ${o.values.map((x) => JSON.stringify(x)).join(', ')}`);
    options[o.name] = v;
    delete raw[o.name];
  }
  const config = evaluateFields(raw as Record<string, number | string>, where);
  const given = (field: string | undefined) => field !== undefined && config[field] !== undefined;
  const defaulted = file.symbols.filter((s) => s.default && !given(s.config) && !given(s.defaultFrom)).map((s) => s.name);
  const batch = req.batch === undefined ? undefined : BigInt(positiveIntegerText('--batch', req.batch));
  const attention = ATTENTION_CONVENTIONS.get(req.attention);
  const arch = resolveArchitecture(file, { options, defaulted, batched: batch !== undefined, attention });

  const values: Record<string, bigint> = batch === undefined ? {} : { [BATCH_SYMBOL.name]: batch };
  for (const s of arch.symbols) {
    if (s === BATCH_SYMBOL) continue;
    const v = config[s.config] ?? (s.defaultFrom ? config[s.defaultFrom] : undefined);
    if (v === undefined)
      throw new UserError(`${where}: missing ${s.config}${s.defaultFrom ? ` (or ${s.defaultFrom})` : ''}: ${s.meaning}, a positive integer`);
    values[s.name] = v;
  }
  // A capped symbol is at most another (the window W at most T: a window longer than the sequence is all of it).
  for (const s of arch.symbols)
    if (s.cappedBy !== undefined && values[s.cappedBy] !== undefined && values[s.name]! > values[s.cappedBy]!) values[s.name] = values[s.cappedBy]!;
  checkConstraints({ arch }, values, where);
  checkShapes(arch, values, where);
  // A field given for a symbol no part of this model uses would be silently ignored (d_ff when
  // moe replaces the dense feed-forward, num_experts without moe): refuse it, naming why.
  const usedFields = new Set(arch.symbols.flatMap((s) => [s.config, ...(s.defaultFrom ? [s.defaultFrom] : [])]));
  for (const s of file.symbols)
    if (config[s.config] !== undefined && !usedFields.has(s.config) && !file.symbols.some((x) => x.defaultFrom === s.config))
      throw new UserError(
        `${where}: ${s.config} is given, but no part of this model uses it (${s.meaning})` +
          `${arch.variant ? ` with ${arch.variant}` : ''}; drop it${file.options.some((o) => o.name === 'moe') && s.config.includes('expert') ? ' or set moe: true' : ''}`,
      );
  // Flags that change what the preset or file says make it a different model: say so in its name.
  const overrides = Object.fromEntries(Object.entries(flags).filter(([k]) => base[k] !== undefined || preset || req.configFile || req.values));
  const changes = Object.entries(overrides).map(([k, v]) => `${k}=${v}`).join(', ');
  let origin: string | undefined;
  if (implicit) {
    // What the default preset still contributes: the fields no flag replaced.
    const kept = Object.keys(base).filter((k) => flags[k] === undefined && !isOption(k));
    if (kept.length === 0 && Object.keys(flags).length > 0) {
      // Every field given by flags: nothing of the default preset is left but its name.
      preset = undefined;
      label = 'custom';
    } else if (Object.keys(flags).length > 0) {
      origin = `no model named, so the flags change the default preset ${label} (${kept.join(', ')} as in ${label})`;
    }
  }
  if (changes && label !== 'custom') label = `${label} (${changes})`;
  if (req.name !== undefined) label = nameText(req.name);
  const relations = preset ? presetRelations(arch, preset.config, new Set(Object.keys(flags))) : [];
  return { arch, label, ...(origin ? { origin } : {}), ...(preset ? { preset } : {}), overrides, request: req, config, values, batch: batch ?? 1n, relations, excluded: req.excluded ?? preset?.excluded ?? [] };
}

/** --name: any non-empty text, trimmed. */
function nameText(name: string): string {
  const t = name.trim();
  if (t === '') throw new UserError("--name: '' is not allowed; give the model's name, e.g. --name my-model");
  return t;
}

/** The flag of a config field: d_model -> d-model (as in --d-model). */
export const flagName = (field: string) => field.replace(/_/g, '-');

/** Throws a UserError naming the fields when symbol values break a constraint (h divides d). */
export function checkConstraints(model: { arch: Architecture }, values: Record<string, bigint>, where: string): void {
  const { arch } = model;
  // A defaulted symbol (head_dim = d/h) must still come out a whole positive number.
  for (const s of arch.defaulted) {
    const v = s.default!.evaluate(values);
    // Whole, and positive unless the default is 0 itself (no dense layers: L_dense = 0).
    if (!v.isInteger() || v.sign() < 0 || (v.sign() === 0 && !s.default!.isZero())) {
      const names = [...s.default!.symbols()].map((n) => arch.symbols.find((x) => x.name === n)!.config);
      throw new UserError(
        `${where}: ${s.config} is not given, so it is ${s.defaultText} (${names.join(', ')}) = ${v}, not a whole number; give ${s.config} or change ${names.join(' or ')}`,
      );
    }
  }

  // A defaulted symbol (a = d/h) is written as its expression, so the formulas' constraints leave
  // it out; a bound on it still holds (rotary_dim at most the head size), checked at its value.
  const has = (name: string) => arch.symbols.some((s) => s.name === name) || arch.defaulted.some((s) => s.name === name);
  const bounds = arch.base.constraints.filter((c) => !arch.constraints.includes(c) && has(c.left) && has(c.right));
  for (const c of [...arch.constraints, ...bounds]) {
    const symbol = (name: string) => (arch.symbols.find((s) => s.name === name) ?? arch.base.symbols.find((s) => s.name === name))!;
    const [l, r] = [symbol(c.left), symbol(c.right)];
    // A defaulted symbol has no value of its own: its default expression's (checked whole above).
    const value = (name: string) => values[name] ?? arch.defaulted.find((s) => s.name === name)!.default!.evaluate(values).toBigInt();
    const [lv, rv] = [value(c.left), value(c.right)];
    if (c.kind === 'divides' && rv % lv !== 0n)
      throw new UserError(`${where}: ${l.config} = ${lv} does not divide ${r.config} = ${rv} (${c.why}); allowed: a divisor of ${r.config}`);
    if (c.kind === 'at_most' && lv > rv)
      throw new UserError(`${where}: ${l.config} = ${lv} is more than ${r.config} = ${rv} (${c.why}); allowed: at most ${rv}`);
  }
}

function readConfigFile(path: string): { fields: Record<string, RawField>; architecture?: string; name: string } {
  const data: Json = readJsonObject(path, '--config');
  return { ...configFields(data, `--config ${path}`), name: fileModelName(path, data) };
}

/**
 * An lmledger config object (a --config file's contents, or the library's `config`): its fields,
 * checked as a file's are, and the architecture it names. `where` starts its error messages.
 */
export function configFields(data: Json, where: string): { fields: Record<string, RawField>; architecture?: string } {
  const fields: Record<string, RawField> = {};
  let architecture: string | undefined;
  for (const [k, v] of Object.entries(data)) {
    if (k === 'architecture') {
      if (typeof v !== 'string') throw new UserError(`${where}: architecture: expected a name such as swiglu-mha`);
      architecture = v;
      continue;
    }
    // The model's name, not a field (see files.ts).
    if (k === 'name' || k === '_name_or_path') {
      if (typeof v !== 'string') throw new UserError(`${where}: ${k}: expected the model's name as text`);
      continue;
    }
    // Strings and booleans are option values (ffn, tie_embeddings), checked once the architecture is known.
    if (typeof v === 'string' || typeof v === 'boolean') {
      fields[k] = v;
      continue;
    }
    if (typeof v === 'number' && Number.isInteger(v) && v > Number.MAX_SAFE_INTEGER) throw new UserError(unsafeInteger(where, k, v));
    if (typeof v !== 'number' || !Number.isSafeInteger(v) || v <= 0)
      throw new UserError(`${where}: ${k}: ${quote(v)} is not allowed; expected a positive integer`);
    fields[k] = v;
  }
  return { fields, ...(architecture ? { architecture } : {}) };
}

/**
 * A JSON number above 2⁵³ − 1 has already been rounded by the JSON reader (9007199254740993 reads
 * as …992), so it is refused with the limit stated, not quoted back as if it were the file's.
 */
export function unsafeInteger(where: string, key: string, v: number): string {
  return `${where}: ${key}: a number above 2⁵³ − 1 = ${Number.MAX_SAFE_INTEGER} is not exact in JSON (read as ${BigInt(v)}, which may not be what the file says); give a value that large with the flag --${flagName(key)}, which takes any size`;
}

/** Flag text for an option: "true"/"false" become booleans, anything else stays text. */
function optionFromText(text: string): OptionValue {
  return text === 'true' ? true : text === 'false' ? false : text;
}

/** Flag text to a positive integer (digits, optionally grouped in threes with _ or ,). */
function positiveIntegerText(flag: string, text: string): string {
  const t = groupedDigits(text.trim());
  if (t === undefined || /^0+$/.test(t))
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

/**
 * Every dimension of every weight, matmul operand, cached and kept tensor, and every count of
 * runs, must be positive at the model's values: a formula file whose shape is d − 2h, or 0,
 * would otherwise give negative parameters and shares without a word.
 */
function checkShapes(arch: Architecture, values: Record<string, bigint>, where: string): void {
  const check = (what: string, dims: Poly[], text: string[]) => {
    for (const [i, d] of dims.entries()) {
      const v = d.evaluate(values);
      if (v.sign() <= 0)
        throw new UserError(`${where}: ${arch.file}: ${what} has dimension ${text[i] ?? i} = ${v} at these values; every dimension must be positive`);
    }
  };
  for (const c of arch.components) {
    for (const w of c.weights) check(`weight ${w.path}`, w.dims, w.dimsText);
    for (const m of [...c.matmuls, ...(c.decodeMatmuls ?? [])]) check(`matmul ${m.path}`, [...m.left, m.right[1], m.times], [...m.leftText, m.rightText[1], `times ${m.timesText}`]);
    for (const t of c.activations) check(`tensor ${t.path}`, t.dims, t.dimsText);
    for (const e of c.cache) check(`cached ${e.path}`, e.dims, e.dimsText);
    if (c.occurs.evaluate(values).sign() < 0) throw new UserError(`${where}: ${arch.file}: ${c.id} occurs ${c.occurs.evaluate(values)} times at these values`);
  }
}
