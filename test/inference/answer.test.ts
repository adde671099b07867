// The serving write-up (answer --problem inference) against independent routes:
//  - it states what `infer --json` computes for the same model and options (numbers and the LaTeX
//    of the formulas beside them), for the problem's givens and for flags on top of them;
//  - the batch it names as where decode turns compute-bound is where FLOPs ÷ bytes of the step,
//    from `infer --json` at that batch and the one below, crosses peak ÷ bandwidth typed in here;
//  - the worked numbers of "How to Scale Your Model" (test/fixtures/inference/sources.md §3, §4,
//    §6), derived by hand from the book's inputs, appear in it.
import { describe, expect, it } from 'vitest';
import { cliAsync, cliJsonAsync } from '../helpers/proof.js';

const digits = (n: bigint) => n.toString().replace(/\B(?=(\d{3})+(?!\d))/g, ',');
const grouped = (x: number, places: number) => {
  const [i, f] = x.toFixed(places).split('.');
  return `${digits(BigInt(i!))}${f ? `.${f}` : ''}`;
};
const E = (n: number) => 10n ** BigInt(n);

async function answerMd(args: string[]): Promise<string> {
  const r = await cliAsync(['answer', '--problem', 'inference', ...args, '--format', 'md']);
  expect(r.code, r.stderr).toBe(0);
  return r.stdout;
}

// The problem's givens as `infer` flags (formulas/problems/problems.yaml, inference).
const GIVENS = ['--prompt', '8191', '--generate', '1', '--batch', '32', '--dtype', 'int8', '--kv-dtype', 'int8', '--compute-dtype', 'bf16', '--hardware', 'tpu-v5e', '--devices', '8'];

