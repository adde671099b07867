// Proof against the worked numbers of "How to Scale Your Model" (jax-ml/scaling-book at c7a26c6;
// every quote, its file and line, and the convention that reproduces it are in
// test/fixtures/inference/sources.md, cited here as §n).
//
// Each number is first recomputed from the book's own inputs under the book's own convention (to
// show the text is read right), then lmledger's exact count is asserted: equal to the book's to the
// rounding the text uses, or, where the book approximates (70e9 parameters, 160e3 bytes per token,
// 2·N FLOPs per token), different by an exact gap named in the test. Model shapes are the
// published configs (formulas/presets, sources there); hardware figures are typed in below and
// checked against formulas/hardware, so that they are inputs, not outputs.
import { describe, expect, it } from 'vitest';
import { Rational } from '../../src/algebra/rational.js';
import { accelerator } from '../../src/formulas/hardware.js';
import { inferAccount, type InferAccount } from '../../src/inference/account.js';
import { inferRequest, type InferFlags } from '../../src/inference/request.js';
import { resolveModel, type RawField } from '../../src/model/spec.js';
import { cliJsonAsync } from '../helpers/proof.js';

const E = (n: number) => 10n ** BigInt(n);
const R = (n: bigint | number, d: bigint | number = 1n) => Rational.of(BigInt(n), BigInt(d));
const GiB = 2n ** 30n;
const ms = (s: Rational) => s.toNumber() * 1e3;
/** The book's rounding of a figure to `digits` decimals. */
const round = (x: number, digits = 0) => Math.round(x * 10 ** digits) / 10 ** digits;

// formulas/hardware/google.yaml (Cloud TPU v5e docs) and nvidia.yaml (H100 whitepaper, HGX B200 page).
const V5E = { bf16: 197n * E(12), int8: 393n * E(12), bandwidth: 819n * E(9), memory: 16n * GiB };
const H100 = { bf16: 9894n * E(11), fp8: 19789n * E(11), bandwidth: 335n * E(10) };
const B200 = { bf16: 2250n * E(12), bandwidth: 77n * E(11) };

// LLaMA-3-70B (§1; applied-inference.md:85–93) and LLaMA-2-13B (§6; inference.md:256–264).
const L70 = { L: 80n, d: 8192n, f: 28672n, h: 64n, k: 8n, a: 128n, V: 128256n };
const L13 = { L: 40n, d: 5120n, f: 13824n, h: 40n, k: 40n, a: 128n, V: 32000n };
type Shape = typeof L70;
/** Parameters of a Llama block stack by hand: untied embedding and head, RMSNorm gains, SwiGLU. */
const params = (m: Shape) => 2n * m.V * m.d + m.L * (2n * m.d * m.h * m.a + 2n * m.d * m.k * m.a + 3n * m.d * m.f + 2n * m.d) + m.d;
/** Parameters a matmul multiplies: all but the embedding table (a lookup) and the norm gains. */
const multiplied = (m: Shape) => params(m) - m.V * m.d - (2n * m.L + 1n) * m.d;
/** KV bytes per token: 2·L·k·a·bytes (§2). */
const kvPerToken = (m: Shape, bytes: Rational) => R(2n * m.L * m.k * m.a).mul(bytes);
/** FLOPs of one sequence's decode step at t: 2 per multiplied weight, 4·L·h·a·t for QKᵀ and A·V. */
const stepFlops = (m: Shape, t: bigint) => 2n * multiplied(m) + 4n * m.L * m.h * m.a * t;

const N70 = 70_553_706_496n; // formulas/presets/llama.yaml, published
const N13 = 13_015_864_320n;

function infer(preset: string, batch: bigint, flags: InferFlags, attention?: string): InferAccount {
  const model = resolveModel({ preset, batch: String(batch), ...(attention ? { attention } : {}) });
  return inferAccount(inferRequest(model, flags));
}

