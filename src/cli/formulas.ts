// lmledger formulas [arch]: each component's parameter and FLOP formulas, and the totals.

import type { Command } from 'commander';
import { architectureOrPreset } from './target.js';
import { DEFAULT_ARCHITECTURE } from '../model/spec.js';
import { toJson } from '../print/json.js';
import { formulasJson, formulasLatex, formulasText } from '../report/formulas.js';
import { print, printText } from './output.js';

export function registerFormulas(program: Command): void {
  program
    .command('formulas')
    .argument('[arch]', `architecture name, preset name, or path to a .yaml file (default ${DEFAULT_ARCHITECTURE})`)
    .description('symbolic parameters and forward FLOPs of every component, simplified, with per-layer and model totals')
    .option('--latex', 'as a LaTeX align* block')
    .option('--json', 'as JSON (formulas mathjs-parsable and in LaTeX)')
    .action((name: string | undefined, opts: { latex?: boolean; json?: boolean }) => {
      const { arch } = architectureOrPreset(name ?? DEFAULT_ARCHITECTURE);
      if (opts.json) print(toJson(formulasJson(arch)));
      else if (opts.latex) print(formulasLatex(arch));
      else printText(formulasText(arch));
    });
}
