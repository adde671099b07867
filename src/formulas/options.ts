// Which of an architecture's options change which counts, found by resolving the file again with
// one option changed and comparing every component's parameters, matmul FLOPs and non-matmul
// FLOPs. Nothing here is typed per option: tying, biases or the feed-forward kind are found to
// matter (or not: a gate bias on a plain GELU MLP changes nothing) from the formulas themselves.

import { Poly } from '../algebra/poly.js';
import type { Architecture, Component, OptionDef, OptionValue } from './architecture.js';
import { nonMatmulOf } from '../ledger/symbolic.js';
import { resolveArchitecture } from './resolve.js';

export interface Counts {
  params: Poly;
  flops: Poly;
  nonMatmul: Poly;
}

export interface OptionEffect {
  option: OptionDef;
  /** The value this model has. */
  value: OptionValue;
  /** The component whose counts the option changes. */
  component: string;
  /** Which of its counts (per occurrence) some other value of the option would change. */
  changes: { params: boolean; flops: boolean; nonMatmul: boolean };
  /** Its counts per occurrence with this model's value and with `other` (the default, or the other of two values). */
  here: Counts;
  other?: { value: OptionValue; counts: Counts };
}

const ZERO: Counts = { params: Poly.ZERO, flops: Poly.ZERO, nonMatmul: Poly.ZERO };
const counts = (c: Component | undefined): Counts => (c ? { params: c.params, flops: c.flops, nonMatmul: nonMatmulOf(c) } : ZERO);

const cache = new WeakMap<Architecture, OptionEffect[]>();

/** Every (option, component) pair where the option's value changes one of the component's counts. */
export function optionEffects(arch: Architecture): OptionEffect[] {
  const hit = cache.get(arch);
  if (hit) return hit;
  const out: OptionEffect[] = [];
  const resolve = (option: OptionDef, value: OptionValue) =>
    resolveArchitecture(arch.base, {
      options: { ...arch.chosen, [option.name]: value },
      defaulted: arch.defaulted.map((s) => s.name),
      batched: arch.batched,
      attention: arch.attention,
    });
  for (const option of arch.base.options) {
    const value = arch.chosen[option.name]!;
    const others = option.values.filter((v) => v !== value);
    // The value to compare with: the default, or the other one of a yes/no option.
    const reference = value !== option.default ? option.default : others.length === 1 ? others[0] : undefined;
    const alternatives = others.map((v) => ({ value: v, arch: resolve(option, v) }));
    const ids = new Set([...arch.components.map((c) => c.id), ...alternatives.flatMap((a) => a.arch.components.map((c) => c.id))]);
    for (const id of ids) {
      const here = counts(arch.components.find((c) => c.id === id));
      const changes = { params: false, flops: false, nonMatmul: false };
      for (const a of alternatives) {
        const there = counts(a.arch.components.find((c) => c.id === id));
        changes.params ||= !there.params.equals(here.params);
        changes.flops ||= !there.flops.equals(here.flops);
        changes.nonMatmul ||= !there.nonMatmul.equals(here.nonMatmul);
      }
      if (!changes.params && !changes.flops && !changes.nonMatmul) continue;
      const ref = alternatives.find((a) => a.value === reference);
      out.push({
        option,
        value,
        component: id,
        changes,
        here,
        ...(ref ? { other: { value: ref.value, counts: counts(ref.arch.components.find((c) => c.id === id)) } } : {}),
      });
    }
  }
  cache.set(arch, out);
  return out;
}

/** The options that change anything at all in this architecture (a gate bias on a GELU MLP does not). */
export function effectiveOptions(arch: Architecture): OptionDef[] {
  const names = new Set(optionEffects(arch).map((e) => e.option.name));
  return arch.base.options.filter((o) => names.has(o.name));
}

/** "tie_embeddings: true". */
export const optionText = (o: OptionDef, v: OptionValue) => `${o.name}: ${String(v)}`;
