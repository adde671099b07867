// From what a user typed (flags of `lmledger train`, or a write-up's options) to a TrainRequest:
// strict parsing of units, fractions and counts, one-line errors naming the flag.

import { Rational } from '../algebra/rational.js';
import { UserError } from '../errors.js';
import { accelerator, PEAK_DTYPES, type PeakDtype } from '../formulas/hardware.js';
import type { ModelSpec } from '../model/spec.js';
import { digits } from '../print/numbers.js';
import { isBinaryUnit, parseDecimal, parseQuantity, QuantityError } from '../units/quantity.js';
import { trainingChoice, type ChoiceRequest } from './choice.js';
import type { MemoryBudget, Peak, TrainRequest } from './account.js';

export interface TrainFlags extends ChoiceRequest {
  steps?: string;
  tokens?: string;
  hardware?: string;
  dtype?: string;
  peak?: string;
  devices?: string;
  mfu?: string;
  stepTime?: string;
  memory?: string;
}

const count = (flag: string, text: string): bigint => {
  const v = parseDecimal(text.trim());
  if (!v || !v.isInteger() || v.sign() <= 0) throw new UserError(`${flag}: '${text}' is not allowed; expected a positive whole number (400000, 400_000 or 4e5)`);
  return v.num;
};

/** 0.5 or 50%: a fraction in (0, 1]. */
export function parseFraction(flag: string, text: string): Rational {
  const t = text.trim();
  const pct = t.endsWith('%');
  const v = parseDecimal(pct ? t.slice(0, -1).trim() : t);
  const r = v && (pct ? v.div(Rational.of(100n)) : v);
  if (!r || r.sign() <= 0 || r.compare(Rational.ONE) > 0) throw new UserError(`${flag}: '${text}' is not allowed; expected a fraction in (0, 1] such as 0.5 or 50%`);
  return r;
}

/** 0.755, 0.755s or 755ms. */
function parseSeconds(flag: string, text: string): Rational {
  const m = /^\s*([0-9][0-9_.eE+-]*)\s*(s|ms)?\s*$/.exec(text);
  const v = m && parseDecimal(m[1]!);
  if (!v || v.sign() <= 0) throw new UserError(`${flag}: '${text}' is not allowed; expected a positive time such as 0.755, 0.755s or 755ms`);
  return m![2] === 'ms' ? v.div(Rational.of(1000n)) : v;
}

function quantity(flag: string, text: string, dim: 'bytes' | 'FLOP/s'): Rational {
  try {
    const v = parseQuantity(text, dim);
    if (v.sign() <= 0) throw new QuantityError(`'${text}' must be positive`);
    return v;
  } catch (e) {
    if (e instanceof QuantityError) throw new UserError(`${flag}: ${e.message}`);
    throw e;
  }
}

/** "80GB" and the same number read the other way ("80GiB"), both in whole bytes. */
export function memoryBudget(text: string, from = '--memory'): MemoryBudget {
  const bytes = quantity(from, text, 'bytes');
  if (!bytes.isInteger()) throw new UserError(`${from}: '${text}' is ${bytes} bytes, not a whole number of bytes`);
  const m = /^(.*?)\s*(k|K|M|G|T|P|Ki|Mi|Gi|Ti|Pi)B$/.exec(text.trim());
  let other: MemoryBudget['other'];
  if (m) {
    const binary = isBinaryUnit(text);
    const flipped = binary ? m[2]![0]!.replace('K', 'k') : m[2] === 'k' ? 'Ki' : `${m[2]!.toUpperCase()}i`;
    const otherText = `${m[1]} ${flipped}B`;
    const otherBytes = parseQuantity(otherText, 'bytes');
    if (otherBytes.isInteger()) other = { bytes: otherBytes.num, text: otherText };
  }
  return { bytes: bytes.num, text: m ? `${m[1]} ${m[2]}B` : `${digits(bytes.num)} bytes`, ...(other ? { other } : {}), from };
}

export function trainRequest(model: ModelSpec, f: TrainFlags): TrainRequest {
  if (f.steps !== undefined && f.tokens !== undefined) throw new UserError('give --steps or --tokens, not both');
  if (f.mfu !== undefined && f.stepTime !== undefined) throw new UserError('give --mfu (to estimate the time) or --step-time (to measure MFU), not both');
  const choice = trainingChoice(f);
  const hw = f.hardware === undefined ? undefined : accelerator(f.hardware);
  if (f.dtype !== undefined && !(PEAK_DTYPES as readonly string[]).includes(f.dtype))
    throw new UserError(`--dtype: '${f.dtype}' is not allowed; use one of ${PEAK_DTYPES.join(', ')}`);
  const dtype = (f.dtype ?? choice.precision.compute) as PeakDtype;
  let peak: Peak | undefined;
  if (f.peak !== undefined) peak = { perDevice: quantity('--peak', f.peak, 'FLOP/s'), from: `--peak ${f.peak}` };
  else if (hw) {
    const p = hw.peak[dtype];
    const has = Object.keys(hw.peak).join(', ');
    if (p) peak = { perDevice: p, from: `${hw.name} ${dtype} dense peak ${hw.peakText[dtype]}`, dtype };
    else if (f.dtype !== undefined) throw new UserError(`--dtype ${dtype}: ${hw.name} has no ${dtype} peak in ${hw.file}; it has ${has}`);
    // The dtype came from the precision policy: only an error when a peak is needed (its memory still counts).
    else if (f.mfu !== undefined || f.stepTime !== undefined)
      throw new UserError(
        `--hardware ${hw.name}: no ${dtype} peak in ${hw.file} (the ${choice.precision.name} precision policy computes in ${dtype}); it has ${has}: give --dtype ${Object.keys(hw.peak)[0]}, another --precision or --peak FLOP/s`,
      );
  }
  if ((f.mfu !== undefined || f.stepTime !== undefined) && !peak)
    throw new UserError(`${f.mfu !== undefined ? '--mfu' : '--step-time'}: needs a peak: --hardware NAME (see 'lmledger hardware') or --peak FLOP/s`);
  const memory = f.memory !== undefined ? memoryBudget(f.memory) : hw ? memoryBudget(hw.memoryText, `${hw.name} memory`) : undefined;
  return {
    model,
    choice,
    ...(f.steps !== undefined ? { steps: count('--steps', f.steps) } : {}),
    ...(f.tokens !== undefined ? { tokens: count('--tokens', f.tokens) } : {}),
    ...(hw ? { hardware: hw } : {}),
    ...(peak ? { peak } : {}),
    devices: f.devices === undefined ? 1n : count('--devices', f.devices),
    ...(f.mfu !== undefined ? { mfu: parseFraction('--mfu', f.mfu) } : {}),
    ...(f.stepTime !== undefined ? { stepTime: parseSeconds('--step-time', f.stepTime) } : {}),
    ...(memory ? { memory } : {}),
  };
}
