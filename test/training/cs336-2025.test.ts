// Proof: Stanford CS336 (spring 2025) assignment 1, "Problem (adamwAccounting)", for the GPT-2
// XL-shaped model of the handout's own architecture (preset gpt2-xl-swiglu), under
// `--activations cs336 --precision fp32 --optimizer adamw`. Every fact is quoted from
// test/fixtures/training/sources.md (section a); every expected formula and number is written
// here from the handout's text, by hand, never taken from lmledger's output.
//
//   a.2 (a): "Assume we are using float32 for every tensor." "Assume d_ff = 4 × d_model."
//        Activations: "Transformer block — RMSNorm(s); Multi-head self-attention sublayer: QKV
//        projections, Q⊤K matrix multiply, softmax, weighted sum of values, output projection;
//        Position-wise feed-forward: W1 matrix multiply, SiLU, W2 matrix multiply — final RMSNorm —
//        output embedding — cross-entropy on logits".
//   a.2 (b): "a · batch_size + b", "the maximum batch size you can use and still fit within 80GB".
//   a.1 Algorithm 1 (AdamW) for (c); a.2 (d): "An NVIDIA A100 GPU has a theoretical peak of 19.5
//        teraFLOP/s for float32 operations. Assuming you are able to get 50% MFU, how long would it
//        take to train a GPT-2 XL for 400K steps and a batch size of 1024 on a single A100? ...
//        assume that the backward pass has twice the FLOPs of the forward pass."
//   a.2: GPT-2 XL "vocab_size : 50,257 / context_length : 1,024 / num_layers : 48 / d_model : 1,600 /
//        num_heads : 25 / d_ff : 6,400"; DERIVED parameter count 2,127,057,600.
import { describe, expect, it } from 'vitest';
import { Poly } from '../../src/algebra/poly.js';
import { OPTIMIZERS } from '../../src/formulas/training/optimizers.js';
import { resolveModel } from '../../src/model/spec.js';
import { trainingChoice } from '../../src/training/choice.js';
import { trainingLedger } from '../../src/training/ledger.js';
import { dec, rat, sig12 } from '../helpers/exact.js';
import { cliJsonAsync, expectSamePoly, num, paperPoly, sym } from '../helpers/proof.js';

const [B, L, T, d, f, h, V] = ['B', 'L', 'T', 'd', 'f', 'h', 'V'].map(sym) as [Poly, Poly, Poly, Poly, Poly, Poly, Poly];
const SAME = { B: 'B', L: 'L', T: 'T', d: 'd', f: 'f', h: 'h', V: 'V' };
const sum = (...ps: Poly[]) => ps.reduce((a, b) => a.add(b), Poly.ZERO);
const FLAGS = ['--activations', 'cs336', '--precision', 'fp32', '--optimizer', 'adamw'];

// The GPT-2 XL shape (sources.md a.2).
const XL = { L: 48n, T: 1024n, d: 1600n, f: 6400n, h: 25n, V: 50257n };

// (a), by hand from the handout's list, in elements of one sequence:
const block = sum(
  num(2).mul(T).mul(d), //          the inputs of the two RMSNorms, T·d each
  num(3).mul(T).mul(d), //          Q, K and V projections, T·d each
  h.mul(T).mul(T), //               Q⊤K: h·T² scores
  h.mul(T).mul(T), //               softmax: h·T²
  T.mul(d), //                      weighted sum of values
  T.mul(d), //                      output projection
  T.mul(f), //                      W1 matrix multiply: T·d_ff
  T.mul(f), //                      SiLU: T·d_ff
  T.mul(d), //                      W2 matrix multiply: T·d
);
const head = sum(T.mul(d) /* final RMSNorm */, T.mul(V) /* output embedding (logits) */, T.mul(V) /* cross-entropy on logits */);
const FP32 = num(4); // "float32 for every tensor"
const activations = FP32.mul(B).mul(L.mul(block).add(head));
// The handout's architecture (sources.md a.2, DERIVED): untied embedding and LM head, 4d² attention,
// 3·d·d_ff SwiGLU, 2 RMSNorm gains per block and a final one.
const N = sum(num(2).mul(V).mul(d), L.mul(sum(num(4).mul(d).mul(d), num(3).mul(d).mul(f), num(2).mul(d))), d);
const parameters = FP32.mul(N); //        float32 weights
const gradients = FP32.mul(N); //         one float32 gradient per weight
const optimizerState = num(8).mul(N); //  AdamW's m and v, float32 each
const peak = sum(parameters, gradients, optimizerState, activations);
const withF4d = (p: Poly) => p.substitute('f', num(4).mul(d)); // "Assume d_ff = 4 × d_model"

