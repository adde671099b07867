// Resolving an architecture file for one model: keep the entries whose `when` conditions hold
// for the chosen options, write defaulted symbols as their expressions (a -> d/h when head_dim
// is not given), and keep only the symbols still in use. The result is an ordinary
// Architecture, so nothing downstream knows about options.

import { Poly } from '../algebra/poly.js';
import { UserError, didYouMean, quote } from '../errors.js';
import { asciiStyle } from '../print/ascii.js';
import { renderPoly } from '../print/render.js';
import { ATTENTION_CONVENTIONS, PAIRS_SYMBOL, WINDOW_SYMBOL, type AttentionConvention } from './conventions/attention.js';
import { BATCH_SYMBOL, SEQ_FIELD, WINDOW_FIELD, type Matmul, type Architecture, type ArchitectureFile, type Component, type Condition, type OptionValue, type SymbolDef } from './architecture.js';

export interface Choice {
  /** Option values; options not named take their defaults. */
  options?: Record<string, OptionValue>;
  /** Names of symbols whose config field was not given: written as their default expression. */
  defaulted?: string[];
  /** A batch was given: every matmul and non-matmul op runs B times (the symbol B joins the formulas). */
  batched?: boolean;
  /** How work over the T×T square is counted (default: the file's default, dense). */
  attention?: AttentionConvention;
}

const cache = new WeakMap<ArchitectureFile, Map<string, Architecture>>();

interface Substitutions {
  poly: WeakMap<Poly, Poly>;
  /** By source Poly and its text as written (one Poly object may be written more than one way). */
  text: WeakMap<Poly, Map<string, { poly: Poly; text: string }>>;
}
const substituted = new WeakMap<ArchitectureFile, Map<string, Substitutions>>();

/** The memo of default substitutions for one file and one set of defaulted symbols. */
function substitutions(file: ArchitectureFile, defaulted: SymbolDef[]): Substitutions {
  const key = defaulted.map((s) => s.name).sort().join(',');
  const byKey = substituted.get(file) ?? new Map<string, Substitutions>();
  substituted.set(file, byKey);
  const hit = byKey.get(key);
  if (hit) return hit;
  const made: Substitutions = { poly: new WeakMap(), text: new WeakMap() };
  byKey.set(key, made);
  return made;
}