describe('inputs: the shapes and hardware figures these expectations are built from', () => {
  it('LLaMA-3-70B and LLaMA-2-13B by hand = their published counts', () => {
    expect(params(L70)).toBe(N70);
    expect(params(L13)).toBe(N13);
  });
  it('formulas/hardware holds the figures typed in here', () => {
    const v = accelerator('tpu-v5e');
    expect([v.peak.bf16!, v.peak.int8!, v.bandwidth, v.memory].map(String)).toEqual([V5E.bf16, V5E.int8, V5E.bandwidth, V5E.memory].map(String));
    const h = accelerator('h100-sxm');
    expect([h.peak.bf16!, h.peak.fp8!, h.bandwidth].map(String)).toEqual([H100.bf16, H100.fp8, H100.bandwidth].map(String));
    const b = accelerator('b200');
    expect([b.peak.bf16!, b.bandwidth].map(String)).toEqual([B200.bf16, B200.bandwidth].map(String));
  });
});

describe('§2 LLaMA-3-70B KV cache per token (applied-inference.md:109, table :171–175); convention 2·L·k·a·bytes', () => {
  it('int8: 2·8·128·80 = 163,840 bytes: the book\'s "160kB" is 160 KiB', () => {
    const a = infer('llama-3-70b', 1n, { prompt: '1', generate: '0', kvDtype: 'int8' });
    expect(a.kv.perToken.value).toBe(2n * 8n * 128n * 80n);
    expect(a.kv.perToken.value).toBe(160n * 1024n);
  });

  it.concurrent.each([
    // [dtype, the table's figure as printed, in bytes, bytes per element]
    ['bf16', '324kB', 324_000n, R(2)],
    ['int8', '162kB', 162_000n, R(1)],
    ['int4', '81kB', 81_000n, R(1, 2)],
  ] as const)("%s: exactly 2·L·k·a·bytes; the table's %s is 162e3 (163,840 rounded) times the dtype's bytes", async (dtype, _printed, table, bytes) => {
    const json = await cliJsonAsync(['infer', 'llama-3-70b', '--prompt', '1', '--generate', '0', '--kv-dtype', dtype]);
    const exact = kvPerToken(L70, bytes).toBigInt();
    expect(json.kv_cache.bytes_per_token).toBe(exact);
    // 163,840 − 162,000 = 1,840 bytes in int8: the table's kB are 162e3 (the earlier text's factor), not 163.84e3.
    expect(exact - table).toBe(R(1840n).mul(bytes).toBigInt());
  });

  it('32,768 tokens: 5 GiB per sequence ("5.3GB", the earlier 162e3·32,768 = 5.31e9) and 1.29 TB for 240 ("1.3TB")', () => {
    const a = infer('llama-3-70b', 240n, { prompt: '32767', generate: '1', kvDtype: 'int8' });
    expect(a.kv.total.value).toBe(240n * 5n * GiB);
    expect(Math.floor(Number(162_000n * 32_768n) / 1e8) / 10).toBe(5.3); // the book's own figure, truncated
    expect(round(Number(a.kv.total.value) / 1e12, 1)).toBe(1.3);
  });

  it('"(70e9 + 1.3e12) / 16e9 = 86" chips: exactly 85 of 16 GB hold the int8 weights and 240 caches of 32,768 (the book rounds the caches up to 1.3 TB)', () => {
    expect(Math.ceil((70e9 + 1.3e12) / 16e9)).toBe(86);
    const needed = N70 + 240n * 32_768n * 163_840n;
    for (const [devices, fits] of [['85', true], ['84', false]] as const) {
      const a = infer('llama-3-70b', 240n, { prompt: '32767', generate: '1', dtype: 'int8', kvDtype: 'int8', memory: '16GB', devices });
      expect(a.fit!.needed).toBe(needed);
      expect(a.fit!.fits).toBe(fits);
    }
  });
});

