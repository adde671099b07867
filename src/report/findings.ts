// Sentences generated from computed numbers, so they stay true for any model.

import { Poly } from '../algebra/poly.js';
import { Rational } from '../algebra/rational.js';
import type { Account } from '../ledger/account.js';
import { rankByFlops, type Ranked } from '../ledger/ranking.js';
import { decimal, digits, percent } from '../print/numbers.js';
import type { Change, PartChange } from '../scaling/factors.js';
import type { Quantity } from '../scaling/quantity.js';
import type { Study } from '../scaling/study.js';
import type { ScaleAnswer } from '../scaling/scale.js';
import { closedFormText, crossingValue } from './crossover-text.js';
import { symbolicLedger } from '../ledger/symbolic.js';
import { formulaPrinter } from '../print/formula.js';
import { symbolOf } from '../formulas/architecture.js';

const name = (r: Ranked) => `the ${lowerFirst(r.account.component.title)} (${r.account.component.id})`;
/** "Multi-head attention" -> "multi-head attention", but "SwiGLU feed-forward" stays. */
export const lowerFirst = (s: string) => (/^[A-Z][a-z]+\b/.test(s) ? s[0]!.toLowerCase() + s.slice(1) : s);
/** Capitalises a sentence's first word, but never an identifier such as lm_head or ffn.w1. */
export const upperFirst = (s: string) => (/^[a-z]+(?![_.\w])/.test(s) ? s[0]!.toUpperCase() + s.slice(1) : s);

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

/** A factor without trailing zeros: 16×, 33.13×; more digits when two would round it to 1 or 0. */
export function times(r: Rational): string {
  let places = 2;
  const shown = (n: number) => decimal(r, n).replace(/\.?0+$/, '');
  while (places < 12 && !r.equals(Rational.ONE) && !r.isZero() && ['0', '1'].includes(shown(places))) places++;
  return `${shown(places)}×`;
}

