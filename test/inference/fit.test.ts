// What fits (issue 11, item 4): weights + the KV cache at P + G tokens against memory × devices,
// the largest batch at a context and the longest context at a batch, by hand arithmetic
// (parameters from the published counts of formulas/presets, the cache as 2·L·k·a·bytes) and at
// the boundary (one more sequence or token does not fit); a learned position table caps the
// context; devices multiply the memory; a model that does not fit is a result.
import { describe, expect, it } from 'vitest';
import { inferAccount, type InferAccount } from '../../src/inference/account.js';
import { inferRequest, type InferFlags } from '../../src/inference/request.js';
import { resolveModel, type RawField } from '../../src/model/spec.js';
import { cli } from '../helpers/cli.js';
import { cliJsonAsync } from '../helpers/proof.js';

const GB = 10n ** 9n;
const GiB = 2n ** 30n;
const fit = (preset: string, batch: bigint, flags: InferFlags): NonNullable<InferAccount['fit']> =>
  inferAccount(inferRequest(resolveModel({ preset, batch: String(batch) }), flags)).fit!;

// LLaMA-3-8B: 8,030,261,248 parameters (published); 2·32·8·128 = 65,536 cached elements per token.
const N8 = 8_030_261_248n;
const KV8 = 2n * 32n * 8n * 128n;

describe('largest batch and longest context by hand: llama-3-8b in bf16 on an h100-sxm (80 GB)', () => {
  const W = 2n * N8;
  const perToken = 2n * KV8;
  const M = 80n * GB;

  it('at P + G = 8,192: (80e9 − 2N) ÷ (8,192 · 131,072) = 59 sequences; 59 fit, 60 do not', () => {
    const flags = { prompt: '8000', generate: '192', hardware: 'h100-sxm' };
    const maxBatch = (M - W) / (8192n * perToken);
    expect(maxBatch).toBe(59n);
    expect(fit('llama-3-8b', 1n, flags).maxBatch).toBe(maxBatch);
    const at = (B: bigint) => fit('llama-3-8b', B, flags);
    expect(at(59n).fits).toBe(true);
    expect(at(59n).needed).toBe(W + 59n * 8192n * perToken);
    expect(at(60n).fits).toBe(false);
    expect(at(60n).needed - M).toBe(W + 60n * 8192n * perToken - M);
  });

  it('at B = 4: (80e9 − 2N) ÷ (4 · 131,072) tokens; that context fits, one more token does not', () => {
    const maxContext = (M - W) / (4n * perToken);
    expect(fit('llama-3-8b', 4n, { prompt: '100', generate: '0', hardware: 'h100-sxm' }).maxContext).toBe(maxContext);
    // P + G is the context: split it between prompt and generation, either way.
    const at = (P: bigint, G: bigint) => fit('llama-3-8b', 4n, { prompt: String(P), generate: String(G), hardware: 'h100-sxm' });
    expect(at(maxContext - 1000n, 1000n).fits).toBe(true);
    expect(at(maxContext, 0n).fits).toBe(true);
    expect(at(maxContext - 1000n, 1001n).fits).toBe(false);
  });

  it('GiB: --memory 80GiB reads 80 · 2³⁰ bytes (85,899,345,920): 65 sequences of 8,192 where 80 GB holds 59', () => {
    const f = fit('llama-3-8b', 1n, { prompt: '8192', generate: '0', memory: '80GiB' });
    expect(f.memory.bytes).toBe(80n * GiB);
    expect(f.maxBatch).toBe((80n * GiB - W) / (8192n * perToken));
    expect(f.maxBatch).toBe(65n);
  });

  it('an fp8 cache halves the bytes per token: 119 sequences of 8,192', () => {
    const f = fit('llama-3-8b', 1n, { prompt: '8192', generate: '0', hardware: 'h100-sxm', kvDtype: 'fp8' });
    expect(f.maxBatch).toBe((M - W) / (8192n * KV8));
    expect(f.maxBatch).toBe(119n);
  });
});

describe('devices multiply the memory (ideal tensor parallelism)', () => {
  it('8 × 80 GB: the largest batch of llama-3-70b at 8,192 tokens in bf16 with an fp8 cache (the issue\'s "Done when")', async () => {
    // LLaMA-3-70B: 70,553,706,496 parameters (published); 2·80·8·128 = 163,840 cached elements per token.
    const W = 2n * 70_553_706_496n;
    const json = await cliJsonAsync(['infer', 'llama-3-70b', '--prompt', '8192', '--generate', '0', '--batch', '32', '--kv-dtype', 'fp8', '--hardware', 'h100-sxm', '--devices', '8']);
    expect(json.fit.memory_bytes).toBe(8n * 80n * GB);
    expect(json.fit.needed_bytes).toBe(W + 32n * 8192n * 163_840n);
    expect(json.fit.fits).toBe(true);
    expect(json.fit.max_batch).toBe((8n * 80n * GB - W) / (8192n * 163_840n));
    expect(json.fit.max_context).toBe((8n * 80n * GB - W) / (32n * 163_840n));
  });

  it('N devices of M bytes fit exactly what one device of N·M bytes fits', () => {
    const base = { prompt: '3000', generate: '1000' };
    const split = fit('llama-3-8b', 7n, { ...base, memory: '24GB', devices: '5' });
    const whole = fit('llama-3-8b', 7n, { ...base, memory: String(5n * 24n * GB) });
    expect([split.needed, split.fits, split.maxBatch, split.maxContext]).toEqual([whole.needed, whole.fits, whole.maxBatch, whole.maxContext]);
    expect(split.memory.devices).toBe(5n);
  });

  it('--memory overrides the accelerator\'s, per device', () => {
    const f = fit('llama-3-8b', 1n, { prompt: '100', generate: '0', hardware: 'h100-sxm', memory: '40GB', devices: '2' });
    expect(f.memory.bytes * f.memory.devices).toBe(80n * GB);
  });
});