describe('§3 LLaMA-3-70B, batch 32, 8,192 tokens, int8 weights and KV, bf16 FLOPs, on TPU v5e (applied-inference.md:115–141)', () => {
  // The last decode step attends to t = P + G = 8,192 tokens: the book's "8192 sequence length".
  const flags: InferFlags = { prompt: '8191', generate: '1', dtype: 'int8', kvDtype: 'int8', computeDtype: 'bf16', hardware: 'tpu-v5e' };
  const on = (devices: number) => infer('llama-3-70b', 32n, { ...flags, devices: String(devices) });
  const bytes = N70 + 32n * 8192n * 163_840n; // 1 byte per parameter and per cached element

  it("the book's own chain: 41.9e9 + 70e9 = 112 GB; 112e9 / (8 · 8.2e11) = 17 ms; 32 / .017 = 1882 tokens/s, 235 per chip; a 4x4: 8.5 ms", () => {
    const kv = 160e3 * 8192 * 32;
    expect(round(kv / 1e9, 1)).toBe(41.9);
    expect(round((kv + 70e9) / 1e9)).toBe(112);
    expect(round((112e9 / (8 * 8.2e11)) * 1e3)).toBe(17);
    expect(Math.floor(32 / 0.017)).toBe(1882);
    expect(Math.floor(1882 / 8)).toBe(235);
    expect(17 / 2).toBe(8.5);
  });

  it('weights + cache = 113,503,379,456 bytes: 1,560,339,456 more than the book\'s, from 160e3 for 163,840 bytes per token and 70e9 for 70,553,706,496 parameters', () => {
    const a = on(8);
    expect(a.fit!.needed).toBe(bytes);
    expect(bytes - 111_943_040_000n).toBe(32n * 8192n * (163_840n - 160_000n) + (N70 - 70n * E(9)));
  });

  it('the smallest slice is the book\'s 4x2: 8 chips of 16 GB hold it, 7 are 1,503,379,456 bytes short (with 16 GiB chips 7 would do)', () => {
    const at = (devices: string, memory: string) => infer('llama-3-70b', 32n, { ...flags, devices, memory }).fit!;
    expect(at('8', '16GB').fits).toBe(true);
    const seven = at('7', '16GB');
    expect(seven.fits).toBe(false);
    expect(seven.needed - 7n * 16n * E(9)).toBe(1_503_379_456n);
    expect(at('7', '16GiB').fits).toBe(true);
  });

  it('the step is memory-bound, exactly bytes ÷ (8 × 819 GB/s) = 17.32 ms: "17ms" (17.30 ms at the book\'s 8.2e11)', () => {
    const a = on(8);
    expect(a.decode.step!.bound).toBe('memory');
    expect(a.decode.bytesPerStep.value).toBe(bytes);
    expect(a.decode.step!.seconds.equals(R(bytes, 8n * V5E.bandwidth))).toBe(true);
    expect(round(ms(a.decode.step!.seconds))).toBe(17);
    const book = infer('llama-3-70b', 32n, { ...flags, hardware: undefined, peak: '197e12', bandwidth: '8.2e11', devices: '8' });
    expect(book.decode.step!.seconds.equals(R(bytes, 8n * 820n * E(9)))).toBe(true);
    expect(round(ms(book.decode.step!.seconds))).toBe(17);
  });

  it('and its FLOPs, 32·(2·69,501,714,432 + 4·80·64·128·8,192), take 3.26 ms at bf16 peak: "well into the memory-bound regime"', () => {
    const a = on(8);
    expect(a.decode.flopsPerStep.value).toBe(32n * stepFlops(L70, 8192n));
    expect(multiplied(L70)).toBe(69_501_714_432n);
    expect(round(ms(R(a.decode.flopsPerStep.value, 8n * V5E.bf16)), 2)).toBe(3.26);
  });

  it('1,847 tokens/s (231 per chip), not 1882 (235): the book divides 32 by the step time rounded to 17 ms', () => {
    const a = on(8);
    const exact = R(32n * 8n * V5E.bandwidth, bytes);
    expect(a.decode.tokensPerSecond!.total.equals(exact)).toBe(true);
    expect(Math.floor(exact.toNumber())).toBe(1847);
    expect(Math.floor(exact.toNumber() / 8)).toBe(230); // 230.9
    expect(Math.floor(32 / 0.017) - Math.floor(exact.toNumber())).toBe(35);
  });

  it('on a 4x4 the step halves exactly (8.66 ms; the book: 17 / 2 = 8.5) and tokens/s per chip stay the same', () => {
    const [a8, a16] = [on(8), on(16)];
    expect(a16.decode.step!.seconds.equals(a8.decode.step!.seconds.div(R(2)))).toBe(true);
    expect(round(ms(a16.decode.step!.seconds), 2)).toBe(8.66);
    expect(a16.decode.tokensPerSecond!.total.div(R(16)).equals(a8.decode.tokensPerSecond!.total.div(R(8)))).toBe(true);
  });

  it('end to end: infer --json', async () => {
    const json = await cliJsonAsync(['infer', 'llama-3-70b', '--prompt', '8191', '--generate', '1', '--batch', '32', '--dtype', 'int8', '--kv-dtype', 'int8', '--compute-dtype', 'bf16', '--hardware', 'tpu-v5e', '--devices', '8']);
    expect(json.kv_cache.bytes).toBe(32n * 8192n * 163_840n);
    expect(json.decode.bytes_per_step).toBe(bytes);
    expect(json.decode.bound).toBe('memory');
    expect(json.decode.seconds_per_step).toBeCloseTo(Number(bytes) / (8 * 819e9), 12);
    expect(json.fit.fits).toBe(true);
  });
});