const model = resolveModel({ preset: 'gpt2-xl-swiglu', batch: '1' });
const ledger = trainingLedger(model.arch, trainingChoice({ activations: 'cs336', precision: 'fp32', optimizer: 'adamw' }));

describe('(a) peak memory, part by part, as formulas (polynomial identities)', () => {
  it('the preset is the handout\'s GPT-2 XL shape with d_ff = 4·d_model, and N = 2,127,057,600', () => {
    for (const [k, v] of Object.entries(XL)) expect(model.values[k], k).toBe(v);
    expect(XL.f).toBe(4n * XL.d);
    expectSamePoly(ledger.params, N);
    expect(N.evaluate(XL).toBigInt()).toBe(2_127_057_600n);
  });

  it('parameters 4N, gradients 4N, AdamW state 8N (fp32: 16 bytes per parameter)', () => {
    expectSamePoly(ledger.memory.parameters, parameters);
    expectSamePoly(ledger.memory.gradients, gradients);
    expectSamePoly(ledger.memory.optimizer, optimizerState);
  });

  it('activations = 4·B·(L·(8Td + 2hT² + 2Tf) + Td + 2TV): exactly the handout\'s list, tensor by tensor', () => {
    expectSamePoly(ledger.memory.activations, activations);
    expectSamePoly(ledger.activations.perLayer, FP32.mul(B).mul(block));
    // Each tensor lmledger keeps under cs336 is one item of the list, at 4 bytes per element.
    const kept = Object.fromEntries(ledger.activations.kept.map((k) => [k.activation.path, k.bytes]));
    const item: Record<string, Poly> = {
      'attention_norm.input': T.mul(d),
      'attention.q': T.mul(d),
      'attention.k': T.mul(d),
      'attention.v': T.mul(d),
      'attention.scores': h.mul(T).mul(T),
      'attention.softmax': h.mul(T).mul(T),
      'attention.weighted_sum': T.mul(d),
      'attention.output': T.mul(d),
      'ffn_norm.input': T.mul(d),
      'ffn.w1': T.mul(f),
      'ffn.silu': T.mul(f),
      'ffn.w2': T.mul(d),
      'final_norm.input': T.mul(d),
      'lm_head.logits': T.mul(V),
      'lm_head.log_probs': T.mul(V),
    };
    expect(Object.keys(kept).sort()).toEqual(Object.keys(item).sort());
    for (const [path, elements] of Object.entries(item)) expectSamePoly(kept[path]!, FP32.mul(B).mul(elements));
  });

  it('peak = a·B + b with a the activations of one sequence and b = 16N', () => {
    expectSamePoly(ledger.memory.peak, peak);
    expectSamePoly(ledger.memory.perSequence, FP32.mul(L.mul(block).add(head)));
    expectSamePoly(ledger.memory.fixed, num(16).mul(N));
  });

  it('with d_ff = 4·d_model, in the handout\'s hyperparameters only: activations 4B(L(16Td + 2hT²) + Td + 2TV), N = L(16d² + 2d) + 2dV + d', () => {
    const handout = paperPoly('4 * B * (num_layers * (16 * T * d_model + 2 * num_heads * T^2) + T * d_model + 2 * T * vocab_size)', {
      B: 'B', num_layers: 'L', T: 'T', d_model: 'd', num_heads: 'h', vocab_size: 'V',
    });
    expectSamePoly(withF4d(ledger.memory.activations), handout);
    const params = paperPoly('num_layers * (16 * d_model^2 + 2 * d_model) + 2 * d_model * vocab_size + d_model', { num_layers: 'L', d_model: 'd', vocab_size: 'V' });
    expectSamePoly(withF4d(ledger.params), params);
    expectSamePoly(withF4d(ledger.memory.peak), num(16).mul(params).add(handout));
  });

  it.concurrent('the CLI prints the same formulas: each *_formula of train --json parses (mathjs) to the hand formula', async () => {
    const j = await cliJsonAsync(['train', 'gpt2-xl-swiglu', ...FLAGS, '--batch', '8']);
    const parsed = (key: string) => paperPoly(j.memory[`${key}_formula`], SAME);
    expectSamePoly(parsed('parameters_bytes'), parameters);
    expectSamePoly(parsed('gradients_bytes'), gradients);
    expectSamePoly(parsed('optimizer_bytes'), optimizerState);
    expectSamePoly(parsed('activations_bytes'), activations);
    expectSamePoly(parsed('peak_bytes'), peak);
    expectSamePoly(parsed('per_sequence_bytes'), FP32.mul(L.mul(block).add(head)));
    expectSamePoly(parsed('fixed_bytes'), num(16).mul(N));
    const at8 = { ...XL, B: 8n };
    for (const [key, p] of [['parameters_bytes', parameters], ['activations_bytes', activations], ['peak_bytes', peak]] as const)
      expect(j.memory[key], key).toBe(p.evaluate(at8).toBigInt());
    expect(j.conventions.names).toMatchObject({ activations: 'cs336', precision: 'fp32', optimizer: 'adamw' });
    expect(j.conventions.bytes_per_param.total).toBe(16n); // a whole ratio reads back as an integer
  });
});

