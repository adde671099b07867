// lmledger sheet and lmledger answer: documents generated from the formulas.

import { Option, type Command } from 'commander';
import { PROBLEMS } from '../formulas/problems.js';
import { adamwAnswer } from '../report/training/answer.js';
import { trainRequest } from '../training/request.js';
import { addTrainOptions, trainFlags } from './train.js';
import { addInferenceAnswerOptions, inferenceProblemAnswer, inferenceOnlyFlags } from './infer-answer.js';
import { architectureOrPreset } from './target.js';
import { presets } from '../model/presets.js';
import { DEFAULT_ARCHITECTURE, DEFAULT_PRESET, resolveModel, parsePositiveInteger, type ModelSpec } from '../model/spec.js';
import type { Architecture } from '../formulas/architecture.js';
import { architectureNames, isArchitecturePath } from '../formulas/load.js';
import { isModelFile } from '../model/files.js';
import { answer } from '../report/answer.js';
import { sheet } from '../report/sheet.js';
import { UserError } from '../errors.js';
import { chooseFormat, emitDocument, FORMATS } from './document.js';
import { addModelOptions, hasModelOptions, MODEL_ARGUMENT, modelFromOptions, modelSource, type ModelSource } from './model-options.js';
import type { Doc } from '../doc/model.js';
import { account } from '../ledger/account.js';
import { symbolOf } from '../formulas/architecture.js';

const DEFAULT_LONG_CONTEXT = '16384';

function addDocumentOptions(cmd: Command): Command {
  return cmd
    .option('--format <format>', `${FORMATS.join(' | ')} (default: from -o's extension, else md)`)
    .option('-o, --output <file>', 'write to this file (charts go beside it); default: stdout');
}

export function registerDocuments(program: Command): void {
  addDocumentOptions(
    addModelOptions(
      program
        .command('sheet')
        .argument(
          '[arch-or-model]',
          `an architecture (formulas only; with flags, the model's --arch) or a model: ${MODEL_ARGUMENT} (numbers beside the formulas); default ${DEFAULT_ARCHITECTURE}`,
        )
        .description('a formula sheet: symbols, every component\'s shapes and formulas, totals and scaling facts'),
    ),
  ).action(async (name: string | undefined, opts: Record<string, unknown>) => {
    const format = chooseFormat(opts.format as string | undefined, opts.output as string | undefined);
    await emitDocument(sheetDocument(name, opts), format, opts.output as string | undefined);
  });

  const answerCommand = addDocumentOptions(
    addModelOptions(
      program
        .command('answer')
        .argument('[model]', `the model to write up: ${MODEL_ARGUMENT} (default ${DEFAULT_PRESET}; or --config / --hf-config / flags)`)
        .description('the write-up of questions (a)–(e): parameters and memory, every matmul, what costs most, model sizes, a longer context')
        .option('--sizes <models>', "comma-separated models for (d), presets or .json files (default: the model's preset family), shown smallest first")
        .option('--long-context <T>', `the other sequence length for (e) (default ${DEFAULT_LONG_CONTEXT}, or twice the model's if longer, at most what learned positions allow)`)
        .addOption(new Option('--problem <name>', "another problem to write up instead of the seed's (a)–(e): its givens are the defaults of the training (or, for inference, the serving) flags below").choices(PROBLEMS.names())),
    ),
  );
  addInferenceAnswerOptions(addTrainOptions(answerCommand, false)).action(async (name: string | undefined, opts: Record<string, unknown>) => {
    const format = chooseFormat(opts.format as string | undefined, opts.output as string | undefined);
    await emitDocument(answerDocument(name, opts), format, opts.output as string | undefined);
  });
}

const modelTarget = (model: ModelSpec) => ({ arch: model.arch, model });