describe('§4 the largest batch at 8k on the smallest slices, and its step (applied-inference.md:171–185)', () => {
  it.each([
    // [dtype of weights and KV, bytes, chips] from the table: bf16 on 4x4, int8 on 4x2, int4 on 2x2
    ['bf16', R(2), 16n],
    ['int8', R(1), 8n],
    ['int4', R(1, 2), 4n],
  ] as const)('%s: 42 caches of 8,192 in 16 GB chips, not the table\'s 43 (70e9 parameters, 162e3 per token); 49 in 16 GiB chips', (dtype, bytes, chips) => {
    const weights = R(N70).mul(bytes).toBigInt();
    const cache = 8192n * kvPerToken(L70, bytes).toBigInt();
    for (const [memory, per, expected] of [['16GB', 16n * E(9), 42n], ['16GiB', 16n * GiB, 49n]] as const) {
      expect((chips * per - weights) / cache).toBe(expected);
      const a = infer('llama-3-70b', 1n, { prompt: '8191', generate: '1', dtype, kvDtype: dtype, memory, devices: String(chips) });
      expect(a.fit!.maxBatch).toBe(expected);
    }
    // The book: (chips · 16 GB − param size) ÷ (8,192 · its kB per token).
    const [paramGB, kB] = { bf16: [140, 324], int8: [70, 162], int4: [35, 81] }[dtype];
    expect(Math.floor(((Number(chips) * 16 - paramGB!) * 1e9) / (8192 * kB! * 1e3))).toBe(43);
  });

  it('the step at that batch takes 19 ms (the book: 16GB / 8.2e11 = 19.5, written "19ms"): bf16, 42 caches, 16 chips', () => {
    const a = infer('llama-3-70b', 42n, { prompt: '8191', generate: '1', hardware: 'tpu-v5e', devices: '16' });
    expect(a.decode.step!.bound).toBe('memory');
    expect(a.decode.step!.seconds.equals(R(2n * N70 + 42n * 8192n * 327_680n, 16n * V5E.bandwidth))).toBe(true);
    expect(round(ms(a.decode.step!.seconds))).toBe(19); // 19.37
    expect(Math.floor((16e9 / 8.2e11) * 1e3)).toBe(19); // the book truncates 19.5
  });
});

