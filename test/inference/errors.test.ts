// Bad input to `lmledger infer` (issue 11, item 9). End to end, each error is one line on stderr
// starting 'lmledger:', exit code 2, nothing on stdout and no stack trace (test/helpers/errors.ts):
// every kind of error is run through the CLI at least once, and where commander parses the text
// first (a leading minus, a missing value, the dtypes) always. The many values behind each kind
// are also checked in process (inferRequest throws a UserError, which the CLI prints as
// 'lmledger: <message>'), which is fast.
// Not errors, and asserted as such: --generate 0 (a prefill alone), a request exactly at a learned
// position table's length, and a model that does not fit (a result: test/inference/fit.test.ts).
import { describe, expect, it } from 'vitest';
import { UserError } from '../../src/errors.js';
import { inferRequest, type InferFlags } from '../../src/inference/request.js';
import { resolveModel } from '../../src/model/spec.js';
import { expectUserErrorAsync } from '../helpers/errors.js';
import { cliAsync, cliJsonAsync } from '../helpers/proof.js';

const INFER = ['infer', 'gpt2', '--prompt', '100', '--generate', '10'];
const BASE: InferFlags = { prompt: '100', generate: '10' };

/** In process: inferRequest refuses the flags with a UserError whose one-line message matches. */
function refused(flags: InferFlags, message: RegExp, fields: Record<string, string> = {}): void {
  const model = resolveModel({ preset: 'gpt2', batch: '1', fields });
  let error: unknown;
  try {
    inferRequest(model, flags);
  } catch (e) {
    error = e;
  }
  expect(error, 'a UserError').toBeInstanceOf(UserError);
  const text = `lmledger: ${(error as Error).message}`;
  expect(text).not.toContain('\n');
  expect(text).toMatch(message);
}

describe('unknown dtypes: a suggestion and the allowed names (CLI: commander used to refuse these first)', () => {
  it.concurrent.each([
    [['--dtype', 'bf61'], /^lmledger: --dtype: unknown dtype 'bf61' \(did you mean bf16\?\); allowed: fp32, bf16, fp16, fp8, int8, int4$/],
    [['--kv-dtype', 'fp9'], /^lmledger: --kv-dtype: unknown dtype 'fp9' \(did you mean fp8, .*\); allowed: fp32, bf16, fp16, fp8, int8, int4$/],
    [['--kv-dtype', 'int3'], /--kv-dtype: unknown dtype 'int3' \(did you mean int4, int8\?\)/],
    [['--compute-dtype', 'tf23'], /^lmledger: --compute-dtype: unknown dtype 'tf23' \(did you mean tf32\?\); allowed: fp32, tf32, bf16, fp16, fp8, int8$/],
    // int4 is a storage dtype (dequantized for the matmuls), not a peak any accelerator lists.
    [['--compute-dtype', 'int4'], /--compute-dtype: unknown dtype 'int4' \(did you mean int8\?\); allowed: fp32, tf32, bf16, fp16, fp8, int8/],
  ])('%s', (extra, message) => expectUserErrorAsync([...INFER, ...extra], message));
});