/** A training problem's write-up: its givens as defaults, every flag given on top of them. */
function problemAnswer(problem: string, name: string | ModelSource | undefined, opts: Record<string, unknown>) {
  const p = PROBLEMS.get(problem);
  if (p.kind === 'inference') return inferenceProblemAnswer(p, name, opts);
  const given = Object.fromEntries(Object.entries(opts).filter(([, v]) => v !== undefined));
  const merged: Record<string, unknown> = { ...p.flags, ...given };
  // The problem's model unless another is named (a preset, a config file or a Hugging Face config).
  const model = modelFromOptions(name ?? (merged.config || merged.hfConfig ? undefined : p.model), merged);
  const inferOnly = inferenceOnlyFlags(given);
  if (inferOnly.length) throw new UserError(`${inferOnly[0]}: only for an inference write-up (--problem ${PROBLEMS.all().filter((x) => x.kind === 'inference').map((x) => x.name).join('|')}) or 'lmledger infer'`);
  return adamwAnswer(trainRequest(model, trainFlags(merged)));
}

/** The formula sheet `sheet` writes for this architecture or model and options (the library's sheet() too). */
export function sheetDocument(name: string | ModelSource | undefined, opts: Record<string, unknown>): Doc {
  // A model the library names by a config object: its sheet with the numbers.
  if (name !== undefined && typeof name !== 'string') {
    const model = modelFromOptions(name, opts);
    return sheet(model.arch, model);
  }
  const isArch = name !== undefined && !isModelFile(name) && (isArchitecturePath(name) || architectureNames().includes(name));
  let target: { arch: Architecture; model?: ModelSpec };
  if (hasModelOptions(opts)) {
    // An architecture with model options is the model's architecture: --arch NAME.
    if (isArch && typeof opts.arch === 'string') throw new UserError(`sheet: give the architecture once: '${name}' or --arch ${opts.arch}`);
    const model = modelFromOptions(isArch ? undefined : name, isArch ? { ...opts, arch: name } : opts);
    target = { arch: model.arch, model };
  } else if (name === undefined || isArch || (!isModelFile(name) && !presets().has(name)))
    // An architecture; or neither a known name nor a file: the error lists architectures and presets.
    target = architectureOrPreset(name ?? DEFAULT_ARCHITECTURE);
  else target = modelTarget(modelFromOptions(name, opts));
  return sheet(target.arch, target.model);
}

/** The write-up `answer` writes for this model and options (the library's answer() too). */
export function answerDocument(name: string | ModelSource | undefined, opts: Record<string, unknown>): Doc {
  if (typeof opts.problem === 'string') return problemAnswer(opts.problem, name, opts);
  const inferOnly = inferenceOnlyFlags(opts);
  if (inferOnly.length) throw new UserError(`${inferOnly[0]}: only for an inference write-up (--problem ${PROBLEMS.all().filter((x) => x.kind === 'inference').map((x) => x.name).join('|')}) or 'lmledger infer'`);
  const trainOnly = Object.keys(trainFlags(opts));
  if (trainOnly.length) throw new UserError(`--${trainOnly[0]!.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}: only for a training write-up (--problem ${PROBLEMS.all().filter((x) => x.kind === 'training').map((x) => x.name).join('|')}) or 'lmledger train'`);
  // With nothing naming a model, flags (if any) change the default preset.
  const model = modelFromOptions(name, opts);
  const seq = symbolOf(model.arch, 'seq_len');
  const sizeText = opts.sizes as string | undefined;
  const sizeRefs = sizeText
    ? sizeText.split(',').map((s) => s.trim()).filter(Boolean)
    : model.preset
      ? [...presets().values()].filter((p) => p.family === model.preset!.family).map((p) => p.name)
      : [];
  if (sizeText !== undefined && sizeRefs.length < 2) throw new UserError('--sizes: give at least two models, e.g. gpt2-small-swiglu,gpt2-xl-swiglu');
  // Every size runs the model's batch and, where it differs from its own, the model's sequence length.
  const batch = typeof opts.batch === 'string' ? { batch: opts.batch } : {};
  const sizeModel = (ref: string) => {
    // The model stands in for the preset it was made from (gpt2-xl-swiglu --num-layers 24 replaces gpt2-xl-swiglu).
    if (ref === model.preset?.name) return model;
    const source = modelSource(ref);
    const own = resolveModel({ ...source, ...batch });
    const T = seq ? model.values[seq.name] : undefined;
    const ownSeq = symbolOf(own.arch, 'seq_len');
    return T === undefined || !ownSeq || own.values[ownSeq.name] === T ? own : resolveModel({ ...source, ...batch, fields: { seq_len: String(T) } });
  };
  const sizes = sizeRefs
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
  return answer({ model, sizes, longT });
}
