// lmledger infer: serving a model — the KV cache, prefill and decode FLOPs and bytes, roofline
// time and bound, tokens per second, the critical batch, and what fits.

import type { Command } from 'commander';
import { PEAK_DTYPES } from '../formulas/hardware.js';
import { inferAccount, type InferAccount } from '../inference/account.js';
import { DEFAULT_SERVING_DTYPE, inferRequest, type InferFlags } from '../inference/request.js';
import { DTYPES } from '../ledger/dtypes.js';
import { toJson } from '../print/json.js';
import { inferJson } from '../report/inference/json.js';
import { inferText } from '../report/inference/text.js';
import { addModelOptions, modelFromOptions, type ModelSource } from './model-options.js';
import { print, printText } from './output.js';
import { hardwareChoices } from './help-values.js';

const dtypes = DTYPES.map((d) => d.name);

export function addInferOptions(cmd: Command): Command {
  return cmd
    .option('--prompt <P>', 'prompt tokens of each sequence (prefill)')
    .option('--generate <G>', 'tokens generated after the prompt (decode steps)')
    // Checked in request.ts (not by commander's choices), so that a misspelt name gets a suggestion.
    .option('--dtype <dtype>', `weights: ${dtypes.join(', ')} (default ${DEFAULT_SERVING_DTYPE})`)
    .option('--kv-dtype <dtype>', `the KV cache: ${dtypes.join(', ')} (default ${DEFAULT_SERVING_DTYPE})`)
    .option('--compute-dtype <dtype>', `which peak the matmuls run at: ${PEAK_DTYPES.join(', ')} (default: the weights' dtype where the accelerator has it, else bf16)`)
    .option('--hardware <name>', `an accelerator, its peak, bandwidth and memory: ${hardwareChoices()} (see 'lmledger hardware')`)
    .option('--peak <flops>', 'peak FLOP/s of one device (e.g. 989e12), with --bandwidth')
    .option('--bandwidth <rate>', 'memory bandwidth of one device (e.g. "3.35 TB/s"), with --peak')
    .option('--devices <N>', 'devices serving the model (ideal tensor parallelism: FLOPs, bytes and memory ÷ N)')
    .option('--memory <size>', 'memory of one device: 80GB, 80GiB or bytes (default: the accelerator\'s)');
}

export function inferFlags(opts: Record<string, unknown>): InferFlags {
  const keys = ['prompt', 'generate', 'dtype', 'kvDtype', 'computeDtype', 'hardware', 'peak', 'bandwidth', 'devices', 'memory'] as const;
  return Object.fromEntries(keys.filter((k) => typeof opts[k] === 'string').map((k) => [k, opts[k] as string])) as InferFlags;
}

export function registerInfer(program: Command): void {
  addInferOptions(
    addModelOptions(
      program
        .command('infer')
        .argument('[preset]', "a preset name (see 'lmledger presets'); or use --config / --hf-config / flags")
        .description('serving: the KV cache, prefill and decode FLOPs and bytes, roofline time and bound, tokens/s, the critical batch, what fits')
        .option('--json', 'the inference account as one JSON document'),
    ),
  ).action((preset: string | undefined, opts: Record<string, unknown>) => {
    const a = inferFromOptions(preset, opts);
    if (opts.json) print(toJson(inferJson(a)));
    else printText(inferText(a));
  });
}

/** The inference account `infer` prints for these options (the library's infer() too). */
export function inferFromOptions(preset: string | ModelSource | undefined, opts: Record<string, unknown>): InferAccount {
  // Inference formulas carry the batch B: 1 unless given.
  const model = modelFromOptions(preset, { ...opts, batch: typeof opts.batch === 'string' ? opts.batch : '1' });
  return inferAccount(inferRequest(model, inferFlags(opts)));
}
