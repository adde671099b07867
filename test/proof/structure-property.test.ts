// Proof (a): the formulas against an independent structural count, on random configs.
//
// For random small configs of every architecture (swiglu-mha with the seed's fields only; decoder
// with every option drawn at random, given or left to its default, with and without num_kv_heads
// and head_dim), the engine's totals (formulas/architectures/*.yaml -> Poly -> exact value) equal
// src/check/structure.ts, which builds the weight tensors and matmul operand shapes one layer at a
// time from the plain config numbers, as a PyTorch module would, and never reads formulas/.
// Expected values: structureParams / structureFlops (no formula involved).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { structure, structureActiveParams, structureFlops, structureParams } from '../../src/check/structure.js';
import { loadArchitectureFile } from '../../src/formulas/load.js';
import { account } from '../../src/ledger/account.js';
import { resolveModel, type RawField } from '../../src/model/spec.js';

const RUNS = 300;

/** Both routes for one request; returns the four numbers for a readable failure message. */
function bothRoutes(arch: string, values: Record<string, RawField>, batch: number) {
  const model = resolveModel({ arch, values, batch: String(batch), label: 'random' });
  const a = account(model);
  const s = structure(model);
  return {
    params: [a.params.total.value, structureParams(s)],
    active: [a.params.active.value, structureActiveParams(s)],
    flops: [a.flops.total.value, structureFlops(s)],
  };
}

const sizes = {
  L: fc.integer({ min: 1, max: 6 }),
  V: fc.integer({ min: 1, max: 5000 }),
  f: fc.integer({ min: 1, max: 2048 }),
  P: fc.integer({ min: 1, max: 300 }),
  T: fc.option(fc.integer({ min: 1, max: 300 }), { nil: undefined }),
  batch: fc.integer({ min: 1, max: 3 }),
};

describe('swiglu-mha: formulas = structural count', () => {
  // h divides d: draw h and the head size, d = h·(d/h) ≤ 512.
  const config = fc
    .record({ ...sizes, h: fc.integer({ min: 1, max: 32 }), m: fc.integer({ min: 1, max: 512 }) })
    .filter(({ h, m }) => h * m <= 512);
  it(`${RUNS} random configs`, () => {
    fc.assert(
      fc.property(config, ({ L, V, f, P, T, h, m, batch }) => {
        const values: Record<string, RawField> = {
          vocab_size: V,
          context_length: P,
          num_layers: L,
          d_model: h * m,
          num_heads: h,
          d_ff: f,
          ...(T === undefined ? {} : { seq_len: T }),
        };
        const r = bothRoutes('swiglu-mha', values, batch);
        expect(r.params[0]).toBe(r.params[1]);
        expect(r.flops[0]).toBe(r.flops[1]);
      }),
      { numRuns: RUNS },
    );
  });
});

