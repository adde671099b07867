// Decode and prefill against independent routes (expected numbers never come from the code under
// test): one step's FLOPs, bytes and cache against the structural counter on random configs;
// prefill against the forward account at T = P; the exact decode time against a brute-force
// loop across a change of bound; the critical batch against a scan over B; and two regressions
// (the rows of a learned position table are not the prompt; flops_per_token is per token).
import { inferenceLedger } from '../../src/inference/ledger.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Rational } from '../../src/algebra/rational.js';
import { structure, structureFlops, structureParams } from '../../src/check/structure.js';
import { loadArchitectureFile } from '../../src/formulas/load.js';
import { inferAccount } from '../../src/inference/account.js';
import { inferRequest, type InferFlags } from '../../src/inference/request.js';
import { account } from '../../src/ledger/account.js';
import { resolveModel, type ModelSpec, type RawField } from '../../src/model/spec.js';
import { cliAsync, cliJson, cliJsonAsync } from '../helpers/proof.js';

describe("a learned position table's rows (the decoder's N_pos = context_length) are not the prompt's P", () => {
  // GPT-2 small: 124,439,808 parameters (formulas/presets/gpt2.yaml, published), of which the
  // position table is 1,024 × 768. The prompt is 512 tokens: a ledger that read the table's P as
  // the prompt would count 512 × 768 = 393,216 parameters too few.
  const N = 124_439_808n;
  const kvPerToken = 2n * 12n * 768n * 2n; // 2 · L · k · a · bytes (bf16), k·a = d = 768

  it('in-process: parameters, weight bytes and the bytes of the last decode step', () => {
    const model = resolveModel({ preset: 'gpt2', batch: '2' });
    const a = inferAccount(inferRequest(model, { prompt: '512', generate: '10' }));
    expect(a.params.value).toBe(N);
    expect(a.weightBytes.value).toBe(2n * N);
    expect(a.decode.bytesPerStep.value).toBe(2n * N + 2n * 522n * kvPerToken);
    expect(a.prefill.bytes.value).toBe(2n * N + 2n * 512n * kvPerToken);
  });

  it('CLI --json: params.total, weights_bytes and the symbol for the table', () => {
    const json = cliJson(['infer', 'gpt2', '--prompt', '512', '--generate', '10']);
    expect(json.params.total).toBe(N);
    expect(json.weights_bytes).toBe(2n * N);
    expect(json.model.symbols.P.value).toBe(512n);
    expect(json.model.symbols.N_pos.value).toBe(1024n);
  });
});

describe('decode.flops_per_token is one token of one sequence; decode.flops_per_step the batch', () => {
  // LLaMA-3-8B (formulas/presets/llama.yaml): 8,030,261,248 parameters, of which the embedding
  // (V·d) and the 2L + 1 RMSNorm gains are not multiplied; each other weight costs 2 FLOPs per token.
  const [L, d, V, h, a] = [32n, 4096n, 128256n, 32n, 128n];
  const multiplied = 8_030_261_248n - V * d - (2n * L + 1n) * d;
  const t = 4096n;
  const perToken = 2n * multiplied + 4n * L * h * a * t; // + QKᵀ and A·V over t keys, h heads
  it.concurrent.each([1n, 32n])('at B = %s', async (B) => {
    const json = await cliJsonAsync(['infer', 'llama-3-8b', '--prompt', String(t - 1n), '--generate', '1', '--batch', String(B)]);
    expect(json.decode.flops_per_token).toBe(perToken);
    expect(json.decode.flops_per_step).toBe(B * perToken);
  });
});

// ---------------------------------------------------------------------------------------------
// One decode step against the structural counter (src/check/structure.ts: the tensors and matmul
// shapes a PyTorch module defines, from the plain config numbers, never reading formulas/): a step
// runs every matmul over 1 token; QKᵀ and A·V run over the t keys so far.

