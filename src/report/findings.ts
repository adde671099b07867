// Sentences generated from computed numbers, so they stay true for any model.

import { Rational } from '../algebra/rational.js';
import type { Account } from '../ledger/account.js';
import { rankByFlops, type Ranked } from '../ledger/ranking.js';
import { decimal, digits, percent } from '../print/numbers.js';
import type { Change, PartChange } from '../scaling/factors.js';
import type { Quantity } from '../scaling/quantity.js';

const name = (r: Ranked) => `the ${lowerFirst(r.account.component.title)} (${r.account.component.id})`;
/** "Multi-head attention" -> "multi-head attention", but "SwiGLU feed-forward" stays. */
export const lowerFirst = (s: string) => (/^[A-Z][a-z]+\b/.test(s) ? s[0]!.toLowerCase() + s.slice(1) : s);
const upperFirst = (s: string) => s[0]!.toUpperCase() + s.slice(1);

/** Lists "a, b and c". */
export function listing(items: string[]): string {
  return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

/** Which component costs the most, and the rest in order, with their shares. */
export function dominanceSentence(a: Account): string {
  const ranked = rankByFlops(a);
  const [top, ...rest] = ranked;
  if (!top) return 'This model has no matrix multiplies.';
  const layer = top.layerShare ? ` (${percent(top.layerShare)} of each layer)` : '';
  const head = `${upperFirst(name(top))} costs the most: ${percent(top.share)} of the forward matmul FLOPs${layer}`;
  if (rest.length === 0) return `${head}.`;
  return `${head}; then ${listing(rest.map((r) => `${name(r)} ${percent(r.share)}`))}.`;
}

const DEGREE_WORDS = ['constant', 'linear', 'quadratic', 'cubic', 'quartic'];
const degreeWord = (k: number) => DEGREE_WORDS[k] ?? `of degree ${k}`;

/** "attention.q, attention.k, ffn.w1" -> "attention.q/k, ffn.w1". */
export function compactNames(names: string[]): string {
  const groups = new Map<string, string[]>();
  for (const n of names) {
    const i = n.indexOf('.');
    const [head, tail] = i < 0 ? [n, ''] : [n.slice(0, i), n.slice(i + 1)];
    groups.set(head, [...(groups.get(head) ?? []), tail]);
  }
  return [...groups].map(([h, tails]) => (tails.every((t) => t === '') ? h : `${h}.${tails.join('/')}`)).join(', ');
}

/** A factor without trailing zeros: 16×, 33.13×. */
export function times(r: Rational): string {
  return `${decimal(r, 2).replace(/\.?0+$/, '')}×`;
}

/**
 * The finding of a change in one symbol: the total's factor, the factor of each group of parts
 * of equal degree (why the shares move), and the shares that move, largest moves first.
 */
export function changeFinding(q: Quantity, ch: Change): string {
  const x = ch.x;
  const sentences: string[] = [];
  const step = times(Rational.of(ch.to, ch.from));
  sentences.push(
    `From ${x} = ${digits(ch.from)} to ${digits(ch.to)} (${step}), ${q.title} ${ch.total.factor ? `change ${times(ch.total.factor)}` : 'start from zero'}`,
  );
  const byDegree = new Map<number, PartChange[]>();
  for (const a of ch.atoms.filter((a) => a.factor)) byDegree.set(a.degree, [...(byDegree.get(a.degree) ?? []), a]);
  const degrees = [...byDegree.keys()].sort((a, b) => a - b);
  if (degrees.length > 1) {
    const groups = degrees.map((k) => {
      const atoms = byDegree.get(k)!;
      const fs = atoms.map((a) => a.factor!).sort((a, b) => a.compare(b));
      const range = fs[0]!.equals(fs[fs.length - 1]!) ? times(fs[0]!) : `${times(fs[0]!)} to ${times(fs[fs.length - 1]!)}`;
      const noun = q.kind === 'flops' ? 'matmuls' : 'weights';
      const what =
        atoms.length === 1
          ? `${atoms[0]!.part.name} (${degreeWord(k)} in ${x})`
          : `the ${atoms.length} ${noun} ${degreeWord(k)} in ${x} (${compactNames(atoms.map((a) => a.part.name))})`;
      return `${what} grow ${range}`;
    });
    sentences[0] += `: ${listing(groups)}`;
  } else if (degrees.length === 1) {
    sentences[0] += `: every part is ${degreeWord(degrees[0]!)} in ${x}`;
  }
  sentences[0] += '.';

  const moves: Array<{ size: number; text: string }> = [];
  /** `whose` is a possessive phrase: "attention's share of a layer". */
  const move = (whose: string, s: { from: Rational; to: Rational }) => {
    const d = s.to.sub(s.from);
    if (percent(s.from) === percent(s.to)) return;
    moves.push({ size: Math.abs(d.toNumber()), text: `${whose} ${d.sign() > 0 ? 'rises' : 'falls'} ${percent(s.from)} → ${percent(s.to)}` });
  };
  for (const p of ch.parts) {
    if (p.layerShare) move(`${p.part.name}'s share of a layer`, p.layerShare);
    else move(`${p.part.name}'s share of the whole`, p.share);
  }
  const layerParts = ch.parts.filter((p) => p.part.scope === 'layer');
  if (layerParts.length && layerParts.length < ch.parts.length) {
    const sum = (k: 'from' | 'to') => layerParts.reduce((s, p) => s.add(p.share[k]), Rational.ZERO);
    move("the layers' combined share of the whole", { from: sum('from'), to: sum('to') });
  }
  if (moves.length) sentences.push(`${upperFirst(listing(moves.sort((a, b) => b.size - a.size).map((m) => m.text)))}.`);
  return sentences.join(' ');
}
