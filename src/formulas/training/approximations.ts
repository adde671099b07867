// Published approximations of training FLOPs (formulas/training/approximations.yaml), written in
// the paper's symbols and mapped onto a model's own: a Poly that can be compared exactly.

import { join } from 'node:path';
import { ExprError, parsePoly } from '../../algebra/parse.js';
import type { Poly } from '../../algebra/poly.js';
import { NamedTable } from '../named.js';
import { FORMULAS_DIR } from '../paths.js';

export interface Approximation {
  name: string;
  title: string;
  formulaText: string;
  /** The formula over the paper's symbols (N, D and those of `symbols`). */
  formula: Poly;
  /** Paper symbol -> config field. */
  symbols: Record<string, string>;
  /** Config field -> expression of other config fields, for architectures without the field. */
  fallback: Record<string, string>;
  /** Components left out of N. */
  exclude: string[];
  /** Name the difference component by component (for a formula in N·D alone). */
  perComponent: boolean;
  source: string;
  counts: string;
}

export const APPROXIMATIONS = new NamedTable<Approximation>(
  join(FORMULAS_DIR, 'training', 'approximations.yaml'),
  'approximations',
  'approximation',
  (r, name, raw) => {
    const o = r.object(raw, ['title', 'formula', 'symbols', 'fallback', 'exclude', 'per_component', 'source', 'counts'], ['title', 'formula', 'source', 'counts']);
    const symbols: Record<string, string> = {};
    for (const [k, v] of Object.entries(r.at('symbols').map(o.symbols))) symbols[r.at('symbols').identifier(k)] = r.at('symbols').at(k).string(v);
    const fallback: Record<string, string> = {};
    for (const [k, v] of Object.entries(r.at('fallback').map(o.fallback))) fallback[r.at('fallback').identifier(k)] = r.at('fallback').at(k).string(v);
    const text = r.at('formula').string(o.formula);
    let formula: Poly;
    try {
      formula = parsePoly(text, new Set(['N', 'D', ...Object.keys(symbols)]));
    } catch (e) {
      if (e instanceof ExprError) r.at('formula').fail(e.message);
      throw e;
    }
    return {
      name,
      title: r.at('title').string(o.title),
      formulaText: text,
      formula,
      symbols,
      fallback,
      exclude: o.exclude === undefined ? [] : r.at('exclude').list(o.exclude).map((x, i) => r.at('exclude').at(String(i)).string(x)),
      perComponent: r.at('per_component').boolean(o.per_component, false),
      source: r.at('source').string(o.source),
      counts: r.at('counts').string(o.counts),
    };
  },
  [],
  false,
);