function structural(model: ModelSpec) {
  const s = structure(model);
  // A sliding-window layer attends over (and caches) at most its window of the t tokens so far.
  const window = model.config.window;
  const seen = (t: bigint, op: { name: string }) => (window !== undefined && op.name.includes('.window.') && window < t ? window : t);
  const decodeFlops = (t: bigint) =>
    s.matmuls.reduce((sum, op) => {
      if (op.name.endsWith('q@kT')) return sum + 2n * op.left[1] * seen(t, op) * op.count; // [1, a] @ [a, t]
      if (op.name.endsWith('p@v')) return sum + 2n * seen(t, op) * op.right[1] * op.count; // [1, t] @ [t, a]
      return sum + 2n * op.left[1] * op.right[1] * op.count; // [1, in] @ [in, out]
    }, 0n);
  // What a step caches per token: the outputs of the K and V projections of every layer; the
  // sliding-window layers (sliding_layers of them) for at most their window of tokens.
  const perLayer = s.tensors.filter((x) => /\.attention\.w[kv]\.weight$/.test(x.name)).reduce((sum, x) => sum + x.shape[1]!, 0n);
  const layers = model.config.num_layers!;
  const sliding = window === undefined ? 0n : model.config.sliding_layers!;
  const kvElements = perLayer * (layers - sliding);
  const kvAt = (t: bigint) => kvElements * t + perLayer * sliding * (window !== undefined && window < t ? window : t);
  return { params: structureParams(s), decodeFlops, kvElements, kvAt };
}

const BYTES: Record<string, Rational> = { fp32: Rational.of(4n), bf16: Rational.of(2n), fp8: Rational.ONE, int8: Rational.ONE, int4: Rational.of(1n, 2n) };

