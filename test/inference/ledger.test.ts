// The inference ledger against independent routes: the decode total (a symbolic sum) against an
// explicit loop over the steps, the KV cache against 2·L·k·a·bytes (scaling-book's formula), and
// every JSON formula against the number beside it.
import { describe, expect, it } from 'vitest';
import { Rational } from '../../src/algebra/rational.js';
import { inferenceLedger, ledgerValues } from '../../src/inference/ledger.js';
import { DTYPES } from '../../src/ledger/dtypes.js';
import { resolveModel } from '../../src/model/spec.js';
import { cliJson } from '../helpers/proof.js';
import { evaluateFormula, formulaPairs, symbolValues } from '../helpers/formula-pairs.js';

const bytes = (n: string) => DTYPES.find((d) => d.name === n)!.bytes;

describe('decode: the closed form over G steps equals the loop over t = P + 1 … P + G', () => {
  for (const preset of ['gpt2-xl-swiglu', 'llama-3-8b', 'qwen3-0.6b', 'gpt2'])
    it(preset, () => {
      const model = resolveModel({ preset, batch: '3' });
      const l = inferenceLedger(model.arch, { weights: bytes('bf16'), kv: bytes('fp8') });
      for (const [P, G] of [[1n, 1n], [7n, 5n], [512n, 100n]] as const) {
        const v = ledgerValues(l, model.values, { P, G });
        let flops = Rational.ZERO;
        let moved = Rational.ZERO;
        for (let t = P + 1n; t <= P + G; t++) {
          flops = flops.add(l.decode.flopsAt.evaluate({ ...v, t }));
          moved = moved.add(l.decode.bytesAt.evaluate({ ...v, t }));
        }
        expect(l.decode.flops.evaluate(v).equals(flops)).toBe(true);
        expect(l.decode.bytes.evaluate(v).equals(moved)).toBe(true);
      }
    });
});

describe('KV cache per token = 2 · L · k · a · bytes per element', () => {
  const cases: Array<[string, bigint, bigint, bigint]> = [
    // preset, L, kv heads, head size (from the published configs in formulas/presets)
    ['llama-3-8b', 32n, 8n, 128n],
    ['gpt2-xl-swiglu', 48n, 25n, 64n],
    ['qwen3-0.6b', 28n, 8n, 128n],
  ];
  for (const [preset, L, k, a] of cases)
    it(preset, () => {
      const model = resolveModel({ preset, batch: '1' });
      for (const kv of ['bf16', 'fp8', 'fp32']) {
        const l = inferenceLedger(model.arch, { weights: bytes('bf16'), kv: bytes(kv) });
        expect(l.kv.perToken.evaluate(model.values).equals(Rational.of(2n * L * k * a).mul(bytes(kv)))).toBe(true);
      }
    });
});

describe('decode FLOPs of one step: 2 FLOPs per weight a matmul multiplies, plus 4·L·h·a·t of attention', () => {
  it('llama-3-8b at t = 4096 equals 2·(N − embedding − norms) + 4·L·h·a·t for one sequence', () => {
    const model = resolveModel({ preset: 'llama-3-8b', batch: '1' });
    const l = inferenceLedger(model.arch, { weights: bytes('bf16'), kv: bytes('bf16') });
    const [L, d, V, h, a] = [32n, 4096n, 128256n, 32n, 128n];
    const N = 8030261248n; // published (formulas/presets/llama.yaml)
    const notMultiplied = V * d + 2n * L * d + d; // the embedding lookup and the RMSNorm gains
    const t = 4096n;
    expect(l.decode.flopsAt.evaluate({ ...model.values, P: 1n, G: 1n, t }).toBigInt()).toBe(2n * (N - notMultiplied) + 4n * L * h * a * t);
  });
});

describe('infer --json: every formula evaluates to the number beside it', () => {
  for (const args of [
    ['llama-3-8b', '--prompt', '8192', '--generate', '1024', '--batch', '32', '--kv-dtype', 'fp8', '--hardware', 'h100-sxm', '--devices', '8'],
    ['gpt2', '--prompt', '512', '--generate', '512', '--attention', 'causal'],
    ['gpt2-xl-swiglu', '--prompt', '100', '--generate', '0', '--dtype', 'fp32'],
  ])
    it(args.join(' '), () => {
      const json = cliJson(['infer', ...args]);
      const pairs = formulaPairs(json);
      expect(pairs.length).toBeGreaterThan(8);
      const symbols = symbolValues(json);
      for (const p of pairs) expect(`${p.path}: ${evaluateFormula(p.formula, symbols)}`).toBe(`${p.path}: ${p.value}`);
    });
});
