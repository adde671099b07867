// Honest labels: the derivative is called the derivative and the exact cost of one more token is
// shown as F(T+1) − F(T) (computed here by hand from the seed's shapes); titles are built from the
// options a model actually sets; check says it is a second counter, not PyTorch; formulas --latex
// labels P as parameters and C as FLOPs.
import { describe, expect, it } from 'vitest';
import { cli, parseExactJson } from './helpers/cli.js';
import { handFlops, handFlopsDerivativeT, XL } from './helpers/scaling.js';

const grouped = (n: bigint) => n.toString().replace(/\B(?=(\d{3})+(?!\d))/g, ',');
const ONE_MORE = handFlops({ ...XL, T: XL.T + 1n }).total - handFlops(XL).total;

describe('the derivative and the cost of one more token', () => {
  it('by hand: 4,722,435,200 FLOPs for token 1,025, the derivative 4,722,128,000, 4Ld = 307,200 apart', () => {
    expect(ONE_MORE).toBe(4_722_435_200n);
    expect(ONE_MORE - handFlopsDerivativeT(XL)).toBe(4n * XL.L * XL.d);
  });
  it('the sheet names both, each with its own value', () => {
    const r = cli(['sheet', 'gpt2-xl-swiglu', '--format', 'md']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).not.toMatch(/FLOPs per extra token/);
    expect(r.stdout).toContain('C(T+1) - C(T)');
    expect(r.stdout).toContain(`the derivative is ${grouped(handFlopsDerivativeT(XL))} FLOPs per token; one more token costs ${grouped(ONE_MORE)} FLOPs`);
  });
  it('scale prints F(T+1) − F(T) beside ∂F/∂T, and JSON has it', () => {
    const text = cli(['scale', 'flops', 'gpt2-xl-swiglu', '--in', 'T']).stdout;
    expect(text).toMatch(new RegExp(`∂F/∂T .* ${grouped(handFlopsDerivativeT(XL))}  the derivative`));
    expect(text).toMatch(new RegExp(`F\\(T\\+1\\) − F\\(T\\) .* ${grouped(ONE_MORE)}  exactly what raising T by 1 adds`));
    const doc = parseExactJson(cli(['scale', 'flops', 'gpt2-xl-swiglu', '--in', 'T', '--json']).stdout);
    expect(doc.increment_value).toBe(ONE_MORE);
    expect(doc.derivative_value).toBe(handFlopsDerivativeT(XL));
  });
});

describe('titles built from the options actually set', () => {
  const title = (args: string[]) => cli(['account', ...args]).stdout.split('\n')[0]!;
  it("GPT-2's says what it is and never grouped-query attention", () => {
    const t = title(['gpt2']);
    for (const p of ['multi-head attention', 'LayerNorm', 'learned positions', 'Q/K/V biases', 'a GELU feed-forward', 'tied embeddings']) expect(t).toContain(p);
    expect(t).not.toMatch(/grouped-query|configurable|RoPE|RMSNorm|SwiGLU/);
  });
  it('grouped-query only where k differs from h; multi-head where it is given equal', () => {
    expect(title(['llama-3-8b'])).toContain('grouped-query attention'); // 8 KV heads for 32
    expect(title(['phi-3-mini-4k'])).toMatch(/multi-head attention/); // num_kv_heads 32 = num_heads
    expect(title(['phi-3-mini-4k'])).not.toMatch(/grouped-query/);
  });
  it('an option that changes nothing is not named (a gate bias on a plain GELU MLP)', () => {
    const t = title(['--arch', 'decoder', '--ffn', 'gelu', '--gate-bias', 'true']);
    expect(t).toContain('a GELU feed-forward');
    expect(t).not.toContain('gate bias');
  });
  it('the write-up and the sheet carry the same title', () => {
    const t = title(['gpt2']).replace(/^gpt2 \(architecture decoder\): /, '');
    expect(cli(["answer", "gpt2"]).stdout).toContain(`*${t} (decoder)*`);
    expect(cli(['sheet', 'gpt2', '--format', 'md']).stdout).toContain(`*${t}*`);
  });
});

describe('check is described as the independent second counter it is', () => {
  it('in its output and its help', () => {
    const out = cli(['check', 'gpt2']).stdout;
    expect(out).toMatch(/independent count/);
    expect(out).toMatch(/second counter \(src\/check\/structure\.ts, in TypeScript, not PyTorch\)/);
    expect(out).not.toMatch(/as a PyTorch module defines them/);
    expect(cli(['check', '--help']).stdout).toMatch(/independent structural count/);
  });
});

describe('formulas --latex labels P as parameters and C as FLOPs', () => {
  it('each on its own comment line', () => {
    const lines = cli(['formulas', '--latex']).stdout.split('\n');
    const p = lines.find((l) => l.startsWith('% P:'))!;
    const c = lines.find((l) => l.startsWith('% C:'))!;
    expect(p).toMatch(/^% P: parameters, the product of each weight's dimensions/);
    expect(c).toMatch(/^% C: forward matmul FLOPs, 2·m·n·p/);
    expect(c).not.toMatch(/parameter/);
  });
});
