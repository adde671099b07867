// Options shared by every command that takes a model: a preset or a .json file as the argument,
// --config FILE.json, --hf-config FILE.json, --name, --arch, one flag per config field (derived
// from the architecture files), --seq-len and --batch. With none of preset, --config and
// --hf-config, the flags change the default preset (DEFAULT_PRESET), and the model says so.

import { Command, Option } from 'commander';
import { architectureNames, loadArchitectureHeader } from '../formulas/load.js';
import { configFieldsOf, DEFAULT_PRESET, flagName, resolveModel, type ModelRequest, type ModelSpec } from '../model/spec.js';
import { readHfConfig, SUPPORTED_MODEL_TYPES } from '../model/hf.js';
import { isHfConfig, isModelFile, readJsonObject } from '../model/files.js';
import { UserError } from '../errors.js';
import { ATTENTION_CONVENTIONS } from '../formulas/conventions/attention.js';
import { architectureChoices, architectureHeaders, fieldHelp } from './help-values.js';

/** Every config field some architecture reads, e.g. d_model -> flag --d-model. */
export function allConfigFields(): string[] {
  const fields = new Set<string>();
  for (const name of architectureNames()) for (const f of configFieldsOf(loadArchitectureHeader(name))) fields.add(f);
  return [...fields];
}

/** commander's camelCase attribute name for a flag. */
const attrOf = (field: string) => field.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());

export const MODEL_ARGUMENT = "a preset (see 'lmledger presets') or a .json file (a Hugging Face config.json if it has model_type, else an lmledger config)";

/** The flags that set config fields (--d-model, --seq-len, …), --arch and --batch: a model's shape on top of whatever names it. */
export function addFieldOptions(cmd: Command): Command {
  cmd
    .option('--arch <name|file>', `architecture: ${architectureChoices()} (default: the preset's or config's, else the simplest that has every field given)`)
    .option('--batch <B>', 'sequences per forward pass (the symbol B multiplies every FLOP formula)')
    .addOption(
      new Option('--attention <name>', `how work over the T×T square counts: ${ATTENTION_CONVENTIONS.all().map((c) => `${c.name} (${c.title})`).join(', ')}; default dense`)
        .choices(ATTENTION_CONVENTIONS.names()),
    );
  const headers = architectureHeaders();
  for (const field of allConfigFields()) {
    const { placeholder, help } = fieldHelp(field, headers);
    cmd.addOption(new Option(`--${flagName(field)} ${placeholder}`, help));
  }
  return cmd;
}

export function addModelOptions(cmd: Command): Command {
  cmd
    .option('--config <file>', 'a JSON config with the fields below (vocab_size, d_model, …)')
    .option('--hf-config <file>', `a Hugging Face config.json (model_type ${SUPPORTED_MODEL_TYPES.join(', ')})`)
    .option('--name <name>', "the model's name in titles and tables (default: the preset's, the file's name or _name_or_path field, else its stem)");
  return addFieldOptions(cmd);
}

/** Config fields given as flags, by config name. */
export function fieldFlags(opts: Record<string, unknown>): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const field of allConfigFields()) {
    const v = opts[attrOf(field)];
    if (typeof v === 'string') fields[field] = v;
  }
  return fields;
}

/** True when any option that shapes a model (a field flag, --config, --hf-config, --arch, --batch, --name) is given. */
export function hasModelOptions(opts: Record<string, unknown>): boolean {
  return Object.keys(fieldFlags(opts)).length > 0 || ['config', 'hfConfig', 'arch', 'batch', 'name', 'attention'].some((k) => typeof opts[k] === 'string');
}

/** What names a model: a preset, an lmledger config file or a Hugging Face config file. */
export function modelSource(ref: string): ModelSource {
  if (!isModelFile(ref)) return { preset: ref };
  const data = readJsonObject(ref, 'model file');
  if (!isHfConfig(data)) return { configFile: ref };
  const hf = readHfConfig(ref, data);
  return { values: hf.values, label: hf.label, arch: 'decoder', excluded: hf.excluded };
}

/** What names a model when it is not a name on the command line: the library's config objects. */
export type ModelSource = Pick<ModelRequest, 'preset' | 'configFile' | 'values' | 'label' | 'arch' | 'excluded'>;

/**
 * The model a command is about. `ref` is its argument (a preset or a .json file, or a source
 * already read, as the library passes); `fallback` is the preset to start from when nothing
 * names a model (DEFAULT_PRESET unless given).
 */
export function modelFromOptions(ref: string | ModelSource | undefined, opts: Record<string, unknown>, fallback: string = DEFAULT_PRESET): ModelSpec {
  const named = [
    ref === undefined ? undefined : typeof ref === 'string' ? modelSource(ref) : ref,
    typeof opts.config === 'string' ? { configFile: opts.config } : undefined,
    typeof opts.hfConfig === 'string' ? hfSource(opts.hfConfig) : undefined,
  ].filter((x) => x !== undefined);
  if (named.length > 1) throw new UserError('give one of a preset (or a .json file), --config or --hf-config');
  const source = named[0] ?? {};
  return resolveModel({
    ...source,
    ...(typeof opts.arch === 'string' ? { arch: opts.arch } : {}),
    ...(typeof opts.batch === 'string' ? { batch: opts.batch } : {}),
    ...(typeof opts.name === 'string' ? { name: opts.name } : {}),
    ...(typeof opts.attention === 'string' ? { attention: opts.attention } : {}),
    startFrom: fallback,
    fields: fieldFlags(opts),
  });
}

function hfSource(path: string): Pick<ModelRequest, 'values' | 'label' | 'arch' | 'excluded'> {
  const hf = readHfConfig(path);
  return { values: hf.values, label: hf.label, arch: 'decoder', excluded: hf.excluded };
}