describe('(b) a·B + b for GPT-2 XL and the largest batch in 80 GB and in 80 GiB', () => {
  // By hand: per block 8·T·d + 2·h·T² + 2·T·f elements, then T·d + 2·T·V, all × 4 bytes.
  const { L: l, T: t, d: dm, f: ff, h: hh, V: v } = XL;
  const a = 4n * (l * (8n * t * dm + 2n * hh * t * t + 2n * t * ff) + t * dm + 2n * t * v);
  const b = 16n * 2_127_057_600n;
  const GB80 = 80n * 10n ** 9n;
  const GiB80 = 80n * 2n ** 30n;

  it('a = 15,517,753,344 bytes per sequence, b = 34,032,921,600 bytes (the hand arithmetic)', () => {
    expect(a).toBe(15_517_753_344n);
    expect(b).toBe(34_032_921_600n);
    // 80 GB leaves room for 2 sequences, 80 GiB (85,899,345,920 bytes) for 3.
    expect((GB80 - b) / a).toBe(2n);
    expect((GiB80 - b) / a).toBe(3n);
    expect(a * 3n + b > GB80 && a * 3n + b <= GiB80).toBe(true);
  });

  it.concurrent.each([
    ['80GB', GB80, 2n, '80 GiB', 3n],
    ['80GiB', GiB80, 3n, '80 GB', 2n],
  ])('--memory %s', async (memory, bytes, max, otherText, otherMax) => {
    const j = await cliJsonAsync(['train', 'gpt2-xl-swiglu', ...FLAGS, '--memory', memory]);
    expect(j.memory.per_sequence_bytes).toBe(a);
    expect(j.memory.fixed_bytes).toBe(b);
    expect(j.memory.budget.bytes).toBe(bytes);
    expect(j.memory.max_batch).toBe(max);
    expect(j.memory.peak_at_max_batch_bytes).toBe(a * max + b);
    expect(j.memory.other_reading).toEqual({ text: otherText, bytes: otherText.endsWith('GiB') ? GiB80 : GB80, max_batch: otherMax });
  });
});

