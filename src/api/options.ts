// The library's options are the CLI's flags in camelCase ({ seqLen: 16384, numLayers: 24,
// activations: 'cs336' }), checked against the very options the command declares: a name the
// command does not have, or a value outside its choices, is a UserError as on the command line.
// Values become the text commander would have parsed, so each call runs the command's own code.

import { Command, type Option } from 'commander';
import { UserError, didYouMean } from '../errors.js';
import { registerAccount } from '../cli/account.js';
import { registerScale } from '../cli/scale.js';
import { registerStudies } from '../cli/study.js';
import { registerDocuments } from '../cli/documents.js';
import { registerTrain } from '../cli/train.js';
import { registerInfer } from '../cli/infer.js';

/** An option's value: numbers and BigInts are written in digits, lists for repeatable flags. */
export type OptionValue = string | number | bigint | boolean | Array<string | number | bigint>;
export type Options = Record<string, OptionValue | undefined>;

/** What selects the output of a command on the command line: the library returns values instead. */
const PRINTING = new Set(['json', 'csv', 'markdown', 'format', 'output']);

let program: Command | undefined;

function command(name: string): Command {
  if (!program) {
    program = new Command('lmledger');
    for (const register of [registerAccount, registerScale, registerStudies, registerDocuments, registerTrain, registerInfer]) register(program);
  }
  const cmd = program.commands.find((c) => c.name() === name);
  if (!cmd) throw new Error(`no command ${name}`);
  return cmd;
}

const flagOf = (o: Option) => o.long ?? o.short ?? o.name();

/** `given` as the option record commander gives the action of `name`, after the same checks. */
export function cliOptions(name: string, given: Options | undefined, fn = name): Record<string, unknown> {
  if (given !== undefined && (given === null || typeof given !== 'object' || Array.isArray(given)))
    throw new UserError(`${fn}: options must be an object such as { seqLen: 2048 }`);
  const declared = command(name).options.filter((o) => !PRINTING.has(o.attributeName()));
  const byName = new Map(declared.map((o) => [o.attributeName(), o]));
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(given ?? {})) {
    if (value === undefined) continue;
    const o = Object.hasOwn(Object.fromEntries(byName), key) ? byName.get(key) : undefined;
    if (!o) throw new UserError(`${fn}: unknown option '${key}'${didYouMean(key, byName.keys())}; options: ${[...byName.keys()].join(', ')}`);
    out[key] = optionValue(fn, o, value);
  }
  return out;
}

function optionValue(fn: string, o: Option, value: OptionValue): unknown {
  const where = `${fn}: ${o.attributeName()} (${flagOf(o)})`;
  if ((o as Option & { isBoolean(): boolean }).isBoolean()) {
    if (typeof value !== 'boolean') throw new UserError(`${where}: ${JSON.stringify(String(value))} is not allowed; expected true or false`);
    return value || undefined;
  }
  // Repeatable flags (--crossover a=b --crossover c=d) collect a list; the others take one value.
  const repeatable = o.defaultValue === undefined && o.parseArg !== undefined && !o.argChoices;
  const one = (v: unknown): string => {
    if (typeof v === 'bigint' || typeof v === 'string' || typeof v === 'boolean') return String(v);
    if (typeof v === 'number' && Number.isFinite(v)) return String(v);
    throw new UserError(`${where}: ${JSON.stringify(v)} is not allowed; expected text or a number`);
  };
  const values = Array.isArray(value) ? value.map(one) : [one(value)];
  if (!repeatable && values.length !== 1) throw new UserError(`${where}: takes one value, not a list`);
  for (const v of values)
    if (o.argChoices && !o.argChoices.includes(v))
      throw new UserError(`${where}: '${v}' is not allowed${didYouMean(v, o.argChoices)}; use one of ${o.argChoices.join(', ')}`);
  return repeatable ? values : values[0];
}
