// Sentences generated from computed numbers, so they stay true for any model. Each leads with
// what was asked (the total's change, which shares rise and fall) and names parts as a reader
// does: components by their titles, matmuls by their paths.

import { Poly } from '../algebra/poly.js';
import { Rational } from '../algebra/rational.js';
import type { Account } from '../ledger/account.js';
import { rankByFlops, type Ranked } from '../ledger/ranking.js';
import { digits, percent, percentOf, si } from '../print/numbers.js';
import type { Change, PartChange } from '../scaling/factors.js';
import type { Quantity } from '../scaling/quantity.js';
import type { Study, StudyPoint } from '../scaling/study.js';
import type { SymbolDef } from '../formulas/architecture.js';
import { compactNames, degreeWord } from '../print/names.js';
import { symbolicLedger } from '../ledger/symbolic.js';
import { formulaPrinter } from '../print/formula.js';
import { symbolOf } from '../formulas/architecture.js';
import { factorPhrase, isPlural, listing, lowerFirst, partPhrase, possessive, times, upperFirst } from './prose.js';

export { listing, lowerFirst, times, upperFirst } from './prose.js';
export { compactNames } from '../print/names.js';
export { crossoverSentence } from './crossover-prose.js';

const name = (r: Ranked) => `the ${lowerFirst(r.account.component.title)} (${r.account.component.id})`;

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

/**
 * The finding of a change in one symbol, in the order a reader asks: how the total changes (its
 * factor and both values), why (the factor of each group of parts of equal degree), then which
 * shares rise and which fall, largest moves first.
 */
export function changeFinding(q: Quantity, ch: Change): string {
  const x = ch.x;
  const sentences: string[] = [];
  const step = times(Rational.of(ch.to, ch.from));
  const unit = ({ flops: 'FLOP', bytes: 'B', seconds: 's', params: '' } as const)[q.kind];
  const total = ch.total.factor
    ? `${factorPhrase(ch.total.factor, ch.total.factor, !isPlural(q.title))}, from ${si(ch.total.from, unit)} to ${si(ch.total.to, unit)}`
    : `${isPlural(q.title) ? 'go' : 'goes'} from zero to ${si(ch.total.to, unit)}`;
  sentences.push(`From ${x} = ${digits(ch.from)} to ${digits(ch.to)} (${step}), ${q.title} ${total}`);
  const byDegree = new Map<number, PartChange[]>();
  for (const a of ch.atoms.filter((a) => a.factor)) byDegree.set(a.degree, [...(byDegree.get(a.degree) ?? []), a]);
  const degrees = [...byDegree.keys()].sort((a, b) => a - b);
  const noun = q.atomNoun ?? (q.kind === 'flops' ? 'matmuls' : 'weights');
  if (degrees.length > 1) {
    // "the matmuls linear in T (…) grow 16× and those quadratic in T (…) grow 256×": "those" once the noun is said.
    let said = false;
    const groups = degrees.map((k) => {
      const atoms = byDegree.get(k)!;
      const fs = atoms.map((a) => a.factor!).sort((a, b) => a.compare(b));
      const names = compactNames(atoms.map((a) => a.part.name));
      // Named by what they are (no count: a matmul that runs once per head is still one name).
      if (atoms.length === 1) return `${names} (${degreeWord(k)} in ${x}) ${factorPhrase(fs[0]!, fs[0]!, true)}`;
      const subject = said ? 'those' : `the ${noun}`;
      said = true;
      return `${subject} ${degreeWord(k)} in ${x} (${names}) ${factorPhrase(fs[0]!, fs[fs.length - 1]!)}`;
    });
    sentences[0] += `: ${listing(groups)}`;
  } else if (degrees.length === 1) {
    sentences[0] += `: every part is ${degreeWord(degrees[0]!)} in ${x}`;
  }
  sentences[0] += '.';

  const moves: Array<{ size: number; text: string }> = [];
  /** `whose` is a possessive phrase: "the multi-head attention's share of a layer". */
  const move = (whose: string, s: { from: Rational; to: Rational }) => {
    const d = s.to.sub(s.from);
    if (percent(s.from) === percent(s.to)) return;
    moves.push({ size: Math.abs(d.toNumber()), text: `${whose} ${d.sign() > 0 ? 'rises' : 'falls'} ${percent(s.from)} → ${percent(s.to)}` });
  };
  for (const p of ch.parts) {
    if (p.layerShare) move(`${possessive(partPhrase(p.part))} share of a layer`, p.layerShare);
    else move(`${possessive(partPhrase(p.part))} share of the whole`, p.share);
  }
  const layerParts = ch.parts.filter((p) => p.part.scope === 'layer');
  if (layerParts.length && layerParts.length < ch.parts.length) {
    const sum = (k: 'from' | 'to') => layerParts.reduce((s, p) => s.add(p.share[k]), Rational.ZERO);
    move("the layers' combined share of the whole", { from: sum('from'), to: sum('to') });
  }
  if (moves.length) sentences.push(`${upperFirst(listing(moves.sort((a, b) => b.size - a.size).map((m) => m.text)))}.`);
  return sentences.join(' ');
}

