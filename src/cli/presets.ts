// lmledger presets: the preset models by family, with their shape, options, parameter count and
// the published count it is checked against.

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
    .description('list the preset models with their architecture, shape, parameter count and source')
    .option('--json', 'as JSON')
    .action((opts: { json?: boolean }) => {
      const rows = presetRows();
      if (opts.json) {
        print(toJson(presetsJson(rows)));
        return;
      }
      const out: string[] = [];
      for (const fam of [...new Set(rows.map((r) => r.preset.family))]) {
        const group = rows.filter((r) => r.preset.family === fam);
        const first = group[0]!.preset;
        out.push(`${fam} (architecture ${first.architecture}; ${first.file})`);
        out.push(`  source: ${first.familySource}`);
        const fields = [...new Set(group.flatMap((r) => Object.keys(r.model.config)))];
        const published = group.some((r) => r.preset.publishedParams !== undefined);
        const sparse = group.some((r) => r.active !== r.params);
        out.push(
          table(
            [
              { header: 'preset' },
              ...fields.map((f) => ({ header: f, align: 'right' as const })),
              { header: 'options' },
              { header: 'params', align: 'right' },
              ...(published ? [{ header: 'published' }] : []),
              ...(sparse ? [{ header: 'active', align: 'right' as const }, { header: 'published active' }] : []),
            ],
            group.map((r) => [
              r.preset.name,
              ...fields.map((f) => (r.model.config[f] === undefined ? '—' : digits(r.model.config[f]!))),
              r.model.arch.variant || '—',
              digits(r.params),
              ...(published ? [r.preset.publishedParams === undefined ? '' : r.preset.publishedParams === r.params ? 'matches' : `${digits(r.preset.publishedParams)} (differs)`] : []),
              ...(sparse ? [r.active === r.params ? '—' : digits(r.active), r.preset.publishedActive ?? ''] : []),
            ]),
          ),
        );
        out.push('');
      }
      print(out.join('\n').trimEnd());
    });
}

/** Every preset resolved, with its total and active parameter counts. */
function presetRows() {
  return [...presets().values()].map((p) => {
    const model = resolveModel({ preset: p.name });
    const a = account(model);
    return { preset: p, model, params: a.params.total.value, active: a.params.active.value };
  });
}

/** The document `presets --json` prints (and the library's presets() returns). */
export function presetsJson(rows = presetRows()): Array<Record<string, unknown>> {
  return rows.map((r) => ({
    name: r.preset.name,
    family: r.preset.family,
    architecture: r.preset.architecture,
    config: r.model.config,
    options: r.model.arch.chosen,
    params: r.params,
    ...(r.active !== r.params ? { active_params: r.active } : {}),
    ...(r.preset.publishedActive !== undefined ? { published_active: r.preset.publishedActive } : {}),
    ...(r.preset.publishedParams !== undefined
      ? { published_params: r.preset.publishedParams, matches_published: r.preset.publishedParams === r.params }
      : {}),
    source: r.preset.source,
  }));
}
