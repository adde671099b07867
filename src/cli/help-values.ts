// What --help says an option takes, derived from the data that defines the allowed values
// (formulas/architectures for the config fields and options, formulas/hardware for the
// accelerators), so a value added to a file shows in every command's help without a second list.

import { accelerators } from '../formulas/hardware.js';
import { architectureNames, loadArchitectureHeader, type ArchitectureHeader } from '../formulas/load.js';

/** "a | b | c": how help lists a fixed set of values. */
export const oneOf = (values: readonly unknown[]): string => values.map(String).join(' | ');

/** The accelerators of formulas/hardware, for every --hardware. */
export function hardwareChoices(): string {
  return `one of ${oneOf(accelerators().map((a) => a.name))}`;
}

/** The architectures of formulas/architectures, for --arch. */
export function architectureChoices(): string {
  return `${oneOf(architectureNames())}, or a .yaml file`;
}

/** Every symbol some architecture declares (L, T, d, …), for options that take a symbol. */
export function symbolChoices(): string {
  const names = new Set(architectureNames().flatMap((n) => loadArchitectureHeader(n).symbols.map((s) => s.name)));
  return oneOf([...names]);
}

/** Each architecture of formulas/architectures by name, with its header: read once for all the flags' help. */
export type ArchitectureHeaders = Array<{ n: string; f: ArchitectureHeader }>;
export const architectureHeaders = (): ArchitectureHeaders => architectureNames().map((n) => ({ n, f: loadArchitectureHeader(n) }));

export interface FieldHelp {
  /** The value placeholder: <n> for a size, <value> for an option. */
  placeholder: string;
  help: string;
}

/**
 * Help for the flag of a config field: a symbol's name and meaning (the first architecture that
 * declares it), or an option's values and default. Architectures that lack it are named.
 */
export function fieldHelp(field: string, files: ArchitectureHeaders = architectureHeaders()): FieldHelp {
  const has = files.filter(({ f }) => f.symbols.some((s) => s.config === field || s.defaultFrom === field) || f.options.some((o) => o.name === field));
  const only = has.length < files.length ? ` (${has.map((x) => x.n).join(', ')})` : '';
  for (const { f } of files) {
    const option = f.options.find((o) => o.name === field);
    if (option) return { placeholder: '<value>', help: `${oneOf(option.values)} (default ${String(option.default)}): ${option.meaning}${only}` };
  }
  for (const { f } of files) {
    const symbol = f.symbols.find((s) => s.config === field);
    if (symbol) return { placeholder: '<n>', help: `${symbol.name}: ${symbol.meaning}${only}` };
  }
  return { placeholder: '<n>', help: `${field}, a positive integer${only}` };
}
