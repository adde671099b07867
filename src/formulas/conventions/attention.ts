// Attention conventions (formulas/conventions/attention.yaml): how many query-key pairs of the
// T×T square the work tagged `causal` counts: T², T(T+1)/2 or T²/2.

import { join } from 'node:path';
import { ExprError, parsePoly } from '../../algebra/parse.js';
import type { Poly } from '../../algebra/poly.js';
import { NamedTable } from '../named.js';
import { FORMULAS_DIR } from '../paths.js';

export interface AttentionConvention {
  name: string;
  title: string;
  /** Query-key pairs per head as a polynomial in T. */
  pairs: Poly;
  pairsText: string;
  means: string;
  source: string;
  default: boolean;
}

/** The symbol the file writes for the sequence length; replaced by the architecture's own. */
export const PAIRS_SYMBOL = 'T';

export const ATTENTION_CONVENTIONS = new NamedTable<AttentionConvention>(
  join(FORMULAS_DIR, 'conventions', 'attention.yaml'),
  'conventions',
  '--attention',
  (c, name, raw) => {
    const o = c.object(raw, ['title', 'pairs', 'means', 'source', 'default'], ['title', 'pairs', 'means', 'source']);
    const text = String(c.at('pairs').expression(o.pairs));
    let pairs: Poly;
    try {
      pairs = parsePoly(text, new Set([PAIRS_SYMBOL]));
    } catch (e) {
      if (e instanceof ExprError) c.at('pairs').fail(e.message);
      throw e;
    }
    if (pairs.degree(PAIRS_SYMBOL) !== 2 || pairs.lowDegree(PAIRS_SYMBOL) < 1)
      c.at('pairs').fail(`'${text}' must be a quadratic in ${PAIRS_SYMBOL} without a constant term (pairs of a T×T square)`);
    return {
      name,
      title: c.at('title').string(o.title),
      pairs,
      pairsText: text,
      means: c.at('means').string(o.means),
      source: c.at('source').string(o.source),
      default: c.at('default').boolean(o.default, false),
    };
  },
);
