// Crossovers as prose: where one part overtakes another as the symbol grows, each side named as a
// reader would ("the T² matmuls (attention.scores and attention.weighted_sum)", "the rest of the
// multi-head attention (attention.q/k/v/o)"), in order of where they happen. With a range asked
// (--from/--to, or (e)'s two lengths), the sentence keeps the crossings inside it; every crossing,
// inside or not, is a row of crossingRows for the table below it.

import { Rational } from '../algebra/rational.js';
import type { Crossover } from '../scaling/crossover.js';
import type { ScaleAnswer, Side } from '../scaling/scale.js';
import { formulaPrinter } from '../print/formula.js';
import { digits } from '../print/numbers.js';
import { superscript } from '../print/text.js';
import { compactNames, degreeWord } from '../print/names.js';
import { closedFormText, crossingValue } from './crossover-text.js';
import { listing, partPhrase } from './prose.js';

export interface Crossing {
  crossover: Crossover;
  /** Names as in tables and JSON. */
  winner: string;
  loser: string;
  value: Rational | number;
  /** Inside the asked range (true when no range was asked). */
  inside: boolean;
}

/** Every crossing of a scale answer, in order of where it happens, marked inside or outside [from, to]. */
export function crossings(s: ScaleAnswer, range?: { from: bigint; to: bigint }): Crossing[] {
  const [lo, hi] = range ? (range.from < range.to ? [range.from, range.to] : [range.to, range.from]) : [undefined, undefined];
  const num = (v: Rational | number) => (typeof v === 'number' ? v : v.toNumber());
  const inRange = (v: Rational | number) => {
    if (lo === undefined || hi === undefined) return true;
    if (typeof v === 'number') return v >= Number(lo) && v <= Number(hi);
    return v.compare(Rational.of(lo)) >= 0 && v.compare(Rational.of(hi)) <= 0;
  };
  return s.crossovers
    .flatMap((c) =>
      c.crossings.map((k) => {
        const [winner, loser] = k.above === 'a' ? [c.a, c.b] : [c.b, c.a];
        return { crossover: c, winner, loser, value: k.value, inside: inRange(k.value) };
      }),
    )
    .sort((a, b) => num(a.value) - num(b.value));
}

/** How prose names one side of a crossover: in full the first time, shortly after. */
export function sidePhrase(s: ScaleAnswer, name: string, first: boolean): { text: string; plural: boolean } {
  const side: Side | undefined = s.sides[name];
  const x = s.symbol.name;
  if (!side) return { text: name, plural: false }; // asked for by --crossover: its own name
  switch (side.kind) {
    case 'part':
      return { text: partPhrase(side.part), plural: false };
    case 'rest':
      return {
        text: side.atoms ? `the rest of ${partPhrase(side.part)}${first ? ` (${compactNames(side.atoms)})` : ''}` : `the terms of ${partPhrase(side.part)} below ${x}²`,
        plural: !side.atoms,
      };
    case 'top': {
      const what = side.whole ? (s.quantity.atomNoun ?? (s.quantity.kind === 'flops' ? 'matmuls' : 'weights')) : 'terms';
      const names = side.atoms.length ? ` (${listing(side.atoms)})` : '';
      return { text: `the ${x}${superscript(side.degree)} ${what}${first ? names : ''}`, plural: true };
    }
    case 'all': {
      const what = s.quantity.atomNoun ?? (s.quantity.kind === 'flops' ? 'matmuls' : 'weights');
      return { text: side.degree !== undefined ? `all the ${what} ${degreeWord(side.degree)} in ${x} together` : `all the terms of lower degree in ${x} together`, plural: true };
    }
  }
}

/**
 * Where parts overtake each other, as one sentence. With a range, only the crossings inside it
 * (the others are for a table); crossings with the same winner in a row share one subject.
 */
export function crossoverSentence(s: ScaleAnswer, range?: { from: bigint; to: bigint }): string {
  const x = s.symbol.name;
  const f = formulaPrinter(s.model.arch);
  const all = crossings(s, range);
  const shown = all.filter((k) => k.inside);
  const where = range ? `between ${x} = ${digits(range.from < range.to ? range.from : range.to)} and ${digits(range.from < range.to ? range.to : range.from)}` : `as ${x} grows (for ${x} ≥ 1)`;
  if (shown.length === 0) {
    const outside = all.length ? `; ${all.length === 1 ? 'the one crossover is' : `all ${all.length} crossovers are`} outside it (see the table of crossovers)` : '';
    return `No part overtakes another ${where}${outside}.`;
  }
  const mentioned = new Set<string>();
  const phrase = (name: string) => {
    const p = sidePhrase(s, name, !mentioned.has(name));
    mentioned.add(name);
    return p;
  };
  const at = (k: Crossing) => {
    const form = k.crossover.closedForm?.kind === 'linear' ? closedFormText(k.crossover, f, 'text') : undefined;
    const v = k.value;
    // A whole number reads first (T = 6,400 = (3f − 4d)/2); a fraction after its formula (T = V/(2L) ≈ 523.51).
    if (typeof v !== 'number' && v.isInteger()) return `${x} = ${digits(v.num)}${form ? ` = ${form}` : ''}`;
    const approx = crossingValue(typeof v === 'number' ? v : v).replace(/ \(= .*\)$/, '').replace(/^\u2248 /, ''); // ≈ (escaped: the CLI bundle is ASCII)
    return form ? `${x} = ${form} ≈ ${approx}` : `${x} ≈ ${approx}`;
  };
  const clauses: string[] = [];
  for (let i = 0; i < shown.length; ) {
    const winner = shown[i]!.winner;
    const run: Crossing[] = [];
    while (i < shown.length && shown[i]!.winner === winner) run.push(shown[i++]!);
    const w = phrase(winner);
    const losers = run.map((k) => `${phrase(k.loser).text} at ${at(k)}`);
    clauses.push(`${w.text} ${w.plural ? 'overtake' : 'overtakes'} ${listing(losers)}`);
  }
  const lead = range ? `${where[0]!.toUpperCase()}${where.slice(1)}, ` : `Solved exactly from the formulas, ${where}, `;
  return `${lead}${clauses.join('; ')}.`;
}
