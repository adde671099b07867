// Expressions as written in formulas/ and presets ("d/h", "k*d/h", "4*d_model") are parsed
// here into exact Polys. The grammar is deliberately small: integers, declared symbols,
// + - * / ^ (integer exponents) and parentheses; multiplication is written with *.
//
// This is a hand-written parser rather than mathjs.parse because it runs on every command:
// mathjs takes ~150 ms to load, most of a CLI answer. mathjs stays the reference: the tests
// parse the same expressions with mathjs (src/algebra/mathjs.ts) and require equal Polys.

import { Poly } from './poly.js';
import { Rational } from './rational.js';

export class ExprError extends Error {}

/** The largest power an expression may write (x^64): far above any shape's, far below a hang. */
export const MAX_EXPONENT = 64n;

type Token = { kind: 'num'; value: bigint } | { kind: 'sym'; name: string } | { kind: 'op'; op: string };

function tokenize(text: string, fail: (why: string) => never): Token[] {
  const out: Token[] = [];
  const re = /\s*(?:(\d+)|([A-Za-z_][A-Za-z0-9_]*)|([-+*/^()]))/y;
  let i = 0;
  while (i < text.length) {
    if (/^\s*$/.test(text.slice(i))) break;
    re.lastIndex = i;
    const m = re.exec(text);
    if (!m) return fail(`unexpected '${text.slice(i).trim()[0]}' at position ${i + 1}`);
    if (m[1] !== undefined) out.push({ kind: 'num', value: BigInt(m[1]) });
    else if (m[2] !== undefined) out.push({ kind: 'sym', name: m[2] });
    else out.push({ kind: 'op', op: m[3]! });
    i = re.lastIndex;
  }
  return out;
}

/**
 * Parses `text` into a Poly. `symbols` lists the names allowed; anything else is an error
 * naming the unknown symbol and the allowed ones.
 */
export function parsePoly(text: string | number, symbols: ReadonlySet<string>): Poly {
  if (typeof text === 'number') {
    if (!Number.isSafeInteger(text)) throw new ExprError(`${text} is not an integer`);
    return Poly.constant(BigInt(text));
  }
  const fail = (why: string): never => {
    throw new ExprError(`"${text}": ${why}`);
  };
  const tokens = tokenize(text, fail);
  let pos = 0;
  const peekOp = (): string | undefined => {
    const t = tokens[pos];
    return t?.kind === 'op' ? t.op : undefined;
  };

  // sum := product (('+' | '-') product)*
  const sum = (): Poly => {
    let acc = product();
    for (let op = peekOp(); op === '+' || op === '-'; op = peekOp()) {
      pos++;
      const rhs = product();
      acc = op === '+' ? acc.add(rhs) : acc.sub(rhs);
    }
    return acc;
  };
  // product := unary (('*' | '/') unary)*
  const product = (): Poly => {
    let acc = unary();
    for (let op = peekOp(); op === '*' || op === '/'; op = peekOp()) {
      pos++;
      const rhs = unary();
      if (op === '*') acc = acc.mul(rhs);
      else {
        if (rhs.isZero()) fail('division by zero');
        if (!rhs.asTerm()) fail('can only divide by a single term such as h or 2*h');
        acc = acc.div(rhs);
      }
    }
    return acc;
  };
  // unary := ('-' | '+') unary | power
  const unary = (): Poly => {
    const op = peekOp();
    if (op === '-' || op === '+') {
      pos++;
      const v = unary();
      return op === '-' ? v.neg() : v;
    }
    return power();
  };
  // power := atom ('^' unary)?   (right-associative, as usual)
  const power = (): Poly => {
    const base = atom();
    if (peekOp() !== '^') return base;
    pos++;
    const e = unary().asConstant();
    if (!e || !e.isInteger()) return fail('exponents must be integer constants');
    // A count's formula needs small powers (T², d³ at most); a huge one would take forever to expand.
    if (e.abs().compare(Rational.of(MAX_EXPONENT)) > 0) return fail(`exponent ${e} is too large; allowed: at most ${MAX_EXPONENT} in size`);
    if (e.isNegative() && !base.asTerm()) return fail('a negative power needs a single-term base');
    return base.pow(Number(e.toBigInt()));
  };
  const atom = (): Poly => {
    const t = tokens[pos++];
    if (!t) return fail('ends too early');
    if (t.kind === 'num') return Poly.constant(t.value);
    if (t.kind === 'sym') {
      if (!symbols.has(t.name)) return fail(`unknown symbol '${t.name}' (declared: ${[...symbols].join(', ') || 'none'})`);
      return Poly.symbol(t.name);
    }
    if (t.op === '(') {
      const inner = sum();
      if (peekOp() !== ')') return fail("missing ')'");
      pos++;
      return inner;
    }
    return fail(`unexpected '${t.op}'`);
  };

  if (tokens.length === 0) fail('is empty');
  const result = sum();
  if (pos < tokens.length) {
    const t = tokens[pos]!;
    fail(`unexpected '${t.kind === 'num' ? t.value : t.kind === 'sym' ? t.name : t.op}'`);
  }
  return result;
}
