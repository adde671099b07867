// lmledger check: the structural count of a model beside its formulas, so a user can see the
// proof for their own model. Exit code 1 if they ever disagree (a bug, not a user error).

import type { Command } from 'commander';
import { account } from '../ledger/account.js';
import { structure, structureFlops, structureParams, type Structure } from '../check/structure.js';
import { digits } from '../print/numbers.js';
import { toJson } from '../print/json.js';
import { table } from '../print/table.js';
import { productText, shapeText } from '../print/shape.js';
import { addModelOptions, MODEL_ARGUMENT, modelFromOptions } from './model-options.js';
import { DEFAULT_PRESET } from '../model/spec.js';
import { print, printText } from './output.js';

export function registerCheck(program: Command): void {
  addModelOptions(
    program
      .command('check')
      .argument('[model]', `${MODEL_ARGUMENT}; or use --config / --hf-config / flags (default ${DEFAULT_PRESET})`)
      .description("an independent structural count of the model's tensors and matmuls (a second counter, in TypeScript, that never reads formulas/) beside the formulas' totals")
      .option('--json', 'as JSON'),
  ).action((preset: string | undefined, opts: Record<string, unknown>) => {
    const model = modelFromOptions(preset, opts);
    const a = account(model);
    const s: Structure = structure(model);
    const rows = [
      { what: 'parameters', formulas: a.params.total.value, structure: structureParams(s) },
      { what: 'forward matmul FLOPs', formulas: a.flops.total.value, structure: structureFlops(s) },
    ];
    const ok = rows.every((r) => r.formulas === r.structure);
    if (opts.json) {
      print(
        toJson({
          model: { name: model.label, ...(model.origin ? { origin: model.origin } : {}), architecture: model.arch.id, config: model.config, options: model.arch.chosen, batch: model.batch },
          // Parts of the checkpoint neither count covers (a vision tower): empty when whole.
          excluded: model.excluded.map((e) => ({ part: e.part, what: e.what })),
          tensors: s.tensors.map((t) => ({ name: t.name, shape: t.shape, count: t.count })),
          matmuls: s.matmuls.map((m) => ({ name: m.name, left: m.left, right: m.right, count: m.count })),
          comparison: rows.map((r) => ({ quantity: r.what, formulas: r.formulas, structure: r.structure, match: r.formulas === r.structure })),
          match: ok,
        }),
      );
    } else {
      const out: string[] = [];
      out.push(`${model.label} (architecture ${model.arch.id}${model.arch.variant ? `; ${model.arch.variant}` : ''})`);
      if (model.origin) out.push(`  (${model.origin})`);
      for (const e of model.excluded) out.push(`  left out of both counts: ${e.part}, ${e.what}`);
      out.push(
        "Structure: an independent count of the model's tensors and matmuls. A second counter (src/check/structure.ts, in TypeScript, not PyTorch)",
        'builds one block the way a PyTorch module lays it out, from the plain config numbers, without formulas/ or the polynomial engine.',
        '',
      );
      out.push(
        table(
          [{ header: 'tensor' }, { header: 'shape' }, { header: '×', align: 'right' }, { header: 'parameters', align: 'right' }],
          s.tensors.map((t) => [t.name, shapeText(t.shape), digits(t.count), digits(t.count * t.shape.reduce((x, y) => x * y, 1n))]),
        ),
        '',
      );
      out.push(
        table(
          [{ header: 'matmul' }, { header: 'shape' }, { header: 'runs', align: 'right' }, { header: 'FLOPs', align: 'right' }],
          s.matmuls.map((op) => [
            op.name,
            productText(op.left, op.right),
            digits(op.count),
            digits(s.batch * op.count * 2n * op.left[0] * op.left[1] * op.right[1]),
          ]),
        ),
        '',
      );
      out.push(
        table(
          [{ header: '' }, { header: 'formulas', align: 'right' }, { header: 'structure', align: 'right' }, { header: '' }],
          rows.map((r) => [r.what, digits(r.formulas), digits(r.structure), r.formulas === r.structure ? 'match' : 'MISMATCH']),
        ),
      );
      printText(out.join('\n'));
    }
    if (!ok) process.exitCode = 1;
  });
}
