// Proof (c): published parameter counts.
//
// 1. Every preset that carries published_params (formulas/presets/*.yaml, each with its source)
//    equals the engine's count for that preset.
// 2. The table of /work/shared/docs/references.md, "Published exact parameter counts (sum of unique
//    parameter sizes as loaded by Hugging Face transformers)", typed in here independently of the
//    preset files, so that a wrong published_params in a preset cannot hide a wrong formula.
// 3. nanoGPT's bias-free GPT-2 small, 124,337,664 (same references file): with bias=False nanoGPT
//    drops the biases of every Linear AND of every LayerNorm (its LayerNorm keeps only the gain).
//    lmledger's decoder has no "LayerNorm without bias" option; its norm = rmsnorm has exactly one
//    gain of d per norm and nothing else, so it holds the same parameters (the norm's arithmetic
//    differs, which is non-matmul work, not part of any count asserted here). The LayerNorm-with-bias
//    variant is asserted too: exactly the 2L + 1 = 25 LayerNorm biases of d = 768 more.
import { describe, expect, it } from 'vitest';
import { account } from '../../src/ledger/account.js';
import { presets } from '../../src/model/presets.js';
import { resolveModel } from '../../src/model/spec.js';

const params = (preset: string) => account(resolveModel({ preset })).params.total.value;

describe('presets with published_params', () => {
  const published = [...presets().values()].filter((p) => p.publishedParams !== undefined);
  it('there are presets with a published count', () => expect(published.length).toBeGreaterThanOrEqual(8));
  it.each(published.map((p) => [p.name, p.publishedParams!, p.source] as const))('%s: %s (%s)', (name, count) => {
    expect(params(name)).toBe(count);
  });
});

describe('presets with a published active count (mixtures of experts): the exact count rounds to it', () => {
  // Publishers round: Mistral and AI2 to the nearest 0.1B; Qwen's "3.3B" for 3.353B and "22B" for
  // 22.19B truncate. The exact count must lie in [x, x + one unit of the last digit written).
  const sparse = [...presets().values()].filter((p) => p.publishedActive !== undefined);
  it('there are such presets', () => expect(sparse.length).toBeGreaterThanOrEqual(7));
  it.each(sparse.map((p) => [p.name, p.publishedActive!, p.publishedActiveExcludes ?? []] as const))('%s: %s (leaving out: %s)', (name, text, excludes) => {
    // A publisher that leaves components out of its figure (DeepSeek-V2-Lite: the input embedding)
    // is compared under its own convention.
    const a = account(resolveModel({ preset: name }));
    const active = a.params.active.value - a.components.filter((c) => excludes.includes(c.component.id)).reduce((s, c) => s + c.params.total.value, 0n);
    const [int, frac = ''] = text.slice(0, -1).split('.');
    const unit = 10n ** BigInt(9 - frac.length);
    const low = BigInt(int! + frac) * unit;
    // nearest rounding (x ± half a unit) or truncation (x to x + a unit): either way within [x − unit/2, x + unit)
    expect(active >= low - unit / 2n && active < low + unit, `${active} vs ${text}`).toBe(true);
  });
});

describe('the references table, typed independently', () => {
  // Source: /work/shared/docs/references.md, "Published exact parameter counts".
  const TABLE: Array<[string, bigint]> = [
    ['gpt2', 124_439_808n], // GPT-2 (small)
    ['gpt2-medium', 354_823_168n],
    ['gpt2-large', 774_030_080n],
    ['gpt2-xl', 1_557_611_200n],
    ['llama-2-7b', 6_738_415_616n],
    ['llama-2-13b', 13_015_864_320n],
    ['llama-3-8b', 8_030_261_248n],
    ['mistral-7b-v0.1', 7_241_732_096n],
  ];
  it.each(TABLE)('%s: %s', (preset, count) => expect(params(preset)).toBe(count));
});

describe("nanoGPT's bias-free GPT-2 small (references.md: 124,337,664)", () => {
  // GPT-2 small's shape and design, minus every bias (nanoGPT GPTConfig(bias=False)).
  const gpt2Small = {
    vocab_size: 50257,
    context_length: 1024,
    num_layers: 12,
    d_model: 768,
    num_heads: 12,
    d_ff: 3072,
    ffn: 'gelu',
    position: 'learned',
    tie_embeddings: true,
    qkv_bias: false,
    out_bias: false,
    mlp_bias: false,
  } as const;
  const count = (norm: 'rmsnorm' | 'layernorm') =>
    account(resolveModel({ arch: 'decoder', values: { ...gpt2Small, norm }, label: 'nanogpt' })).params.total.value;

  it('a gain-only norm (the parameters of a bias-free LayerNorm): 124,337,664', () => {
    expect(count('rmsnorm')).toBe(124_337_664n);
  });
  it('LayerNorm with its bias kept: 25 biases of 768 more (2 per block × 12 + the final norm)', () => {
    expect(count('layernorm')).toBe(124_337_664n + 25n * 768n);
  });
  it('and the real GPT-2 adds the Linear biases on top: 124,439,808', () => {
    // q, k, v, o biases 4·768 and MLP biases 3072 + 768 per block.
    expect(count('layernorm') + 12n * (4n * 768n + 3072n + 768n)).toBe(124_439_808n);
  });
});
