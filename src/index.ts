// lmledger as a library: the same ledgers the CLI prints, as values.
//
//   import { account } from 'lmledger';
//   const a = account('gpt2-xl-swiglu', { seqLen: 16384 });
//   a.params.total        // 2127057600n: counts are BigInt, exact
//   a.flops.forward.total // the forward matmul FLOPs at T = 16,384
//
// Each function returns the document its command's --json prints (toJson(x) is that text byte
// for byte, less its final newline), built by the code the command runs. A model is a preset
// name, a path to a .json file, or { config } / { hfConfig } / { preset } / { file }; options are
// the command's flags in camelCase. Bad input throws UserError with the message the CLI prints
// after "lmledger: ".

import { account as accountOf } from './ledger/account.js';
import { accountJson } from './report/account-json.js';
import { architectureOrPreset } from './cli/target.js';
import { formulasJson } from './report/formulas.js';
import { scaleFromOptions } from './cli/scale.js';
import { scaleJson } from './report/scale.js';
import { compareFromOptions, sweepFromOptions } from './cli/study.js';
import { studyJson } from './report/study.js';
import { trainFromOptions } from './cli/train.js';
import { trainJson } from './report/training/json.js';
import { inferFromOptions } from './cli/infer.js';
import { inferJson } from './report/inference/json.js';
import { answerDocument, sheetDocument } from './cli/documents.js';
import { FORMATS, render, type Format } from './cli/document.js';
import { modelFromOptions, type ModelSource } from './cli/model-options.js';
import { presetsJson } from './cli/presets.js';
import { hardwareJson } from './cli/hardware.js';
import { DEFAULT_ARCHITECTURE, type ModelSpec } from './model/spec.js';
import { UserError } from './errors.js';
import { plain, type JsonObject } from './api/plain.js';
import { cliOptions, type Options } from './api/options.js';
import { configSource, modelObjectKey, type ModelInput } from './api/model.js';
import type { AccountJson } from './api/types.js';
import type { Printed } from './doc/model.js';

export { UserError } from './errors.js';
export { toJson } from './print/json.js';
export { VERSION } from './version.js';
export type { ModelSpec } from './model/spec.js';
export type { ModelInput, ModelObject } from './api/model.js';
export type { Options, OptionValue } from './api/options.js';
export type { JsonObject, JsonValue } from './api/plain.js';
export type { AccountJson, CountJson, ComponentParamsJson, ComponentFlopsJson } from './api/types.js';
export type { Printed } from './doc/model.js';

/** A preset name or .json path stays the CLI's argument; a config object becomes the source it stands for. */
function source(input: ModelInput | undefined): string | ModelSource | undefined {
  if (input === undefined || typeof input === 'string') return input;
  const key = modelObjectKey(input);
  if (key === 'preset' || key === 'file') {
    const ref = input[key];
    if (typeof ref !== 'string') throw new UserError(`model: ${key}: expected text`);
    if (key === 'file' && !ref.toLowerCase().endsWith('.json')) throw new UserError(`model: file: '${ref}' is not a .json file`);
    return ref;
  }
  return configSource(input[key], key);
}

const asObject = (v: unknown) => plain(v) as JsonObject;
const raise = (message: string): never => {
  throw new UserError(message);
};

/** The resolved model (the engine's object: architecture, symbol values, config) that every ledger starts from. */
export function model(input?: ModelInput, options?: Options): ModelSpec {
  return modelFromOptions(source(input), cliOptions('account', options, 'model'));
}

/** `lmledger account [model] --json`: parameters, weight memory, every forward matmul, where the FLOPs go. */
export function account(input?: ModelInput, options?: Options): AccountJson {
  return asObject(accountJson(accountOf(model(input, options)))) as unknown as AccountJson;
}

/** `lmledger formulas [arch|preset] --json`: each component's formulas and the totals. */
export function formulas(name: string = DEFAULT_ARCHITECTURE): JsonObject {
  return asObject(formulasJson(architectureOrPreset(name).arch));
}

/** `lmledger scale <quantity> [model] --in <symbol> --json`: derivative, degree, elasticity, crossovers. */
export function scale(quantity: string, input: ModelInput | undefined, options: Options & { in: string }): JsonObject {
  return asObject(scaleJson(scaleFromOptions(quantity, source(input), cliOptions('scale', options))));
}

/** `lmledger sweep [model] --<symbol> <values> --json`: e.g. sweep('gpt2-xl-swiglu', { T: '1024..16384*2' }). */
export function sweep(input: ModelInput | undefined, options: Options): JsonObject {
  return asObject(studyJson(sweepFromOptions(source(input), cliOptions('sweep', options))));
}

/** `lmledger compare <model…> --json`: each model's FLOPs by component and the share series. */
export function compare(inputs: ModelInput[], options?: Options): JsonObject {
  if (!Array.isArray(inputs)) throw new UserError('compare: give a list of models');
  const sources = inputs.map((i) => source(i) ?? raise('compare: a model in the list is undefined'));
  return asObject(studyJson(compareFromOptions(sources, cliOptions('compare', options))));
}

/** `lmledger train [model] --json`: one training step's memory and FLOPs, and the run. */
export function train(input?: ModelInput, options?: Options): JsonObject {
  return asObject(trainJson(trainFromOptions(source(input), cliOptions('train', options))));
}

/** `lmledger infer [model] --json`: the KV cache, prefill and decode, roofline time and what fits. */
export function infer(input?: ModelInput, options?: Options): JsonObject {
  return asObject(inferJson(inferFromOptions(source(input), cliOptions('infer', options))));
}

/** `lmledger presets --json`. */
export function presets(): JsonObject[] {
  return presetsJson().map(asObject);
}

/** `lmledger hardware --json`. */
export function hardware(): JsonObject[] {
  return hardwareJson().map(asObject);
}

/** Document options: the command's flags, and the format (md, html or tex; default md). */
export type DocumentOptions = Options & { format?: Format; figureDir?: string };

async function document(doc: () => ReturnType<typeof sheetDocument>, options: DocumentOptions | undefined): Promise<Printed> {
  const format = options?.format ?? 'md';
  if (!(FORMATS as readonly string[]).includes(format)) throw new UserError(`format: '${format}' is not allowed; use one of ${FORMATS.join(', ')}`);
  // Markdown points to its charts in figureDir; `beside` holds them as SVG files to write there.
  return render(doc(), format, options?.figureDir ?? 'figures');
}

const documentOptions = (options: DocumentOptions | undefined): Options => {
  const { format: _f, figureDir: _d, ...rest } = options ?? {};
  return rest;
};

/** `lmledger sheet [arch|model]`: the formula sheet, printed (`main`) with its charts (`beside`). */
export function sheet(target?: ModelInput, options?: DocumentOptions): Promise<Printed> {
  const opts = cliOptions('sheet', documentOptions(options));
  return document(() => sheetDocument(source(target), opts), options);
}

/** `lmledger answer [model]`: the write-up of (a)–(e), or of a training problem with { problem: 'adamw' }. */
export function answer(target?: ModelInput, options?: DocumentOptions): Promise<Printed> {
  const opts = cliOptions('answer', documentOptions(options));
  return document(() => answerDocument(source(target), opts), options);
}