describe('a decode step = the structural count at 1 token and t keys, on random configs of every decoder option', () => {
  const file = loadArchitectureFile('decoder');
  const options = fc.record(Object.fromEntries(file.options.map((o) => [o.name, fc.option(fc.constantFrom(...o.values), { nil: undefined })])));
  const shape = fc
    .record({
      L: fc.integer({ min: 1, max: 4 }),
      V: fc.integer({ min: 1, max: 3000 }),
      f: fc.integer({ min: 1, max: 1024 }),
      ctx: fc.integer({ min: 2, max: 400 }),
      kvHeads: fc.integer({ min: 1, max: 8 }),
      groups: fc.integer({ min: 1, max: 6 }),
      giveKv: fc.boolean(),
      headDim: fc.option(fc.integer({ min: 1, max: 64 }), { nil: undefined }),
      dFree: fc.integer({ min: 1, max: 384 }),
      m: fc.integer({ min: 1, max: 64 }),
      B: fc.integer({ min: 1, max: 4 }),
      prompt: fc.integer({ min: 1, max: 300 }),
      generate: fc.integer({ min: 0, max: 40 }),
      weights: fc.constantFrom(...Object.keys(BYTES)),
      kv: fc.constantFrom(...Object.keys(BYTES)),
      // a mixture of experts, when the moe option is drawn
      E: fc.integer({ min: 1, max: 8 }),
      Kfrac: fc.double({ min: 0, max: 1, noNaN: true }),
      fe: fc.integer({ min: 1, max: 128 }),
      fs: fc.integer({ min: 1, max: 256 }),
      window: fc.integer({ min: 1, max: 330 }),
      slidingFrac: fc.double({ min: 0, max: 1, noNaN: true }),
    })
    .filter(({ kvHeads, groups, headDim, m }) => headDim !== undefined || kvHeads * groups * m <= 384);

  it('120 random configs: FLOPs and bytes of the last step, the cache per token, all G steps (a loop), prefill (structure at T = P)', () => {
    fc.assert(
      fc.property(shape, options, (s, opts) => {
        const h = s.kvHeads * s.groups;
        const d = s.headDim === undefined ? h * s.m : s.dFree;
        // A learned table holds P + G tokens at most: keep the request inside it.
        const learned = opts.position === 'learned';
        const prompt = learned ? Math.min(s.prompt, s.ctx - 1) : s.prompt;
        const generate = learned ? Math.min(s.generate, s.ctx - prompt) : s.generate;
        const values: Record<string, RawField> = {
          vocab_size: s.V,
          context_length: s.ctx,
          num_layers: s.L,
          d_model: d,
          num_heads: h,
          ...(opts.moe === true
            ? {
                num_experts: s.E,
                experts_per_token: 1 + Math.floor(s.Kfrac * (s.E - 1)),
                expert_d_ff: s.fe,
                ...(opts.shared_experts === 'plain' || opts.shared_experts === 'gated' ? { shared_d_ff: s.fs } : {}),
              }
            : { d_ff: s.f }),
          ...(s.giveKv ? { num_kv_heads: s.kvHeads } : {}),
          ...(s.headDim === undefined ? {} : { head_dim: s.headDim }),
          // sliding-window layers: a window below and above the context, in some or all layers
          ...(opts.sliding_window === true ? { window: s.window, sliding_layers: 1 + Math.floor(s.slidingFrac * (s.L - 1)) } : {}),
          // a CLIP vision tower: parameters only (its weights are read once per step like any other)
          ...(opts.vision === 'clip' ? { vision_width: s.window % 97 + 1, vision_d_ff: s.f % 89 + 1, vision_layers: s.L, vision_positions: s.V % 50 + 1, vision_patch: s.L + 1, vision_channels: 3 } : {}),
          // The classic variants' own sizes, when their options are drawn: one rotated dimension of
          // each head, OPT's two offset rows, projected embeddings of width fe.
          ...(opts.rotary === 'partial' && (opts.position ?? 'rope') === 'rope' ? { rotary_dim: 1 } : {}),
          ...(opts.offset_positions === true && learned ? { position_offset: 2 } : {}),
          ...(opts.embed_projection === true ? { embed_dim: s.fe } : {}),
        };
        for (const [k, v] of Object.entries(opts)) if (v !== undefined) values[k] = v as RawField;
        // Latent attention decodes on its cached latent, not as its forward at one token: its own test below.
        delete values.latent_attention;
        delete values.q_compression;
        const model = resolveModel({ arch: 'decoder', values, batch: String(s.B), label: 'random' });
        const a = inferAccount(inferRequest(model, { prompt: String(prompt), generate: String(generate), dtype: s.weights, kvDtype: s.kv }));
        const st = structural(model);
        const [B, P, G] = [BigInt(s.B), BigInt(prompt), BigInt(generate)];
        const t = P + G;
        const kv = Rational.of(st.kvElements).mul(BYTES[s.kv]!);
        const weights = Rational.of(st.params).mul(BYTES[s.weights]!);
        expect(a.decode.flopsPerStep.value).toBe(B * st.decodeFlops(t));
        expect(a.decode.flopsPerToken.value).toBe(st.decodeFlops(t));
        expect(a.ledger.kv.perToken.evaluate(a.values).equals(kv)).toBe(true);
        // the step reads the weights and the cache of t tokens (a window's at most W of them)
        expect(a.decode.bytesPerStep.formula.evaluate(a.values).equals(weights.add(Rational.of(B * st.kvAt(t)).mul(BYTES[s.kv]!)))).toBe(true);
        expect(a.kv.total.formula.evaluate(a.values).equals(Rational.of(B * st.kvAt(t)).mul(BYTES[s.kv]!))).toBe(true);
        let all = 0n;
        for (let i = P + 1n; i <= t; i++) all += B * st.decodeFlops(i);
        expect(a.decode.flops.value).toBe(all);
        const forward = resolveModel({ arch: 'decoder', values: { ...values, seq_len: prompt }, batch: String(s.B), label: 'random' });
        expect(a.prefill.flops.value).toBe(structureFlops(structure(forward)));
      }),
      { numRuns: 120 },
    );
  });

  it('swiglu-mha (the seed) at its own shape: the same identities', () => {
    const model = resolveModel({ preset: 'gpt2-xl-swiglu', batch: '3' });
    const a = inferAccount(inferRequest(model, { prompt: '700', generate: '300', kvDtype: 'fp8' }));
    const st = structural(model);
    expect(a.decode.flopsPerStep.value).toBe(3n * st.decodeFlops(1000n));
    expect(a.kv.perToken.value).toBe(st.kvElements);
    expect(st.kvElements).toBe(2n * 48n * 1600n); // 2·L·d: multi-head attention caches d per token per layer, K and V
  });
});

