// Options stated where the counts they change are shown: for each component, the options that
// change its parameters (or its FLOPs), and for options away from their default (tying, biases,
// a plain MLP) what they change, as a formula and a number computed from the formulas:
// "lm_head: tie_embeddings: true (tied embeddings): 0 parameters of its own; untied, dV = 38,597,376".

import type { Poly } from '../algebra/poly.js';
import { optionEffects, optionText, type OptionEffect } from '../formulas/options.js';
import type { Architecture } from '../formulas/architecture.js';
import type { FormulaPrinter } from '../print/formula.js';
import { digits } from '../print/numbers.js';

export type CountKind = 'params' | 'flops';

/** The options that change this component's count of this kind ("tie_embeddings: true"), in file order. */
export function optionsOf(arch: Architecture, component: string, kind: CountKind): string[] {
  return optionEffects(arch)
    .filter((e) => e.component === component && e.changes[kind])
    .map((e) => optionText(e.option, e.value));
}

/** The title phrases of the options that change this component's count ("tied embeddings"). */
export function optionTitlesOf(arch: Architecture, component: string, kind: CountKind): string[] {
  return optionEffects(arch)
    .filter((e) => e.component === component && e.changes[kind])
    .map((e) => e.option.titles[String(e.value)])
    .filter((t): t is string => t !== undefined);
}

/** True when some component's count of this kind depends on an option (the column is worth showing). */
export function hasOptions(arch: Architecture, kind: CountKind): boolean {
  return optionEffects(arch).some((e) => e.changes[kind]);
}

export interface OptionNote {
  component: string;
  effect: OptionEffect;
  /** One occurrence's count with this model's value and with the other value. */
  here: Poly;
  other: Poly;
  text: string;
}

/**
 * Sentences for the options away from their defaults that change counts of this kind: the count
 * with this model's value and with the default, per occurrence, each as formula = number.
 */
export function optionNotes(arch: Architecture, kind: CountKind, f: FormulaPrinter, values: Record<string, bigint>): OptionNote[] {
  const noun = kind === 'params' ? 'parameters' : 'matmul FLOPs';
  return optionEffects(arch)
    .filter((e) => e.changes[kind] && e.other && e.value !== e.option.default)
    .map((e) => {
      const here = e.here[kind];
      const other = e.other!.counts[kind];
      const scope = arch.components.find((c) => c.id === e.component)?.scope ?? arch.base.components.find((c) => c.id === e.component)?.scope;
      const per = scope === 'layer' ? ' per layer' : '';
      // The other value may need a symbol this model has no value for: then the formula alone.
      const known = (p: Poly) => [...p.symbols()].every((s) => values[s] !== undefined);
      const count = (p: Poly) => (p.isZero() ? '0' : known(p) ? `${f.text(p)} = ${digits(p.evaluate(values).toBigInt())}` : f.text(p));
      const title = e.option.titles[String(e.value)];
      const otherTitle = e.option.titles[String(e.other!.value)];
      const own = kind === 'params' && here.isZero() ? `0 ${noun} of its own` : `${count(here)} ${noun}${per}`;
      const text =
        `${e.component}: ${optionText(e.option, e.value)}${title ? ` (${title})` : ''} gives it ${own}; ` +
        `with ${optionText(e.option, e.other!.value)}${otherTitle ? ` (${otherTitle})` : ''} it would have ${count(other)}${other.isZero() ? ` ${noun}` : ''}`;
      return { component: e.component, effect: e, here, other, text };
    });
}
