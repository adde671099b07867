// The backward pass is derived from the declared matmuls, not assumed (issue 9, item 1): for
// [m, n] @ [n, p], the gradient of each operand that needs one is one more matmul of 2·m·n·p FLOPs,
// dA = dY·Wᵀ : [m, p] @ [p, n] and dW = Aᵀ·dY : [n, m] @ [m, p]. So "backward = 2 × forward"
// (Kaplan et al. 2020; PaLM App. B: "the backward pass includes two matmuls for each one in the
// forward pass", test/fixtures/training/sources.md e) is an identity for every shipped model, and
// an architecture that declares `no_grad` on an operand shows the exception by exactly that product.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { Poly } from '../../src/algebra/poly.js';
import { ROOT } from '../helpers/cli.js';
import { presets } from '../../src/model/presets.js';
import { resolveModel } from '../../src/model/spec.js';
import { trainingChoice } from '../../src/training/choice.js';
import { trainingLedger } from '../../src/training/ledger.js';
import { cliAsync, cliJsonAsync, expectSamePoly, num, sym, tempFiles } from '../helpers/proof.js';

const two = num(2);
const layers = (arch: { layers: string }) => sym(arch.layers);

describe('backward = 2 × forward, as an identity of polynomials, for every preset', () => {
  const names = [...presets().keys()];

  it('there are presets of both architectures to check', () => {
    expect(names.length).toBeGreaterThan(20);
    const archs = new Set(names.map((n) => resolveModel({ preset: n }).arch.id));
    expect([...archs].sort()).toEqual(['decoder', 'swiglu-mha']);
  });

  for (const attention of ['dense', 'causal', 'causal-half'])
    it(`under --attention ${attention}`, () => {
      for (const name of names) {
        const m = resolveModel({ preset: name, batch: '1', attention });
        const t = trainingLedger(m.arch, trainingChoice());
        expect(t.flops.exceptions, name).toEqual([]);
        expectSamePoly(t.flops.backward, two.mul(t.flops.forward));
        expect(t.flops.backward.evaluate(m.values).toBigInt(), name).toBe(2n * t.flops.forward.evaluate(m.values).toBigInt());
      }
    });

  it('matmul by matmul: two gradient products, each with the shapes [m, p] @ [p, n] and [n, m] @ [m, p] and the forward\'s FLOPs', () => {
    for (const name of names) {
      const m = resolveModel({ preset: name, batch: '1' });
      const t = trainingLedger(m.arch, trainingChoice());
      for (const c of m.arch.components)
        for (const mm of c.matmuls) {
          const products = t.flops.backwardProducts.filter((p) => p.matmul === mm);
          expect(products.map((p) => p.operand), `${name} ${mm.path}`).toEqual(['left', 'right']);
          const [[M, N], [, P]] = [mm.left, mm.right];
          const [dA, dW] = products as [(typeof products)[0], (typeof products)[0]];
          for (const [x, y] of [[dA.left, [M, P]], [dA.right, [P, N]], [dW.left, [N, M]], [dW.right, [M, P]]] as Array<[Poly[], Poly[]]>)
            for (let i = 0; i < 2; i++) expectSamePoly(x[i]!, y[i]!);
          for (const p of products) expectSamePoly(two.mul(p.left[0]!).mul(p.left[1]!).mul(p.right[1]!).mul(mm.times), mm.flops);
        }
    }
  });

  it('weight matmuls name their products input and weight; QKᵀ and the weighted sum (both operands activations) left operand and right operand', () => {
    const t = trainingLedger(resolveModel({ preset: 'gpt2-xl-swiglu', batch: '1' }).arch, trainingChoice());
    const names = (path: string) => t.flops.backwardProducts.filter((p) => p.matmul.path === path).map((p) => p.name);
    expect(names('attention.q')).toEqual(['input', 'weight']);
    expect(names('lm_head.logits')).toEqual(['input', 'weight']);
    expect(names('attention.scores')).toEqual(['left operand', 'right operand']);
    expect(names('attention.weighted_sum')).toEqual(['left operand', 'right operand']);
  });
});

describe('an architecture with no_grad: [left] on a matmul: backward < 2 × forward by exactly that product', () => {
  // The seed's architecture, copied to a temporary directory with ffn.w1's input declared as needing
  // no gradient (as if the block's normalised input were frozen): the backward skips dA = dY·W1ᵀ.
  const source = readFileSync(`${ROOT}formulas/architectures/swiglu-mha.yaml`, 'utf8');
  const w1 = '      w1: {shape: "[T, d] @ [d, f]", what: gate x W1}';
  expect(source).toContain(w1);
  const text = source.replace('architecture: swiglu-mha', 'architecture: swiglu-mha-nograd').replace(w1, '      w1: {shape: "[T, d] @ [d, f]", what: gate x W1, no_grad: [left]}');
  const file = tempFiles('backward')('swiglu-mha-nograd.yaml', text);
  const [B, L, T, d, f] = ['B', 'L', 'T', 'd', 'f'].map(sym) as [Poly, Poly, Poly, Poly, Poly];
  const w1Flops = two.mul(B).mul(T).mul(d).mul(f); // 2·T·d·f per sequence, per layer

  it('in process: backward = 2 × forward − L·2BTdf, and the exception is named', () => {
    const m = resolveModel({ preset: 'gpt2-xl-swiglu', arch: file, batch: '1' });
    const t = trainingLedger(m.arch, trainingChoice());
    expect(t.flops.exceptions.map((x) => [x.path, x.noGrad])).toEqual([['ffn.w1', ['left']]]);
    expectSamePoly(t.flops.backward, two.mul(t.flops.forward).sub(layers(m.arch).mul(w1Flops)));
    expect(t.flops.backwardProducts.filter((p) => p.matmul.path === 'ffn.w1').map((p) => p.name)).toEqual(['weight']);
    // the forward is untouched
    const seed = trainingLedger(resolveModel({ preset: 'gpt2-xl-swiglu', batch: '1' }).arch, trainingChoice());
    expectSamePoly(t.flops.forward, seed.flops.forward);
    expectSamePoly(seed.flops.backward.sub(t.flops.backward), L.mul(w1Flops));
  });

  it.concurrent('through the CLI: --json lists the exception and the text names it', async () => {
    const [j, text] = await Promise.all([
      cliJsonAsync(['train', 'gpt2-xl-swiglu', '--arch', file]),
      cliAsync(['train', 'gpt2-xl-swiglu', '--arch', file]),
    ]);
    expect(j.flops.backward_exceptions).toEqual([{ matmul: 'ffn.w1', no_grad: ['left'] }]);
    // gpt2-xl-swiglu: L = 48, T = 1,024, d = 1,600, f = 6,400
    expect(2n * j.flops.forward - j.flops.backward).toBe(48n * 2n * 1024n * 1600n * 6400n);
    expect(text.code, text.stderr).toBe(0);
    // (2 · 4,513,336,524,800 − 1,006,632,960,000) / 4,513,336,524,800 = 1.77696…, printed to 4 decimals
    expect(text.stdout).toMatch(/backward = 1\.7770 × forward: exceptions ffn\.w1 \(no gradient for its left operand\)/);
  });
});