describe('prefill = the forward account at seq_len = P, under every attention convention', () => {
  const cases: Array<[string, string]> = [
    ['gpt2', '1000'],
    ['llama-3-8b', '4096'],
    ['qwen3-0.6b', '777'],
    ['gpt2-xl-swiglu', '1024'],
  ];
  for (const attention of ['dense', 'causal', 'causal-half'])
    it.each(cases)(`${attention}: %s at P = %s`, (preset, P) => {
      const a = inferAccount(inferRequest(resolveModel({ preset, batch: '2', attention }), { prompt: P, generate: '3' }));
      const forward = account(resolveModel({ preset, batch: '2', attention, fields: { seq_len: P } }));
      expect(a.prefill.flops.value).toBe(forward.flops.total.value);
    });

  it('causal against dense, by hand for llama-3-8b: the scores and weighted sum keep P(P + 1)/2 of the P² pairs', () => {
    const P = 4096n;
    const at = (attention: string) => inferAccount(inferRequest(resolveModel({ preset: 'llama-3-8b', batch: '1', attention }), { prompt: String(P), generate: '0' })).prefill.flops.value;
    const perPair = 4n * 32n * 32n * 128n; // 4·L·h·a: QKᵀ and A·V, 2 FLOPs each per pair and head size
    expect(at('dense') - at('causal')).toBe(perPair * (P * P - (P * (P + 1n)) / 2n));
    expect(at('dense') - at('causal-half')).toBe((perPair * P * P) / 2n);
  });
});

// ---------------------------------------------------------------------------------------------
// Time: the exact sum over the steps (split where the bound changes) against a brute-force loop of
// max(F(t)/peak, bytes(t)/bandwidth), with F and bytes from the structural count.

function bruteForce(model: ModelSpec, flags: InferFlags, peak: Rational, bandwidth: Rational) {
  const st = structural(model);
  const B = model.batch;
  const weights = Rational.of(st.params).mul(BYTES[flags.dtype ?? 'bf16']!);
  const kv = Rational.of(st.kvElements).mul(BYTES[flags.kvDtype ?? 'bf16']!);
  const step = (t: bigint) => {
    const compute = Rational.of(B * st.decodeFlops(t)).div(peak);
    // the cache read at step t: every token in the global layers, at most W in the sliding ones
    const memory = weights.add(Rational.of(B * st.kvAt(t)).mul(BYTES[flags.kvDtype ?? 'bf16']!)).div(bandwidth);
    return { seconds: compute.compare(memory) >= 0 ? compute : memory, bound: compute.compare(memory) > 0 ? 'compute' : 'memory' };
  };
  return { step, weights, kv, st };
}

describe('decode time: the exact sum equals a loop of max(FLOPs ÷ peak, bytes ÷ bandwidth) per step, across a change of bound', () => {
  it.each([
    // compute-bound while the cache is short, memory-bound once its reads outgrow the FLOPs
    ['llama-3-8b, B = 2048 on h100-sxm: compute → memory', 'llama-3-8b', '2048', { prompt: '1', generate: '1500', hardware: 'h100-sxm' }, ['compute', 'memory']],
    // a ridge of 1 FLOP per byte: memory-bound at first (the weights), then the attention FLOPs (4·L·h·a per key) outgrow the KV bytes (2·L·k·a·2)
    ['llama-3-8b, B = 1 at 1 TFLOP/s and 1 TB/s: memory → compute', 'llama-3-8b', '1', { prompt: '1', generate: '5000', peak: '1e12', bandwidth: '1e12' }, ['memory', 'compute']],
    ['gpt2 (learned positions), B = 2048 on tpu-v5e, 2 devices: compute → memory', 'gpt2', '2048', { prompt: '10', generate: '1000', hardware: 'tpu-v5e', devices: '2' }, ['compute', 'memory']],
    // sliding-window layers (13 of 26, W = 4,096): the steps cross the window at t = 4,096
    ['gemma-2-2b, B = 512 on h100-sxm across its window', 'gemma-2-2b', '512', { prompt: '3000', generate: '2000', hardware: 'h100-sxm' }, ['memory', 'memory']],
  ] as const)('%s', (_name, preset, batch, flags, bounds) => {
    const model = resolveModel({ preset, batch });
    const a = inferAccount(inferRequest(model, flags));
    const devices = Rational.of(a.request.devices);
    const loop = bruteForce(model, flags, a.request.peak!.perDevice.mul(devices), a.request.bandwidth!.perDevice.mul(devices));
    const [P, G] = [BigInt(flags.prompt), BigInt(flags.generate)];
    expect([loop.step(P + 1n).bound, loop.step(P + G).bound]).toEqual(bounds);
    let total = Rational.ZERO;
    for (let t = P + 1n; t <= P + G; t++) total = total.add(loop.step(t).seconds);
    expect(a.decode.seconds!.equals(total)).toBe(true);
    expect(a.decode.step!.seconds.equals(loop.step(P + G).seconds)).toBe(true);
    expect(a.decode.step!.bound).toBe(bounds[1]);
  });

  it('generate 0: no step, no time', () => {
    const a = inferAccount(inferRequest(resolveModel({ preset: 'gpt2', batch: '4' }), { prompt: '100', generate: '0', hardware: 'h100-sxm' }));
    expect(a.decode.seconds!.isZero()).toBe(true);
    expect(a.decode.flops.value).toBe(0n);
    expect(a.decode.bytes.value).toBe(0n);
  });
});