export function resolveArchitecture(file: ArchitectureFile, choice: Choice): Architecture {
  const chosen: Record<string, OptionValue> = Object.fromEntries(file.options.map((o) => [o.name, o.default]));
  for (const [name, value] of Object.entries(choice.options ?? {})) {
    const opt = file.options.find((o) => o.name === name);
    if (!opt) throw new UserError(`${name}: ${file.id} has no such option${didYouMean(name, file.options.map((o) => o.name))}`);
    if (!opt.values.includes(value))
      throw new UserError(`${name}: ${quote(value)} is not allowed; use one of ${opt.values.map((v) => JSON.stringify(v)).join(', ')}`);
    chosen[name] = value;
  }
  const defaulted = file.symbols.filter((s) => choice.defaulted?.includes(s.name));
  for (const s of defaulted) if (!s.default) throw new Error(`symbol ${s.name} has no default expression`);

  const batched = choice.batched === true;
  const attention = choice.attention ?? ATTENTION_CONVENTIONS.get(undefined);
  const key = JSON.stringify([chosen, defaulted.map((s) => s.name).sort(), batched, attention.name]);
  const byKey = cache.get(file) ?? new Map<string, Architecture>();
  cache.set(file, byKey);
  const hit = byKey.get(key);
  if (hit) return hit;

  const holds = (c: Condition | undefined) => !c || Object.entries(c).every(([name, values]) => values.includes(chosen[name]!));
  const order = file.symbols.map((s) => s.name);
  // Substituting defaults is most of a resolution's cost; resolutions of one file with the same
  // defaulted symbols (other options: optionEffects resolves one per option value) share the results.
  const memo = substitutions(file, defaulted);
  const subst = (p: Poly): Poly => {
    const hit = memo.poly.get(p);
    if (hit) return hit;
    let out = p;
    // Defaults may refer to other defaulted symbols; a chain is at most as long as the list.
    for (let i = 0; i <= defaulted.length && [...out.symbols()].some((s) => defaulted.some((d) => d.name === s)); i++)
      for (const s of defaulted) out = out.substitute(s.name, s.default!);
    memo.poly.set(p, out);
    return out;
  };
  const changed = (p: Poly, text: string) => {
    const texts = memo.text.get(p) ?? new Map<string, { poly: Poly; text: string }>();
    memo.text.set(p, texts);
    const hit = texts.get(text);
    if (hit) return hit;
    const q = subst(p);
    const out = { poly: q, text: q.equals(p) ? text : renderPoly(q, asciiStyle, { order }) };
    texts.set(text, out);
    return out;
  };
  // Work over the T×T square tagged `causal` counts the convention's pairs instead of T².
  const seq = file.symbols.find((s) => s.config === SEQ_FIELD)?.name;
  const Tsq = seq ? Poly.symbol(seq).pow(2) : undefined;
  const pairs = seq ? attention.pairs.substitute(PAIRS_SYMBOL, Poly.symbol(seq)) : undefined;
  // Work over a sliding window tagged `window` counts the convention's window_pairs instead of T·W.
  const win = file.symbols.find((s) => s.config === WINDOW_FIELD)?.name;
  const TW = seq && win ? Poly.symbol(seq).mul(Poly.symbol(win)) : undefined;
  const windowPairs = seq && win ? attention.windowPairs.substitute(PAIRS_SYMBOL, Poly.symbol('__T')).substitute(WINDOW_SYMBOL, Poly.symbol(win)).substitute('__T', Poly.symbol(seq)) : undefined;
  const counted = (p: Poly, causal: boolean, window = false) =>
    causal && pairs && Tsq ? p.mul(pairs).div(Tsq) : window && windowPairs && TW ? p.mul(windowPairs).div(TW) : p;
  // Work done once per sequence runs B times in a batch.
  const B = Poly.symbol(BATCH_SYMBOL.name);
  const perBatch = (p: { poly: Poly; text: string }) =>
    batched ? { poly: B.mul(p.poly), text: renderPoly(B.mul(p.poly), asciiStyle, { order: [BATCH_SYMBOL.name, ...order] }) } : p;

  const components: Component[] = file.components.filter((c) => holds(c.when)).map((c) => {
    const weights = c.weights.filter((w) => holds(w.when)).map((w) => {
      const dims = w.dims.map((d, i) => changed(d, w.dimsText[i]!));
      const active = changed(w.active, w.activeText);
      return { ...w, dims: dims.map((d) => d.poly), dimsText: dims.map((d) => d.text), params: subst(w.params), active: active.poly, activeText: active.text };
    });
    const resolveMatmul = (m: Matmul): Matmul => {
      const [l0, l1, r0, r1] = [changed(m.left[0], m.leftText[0]), changed(m.left[1], m.leftText[1]), changed(m.right[0], m.rightText[0]), changed(m.right[1], m.rightText[1])];
      const times = perBatch(changed(m.times, m.timesText));
      return {
        ...m,
        left: [l0.poly, l1.poly] as [Poly, Poly],
        right: [r0.poly, r1.poly] as [Poly, Poly],
        leftText: [l0.text, l1.text] as [string, string],
        rightText: [r0.text, r1.text] as [string, string],
        times: times.poly,
        timesText: times.text,
        flops: counted(batched ? B.mul(subst(m.flops)) : subst(m.flops), m.causal, m.window),
      };
    };
    const matmuls = c.matmuls.filter((m) => holds(m.when)).map(resolveMatmul);
    const decodeMatmuls = c.decodeMatmuls?.filter((m) => holds(m.when)).map(resolveMatmul);
    const nonMatmul = c.nonMatmul.filter((n) => holds(n.when)).map((n) => {
      const f = perBatch(changed(n.flops, n.flopsText));
      const poly = counted(f.poly, n.causal, n.window);
      return { ...n, flops: poly, flopsText: poly.equals(f.poly) ? f.text : renderPoly(poly, asciiStyle, { order: [BATCH_SYMBOL.name, ...order] }) };
    });
    const activations = c.activations.filter((t) => holds(t.when)).map((t) => {
      const dims = t.dims.map((d, i) => changed(d, t.dimsText[i]!));
      const elements = subst(t.elements);
      return { ...t, dims: dims.map((d) => d.poly), dimsText: dims.map((d) => d.text), elements: batched ? B.mul(elements) : elements };
    });
    const cache = c.cache.filter((e) => holds(e.when)).map((e) => {
      const dims = e.dims.map((d, i) => changed(d, e.dimsText[i]!));
      return { ...e, dims: dims.map((d) => d.poly), dimsText: dims.map((d) => d.text), elements: subst(e.elements) };
    });
    const layers = c.layers?.find((x) => holds(x.when));
    return {
      ...c,
      occurs: c.scope === 'model' ? Poly.ONE : layers ? subst(layers.count) : Poly.symbol(file.layers),
      weights,
      matmuls,
      nonMatmul,
      activations,
      cache,
      ...(decodeMatmuls ? { decodeMatmuls } : {}),
      params: weights.reduce((p, w) => p.add(w.params), Poly.ZERO),
      activeParams: weights.reduce((p, w) => p.add(w.params.mul(w.active)), Poly.ZERO),
      flops: matmuls.reduce((p, m) => p.add(m.flops), Poly.ZERO),
    };
  // A component in no layer (the dense feed-forward of a model whose every layer is sparse) is gone.
  }).filter((c) => !c.occurs.isZero() && c.weights.length + c.matmuls.length + c.nonMatmul.length + c.activations.length > 0);

  // Symbols still in use (the layer count always is: totals are collected by it).
  const used = new Set<string>([file.layers]);
  for (const c of components) {
    for (const w of c.weights) for (const d of [...w.dims, w.active]) for (const s of d.symbols()) used.add(s);
    for (const m of [...c.matmuls, ...(c.decodeMatmuls ?? [])]) for (const p of [...m.left, ...m.right, m.times]) for (const s of p.symbols()) used.add(s);
    for (const n of c.nonMatmul) for (const s of n.flops.symbols()) used.add(s);
    for (const t of c.activations) for (const s of t.elements.symbols()) used.add(s);
    for (const e of c.cache) for (const s of e.elements.symbols()) used.add(s);
    for (const s of c.occurs.symbols()) used.add(s);
  }
  const symbols: SymbolDef[] = [...(batched ? [BATCH_SYMBOL] : []), ...file.symbols.filter((s) => used.has(s.name))];
  const variant = file.options.filter((o) => chosen[o.name] !== o.default).map((o) => `${o.name}=${chosen[o.name]}`).join(', ');
  const raw = rawUsed(file, holds);
  const arch: Architecture = {
    ...file,
    symbols,
    constraints: file.constraints.filter((c) => used.has(c.left) && used.has(c.right)),
    components,
    chosen,
    // Only the defaults this model's parts use: latent attention has no head_dim to default.
    defaulted: defaulted.filter((d) => raw.has(d.name)),
    variant,
    batched,
    attention,
    base: file,
  };
  byKey.set(key, arch);
  return arch;
}

