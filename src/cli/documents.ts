// lmledger sheet and lmledger answer: documents generated from the formulas.

import type { Command } from 'commander';
import { architectureOrPreset } from './target.js';
import { presets } from '../model/presets.js';
import { DEFAULT_ARCHITECTURE, resolveModel, parsePositiveInteger } from '../model/spec.js';
import { answer } from '../report/answer.js';
import { sheet } from '../report/sheet.js';
import { UserError } from '../errors.js';
import { chooseFormat, emitDocument, FORMATS } from './document.js';

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
    program
      .command('answer')
      .argument('[preset]', `the model to write up (default ${DEFAULT_ANSWER_MODEL})`)
      .description('the write-up of questions (a)–(e): parameters and memory, every matmul, what costs most, model sizes, a longer context')
      .option('--sizes <presets>', "comma-separated presets for (d), smallest first (default: the model's preset family)")
      .option('--long-context <T>', `the longer sequence length for (e) (default ${DEFAULT_LONG_CONTEXT})`)
      .option('--seq-len <T>', 'the sequence length of the model (default: its context_length)'),
  ).action(async (name: string | undefined, opts: { format?: string; output?: string; sizes?: string; longContext?: string; seqLen?: string }) => {
    const format = chooseFormat(opts.format, opts.output);
    const fields = opts.seqLen ? { seq_len: opts.seqLen } : undefined;
    const model = resolveModel({ preset: name ?? DEFAULT_ANSWER_MODEL, ...(fields ? { fields } : {}) });
    const sizeNames = opts.sizes
      ? opts.sizes.split(',').map((s) => s.trim()).filter(Boolean)
      : [...presets().values()].filter((p) => p.family === model.preset!.family).map((p) => p.name);
    if (opts.sizes !== undefined && sizeNames.length < 2) throw new UserError('--sizes: give at least two presets, e.g. gpt2-small-swiglu,gpt2-xl-swiglu');
    const sizes = sizeNames.map((p) => (p === model.label ? model : resolveModel({ preset: p, ...(fields ? { fields } : {}) })));
    const longT = parsePositiveInteger('--long-context', opts.longContext ?? DEFAULT_LONG_CONTEXT);
    await emitDocument(answer({ model, sizes, longT }), format, opts.output);
  });
}
