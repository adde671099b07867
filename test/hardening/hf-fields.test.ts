// Hugging Face fields that would change the count (issue 12, item 3): GPT-2's add_cross_attention
// adds weights lmledger does not model, so it is refused, never ignored; expert fields under a
// dense model_type are ignored by transformers (LlamaConfig and the other dense configuration
// classes keep them as unused attributes, and their modeling code builds a dense MLP), so lmledger
// counts such a config exactly as transformers loads it: the same as without the fields, and for
// LLaMA-3-8B and Mistral-7B the published totals.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, parseExactJson, ROOT } from '../helpers/cli.js';
import { expectUserError } from '../helpers/errors.js';

const dir = mkdtempSync(join(tmpdir(), 'lmledger-hf-fields-'));
const fixture = (name: string) => JSON.parse(readFileSync(join(ROOT, 'test/fixtures/hf', name), 'utf8'));
let n = 0;
function configWith(base: string, extra: Record<string, unknown>): string {
  const file = join(dir, `c${++n}.json`);
  writeFileSync(file, JSON.stringify({ ...fixture(base), ...extra }));
  return file;
}
function totals(file: string): { total: bigint; text: string } {
  const json = cli(['account', '--hf-config', file, '--json']);
  expect(json.code, json.stderr).toBe(0);
  const text = cli(['account', '--hf-config', file]);
  return { total: parseExactJson(json.stdout).params.total, text: text.stdout + text.stderr };
}

describe('GPT-2 add_cross_attention', () => {
  it('true is refused in one line naming the field', () =>
    expectUserError(['account', '--hf-config', configWith('gpt2.json', { add_cross_attention: true })], /c\d+\.json: add_cross_attention: true gives every block a cross-attention .* refused rather than left out/));

  it('a non-boolean is refused', () =>
    expectUserError(['account', '--hf-config', configWith('gpt2.json', { add_cross_attention: 'true' })], /add_cross_attention: "true" is not allowed; expected true or false/));

  it("false is GPT-2 as published: 124,439,808 parameters (Hugging Face's gpt2 num_parameters())", () => {
    expect(totals(configWith('gpt2.json', { add_cross_attention: false })).total).toBe(124_439_808n);
  });
});

describe('expert fields under a dense model_type count as transformers loads them: dense', () => {
  const MOE_FIELDS = { num_local_experts: 8, num_experts_per_tok: 2, num_experts: 64, moe_intermediate_size: 1408, n_routed_experts: 64, n_shared_experts: 2 };
  // Published totals: Meta's LLaMA-3-8B and Mistral AI's Mistral-7B-v0.1 (formulas/presets).
  const PUBLISHED: Record<string, bigint> = { 'llama-3-8b.json': 8_030_261_248n, 'mistral-7b-v0.1.json': 7_241_732_096n };

  it.each(['llama-3-8b.json', 'mistral-7b-v0.1.json', 'qwen2.5-0.5b.json', 'qwen3-0.6b.json', 'gemma-7b.json', 'phi-3-mini-4k.json'])('%s', (name) => {
    const plain = totals(configWith(name, {}));
    const withExperts = totals(configWith(name, MOE_FIELDS));
    expect(withExperts.total).toBe(plain.total);
    if (PUBLISHED[name]) expect(withExperts.total).toBe(PUBLISHED[name]);
    // Nothing printed suggests experts.
    expect(withExperts.text).not.toMatch(/expert|mixture|MoE/i);
  });
});
