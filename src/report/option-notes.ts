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
    // Only where this value's count differs from the other's (two norms in a parallel block keep ffn_norm as it is).
    .filter((e) => e.changes[kind] && e.other && e.value !== e.option.default && !e.here[kind].equals(e.other.counts[kind]))
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

export interface UncountedNote {
  option: string;
  value: string;
  /** Non-matmul work this value changes, per occurrence, here and with the reference value. */
  nonMatmul: Array<{ component: string; here: Poly; other: Poly; value: bigint | undefined }>;
  text: string;
}

/**
 * Options away from their defaults that change neither parameters nor matmul FLOPs against the
 * default (ALiBi, partial rotary, a logit scale, two norms in a parallel block): stated, so that a
 * feature with no parameters is seen to change nothing rather than silently ignored. Found from the
 * formulas, as for optionNotes; the non-matmul work they change is named with its count.
 */
export function uncountedNotes(arch: Architecture, f: FormulaPrinter, values: Record<string, bigint>): UncountedNote[] {
  const effects = optionEffects(arch);
  const out: UncountedNote[] = [];
  const known = (p: Poly) => [...p.symbols()].every((s) => values[s] !== undefined);
  for (const option of arch.base.options) {
    const value = arch.chosen[option.name]!;
    if (value === option.default) continue;
    const mine = effects.filter((e) => e.option.name === option.name && e.other);
    if (mine.some((e) => !e.here.params.equals(e.other!.counts.params) || !e.here.flops.equals(e.other!.counts.flops))) continue;
    const other = optionText(option, option.default);
    const nonMatmul = mine
      .filter((e) => !e.here.nonMatmul.equals(e.other!.counts.nonMatmul))
      .map((e) => ({ component: e.component, here: e.here.nonMatmul, other: e.other!.counts.nonMatmul, value: known(e.here.nonMatmul) ? e.here.nonMatmul.evaluate(values).toBigInt() : undefined }));
    const per = (id: string) => ((arch.components.find((c) => c.id === id) ?? arch.base.components.find((c) => c.id === id))?.scope === 'layer' ? ' per layer' : '');
    const work = nonMatmul.length
      ? `; it changes only non-matmul work: ${nonMatmul.map((n) => `${n.component} ${f.text(n.here)}${n.value === undefined ? '' : ` = ${digits(n.value)}`} FLOPs${per(n.component)} (with ${other}: ${f.text(n.other)})`).join(', ')}`
      : '';
    const title = option.titles[String(value)];
    out.push({
      option: option.name,
      value: String(value),
      nonMatmul,
      text: `${optionText(option, value)}${title ? ` (${title})` : ''} changes neither the parameters nor the matmul FLOPs against ${other}${work}`,
    });
  }
  return out;
}