/** "grow", "shrink", or "change" when a group has factors on both sides of 1. */
function growVerb(low: Rational, high: Rational): string {
  if (low.compare(Rational.ONE) >= 0 && !high.equals(Rational.ONE)) return 'grow';
  if (high.compare(Rational.ONE) <= 0 && !low.equals(Rational.ONE)) return 'shrink';
  return low.equals(Rational.ONE) && high.equals(Rational.ONE) ? 'stay at' : 'change';
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
    `From ${x} = ${digits(ch.from)} to ${digits(ch.to)} (${step}), ${q.title} ${ch.total.factor ? `${growVerb(ch.total.factor, ch.total.factor)} ${times(ch.total.factor)}` : 'start from zero'}`,
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
      return `${what} ${growVerb(fs[0]!, fs[fs.length - 1]!)} ${range}`;
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

const possessive = (name: string) => (name.endsWith('s') ? `${name}'` : `${name}'s`);

/** "grows 64.3% → 66.7% → 69.4%", "falls …", "stays at 50.0%", or "moves …" when not monotonic. */
function trend(shares: Rational[]): { word: string; series: string; size: number } {
  const shown = shares.map((s) => percent(s));
  const series = shown.join(' → ');
  const size = Math.abs(shares[shares.length - 1]!.sub(shares[0]!).toNumber());
  if (shown.every((s) => s === shown[0])) return { word: 'stays at', series: shown[0]!, size: 0 };
  const ups = shares.slice(1).every((s, i) => s.compare(shares[i]!) >= 0);
  const downs = shares.slice(1).every((s, i) => s.compare(shares[i]!) <= 0);
  return { word: ups ? 'grows' : downs ? 'shrinks' : 'moves', series, size };
}

/** The share series a study reports for each component: of a layer, or of the whole. */
export function shareSeries(study: Study): Array<{ id: string; of: 'a layer' | 'the whole'; shares: Rational[] }> {
  const ids = [...new Set(study.points.flatMap((p) => p.components.map((c) => c.component.id)))];
  const out: Array<{ id: string; of: 'a layer' | 'the whole'; shares: Rational[] }> = [];
  for (const id of ids) {
    const cs = study.points.map((p) => p.components.find((c) => c.component.id === id));
    if (cs.some((c) => !c)) continue; // not in every model: no series to speak of
    const layer = cs.every((c) => c!.component.scope === 'layer');
    out.push({
      id,
      of: layer ? 'a layer' : 'the whole',
      shares: study.points.map((p, i) => (layer ? Rational.of(cs[i]!.each, p.perLayer) : Rational.of(cs[i]!.total, p.total))),
    });
  }
  const mixed = study.points.every((p) => p.components.some((c) => c.component.scope === 'layer') && p.components.some((c) => c.component.scope === 'model'));
  if (mixed)
    out.push({
      id: 'all layers',
      of: 'the whole',
      shares: study.points.map((p) => Rational.of(p.components.filter((c) => c.component.scope === 'layer').reduce((s, c) => s + c.total, 0n), p.total)),
    });
  return out;
}

/**
 * The finding of a study: which shares grow and which shrink across the points, and why, from
 * the factor by which each term of the total formula grows between the first and last point.
 */
export function studyFinding(study: Study): string {
  const pts = study.points;
  if (pts.length < 2) return 'One point only: nothing to compare.';
  const across = study.kind === 'sweep' ? `As ${study.symbol!.name} goes ${pts.map((p) => digits(p.values[study.symbol!.name]!)).join(' → ')}` : `Across ${pts.map((p) => p.label).join(' → ')}`;
  const series = shareSeries(study).map((s) => ({ ...s, ...trend(s.shares) }));
  const moving = series.filter((s) => s.word !== 'stays at').sort((a, b) => b.size - a.size);
  const still = series.filter((s) => s.word === 'stays at');
  const parts = moving.map((s) => `${possessive(s.id)} share of ${s.of} ${s.word} ${s.series}`);
  if (still.length) parts.push(`${listing(still.map((s) => s.id))} ${still.length > 1 ? 'keep their shares' : 'keeps its share'}`);
  const sentences = [`${across}, ${listing(parts)}.`];
  const why = termGrowth(study);
  if (why) sentences.push(why);
  // Models compared at different sequence lengths: the shares move with T as well as with size.
  if (study.kind === 'compare') {
    const lengths = pts.map((p) => {
      const seq = symbolOf(p.model.arch, 'seq_len');
      return seq ? p.values[seq.name] : undefined;
    });
    if (lengths.some((t) => t !== lengths[0]))
      sentences.push(`The models run at different sequence lengths (${lengths.map((t) => (t === undefined ? '—' : digits(t))).join(', ')}), which moves the shares too; give --seq-len to compare at one length.`);
  }
  return sentences.join(' ');
}

/** Why shares move: each term of the total grows by the product of its symbols' factors. */
function termGrowth(study: Study): string | undefined {
  const [first, last] = [study.points[0]!, study.points[study.points.length - 1]!];
  const arch = first.model.arch;
  if (study.points.some((p) => p.model.arch !== arch)) return undefined; // terms differ between architectures
  const f = formulaPrinter(arch);
  const ledger = symbolicLedger(arch);
  const total = ledger.flops.total;
  const moved = arch.symbols.filter((s) => first.values[s.name] !== last.values[s.name]);
  if (moved.length === 0) return undefined;
  const fixed = arch.symbols.filter((s) => first.values[s.name] === last.values[s.name]).map((s) => s.name);
  const byFactor = new Map<string, { factor: Rational; terms: string[]; sources: string[] }>();
  const matmuls = arch.components.flatMap((c) => c.matmuls.map((m) => ({ path: m.path, poly: c.scope === 'layer' ? m.flops.mul(Poly.symbol(arch.layers)) : m.flops })));
  for (const t of total.terms()) {
    const term = Poly.fromTerms([t]);
    const factor = term.evaluate(last.values).div(term.evaluate(first.values));
    const key = factor.toString();
    const entry = byFactor.get(key) ?? { factor, terms: [], sources: [] };
    entry.terms.push(f.text(term));
    entry.sources.push(...matmuls.filter((m) => m.poly.terms().some((mt) => mt.mono.key === t.mono.key)).map((m) => m.path));
    byFactor.set(key, entry);
  }
  const totalFactor = Rational.of(last.total, first.total);
  const groups = [...byFactor.values()].sort((a, b) => b.factor.compare(a.factor));
  // "L grows 4× and d, f and h 2.08× each": symbols grouped by their factor.
  const bySymbolFactor = new Map<string, string[]>();
  for (const s of moved) {
    const k = times(Rational.of(last.values[s.name]!, first.values[s.name]!));
    bySymbolFactor.set(k, [...(bySymbolFactor.get(k) ?? []), s.name]);
  }
  const symbolMoves = [...bySymbolFactor].map(([k, names]) => `${listing(names)} ${k}${names.length > 1 ? ' each' : ''}`);
  const head = `Why: from ${first.label} to ${last.label} the symbols change ${listing(symbolMoves)}${fixed.length ? ` (${listing(fixed)} fixed)` : ''}; each term of ${f.text(total)} grows by the product of its symbols' factors: `;
  const body = listing(groups.map((g) => `${listing(g.terms)} ${times(g.factor)} (${compactNames([...new Set(g.sources)])})`));
  if (groups.length === 1) return `${head}${body}, so the shares do not move.`;
  return `${head}${body}. The total grows ${times(totalFactor)}: terms that grow faster gain share, slower ones lose it.`;
}

/** Where parts overtake each other in the scaled symbol, from a scale answer's crossovers. */
export function crossoverSentence(s: ScaleAnswer): string {
  const x = s.symbol.name;
  const f = formulaPrinter(s.model.arch);
  const items = s.crossovers.flatMap((c) =>
    c.crossings.map((k) => {
      const [winner, loser] = k.above === 'a' ? [c.a, c.b] : [c.b, c.a];
      const form = c.closedForm?.kind === 'linear' ? ` = ${closedFormText(c, f, 'text')}` : '';
      const verb = /terms\b/.test(winner) ? 'overtake' : 'overtakes';
      return `${winner} ${verb} ${loser} at ${x} = ${crossingValue(k.value)}${form}`;
    }),
  );
  if (items.length === 0) return `No part overtakes another as ${x} grows (for ${x} ≥ 1).`;
  const top = s.topTerms ? ` (the ${s.topTerms.name} are ${compactNames(s.topTerms.atoms)})` : '';
  return `Solved exactly from the formulas, ${listing(items)}${top}.`;
}
