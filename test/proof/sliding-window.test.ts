// Proof: sliding-window attention (Mistral v0.1, Gemma 2/3) against independent counts.
//
// 1. The query-key pairs of a causal sliding window, counted query by query (query i attends to
//    keys max(1, i − W + 1)…i, so min(i, W) of them): the causal convention's count of the
//    window's score work equals 2·a·h·Σᵢ min(i, W), for T below, at and above W; dense counts
//    T·min(T, W) pairs per head, causal-half T·W − W²/2 (T ≥ W) or T²/2 (T ≤ W).
// 2. When T ≤ W the window is the whole sequence: a sliding-window layer costs exactly what a
//    global one does, under every attention convention, and the KV cache holds every token.
// 3. The Hugging Face readers: which layers slide (Gemma 2: even i; Gemma 3: unless i + 1 is a
//    multiple of sliding_window_pattern, or as layer_types lists them; Mistral: every layer),
//    each counted here from the rule, not read back from the code.
import { describe, expect, it } from 'vitest';
import { Rational } from '../../src/algebra/rational.js';
import { structure } from '../../src/check/structure.js';
import { inferAccount } from '../../src/inference/account.js';
import { inferRequest } from '../../src/inference/request.js';
import { account } from '../../src/ledger/account.js';
import { readHfConfig } from '../../src/model/hf.js';
import { resolveModel, type RawField } from '../../src/model/spec.js';
import { UserError } from '../../src/errors.js';
import { cliJson, tempFiles } from '../helpers/proof.js';

const file = tempFiles('window');

/** A small decoder whose every layer slides (or some of them), at sequence length T. */
function model(T: number, W: number, attention?: string, slidingLayers = 3) {
  const values: Record<string, RawField> = {
    vocab_size: 100, context_length: 4096, seq_len: T, num_layers: 3, d_model: 64, num_heads: 4, num_kv_heads: 2, d_ff: 96,
    sliding_window: true, window: W, sliding_layers: slidingLayers,
  };
  return account(resolveModel({ arch: 'decoder', values, label: 'window', ...(attention ? { attention } : {}) }));
}
const matmulFlops = (a: ReturnType<typeof model>, path: string) => a.flops.matmuls.find((m) => m.matmul.path === path)!.flops.value;
const opFlops = (a: ReturnType<typeof model>, path: string) => a.nonMatmul.ops.find((o) => o.op.path === path)!.flops.value;

describe('the pairs of a causal window, counted query by query', () => {
  const h = 4n, a = 16n; // d_model 64 / 4 heads
  const byQuery = (T: number, W: number) => {
    let pairs = 0n;
    for (let i = 1; i <= T; i++) pairs += BigInt(Math.min(i, W));
    return pairs;
  };
  it.each([[1, 1], [5, 8], [8, 8], [9, 8], [100, 7], [257, 64], [64, 257]])('T = %i, W = %i', (T, W) => {
    const causal = model(T, W, 'causal');
    expect(matmulFlops(causal, 'sliding_attention.scores')).toBe(2n * a * h * byQuery(T, W));
    expect(matmulFlops(causal, 'sliding_attention.weighted_sum')).toBe(2n * a * h * byQuery(T, W));
    // softmax: 3 FLOPs per score that is computed
    expect(opFlops(causal, 'sliding_attention.softmax')).toBe(3n * h * byQuery(T, W));
    const dense = model(T, W);
    expect(matmulFlops(dense, 'sliding_attention.scores')).toBe(2n * a * h * BigInt(T) * BigInt(Math.min(T, W)));
  });
  it('causal-half: T·W − W²/2 pairs per head for T ≥ W (the corner triangle counted as half the square)', () => {
    expect(matmulFlops(model(100, 10, 'causal-half'), 'sliding_attention.scores')).toBe(2n * a * h * (100n * 10n - 50n));
  });
});

describe('a window as long as the sequence changes nothing', () => {
  it.each([['dense'], ['causal'], ['causal-half']])('%s: T ≤ W, the sliding layer equals a global one', (conv) => {
    for (const [T, W] of [[50, 50], [50, 4000]] as const) {
      // one global layer and two sliding: compare their per-layer counts
      const m = model(T, W, conv, 2);
      for (const part of ['scores', 'weighted_sum']) expect(matmulFlops(m, `sliding_attention.${part}`)).toBe(matmulFlops(m, `attention.${part}`));
      for (const op of ['scale', 'softmax']) expect(opFlops(m, `sliding_attention.${op}`)).toBe(opFlops(m, `attention.${op}`));
      expect(m.model.values.W).toBe(BigInt(T)); // W is the window in effect: min(window, T)
    }
  });
  it('the parameters are the same whichever layers slide', () => {
    const all = model(300, 20, undefined, 3);
    const some = model(300, 20, undefined, 1);
    expect(all.params.total.value).toBe(some.params.total.value);
    expect(all.flops.total.value < some.flops.total.value).toBe(true);
  });
});

