// Bad input to `lmledger train` (issue 9, item 10). Through the CLI, each case is one line on
// stderr starting 'lmledger:', naming the flag and what is allowed, exit code 2, nothing on stdout,
// no stack trace (the shared check of test/helpers/errors.ts). Further cases of the same parsers
// are checked in process (a UserError, which the CLI prints that way), to keep the suite fast.
import { describe, expect, it } from 'vitest';
import { UserError } from '../../src/errors.js';
import { resolveModel } from '../../src/model/spec.js';
import { trainAccount } from '../../src/training/account.js';
import { trainRequest, type TrainFlags } from '../../src/training/request.js';
import { expectUserErrorAsync as expectUserError } from '../helpers/errors.js';
import { cliAsync } from '../helpers/proof.js';

const train = (...args: string[]) => ['train', 'gpt2-xl-swiglu', ...args];
// gpt2-xl-swiglu has 2,127,057,600 parameters (test/fixtures/training/sources.md a.2, DERIVED);
// fp32 with AdamW keeps 4 + 4 + 8 = 16 bytes of each (sources.md g, first row).
const N = 2_127_057_600n;
const grouped = (n: bigint) => n.toLocaleString('en-US');

describe('train through the CLI: one line, exit code 2', () => {
  it.concurrent.each([
    [['--batch', '0'], /--batch: '0' is not allowed; expected a positive integer/],
    [['--batch', '-4'], /--batch: '-4' is not allowed; expected a positive integer/],
    [['--peak', '19.5e12', '--mfu', '0'], /--mfu: '0' is not allowed; expected a fraction in \(0, 1\] such as 0\.5 or 50%/],
    [['--peak', '19.5e12', '--mfu', '1.5'], /--mfu: '1\.5' is not allowed; expected a fraction in \(0, 1\]/],
    [['--peak', '19.5e12', '--mfu', 'abc'], /--mfu: 'abc' is not allowed; expected a fraction in \(0, 1\]/],
    [['--memory', '80XB'], /--memory: '80XB': unknown unit 'XB'; expected for example 80GB, 80GiB or a byte count/],
    [['--memory', '80 G'], /--memory: '80 G': unknown unit 'G'; expected for example 80GB, 80GiB or a byte count/],
    [['--peak', 'fast'], /--peak: 'fast' is not a quantity; expected for example 19\.5 TFLOP\/s, 495e12 or FLOP per second/],
    [['--hardware', 'a100'], /--hardware: unknown accelerator 'a100' \(did you mean [^)]*a100-40gb[^)]*\?\); allowed: .*a100-80gb/],
    // Unknown convention names suggest close ones, as an unknown accelerator does.
    [['--precision', 'fp3'], /option '--precision <name>' argument 'fp3' is invalid \(did you mean fp32[,?][^)]*\)\. Allowed choices are fp32, mixed-bf16/],
    [['--activations', 'cs33'], /option '--activations <name>' argument 'cs33' is invalid \(did you mean cs336[,?][^)]*\)\. Allowed choices are saved, cs336/],
    [['--optimizer', 'adamx'], /option '--optimizer <name>' argument 'adamx' is invalid \(did you mean adam, adamw\?\)\. Allowed choices are adamw, adam/],
    [['--recompute', 'selectiv'], /argument 'selectiv' is invalid \(did you mean selective\?\)\. Allowed choices are none, selective, full\./],
    [['--precision', 'zzzzzz'], /argument 'zzzzzz' is invalid\. Allowed choices are fp32, mixed-bf16/],
    [['--sequence-parallel'], /--sequence-parallel: needs --tensor-parallel t/],
    [['--steps', '400000', '--tokens', '1e9'], /give --steps or --tokens, not both/],
    [['--mfu', '0.5'], /--mfu: needs a peak: --hardware NAME \(see 'lmledger hardware'\) or --peak FLOP\/s/],
  ])('%j', (args, message) => expectUserError(train(...(args as string[])), message as RegExp));

  it.concurrent('memory smaller than the weights, gradients and optimizer state: says how much they need, part by part', () =>
    expectUserError(
      train('--memory', '1GB'),
      new RegExp(
        `--memory: 1 GB \\(1,000,000,000 bytes\\) cannot hold the weights, gradients and optimizer state alone, which need ${grouped(16n * N)} bytes ` +
          `\\(34\\.03 GB, 31\\.70 GiB: ${grouped(4n * N)} weights \\+ ${grouped(4n * N)} gradients \\+ ${grouped(8n * N)} optimizer state\\) before any activations`,
      ),
    ),
  );

  it.concurrent('one byte short of the fixed part is an error; exactly the fixed part is an answer (not one sequence fits)', async () => {
    await expectUserError(train('--memory', String(16n * N - 1n)), /--memory: .* cannot hold the weights, gradients and optimizer state alone/);
    const r = await cliAsync(train('--memory', String(16n * N), '--json'));
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/"max_batch": 0,/);
  });

  it.concurrent("an accelerator's own memory that is too small is an answer, not an error (its peak may still be wanted)", async () => {
    // llama-2-13b needs 16 bytes × ~13 billion parameters, far over 40 GB, before any activations.
    const r = await cliAsync(['train', 'llama-2-13b', '--hardware', 'a100-40gb']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/nothing fits: the weights, gradients and optimizer state alone need/);
  });
});

