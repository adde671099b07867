// Proof: Stanford CS336 (spring 2026, 26.0.x) assignment 1, "Problem (adamw_accounting)"
// (test/fixtures/training/sources.md a.3, a.4), for the 2026 GPT-2 XL-sized model: the preset
// gpt2-xl-swiglu with `--d-ff 4288` ("d_ff: 4,288 (the nearest multiple of 64 to 8/3 × 1,600)",
// transformer_accounting (a), PDF p. 27). What changed from 2025 (a.4, verbatim):
//   (a) "Assume d_ff = 8/3 × d_model."; the feed-forward's activations are now
//       "Position-wise feed-forward (SwiGLU): W1, W2, SiLU on the gate branch, element-wise product, W3";
//   (d) "An NVIDIA H100 GPU has a theoretical peak of 495 teraFLOP/s for "float32" (actually
//       TensorFloat-32 ...) operations" ... "The number of hours training would take".
// The 2025 convention `cs336` is that year's list literally (no W3, no product), so this edition
// has its own, `cs336-2026` (formulas/conventions/activations.yaml), tagged in both architectures.
import { describe, expect, it } from 'vitest';
import { Poly } from '../../src/algebra/poly.js';
import { resolveModel } from '../../src/model/spec.js';
import { trainingChoice } from '../../src/training/choice.js';
import { trainingLedger } from '../../src/training/ledger.js';
import { dec, rat, sig12 } from '../helpers/exact.js';
import { cliJsonAsync, decoderArch, expectSamePoly, num, sym } from '../helpers/proof.js';

const [B, L, T, d, f, h, V] = ['B', 'L', 'T', 'd', 'f', 'h', 'V'].map(sym) as [Poly, Poly, Poly, Poly, Poly, Poly, Poly];
const sum = (...ps: Poly[]) => ps.reduce((a, b) => a.add(b), Poly.ZERO);
const FLAGS = ['--d-ff', '4288', '--activations', 'cs336-2026', '--precision', 'fp32', '--optimizer', 'adamw'];
const XL26 = { L: 48n, T: 1024n, d: 1600n, f: 4288n, h: 25n, V: 50257n };

// (a) by hand from the 2026 list, elements of one sequence:
const block2026 = sum(
  num(2).mul(T).mul(d), //    RMSNorm(s): the two inputs
  num(3).mul(T).mul(d), //    QKV projections
  num(2).mul(h).mul(T).mul(T), // QK⊤ and softmax, h·T² each
  T.mul(d), //                weighted sum of values
  T.mul(d), //                output projection
  num(4).mul(T).mul(f), //    W1, SiLU on the gate branch, element-wise product, W3: T·d_ff each
  T.mul(d), //                W2
);
const head = sum(T.mul(d), T.mul(V), T.mul(V)); // final RMSNorm, output embedding, cross-entropy on logits
const activations2026 = num(4).mul(B).mul(L.mul(block2026).add(head));
const N = sum(num(2).mul(V).mul(d), L.mul(sum(num(4).mul(d).mul(d), num(3).mul(d).mul(f), num(2).mul(d))), d);

const model = resolveModel({ preset: 'gpt2-xl-swiglu', fields: { d_ff: '4288' }, batch: '1' });
const ledger = (activations: string) => trainingLedger(model.arch, trainingChoice({ activations, precision: 'fp32', optimizer: 'adamw' }));

describe('(a) the 2026 list under --activations cs336-2026', () => {
  it('the model: d_ff = 4,288 and N = 1,640,452,800 (sources.md a.4, DERIVED)', () => {
    expect(model.values.f).toBe(4288n);
    expect(N.evaluate(XL26).toBigInt()).toBe(1_640_452_800n);
    expectSamePoly(ledger('cs336-2026').params, N);
  });

  it('activations = 4·B·(L·(8Td + 2hT² + 4Tf) + Td + 2TV), tensor by tensor', () => {
    const t = ledger('cs336-2026');
    expectSamePoly(t.memory.activations, activations2026);
    const ffn = Object.fromEntries(t.activations.kept.filter((k) => k.component.id === 'ffn').map((k) => [k.activation.id, k.bytes]));
    expect(Object.keys(ffn).sort()).toEqual(['product', 'silu', 'w1', 'w2', 'w3']);
    for (const id of ['w1', 'w3', 'silu', 'product']) expectSamePoly(ffn[id]!, num(4).mul(B).mul(T).mul(f));
    expectSamePoly(ffn.w2!, num(4).mul(B).mul(T).mul(d));
    expectSamePoly(t.memory.peak, num(16).mul(N).add(activations2026));
  });

  it('the 2026 list is the 2025 list plus W3 and the element-wise product: exactly 2·T·f·4 bytes more per layer and sequence', () => {
    expectSamePoly(ledger('cs336-2026').memory.activations.sub(ledger('cs336').memory.activations), num(4).mul(B).mul(L).mul(num(2).mul(T).mul(f)));
  });

  it('a plain two-matrix MLP has no W3 and no product: both editions count the same', () => {
    const plain = decoderArch({ ffn: 'gelu' });
    const plainModel = resolveModel({ arch: 'decoder', values: { vocab_size: 1000, context_length: 64, num_layers: 2, d_model: 64, num_heads: 4, d_ff: 256, ffn: 'gelu' }, batch: '1' });
    expect(plain.chosen.ffn).toBe('gelu');
    const a = (c: string) => trainingLedger(plainModel.arch, trainingChoice({ activations: c })).memory.activations;
    expectSamePoly(a('cs336-2026'), a('cs336'));
  });

  it('with the handout\'s d_ff = 8/3 × d_model (not a whole width, hence the 4,288 model): 4B(L(56Td/3 + 2hT²) + Td + 2TV)', () => {
    const at83 = ledger('cs336-2026').memory.activations.substitute('f', d.scale(rat(8, 3)));
    const expected = num(4).mul(B).mul(L.mul(sum(d.mul(T).scale(rat(56, 3)), num(2).mul(h).mul(T).mul(T))).add(head));
    expectSamePoly(at83, expected);
  });
});

