// Everything the page shows, computed from its state by the engine the CLI runs: the model as
// resolveModel builds it from a preset or config plus flag-like fields, and the documents of
// account, scale, train and infer --json. The page displays those documents by their keys.

import { configSource } from '../../api/model.js';
import { plain, type JsonObject } from '../../api/plain.js';
import { UserError } from '../../errors.js';
import { account } from '../../ledger/account.js';
import { resolveModel, type ModelRequest, type ModelSpec } from '../../model/spec.js';
import { presets } from '../../model/presets.js';
import { accountJson } from '../../report/account-json.js';
import { scaleJson } from '../../report/scale.js';
import { trainJson } from '../../report/training/json.js';
import { inferJson } from '../../report/inference/json.js';
import { svgOf } from '../../chart/svg.js';
import type { Block } from '../../doc/model.js';
import { flopsFigure, paletteFor, shareFigures, type Palette } from '../../report/charts.js';
import type { Study } from '../../scaling/study.js';
import { scale } from '../../scaling/scale.js';
import { compareStudy, sweepStudy } from '../../scaling/study.js';
import { symbolOf } from '../../formulas/architecture.js';
import { trainAccount } from '../../training/account.js';
import { trainRequest } from '../../training/request.js';
import { inferAccount } from '../../inference/account.js';
import { inferRequest, type InferFlags } from '../../inference/request.js';
import { digits } from '../../print/numbers.js';
import { INFER_KEYS, TRAIN_KEYS, type RunKey, type State } from './state.js';

/** A document, or the one-line message of the UserError that stopped it. */
export type Outcome<T> = { ok: true; value: T } | { ok: false; error: string };

function attempt<T>(f: () => T): Outcome<T> {
  try {
    return { ok: true, value: f() };
  } catch (e) {
    if (e instanceof UserError) return { ok: false, error: e.message };
    throw e;
  }
}

/** The request a preset or a pasted config makes, before any field is changed. */
function source(state: State): ModelRequest {
  return state.config ? configSource(state.config, 'config') : { preset: state.model };
}

const bases = new Map<string, ModelSpec>();

/** The model as given, without the page's edits: its architecture names the inputs. Kept per preset or config. */
export function baseModel(state: State): ModelSpec {
  const key = state.config ? `config:${JSON.stringify(state.config)}` : `preset:${state.model}`;
  let m = bases.get(key);
  if (!m) {
    m = resolveModel(source(state));
    bases.set(key, m);
  }
  return m;
}

/**
 * The model with the page's edits as the CLI's flags: each symbol's value as its config field
 * (T=16384 is --seq-len 16384), options likewise, B as --batch, attention as --attention.
 */
export function editedModel(state: State, base: ModelSpec, batch = state.batch): ModelSpec {
  const fields: Record<string, string> = {};
  for (const [name, v] of Object.entries(state.symbols)) {
    const s = base.arch.base.symbols.find((x) => x.name === name);
    if (s) fields[s.config] = v;
  }
  for (const [name, v] of Object.entries(state.options)) fields[name] = v;
  return resolveModel({
    ...source(state),
    fields,
    ...(batch !== undefined ? { batch } : {}),
    ...(state.attention ? { attention: state.attention } : {}),
  });
}

export interface Ledgers {
  base: ModelSpec;
  model: ModelSpec;
  account: JsonObject;
  train: Outcome<JsonObject>;
  infer: Outcome<JsonObject>;
}

export function ledgers(state: State): Outcome<Ledgers> {
  return attempt(() => {
    const base = baseModel(state);
    const model = editedModel(state, base);
    // Training and inference formulas carry B: 1 unless given, as `train` and `infer` do.
    const batched = state.batch === undefined ? editedModel(state, base, '1') : model;
    return {
      base,
      model,
      account: plain(accountJson(account(model))) as JsonObject,
      train: attempt(() => plain(trainJson(trainAccount(trainRequest(batched, flagsOf(state, TRAIN_KEYS))))) as JsonObject),
      infer: attempt(() => plain(inferJson(inferAccount(inferRequest(batched, { prompt: state.prompt, generate: state.generate, ...inferFlags(state) })))) as JsonObject),
    };
  });
}