describe('critical batch = the smallest B whose last step a brute-force scan finds compute-bound', () => {
  const SCAN = 5000n;
  it.each([
    ['llama-3-8b', { prompt: '99', generate: '1', hardware: 'h100-sxm' }],
    ['llama-3-8b', { prompt: '99', generate: '1', hardware: 'h100-sxm', dtype: 'fp8', kvDtype: 'fp8' }],
    ['llama-3-70b', { prompt: '1', generate: '0', hardware: 'tpu-v5e', dtype: 'int8', kvDtype: 'int8', computeDtype: 'bf16' }],
    ['qwen3-0.6b', { prompt: '20', generate: '12', hardware: 'a100-80gb', dtype: 'int8', kvDtype: 'int4' }],
    ['gpt2-xl-swiglu', { prompt: '5', generate: '5', hardware: 'rtx-4090', devices: '4' }],
  ] as const)('%s %o', (preset, flags) => {
    const a = inferAccount(inferRequest(resolveModel({ preset, batch: '1' }), flags));
    const devices = Rational.of(a.request.devices);
    const [peak, bw] = [a.request.peak!.perDevice.mul(devices), a.request.bandwidth!.perDevice.mul(devices)];
    let found: bigint | undefined;
    for (let B = 1n; B <= SCAN && found === undefined; B++) {
      const loop = bruteForce(resolveModel({ preset, batch: String(B) }), flags, peak, bw);
      if (loop.step(BigInt(flags.prompt) + BigInt(flags.generate)).bound === 'compute') found = B;
    }
    expect(found, 'the scan finds a compute-bound batch').toBeDefined();
    expect(a.criticalBatch!.batch).toBe(found);
  });

  it('none where the cache outgrows the FLOPs: llama-3-8b at 8,192 tokens on h100-sxm stays memory-bound at any batch (B = 10⁹ too)', () => {
    const flags = { prompt: '8191', generate: '1', hardware: 'h100-sxm' };
    const a = inferAccount(inferRequest(resolveModel({ preset: 'llama-3-8b', batch: '1' }), flags));
    expect(a.criticalBatch).toBeUndefined();
    const loop = bruteForce(resolveModel({ preset: 'llama-3-8b', batch: '1000000000' }), flags, a.request.peak!.perDevice, a.request.bandwidth!.perDevice);
    expect(loop.step(8192n).bound).toBe('memory');
  });
});

describe('the conventions name the bytes per element in the singular up to one byte', () => {
  it.concurrent.each([
    ['int8', 'fp32', 'weights: int8 (1 byte per parameter)', 'at fp32 (4 bytes per element)'],
    ['int4', 'int4', 'weights: int4 (1/2 byte per parameter), rounded up to whole bytes', 'at int4 (1/2 byte per element)'],
    ['bf16', 'fp8', 'weights: bf16 (2 bytes per parameter)', 'at fp8 (1 byte per element)'],
  ])('--dtype %s --kv-dtype %s', async (dtype, kv, weights, cache) => {
    const r = await cliAsync(['infer', 'gpt2', '--prompt', '10', '--generate', '1', '--dtype', dtype, '--kv-dtype', kv]);
    expect(r.stdout).toContain(weights);
    expect(r.stdout).toContain(cache);
  });
});

