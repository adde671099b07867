// Decode and prefill against independent routes (expected numbers never come from the code under
// test): the rows of a learned position table are not the prompt.
import { describe, expect, it } from 'vitest';
import { inferAccount } from '../../src/inference/account.js';
import { inferRequest } from '../../src/inference/request.js';
import { resolveModel } from '../../src/model/spec.js';
import { cliJson, cliJsonAsync } from '../helpers/proof.js';

describe("a learned position table's rows (the decoder's P = context_length) are not the prompt's P", () => {
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
    expect(json.model.symbols.context_length.value).toBe(1024n);
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