/** `scale <q> --in <symbol> --json`: the derivative needs mathjs, which the page loads on first use. */
export function scaling(state: State, model: ModelSpec): Outcome<JsonObject> {
  return attempt(() => plain(scaleJson(scale(model, { quantity: state.q, symbol: state.in }))) as JsonObject);
}

export interface Charts {
  /** Shares of the forward FLOPs across T, FLOPs against T with crossovers, shares across the preset family. */
  sharesByT?: string;
  flopsByT?: string;
  sharesBySize?: string;
}

/** The write-up's charts for this model, by the write-up's own chart builders. */
export function charts(model: ModelSpec): Charts {
  const seq = symbolOf(model.arch, 'seq_len');
  const out: Charts = {};
  if (seq) {
    const T = seq.name;
    const t0 = model.values[T]!;
    const lo = t0 / 4n > 0n ? t0 / 4n : 1n;
    // A learned position table caps the sequence length (T ≤ N_pos), as in the write-up.
    const cap = model.arch.constraints.find((c) => c.kind === 'at_most' && c.left === T);
    const hi = cap && model.values[cap.right]! < t0 * 16n ? model.values[cap.right]! : t0 * 16n;
    if (hi <= lo) return familyChart(model, out);
    const steps: bigint[] = [];
    for (let v = lo; v < hi; v *= 2n) steps.push(v);
    steps.push(hi);
    const sweep = sweepStudy(model, seq, steps);
    const palette = paletteFor([model]);
    out.sharesByT = wholeShares(sweep, `as ${T} grows`, (i) => digits(sweep.points[i]!.values[T]!), palette);
    // The write-up's chart: the model's own length and the longest shown marked, crossovers too.
    const figure = flopsFigure(model, T, [t0, hi], scale(model, { quantity: 'flops', symbol: T, from: lo, to: hi }), palette);
    if (figure.kind === 'figure') out.flopsByT = svgOf(figure.chart);
  }
  return familyChart(model, out);
}

/** The chart across the sizes of the model's preset family. */
function familyChart(model: ModelSpec, out: Charts): Charts {
  const seq = symbolOf(model.arch, 'seq_len');
  const family = model.preset?.family;
  if (family) {
    // The other sizes of its family at this model's sequence length; the model stands in for its preset.
    const fields: Record<string, string> = seq ? { seq_len: String(model.values[seq.name]) } : {};
    const models = [...presets().values()]
      .filter((p) => p.family === family)
      .map((p) => (p.name === model.preset!.name ? model : attempt(() => resolveModel({ preset: p.name, fields }))))
      .map((m) => ('ok' in m ? (m.ok ? m.value : undefined) : m))
      .filter((m): m is ModelSpec => m !== undefined);
    if (models.length >= 2) {
      const study = compareStudy(models);
      out.sharesBySize = wholeShares(study, 'across model sizes', (i) => study.points[i]!.label, paletteFor(models));
    }
  }
  return out;
}

/** The write-up's chart of shares of the whole pass (the table's "of the whole" columns), as SVG. */
function wholeShares(study: Study, across: string, label: (i: number) => string, palette: Palette): string | undefined {
  const figures: Block[] = shareFigures(study, { name: 'shares', across, label, palette });
  const whole = figures.find((f) => f.kind === 'figure' && f.name === 'shares-whole') ?? figures[0];
  return whole?.kind === 'figure' ? svgOf(whole.chart) : undefined;
}

/** The run's settings the page has, of the given keys, as the command's flags (camelCase, as commander gives them). */
function flagsOf(state: State, keys: readonly RunKey[]): Record<string, string> {
  return Object.fromEntries(keys.filter((k) => state[k] !== undefined).map((k) => [k.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase()), state[k]!]));
}

function inferFlags(state: State): InferFlags {
  return flagsOf(state, INFER_KEYS);
}
