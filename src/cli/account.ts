// lmledger account: the full ledger of one model.

import type { Command } from 'commander';
import { account } from '../ledger/account.js';
import { toJson } from '../print/json.js';
import { accountJson } from '../report/account-json.js';
import { accountText } from '../report/account-text.js';
import { addModelOptions, MODEL_ARGUMENT, modelFromOptions } from './model-options.js';
import { DEFAULT_PRESET } from '../model/spec.js';
import { print, printText } from './output.js';

export function registerAccount(program: Command): void {
  addModelOptions(
    program
      .command('account')
      .argument('[model]', `${MODEL_ARGUMENT}; or use --config / --hf-config / flags (default ${DEFAULT_PRESET})`)
      .description('parameters, weight memory, every forward matmul with its FLOPs, and where the FLOPs go')
      .option('--json', 'print the whole ledger as one JSON document'),
  ).action((preset: string | undefined, opts: Record<string, unknown>) => {
    const a = account(modelFromOptions(preset, opts));
    if (opts.json) print(toJson(accountJson(a)));
    else printText(accountText(a));
  });
}