describe('a learned position table caps the longest context', () => {
  // GPT-2 small: 124,439,808 parameters, a table of 1,024 positions, 2·12·768 cached elements per token.
  const W = 2n * 124_439_808n;
  const perToken = 2n * 2n * 12n * 768n;

  it('on an h100-sxm the memory would hold far more, the table allows 1,024 tokens', () => {
    const f = fit('gpt2', 32n, { prompt: '100', generate: '100', hardware: 'h100-sxm' });
    expect((80n * GB - W) / (32n * perToken)).toBeGreaterThan(1024n);
    expect(f.maxContext).toBe(1024n);
    expect(f.contextLimit).toBe(1024n);
    const text = cli(['infer', 'gpt2', '--prompt', '100', '--generate', '100', '--batch', '32', '--hardware', 'h100-sxm']).stdout;
    expect(text).toContain("longest context at B = 32: 1,024 tokens (the learned position table's limit)");
  });

  it('in 1 GB the memory is the limit: (1e9 − 2N) ÷ (32 · 36,864) = 636 tokens, under the table', () => {
    const f = fit('gpt2', 32n, { prompt: '100', generate: '100', memory: '1GB' });
    expect(f.maxContext).toBe((GB - W) / (32n * perToken));
    expect(f.maxContext).toBe(636n);
  });

  it('a config with a larger table (--context-length 2048) allows 2,048', () => {
    const model = resolveModel({ preset: 'gpt2', batch: '1', fields: { context_length: '2048' } });
    const f = inferAccount(inferRequest(model, { prompt: '1500', generate: '500', hardware: 'h100-sxm' })).fit!;
    expect(f.maxContext).toBe(2048n);
  });

  it('RoPE models have no table: llama-3-8b\'s longest context is the memory\'s, past its context_length of 8,192', () => {
    const f = fit('llama-3-8b', 1n, { prompt: '100', generate: '0', hardware: 'h100-sxm' });
    expect(f.contextLimit).toBeUndefined();
    expect(f.maxContext).toBe((80n * GB - 2n * N8) / (2n * KV8));
  });
});

describe('int4 weights are half a byte: the weights take ⌈N/2⌉ bytes', () => {
  // A decoder with an odd parameter count: V = 10, d = 1, h = 1, f = 2, L = 1 has
  // 2·V·d + L·(4d² + 3df + 2d) + d = 20 + 12 + 1 = 33 parameters; 2·L·d = 2 cached elements per token.
  const values: Record<string, RawField> = { vocab_size: 10, context_length: 64, num_layers: 1, d_model: 1, num_heads: 1, d_ff: 2 };
  const at = (memory: string) => inferAccount(inferRequest(resolveModel({ arch: 'decoder', values, batch: '1', label: 'tiny' }), { prompt: '4', generate: '0', dtype: 'int4', kvDtype: 'bf16', memory })).fit!;
  it('needed = 17 + 4 · 4 bytes; 33 bytes of memory fit it, 32 do not', () => {
    expect(at('33').needed).toBe(17n + 4n * 2n * 2n);
    expect(at('33').fits).toBe(true);
    expect(at('32').fits).toBe(false);
    expect(at('33').maxContext).toBe((33n - 17n) / 4n);
  });
});

describe('a model that does not fit is a result, not an error', () => {
  it('llama-2-13b in bf16 on an rtx-4090 (24 GB): exit 0, nothing on stderr, the shortfall stated; the weights alone are too big, so 0 sequences and 0 tokens', async () => {
    const args = ['infer', 'llama-2-13b', '--prompt', '4096', '--generate', '0', '--hardware', 'rtx-4090'];
    const r = cli(args);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    // 2 · 13,015,864,320 weights + 4,096 · 2·40·5,120·2 cache = 29,387,171,840 bytes; 24e9 short by 5,387,171,840.
    const needed = 2n * 13_015_864_320n + 4096n * 2n * 40n * 5120n * 2n;
    expect(needed).toBe(29_387_171_840n);
    expect(r.stdout).toContain(`does not fit, ${(needed - 24n * GB).toLocaleString('en-US')} bytes (5.39 GB) short`);
    const json = await cliJsonAsync(args);
    expect(json.fit.fits).toBe(false);
    expect(json.fit.needed_bytes).toBe(needed);
    expect(json.fit.max_batch).toBe(0n);
    expect(json.fit.max_context).toBe(0n);
  });

  it('no memory given (no --hardware, no --memory): no fit section, and still exit 0', async () => {
    const json = await cliJsonAsync(['infer', 'llama-2-13b', '--prompt', '4096', '--generate', '0']);
    expect(json.fit).toBeUndefined();
  });
});
