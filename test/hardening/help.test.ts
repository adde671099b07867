// --help lists the allowed values of every option that takes a fixed set (issue 8 item 10): for
// every command, each such option's help shows every value. The expected values are read here
// from the data files themselves with js-yaml (formulas/architectures options, conventions,
// optimizers, precision policies, hardware devices, problems), not through lmledger's loaders.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { load } from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { PEAK_DTYPES } from '../../src/formulas/hardware.js';
import { DTYPES } from '../../src/ledger/dtypes.js';
import { cli, ROOT } from '../helpers/cli.js';

const F = join(ROOT, 'formulas');
const yaml = (path: string): any => load(readFileSync(join(F, path), 'utf8'));
const keysOf = (path: string, key: string): string[] => Object.keys(yaml(path)[key]);
const yamlFiles = (dir: string) => readdirSync(join(F, dir)).filter((f) => f.endsWith('.yaml'));

const archFiles = yamlFiles('architectures');
const archOptions = new Map<string, string[]>();
const symbols = new Set<string>();
for (const f of archFiles) {
  const a = yaml(`architectures/${f}`);
  for (const [name, o] of Object.entries<any>(a.options ?? {})) archOptions.set(`--${name.replace(/_/g, '-')}`, o.values.map(String));
  for (const s of Object.keys(a.symbols)) symbols.add(s);
}

/** Flag -> the values its help must list (for --dtype: by command, below). */
const FIXED: Record<string, string[]> = {
  ...Object.fromEntries(archOptions),
  '--activations': keysOf('conventions/activations.yaml', 'conventions'),
  '--attention': keysOf('conventions/attention.yaml', 'conventions'),
  '--optimizer': keysOf('training/optimizers.yaml', 'optimizers'),
  '--precision': keysOf('training/precision.yaml', 'policies'),
  '--hardware': yamlFiles('hardware').flatMap((f) => Object.keys(yaml(`hardware/${f}`).devices)),
  '--problem': keysOf('problems/problems.yaml', 'problems'),
  '--arch': archFiles.map((f) => f.replace(/\.yaml$/, '')),
  '--format': ['html', 'md', 'tex'],
  '--recompute': ['none', 'selective', 'full'],
  '--kv-dtype': DTYPES.map((d) => d.name),
  '--compute-dtype': [...PEAK_DTYPES],
  '--in': [...symbols],
};
// train's --dtype picks a peak of the accelerator; infer's and scale's are the weights' storage.
// answer's serves both kinds of problem, so it lists both.
const DTYPE_BY_COMMAND: Record<string, string[]> = {
  train: [...PEAK_DTYPES],
  answer: [...PEAK_DTYPES, ...DTYPES.map((d) => d.name)],
  infer: DTYPES.map((d) => d.name),
  scale: DTYPES.map((d) => d.name),
};

const COMMANDS = [...cli(['--help']).stdout.matchAll(/^ {2}([a-z]+) /gm)].map((m) => m[1]!).filter((c) => c !== 'help');

/** The help of each option of a command: flag -> its text (placeholder and description, lines joined). */
function optionHelp(command: string): Map<string, string> {
  const text = cli([command, '--help']).stdout;
  const options = text.slice(text.indexOf('\nOptions:\n'));
  const out = new Map<string, string>();
  let flag: string | undefined;
  for (const line of options.split('\n').slice(2)) {
    const m = /^ {2}(?:-\w, )?(--[\w-]+)(.*)$/.exec(line);
    if (m) out.set((flag = m[1]!), m[2]!.trim());
    else if (flag && /^\s{4,}\S/.test(line)) out.set(flag, `${out.get(flag)} ${line.trim()}`);
  }
  return out;
}

describe('--help lists the allowed values of every option with a fixed set', () => {
  const seen = new Set<string>();

  it('finds the commands', () => expect(COMMANDS).toEqual(expect.arrayContaining(['account', 'answer', 'sheet', 'scale', 'sweep', 'compare', 'train', 'infer', 'check', 'formulas', 'presets', 'hardware'])));

  it.each(COMMANDS)('lmledger %s --help', (command) => {
    const help = optionHelp(command);
    expect(help.size).toBeGreaterThan(0);
    for (const [flag, text] of help) {
      const values = flag === '--dtype' ? DTYPE_BY_COMMAND[command] : FIXED[flag];
      if (!values) continue;
      seen.add(flag);
      // Each value as a whole word (quoted by commander's choices or listed with | or ,).
      for (const v of values) expect(text, `${command} ${flag}`).toMatch(new RegExp(`(^|[\\s"(,|])${v.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}($|[\\s",)|;])`));
      // An option of the architecture is not a number.
      if (archOptions.has(flag)) expect(text, `${command} ${flag}`).not.toMatch(/^<n>/);
    }
    if (command === 'sweep' || command === 'answer' || command === 'account') expect([...help.keys()]).toEqual(expect.arrayContaining(['--norm', '--ffn', '--attention']));
  });

  it('every option with a fixed set was found in some command', () => {
    // Runs after the per-command cases (vitest runs a file's tests in order).
    for (const flag of [...Object.keys(FIXED), '--dtype']) expect(seen, flag).toContain(flag);
  });
});