/** Symbols the entries that hold refer to, before any default is substituted. */
function rawUsed(file: ArchitectureFile, holds: (c: Condition | undefined) => boolean): Set<string> {
  const used = new Set<string>();
  const add = (p: Poly) => {
    for (const s of p.symbols()) used.add(s);
  };
  for (const c of file.components.filter((x) => holds(x.when))) {
    for (const w of c.weights.filter((x) => holds(x.when))) [...w.dims, w.active].forEach(add);
    for (const m of [...c.matmuls, ...(c.decodeMatmuls ?? [])].filter((x) => holds(x.when))) [...m.left, ...m.right, m.times].forEach(add);
    for (const n of c.nonMatmul.filter((x) => holds(x.when))) add(n.flops);
    for (const t of c.activations.filter((x) => holds(x.when))) add(t.elements);
    for (const e of c.cache.filter((x) => holds(x.when))) add(e.elements);
    const layers = c.layers?.find((x) => holds(x.when));
    if (layers) add(layers.count);
  }
  // A default may be written in terms of another defaulted symbol (a chain): those count too.
  for (let changed = true; changed; ) {
    changed = false;
    for (const s of file.symbols)
      if (used.has(s.name) && s.default) for (const x of s.default.symbols()) if (!used.has(x)) ((changed = true), used.add(x));
  }
  return used;
}
