// lmledger presets: the preset models, their architecture and source.

import type { Command } from 'commander';
import { presets } from '../model/presets.js';
import { resolveModel } from '../model/spec.js';
import { account } from '../ledger/account.js';
import { digits } from '../print/numbers.js';
import { toJson } from '../print/json.js';
import { table } from '../print/table.js';
import { print } from './output.js';

export function registerPresets(program: Command): void {
  program
    .command('presets')
    .description('list the preset models with their architecture, shape and source')
    .option('--json', 'as JSON')
    .action((opts: { json?: boolean }) => {
      const rows = [...presets().values()].map((p) => {
        const model = resolveModel({ preset: p.name });
        return { preset: p, model, params: account(model).params.total.value };
      });
      if (opts.json) {
        print(
          toJson(
            rows.map((r) => ({
              name: r.preset.name,
              family: r.preset.family,
              architecture: r.preset.architecture,
              config: r.model.config,
              params: r.params,
              source: r.preset.source,
            })),
          ),
        );
        return;
      }
      const out: string[] = [];
      const families = [...new Set(rows.map((r) => r.preset.family))];
      for (const fam of families) {
        const group = rows.filter((r) => r.preset.family === fam);
        const first = group[0]!.preset;
        out.push(`${fam} (architecture ${first.architecture}; ${first.file})`);
        out.push(`  source: ${first.source}`);
        const fields = Object.keys(group[0]!.model.config);
        out.push(
          table(
            [{ header: 'preset' }, ...fields.map((f) => ({ header: f, align: 'right' as const })), { header: 'params', align: 'right' }],
            group.map((r) => [r.preset.name, ...fields.map((f) => digits(r.model.config[f]!)), digits(r.params)]),
          ),
        );
        out.push('');
      }
      print(out.join('\n').trimEnd());
    });
}