describe('Hugging Face readers: which layers slide', () => {
  const gemma3 = (extra: Record<string, unknown>) =>
    readHfConfig(file('g3.json', { model_type: 'gemma3_text', vocab_size: 1000, hidden_size: 64, intermediate_size: 96, num_hidden_layers: 13, num_attention_heads: 4, num_key_value_heads: 2, head_dim: 16, max_position_embeddings: 4096, sliding_window: 512, ...extra })).values;
  // The rule, applied here layer by layer: global when (i + 1) is a multiple of the pattern.
  const slidingBy = (L: number, global: (i: number) => boolean) => Array.from({ length: L }, (_, i) => i).filter((i) => !global(i)).length;

  it('gemma2: even layers slide (13 of 26 in gemma-2-2b), window 4096', () => {
    const v = readHfConfig(new URL('../fixtures/hf/gemma-2-2b-it.json', import.meta.url).pathname).values;
    expect(v).toMatchObject({ sliding_window: true, window: 4096, sliding_layers: 13, norm_place: 'sandwich', score_softcap: true, logit_softcap: true });
  });
  it('gemma3_text: five of six by sliding_window_pattern (default 6), or as layer_types lists them', () => {
    expect(gemma3({}).sliding_layers).toBe(slidingBy(13, (i) => (i + 1) % 6 === 0)); // 11
    expect(gemma3({ sliding_window_pattern: 2 }).sliding_layers).toBe(slidingBy(13, (i) => (i + 1) % 2 === 0)); // 7
    const types = Array.from({ length: 13 }, (_, i) => (i % 3 === 0 ? 'full_attention' : 'sliding_attention'));
    expect(gemma3({ layer_types: types }).sliding_layers).toBe(8);
    expect(gemma3({})).toMatchObject({ qk_norm: true, window: 512, score_softcap: false, logit_softcap: false });
  });
  it('gemma3_text with every layer global has no sliding layers', () => {
    expect(gemma3({ layer_types: Array(13).fill('full_attention') }).sliding_window).toBeUndefined();
  });
  it('mistral: every layer once sliding_window is set (v0.1: 4096), none when it is null (v0.2 on)', () => {
    const v = readHfConfig(new URL('../fixtures/hf/mistral-7b-v0.1.json', import.meta.url).pathname).values;
    expect(v).toMatchObject({ sliding_window: true, window: 4096, sliding_layers: 32 });
    const none = readHfConfig(file('m.json', { model_type: 'mistral', vocab_size: 100, hidden_size: 64, intermediate_size: 96, num_hidden_layers: 2, num_attention_heads: 4, max_position_embeddings: 128, sliding_window: null })).values;
    expect(none.sliding_window).toBeUndefined();
  });
  it('layer_types of the wrong length is refused, naming the field', () => {
    expect(() => gemma3({ layer_types: ['sliding_attention'] })).toThrow(UserError);
    expect(() => gemma3({ layer_types: ['sliding_attention'] })).toThrow(/layer_types: expected a list of 13 entries/);
  });
});

describe('inference across the window: steps within it as global layers, the rest over W keys', () => {
  // Gemma 2 2B (W = 4,096 in 13 of 26 layers); per step, from the structural counter's shapes:
  // every projection at 1 token, QKᵀ and A·V over t keys (min(t, W) in a sliding layer).
  const spec = resolveModel({ preset: 'gemma-2-2b', batch: '1' });
  const st = structure(spec);
  const W = 4096n;
  const step = (t: bigint) =>
    st.matmuls.reduce((sum, op) => {
      const keys = op.name.includes('.window.') && t > W ? W : t;
      if (op.name.endsWith('q@kT')) return sum + 2n * op.left[1] * keys * op.count;
      if (op.name.endsWith('p@v')) return sum + 2n * keys * op.right[1] * op.count;
      return sum + 2n * op.left[1] * op.right[1] * op.count;
    }, 0n);
  it.each([[100n, 50n], [4000n, 200n], [4096n, 10n], [5000n, 30n]])('prompt %s, generate %s', (P, G) => {
    const a = inferAccount(inferRequest(spec, { prompt: String(P), generate: String(G) }));
    let all = 0n;
    for (let t = P + 1n; t <= P + G; t++) all += step(t);
    expect(a.decode.flops.value).toBe(all);
    expect(a.decode.flopsPerStep.value).toBe(step(P + G));
    // the formula printed beside the total evaluates to it
    expect(a.decode.flops.formula.evaluate(a.values).equals(Rational.of(all))).toBe(true);
    // K and V of 26 layers × 4 heads × 256, 2 bytes each; the sliding layers keep at most W tokens
    const perLayer = 2n * 4n * 256n * 2n;
    const t = P + G;
    expect(a.kv.total.value).toBe(perLayer * (13n * t + 13n * (t > W ? W : t)));
  });
});

describe('a sweep of T follows the window: global below it, W keys above', () => {
  it('gemma-2-2b from T = 1,024 to 16,384: the sliding layers equal the global ones up to W = 4,096, then grow linearly', () => {
    const json = cliJson(['sweep', 'gemma-2-2b', '--T', '1024..16384*2']);
    const each = (p: any, c: string) => p.components[c].each as bigint;
    for (const p of json.points) {
      const T = p.symbols.T as bigint;
      expect(p.symbols.W).toBe(T < 4096n ? T : 4096n);
      if (T <= 4096n) expect(each(p, 'sliding_attention')).toBe(each(p, 'attention'));
      else expect(each(p, 'sliding_attention') < each(p, 'attention')).toBe(true);
    }
    // above the window the sliding layer's score work is linear in T: doubling T doubles it exactly
    const [a, b] = [json.points[3], json.points[4]]; // 8,192 and 16,384
    expect(each(b, 'sliding_attention')).toBe(2n * each(a, 'sliding_attention'));
  });
});
