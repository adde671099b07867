// mathjs with BigNumber arithmetic (200 digits): an evaluator independent of lmledger's own
// exact Rational/Poly code, for checking printed formulas against exact counts.
import type { FactoryFunctionMap, MathJsInstance } from 'mathjs';
import { mathjs } from '../../src/algebra/mathjs.js';

export function bigNumberMath(): MathJsInstance {
  const m = mathjs() as MathJsInstance & { all: FactoryFunctionMap };
  return m.create(m.all, { number: 'BigNumber', precision: 200 });
}