describe('§5 prefill of 8,192 tokens on 16 v5e at 40% (applied-inference.md:259)', () => {
  // 40% of 16 × 197e12 as the peak of one device: --peak 78.8e12 (0.4 × 197e12) with --devices 16.
  const flags: InferFlags = { prompt: '8192', generate: '0', peak: '78.8e12', bandwidth: '819e9', devices: '16' };
  const P = 8192n;
  const at40 = (flops: bigint) => R(flops).div(R(16n * 788n * E(11)));

  it("the book's chain: 2 · 70e9 · 8192 / (16 · 1.97e14 · 0.4) = 0.91 s", () => {
    expect(round((2 * 70e9 * 8192) / (16 * 1.97e14 * 0.4), 2)).toBe(0.91);
  });

  it("1.04 s, not 0.91: the book's 2·N·P counts the embedding lookup and norm gains as multiplied and leaves out attention's 4·L·h·a·P² (dense)", () => {
    const a = infer('llama-3-70b', 1n, flags);
    const attention = 4n * L70.L * L70.h * L70.a * P * P;
    expect(a.prefill.flops.value).toBe(2n * multiplied(L70) * P + attention);
    expect(a.prefill.flops.value - 2n * 70n * E(9) * P).toBe(attention - 2n * (70n * E(9) - multiplied(L70)) * P);
    expect(a.prefill.roofline!.bound).toBe('compute');
    expect(a.prefill.roofline!.seconds.equals(at40(a.prefill.flops.value))).toBe(true);
    expect(round(a.prefill.roofline!.seconds.toNumber(), 2)).toBe(1.04);
  });

  it('--attention causal: the P(P + 1)/2 pairs a mask keeps, 0.97 s', () => {
    const a = infer('llama-3-70b', 1n, flags, 'causal');
    expect(a.prefill.flops.value).toBe(2n * multiplied(L70) * P + (4n * L70.L * L70.h * L70.a * P * (P + 1n)) / 2n);
    expect(round(a.prefill.roofline!.seconds.toNumber(), 2)).toBe(0.97);
  });
});

describe('§6 LLaMA-2-13B (inference.md:256–303)', () => {
  it('one 8,192-token cache in bf16: 8192·40·128·40·2·2 = 6,710,886,400 bytes, "6.7 GB" (6.25 GiB)', () => {
    const a = infer('llama-2-13b', 1n, { prompt: '8191', generate: '1' });
    expect(a.kv.total.value).toBe(8192n * 40n * 128n * 40n * 2n * 2n);
    expect(round(Number(a.kv.total.value) / 1e9, 1)).toBe(6.7);
    expect(R(a.kv.total.value, GiB).toNumber()).toBe(6.25);
  });

  // inference.md:294–299, columns B = 1, 8, 16, 32, 64, 240.
  const TABLE: Array<[bigint, number, number]> = [
    [1n, 4.98, 200.61],
    [8n, 12.13, 659.3],
    [16n, 20.3, 787.99],
    [32n, 36.65, 873.21],
    [64n, 69.33, 923.13],
    [240n, 249.09, 963.53],
  ];

  it("the table's step times and throughputs are (26e9 + 6.7e9·B) bytes ÷ (8 × 8.2e11 B/s): its GiB and TiB/s are decimal", () => {
    for (const [B, step, tps] of TABLE) {
      const seconds = (26e9 + Number(B) * 6.7e9) / (8 * 8.2e11);
      expect(round(seconds * 1e3, 2)).toBe(step);
      expect(round(Number(B) / seconds, 2)).toBe(tps);
    }
  });

  it.each(TABLE)("lmledger at the book's 820 GB/s, B = %s: memory-bound, 31,728,640 + 10,886,400·B bytes above the table (13e9 parameters and 6.7 GB caches rounded)", (B) => {
    const a = infer('llama-2-13b', B, { prompt: '8191', generate: '1', peak: '197e12', bandwidth: '820GB/s', devices: '8' });
    expect(a.decode.step!.bound).toBe('memory');
    const bytes = a.decode.bytesPerStep.value;
    expect(bytes).toBe(2n * N13 + B * 8192n * 2n * 40n * 40n * 128n * 2n);
    expect(bytes - (26n * E(9) + (B * 67n * E(9)) / 10n)).toBe(31_728_640n + 10_886_400n * B);
    expect(a.decode.step!.seconds.equals(R(bytes, 8n * 820n * E(9)))).toBe(true);
  });

  it('"We OOM beyond batch size 16": in 8 × 16 GiB (the book\'s "128GiB of HBM") 16 caches of 8,192 fit, 17 do not', () => {
    const fit = (B: bigint) => infer('llama-2-13b', B, { prompt: '8191', generate: '1', hardware: 'tpu-v5e', devices: '8' }).fit!;
    expect(fit(1n).maxBatch).toBe(16n);
    expect((8n * V5E.memory - 2n * N13) / 6_710_886_400n).toBe(16n);
    expect(fit(16n).fits).toBe(true);
    expect(fit(17n).fits).toBe(false);
  });
});

