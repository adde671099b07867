// Bad input to `lmledger infer` (issue 11, item 9): each error is one line on stderr starting
// 'lmledger:', exit code 2, nothing on stdout and no stack trace (test/helpers/errors.ts).
// Not errors, and asserted as such: --generate 0 (a prefill alone), a request exactly at a learned
// position table's length, and a model that does not fit (a result: test/inference/fit.test.ts).
import { describe, it } from 'vitest';
import { expectUserErrorAsync } from '../helpers/errors.js';

const INFER = ['infer', 'gpt2', '--prompt', '100', '--generate', '10'];

describe('unknown dtypes: a suggestion and the allowed names', () => {
  it.concurrent.each([
    [['--dtype', 'bf61'], /^lmledger: --dtype: unknown dtype 'bf61' \(did you mean bf16\?\); allowed: fp32, bf16, fp16, fp8, int8, int4$/],
    [['--kv-dtype', 'fp9'], /^lmledger: --kv-dtype: unknown dtype 'fp9' \(did you mean fp8, .*\); allowed: fp32, bf16, fp16, fp8, int8, int4$/],
    [['--kv-dtype', 'int3'], /--kv-dtype: unknown dtype 'int3' \(did you mean int4, int8\?\)/],
    [['--compute-dtype', 'tf23'], /^lmledger: --compute-dtype: unknown dtype 'tf23' \(did you mean tf32\?\); allowed: fp32, tf32, bf16, fp16, fp8, int8$/],
    // int4 is a storage dtype (dequantized for the matmuls), not a peak any accelerator lists.
    [['--compute-dtype', 'int4'], /--compute-dtype: unknown dtype 'int4' \(did you mean int8\?\); allowed: fp32, tf32, bf16, fp16, fp8, int8/],
  ])('%s', (extra, message) => expectUserErrorAsync([...INFER, ...extra], message));
});

describe('unknown names suggest close ones', () => {
  it.concurrent.each([
    // The names that contain what was typed come first (not h200 or b200, an edit or two from 'h100').
    [['--hardware', 'h100'], /^lmledger: --hardware: unknown accelerator 'h100' \(did you mean h100-sxm, h100-pcie, h200\?\); allowed: .*h100-sxm, h100-pcie.*\(see 'lmledger hardware'\)$/],
    [['--hardware', 'a100'], /--hardware: unknown accelerator 'a100' \(did you mean a100-40gb, a100-80gb, /],
    [['--hardware', 'tpu-v5'], /--hardware: unknown accelerator 'tpu-v5' \(did you mean tpu-v5e, tpu-v5p, /],
    [['--hardware', 'h100-sxm5'], /--hardware: unknown accelerator 'h100-sxm5' \(did you mean h100-sxm\b/],
  ])('%s', (extra, message) => expectUserErrorAsync([...INFER, ...extra], message));
});
