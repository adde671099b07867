// lmledger scale <quantity> --in <symbol>: derivative, degree, elasticity, crossovers and,
// with --from/--to, the factor and the shares before and after.

import type { Command } from 'commander';
import { UserError } from '../errors.js';
import { DEFAULT_PRESET, parsePositiveInteger } from '../model/spec.js';
import { toJson } from '../print/json.js';
import { scaleJson, scaleText } from '../report/scale.js';
import { scale } from '../scaling/scale.js';
import { addModelOptions, MODEL_ARGUMENT, modelFromOptions } from './model-options.js';
import { print } from './output.js';
import { parseRelation } from '../model/relations.js';

const collect = (v: string, prev: string[] = []) => [...prev, v];

export function registerScale(program: Command): void {
  addModelOptions(
    program
      .command('scale')
      .argument('<quantity>', 'flops, params, a component (attention, ffn, …), flops.<component>, params.<component> or a matmul (attention.scores)')
      .argument('[model]', `${MODEL_ARGUMENT}; or use --config / --hf-config / flags (default ${DEFAULT_PRESET})`)
      .description('how a quantity grows in one symbol: derivative, degree, elasticity, crossovers, factors')
      .requiredOption('--in <symbol>', 'the symbol to differentiate in: L, T, d, f, h, V (or its config name, e.g. seq_len)')
      .option('--per-layer', 'one layer\'s worth instead of the whole model')
      .option('--from <a>', 'with --to: change the symbol from a to b and report factors and shares')
      .option('--to <b>', 'see --from')
      .option('--crossover <a=b>', 'also solve where a equals b (parts or quantities), e.g. attention=ffn; repeatable', collect)
      .option('--hold <symbol>', "keep a symbol fixed that a relation of the preset moves with --in (d_ff: 4*d_model makes f follow d); repeatable", collect)
      .option('--relate <symbol=expr>', 'state a relation to follow, e.g. f=8/3*d (replaces the preset\'s for that symbol); repeatable', collect)
      .option('--json', 'as JSON'),
  ).action((quantity: string, preset: string | undefined, opts: Record<string, unknown>) => {
    const model = modelFromOptions(preset, opts);
    const crossovers = ((opts.crossover as string[] | undefined) ?? []).map((c): [string, string] => {
      const [a, b, ...rest] = c.split('=');
      if (!a || !b || rest.length) throw new UserError(`--crossover: '${c}' is not of the form a=b (e.g. attention=ffn)`);
      return [a.trim(), b.trim()];
    });
    const answer = scale(model, {
      quantity,
      symbol: String(opts.in),
      ...(opts.perLayer ? { perLayer: true } : {}),
      ...(opts.from !== undefined ? { from: parsePositiveInteger('--from', String(opts.from)) } : {}),
      ...(opts.to !== undefined ? { to: parsePositiveInteger('--to', String(opts.to)) } : {}),
      crossovers,
      hold: (opts.hold as string[] | undefined) ?? [],
      relate: ((opts.relate as string[] | undefined) ?? []).map((r) => parseRelation(model.arch, r)),
    });
    print(opts.json ? toJson(scaleJson(answer)) : scaleText(answer));
  });
}
