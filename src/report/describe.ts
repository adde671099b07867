// A model's or an architecture's title, built from what is actually set: the file's title, then
// the `titles` phrases of the options that change a count (in the file's order) and of symbols
// such as k (multi-head attention when k = h, grouped-query otherwise). GPT-2's title therefore
// says "multi-head attention ... learned positions ... tied embeddings" and never "grouped-query".

import { Rational } from '../algebra/rational.js';
import type { Architecture } from '../formulas/architecture.js';
import { effectiveOptions } from '../formulas/options.js';
import { listing } from './findings.js';

export function architectureTitle(arch: Architecture, values?: Record<string, bigint>): string {
  const phrases: string[] = [];
  for (const s of arch.base.symbols) {
    if (!s.titles) continue;
    const defaulted = arch.defaulted.some((x) => x.name === s.name);
    // Equal to its default: written as it (not given), or given with the default's value.
    const equal =
      defaulted ||
      (values !== undefined && s.default !== undefined && values[s.name] !== undefined && s.default.evaluate(values).equals(Rational.of(values[s.name]!)));
    const phrase = equal ? s.titles.default : s.titles.other;
    if (phrase) phrases.push(phrase);
  }
  for (const o of effectiveOptions(arch)) {
    const phrase = o.titles[String(arch.chosen[o.name])];
    if (phrase) phrases.push(phrase);
  }
  return phrases.length ? `${arch.title} with ${listing(phrases)}` : arch.title;
}
