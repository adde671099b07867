// Options shared by every command that takes a model: a preset, --config FILE.json, --arch,
// one flag per config field (derived from the architecture files), --seq-len and --batch.

import { Command, Option } from 'commander';
import { architectureNames, loadArchitectureFile } from '../formulas/load.js';
import { configFieldsOf, flagName, resolveModel, type ModelSpec } from '../model/spec.js';
import { readHfConfig, SUPPORTED_MODEL_TYPES } from '../model/hf.js';
import { UserError } from '../errors.js';
import { ATTENTION_CONVENTIONS } from '../formulas/conventions/attention.js';

/** Every config field some architecture reads, e.g. d_model -> flag --d-model. */
function allConfigFields(): string[] {
  const fields = new Set<string>();
  for (const name of architectureNames()) for (const f of configFieldsOf(loadArchitectureFile(name))) fields.add(f);
  return [...fields];
}

/** commander's camelCase attribute name for a flag. */
const attrOf = (field: string) => field.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());

export function addModelOptions(cmd: Command): Command {
  cmd
    .option('--config <file>', 'a JSON config with the fields below (vocab_size, d_model, …)')
    .option('--hf-config <file>', `a Hugging Face config.json (model_type ${SUPPORTED_MODEL_TYPES.join(', ')})`)
    .option('--arch <name|file>', 'architecture (default: the preset\'s or config\'s, else the simplest that has every field given)')
    .option('--batch <B>', 'sequences per forward pass (the symbol B multiplies every FLOP formula)')
    .addOption(
      new Option('--attention <name>', `how work over the T×T square counts: ${ATTENTION_CONVENTIONS.all().map((c) => `${c.name} (${c.title})`).join(', ')}; default dense`)
        .choices(ATTENTION_CONVENTIONS.names()),
    );
  for (const field of allConfigFields()) {
    const help = field === 'seq_len' ? 'sequence length T (default: context_length)' : `set ${field}`;
    cmd.addOption(new Option(`--${flagName(field)} <n>`, help));
  }
  return cmd;
}

export function modelFromOptions(preset: string | undefined, opts: Record<string, unknown>): ModelSpec {
  const fields: Record<string, string> = {};
  for (const field of allConfigFields()) {
    const v = opts[attrOf(field)];
    if (typeof v === 'string') fields[field] = v;
  }
  const hf = typeof opts.hfConfig === 'string' ? readHfConfig(opts.hfConfig) : undefined;
  if (hf && (preset || typeof opts.config === 'string')) throw new UserError('give one of a preset, --config or --hf-config');
  return resolveModel({
    ...(hf ? { values: hf.values, label: hf.label, arch: 'decoder' } : {}),
    ...(preset ? { preset } : {}),
    ...(typeof opts.config === 'string' ? { configFile: opts.config } : {}),
    ...(typeof opts.arch === 'string' ? { arch: opts.arch } : {}),
    ...(typeof opts.batch === 'string' ? { batch: opts.batch } : {}),
    ...(typeof opts.attention === 'string' ? { attention: opts.attention } : {}),
    fields,
  });
}