describe('(b) the largest batch in 80 GB and in 80 GiB', () => {
  const { L: l, T: t, d: dm, f: ff, h: hh, V: v } = XL26;
  const a2026 = 4n * (l * (8n * t * dm + 2n * hh * t * t + 4n * t * ff) + t * dm + 2n * t * v);
  const a2025 = 4n * (l * (8n * t * dm + 2n * hh * t * t + 2n * t * ff) + t * dm + 2n * t * v);
  const b = 16n * 1_640_452_800n;
  const GB80 = 80n * 10n ** 9n, GiB80 = 80n * 2n ** 30n;

  it('by hand: a = 16,373,391,360, b = 26,247,244,800; 3 sequences in 80 GB and in 80 GiB (the 2025 list would fit 3 and 4)', () => {
    expect(a2026).toBe(16_373_391_360n);
    expect(b).toBe(26_247_244_800n);
    expect([(GB80 - b) / a2026, (GiB80 - b) / a2026]).toEqual([3n, 3n]);
    expect([(GB80 - b) / a2025, (GiB80 - b) / a2025]).toEqual([3n, 4n]);
  });

  it.concurrent.each([
    ['cs336-2026', a2026, 3n, 3n],
    ['cs336', a2025, 3n, 4n],
  ])('--activations %s --memory 80GB', async (conv, a, inGB, inGiB) => {
    const j = await cliJsonAsync(['train', 'gpt2-xl-swiglu', ...FLAGS, '--activations', conv, '--memory', '80GB']);
    expect(j.conventions.names.activations).toBe(conv);
    expect(j.memory.per_sequence_bytes).toBe(a);
    expect(j.memory.fixed_bytes).toBe(b);
    expect(j.memory.max_batch).toBe(inGB);
    expect(j.memory.other_reading.max_batch).toBe(inGiB);
  });
});

describe('(c) AdamW FLOPs: the 2026 Algorithm 1 applies weight decay first (sources.md a.3), the count is the same 14 per parameter', () => {
  it('14·N = 22,966,339,200', () => {
    expectSamePoly(ledger('cs336-2026').flops.optimizer, num(14).mul(N));
    expect(14n * 1_640_452_800n).toBe(22_966_339_200n);
  });
});

describe('(d) hours for 400K steps at batch 1,024 on one H100 at 50% MFU, backward = 2 × forward', () => {
  const { L: l, T: t, d: dm, f: ff, V: v } = XL26;
  const forward = l * (8n * t * dm * dm + 4n * t * t * dm + 6n * t * dm * ff) + 2n * t * dm * v;
  const modelFlops = 400_000n * 1024n * 3n * forward;
  const hours = (peak: string) => rat(modelFlops).div(dec(peak).mul(dec('0.5'))).div(rat(3600));

  it('3 × forward per sequence = 10,550,309,683,200 FLOPs, the number a public 2026 answer uses (sources.md a.4, a student answer, UNVERIFIED as a reference)', () => {
    expect(forward).toBe(3_516_769_894_400n);
    expect(3n * forward).toBe(10_550_309_683_200n);
    // That answer's "= 4850 hours" at 495 TFLOP/s:
    expect(Math.round(sig12(hours('495e12')))).toBe(4850);
  });

  it.concurrent.each([
    // The handout's "495 teraFLOP/s": as --peak.
    ['--peak 495e12', ['--peak', '495e12'], '495e12'],
    // The data file's TF32 dense peak, NVIDIA H100 whitepaper WP104 Table 3 "Peak TF32 Tensor TFLOPS 494.7/989.4"
    // (formulas/hardware/nvidia.yaml): the handout rounds it to 495.
    ['--hardware h100-sxm --dtype tf32', ['--hardware', 'h100-sxm', '--dtype', 'tf32'], '494.7e12'],
    // Without --dtype the fp32 policy's compute dtype is plain fp32, "Peak FP32 TFLOPS (non-Tensor) 66.9":
    // the handout's "float32" is TF32, so this is the slower, literal reading.
    ['--hardware h100-sxm (fp32, non-tensor)', ['--hardware', 'h100-sxm'], '66.9e12'],
  ])('%s', async (_label, peakFlags, peak) => {
    const j = await cliJsonAsync(['train', 'gpt2-xl-swiglu', ...FLAGS, '--batch', '1024', '--steps', '400000', ...peakFlags, '--mfu', '0.5']);
    expect(j.flops.total).toBe(modelFlops);
    expect(Number(j.hardware.peak_flops_per_device)).toBe(Number(peak));
    expect(j.time.hours).toBe(sig12(hours(peak)));
    expect(j.time.seconds).toBe(sig12(hours(peak).mul(rat(3600))));
  });

  it('the three readings, by hand: 4,850.06 h at 495, 4,853.01 h at 494.7 (× 495/494.7 exactly), 35,886.1 h at 66.9', () => {
    expect(sig12(hours('495e12'))).toBe(4850.06380049);
    expect(sig12(hours('494.7e12'))).toBe(4853.00501565);
    expect(hours('494.7e12').div(hours('495e12')).toString()).toBe(rat(4950, 4947).toString());
    expect(sig12(hours('66.9e12'))).toBe(35886.1222906);
  });
});