describe('lengths beyond a learned position table', () => {
  // GPT-2's table has 1,024 rows (context_length, formulas/presets/gpt2.yaml): the cache ends at P + G.
  it.concurrent('CLI: 1,000 + 25', () =>
    expectUserErrorAsync(['infer', 'gpt2', '--prompt', '1000', '--generate', '25'], /^lmledger: --prompt 1000 \+ --generate 25 = 1025 tokens is more than the 1024 positions of gpt2's learned position table; allowed: at most 1024$/));

  it.each([
    [{ prompt: '1025', generate: '0' }, /--prompt 1025 \+ --generate 0 = 1025 tokens is more than the 1024 positions/],
    [{ prompt: '1', generate: '1024' }, /= 1025 tokens is more than the 1024 positions/],
  ])('%o', (flags, message) => refused(flags, message));

  it('the table of the model asked for, not a constant: --context-length 2048 allows 2,048 and refuses 2,049', () => {
    refused({ prompt: '2000', generate: '49' }, /= 2049 tokens is more than the 2048 positions/, { context_length: '2048' });
    expect(() => inferRequest(resolveModel({ preset: 'gpt2', batch: '1', fields: { context_length: '2048' } }), { prompt: '2000', generate: '48' })).not.toThrow();
  });

  it.concurrent('exactly the table (1,000 + 24 = 1,024) is allowed', async () => {
    const r = await cliAsync(['infer', 'gpt2', '--prompt', '1000', '--generate', '24']);
    expect(r.code, r.stderr).toBe(0);
  });
});

describe('batch and lengths: 0, negative, fractional or not a number', () => {
  // The batch is read by the model options (modelFromOptions), so these go through the CLI.
  it.concurrent.each([
    [['--batch', '0'], /^lmledger: --batch: '0' is not allowed; expected a positive integer$/],
    [['--batch', '-2'], /^lmledger: --batch: '-2' is not allowed; expected a positive integer$/],
    [['--batch', '1.5'], /--batch: '1.5' is not allowed; expected a positive integer/],
  ])('%s', (extra, message) => expectUserErrorAsync([...INFER, ...extra], message));

  // A leading minus and missing flags are commander's to parse first: end to end.
  it.concurrent.each([
    [['--prompt', '-5', '--generate', '10'], /^lmledger: --prompt: '-5' is not allowed; expected a whole number of tokens ≥ 1$/],
    [['--prompt=-5', '--generate', '10'], /--prompt: '-5' is not allowed/],
    [['--prompt', '0', '--generate', '10'], /^lmledger: --prompt: '0' is not allowed; expected a whole number of tokens ≥ 1$/],
    [['--prompt', '100', '--generate', '-1'], /^lmledger: --generate: '-1' is not allowed; expected a whole number of tokens ≥ 0$/],
    [['--prompt', '100'], /^lmledger: --generate: required \(tokens of each sequence\), e\.g\. --prompt 8192 --generate 1024$/],
    [['--generate', '10'], /^lmledger: --prompt: required/],
  ])('%s', (args, message) => expectUserErrorAsync(['infer', 'gpt2', ...args], message));

  it.each([
    [{ prompt: '2.5', generate: '10' }, /^lmledger: --prompt: '2\.5' is not allowed; expected a whole number of tokens ≥ 1$/],
    [{ prompt: 'abc', generate: '10' }, /--prompt: 'abc' is not allowed/],
    [{ prompt: '', generate: '10' }, /--prompt: '' is not allowed/],
    [{ prompt: '1e-3', generate: '10' }, /--prompt: '1e-3' is not allowed/],
    [{ prompt: '100', generate: '0.5' }, /--generate: '0\.5' is not allowed; expected a whole number of tokens ≥ 0/],
    [{ prompt: '100', generate: 'ten' }, /--generate: 'ten' is not allowed/],
  ])('%o', (flags, message) => refused(flags, message));

  it.concurrent('--generate 0 is allowed: a prefill with no decode step (decode FLOPs, bytes and time 0; the cache holds the prompt)', async () => {
    const json = await cliJsonAsync(['infer', 'gpt2', '--prompt', '100', '--generate', '0', '--batch', '3', '--hardware', 'h100-sxm']);
    expect(json.decode.flops).toBe(0n);
    expect(json.decode.bytes).toBe(0n);
    expect(json.decode.seconds).toBe(0n); // an exact zero: the JSON integer 0
    expect(json.kv_cache.bytes).toBe(3n * 100n * 2n * 12n * 768n * 2n); // B · P · 2·L·d·bytes
  });

  it.concurrent('CLI: --devices 0', () => expectUserErrorAsync([...INFER, '--hardware', 'h100-sxm', '--devices', '0'], /^lmledger: --devices: '0' is not allowed; expected a whole number ≥ 1$/));
  it.each([
    [{ ...BASE, devices: '-8' }, /--devices: '-8' is not allowed/],
    [{ ...BASE, devices: '1.5' }, /--devices: '1\.5' is not allowed; expected a whole number ≥ 1/],
  ])('%o', (flags, message) => refused(flags, message));
});

describe('unknown names suggest close ones', () => {
  // The names that contain what was typed come first (not h200 or b200, an edit or two from 'h100').
  it.concurrent.each([
    [['--hardware', 'h100'], /^lmledger: --hardware: unknown accelerator 'h100' \(did you mean h100-sxm, h100-pcie, h200\?\); allowed: .*h100-sxm, h100-pcie.*\(see 'lmledger hardware'\)$/],
    [['--hardware', 'a100'], /--hardware: unknown accelerator 'a100' \(did you mean a100-40gb, a100-80gb, /],
  ])('%s', (extra, message) => expectUserErrorAsync([...INFER, ...extra], message));
  it.each([
    [{ ...BASE, hardware: 'tpu-v5' }, /--hardware: unknown accelerator 'tpu-v5' \(did you mean tpu-v5e, tpu-v5p, /],
    [{ ...BASE, hardware: 'h100-sxm5' }, /--hardware: unknown accelerator 'h100-sxm5' \(did you mean h100-sxm\b/],
  ])('%o', (flags, message) => refused(flags, message));

  it.concurrent('an unknown preset', () =>
    expectUserErrorAsync(['infer', 'llama-3-70', '--prompt', '10', '--generate', '1'], /^lmledger: unknown preset 'llama-3-70' \(did you mean .*llama-3-70b.*\)/));

  it('a compute dtype the accelerator has no peak for: the ones it has', () =>
    refused({ ...BASE, hardware: 'tpu-v5e', computeDtype: 'fp8' }, /^lmledger: --compute-dtype fp8: tpu-v5e has no fp8 peak in .*google\.yaml; it has bf16, int8$/));
});

describe('a roofline needs a peak and a bandwidth', () => {
  it.concurrent('CLI: --peak alone', () =>
    expectUserErrorAsync([...INFER, '--peak', '989e12'], /^lmledger: --peak: a roofline needs both a peak and a bandwidth: give --hardware NAME, or --peak and --bandwidth$/));
  it('--bandwidth alone', () => refused({ ...BASE, bandwidth: '3.35TB/s' }, /^lmledger: --bandwidth: a roofline needs both a peak and a bandwidth/));

  it.concurrent('--peak and --bandwidth without --hardware: times, no fit (no memory)', async () => {
    const json = await cliJsonAsync([...INFER, '--peak', '989.4 TFLOP/s', '--bandwidth', '3.35 TB/s']);
    expect(json.decode.bound).toBe('memory');
    expect(json.fit).toBeUndefined();
  });
});

describe('malformed units', () => {
  it.concurrent.each([
    [['--peak', '1PFLOPS', '--bandwidth', '3TB/s'], /^lmledger: --peak: '1PFLOPS': unknown unit 'PFLOPS'; expected for example 19\.5 TFLOP\/s, 495e12 or FLOP per second$/],
    [['--memory', '80G'], /^lmledger: --memory: '80G': unknown unit 'G'; expected for example 80GB, 80GiB or a byte count$/],
  ])('%s', (extra, message) => expectUserErrorAsync([...INFER, ...extra], message));

  it.each([
    [{ peak: '1e15', bandwidth: '3TB' }, /^lmledger: --bandwidth: '3TB': unknown unit 'TB'; expected for example 2039 GB\/s, 3\.35 TB\/s or bytes per second$/],
    [{ peak: 'fast', bandwidth: '3TB/s' }, /--peak: 'fast' is not a quantity; expected for example 19\.5 TFLOP\/s/],
    [{ peak: '-1e15', bandwidth: '3TB/s' }, /--peak: '-1e15' is not a quantity/],
    [{ peak: '0', bandwidth: '3TB/s' }, /^lmledger: --peak: '0' must be positive$/],
    [{ peak: '1e15', bandwidth: '0 GB/s' }, /--bandwidth: '0 GB\/s' must be positive/],
    // the wrong dimension: bytes/s for a peak, FLOP/s for a bandwidth, a rate for a memory
    [{ peak: '3TB/s', bandwidth: '3TB/s' }, /--peak: '3TB\/s': unknown unit 'TB\/s'/],
    [{ peak: '1e15', bandwidth: '1 TFLOP/s' }, /--bandwidth: '1 TFLOP\/s': unknown unit 'TFLOP\/s'/],
    [{ memory: '80 GB/s' }, /--memory: '80 GB\/s': unknown unit 'GB\/s'/],
    [{ memory: '0' }, /^lmledger: --memory: '0' must be positive$/],
  ])('%o', (flags, message) => refused({ ...BASE, ...flags }, message));
});
