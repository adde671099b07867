// src/algebra/compile.ts for the browser bundle. The CLI compiles a polynomial to JavaScript with
// new Function, which the page's Content-Security-Policy (no 'unsafe-eval') forbids; here the
// same contract is met by the engine's exact evaluator, Poly.evaluate: an exact BigInt, and a
// RangeError when the value is not an integer. The page's sweeps are a few dozen points.
import type { Poly } from '../../algebra/poly.js';

export type Compiled = (values: readonly bigint[]) => bigint;

export function compile(p: Poly, symbols: readonly string[]): Compiled {
  for (const s of p.symbols()) if (!symbols.includes(s)) throw new RangeError(`symbol ${s} is not among ${symbols.join(', ')}`);
  return (values) => {
    const at: Record<string, bigint> = {};
    symbols.forEach((s, i) => (at[s] = values[i]!));
    const r = p.evaluate(at);
    if (!r.isInteger()) throw new RangeError('not an integer');
    return r.toBigInt();
  };
}
