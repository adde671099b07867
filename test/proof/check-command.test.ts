// Proof (g): `lmledger check <preset>` compares the formulas with the structural count of
// src/check/structure.ts (tensors and matmul shapes built layer by layer, independent of formulas/)
// and must report a match for parameters and forward matmul FLOPs, in text and in JSON.
// Presets cover both architectures and the decoder's variants: GPT-2 (LayerNorm, learned
// positions, biases, tied), Llama-3 (GQA), Qwen2.5 (qkv biases), Qwen3 (head_dim ≠ d/h, qk_norm),
// Gemma (GeGLU, MQA), Phi-3, and the seed's gpt2-xl-swiglu.
// Where a preset has a published count (formulas/presets/*.yaml), both columns must equal it too.
import { describe, expect, it } from 'vitest';
import { presets } from '../../src/model/presets.js';
import { cli } from '../helpers/cli.js';
import { cliJson } from '../helpers/proof.js';

const PRESETS = ['gpt2', 'llama-3-8b', 'qwen2.5-0.5b', 'qwen3-0.6b', 'gemma-2b', 'phi-3-mini-4k', 'gpt2-xl-swiglu'];

describe('lmledger check', () => {
  it.each(PRESETS)('%s: text output says match twice, exit 0', (preset) => {
    const r = cli(['check', preset]);
    expect(r.code, r.stderr).toBe(0);
    const rows = r.stdout.split('\n').filter((l) => /^\s*(parameters|forward matmul FLOPs)\s/.test(l));
    expect(rows, r.stdout).toHaveLength(2);
    for (const row of rows) expect(row).toMatch(/\smatch$/);
    expect(r.stdout.match(/\bmatch\b/g)).toHaveLength(2);
    expect(r.stdout).not.toMatch(/mismatch|differ/i);
  });

  it.each(PRESETS)('%s: --json has match: true and equal columns', (preset) => {
    const out = cliJson(['check', preset]);
    expect(out.match).toBe(true);
    expect(out.comparison).toHaveLength(2);
    for (const row of out.comparison) {
      expect(row.match).toBe(true);
      expect(typeof row.formulas).toBe('bigint');
      expect(row.formulas).toBe(row.structure);
    }
    const published = presets().get(preset)!.publishedParams;
    const paramsRow = out.comparison.find((r: { quantity: string }) => r.quantity === 'parameters');
    if (published !== undefined) expect(paramsRow.structure).toBe(published);
  });
});
