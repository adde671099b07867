// lmledger compare <preset…> and lmledger sweep <preset> --<symbol> <values>: studies of the
// forward FLOPs across models or across values of one symbol.

import type { Command } from 'commander';
import { UserError } from '../errors.js';
import { architectureNames, loadArchitectureFile } from '../formulas/load.js';
import { resolveModel } from '../model/spec.js';
import { toJson } from '../print/json.js';
import { studyCsv, studyJson, studyMarkdown, studyText } from '../report/study.js';
import { parseRange } from '../scaling/range.js';
import { findSymbol } from '../scaling/scale.js';
import { compareStudy, sweepStudy, type Study } from '../scaling/study.js';
import { addModelOptions, modelFromOptions } from './model-options.js';
import { print } from './output.js';

function addFormatOptions(cmd: Command): Command {
  return cmd
    .option('--json', 'as JSON')
    .option('--csv', 'as CSV (one row per point and component)')
    .option('--markdown', 'as Markdown tables');
}

function render(study: Study, opts: Record<string, unknown>): string {
  const chosen = ['json', 'csv', 'markdown'].filter((k) => opts[k]);
  if (chosen.length > 1) throw new UserError(`choose one of --json, --csv, --markdown (got ${chosen.map((k) => `--${k}`).join(', ')})`);
  if (opts.json) return toJson(studyJson(study));
  if (opts.csv) return studyCsv(study);
  if (opts.markdown) return studyMarkdown(study);
  return studyText(study);
}

/** Every symbol name of every architecture, for the sweep flags (--T, --d, --L, …). */
function allSymbols(): string[] {
  return [...new Set(architectureNames().flatMap((a) => loadArchitectureFile(a).symbols.map((s) => s.name)))];
}

export function registerStudies(program: Command): void {
  addFormatOptions(
    program
      .command('compare')
      .argument('<presets...>', 'two or more presets, e.g. gpt2-small-swiglu gpt2-medium-swiglu')
      .description("each model's forward FLOPs by component, its shares of a layer and of the whole, and how they move")
      .option('--seq-len <T>', 'sequence length for every model (default: each one\'s context_length)')
      .option('--batch <B>', 'sequences per forward pass'),
  ).action((names: string[], opts: Record<string, unknown>) => {
    if (names.length < 2) throw new UserError('compare: give at least two presets');
    const models = names.map((preset) =>
      resolveModel({
        preset,
        ...(typeof opts.seqLen === 'string' ? { fields: { seq_len: opts.seqLen } } : {}),
        ...(typeof opts.batch === 'string' ? { batch: opts.batch } : {}),
      }),
    );
    print(render(compareStudy(models), opts));
  });

  const sweep = addFormatOptions(
    addModelOptions(
      program
        .command('sweep')
        .argument('[preset]', "the model: a preset (see 'lmledger presets'), or use --config / flags")
        .description('one model at several values of one symbol: --T 1024,2048 or --T 1024..16384*2 (also --d, --L, --f, --h, --V)'),
    ),
  );
  for (const s of allSymbols()) sweep.option(`--${s} <values>`, `values of ${s}: a list (1024,2048) or a range (1024..16384*2, 512..4096+512)`);
  sweep.action((preset: string | undefined, opts: Record<string, unknown>) => {
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
    print(render(sweepStudy(model, symbol, parseRange(`--${name}`, String(opts[name]))), opts));
  });
}
