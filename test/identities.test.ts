// The engine's simplified totals against formulas written independently from the seed's own
// breakdown (transformer_accounting_worked_answer.txt), as identities: equal polynomials after
// mathjs parses both, and equal values when mathjs evaluates both in BigNumber arithmetic.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { bigNumberMath } from './helpers/bignumber.js';
import { mathjs, polyFromMathNode } from '../src/algebra/mathjs.js';
import { loadArchitecture } from '../src/formulas/load.js';
import { symbolicLedger } from '../src/ledger/symbolic.js';
import { formulaPrinter } from '../src/print/formula.js';

const arch = loadArchitecture('swiglu-mha');
const ledger = symbolicLedger(arch);
const print = formulaPrinter(arch);
const S = new Set(arch.symbols.map((s) => s.name));

// Seed (a): embedding V·d; per block SwiGLU 3·d·f, two RMSNorm gains 2·d, attention 4·d·d;
// final RMSNorm d; LM head d·V.
const SEED_PARAMS = 'V*d + L*(3*d*f + 2*d + 4*d*d) + d + d*V';
// Seed (b): per layer Q, K, V, O each 2·T·d·d; per head scores and weights·V each 2·T·(d/h)·T,
// h heads; W1, W3, W2 each 2·T·d·f; LM head 2·T·d·V.
const SEED_FLOPS = 'L*(4*2*T*d*d + h*2*T*(d/h)*T + h*2*T*T*(d/h) + 3*2*T*d*f) + 2*T*d*V';

const big = () => bigNumberMath();

describe('swiglu-mha totals are the seed\'s formulas', () => {
  const cases = [
    ['parameters', ledger.params.total, SEED_PARAMS],
    ['forward matmul FLOPs', ledger.flops.total, SEED_FLOPS],
  ] as const;

  for (const [name, engine, seed] of cases) {
    it(`${name}: the printed canonical form equals the seed's formula as polynomials`, () => {
      const printed = polyFromMathNode(mathjs().parse(print.ascii(engine)), S);
      const reference = polyFromMathNode(mathjs().parse(seed), S);
      expect(printed.equals(reference)).toBe(true);
      expect(mathjs().simplify(`(${print.ascii(engine)}) - (${seed})`).toString()).toBe('0');
    });

    it(`${name}: equal at random points (mathjs BigNumber evaluation vs exact Poly)`, () => {
      const math = big();
      const expr = math.compile(seed);
      const point = fc.record({
        L: fc.bigInt({ min: 1n, max: 10n ** 4n }),
        T: fc.bigInt({ min: 1n, max: 10n ** 7n }),
        h: fc.bigInt({ min: 1n, max: 256n }),
        k: fc.bigInt({ min: 1n, max: 10n ** 5n }), // d = h·k so that h divides d
        f: fc.bigInt({ min: 1n, max: 10n ** 7n }),
        V: fc.bigInt({ min: 1n, max: 10n ** 7n }),
      });
      fc.assert(
        fc.property(point, ({ k, ...p }) => {
          const values = { ...p, d: p.h * k };
          const scope = Object.fromEntries(Object.entries(values).map(([s, v]) => [s, math.bignumber(v.toString())]));
          const reference = (expr.evaluate(scope) as { toFixed(n: number): string }).toFixed(0);
          expect(engine.evaluate(values).toBigInt().toString()).toBe(reference);
        }),
        { numRuns: 200 },
      );
    });
  }

  it('derivative of forward FLOPs in T is L(8d² + 8Td + 6df) + 2dV (Poly.diff and mathjs.derivative agree)', () => {
    const expected = polyFromMathNode(mathjs().parse('L*(8*d^2 + 8*T*d + 6*d*f) + 2*d*V'), S);
    expect(ledger.flops.total.diff('T').equals(expected)).toBe(true);
    const viaMathjs = polyFromMathNode(mathjs().derivative(print.ascii(ledger.flops.total), 'T'), S);
    expect(viaMathjs.equals(expected)).toBe(true);
  });
});
