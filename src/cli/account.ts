// lmledger account: the full ledger of one model.

import type { Command } from 'commander';
import { account } from '../ledger/account.js';
import { toJson } from '../print/json.js';
import { accountJson } from '../report/account-json.js';
import { accountText } from '../report/account-text.js';
import { addModelOptions, modelFromOptions } from './model-options.js';
import { print } from './output.js';

export function registerAccount(program: Command): void {
  addModelOptions(
    program
      .command('account')
      .argument('[preset]', "a preset name (see 'lmledger presets'); or use --config / flags")
      .description('parameters, weight memory, every forward matmul with its FLOPs, and where the FLOPs go')
      .option('--json', 'print the whole ledger as one JSON document'),
  ).action((preset: string | undefined, opts: Record<string, unknown>) => {
    const a = account(modelFromOptions(preset, opts));
    print(opts.json ? toJson(accountJson(a)) : accountText(a));
  });
}
