// The serving write-up (answer --problem inference): the flags `answer` takes beyond the training
// ones, and the problem's givens under whatever the command line gives.

import type { Command } from 'commander';
import type { Doc } from '../doc/model.js';
import { UserError } from '../errors.js';
import type { Problem } from '../formulas/problems.js';
import { PEAK_DTYPES } from '../formulas/hardware.js';
import { inferRequest } from '../inference/request.js';
import { DTYPES } from '../ledger/dtypes.js';
import { inferenceAnswer } from '../report/inference/answer.js';
import { inferFlags } from './infer.js';
import { modelFromOptions, type ModelSource } from './model-options.js';
import { trainFlags } from './train.js';

/** Flags only serving has (the rest, --hardware, --dtype, --peak, --devices, --memory, are shared with training). */
const SERVING_ONLY = ['prompt', 'generate', 'kvDtype', 'computeDtype', 'bandwidth'] as const;
/** What both write-ups read, each in its own sense (--dtype: the weights for serving, the peak's dtype for training). */
const SHARED = new Set(['hardware', 'dtype', 'peak', 'devices', 'memory']);

const flagName = (k: string) => `--${k.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;

export function addInferenceAnswerOptions(cmd: Command): Command {
  const dtypes = DTYPES.map((d) => d.name).join(', ');
  return cmd
    .option('--prompt <P>', 'inference problems: prompt tokens of each sequence')
    .option('--generate <G>', 'inference problems: tokens generated after the prompt')
    .option('--kv-dtype <dtype>', `inference problems: the KV cache's dtype, ${dtypes} (--dtype is the weights')`)
    .option('--compute-dtype <dtype>', `inference problems: which peak the matmuls run at, ${PEAK_DTYPES.join(', ')}`)
    .option('--bandwidth <rate>', 'inference problems: memory bandwidth of one device (e.g. "3.35 TB/s"), with --peak');
}

/** The serving-only flags given, as typed (--kv-dtype). */
export function inferenceOnlyFlags(opts: Record<string, unknown>): string[] {
  return SERVING_ONLY.filter((k) => opts[k] !== undefined).map(flagName);
}

export function inferenceProblemAnswer(p: Problem, name: string | ModelSource | undefined, opts: Record<string, unknown>): Doc {
  const given = Object.fromEntries(Object.entries(opts).filter(([, v]) => v !== undefined));
  const trainingOnly = Object.keys(trainFlags(given)).filter((k) => !SHARED.has(k));
  if (trainingOnly.length) throw new UserError(`${flagName(trainingOnly[0]!)}: only for a training write-up or 'lmledger train'; --problem ${p.name} is about serving`);
  const merged: Record<string, unknown> = { ...p.flags, ...given };
  // The problem's model unless another is named (a preset, a config file or a Hugging Face config);
  // serving formulas carry the batch B, 1 unless given.
  const model = modelFromOptions(name ?? (merged.config || merged.hfConfig ? undefined : p.model), { ...merged, batch: typeof merged.batch === 'string' ? merged.batch : '1' });
  return inferenceAnswer(inferRequest(model, inferFlags(merged)), { title: p.title, source: p.source });
}
