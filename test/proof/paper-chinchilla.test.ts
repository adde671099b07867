// Proof (e, Chinchilla): Hoffmann et al. 2022, "Training Compute-Optimal Large Language Models",
// Appendix F, forward FLOPs of one sequence, written with the paper's own names (formula text from
// /work/shared/docs/references.md, "Paper formulas"):
//   embeddings     2·seq_len·vocab_size·d_model
//   attention      QKV 2·3·seq_len·d_model·(key_size·num_heads); logits 2·seq_len·seq_len·(key_size·num_heads);
//                  softmax 3·num_heads·seq_len·seq_len; reduction 2·seq_len·seq_len·(key_size·num_heads);
//                  project 2·seq_len·(key_size·num_heads)·d_model
//   dense block    2·seq_len·(d_model·ffw_size + d_model·ffw_size)       (a 2-matrix MLP)
//   final logits   2·seq_len·d_model·vocab_size
//   total          embeddings + num_layers·(attention + dense block) + final logits
// against the decoder with a gelu MLP, no biases, head_dim a given (their key_size) and k defaulted
// (K and V as wide as Q). Chinchilla counts two things lmledger keeps out of its matmul total: the
// embedding as a 2·T·V·d matmul (lmledger: a 0-FLOP gather) and the softmax, 3 FLOPs per score
// (lmledger: the non-matmul op attention.softmax, 3·T²·h per layer).
//
// Table A4 ("FLOP ratio ours / 6ND"; references.md: reproduced without embeddings and logits,
// V = 32,000, T = 2,048). Definition chosen here, the one that reproduces most rows: their count =
// 3 × (the engine's forward matmul FLOPs without the LM head + the softmax), i.e. forward + backward
// with backward = 2 × forward, no embedding and no logits; N = the model's nominal size as the
// table names it (73M, 305M, …); D = T tokens of one sequence. Rounded half up to 2 decimals.
import { describe, expect, it } from 'vitest';
import { Rational } from '../../src/algebra/rational.js';
import { account } from '../../src/ledger/account.js';
import { symbolicLedger } from '../../src/ledger/symbolic.js';
import { resolveModel } from '../../src/model/spec.js';
import { component, decoderArch, expectSamePoly, num, nonMatmulOp, paperPoly, sym } from '../helpers/proof.js';

const CHINCHILLA_F = `
  2 * seq_len * vocab_size * d_model
  + num_layers * (
      2 * 3 * seq_len * d_model * (key_size * num_heads)
    + 2 * seq_len * seq_len * (key_size * num_heads)
    + 3 * num_heads * seq_len * seq_len
    + 2 * seq_len * seq_len * (key_size * num_heads)
    + 2 * seq_len * (key_size * num_heads) * d_model
    + 2 * seq_len * (d_model * ffw_size + d_model * ffw_size)
  )
  + 2 * seq_len * d_model * vocab_size`;
const NAMES = { seq_len: 'T', vocab_size: 'V', d_model: 'd', key_size: 'a', num_heads: 'h', ffw_size: 'f', num_layers: 'L' };
const L = sym('L'), T = sym('T'), d = sym('d'), V = sym('V');

describe('Chinchilla Appendix F forward FLOPs per sequence', () => {
  const arch = decoderArch({ ffn: 'gelu', head_dim: 32 });
  const ledger = symbolicLedger(arch);

  it('the decoder: gelu, no biases, head_dim given, k defaulted to h', () => {
    expect(arch.defaulted.map((s) => s.name)).toEqual(['k']);
    expect(arch.symbols.map((s) => s.name)).toContain('a');
  });

  it('softmax is 3·T²·h per layer in lmledger too', () => {
    expectSamePoly(nonMatmulOp(arch, 'attention', 'softmax'), paperPoly('3 * num_heads * seq_len * seq_len', NAMES));
  });

  it('= matmul FLOPs + softmax (L·3T²h) + 2·T·V·d (the embedding, a gather in lmledger), exactly', () => {
    const softmax = L.mul(nonMatmulOp(arch, 'attention', 'softmax'));
    const embeddingAsMatmul = num(2).mul(T).mul(V).mul(d);
    expect(component(arch, 'embedding').flops.isZero()).toBe(true);
    expectSamePoly(ledger.flops.total.add(softmax).add(embeddingAsMatmul), paperPoly(CHINCHILLA_F, NAMES));
  });
});

describe('Chinchilla Table A4: their FLOPs / 6ND', () => {
  const V = 32000, T = 2048;
  // [name, nominal N, layers, d_model, ffw_size, heads, kv size, the table's ratio, reproduced?]
  const ROWS: Array<[string, bigint, number, number, number, number, number, string, boolean]> = [
    ['73M', 73_000_000n, 10, 640, 2560, 10, 64, '1.03', false], // we get 1.0366 -> 1.04
    ['305M', 305_000_000n, 20, 1024, 4096, 16, 64, '1.10', true],
    ['552M', 552_000_000n, 24, 1280, 5120, 10, 128, '1.08', true],
    ['1.1B', 1_100_000_000n, 26, 1792, 7168, 14, 128, '1.04', false], // we get 1.0853 -> 1.09
    ['1.6B', 1_600_000_000n, 28, 2048, 8192, 16, 128, '1.03', true],
    ['6.8B', 6_800_000_000n, 40, 3584, 14336, 28, 128, '0.99', true],
  ];

  /** Their per-sequence training count without embeddings and logits, from the engine's numbers. */
  function theirCount(L: number, d: number, f: number, h: number, a: number): bigint {
    const model = resolveModel({
      arch: 'decoder',
      values: { ffn: 'gelu', vocab_size: V, context_length: T, num_layers: L, d_model: d, d_ff: f, num_heads: h, head_dim: a },
      label: 'chinchilla',
    });
    const acc = account(model);
    const logits = acc.flops.matmuls.filter((m) => m.component.id === 'lm_head').reduce((s, m) => s + m.total, 0n);
    const softmax = acc.nonMatmul.ops.filter((o) => o.component.id === 'attention' && o.op.id === 'softmax').reduce((s, o) => s + o.total, 0n);
    return 3n * (acc.flops.total.value - logits + softmax);
  }
  const round2 = (r: Rational) => {
    const hundredths = (r.num * 200n + r.den) / (2n * r.den); // round half up, r > 0
    return `${hundredths / 100n}.${String(hundredths % 100n).padStart(2, '0')}`;
  };
  const ratio = (row: (typeof ROWS)[number]) => {
    const [, N, L, d, f, h, a] = row;
    return Rational.of(theirCount(L, d, f, h, a), 6n * N * BigInt(T));
  };

  it.each(ROWS.filter((r) => r[8]).map((r) => [r[0], r[7], r] as const))('%s: %s', (_name, table, row) => {
    expect(round2(ratio(row))).toBe(table);
  });

  // Not reproduced with one definition for all rows: 73M gives 1.0366 (1.04, table 1.03) and 1.1B
  // gives 1.0853 (1.09, table 1.04). These record the engine's values, not the paper's.
  it.each(ROWS.filter((r) => !r[8]).map((r) => [r[0], r[7], r] as const))('%s: not reproduced (table %s); the engine gives the values in the comment above', (name, table, row) => {
    const got = round2(ratio(row));
    expect(got).not.toBe(table);
    expect(got).toBe(name === '73M' ? '1.04' : '1.09');
  });
});