describe('train in process: more cases of the same parsers (a UserError is what the CLI prints as one line)', () => {
  const model = resolveModel({ preset: 'gpt2-xl-swiglu', batch: '1' });
  const request = (f: TrainFlags) => trainRequest(model, f);
  const fails = (f: TrainFlags, message: RegExp) => {
    expect(() => trainAccount(request(f))).toThrow(UserError);
    expect(() => trainAccount(request(f))).toThrow(message);
  };

  it('counts: steps, tokens and devices are positive whole numbers; t ≥ 1; optimizer FLOPs ≥ 0', () => {
    fails({ steps: '0' }, /--steps: '0' is not allowed; expected a positive whole number \(400000, 400_000 or 4e5\)/);
    fails({ steps: '-1' }, /--steps: '-1' is not allowed/);
    fails({ steps: '1.5' }, /--steps: '1\.5' is not allowed/);
    fails({ tokens: 'many' }, /--tokens: 'many' is not allowed/);
    fails({ devices: '0' }, /--devices: '0' is not allowed/);
    fails({ tensorParallel: '0' }, /--tensor-parallel: '0' is not allowed; expected a whole number ≥ 1/);
    fails({ optimizerFlops: '1.5' }, /--optimizer-flops: '1\.5' is not allowed; expected a whole number ≥ 0/);
    fails({ optimizerFlops: '-2' }, /--optimizer-flops: '-2' is not allowed/);
    // Grouping is in threes with one separator; anything else is not a number (it was read as 400, 12, 14).
    fails({ steps: ',400' }, /--steps: ',400' is not allowed/);
    fails({ tensorParallel: '1,2' }, /--tensor-parallel: '1,2' is not allowed/);
    fails({ optimizerFlops: '1,4' }, /--optimizer-flops: '1,4' is not allowed/);
    expect(() => resolveModel({ preset: 'gpt2-xl-swiglu', batch: '1,0' })).toThrow(/--batch: '1,0' is not allowed; expected a positive integer/);
    expect(request({ steps: '400,000' }).steps).toBe(400_000n);
    expect(request({ steps: '400_000' }).steps).toBe(400_000n);
    expect(resolveModel({ preset: 'gpt2-xl-swiglu', batch: '1,024' }).batch).toBe(1024n);
  });

  it('--mfu outside (0, 1], as a fraction or a percentage; 1 and 100% are its closed end', () => {
    for (const mfu of ['-0.5', '0%', '150%', '1.0001', '', '50 %%', '0.5.5'])
      fails({ peak: '19.5e12', mfu }, /--mfu: .* is not allowed; expected a fraction in \(0, 1\] such as 0\.5 or 50%/);
    for (const mfu of ['1', '100%', '50%', '0.5']) expect(() => request({ peak: '19.5e12', mfu })).not.toThrow();
  });

  it('--step-time must be a positive time in s or ms; --mfu and --step-time exclude each other', () => {
    for (const t of ['0', 'fast', '-1s', '1 h', '0ms'])
      fails({ peak: '312e12', stepTime: t }, /--step-time: .* is not allowed; expected a positive time such as 0\.755, 0\.755s or 755ms/);
    fails({ stepTime: '0.755' }, /--step-time: needs a peak/);
    fails({ peak: '1e12', mfu: '0.5', stepTime: '1' }, /give --mfu \(to estimate the time\) or --step-time \(to measure MFU\), not both/);
  });

  it('peaks and memory: units are strict, values positive', () => {
    fails({ peak: '19.5 TFLOPS' }, /--peak: '19\.5 TFLOPS': unknown unit 'TFLOPS'/);
    fails({ peak: '0' }, /--peak: '0' must be positive/);
    for (const m of ['80 gb', '80GB/s', 'eighty', '80 GiBs']) fails({ memory: m }, /^--memory: /);
    fails({ memory: '0' }, /--memory: '0' must be positive/);
    fails({ memory: '1.5' }, /--memory: '1\.5' is 3\/2 bytes, not a whole number of bytes/);
  });

  it('hardware: an unknown name suggests close ones; a dtype the accelerator lacks names what it has', () => {
    fails({ hardware: 'h100' }, /--hardware: unknown accelerator 'h100' \(did you mean [^)]*h100-sxm/);
    fails({ hardware: 'tpu-v4', dtype: 'fp32' }, /--dtype fp32: tpu-v4 has no fp32 peak in formulas\/hardware\/google\.yaml; it has bf16/);
  });

  it("an accelerator without the precision policy's compute dtype: its memory still counts; a peak is an error only when MFU or a step time needs it, and the message names the policy, not a --dtype never given", () => {
    // TPU v4 lists bf16 and int8 peaks only; the default fp32 policy computes in fp32.
    const t = trainAccount(request({ hardware: 'tpu-v4' }));
    expect(t.request.peak).toBeUndefined();
    expect(t.memory.fit?.budget.bytes).toBe(32n * 2n ** 30n); // "32 GiB" (formulas/hardware/google.yaml)
    for (const f of [{ mfu: '0.5' }, { stepTime: '1' }])
      fails({ hardware: 'tpu-v4', ...f }, /^--hardware tpu-v4: no fp32 peak in formulas\/hardware\/google\.yaml \(the fp32 precision policy computes in fp32\); it has bf16, int8: give --dtype bf16, another --precision or --peak FLOP\/s$/);
    expect(trainAccount(request({ hardware: 'tpu-v4', precision: 'mixed-bf16', mfu: '0.5', steps: '1' })).request.peak?.dtype).toBe('bf16');
  });

  it('tensor parallelism that does not divide the shape: names the tensor and the rule', () => {
    fails({ tensorParallel: '3' }, /is not a whole number .* at --tensor-parallel 3: tensor and sequence parallelism need .* divisible by t/);
  });
});
