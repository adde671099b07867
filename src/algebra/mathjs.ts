// mathjs, loaded on first use only: it takes ~150 ms to start, so commands that do not
// differentiate never pay for it. The pre-bundled file is loaded through require(), which
// starts faster than its hundreds of ES modules and skips Node's CommonJS export scan.
//
// Used for: differentiation (math.derivative) and, in the tests, as an independent parser
// and simplifier to check lmledger's own parser and canonical forms against.

import { createRequire } from 'node:module';
import type { MathJsInstance, MathNode } from 'mathjs';
import { Poly } from './poly.js';
import { ExprError } from './parse.js';

let instance: MathJsInstance | undefined;

export function mathjs(): MathJsInstance {
  instance ??= createRequire(import.meta.url)('mathjs/lib/browser/math.js') as MathJsInstance;
  return instance;
}

/**
 * A mathjs expression tree for a Poly, built node by node so that coefficients stay exact
 * BigInt constants (parsing printed text would read them as doubles past 2^53).
 */
export function mathNodeFromPoly(p: Poly): MathNode {
  const m = mathjs();
  const C = (v: bigint) => new m.ConstantNode(v as unknown as number);
  const op = (o: string, fn: string, args: MathNode[]) => new m.OperatorNode(o as '+', fn as 'add', args);
  const product = (factors: MathNode[]) => (factors.length === 1 ? factors[0]! : op('*', 'multiply', factors));
  const terms = p.terms().map((t) => {
    const num: MathNode[] = [C(t.coef.num < 0n ? -t.coef.num : t.coef.num)];
    const den: MathNode[] = t.coef.den === 1n ? [] : [C(t.coef.den)];
    for (const [s, e] of t.mono.exps) {
      const power = Math.abs(e) === 1 ? new m.SymbolNode(s) : op('^', 'pow', [new m.SymbolNode(s), C(BigInt(Math.abs(e)))]);
      (e > 0 ? num : den).push(power);
    }
    const body = den.length ? op('/', 'divide', [product(num), product(den)]) : product(num);
    return t.coef.isNegative() ? op('-', 'unaryMinus', [body]) : body;
  });
  if (terms.length === 0) return C(0n);
  return terms.length === 1 ? terms[0]! : op('+', 'add', terms);
}

/** Converts a mathjs expression tree (from parse, derivative or simplify) into a Poly. */
export function polyFromMathNode(node: MathNode, symbols: ReadonlySet<string>): Poly {
  const fail = (why: string): never => {
    throw new ExprError(`"${node.toString()}": ${why}`);
  };
  const walk = (n: MathNode): Poly => {
    switch (n.type) {
      case 'ConstantNode': {
        const v = (n as unknown as { value: unknown }).value;
        if (typeof v === 'number' && Number.isSafeInteger(v)) return Poly.constant(BigInt(v));
        if (typeof v === 'bigint') return Poly.constant(v);
        return fail(`${String(v)} is not an integer`);
      }
      case 'SymbolNode': {
        const name = (n as unknown as { name: string }).name;
        if (!symbols.has(name)) return fail(`unknown symbol '${name}'`);
        return Poly.symbol(name);
      }
      case 'ParenthesisNode':
        return walk((n as unknown as { content: MathNode }).content);
      case 'OperatorNode': {
        const { fn, args } = n as unknown as { fn: string; args: MathNode[] };
        const [a, b] = args.map(walk);
        switch (fn) {
          case 'add':
            return args.map(walk).reduce((x, y) => x.add(y));
          case 'subtract':
            return a!.sub(b!);
          case 'multiply':
            return args.map(walk).reduce((x, y) => x.mul(y));
          case 'divide':
            return a!.div(b!);
          case 'pow': {
            const e = b!.asConstant();
            if (!e || !e.isInteger()) return fail('exponents must be integer constants');
            return a!.pow(Number(e.toBigInt()));
          }
          case 'unaryMinus':
            return a!.neg();
          case 'unaryPlus':
            return a!;
        }
        return fail(`operator ${fn} is not supported`);
      }
    }
    return fail(`${n.type} is not supported`);
  };
  return walk(node);
}