describe('scale decode.flops_per_token is per token too', () => {
  it.concurrent('llama-3-8b --batch 4 at T = 8,192: 2·(N − embedding − norms) + 4·L·h·a·T', async () => {
    const json = await cliJsonAsync(['scale', 'decode.flops_per_token', 'llama-3-8b', '--in', 'T', '--batch', '4']);
    const multiplied = 8_030_261_248n - 128256n * 4096n - 65n * 4096n;
    expect(json.value).toBe(2n * multiplied + 4n * 32n * 32n * 128n * 8192n);
    expect(json.derivative_value).toBe(4n * 32n * 32n * 128n);
  });
});

describe("scale on inference quantities keeps a learned table's P apart from T", () => {
  // GPT-2 small: 2·124,439,808 bytes of bf16 weights (their 1,024 × 768 position rows included, a
  // constant in T) + B·T·2·L·d·2 bytes of cache: ∂/∂T = 4·B·L·d, nothing from the table.
  it.concurrent.each(['prefill.bytes', 'decode.bytes_per_step'])('%s gpt2 --in T', async (quantity) => {
    const json = await cliJsonAsync(['scale', quantity, 'gpt2', '--in', 'T', '--batch', '2']);
    expect(json.value).toBe(2n * 124_439_808n + 2n * 1024n * 2n * 12n * 768n * 2n);
    expect(json.derivative_value).toBe(4n * 2n * 12n * 768n);
    expect(json.model.symbols.N_pos).toBe(1024n);
  });
});

describe('multi-head latent attention decodes on the cached latent (DeepSeek-V2 §2.1.2, the absorbed form)', () => {
  // DeepSeek-V2-Lite's shape (no query compression): d 2,048, 16 heads, kv_lora_rank 512,
  // qk_nope 128, qk_rope 64, v_head 128, 27 layers (1 dense of 10,944, 26 of 64 experts of 1,408,
  // 6 per token, 2 shared). By hand, per token at position t, one layer's attention:
  //   q: 2·d·h·(n + r); kv_a: 2·d·(c + r); q through W_UK: 2·h·n·c; scores over latent + rotary key:
  //   2·h·(c + r)·t; weighted sum over the latent: 2·h·c·t; through W_UV: 2·h·c·v; o: 2·h·v·d.
  it('one decode step of the attention, and the cache per token (c + r per layer)', () => {
    const cfg = { vocab_size: 102400, context_length: 163840, num_layers: 27, d_model: 2048, num_heads: 16, latent_attention: true, kv_latent: 512, qk_nope_head_dim: 128, qk_rope_head_dim: 64, v_head_dim: 128, moe: true, num_experts: 64, experts_per_token: 6, expert_d_ff: 1408, shared_experts: 'plain', shared_d_ff: 2816, dense_layers: 1, d_ff: 10944 };
    const model = resolveModel({ arch: 'decoder', values: cfg, batch: '1', label: 'lite' });
    const l = inferenceLedger(model.arch, { weights: Rational.of(2n), kv: Rational.of(2n) });
    const [d, h, c, n, r, v, L] = [2048n, 16n, 512n, 128n, 64n, 128n, 27n];
    const t = 1000n;
    const attention = 2n * d * h * (n + r) + 2n * d * (c + r) + 2n * h * n * c + 2n * h * (c + r) * t + 2n * h * c * t + 2n * h * c * v + 2n * h * v * d;
    const sum = l.decode.matmuls.filter((m) => m.component.id === 'mla').map((m) => m.flops.evaluate({ ...model.values, P: 1n, G: 1n, t }));
    expect(sum.reduce((a, b) => a.add(b), Rational.ZERO).toBigInt()).toBe(L * attention);
    expect(l.kv.perToken.evaluate(model.values).toBigInt()).toBe(L * (c + r) * 2n);
  });
});
