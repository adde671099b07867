// What a scaling question is about: a named polynomial of the symbolic ledger, with the
// parts it is the sum of (components, or a component's matmuls) so that factors, shares and
// crossovers can be reported part by part.

import { Poly } from '../algebra/poly.js';
import type { Architecture, Component } from '../formulas/architecture.js';
import { UserError, didYouMean } from '../errors.js';
import { symbolicLedger } from '../ledger/symbolic.js';
import { TRAINING_QUANTITIES } from './training-quantity.js';
import { INFERENCE_QUANTITIES } from './inference-quantity.js';

export interface Part {
  /** Hierarchical name: a component id (attention) or a matmul path (attention.scores). */
  name: string;
  title: string;
  poly: Poly;
  /** Per-layer parts are also reported as a share of one layer. */
  scope: 'layer' | 'model';
}

export interface Quantity {
  /** As the user wrote it, normalised (flops, params, flops.attention, attention.scores, …). */
  name: string;
  /** Human label: "forward matmul FLOPs", "parameters of attention", … */
  title: string;
  kind: 'flops' | 'params' | 'bytes' | 'seconds';
  poly: Poly;
  /** Disjoint parts that sum to poly. */
  parts: Part[];
  /** The finest parts (matmuls for FLOPs; weights for parameters), used to explain growth by term. */
  atoms: Part[];
  /** What the atoms are, for sentences ("matmuls", "weights", "parts"); from kind when absent. */
  atomNoun?: string;
  /** Sum of the per-layer parts (undefined when nothing is per layer): a part's share of it is its share of a layer. */
  layer?: Poly;
}

const occurrences = (_arch: Architecture, c: Component) => c.occurs;

/** Names a user may ask for, for messages and suggestions. */
export function quantityNames(arch: Architecture): string[] {
  const out = ['flops', 'params', ...TRAINING_QUANTITIES, ...INFERENCE_QUANTITIES];
  for (const c of arch.components) {
    if (c.matmuls.length) out.push(c.id, `flops.${c.id}`);
    if (c.weights.length) out.push(`params.${c.id}`);
    for (const m of c.matmuls) out.push(m.path);
  }
  return out;
}

/**
 * Resolves a quantity name. `perLayer` asks for one layer's worth (the per-layer total, or
 * one occurrence of a per-layer component).
 */
export function resolveQuantity(arch: Architecture, name: string, perLayer = false): Quantity {
  const ledger = symbolicLedger(arch);
  const unknown = (): never => {
    throw new UserError(
      `unknown quantity '${name}'${didYouMean(name, quantityNames(arch))}; allowed: ${quantityNames(arch).join(', ')}`,
    );
  };
  const L = (c: Component) => (perLayer ? Poly.ONE : occurrences(arch, c));
  const layerComps = arch.components.filter((c) => c.scope === 'layer');
  const inScope = (c: Component) => !perLayer || c.scope === 'layer';

  const flopsAtoms = (cs: Component[]): Part[] =>
    cs.flatMap((c) => c.matmuls.map((m) => ({ name: m.path, title: m.what, poly: m.flops.mul(L(c)), scope: c.scope })));
  const paramAtoms = (cs: Component[]): Part[] =>
    cs.flatMap((c) => c.weights.map((w) => ({ name: w.path, title: w.what, poly: w.params.mul(L(c)), scope: c.scope })));

  if (name === 'flops' || name === 'params') {
    const kind = name;
    const cs = arch.components.filter((c) => inScope(c) && (kind === 'flops' ? c.matmuls.length > 0 : c.weights.length > 0));
    const polyOf = (c: Component) => (kind === 'flops' ? c.flops : c.params);
    const total = kind === 'flops' ? (perLayer ? ledger.flops.perLayer : ledger.flops.total) : perLayer ? ledger.params.perLayer : ledger.params.total;
    // All per-layer parts together (L layers, or one with perLayer): the base of "share of a layer".
    const layer = layerComps.reduce((p, c) => p.add(polyOf(c).mul(L(c))), Poly.ZERO);
    return {
      name: perLayer ? `${name} per layer` : name,
      title: `${kind === 'flops' ? 'forward matmul FLOPs' : 'parameters'}${perLayer ? ' per layer' : ''}`,
      kind,
      poly: total,
      parts: cs.map((c) => ({ name: c.id, title: c.title, poly: polyOf(c).mul(L(c)), scope: c.scope })),
      atoms: kind === 'flops' ? flopsAtoms(cs) : paramAtoms(cs),
      ...(layer.isZero() ? {} : { layer }),
    };
  }

  const [head, rest] = splitOnce(name);
  const kind: 'flops' | 'params' = head === 'params' ? 'params' : 'flops';
  const target = head === 'params' || head === 'flops' ? rest : name;
  if (!target) return unknown();
  const [compId, matmulId] = splitOnce(target);
  const comp = arch.components.find((c) => c.id === compId);
  if (!comp) return unknown();
  if (perLayer && comp.scope !== 'layer')
    throw new UserError(`--per-layer: ${comp.id} occurs once per model, not per layer; drop --per-layer`);

  if (matmulId !== undefined) {
    const m = comp.matmuls.find((x) => x.id === matmulId);
    if (!m || kind === 'params') return unknown();
    const part: Part = { name: m.path, title: m.what, poly: m.flops.mul(L(comp)), scope: comp.scope };
    return { name: m.path, title: `FLOPs of ${m.path}`, kind, poly: part.poly, parts: [part], atoms: [part] };
  }
  if (kind === 'flops' && comp.matmuls.length === 0)
    throw new UserError(`${comp.id} has no matmul FLOPs; ask for params.${comp.id}, or for flops`);
  if (kind === 'params' && comp.weights.length === 0) throw new UserError(`${comp.id} has no parameters`);
  const atoms = kind === 'flops' ? flopsAtoms([comp]) : paramAtoms([comp]);
  return {
    name: `${kind}.${comp.id}${perLayer ? ' per layer' : ''}`,
    title: `${kind === 'flops' ? 'forward matmul FLOPs' : 'parameters'} of ${comp.id}${perLayer ? ' (one layer)' : ''}`,
    kind,
    poly: (kind === 'flops' ? comp.flops : comp.params).mul(L(comp)),
    parts: atoms,
    atoms,
  };
}

function splitOnce(s: string): [string, string | undefined] {
  const i = s.indexOf('.');
  return i < 0 ? [s, undefined] : [s.slice(0, i), s.slice(i + 1)];
}