describe('§7 critical batch sizes: B_crit = β · peak ÷ bandwidth (roofline.md:162, :270; inference.md:160–174; gpus.md:218–220)', () => {
  const crit = (peak: bigint, bandwidth: bigint, beta = R(1)) => R(peak, bandwidth).mul(beta).toNumber();

  it('TPU v5e, bf16: the book\'s 1.97e14 / 8.2e11 = 240; formulas/hardware\'s 197e12 / 819e9 = 240.5, "B > 240"', () => {
    expect(Math.floor(1.97e14 / 8.2e11)).toBe(240);
    expect(Math.floor(crit(V5E.bf16, V5E.bandwidth))).toBe(240);
  });

  it('TPU v5e, int8 weights with bf16 FLOPs: half, 120; int8 × int8: "about 240" (the book\'s 3.94e14: 240.2; Google\'s 393 TOP/s: 239.9)', () => {
    expect(Math.floor(crit(V5E.bf16, V5E.bandwidth, R(1, 2)))).toBe(120);
    expect(round(3.94e14 / 8.2e11 / 2)).toBe(240);
    expect(round(crit(V5E.int8, V5E.bandwidth, R(1, 2)))).toBe(240);
  });

  it('H100 SXM: 989.4e12 / 3.35e12 = 295; fp8 590', () => {
    expect(Math.floor(9.89e14 / 3.35e12)).toBe(295);
    expect(Math.floor(crit(H100.bf16, H100.bandwidth))).toBe(295);
    expect(Math.floor(crit(H100.fp8, H100.bandwidth))).toBe(590);
  });

  it("B200: 292, not the book's 281: formulas/hardware has NVIDIA's HGX B200 7.7 TB/s where the book takes 8 TB/s", () => {
    expect(Math.floor(2250e12 / 8e12)).toBe(281);
    expect(Math.floor(crit(B200.bf16, B200.bandwidth))).toBe(292);
    expect(Math.floor(crit(B200.bf16, 8n * E(12)))).toBe(281);
  });

  // lmledger's critical_batch is the batch at which the whole last decode step turns compute-bound:
  // (weight bytes ÷ bandwidth) ÷ (F(t) ÷ peak − KV bytes of t tokens ÷ bandwidth), per sequence.
  const wholeStep = (weightBytes: Rational, t: bigint, kv: Rational, peak: bigint) =>
    weightBytes.div(R(V5E.bandwidth)).div(R(stepFlops(L70, t), peak).sub(kv.mul(R(t)).div(R(V5E.bandwidth))));

  it.each([
    // [weights and KV dtype, bytes per element, compute peak, lmledger's batch, the book's]
    ['bf16', R(2), V5E.bf16, 245n, 240],
    ['int8', R(1), V5E.bf16, 123n, 120],
  ] as const)(
    "LLaMA-3-70B's whole decode step at t = 1, %s weights and KV, bf16 FLOPs: %s, above the book's %s — the step also reads the embedding table it does not multiply (1.5% of the bytes) and attends to its cache",
    (dtype, bytes, peak, batch, book) => {
      const a = infer('llama-3-70b', 1n, { prompt: '1', generate: '0', dtype, kvDtype: dtype, computeDtype: 'bf16', hardware: 'tpu-v5e' });
      const exact = wholeStep(R(N70).mul(bytes), 1n, kvPerToken(L70, bytes), peak);
      expect(a.criticalBatch!.exact.equals(exact)).toBe(true);
      expect(a.criticalBatch!.batch).toBe(batch);
      expect(Math.floor(exact.toNumber()) + 1).toBe(Number(batch));
      // The book's B_crit: β · peak ÷ bandwidth with β = bytes per weight ÷ 2 (inference.md:160).
      expect(Math.floor(R(peak, V5E.bandwidth).mul(bytes).div(R(2)).toNumber())).toBe(book);
    },
  );

  it('at 8,192 tokens in bf16 there is none: the KV read of one sequence takes longer than its FLOPs ("at long context lengths KV loading always dominates", applied-inference.md:297)', () => {
    const a = infer('llama-3-70b', 1n, { prompt: '8191', generate: '1', hardware: 'tpu-v5e' });
    expect(a.criticalBatch).toBeUndefined();
    const t = 8192n;
    expect(kvPerToken(L70, R(2)).mul(R(t)).div(R(V5E.bandwidth)).compare(R(stepFlops(L70, t), V5E.bf16))).toBe(1);
  });
});

