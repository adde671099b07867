// Formula = number in every JSON output: each `formula` printed beside a count evaluates to that
// count at the model's symbol values (the batch B included), for several models and batches.
import { describe, expect, it } from 'vitest';
import { cliJson } from '../helpers/proof.js';
import { evaluateFormula, formulaPairs, symbolValues } from '../helpers/formula-pairs.js';

const MODELS: string[][] = [
  ['gpt2-xl-swiglu'],
  ['gpt2-xl-swiglu', '--batch', '8'],
  ['gpt2', '--batch', '3', '--seq-len', '512'],
  ['llama-3-8b', '--batch', '2'],
  ['qwen3-0.6b'],
];

describe('account --json: every formula evaluates to the number beside it', () => {
  for (const m of MODELS)
    it(m.join(' '), () => {
      const json = cliJson(['account', ...m]);
      const pairs = formulaPairs(json);
      // parameters, per-layer, components, matmuls, non-matmul ops: dozens of pairs
      expect(pairs.length).toBeGreaterThan(40);
      const symbols = symbolValues(json);
      if (m.includes('--batch')) expect(symbols.B).toBe(BigInt(m[m.indexOf('--batch') + 1]!));
      else expect(symbols.B).toBeUndefined();
      for (const p of pairs) expect(`${p.path}: ${evaluateFormula(p.formula, symbols)}`).toBe(`${p.path}: ${p.value}`);
    });
});

describe('scale --json: the value beside the formula, with a batch', () => {
  it('scale flops gpt2-xl-swiglu --in T --batch 8', () => {
    const json = cliJson(['scale', 'flops', 'gpt2-xl-swiglu', '--in', 'T', '--batch', '8']);
    const symbols = symbolValues({ model: { symbols: Object.fromEntries(Object.entries(json.model.symbols).map(([k, v]) => [k, { value: v }])) } });
    expect(symbols.B).toBe(8n);
    expect(evaluateFormula(json.formula, symbols)).toBe(String(json.value));
    expect(evaluateFormula(json.derivative, symbols)).toBe(String(json.derivative_value));
  });
});

describe('train --json: every formula evaluates to the number beside it', () => {
  const RUNS: string[][] = [
    ['gpt2-xl-swiglu', '--activations', 'cs336', '--batch', '4'],
    ['gpt2-xl', '--activations', 'korthikanti', '--tensor-parallel', '8', '--sequence-parallel', '--recompute', 'selective', '--precision', 'mixed-bf16'],
    ['llama-3-8b', '--recompute', 'full', '--attention', 'causal', '--batch', '2', '--seq-len', '2048'],
    ['qwen3-0.6b', '--optimizer', 'sgd-momentum', '--precision', 'mixed-bf16-fp32-grads'],
  ];
  for (const r of RUNS)
    it(r.join(' '), () => {
      const json = cliJson(['train', ...r]);
      const pairs = formulaPairs(json);
      expect(pairs.length).toBeGreaterThan(30);
      const symbols = symbolValues(json);
      expect(symbols.B).toBeDefined();
      for (const p of pairs) expect(`${p.path}: ${evaluateFormula(p.formula, symbols)}`).toBe(`${p.path}: ${p.value}`);
    });
});

describe('infer --json: every formula evaluates to the number beside it', () => {
  const RUNS: string[][] = [
    ['llama-3-70b', '--prompt', '8191', '--generate', '1', '--batch', '32', '--dtype', 'int8', '--kv-dtype', 'int8', '--hardware', 'tpu-v5e', '--devices', '8'],
    ['llama-3-70b', '--prompt', '7168', '--generate', '1024', '--batch', '32', '--kv-dtype', 'fp8', '--hardware', 'h100-sxm', '--devices', '8'],
    ['gpt2', '--prompt', '500', '--generate', '24', '--batch', '3', '--attention', 'causal'],
    ['mixtral-8x7b', '--prompt', '2048', '--generate', '256', '--batch', '16'],
  ];
  for (const r of RUNS)
    it(r.join(' '), () => {
      const json = cliJson(['infer', ...r]);
      const pairs = formulaPairs(json);
      // weights, the cache per token and for the batch, prefill and decode FLOPs and bytes
      expect(pairs.length).toBeGreaterThanOrEqual(9);
      const symbols = symbolValues(json);
      expect(symbols.B).toBe(BigInt(r[r.indexOf('--batch') + 1]!));
      expect(symbols.t).toBe(symbols.P! + symbols.G!);
      for (const p of pairs) expect(`${p.path}: ${evaluateFormula(p.formula, symbols)}`).toBe(`${p.path}: ${p.value}`);
    });
});