describe('decoder: formulas = structural count for every option combination', () => {
  // The option values are read from the architecture file, so a value added there is drawn too.
  const file = loadArchitectureFile('decoder');
  const optionArbs = Object.fromEntries(
    file.options.map((o) => [o.name, fc.option(fc.constantFrom(...o.values), { nil: undefined })]),
  );
  it('draws every option of decoder.yaml', () => {
    expect(file.options.map((o) => o.name).sort()).toEqual(
      ['embed_projection', 'embedding_norm', 'ffn', 'final_norm', 'gate_bias', 'latent_attention', 'lm_head_bias', 'logit_scale', 'mlp_bias', 'moe', 'norm', 'offset_positions', 'out_bias', 'parallel', 'position', 'q_compression', 'qk_norm', 'qkv_bias', 'rotary', 'router_bias', 'shared_experts', 'tie_embeddings',
       // blocks and layers that differ (Gemma 2/3, OLMo, OPT-350m, Mistral's window)
       'norm_place', 'norm_affine', 'sliding_window', 'clip_qkv', 'score_softcap', 'logit_softcap', 'embedding_scale', 'vision'].sort(),
    );
  });

  const shape = fc
    .record({
      ...sizes,
      kvHeads: fc.integer({ min: 1, max: 16 }),
      groups: fc.integer({ min: 1, max: 8 }), // h = k·groups, so k divides h
      giveKv: fc.boolean(),
      headDim: fc.option(fc.integer({ min: 1, max: 96 }), { nil: undefined }),
      dFree: fc.integer({ min: 1, max: 512 }), // d when head_dim is given (any d)
      m: fc.integer({ min: 1, max: 128 }), // d/h when head_dim is absent
      // mixture of experts (used when the moe option is drawn true)
      E: fc.integer({ min: 1, max: 16 }),
      Kfrac: fc.double({ min: 0, max: 1, noNaN: true }),
      fe: fc.integer({ min: 1, max: 256 }),
      fs: fc.integer({ min: 1, max: 512 }),
      denseFrac: fc.double({ min: 0, max: 1, noNaN: true }),
      // multi-head latent attention (used when latent_attention is drawn true)
      rq: fc.integer({ min: 1, max: 64 }),
      rkv: fc.integer({ min: 1, max: 64 }),
      nope: fc.integer({ min: 1, max: 32 }),
      rope: fc.integer({ min: 1, max: 16 }),
      vh: fc.integer({ min: 1, max: 32 }),
      // sliding-window attention (used when sliding_window is drawn true): a window below and
      // above T, in some or all of the layers
      window: fc.integer({ min: 1, max: 400 }),
      slidingFrac: fc.double({ min: 0, max: 1, noNaN: true }),
      // partial rotary (rotary: partial with RoPE): rotated dimensions of a head, 1…a
      rotFrac: fc.double({ min: 0, max: 1, noNaN: true }),
      // offset position rows (offset_positions: true with learned positions)
      offset: fc.integer({ min: 1, max: 4 }),
      // projected embeddings (embed_projection: true): their width
      embedDim: fc.integer({ min: 1, max: 256 }),
    })
    .filter(({ kvHeads, groups, headDim, m }) => headDim !== undefined || kvHeads * groups * m <= 512);
  const config = fc.record({ shape, options: fc.record(optionArbs) });

  it(`${RUNS} random configs (options drawn or defaulted, with and without num_kv_heads and head_dim)`, () => {
    fc.assert(
      fc.property(config, ({ shape: s, options }) => {
        const h = s.kvHeads * s.groups;
        const d = s.headDim === undefined ? h * s.m : s.dFree;
        const values: Record<string, RawField> = {
          vocab_size: s.V,
          context_length: s.P,
          num_layers: s.L,
          d_model: d,
          num_heads: h,
          // A mixture of experts replaces the dense feed-forward: its widths instead of d_ff, and
          // d_ff again for its leading dense layers when it has some (L_dense < L).
          ...(options.moe === true
            ? {
                num_experts: s.E,
                experts_per_token: 1 + Math.floor(s.Kfrac * (s.E - 1)),
                expert_d_ff: s.fe,
                ...(options.shared_experts === 'plain' || options.shared_experts === 'gated' ? { shared_d_ff: s.fs } : {}),
                ...(Math.floor(s.denseFrac * s.L) > 0 ? { dense_layers: Math.floor(s.denseFrac * s.L), d_ff: s.f } : {}),
              }
            : { d_ff: s.f }),
          // Latent attention has its own head sizes: no num_kv_heads or head_dim.
          ...(options.latent_attention === true
            ? { kv_latent: s.rkv, qk_nope_head_dim: s.nope, qk_rope_head_dim: s.rope, v_head_dim: s.vh, ...(options.q_compression === true ? { q_latent: s.rq } : {}) }
            : {}),
          // A learned position table has P rows: such a model cannot take more than P tokens.
          ...(s.T === undefined ? {} : { seq_len: options.position === 'learned' ? Math.min(s.T, s.P) : s.T }),
          ...(s.giveKv && options.latent_attention !== true ? { num_kv_heads: s.kvHeads } : {}),
          ...(s.headDim === undefined || options.latent_attention === true ? {} : { head_dim: s.headDim }),
          ...(options.sliding_window === true && options.latent_attention !== true
            ? { window: s.window, sliding_layers: 1 + Math.floor(s.slidingFrac * (s.L - 1)) }
            : {}),
          // a CLIP vision tower (used when vision is drawn clip): small random shapes
          ...(options.vision === 'clip' ? { vision_width: s.window % 97 + 1, vision_d_ff: s.f % 89 + 1, vision_layers: s.L, vision_positions: s.V % 50 + 1, vision_patch: s.L + 1, vision_channels: 3 } : {}),
          // Partial rotary rotates some of a head's dimensions (RoPE only, not latent attention's own).
          ...(options.rotary === 'partial' && (options.position ?? 'rope') === 'rope' && options.latent_attention !== true
            ? { rotary_dim: 1 + Math.floor(s.rotFrac * ((s.headDim ?? s.m) - 1)) }
            : {}),
          ...(options.offset_positions === true && options.position === 'learned' ? { position_offset: s.offset } : {}),
          ...(options.embed_projection === true ? { embed_dim: s.embedDim } : {}),
        };
        for (const [k, v] of Object.entries(options)) if (v !== undefined) values[k] = v as RawField;
        const r = bothRoutes('decoder', values, s.batch);
        expect(r.params[0]).toBe(r.params[1]);
        expect(r.active[0]).toBe(r.active[1]);
        expect(r.flops[0]).toBe(r.flops[1]);
      }),
      { numRuns: RUNS },
    );
  });
});