describe('§8 arithmetic intensity of attention in a decode step (inference.md:188–196; transformers.md:356–358)', () => {
  // lmledger counts the KV read, not the Q read or the output write (activation traffic is on-chip,
  // a stated convention): its intensity is the book's S → ∞ limit, G = h/k, exactly; the book's
  // SG/(G + S) is below it by G²/(G + S), the share of those Q and O bytes.
  it.each([
    ['llama-3-70b', 64n, 8n],
    ['llama-3-8b', 32n, 8n],
    ['llama-2-13b', 40n, 40n],
  ] as const)('%s: (QKᵀ + A·V FLOPs) ÷ KV bytes = h/k; SG/(G + S) at S = 8,192 is G²/(G + S) less', (preset, h, k) => {
    const a = infer(preset, 3n, { prompt: '8191', generate: '1' });
    const attention = a.ledger.decode.matmuls.filter((m) => m.component.id === 'attention' && ['scores', 'weighted_sum'].includes(m.matmul.id));
    expect(attention).toHaveLength(2);
    const flops = attention.reduce((s, m) => s.add(m.flops.evaluate(a.values)), R(0));
    const kvBytes = R(3n * 8192n * a.kv.perToken.value);
    const G = R(h, k);
    expect(flops.div(kvBytes).equals(G)).toBe(true);
    const S = R(8192);
    const book = S.mul(G).div(G.add(S));
    expect(G.sub(book).equals(G.mul(G).div(G.add(S)))).toBe(true);
  });
});

describe('§9 "2 · 8192 · 64 · 8192 = 8GiB" (transformers.md:286): int8, 8k context, 64 layers, KH = NH = D = 8192', () => {
  it('kv_cache.bytes = 2³³', () => {
    const values: Record<string, RawField> = { vocab_size: 32000, context_length: 8192, num_layers: 64, d_model: 8192, num_heads: 64, num_kv_heads: 64, d_ff: 28672 };
    const model = resolveModel({ arch: 'decoder', values, label: 'transformers.md', batch: '1' });
    const a = inferAccount(inferRequest(model, { prompt: '8191', generate: '1', kvDtype: 'int8' }));
    expect(a.kv.total.value).toBe(8n * GiB);
    expect(a.kv.total.value).toBe(2n * 8192n * 64n * 8192n);
  });
});
