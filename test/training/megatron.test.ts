// Proof: the Megatron FLOP formulas as identities of lmledger's training ledger, and Narayanan et
// al.'s end-to-end time, as quoted in test/fixtures/training/sources.md:
//   c.8 (Korthikanti et al. 2022, Eq. 7): model FLOPs per iteration = 72·B·L·s·h²·(1 + s/(6h) + v/(12hL));
//   d   (Narayanan et al. 2021, Eq. 3): "F = 96Bslh²(1 + s/(6h) + V/(16lh))", which "assumes activation
//       recomputation and takes into account the floating-point operations associated with the extra
//       forward pass" (the logit layer is not recomputed, hence V/(16lh));
//   d   Eq. 2: "P = 12lh²(1 + 13/(12h) + (V+s)/(12lh))"; Eq. 4: "End-to-end training time ≈ 8TP/(nX)"
//       for "6h ≫ s, 16lh ≫ (V + s), and 12lh ≫ V"; the GPT-3 example: "P = 175 billion parameters ...
//       T = 300 billion tokens. On n = 1024 A100 GPUs using batch size 1536, we achieve X = 140
//       teraFLOP/s per GPU. As a result, the time required to train this model is 34 days."
// The paper's h is lmledger's d (hidden size), s is T, l is L; a GPT layer has f = 4h and a
// two-matrix MLP (the decoder with ffn gelu). lmledger's h (heads) cancels when a = d/h.
import { describe, expect, it } from 'vitest';
import { Poly } from '../../src/algebra/poly.js';
import { resolveModel } from '../../src/model/spec.js';
import { approximations } from '../../src/training/approximate.js';
import { trainingChoice } from '../../src/training/choice.js';
import { trainingLedger } from '../../src/training/ledger.js';
import { dec, fixed, rat, sig12 } from '../helpers/exact.js';
import { cliJsonAsync, expectSamePoly, num, paperPoly, sym, tempFiles } from '../helpers/proof.js';

const NAMES = { B: 'B', L: 'L', l: 'L', s: 'T', h: 'd', V: 'V', v: 'V' };
const EQ7 = '72*B*s*L*h^2*(1 + s/(6*h) + V/(12*h*L))';
const EQ3 = '96*B*s*l*h^2*(1 + s/(6*h) + V/(16*l*h))';
const EQ2 = '12*l*h^2*(1 + 13/(12*h) + (V + s)/(12*l*h))';
const d = sym('d');
const f4d = (p: Poly) => p.substitute('f', num(4).mul(d));
const base = { vocab_size: 1000, context_length: 64, num_layers: 2, d_model: 64, num_heads: 4, d_ff: 256 };
// GPT-3's design (Brown et al. 2020 follow GPT-2): LayerNorm, learned positions, every bias, tied.
const GPT3_DESIGN = { ffn: 'gelu', norm: 'layernorm', position: 'learned', tie_embeddings: true, qkv_bias: true, out_bias: true, mlp_bias: true };

const ledgerOf = (options: Record<string, string | boolean>, recompute: 'none' | 'full' = 'none') =>
  trainingLedger(resolveModel({ arch: 'decoder', values: { ...base, ...options }, batch: '1' }).arch, trainingChoice({ recompute }));

describe('72·B·s·L·h²(1 + s/6h + V/12hL) = the model FLOPs of a training step (forward + backward), exactly', () => {
  for (const [label, options] of [['bias-free GPT layer (ffn gelu)', { ffn: 'gelu' }], ["GPT-3's design (LayerNorm, learned positions, biases, tied)", GPT3_DESIGN]] as const)
    it(label, () => {
      const t = ledgerOf(options);
      expectSamePoly(f4d(t.flops.model), paperPoly(EQ7, NAMES));
      // not only as 3 × forward: the backward is derived, operand by operand, and equals 2 × forward here
      expectSamePoly(f4d(t.flops.backward), paperPoly(EQ7, NAMES).scale(rat(2, 3)));
    });

  it('with f left free, the step is 72BTLd²(1 + T/6d + V/12dL) plus exactly the MLP\'s departure from 4d: 12BLTd(f − 4d) (i.e. BL(12Tdf − 48Td²))', () => {
    const t = ledgerOf({ ffn: 'gelu' });
    expectSamePoly(t.flops.model.sub(paperPoly(EQ7, NAMES)), paperPoly('12*B*L*T*d*(f - 4*d)', { B: 'B', L: 'L', T: 'T', d: 'd', f: 'f' }));
  });

  it('for a SwiGLU model (the seed\'s gpt2-xl-swiglu) the dropped terms are named: exact − 72·… = BL(18Tdf − 48Td²), the gated MLP\'s 3 matrices of d×f against a 2-matrix MLP of 4d', () => {
    const m = resolveModel({ preset: 'gpt2-xl-swiglu', batch: '1' });
    const t = trainingLedger(m.arch, trainingChoice());
    const gap = t.flops.model.sub(paperPoly(EQ7, NAMES));
    expectSamePoly(gap, paperPoly('B*L*(18*T*d*f - 48*T*d^2)', { B: 'B', L: 'L', T: 'T', d: 'd', f: 'f' }));
    // lmledger's own `megatron` approximation beside the exact count has the same difference.
    const meg = approximations(t).find((a) => a.approximation.name === 'megatron')!;
    expectSamePoly(meg.difference!, gap);
  });
});

