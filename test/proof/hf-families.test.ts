// Proof: Hugging Face configs of the families whose blocks or layers differ (Gemma 2/3, OLMo,
// OLMo-2, Mistral's window, …), real config.json files in test/fixtures/hf/ (sources in SOURCES.md).
//
// 1. Every fixture: the formulas' parameters and forward FLOPs equal the structural counter
//    (src/check/structure.ts builds the tensors and matmul shapes from the plain config, never
//    reading formulas/), at the config's own context and at a short one (T below any window).
// 2. Published checkpoint totals, where a publisher or the Hub states one (sources beside each).
// 3. What each reader takes from the modeling code: the norms' place, the q/k norms, soft-capping.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { structure, structureFlops, structureParams } from '../../src/check/structure.js';
import { account } from '../../src/ledger/account.js';
import { readHfConfig } from '../../src/model/hf.js';
import { resolveModel } from '../../src/model/spec.js';
import { cliJson } from '../helpers/proof.js';

const fixture = (name: string) => new URL(`../fixtures/hf/${name}`, import.meta.url).pathname;
const both = (name: string, seq?: number) => {
  const hf = readHfConfig(fixture(name));
  const model = resolveModel({ arch: 'decoder', values: { ...hf.values, ...(seq ? { seq_len: seq } : {}) }, label: hf.label });
  const a = account(model);
  const s = structure(model);
  return { params: [a.params.total.value, structureParams(s)], flops: [a.flops.total.value, structureFlops(s)], account: a };
};

const FIXTURES = [
  'gemma-2-2b-it.json', 'gemma-2-2b-jpn-it.json', 'gemma-2-9b.json', 'gemma-2-27b.json', 'gemma-3-1b-it.json',
  'olmo-2-1124-7b.json', 'olmo-2-1124-13b.json', 'olmo-2-0325-32b.json', 'mistral-7b-v0.1.json', 'mistral-7b-v0.3.json',
];

describe('every fixture: formulas = structural count', () => {
  it.each(FIXTURES)('%s', (name) => {
    for (const seq of [undefined, 300]) {
      const r = both(name, seq);
      expect(r.params[0]).toBe(r.params[1]);
      expect(r.flops[0]).toBe(r.flops[1]);
    }
  });
});

describe('published checkpoint totals', () => {
  it.each([
    // keras-hub gemma_presets.py gemma2_2b_en / gemma2_9b_en / gemma2_27b_en (the same shapes as the -it and -jpn-it checkpoints)
    ['gemma-2-2b-it.json', 2_614_341_888n],
    ['gemma-2-2b-jpn-it.json', 2_614_341_888n],
    ['gemma-2-9b.json', 9_241_705_984n],
    ['gemma-2-27b.json', 27_227_128_320n],
    // keras-hub gemma3_presets.py gemma3_1b / gemma3_instruct_1b
    ['gemma-3-1b-it.json', 999_885_952n],
    // Hugging Face Hub safetensors totals: allenai/OLMo-2-1124-7B @ 7df9a82, OLMo-2-1124-13B @ 3fefddc
    ['olmo-2-1124-7b.json', 7_298_617_344n],
    ['olmo-2-1124-13b.json', 13_716_198_400n],
  ])('%s: %s', (name, count) => {
    expect(cliJson(['account', '--hf-config', fixture(name)]).params.total).toBe(count);
  });
});

describe('what the readers take from the modeling code', () => {
  const values = (name: string) => readHfConfig(fixture(name)).values;
  it('gemma2: sandwich norms (4d per layer), soft-capping, scaled embeddings, tied', () => {
    const v = values('gemma-2-9b.json');
    expect(v).toMatchObject({ norm_place: 'sandwich', score_softcap: true, logit_softcap: true, embedding_scale: true, tie_embeddings: true, ffn: 'geglu', head_dim: 256 });
    // the four norms of a layer: input, post-attention, pre- and post-feedforward, d each
    const a = both('gemma-2-9b.json').account;
    const norms = a.components.filter((c) => /norm/.test(c.component.id) && c.component.scope === 'layer');
    expect(norms.map((c) => c.component.id)).toEqual(['attention_norm', 'attention_post_norm', 'ffn_norm', 'ffn_post_norm']);
    for (const c of norms) expect(c.params.total.value).toBe(42n * 3584n);
  });
  it('gemma3_text: per-head q/k norms (head_dim each), no soft-capping, 5 of 6 layers sliding', () => {
    const v = values('gemma-3-1b-it.json');
    expect(v).toMatchObject({ qk_norm: true, norm_place: 'sandwich', score_softcap: false, logit_softcap: false, window: 512, sliding_layers: 26 - 4 });
  });
  it('olmo2: norms after attention and MLP, none before; full-width q/k norms', () => {
    const a = both('olmo-2-1124-7b.json').account;
    const ids = a.components.map((c) => c.component.id);
    expect(ids).toContain('attention_post_norm');
    expect(ids).toContain('ffn_post_norm');
    expect(ids).not.toContain('attention_norm');
    expect(ids).not.toContain('ffn_norm');
    // q_norm over h·a = d, k_norm over k·a = d (32 KV heads of 128): 2d per layer besides the projections
    const attn = a.components.find((c) => c.component.id === 'attention')!;
    expect(attn.params.each.value).toBe(4n * 4096n * 4096n + 2n * 4096n);
  });
  it('mistral v0.3: sliding_window null, every layer global', () => {
    expect(values('mistral-7b-v0.3.json').sliding_window).toBeUndefined();
    expect(JSON.parse(readFileSync(fixture('mistral-7b-v0.3.json'), 'utf8')).sliding_window).toBeNull();
  });
});
