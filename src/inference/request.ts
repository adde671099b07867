// From `lmledger infer` flags to an InferRequest: lengths, dtypes of the weights and of the KV
// cache, the accelerator (peak of the compute dtype, bandwidth, memory), devices.

import { Rational } from '../algebra/rational.js';
import { UserError, didYouMean } from '../errors.js';
import { accelerator, PEAK_DTYPES, type PeakDtype } from '../formulas/hardware.js';
import { DTYPES, type Dtype } from '../ledger/dtypes.js';
import type { ModelSpec } from '../model/spec.js';
import { parseDecimal, parseQuantity, QuantityError } from '../units/quantity.js';
import { memoryBudget } from '../training/request.js';
import type { InferRequest } from './account.js';

/** The weights' and the KV cache's dtype when none is given (--dtype, --kv-dtype). */
export const DEFAULT_SERVING_DTYPE = 'bf16';

export interface InferFlags {
  prompt?: string;
  generate?: string;
  dtype?: string;
  kvDtype?: string;
  computeDtype?: string;
  hardware?: string;
  peak?: string;
  bandwidth?: string;
  devices?: string;
  memory?: string;
}

function length(flag: string, text: string | undefined, allowZero: boolean): bigint {
  if (text === undefined) throw new UserError(`${flag}: required (tokens of each sequence), e.g. --prompt 8192 --generate 1024`);
  const v = parseDecimal(text.trim());
  if (!v || !v.isInteger() || v.sign() < 0 || (!allowZero && v.sign() === 0))
    throw new UserError(`${flag}: '${text}' is not allowed; expected a whole number of tokens${allowZero ? ' ≥ 0' : ' ≥ 1'}`);
  return v.num;
}

export function dtype(flag: string, name: string | undefined, fallback: string): Dtype {
  const n = name ?? fallback;
  const d = DTYPES.find((x) => x.name === n);
  if (!d) throw new UserError(`${flag}: unknown dtype '${n}'${didYouMean(n, DTYPES.map((x) => x.name))}; allowed: ${DTYPES.map((x) => x.name).join(', ')}`);
  return d;
}

function rate(flag: string, text: string, dim: 'FLOP/s' | 'bytes/s'): Rational {
  try {
    const v = parseQuantity(text, dim);
    if (v.sign() <= 0) throw new QuantityError(`'${text}' must be positive`);
    return v;
  } catch (e) {
    if (e instanceof QuantityError) throw new UserError(`${flag}: ${e.message}`);
    throw e;
  }
}

export function inferRequest(model: ModelSpec, f: InferFlags): InferRequest {
  return { ...machine(model, f), ...lengths(model, f) };
}

/** Dtypes and accelerator alone (for `scale` on inference quantities, which have no P or G). */
export function inferMachine(model: ModelSpec, f: InferFlags): Omit<InferRequest, 'prompt' | 'generate'> {
  return machine(model, f);
}

function lengths(model: ModelSpec, f: InferFlags): { prompt: bigint; generate: bigint } {
  const prompt = length('--prompt', f.prompt, false);
  const generate = length('--generate', f.generate, true);
  const limit = model.arch.constraints.find((c) => c.kind === 'at_most' && model.arch.symbols.find((s) => s.name === c.left)?.config === 'seq_len');
  if (limit && prompt + generate > model.values[limit.right]!)
    throw new UserError(`--prompt ${prompt} + --generate ${generate} = ${prompt + generate} tokens is more than the ${model.values[limit.right]} positions of ${model.label}'s learned position table; allowed: at most ${model.values[limit.right]}`);
  return { prompt, generate };
}

function machine(model: ModelSpec, f: InferFlags): Omit<InferRequest, 'prompt' | 'generate'> {
  const weights = dtype('--dtype', f.dtype, DEFAULT_SERVING_DTYPE);
  const kv = dtype('--kv-dtype', f.kvDtype, DEFAULT_SERVING_DTYPE);
  const hw = f.hardware === undefined ? undefined : accelerator(f.hardware);
  // Weights in a dtype the accelerator computes in run at its peak (fp8, int8); int4 and the
  // rest are dequantized to bf16 for the matmuls, unless --compute-dtype says otherwise.
  if (f.computeDtype !== undefined && !(PEAK_DTYPES as readonly string[]).includes(f.computeDtype))
    throw new UserError(`--compute-dtype: unknown dtype '${f.computeDtype}'${didYouMean(f.computeDtype, PEAK_DTYPES)}; allowed: ${PEAK_DTYPES.join(', ')}`);
  const compute = (f.computeDtype ?? (hw && (PEAK_DTYPES as readonly string[]).includes(weights.name) && hw.peak[weights.name as PeakDtype] ? weights.name : 'bf16')) as PeakDtype;
  let peak: InferRequest['peak'];
  if (f.peak !== undefined) peak = { perDevice: rate('--peak', f.peak, 'FLOP/s'), from: `--peak ${f.peak}` };
  else if (hw) {
    const p = hw.peak[compute];
    if (!p) throw new UserError(`--compute-dtype ${compute}: ${hw.name} has no ${compute} peak in ${hw.file}; it has ${Object.keys(hw.peak).join(', ')}`);
    peak = { perDevice: p, from: `${hw.name} ${compute} dense peak ${hw.peakText[compute]}` };
  }
  let bandwidth: InferRequest['bandwidth'];
  if (f.bandwidth !== undefined) bandwidth = { perDevice: rate('--bandwidth', f.bandwidth, 'bytes/s'), from: `--bandwidth ${f.bandwidth}` };
  else if (hw) bandwidth = { perDevice: hw.bandwidth, from: `${hw.name} ${hw.bandwidthText}` };
  if ((peak === undefined) !== (bandwidth === undefined))
    throw new UserError(`${peak ? '--peak' : '--bandwidth'}: a roofline needs both a peak and a bandwidth: give --hardware NAME, or --peak and --bandwidth`);
  const devicesText = f.devices ?? '1';
  const devices = parseDecimal(devicesText.trim());
  if (!devices || !devices.isInteger() || devices.sign() <= 0) throw new UserError(`--devices: '${devicesText}' is not allowed; expected a whole number ≥ 1`);
  const memory = f.memory !== undefined ? memoryBudget(f.memory) : hw ? memoryBudget(hw.memoryText, `${hw.name} memory`) : undefined;
  return {
    model,
    weights,
    kv,
    ...(hw ? { hardware: hw } : {}),
    ...(peak ? { peak } : {}),
    ...(bandwidth ? { bandwidth } : {}),
    devices: devices.num,
    ...(memory ? { memory: { bytes: memory.bytes, text: memory.text, from: memory.from } } : {}),
  };
}
