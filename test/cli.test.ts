// The CLI as a user runs it (dist/cli.cjs, built by `npm test`).
import { describe, expect, it } from 'vitest';
import { bigNumberMath } from './helpers/bignumber.js';
import { cli, parseExactJson } from './helpers/cli.js';

/** Evaluates a JSON "formula" with mathjs in BigNumber arithmetic at the model's symbol values. */
function evaluateFormula(formula: string, symbols: Record<string, { value: bigint }>): string {
  const math = bigNumberMath();
  const scope = Object.fromEntries(Object.entries(symbols).map(([s, v]) => [s, math.bignumber(v.value.toString())]));
  return (math.evaluate(formula, scope) as { toFixed(n: number): string }).toFixed(0);
}

describe('lmledger account --json', () => {
  const run = cli(['account', 'gpt2-xl-swiglu', '--json']);
  const doc = parseExactJson(run.stdout);

  it('exits 0 with one JSON document', () => {
    expect(run.code).toBe(0);
    expect(run.stderr).toBe('');
  });
  it('has the seed numbers at the documented keys', () => {
    expect(doc.params.total).toBe(2_127_057_600n);
    expect(doc.memory.weights_bytes.fp32).toBe(8_508_230_400n);
    expect(Object.keys(doc.memory.weights_bytes)).toEqual(['fp32', 'bf16', 'fp16', 'fp8', 'int8', 'int4']);
    expect(doc.flops.forward.total).toBe(4_513_336_524_800n);
    expect(doc.flops.forward.components.ffn.each.value).toBe(62_914_560_000n);
    expect(doc.flops.forward.components.attention.each.value).toBe(27_682_406_400n);
    expect(doc.flops.forward.components.lm_head.total).toBe(164_682_137_600n);
    expect(doc.params.components.embedding.total).toBe(80_411_200n);
    expect(doc.flops.forward.dominant.component).toBe('ffn');
  });
  it('puts beside each total a formula that evaluates to it', () => {
    const sym = doc.model.symbols;
    expect(evaluateFormula(doc.params.formula, sym)).toBe(doc.params.total.toString());
    expect(evaluateFormula(doc.flops.forward.formula, sym)).toBe(doc.flops.forward.total.toString());
    for (const c of Object.values<any>(doc.flops.forward.components))
      expect(evaluateFormula(c.formula, sym)).toBe(c.total.toString());
    for (const c of Object.values<any>(doc.params.components))
      expect(evaluateFormula(c.formula, sym)).toBe(c.total.toString());
  });
  it('sums: components to totals, matmuls to components', () => {
    const sum = (xs: bigint[]) => xs.reduce((a, b) => a + b, 0n);
    expect(sum(Object.values<any>(doc.params.components).map((c) => c.total))).toBe(doc.params.total);
    expect(sum(Object.values<any>(doc.flops.forward.components).map((c) => c.total))).toBe(doc.flops.forward.total);
    expect(sum(doc.flops.forward.matmuls.map((m: any) => m.total))).toBe(doc.flops.forward.total);
  });
  it('states its conventions', () => {
    expect(doc.conventions.flops).toMatch(/not MACs/);
    expect(doc.conventions.attention).toMatch(/dense/);
    expect(doc.conventions.memory).toMatch(/GiB = 2³⁰/);
  });
});

describe('exact integers in JSON', () => {
  it('writes totals beyond 2^53 in full digits', () => {
    const r = cli([
      'account', '--json', '--num-layers', '1000', '--d-model', '1000000', '--num-heads', '1000',
      '--d-ff', '4000000', '--vocab-size', '1000000', '--seq-len', '1000000',
    ]);
    expect(r.code).toBe(0);
    // Seed formula, computed here with BigInt: L(8Td² + 4T²d + 6Tdf) + 2TdV.
    const [L, d, f, V, T] = [1000n, 10n ** 6n, 4n * 10n ** 6n, 10n ** 6n, 10n ** 6n];
    const expected = L * (8n * T * d * d + 4n * T * T * d + 6n * T * d * f) + 2n * T * d * V;
    expect(r.stdout).toContain(`"total": ${expected},`);
    // Counts never in exponent form (small ratios may be, as JSON numbers allow).
    expect(r.stdout).not.toMatch(/\d[eE]\+\d/);
    for (const m of r.stdout.matchAll(/"(total|value|each)": ([^,\n{]+)/g)) expect(m[2]).toMatch(/^-?\d+$/);
  });
});

describe('lmledger account (text)', () => {
  const run = cli(['account', 'gpt2-xl-swiglu']);
  it('answers the seed questions (a)–(c) in one page', () => {
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Parameters: 2,127,057,600 = L(4d² + 3df + 2d) + 2dV + d');
    expect(run.stdout).toMatch(/fp32 +4 +8,508,230,400 +8\.51 GB +7\.92 GiB/);
    expect(run.stdout).toContain('total: 4,513,336,524,800 FLOPs (4.51 TFLOP) = L(4T²d + 8Td² + 6Tdf) + 2TdV');
    // Shapes as a reader writes them: no digit grouping inside, × between dimensions, · between operands.
    expect(run.stdout).toMatch(/attention\.scores +\[1024 × 64\] · \[64 × 1024\] +×25 +3,355,443,200/);
    expect(run.stdout).toContain('The SwiGLU feed-forward (ffn) costs the most: 66.9% of the forward matmul FLOPs (69.4% of each layer)');
  });
});

describe('other commands', () => {
  it('formulas prints each component and the totals', () => {
    const r = cli(['formulas']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/attention\.scores +\[T × d\/h\] · \[d\/h × T\], h runs +2T²d/);
    expect(r.stdout).toMatch(/forward FLOPs +L\(4T²d \+ 8Td² \+ 6Tdf\) \+ 2TdV/);
  });
  it('formulas --latex is an align* block, --json parses', () => {
    const tex = cli(['formulas', 'swiglu-mha', '--latex']);
    expect(tex.stdout).toContain('\\begin{align*}');
    expect(tex.stdout).toContain('C &= L\\left(4 T^{2} d + 8 T d^{2} + 6 T d f\\right) + 2 T d V');
    const json = JSON.parse(cli(['formulas', 'gpt2-xl-swiglu', '--json']).stdout);
    expect(json.architecture).toBe('swiglu-mha');
    expect(json.totals.forward_flops.formula).toBe('L*(4*T^2*d + 8*T*d^2 + 6*T*d*f) + 2*T*d*V');
  });
  it('presets lists the seed shapes with their parameter counts', () => {
    const r = cli(['presets', '--json']);
    const list = parseExactJson(r.stdout);
    expect(list.map((p: any) => p.name)).toEqual(
      expect.arrayContaining(['gpt2-small-swiglu', 'gpt2-medium-swiglu', 'gpt2-large-swiglu', 'gpt2-xl-swiglu']),
    );
    expect(list.find((p: any) => p.name === 'gpt2-xl-swiglu').config.d_ff).toBe(6400n);
  });
  it('accepts the seed\'s config file keys, and flags override a preset', () => {
    const r = cli(['account', '--config', 'test/fixtures/seed-xl.json', '--json']);
    expect(parseExactJson(r.stdout).flops.forward.total).toBe(4_513_336_524_800n);
    const long = cli(['account', 'gpt2-xl-swiglu', '--seq-len', '16384', '--json']);
    expect(parseExactJson(long.stdout).flops.forward.total).toBe(149_522_795_724_800n);
  });
});
