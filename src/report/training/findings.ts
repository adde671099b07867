// Sentences about a training account, generated from its numbers so they hold for any model.

import { Rational } from '../../algebra/rational.js';
import { BATCH_SYMBOL } from '../../formulas/architecture.js';
import { decimal, digits, gibibytes, gigabytes, groupedDecimal, percent } from '../../print/numbers.js';
import type { TrainAccount } from '../../training/account.js';

/** exact ÷ approximation to 4 significant figures: "1.0312×". */
export function ratioText(exact: bigint, approx: bigint): string {
  return `${decimal(Rational.of(exact, approx), 4)}×`;
}

export function backwardSentence(t: TrainAccount): string {
  const L = t.ledger.flops;
  const twice = L.backward.equals(L.forward.scale(Rational.of(2n)));
  const kinds = t.ledger.arch.components.reduce((n, c) => n + c.matmuls.length, 0);
  if (twice) return `backward = 2 × forward exactly: each of the ${kinds} kinds of matmul needs the gradients of both its operands, one matmul of the same FLOPs each`;
  const ex = L.exceptions.map((m) => `${m.path} (no gradient for its ${m.noGrad.join(' and ')} operand)`);
  return `backward = ${decimal(Rational.of(t.flops.backward.value, t.flops.forward.value), 4)} × forward: ${ex.length ? `exceptions ${ex.join(', ')}` : 'not every operand needs a gradient'}`;
}

export function fitSentence(t: TrainAccount): string {
  const fit = t.memory.fit!;
  const { a, b } = { a: t.memory.perSequence.value, b: t.memory.fixed.value };
  const B = BATCH_SYMBOL.name;
  const M = fit.budget;
  const head = `in ${M.text} (${digits(M.bytes)} bytes, ${M.from})`;
  const other = fit.other ? `; read as ${fit.other.text} it would be ${fit.other.maxBatch === 0n ? 'none' : digits(fit.other.maxBatch)}` : '';
  if (M.bytes < b)
    return `${head} nothing fits: the weights, gradients and optimizer state alone need ${digits(b)} bytes (${gigabytes(b)}, ${gibibytes(b)}), ${digits(b - M.bytes)} more than there is${other}`;
  if (fit.maxBatch === 0n)
    return `${head} not one sequence fits: ${B} = 1 needs ${digits(a + b)} bytes (${gigabytes(a + b)}), ${digits(a + b - M.bytes)} more${other}`;
  return `${head}: the largest batch is ${B} = ${digits(fit.maxBatch)} = ⌊(${digits(M.bytes)} − ${digits(b)}) / ${digits(a)}⌋, peak ${digits(fit.peakAtMax!)} bytes (${percent(Rational.of(fit.peakAtMax!, M.bytes))} of it)${other}`;
}

export function daysText(t: TrainAccount): string {
  const time = t.time!;
  const s = time.seconds;
  const basis = time.basis === 'mfu' ? `model FLOPs ÷ (peak × MFU ${percent(time.mfu, 1)}${t.request.devices > 1n ? ` × ${digits(t.request.devices)} devices` : ''})` : 'step time × steps';
  return `${groupedDecimal(s, 0)} s = ${groupedDecimal(s.div(Rational.of(3600n)), 1)} hours = ${groupedDecimal(s.div(Rational.of(86400n)), 1)} days (${basis})`;
}
