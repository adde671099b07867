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

/**
 * Bounds on what an expression may build, checked before each product and power is expanded:
 * the total degree of a term (as for MAX_EXPONENT) and the size of a coefficient in bits (4,096
 * bits, about 1,233 digits). ((x+1)^64)^64 or (((2^64)^64)^64)^64 would otherwise take hours.
 */
export const MAX_DEGREE = 64;
export const MAX_COEFFICIENT_BITS = 4096;
/** And the number of terms (a count's formula has a few dozen): (x+y+1)^64 would have 2,145. */
export const MAX_TERMS = 256;

/** Monomials of total degree at most `degree` in `vars` symbols: C(degree + vars, vars), capped. */
function monomials(degree: number, vars: number): number {
  let c = 1;
  for (let k = 1; k <= vars; k++) {
    c = (c * (degree + k)) / k;
    if (c > MAX_TERMS * 16) return Infinity;
  }
  return c;
}

const bitLength = (n: bigint): number => (n < 0n ? -n : n).toString(2).length;

/** Largest total degree of a term and largest coefficient size (bits of numerator or denominator). */
function size(p: Poly): { degree: number; bits: number; terms: number; vars: Set<string> } {
  let degree = 0;
  let bits = 0;
  const terms = p.terms();
  for (const t of terms) {
    degree = Math.max(degree, t.mono.exps.reduce((n, [, e]) => n + Math.abs(e), 0));
    bits = Math.max(bits, bitLength(t.coef.num), bitLength(t.coef.den));
  }
  return { degree, bits, terms: terms.length, vars: p.symbols() };
}

/** Fails unless a result of this degree and coefficient size is within the bounds. */
function checkSize(degree: number, bits: number, terms: number, fail: (why: string) => never): void {
  if (terms > MAX_TERMS) fail(`it would have up to ${terms === Infinity ? 'millions of' : terms} terms; allowed: at most ${MAX_TERMS}`);
  if (degree > MAX_DEGREE) fail(`its terms would have degree ${degree}; allowed: at most ${MAX_DEGREE}`);
  if (bits > MAX_COEFFICIENT_BITS) fail(`its numbers would have about ${Math.round(bits * 0.30103)} digits; allowed: at most ${Math.round(MAX_COEFFICIENT_BITS * 0.30103)}`);
}

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
    if (m[1] !== undefined) {
      // Digits beyond the coefficient bound are refused before BigInt reads them.
      if (m[1].length > Math.round(MAX_COEFFICIENT_BITS * 0.30103)) fail(`a number of ${m[1].length} digits is too large; allowed: at most ${Math.round(MAX_COEFFICIENT_BITS * 0.30103)}`);
      out.push({ kind: 'num', value: BigInt(m[1]) });
    }
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
    throw new ExprError(`"${text.length > 80 ? `${text.slice(0, 80)}…` : text}": ${why}`);
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
      if (op === '*') {
        const a = size(acc);
        const b = size(rhs);
        // A sum of products adds a bit per doubling of the terms summed.
        const vars = new Set([...a.vars, ...b.vars]).size;
        const terms = Math.min(a.terms * b.terms, monomials(a.degree + b.degree, vars));
        checkSize(a.degree + b.degree, a.bits + b.bits + Math.ceil(Math.log2(Math.min(a.terms, b.terms) + 1)), terms, fail);
        acc = acc.mul(rhs);
      }
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
    const n = Math.abs(Number(e.toBigInt()));
    const b = size(base);
    const terms = b.terms === 1 ? 1 : monomials(b.degree * n, b.vars.size);
    checkSize(b.degree * n, (b.bits + Math.ceil(Math.log2(b.terms + 1))) * n, terms, fail);
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