type Direction = 'rises' | 'falls' | 'moves' | 'stays';

/** A series of more values than this is shown by its ends: "30.6% → … → 67.1%". */
export const SHOWN_VALUES = 8;

/** Values joined by arrows, all of them when few, else the first, the last and an ellipsis between. */
export function arrows(values: string[], count = values.length): string {
  return count <= SHOWN_VALUES ? values.join(' → ') : `${values[0]} → … → ${values[values.length - 1]}`;
}

interface Trend {
  direction: Direction;
  series: string;
  size: number;
}

/** Whether a series of shares only rises, only falls, moves both ways, or stays (as printed). */
function trend(shares: Rational[]): Trend {
  const t = new TrendTracker();
  for (const s of shares) t.add(s.num, s.den);
  return t.trend();
}

/**
 * trend() one share at a time (a sweep's million points are never held): the first and last
 * share, whether every step rose or fell, whether every printed value is the first's, and the
 * printed values while they are few. A share is part/whole, compared by cross-multiplying.
 */
export class TrendTracker {
  private count = 0;
  private first?: [bigint, bigint];
  private prev?: [bigint, bigint];
  private firstShown = '';
  private lastShown = '';
  private shown: string[] = [];
  private ups = true;
  private downs = true;
  private same = true;

  add(part: bigint, whole: bigint): void {
    const shown = percentOf(part, whole);
    if (this.prev) {
      const [a, b] = this.prev;
      const c = part * b - a * whole; // sign of part/whole − a/b (wholes are positive)
      if (c < 0n) this.ups = false;
      if (c > 0n) this.downs = false;
      if (shown !== this.firstShown) this.same = false;
    } else {
      this.first = [part, whole];
      this.firstShown = shown;
    }
    this.prev = [part, whole];
    this.lastShown = shown;
    if (this.count < SHOWN_VALUES + 1) this.shown.push(shown);
    this.count++;
  }

  trend(): Trend {
    const [a, b] = this.first!;
    const [c, d] = this.prev!;
    const size = Math.abs(Rational.of(c * b - a * d, b * d).toNumber());
    if (this.same) return { direction: 'stays', series: this.firstShown, size: 0 };
    const series = this.count <= SHOWN_VALUES ? this.shown.join(' → ') : `${this.firstShown} → … → ${this.lastShown}`;
    return { direction: this.ups ? 'rises' : this.downs ? 'falls' : 'moves', series, size };
  }
}

export interface ShareSeries {
  /** A component id, or 'all layers'. */
  id: string;
  /** How prose names it: "the SwiGLU feed-forward", "the layers together". */
  phrase: string;
  of: 'a layer' | 'the whole';
  shares: Rational[];
}

/** The share series a study reports for each component: of a layer, or of the whole. */
export function shareSeries(study: Study): ShareSeries[] {
  const ids = [...new Set(study.points.flatMap((p) => p.components.map((c) => c.component.id)))];
  const out: ShareSeries[] = [];
  for (const id of ids) {
    const cs = study.points.map((p) => p.components.find((c) => c.component.id === id));
    if (cs.some((c) => !c)) continue; // not in every model: no series to speak of
    const layer = cs.every((c) => c!.component.scope === 'layer');
    out.push({
      id,
      phrase: partPhrase({ name: id, title: cs[0]!.component.title }),
      of: layer ? 'a layer' : 'the whole',
      shares: study.points.map((p, i) => (layer ? Rational.of(cs[i]!.total, p.layers) : Rational.of(cs[i]!.total, p.total))),
    });
  }
  const mixed = study.points.every((p) => p.components.some((c) => c.component.scope === 'layer') && p.components.some((c) => c.component.scope === 'model'));
  if (mixed)
    out.push({
      id: 'all layers',
      phrase: 'the layers together',
      of: 'the whole',
      shares: study.points.map((p) => Rational.of(p.components.filter((c) => c.component.scope === 'layer').reduce((s, c) => s + c.total, 0n), p.total)),
    });
  return out;
}

/**
 * The finding of a study, answering "which parts take proportionally more, which less": the
 * shares that rise, then those that fall (each with its series), then why, from the factor by
 * which each term of the total formula grows between the first and last point.
 */
