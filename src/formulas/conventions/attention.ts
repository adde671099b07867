// Attention conventions (formulas/conventions/attention.yaml): how many query-key pairs of the
// T×T square the work tagged `causal` counts: T², T(T+1)/2 or T²/2.

import { join } from 'node:path';
import { ExprError, parsePoly } from '../../algebra/parse.js';
import { Poly } from '../../algebra/poly.js';
import { NamedTable } from '../named.js';
import { FORMULAS_DIR } from '../paths.js';

export interface AttentionConvention {
  name: string;
  title: string;
  /** Query-key pairs per head as a polynomial in T. */
  pairs: Poly;
  pairsText: string;
  /** Query-key pairs per head of a sliding window of W keys (T ≥ W), a polynomial in T and W; equal to pairs at W = T. */
  windowPairs: Poly;
  windowPairsText: string;
  means: string;
  source: string;
  default: boolean;
}

/** The symbol the file writes for the sequence length; replaced by the architecture's own. */
export const PAIRS_SYMBOL = 'T';
/** The symbol window_pairs writes for the window; replaced by the architecture's own. */
export const WINDOW_SYMBOL = 'W';

export const ATTENTION_CONVENTIONS = new NamedTable<AttentionConvention>(
  join(FORMULAS_DIR, 'conventions', 'attention.yaml'),
  'conventions',
  '--attention',
  (c, name, raw) => {
    const o = c.object(raw, ['title', 'pairs', 'window_pairs', 'means', 'source', 'default'], ['title', 'pairs', 'window_pairs', 'means', 'source']);
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
    const windowText = String(c.at('window_pairs').expression(o.window_pairs));
    let windowPairs: Poly;
    try {
      windowPairs = parsePoly(windowText, new Set([PAIRS_SYMBOL, WINDOW_SYMBOL]));
    } catch (e) {
      if (e instanceof ExprError) c.at('window_pairs').fail(e.message);
      throw e;
    }
    // At W = T the window is the whole sequence: the count must be the convention's own.
    if (!windowPairs.substitute(WINDOW_SYMBOL, Poly.symbol(PAIRS_SYMBOL)).equals(pairs))
      c.at('window_pairs').fail(`'${windowText}' at ${WINDOW_SYMBOL} = ${PAIRS_SYMBOL} is not pairs (${text}); a window as long as the sequence must count as global attention`);
    if (windowPairs.degree(PAIRS_SYMBOL) !== 1 || windowPairs.lowDegree(WINDOW_SYMBOL) < 1)
      c.at('window_pairs').fail(`'${windowText}' must be linear in ${PAIRS_SYMBOL} and carry ${WINDOW_SYMBOL} in every term (pairs of a band of width ${WINDOW_SYMBOL})`);
    return {
      name,
      title: c.at('title').string(o.title),
      pairs,
      pairsText: text,
      windowPairs,
      windowPairsText: windowText,
      means: c.at('means').string(o.means),
      source: c.at('source').string(o.source),
      default: c.at('default').boolean(o.default, false),
    };
  },
);
