// lmledger compare <preset…> and lmledger sweep <preset> --<symbol> <values>: studies of the
// forward FLOPs across models or across values of one symbol.

import type { Command } from 'commander';
import { UserError } from '../errors.js';
import { architectureNames, loadArchitectureHeader } from '../formulas/load.js';
import { DEFAULT_PRESET, resolveModel } from '../model/spec.js';
import { toJson, toJsonLine } from '../print/json.js';
import { pointJson, studyCsv, studyJson, studyJsonHead, studyMarkdown, studyText } from '../report/study.js';
import { sweepValues, type SweepValues } from '../scaling/range.js';
import { findSymbol } from '../scaling/scale.js';
import { compareStudy, sweepPlan, type Study, type SweepPlan } from '../scaling/study.js';
import { planSource, sweepCsv, sweepJson, sweepJsonLines, sweepMarkdown, sweepText } from '../report/sweep.js';
import { addFieldOptions, addModelOptions, fieldFlags, MODEL_ARGUMENT, modelFromOptions, modelSource, type ModelSource } from './model-options.js';

const collect = (v: string, prev: string[] = []) => [...prev, v];
import { print, printText, stream, textWidth } from './output.js';
import { parseRelation } from '../model/relations.js';

function addFormatOptions(cmd: Command): Command {
  return cmd
    .option('--json', 'as JSON')
    .option('--csv', 'as CSV (one row per point and component)')
    .option('--markdown', 'as Markdown tables')
    .option('--jsonl', "as JSON Lines: the JSON document's head (kind, symbol, model, conventions) on the first line, then one point per line");
}

const FORMATS = ['json', 'jsonl', 'csv', 'markdown'] as const;

/** The format asked for, if any: at most one of --json, --jsonl, --csv, --markdown. */
function format(opts: Record<string, unknown>): (typeof FORMATS)[number] | undefined {
  const chosen = FORMATS.filter((k) => opts[k]);
  if (chosen.length > 1) throw new UserError(`choose one of ${FORMATS.map((k) => `--${k}`).join(', ')} (got ${chosen.map((k) => `--${k}`).join(', ')})`);
  return chosen[0];
}

function render(study: Study, opts: Record<string, unknown>): string {
  format(opts);
  if (opts.json) return toJson(studyJson(study));
  if (opts.jsonl) return [studyJsonHead(study.kind, study.symbol, study.following, study.points[0]), ...study.points.map(pointJson)].map(toJsonLine).join('\n');
  if (opts.csv) return studyCsv(study);
  if (opts.markdown) return studyMarkdown(study);
  return studyText(study);
}

/** Every symbol name of every architecture, for the sweep flags (--T, --d, --L, …). */
function allSymbols(): string[] {
  return [...new Set(architectureNames().flatMap((a) => loadArchitectureHeader(a).symbols.map((s) => s.name)))];
}

export function registerStudies(program: Command): void {
  addFormatOptions(
    addFieldOptions(
      program
        .command('compare')
        .argument('[models...]', `two or more models, each ${MODEL_ARGUMENT}`)
        .description("each model's forward FLOPs by component, its shares of a layer and of the whole, and how they move")
        .option('--config <file>', 'also compare the model of this lmledger config (repeatable)', collect)
        .option('--hf-config <file>', 'also compare the model of this Hugging Face config.json (repeatable)', collect),
    ),
  ).action((refs: string[], opts: Record<string, unknown>) => {
    const text = render(compareFromOptions(refs, opts), opts);
    if (format(opts)) print(text);
    else printText(text);
  });

  const sweep = addFormatOptions(
    addModelOptions(
      program
        .command('sweep')
        .argument('[model]', `${MODEL_ARGUMENT}; or use --config / --hf-config / flags (default ${DEFAULT_PRESET})`)
        .description('one model at several values of one symbol: --T 1024,2048 or --T 1024..16384*2 (also --d, --L, --f, --h, --V)'),
    ),
  );
  for (const s of allSymbols()) sweep.option(`--${s} <values>`, `values of ${s}: a list (1024,2048) or a range (1024..16384*2, 512..4096+512)`);
  sweep
    .option('--hold <symbol>', "keep a symbol fixed that a relation of the preset moves with the swept one (d_ff: 4*d_model makes f follow d); repeatable", collect)
    .option('--relate <symbol=expr>', 'state a relation to follow, e.g. f=8/3*d (replaces the preset\'s for that symbol); repeatable', collect);
  sweep.action(async (preset: string | undefined, opts: Record<string, unknown>) => {
    // Streamed point by point: a million points in constant memory, and `| head` stops it early.
    const { plan, values } = sweepPlanFromOptions(preset, opts);
    const source = planSource(plan, values);
    const chosen = format(opts);
    const width = textWidth();
    const writer = chosen ? { json: sweepJson, jsonl: sweepJsonLines, csv: sweepCsv, markdown: sweepMarkdown }[chosen] : (s: typeof source) => sweepText(s, width);
    await stream(writer(source));
  });
}

/** The study `compare` prints for these models and options (the library's compare() too). */
export function compareFromOptions(refs: Array<string | ModelSource>, opts: Record<string, unknown>): Study {
  // Field flags (--seq-len 2048, --num-layers 6) and --batch apply to every model.
  const common = {
    ...(typeof opts.arch === 'string' ? { arch: opts.arch } : {}),
    ...(typeof opts.batch === 'string' ? { batch: opts.batch } : {}),
    ...(typeof opts.attention === 'string' ? { attention: opts.attention } : {}),
    fields: fieldFlags(opts),
  };
  const sources = [
    ...refs.map((r) => (typeof r === 'string' ? modelSource(r) : r)),
    ...((opts.config as string[] | undefined) ?? []).map((configFile) => ({ configFile })),
    ...((opts.hfConfig as string[] | undefined) ?? []).map((f) => modelSource(f)),
  ];
  if (sources.length < 2) throw new UserError(`compare: give at least two models (got ${sources.length}): presets or .json files, or --config / --hf-config`);
  const models = sources.map((source) => resolveModel({ ...source, ...common }));
  return compareStudy(models);
}

/** The study `sweep` prints for this model and options (the library's sweep() too), every point in memory. */
export function sweepFromOptions(preset: string | ModelSource | undefined, opts: Record<string, unknown>): Study {
  const { plan, values } = sweepPlanFromOptions(preset, opts);
  return { kind: 'sweep', symbol: plan.symbol, following: plan.following, points: [...values].map((x) => plan.at(x)) };
}

/** The sweep compiled for its symbol and the values to go through, one at a time (the CLI streams them). */
export function sweepPlanFromOptions(preset: string | ModelSource | undefined, opts: Record<string, unknown>): { plan: SweepPlan; values: SweepValues } {
  const model = modelFromOptions(preset, opts);
  const swept = allSymbols().filter((s) => opts[s] !== undefined);
  if (swept.length !== 1)
    throw new UserError(
      swept.length === 0
        ? `sweep: give the values of one symbol, e.g. --T 1024..16384*2 (symbols of ${model.arch.id}: ${model.arch.symbols.map((s) => s.name).join(', ')})`
        : `sweep: one symbol at a time (got ${swept.map((s) => `--${s}`).join(', ')})`,
    );
  const name = swept[0]!;
  const symbol = findSymbol(model, name, `--${name}`);
  const follow = {
    hold: (opts.hold as string[] | undefined) ?? [],
    relate: ((opts.relate as string[] | undefined) ?? []).map((r) => parseRelation(model.arch, r)),
  };
  return { plan: sweepPlan(model, symbol, follow), values: sweepValues(`--${name}`, String(opts[name])) };
}
