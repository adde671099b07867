// lmledger sheet and lmledger answer: documents generated from the formulas.

import type { Command } from 'commander';
import { architectureOrPreset } from './target.js';
import { presets } from '../model/presets.js';
import { DEFAULT_ARCHITECTURE, resolveModel, parsePositiveInteger } from '../model/spec.js';
import { answer } from '../report/answer.js';
import { sheet } from '../report/sheet.js';
import { UserError } from '../errors.js';
import { chooseFormat, emitDocument, FORMATS } from './document.js';
import { addModelOptions, modelFromOptions } from './model-options.js';
import { account } from '../ledger/account.js';
import { symbolOf } from '../formulas/architecture.js';

const DEFAULT_ANSWER_MODEL = 'gpt2-xl-swiglu';
const DEFAULT_LONG_CONTEXT = '16384';

function addDocumentOptions(cmd: Command): Command {
  return cmd
    .option('--format <format>', `${FORMATS.join(' | ')} (default: from -o's extension, else md)`)
    .option('-o, --output <file>', 'write to this file (charts go beside it); default: stdout');
}

export function registerDocuments(program: Command): void {
  addDocumentOptions(
    program
      .command('sheet')
      .argument('[arch-or-preset]', `an architecture (formulas only) or a preset (numbers beside the formulas); default ${DEFAULT_ARCHITECTURE}`)
      .description('a formula sheet: symbols, every component\'s shapes and formulas, totals and scaling facts'),
  ).action(async (name: string | undefined, opts: { format?: string; output?: string }) => {
    const format = chooseFormat(opts.format, opts.output);
    const { arch, model } = architectureOrPreset(name ?? DEFAULT_ARCHITECTURE);
    await emitDocument(sheet(arch, model), format, opts.output);
  });

  addDocumentOptions(
    addModelOptions(
      program
        .command('answer')
        .argument('[preset]', `the model to write up (default ${DEFAULT_ANSWER_MODEL}; or --config / --hf-config / flags)`)
        .description('the write-up of questions (a)–(e): parameters and memory, every matmul, what costs most, model sizes, a longer context')
        .option('--sizes <presets>', "comma-separated presets for (d) (default: the model's preset family), shown smallest first")
        .option('--long-context <T>', `the other sequence length for (e) (default ${DEFAULT_LONG_CONTEXT}, or twice the model's if longer, at most what learned positions allow)`),
    ),
  ).action(async (name: string | undefined, opts: Record<string, unknown>) => {
    const format = chooseFormat(opts.format as string | undefined, opts.output as string | undefined);
    // The default model applies only when nothing else names one: field flags alone make a custom model.
    const fieldFlags = Object.keys(opts).some((k) => !['format', 'output', 'sizes', 'longContext', 'seqLen', 'batch'].includes(k) && opts[k] !== undefined);
    const model = modelFromOptions(name ?? (fieldFlags ? undefined : DEFAULT_ANSWER_MODEL), opts);
    const seq = symbolOf(model.arch, 'seq_len');
    const sizeText = opts.sizes as string | undefined;
    const sizeNames = sizeText
      ? sizeText.split(',').map((s) => s.trim()).filter(Boolean)
      : model.preset
        ? [...presets().values()].filter((p) => p.family === model.preset!.family).map((p) => p.name)
        : [];
    if (sizeText !== undefined && sizeNames.length < 2) throw new UserError('--sizes: give at least two presets, e.g. gpt2-small-swiglu,gpt2-xl-swiglu');
    // Every size runs the model's batch and, where it differs from its own, the model's sequence length.
    const batch = typeof opts.batch === 'string' ? { batch: opts.batch } : {};
    const sizeModel = (preset: string) => {
      if (preset === model.label) return model;
      const own = resolveModel({ preset, ...batch });
      const T = seq ? model.values[seq.name] : undefined;
      return T === undefined || own.values[seq!.name] === T ? own : resolveModel({ preset, ...batch, fields: { seq_len: String(T) } });
    };
    const sizes = sizeNames
      .map(sizeModel)
      // Smallest first, so that "as the model grows" reads left to right.
      .map((m) => ({ m, params: account(m).params.total.value }))
      .sort((a, b) => (a.params < b.params ? -1 : a.params > b.params ? 1 : 0))
      .map((x) => x.m);
    // Default: 16,384 tokens, or twice the model's own length if that is already longer; a learned
    // position table caps it at N_pos tokens.
    const T0 = seq ? model.values[seq.name]! : 0n;
    const fallback = T0 * 2n > BigInt(DEFAULT_LONG_CONTEXT) ? T0 * 2n : BigInt(DEFAULT_LONG_CONTEXT);
    let longT = opts.longContext === undefined ? fallback : parsePositiveInteger('--long-context', opts.longContext as string);
    const limit = seq && model.arch.constraints.find((c) => c.kind === 'at_most' && c.left === seq.name);
    if (limit && opts.longContext === undefined && longT > model.values[limit.right]!) longT = model.values[limit.right]!;
    await emitDocument(answer({ model, sizes, longT }), format, opts.output as string | undefined);
  });
}
