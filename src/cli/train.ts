// lmledger train: what one training step costs (memory by part, the batch that fits, FLOPs with
// the backward derived and the optimizer from its update rule) and what a run takes.

import { Command, Option } from 'commander';
import { ACTIVATION_CONVENTIONS } from '../formulas/conventions/activations.js';
import { PEAK_DTYPES } from '../formulas/hardware.js';
import { OPTIMIZERS } from '../formulas/training/optimizers.js';
import { PRECISION_POLICIES } from '../formulas/training/precision.js';
import { toJson } from '../print/json.js';
import { trainJson } from '../report/training/json.js';
import { trainText } from '../report/training/text.js';
import { trainAccount, type TrainAccount } from '../training/account.js';
import { RECOMPUTE } from '../training/choice.js';
import { trainRequest, type TrainFlags } from '../training/request.js';
import { addModelOptions, modelFromOptions, type ModelSource } from './model-options.js';
import { print } from './output.js';
import { DTYPES } from '../ledger/dtypes.js';
import { hardwareChoices, oneOf } from './help-values.js';

/**
 * The training flags, shared by `train` and the write-ups of problems. `answer` leaves --dtype
 * open (an inference problem's weights may be int4): the training request checks it either way.
 */
export function addTrainOptions(cmd: Command, dtypeChoices = true): Command {
  const peak = "which peak of the accelerator (default: the precision policy's compute dtype)";
  // Open for answer, where an inference problem reads it as the weights' dtype: both sets are listed.
  const dtype = dtypeChoices
    ? new Option('--dtype <dtype>', peak)
    : new Option('--dtype <dtype>', `training problems: ${peak}, one of ${oneOf(PEAK_DTYPES)}; inference problems: the weights' dtype (default: the problem's), one of ${oneOf(DTYPES.map((d) => d.name))}`);
  return cmd
    .option('--steps <S>', 'optimizer steps of the run (400000, 400_000 or 4e5)')
    .option('--tokens <D>', 'training tokens of the run (steps = ⌈D / (B·T)⌉)')
    .addOption(new Option('--optimizer <name>', 'optimizer (formulas/training/optimizers.yaml)').choices(OPTIMIZERS.names()).default(undefined, 'adamw'))
    .option('--optimizer-flops <n>', "FLOPs per parameter of the optimizer step, instead of its update rule's count")
    .addOption(new Option('--precision <name>', 'precision policy (formulas/training/precision.yaml)').choices(PRECISION_POLICIES.names()).default(undefined, 'fp32'))
    .addOption(new Option('--activations <name>', 'which kept tensors count (formulas/conventions/activations.yaml)').choices(ACTIVATION_CONVENTIONS.names()).default(undefined, 'saved'))
    .addOption(new Option('--recompute <mode>', 'activation recomputation').choices([...RECOMPUTE]).default(undefined, 'none'))
    .option('--tensor-parallel <t>', 'tensor-parallel ranks splitting the activations (Korthikanti et al. 2022)')
    .option('--sequence-parallel', 'with --tensor-parallel: split the remaining per-layer activations too')
    .option('--hardware <name>', `an accelerator of formulas/hardware, its peak and memory: ${hardwareChoices()} (see 'lmledger hardware')`)
    .addOption(dtypeChoices ? dtype.choices([...PEAK_DTYPES]) : dtype)
    .option('--peak <flops>', 'peak FLOP/s of one device, e.g. 19.5e12 or "19.5 TFLOP/s" (overrides --hardware\'s)')
    .option('--devices <N>', 'devices sharing the run (ideal data parallelism: time ÷ N)')
    .option('--mfu <fraction>', 'model FLOPs utilization for the time estimate, e.g. 0.5 or 50%')
    .option('--step-time <seconds>', 'a measured time per step: gives MFU and HFU (as nanoGPT\'s estimate_mfu)')
    .option('--memory <size>', 'device memory for the largest batch: 80GB (10⁹), 80GiB (2³⁰) or bytes');
}

export function trainFlags(opts: Record<string, unknown>): TrainFlags {
  const s = (k: string) => (typeof opts[k] === 'string' ? { [k]: opts[k] as string } : {});
  return {
    ...s('steps'), ...s('tokens'), ...s('optimizer'), ...s('precision'), ...s('activations'), ...s('recompute'), ...s('tensorParallel'),
    ...s('hardware'), ...s('dtype'), ...s('peak'), ...s('devices'), ...s('mfu'), ...s('stepTime'), ...s('memory'),
    ...(typeof opts.optimizerFlops === 'string' ? { optimizerFlops: opts.optimizerFlops } : {}),
    ...(opts.sequenceParallel === true ? { sequenceParallel: true } : {}),
  };
}

export function registerTrain(program: Command): void {
  addTrainOptions(
    addModelOptions(
      program
        .command('train')
        .argument('[preset]', "a preset name (see 'lmledger presets'); or use --config / --hf-config / flags")
        .description('one training step: peak memory by part as a·B + b and the batch that fits, FLOPs of forward, backward and optimizer, time or MFU')
        .option('--json', 'the training account as one JSON document'),
    ),
  ).action((preset: string | undefined, opts: Record<string, unknown>) => {
    const t = trainFromOptions(preset, opts);
    print(opts.json ? toJson(trainJson(t)) : trainText(t));
  });
}

/** The training account `train` prints for these options (the library's train() too). */
export function trainFromOptions(preset: string | ModelSource | undefined, opts: Record<string, unknown>): TrainAccount {
  // The batch is the symbol B of every training formula: 1 unless given.
  const model = modelFromOptions(preset, { ...opts, batch: typeof opts.batch === 'string' ? opts.batch : '1' });
  return trainAccount(trainRequest(model, trainFlags(opts)));
}