export function studyFinding(study: Study): string {
  const pts = study.points;
  if (pts.length < 2) return 'One point only: nothing to compare.';
  const series = shareSeries(study).map((s) => ({ ...s, ...trend(s.shares) }));
  const labels = pts.map((p) => (study.kind === 'sweep' ? digits(p.values[study.symbol!.name]!) : p.label));
  const sentences = [sharesSentence(study.kind, study.symbol, labels, series, pts.length)];
  const why = termGrowth(pts[0]!, pts[pts.length - 1]!, pts.every((p) => p.model.arch === pts[0]!.model.arch));
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

/**
 * studyFinding for a sweep seen one point at a time: add() each point, then finding(). The same
 * sentences as studyFinding over the same points (one architecture, so every point has the
 * same components and the same base for each share).
 */
export class SweepFinding {
  private first?: StudyPoint;
  private last?: StudyPoint;
  private count = 0;
  private labels: string[] = [];
  private series: Array<{ id: string; phrase: string; of: 'a layer' | 'the whole'; part: (p: StudyPoint) => [bigint, bigint]; t: TrendTracker }> = [];

  constructor(private readonly symbol: SymbolDef) {}

  add(p: StudyPoint): void {
    if (!this.first) {
      this.first = p;
      for (const c of p.components) {
        const i = p.components.indexOf(c);
        const layer = c.component.scope === 'layer';
        this.series.push({
          id: c.component.id,
          phrase: partPhrase({ name: c.component.id, title: c.component.title }),
          of: layer ? 'a layer' : 'the whole',
          part: layer ? (q) => [q.components[i]!.total, q.layers] : (q) => [q.components[i]!.total, q.total],
          t: new TrendTracker(),
        });
      }
      if (p.components.some((c) => c.component.scope === 'layer') && p.components.some((c) => c.component.scope === 'model'))
        this.series.push({ id: 'all layers', phrase: 'the layers together', of: 'the whole', part: (q) => [q.layers, q.total], t: new TrendTracker() });
    }
    for (const s of this.series) {
      const [part, whole] = s.part(p);
      s.t.add(part, whole);
    }
    if (this.count < SHOWN_VALUES) this.labels.push(digits(p.values[this.symbol.name]!));
    this.last = p;
    this.count++;
  }

  finding(): string {
    if (this.count < 2) return 'One point only: nothing to compare.';
    const labels = this.count <= SHOWN_VALUES ? this.labels : [this.labels[0]!, digits(this.last!.values[this.symbol.name]!)];
    const series = this.series.map((s) => ({ id: s.id, phrase: s.phrase, of: s.of, ...s.t.trend() }));
    const why = termGrowth(this.first!, this.last!, true);
    return [sharesSentence('sweep', this.symbol, labels, series, this.count), ...(why ? [why] : [])].join(' ');
  }
}

/** "As T goes 1,024 → … → 16,384, within each layer …; of the whole pass …." */
function sharesSentence(
  kind: Study['kind'],
  symbol: SymbolDef | undefined,
  labels: string[],
  series: Array<{ id: string; phrase: string; of: string } & Trend>,
  count: number,
): string {
  const across =
    kind === 'sweep' ? `As ${symbol!.name} goes ${arrows(labels, count)}` : `Across ${arrows(labels, count)}`;
  // As the seed answers it: within each layer, then of the whole pass; rising shares first.
  const ORDER: Direction[] = ['rises', 'falls', 'moves', 'stays'];
  const scopes: string[] = [];
  for (const [of, where] of [['a layer', 'within each layer'], ['the whole', 'of the whole pass']] as const) {
    const here = series.filter((s) => s.of === of).sort((a, b) => ORDER.indexOf(a.direction) - ORDER.indexOf(b.direction) || b.size - a.size);
    if (here.length === 0) continue;
    const items = here.map((s, i) => {
      // "the layers together" has a share of its own: "the layers' combined share".
      const whose = s.id === 'all layers' ? "the layers' combined" : possessive(s.phrase);
      const share = i === 0 || s.id === 'all layers' ? `${whose} share` : whose;
      if (s.direction === 'stays') return `${share} stays at ${s.series}`;
      return `${share} ${s.direction === 'moves' ? 'moves both ways,' : s.direction} ${s.series}`;
    });
    scopes.push(`${where} ${listing(items)}`);
  }
  return `${across}, ${scopes.join('; ')}.`;
}

/** Why shares move: each term of the total grows by the product of its symbols' factors. */
function termGrowth(first: StudyPoint, last: StudyPoint, oneArchitecture: boolean): string | undefined {
  const arch = first.model.arch;
  if (!oneArchitecture) return undefined; // terms differ between architectures
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
