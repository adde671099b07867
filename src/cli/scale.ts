// lmledger scale <quantity> --in <symbol>: derivative, degree, elasticity, crossovers and,
// with --from/--to, the factor and the shares before and after.

import { Option, type Command } from 'commander';
import { ACTIVATION_CONVENTIONS } from '../formulas/conventions/activations.js';
import { OPTIMIZERS } from '../formulas/training/optimizers.js';
import { PRECISION_POLICIES } from '../formulas/training/precision.js';
import { isTrainingQuantity, TRAINING_QUANTITIES } from '../scaling/training-quantity.js';
import { RECOMPUTE, trainingChoice } from '../training/choice.js';
import { trainFlags } from './train.js';
import { inferFlags } from './infer.js';
import { inferMachine } from '../inference/request.js';
import { INFERENCE_QUANTITIES, isInferenceQuantity } from '../scaling/inference-quantity.js';
import { DTYPES } from '../ledger/dtypes.js';
import { Rational } from '../algebra/rational.js';
import { UserError } from '../errors.js';
import { DEFAULT_PRESET, parsePositiveInteger } from '../model/spec.js';
import { toJson } from '../print/json.js';
import { scaleJson, scaleText } from '../report/scale.js';
import { scale, type ScaleAnswer } from '../scaling/scale.js';
import { addModelOptions, MODEL_ARGUMENT, modelFromOptions, type ModelSource } from './model-options.js';
import { print } from './output.js';
import { parseRelation } from '../model/relations.js';
import { hardwareChoices, symbolChoices } from './help-values.js';

const collect = (v: string, prev: string[] = []) => [...prev, v];

export function registerScale(program: Command): void {
  addModelOptions(
    program
      .command('scale')
      .argument('<quantity>', `flops, params, a component (attention, ffn, …), flops.<component>, params.<component>, a matmul (attention.scores), a training quantity (${TRAINING_QUANTITIES.join(', ')}) or an inference one (${INFERENCE_QUANTITIES.join(', ')})`)
      .argument('[model]', `${MODEL_ARGUMENT}; or use --config / --hf-config / flags (default ${DEFAULT_PRESET})`)
      .description('how a quantity grows in one symbol: derivative, degree, elasticity, crossovers, factors')
      .requiredOption('--in <symbol>', `the symbol to differentiate in, one of the model's architecture: ${symbolChoices()} (or its config name, e.g. seq_len)`)
      .option('--per-layer', 'one layer\'s worth instead of the whole model')
      .option('--from <a>', 'with --to: change the symbol from a to b and report factors and shares')
      .option('--to <b>', 'see --from')
      .option('--crossover <a=b>', 'also solve where a equals b (parts or quantities), e.g. attention=ffn; repeatable', collect)
      .option('--hold <symbol>', "keep a symbol fixed that a relation of the preset moves with --in (d_ff: 4*d_model makes f follow d); repeatable", collect)
      .option('--relate <symbol=expr>', 'state a relation to follow, e.g. f=8/3*d (replaces the preset\'s for that symbol); repeatable', collect)
      .addOption(new Option('--activations <name>', `for ${TRAINING_QUANTITIES.join(', ')}: which kept tensors count`).choices(ACTIVATION_CONVENTIONS.names()))
      .addOption(new Option('--precision <name>', 'for the training quantities: the precision policy').choices(PRECISION_POLICIES.names()))
      .addOption(new Option('--optimizer <name>', 'for the training quantities: the optimizer').choices(OPTIMIZERS.names()))
      .addOption(new Option('--recompute <mode>', 'for the training quantities: activation recomputation').choices([...RECOMPUTE]))
      .addOption(new Option('--dtype <dtype>', `for ${INFERENCE_QUANTITIES.join(', ')}: the weights (default bf16)`).choices(DTYPES.map((d) => d.name)))
      .addOption(new Option('--kv-dtype <dtype>', 'for the inference quantities: the KV cache (default bf16)').choices(DTYPES.map((d) => d.name)))
      .option('--hardware <name>', `for decode.seconds_per_step: the accelerator (its peak and bandwidth), ${hardwareChoices()}`)
      .option('--peak <flops>', 'for decode.seconds_per_step: peak FLOP/s of one device, with --bandwidth')
      .option('--bandwidth <rate>', 'for decode.seconds_per_step: bandwidth of one device, with --peak')
      .option('--devices <N>', 'for decode.seconds_per_step: devices (ideal tensor parallelism)')
      .option('--json', 'as JSON'),
  ).action((quantity: string, preset: string | undefined, opts: Record<string, unknown>) => {
    const answer = scaleFromOptions(quantity, preset, opts);
    print(opts.json ? toJson(scaleJson(answer)) : scaleText(answer));
  });
}

/** What `scale` answers for these options (the command's flags, as commander parses them; the library's too). */
export function scaleFromOptions(quantity: string, preset: string | ModelSource | undefined, opts: Record<string, unknown>): ScaleAnswer {
  const training = isTrainingQuantity(quantity);
  const inference = isInferenceQuantity(quantity);
  const own = ['activations', 'precision', 'optimizer', 'recompute'].filter((k) => opts[k] !== undefined);
  if (!training && own.length) throw new UserError(`--${own[0]}: only for the training quantities (${TRAINING_QUANTITIES.join(', ')})`);
  const serving = ['dtype', 'kvDtype', 'hardware', 'peak', 'bandwidth', 'devices'].filter((k) => opts[k] !== undefined);
  if (!inference && serving.length) throw new UserError(`--${serving[0]!.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}: only for the inference quantities (${INFERENCE_QUANTITIES.join(', ')})`);
  // Training and inference quantities are written in the batch B: 1 unless given.
  const model = modelFromOptions(preset, (training || inference) && typeof opts.batch !== 'string' ? { ...opts, batch: '1' } : opts);
  const machine = inference ? inferMachine(model, inferFlags(opts)) : undefined;
  const devices = machine ? Rational.of(machine.devices) : Rational.ONE;
  const crossovers = ((opts.crossover as string[] | undefined) ?? []).map((c): [string, string] => {
    const [a, b, ...rest] = c.split('=');
    if (!a || !b || rest.length) throw new UserError(`--crossover: '${c}' is not of the form a=b (e.g. attention=ffn)`);
    return [a.trim(), b.trim()];
  });
  return scale(model, {
    quantity,
    symbol: String(opts.in),
    ...(opts.perLayer ? { perLayer: true } : {}),
    ...(opts.from !== undefined ? { from: parsePositiveInteger('--from', String(opts.from)) } : {}),
    ...(opts.to !== undefined ? { to: parsePositiveInteger('--to', String(opts.to)) } : {}),
    crossovers,
    hold: (opts.hold as string[] | undefined) ?? [],
    relate: ((opts.relate as string[] | undefined) ?? []).map((r) => parseRelation(model.arch, r)),
    ...(training ? { training: trainingChoice(trainFlags(opts)) } : {}),
    ...(machine
      ? {
          inference: {
            widths: { weights: machine.weights.bytes, kv: machine.kv.bytes },
            ...(machine.peak && machine.bandwidth ? { roof: { peak: machine.peak.perDevice.mul(devices), bandwidth: machine.bandwidth.perDevice.mul(devices) } } : {}),
          },
        }
      : {}),
  });
}
