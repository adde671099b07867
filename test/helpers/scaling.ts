// Shared pieces of the scaling tests (test/scaling/*.test.ts):
//  - the seed architecture's forward FLOPs written out by hand from the shapes in the seed's
//    worked answer (2·m·n·p per matmul), so expected values never come from the engine;
//  - the CLI bad-input check (the same pattern as test/errors.test.ts);
//  - a small RFC 4180 CSV reader and a percent formatter of our own.
import { Rational } from '../../src/algebra/rational.js';
import { resolveModel, type ModelSpec } from '../../src/model/spec.js';

export interface Sym {
  L: bigint;
  T: bigint;
  d: bigint;
  f: bigint;
  h: bigint;
  V: bigint;
}

export const XL: Sym = { L: 48n, T: 1024n, d: 1600n, f: 6400n, h: 25n, V: 50257n };
export const PRESET_SYMBOLS: Record<string, Sym> = {
  'gpt2-small-swiglu': { L: 12n, T: 1024n, d: 768n, f: 3072n, h: 12n, V: 50257n },
  'gpt2-medium-swiglu': { L: 24n, T: 1024n, d: 1024n, f: 4096n, h: 16n, V: 50257n },
  'gpt2-large-swiglu': { L: 36n, T: 1024n, d: 1280n, f: 5120n, h: 20n, V: 50257n },
  'gpt2-xl-swiglu': XL,
};
export const PRESETS = Object.keys(PRESET_SYMBOLS);

/**
 * Forward matmul FLOPs of swiglu-mha by hand, matmul by matmul ([m, n] @ [n, p] = 2·m·n·p):
 * Q, K, V, O: [T, d] @ [d, d]; per head scores [T, d/h] @ [d/h, T] and weighted sum
 * [T, T] @ [T, d/h], h heads; SwiGLU W1, W3: [T, d] @ [d, f], W2: [T, f] @ [f, d];
 * LM head [T, d] @ [d, V]. Per-layer values are one layer; totals multiply by L.
 */
export function handFlops(s: Sym) {
  const { L, T, d, f, h, V } = s;
  const mm = (m: bigint, n: bigint, p: bigint) => 2n * m * n * p;
  const dh = d / h;
  const attention = 4n * mm(T, d, d) + h * mm(T, dh, T) + h * mm(T, T, dh);
  const ffn = 3n * mm(T, d, f);
  const lmHead = mm(T, d, V);
  const layer = attention + ffn;
  return { attention, ffn, lmHead, layer, total: L * layer + lmHead, attentionTotal: L * attention, ffnTotal: L * ffn };
}

/** dF/dT of the total by hand: L(8Td + 8d² + 6df) + 2dV. */
export function handFlopsDerivativeT(s: Sym): bigint {
  const { L, T, d, f, V } = s;
  return L * (8n * T * d + 8n * d * d + 6n * d * f) + 2n * d * V;
}

/** Parameters by hand: L(4d² + 3df + 2d) + 2dV + d. */
export function handParams(s: Sym): bigint {
  const { L, d, f, V } = s;
  return L * (4n * d * d + 3n * d * f + 2n * d) + 2n * d * V + d;
}

/** A model through the same path the CLI uses: a preset, optionally with config fields overridden. */
export function model(preset: string, fields: Record<string, bigint> = {}, batch?: bigint): ModelSpec {
  return resolveModel({
    preset,
    fields: Object.fromEntries(Object.entries(fields).map(([k, v]) => [k, v.toString()])),
    ...(batch ? { batch: batch.toString() } : {}),
  });
}

/** A model from flags only (no preset). */
export function customModel(s: Sym, batch = 1n): ModelSpec {
  return resolveModel({
    fields: {
      num_layers: `${s.L}`,
      seq_len: `${s.T}`,
      d_model: `${s.d}`,
      d_ff: `${s.f}`,
      num_heads: `${s.h}`,
      vocab_size: `${s.V}`,
    },
    batch: `${batch}`,
  });
}

/** Rounds an exact share to one decimal of a percent, half up (our own, not src/print/numbers). */
export function pct(r: Rational): string {
  const tenths = (r.num * 1000n * 2n + r.den) / (r.den * 2n); // round(1000·r) for r ≥ 0
  return `${tenths / 10n}.${tenths % 10n}%`;
}


/** RFC 4180: quoted fields may hold commas and doubled quotes. */
export function parseCsv(text: string): string[][] {
  return text
    .trimEnd()
    .split('\n')
    .map((line) => {
      const out: string[] = [];
      let cur = '';
      let quoted = false;
      for (let i = 0; i < line.length; i++) {
        const ch = line[i]!;
        if (quoted) {
          if (ch === '"' && line[i + 1] === '"') {
            cur += '"';
            i++;
          } else if (ch === '"') quoted = false;
          else cur += ch;
        } else if (ch === '"') quoted = true;
        else if (ch === ',') {
          out.push(cur);
          cur = '';
        } else cur += ch;
      }
      out.push(cur);
      return out;
    });
}

export { expectUserError } from './errors.js';