describe('96·B·s·l·h²(1 + s/6h + V/16lh) = the hardware FLOPs with --recompute full', () => {
  for (const [label, options] of [['bias-free GPT layer', { ffn: 'gelu' }], ["GPT-3's design", GPT3_DESIGN]] as const)
    it(label, () => {
      const t = ledgerOf(options, 'full');
      expectSamePoly(f4d(t.flops.hardware), paperPoly(EQ3, NAMES));
      // the extra forward is every layer's matmuls, not the LM head ("the logit layer is not recomputed")
      expect(t.flops.recomputed.map((r) => r.matmul.path)).not.toContain('lm_head.logits');
      expectSamePoly(t.flops.hardware.sub(t.flops.model), t.flops.recompute);
    });
});

describe("Narayanan's GPT-3 example: 8TP/(nX) = 34 days against lmledger's exact count", () => {
  // GPT-3 175B: 96 layers, hidden 12288, 96 heads (Korthikanti Table 3, sources.md c.5); V = 51,200,
  // s = 2048 ("All models use a vocabulary size (denoted by V) of 51,200 ... and a sequence length (s) of 2048").
  const config = tempFiles('megatron')('gpt3-175b.json', {
    architecture: 'decoder', ...GPT3_DESIGN, vocab_size: 51200, context_length: 2048, num_layers: 96, d_model: 12288, num_heads: 96, d_ff: 4 * 12288,
  });
  const TOKENS = 300_000_000_000n, P = 175_000_000_000n, GPUS = 1024n, BATCH = 1536n, S = 2048n;
  const X = dec('140e12'); // achieved FLOP/s per GPU, counting the recomputation (Eq. 3 assumes it)
  const narayanan = rat(8n * TOKENS * P).div(X.mul(rat(GPUS)));
  const at = { L: 96n, T: S, d: 12288n, V: 51200n, B: BATCH };

  it('8TP/(nX) = 8·300e9·175e9 / (1024·140e12) = 2,929,687.5 s ≈ 33.9 days, "34 days"', () => {
    expect(narayanan.toString()).toBe('5859375/2');
    expect(fixed(narayanan.div(rat(86_400)), 1)).toBe('33.9');
    expect(fixed(narayanan.div(rat(86_400)), 0)).toBe('34');
  });

  it.concurrent('lmledger: 95,368 steps × the exact hardware FLOPs (Eq. 3 exactly) ÷ (1024 × 140e12) = 34.7 days; the 2.4% gap is exactly the terms 8TP drops', async () => {
    const j = await cliJsonAsync(['train', '--config', config, '--batch', String(BATCH), '--tokens', String(TOKENS), '--recompute', 'full', '--peak', '140e12', '--mfu', '1', '--devices', String(GPUS)]);
    const steps = j.flops.steps as bigint;
    expect(steps).toBe(95_368n); // ⌈300e9 / (1536 · 2048)⌉
    const hardware = j.flops.hardware as bigint;
    expect(hardware).toBe(paperPoly(EQ3, NAMES).evaluate(at).toBigInt());
    expect(j.flops.model).toBe(paperPoly(EQ7, NAMES).evaluate(at).toBigInt());
    // Eq. 2's P is lmledger's parameter count less the final LayerNorm's gain and bias (2h), which it drops.
    const eq2 = paperPoly(EQ2, NAMES).evaluate(at).toBigInt();
    expect(j.params.total - eq2).toBe(2n * 12288n);
    expect(eq2).toBe(174_615_822_336n);

    const exact = rat(steps * hardware).div(X.mul(rat(GPUS)));
    expect(fixed(exact.div(rat(86_400)), 2)).toBe('34.73');
    // exact / (8TP/(nX)) = (whole steps: B·s·steps / T) × (FLOPs per token / 8P: the s/6h and V/16lh
    // terms against 13/12h and (V+s)/12lh) × (Eq. 2's P / the rounded 175e9).
    const h = 12288n, l = 96n, s = S, V = 51200n;
    const wholeSteps = rat(steps * BATCH * s, TOKENS);
    const droppedTerms = rat(1).add(rat(s, 6n * h)).add(rat(V, 16n * l * h)).div(rat(1).add(rat(13n, 12n * h)).add(rat(V + s, 12n * l * h)));
    const roundedP = rat(eq2, P);
    expect(exact.div(narayanan).equals(wholeSteps.mul(droppedTerms).mul(roundedP))).toBe(true);
    expect([fixed(wholeSteps, 6), fixed(droppedTerms, 4), fixed(roundedP, 4), fixed(exact.div(narayanan), 4)]).toEqual(['1.000006', '1.0265', '0.9978', '1.0243']);

    // lmledger's time counts model FLOPs (MFU, PaLM App. B): at X it is the model-FLOP time, and
    // × hardware/model it is Narayanan's (whose X counts the recomputation).
    const modelTime = rat(steps * (j.flops.model as bigint)).div(X.mul(rat(GPUS)));
    expect(j.time.seconds).toBe(sig12(modelTime));
    expect(modelTime.mul(rat(hardware, j.flops.model as bigint)).equals(exact)).toBe(true);
    expect(fixed(modelTime.div(rat(86_400)), 1)).toBe('26.1');
  });
});