describe('(c) the FLOPs of one AdamW step: 14 per parameter, from Algorithm 1', () => {
  it('the update rule in formulas/training/optimizers.yaml, grouped by the lines of Algorithm 1: 3 + 4 + 5 + 2 = 14', () => {
    // sources.md f.1: m ← β1 m + (1−β1) g: 3; v ← β2 v + (1−β2) g²: 4; θ ← θ − α_t m/(√v + ϵ): 5
    // (sqrt, +ϵ, divide, ×α_t, subtract); θ ← θ − αλθ: 2. α_t is a scalar once per step.
    const adamw = OPTIMIZERS.get('adamw');
    expect(adamw.states).toBe(2);
    const ops = adamw.update.map((u) => [u.op, u.flops] as const);
    const line = (test: (op: string) => boolean) => ops.filter(([op]) => test(op)).reduce((s, [, n]) => s + n, 0);
    const firstMoment = line((op) => op.startsWith('m ←'));
    const secondMoment = line((op) => op.startsWith('v ←'));
    const decay = line((op) => op.includes('αλθ'));
    const update = line((op) => !op.startsWith('m ←') && !op.startsWith('v ←') && !op.includes('αλθ'));
    expect([firstMoment, secondMoment, update, decay]).toEqual([3, 4, 5, 2]);
    expect(ops.filter(([op]) => !op.startsWith('m ←') && !op.startsWith('v ←') && !op.includes('αλθ')).map(([op]) => op)).toEqual([
      '√v', '√v + ε', 'm / (√v + ε)', 'α_t · (…)', 'θ ← θ − (…)',
    ]);
    expect(adamw.flopsPerParam).toBe(14);
  });

  it('optimizer FLOPs of a step = 14·N as a formula, and 29,778,806,400 for GPT-2 XL', () => {
    expectSamePoly(ledger.flops.optimizer, num(14).mul(N));
    expect(14n * 2_127_057_600n).toBe(29_778_806_400n);
  });

  it.concurrent('through the CLI: 14 per parameter by default, another count with --optimizer-flops', async () => {
    const [j, j16] = await Promise.all([
      cliJsonAsync(['train', 'gpt2-xl-swiglu', ...FLAGS]),
      cliJsonAsync(['train', 'gpt2-xl-swiglu', ...FLAGS, '--optimizer-flops', '16']),
    ]);
    expect(j.flops.optimizer_flops_per_param).toBe(14n);
    expect(j.flops.optimizer).toBe(29_778_806_400n);
    expectSamePoly(paperPoly(j.flops.optimizer_formula, SAME), num(14).mul(N));
    expect(j16.flops.optimizer).toBe(16n * 2_127_057_600n);
    expect(j.conventions.optimizer).toMatch(/14 FLOPs per parameter per step \(3 \+ 4 \+ 1 \+ 1 \+ 1 \+ 1 \+ 1 \+ 2: /);
  });
});

describe('(d) days for 400K steps at batch 1,024 on one A100 (19.5 TFLOP/s fp32) at 50% MFU', () => {
  // The forward matmul FLOPs of one sequence of the handout's model, by hand: per block Q, K, V, O
  // (4 × 2·T·d²), Q⊤K and the weighted sum (2 × 2·T²·d), W1, W3, W2 (3 × 2·T·d·d_ff); the LM head 2·T·d·V.
  const forwardPoly = L.mul(sum(num(8).mul(T).mul(d).mul(d), num(4).mul(T).mul(T).mul(d), num(6).mul(T).mul(d).mul(f))).add(num(2).mul(T).mul(d).mul(V));
  const { L: l, T: t, d: dm, f: ff, V: v } = XL;
  const forward = l * (8n * t * dm * dm + 4n * t * t * dm + 6n * t * dm * ff) + 2n * t * dm * v;
  const steps = 400_000n;
  const batch = 1024n;
  // "the backward pass has twice the FLOPs of the forward pass": 3 × forward per sequence.
  const modelFlops = steps * batch * 3n * forward;
  const seconds = rat(modelFlops).div(dec('19.5e12').mul(dec('0.5')));

  it('forward = 4,513,336,524,800 FLOPs per sequence; lmledger\'s forward and backward = 2 × forward are identities', () => {
    expect(forward).toBe(4_513_336_524_800n);
    expectSamePoly(ledger.flops.forward, B.mul(forwardPoly));
    expectSamePoly(ledger.flops.backward, num(2).mul(ledger.flops.forward));
    expectSamePoly(ledger.flops.model, num(3).mul(B).mul(forwardPoly));
  });

  it('the time by hand: 400,000 · 1,024 · 3 · forward / (19.5e12 · 0.5) ≈ 568,819,274 s ≈ 6,583.6 days', () => {
    expect(seconds.toString()).toBe('23108283006976/40625');
    expect(sig12(seconds)).toBe(568_819_274.018);
    expect(sig12(seconds.div(rat(86_400)))).toBe(6583.55641224);
  });

  it.concurrent.each([
    ['--peak 19.5e12', ['--peak', '19.5e12']],
    ['--hardware a100-80gb (its fp32 peak, the precision policy\'s compute dtype)', ['--hardware', 'a100-80gb']],
    ['--hardware a100-80gb --dtype fp32', ['--hardware', 'a100-80gb', '--dtype', 'fp32']],
  ])('%s --mfu 0.5 --steps 400000 --batch 1024: time.seconds and time.days to 12 digits', async (_label, peakFlags) => {
    const j = await cliJsonAsync(['train', 'gpt2-xl-swiglu', ...FLAGS, '--batch', '1024', '--steps', '400000', ...peakFlags, '--mfu', '0.5']);
    expect(j.hardware.peak_flops_per_device).toBe(19_500_000_000_000n); // a whole ratio reads back as an integer
    expect(j.flops.steps).toBe(steps);
    expect(j.flops.tokens).toBe(steps * batch * 1024n);
    // MFU counts model FLOPs (forward + backward), not the optimizer (PaLM App. B, sources.md e).
    expect(j.flops.total).toBe(modelFlops);
    expect(j.flops.total_with_recompute_and_optimizer).toBe(modelFlops + steps * 29_778_806_400n);
    expect(j.time.basis).toBe('mfu');
    expect(j.time.mfu).toBe(0.5);
    expect(j.time.seconds).toBe(sig12(seconds));
    expect(j.time.hours).toBe(sig12(seconds.div(rat(3600))));
    expect(j.time.days).toBe(sig12(seconds.div(rat(86_400))));
  });
});