/** Every number and formula of infer --json that the write-up states. */
function expectStates(doc: string, j: any): void {
  const has = (s: string) => expect(doc, s).toContain(s);
  has(`${digits(j.kv_cache.bytes_per_token)} bytes per token`);
  has(`${digits(j.kv_cache.bytes)} bytes`);
  has(`${digits(j.weights_bytes)} bytes`);
  has(`${digits(j.prefill.flops)} FLOPs`);
  has(`${digits(j.prefill.bytes)} bytes`);
  has(`${digits(j.decode.flops_per_step)} FLOPs`);
  has(`${digits(j.decode.flops_per_token)} per sequence`);
  has(`${digits(j.decode.bytes_per_step)} bytes`);
  for (const f of [j.kv_cache.bytes_per_token_formula_latex, j.kv_cache.bytes_formula_latex, j.prefill.flops_formula_latex, j.prefill.bytes_formula_latex, j.decode.flops_per_step_formula_latex, j.decode.bytes_per_step_formula_latex, j.decode.flops_formula_latex, j.decode.bytes_formula_latex, j.weights_bytes_formula_latex])
    has(f);
  has(`${j.decode.bound}-bound: its FLOPs take`);
  has(`${j.prefill.bound}-bound`);
  has(`a token every ${(j.decode.seconds_per_step * 1e3).toFixed(3)} ms`);
  has(`${grouped(j.decode.tokens_per_second, 1)} for the batch`);
  has(`${grouped(j.decode.intensity, 1)} FLOPs per byte`);
  if (j.fit) {
    has(`they need ${digits(j.fit.needed_bytes)} bytes`);
    has(j.fit.fits ? 'and fit in' : 'and do not fit in');
    if (j.fit.max_batch > 0n) has(`The largest batch at t = ${digits(j.model.symbols.t.value)} tokens is B = ${digits(j.fit.max_batch)}`);
    has(`the longest context at B = ${digits(j.model.symbols.B.value)} is ${digits(j.fit.max_context)} tokens`);
  }
  if (j.critical_batch === null) has('no batch makes the step compute-bound');
  else has(`from B = ${digits(j.critical_batch)} (`);
  for (const c of Object.values(j.conventions) as string[]) has(c.replace(/_/g, '\\_').replace(/`/g, '\\`').replace(/\*/g, '\\*'));
}

describe('answer --problem inference states what infer --json computes for the same givens', () => {
  it.concurrent.each([
    ['the givens (LLaMA-3-70B, int8, 8 × TPU v5e)', [], []],
    // The issue's question: LLaMA-3-70B on 8 H100s, 8k context, batch 32, bf16 weights and an fp8 KV cache.
    ['on top: 8 × H100, bf16 weights, fp8 KV, 7,168 + 1,024 tokens', ['--hardware', 'h100-sxm', '--dtype', 'bf16', '--kv-dtype', 'fp8', '--prompt', '7168', '--generate', '1024'], []],
    ['another model with a critical batch (llama-3-8b, 1 H100, bf16)', ['llama-3-8b', '--hardware', 'h100-sxm', '--devices', '1', '--dtype', 'bf16', '--kv-dtype', 'bf16', '--prompt', '192', '--generate', '64', '--batch', '8'], ['llama-3-8b']],
    ['a mixture of experts (mixtral-8x7b, 2 H100, causal)', ['mixtral-8x7b', '--hardware', 'h100-sxm', '--devices', '2', '--dtype', 'bf16', '--kv-dtype', 'bf16', '--prompt', '2048', '--generate', '256', '--batch', '16', '--attention', 'causal'], ['mixtral-8x7b']],
  ] as Array<[string, string[], string[]]>)('%s', async (_name, flags, model) => {
    const preset = model.length ? model : ['llama-3-70b'];
    const inferArgs = [...GIVENS];
    // Flags on top of the givens replace them, as they do on the command line.
    for (let i = model.length; i < flags.length; i += 2) {
      const k = inferArgs.indexOf(flags[i]!);
      if (flags[i] === '--attention') inferArgs.push(flags[i]!, flags[i + 1]!);
      else if (k >= 0) inferArgs[k + 1] = flags[i + 1]!;
      else inferArgs.push(flags[i]!, flags[i + 1]!);
    }
    const [doc, j] = await Promise.all([answerMd([...flags]), cliJsonAsync(['infer', ...preset, ...inferArgs])]);
    expectStates(doc, j);
  });

  it('a mixture of experts says that every expert is read per step, beside the active count', async () => {
    const doc = await answerMd(['mixtral-8x7b', '--dtype', 'bf16', '--kv-dtype', 'bf16', '--batch', '1']);
    // Mixtral 8x7B: 46,702,792,704 parameters, 12,879,925,248 active (formulas/presets/mistral.yaml, published).
    expect(doc).toContain('weights of all 46,702,792,704 parameters, every expert\'s (a token\'s routed experts use 12,879,925,248');
    expect(doc).toContain('experts: mixture of experts: a decode step reads the weights of every expert');
  });

  it('flags that belong to training are refused for a serving problem, and serving flags without one', async () => {
    for (const [args, flag] of [
      [['answer', '--problem', 'inference', '--steps', '10'], '--steps'],
      [['answer', '--prompt', '10'], '--prompt'],
      [['answer', '--problem', 'adamw', '--kv-dtype', 'fp8'], '--kv-dtype'],
    ] as const) {
      const r = await cliAsync([...args]);
      expect(r.code).toBe(2);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stderr).toMatch(new RegExp(`^lmledger: ${flag}: only for an? (training|inference) write-up`));
    }
  });
});

describe('the batch where decode turns compute-bound: intensity crosses peak ÷ bandwidth there, by definition', () => {
  // h100-sxm (formulas/hardware/nvidia.yaml; H100 whitepaper): 989.4 TFLOP/s bf16 dense, 3.35 TB/s.
  const [peak, bandwidth] = [9894n * E(11), 335n * E(10)];
  const base = ['llama-3-8b', '--hardware', 'h100-sxm', '--prompt', '192', '--generate', '64'];
  /** FLOPs · bandwidth against peak · bytes: the sign of intensity − ridge, exactly. */
  const side = (j: any) => {
    const [l, r] = [j.decode.flops_per_step * bandwidth, peak * j.decode.bytes_per_step];
    return l > r ? 1 : l < r ? -1 : 0;
  };

  it('llama-3-8b on an H100 at t = 256: memory-bound one batch below, compute-bound at it; the write-up names that batch', async () => {
    const j = await cliJsonAsync(['infer', ...base, '--batch', '1']);
    expect(typeof j.critical_batch).toBe('bigint');
    const c = j.critical_batch as bigint;
    expect(c).toBeGreaterThan(1n);
    const [below, at, doc] = await Promise.all([cliJsonAsync(['infer', ...base, '--batch', String(c - 1n)]), cliJsonAsync(['infer', ...base, '--batch', String(c)]), answerMd([...base, '--devices', '1', '--dtype', 'bf16', '--kv-dtype', 'bf16', '--batch', '1'])]);
    expect(side(below)).toBe(-1);
    expect(below.decode.bound).toBe('memory');
    expect(side(at)).toBe(1);
    expect(at.decode.bound).toBe('compute');
    expect(doc).toContain(`from B = ${digits(c)} (`);
    // The table's row at that batch says so too.
    expect(doc).toMatch(new RegExp(`\\| ${digits(c)} \\|[^\\n]*\\| compute \\|[^\\n]*first compute-bound`));
  });

  it("when there is none, the write-up's last context with one is where one sequence's FLOPs ÷ its cache's bytes crosses the ridge", async () => {
    // The givens: LLaMA-3-70B int8 on v5e (197 TFLOP/s bf16, 819 GB/s): none at t = 8,192.
    const doc = await answerMd([]);
    const m = /while the context is at most t = ([\d,]+) tokens/.exec(doc);
    expect(m).not.toBeNull();
    const tStar = BigInt(m![1]!.replace(/,/g, ''));
    const [v5ePeak, v5eBw] = [197n * E(12), 819n * E(9)];
    // One sequence's step at t against ρ·(its cache of t tokens): F₁(t)·bw > peak·t·m below t*, not above.
    const oneSeq = async (t: bigint) => cliJsonAsync(['infer', 'llama-3-70b', '--prompt', String(t - 1n), '--generate', '1', '--dtype', 'int8', '--kv-dtype', 'int8', '--compute-dtype', 'bf16', '--hardware', 'tpu-v5e']);
    const [at, above] = await Promise.all([oneSeq(tStar), oneSeq(tStar + 1n)]);
    const ahead = (j: any, t: bigint) => j.decode.flops_per_token * v5eBw > v5ePeak * t * j.kv_cache.bytes_per_token;
    expect(ahead(at, tStar)).toBe(true);
    expect(ahead(above, tStar + 1n)).toBe(false);
    expect(at.critical_batch).not.toBeNull();
    expect(above.critical_batch).toBeNull();
    expect(at.critical_context).toBe(tStar);
    expect(above.intensity_limit).toBeCloseTo(Number(above.decode.flops_per_token) / Number((tStar + 1n) * above.kv_cache.bytes_per_token), 9);
    // infer's text says the same.
    const text = await cliAsync(['infer', 'llama-3-70b', ...GIVENS]);
    expect(text.stdout).toContain(`compute-bound only at a context of at most ${digits(tStar)} tokens`);
  });
});

describe('"How to Scale Your Model" worked numbers appear in the write-up (test/fixtures/inference/sources.md)', () => {
  const N70 = 70_553_706_496n; // formulas/presets/llama.yaml, published
  const N13 = 13_015_864_320n;

  it('§3 LLaMA-3-70B, B = 32, 8,192 tokens, int8, 8 × v5e: 163,840 bytes per token, 113.5 GB ("112GB"), memory-bound, 17.32 ms ("17ms"), 1,847 tokens/s (231 per chip), FLOPs 3.26 ms', async () => {
    const doc = await answerMd([]);
    const kv = 2n * 8n * 128n * 80n; // 2·K·H·L in int8 (applied-inference.md:109)
    const bytes = N70 + 32n * 8192n * kv;
    expect(doc).toContain(`${digits(kv)} bytes per token`);
    expect(doc).toContain(`they need ${digits(bytes)} bytes`);
    expect(doc).toContain('so it is memory-bound');
    const step = Number(bytes) / (8 * 819e9);
    expect(Math.round(step * 1e3)).toBe(17); // the book's "17ms"
    expect(doc).toContain(`a token every ${(step * 1e3).toFixed(3)} ms`);
    expect(doc).toContain(`${grouped(32 / step, 1)} for the batch (${grouped(32 / step / 8, 1)} per device)`);
    const flops = 32n * (2n * 69_501_714_432n + 4n * 80n * 64n * 128n * 8192n);
    expect(doc).toContain(`its FLOPs take ${((Number(flops) / (8 * 197e12)) * 1e3).toFixed(3)} ms at peak`);
  });

  it('§3 on a 4x4 (16 chips) the step halves: 8.66 ms (the book: 17 / 2 = 8.5)', async () => {
    const doc = await answerMd(['--devices', '16']);
    expect(doc).toContain(`a token every ${((Number(N70 + 32n * 8192n * 163_840n) / (16 * 819e9)) * 1e3).toFixed(3)} ms`);
    expect(doc).toContain('a token every 8.662 ms');
  });

  it('§4 int8 on 8 chips: the largest batch of 8,192-token caches is 49 in 16 GiB chips and 42 read as 16 GB (the table\'s 43 from 70e9 and 162e3)', async () => {
    const doc = await answerMd([]);
    expect((8n * 16n * 2n ** 30n - N70) / (8192n * 163_840n)).toBe(49n);
    expect((8n * 16n * E(9) - N70) / (8192n * 163_840n)).toBe(42n);
    expect(doc).toContain('is B = 49,');
    expect(doc).toContain('Read as 16 GB each, the memory would hold B = 42');
  });

  it('§6 LLaMA-2-13B in bf16 on 8 v5e: one cache of 8,192 tokens is 6,710,886,400 bytes ("6.7 GB"); "we OOM beyond batch size 16"; at 820 GB/s the table\'s step times', async () => {
    const doc = await answerMd(['llama-2-13b', '--dtype', 'bf16', '--kv-dtype', 'bf16', '--batch', '1', '--peak', '197e12', '--bandwidth', '820GB/s']);
    const cache = 8192n * 40n * 128n * 40n * 2n * 2n; // inference.md:286
    expect(doc).toContain(`one sequence's cache is ${digits(cache)} bytes (6.71 GB`);
    expect(doc).toContain('The largest batch at t = 8,192 tokens is B = 16,');
    // inference.md:294–299: 4.98, 12.13, 20.30, 36.65, 69.33 ms at B = 1, 8, 16, 32, 64, from
    // (26e9 + 6.7e9·B) bytes; exactly, (2·N + B·cache) ÷ (8 × 820e9), memory-bound in every column.
    for (const [B, book] of [[1n, 4.98], [8n, 12.13], [16n, 20.3], [32n, 36.65], [64n, 69.33]] as const) {
      const ms = (Number(2n * N13 + B * cache) / (8 * 820e9)) * 1e3;
      // Above the book's by its roundings (13e9 parameters, 6.7 GB caches: 31,728,640 + 10,886,400·B
      // bytes, sources.md §6), to the book's two decimals.
      const gap = (Number(31_728_640n + 10_886_400n * B) / (8 * 820e9)) * 1e3;
      expect(Math.abs(ms - gap - book)).toBeLessThan(0.005 + 1e-9);
      expect(doc).toMatch(new RegExp(`\\| ${digits(B)} \\|[^\\n]*\\| memory \\| ${ms.toFixed(3)} \\|`));
    }
  });
});
