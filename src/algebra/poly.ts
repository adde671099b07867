// Laurent polynomials with exact rational coefficients: the one algebraic type every
// formula is reduced to. Exponents are integers and may be negative, because a head size
// d/h appears inside shapes; in whole-model totals such factors usually cancel (h·(d/h) = d).
// Two polynomials are equal exactly when their expanded term maps are equal, which is what
// makes "identity" tests meaningful rather than string comparisons.

import { Rational } from './rational.js';

/** A product of symbols with non-zero integer exponents, kept sorted by symbol name. */
export class Monomial {
  readonly exps: ReadonlyArray<readonly [string, number]>;
  readonly key: string;

  constructor(exps: Iterable<readonly [string, number]>) {
    const merged = new Map<string, number>();
    for (const [s, e] of exps) merged.set(s, (merged.get(s) ?? 0) + e);
    this.exps = [...merged].filter(([, e]) => e !== 0).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    this.key = this.exps.map(([s, e]) => `${s}^${e}`).join('*');
  }

  static readonly ONE = new Monomial([]);

  exponent(symbol: string): number {
    return this.exps.find(([s]) => s === symbol)?.[1] ?? 0;
  }
  totalDegree(): number {
    return this.exps.reduce((n, [, e]) => n + e, 0);
  }
  mul(o: Monomial): Monomial {
    return new Monomial([...this.exps, ...o.exps]);
  }
  inverse(): Monomial {
    return new Monomial(this.exps.map(([s, e]) => [s, -e] as const));
  }
  /** This monomial without the given symbol. */
  without(symbol: string): Monomial {
    return new Monomial(this.exps.filter(([s]) => s !== symbol));
  }
}

export interface Term {
  readonly mono: Monomial;
  readonly coef: Rational;
}

export type Values = Readonly<Record<string, bigint | Rational>>;

export class Poly {
  private readonly map: ReadonlyMap<string, Term>;

  private constructor(map: Map<string, Term>) {
    this.map = map;
  }

  static fromTerms(terms: Iterable<Term>): Poly {
    const map = new Map<string, Term>();
    for (const t of terms) {
      const prev = map.get(t.mono.key);
      const coef = prev ? prev.coef.add(t.coef) : t.coef;
      if (coef.isZero()) map.delete(t.mono.key);
      else map.set(t.mono.key, { mono: t.mono, coef });
    }
    return new Poly(map);
  }
  static constant(c: Rational | bigint | number): Poly {
    const r = c instanceof Rational ? c : Rational.of(c);
    return Poly.fromTerms([{ mono: Monomial.ONE, coef: r }]);
  }
  static symbol(name: string): Poly {
    return Poly.fromTerms([{ mono: new Monomial([[name, 1]]), coef: Rational.ONE }]);
  }
  static readonly ZERO = Poly.fromTerms([]);
  static readonly ONE = Poly.constant(1n);

  terms(): Term[] {
    return [...this.map.values()];
  }
  isZero(): boolean {
    return this.map.size === 0;
  }
  /** The constant value if this polynomial has no symbols, else undefined. */
  asConstant(): Rational | undefined {
    if (this.map.size === 0) return Rational.ZERO;
    if (this.map.size === 1) {
      const t = this.terms()[0]!;
      if (t.mono.exps.length === 0) return t.coef;
    }
    return undefined;
  }
  /** The single term, if this polynomial is one (a monomial times a coefficient). */
  asTerm(): Term | undefined {
    return this.map.size === 1 ? this.terms()[0] : undefined;
  }
  symbols(): Set<string> {
    const out = new Set<string>();
    for (const t of this.map.values()) for (const [s] of t.mono.exps) out.add(s);
    return out;
  }

  add(o: Poly): Poly {
    return Poly.fromTerms([...this.map.values(), ...o.map.values()]);
  }
  sub(o: Poly): Poly {
    return this.add(o.neg());
  }
  neg(): Poly {
    return this.scale(Rational.of(-1n));
  }
  scale(c: Rational): Poly {
    return Poly.fromTerms(this.terms().map((t) => ({ mono: t.mono, coef: t.coef.mul(c) })));
  }
  mul(o: Poly): Poly {
    const out: Term[] = [];
    for (const a of this.map.values())
      for (const b of o.map.values()) out.push({ mono: a.mono.mul(b.mono), coef: a.coef.mul(b.coef) });
    return Poly.fromTerms(out);
  }
  /**
   * Division is exact only by a single term (c·monomial), which is all a shape like d/h needs.
   * Anything else would leave the polynomial ring, so it is refused with a reason.
   */
  div(o: Poly): Poly {
    const t = o.asTerm();
    if (!t) throw new RangeError('can only divide by a single term such as h or 2·h');
    const inv = { mono: t.mono.inverse(), coef: Rational.ONE.div(t.coef) };
    return this.mul(Poly.fromTerms([inv]));
  }
  pow(e: number): Poly {
    if (!Number.isInteger(e)) throw new RangeError(`exponent must be an integer, got ${e}`);
    if (e < 0) return Poly.ONE.div(this.pow(-e));
    let out = Poly.ONE;
    for (let i = 0; i < e; i++) out = out.mul(this);
    return out;
  }

  /** ∂/∂symbol, exact (Laurent terms included). */
  diff(symbol: string): Poly {
    const out: Term[] = [];
    for (const t of this.map.values()) {
      const e = t.mono.exponent(symbol);
      if (e === 0) continue;
      out.push({
        mono: t.mono.mul(new Monomial([[symbol, -1]])),
        coef: t.coef.mul(Rational.of(BigInt(e))),
      });
    }
    return Poly.fromTerms(out);
  }

  /** Replaces a symbol by a polynomial (a negative power needs a single-term replacement). */
  substitute(symbol: string, by: Poly): Poly {
    let out = Poly.ZERO;
    for (const t of this.map.values()) {
      const e = t.mono.exponent(symbol);
      const rest = Poly.fromTerms([{ mono: t.mono.without(symbol), coef: t.coef }]);
      out = out.add(e === 0 ? rest : rest.mul(by.pow(e)));
    }
    return out;
  }

  /** Highest exponent of the symbol over all terms (0 for a polynomial free of it). */
  degree(symbol: string): number {
    let max = -Infinity;
    for (const t of this.map.values()) max = Math.max(max, t.mono.exponent(symbol));
    return max === -Infinity ? 0 : max;
  }
  /** Lowest exponent of the symbol over all terms. */
  lowDegree(symbol: string): number {
    let min = Infinity;
    for (const t of this.map.values()) min = Math.min(min, t.mono.exponent(symbol));
    return min === Infinity ? 0 : min;
  }
  /** The polynomial as Σ coeff_k · symbol^k: a map from k to coeff_k (which is free of symbol). */
  collect(symbol: string): Map<number, Poly> {
    const groups = new Map<number, Term[]>();
    for (const t of this.map.values()) {
      const e = t.mono.exponent(symbol);
      const list = groups.get(e) ?? [];
      list.push({ mono: t.mono.without(symbol), coef: t.coef });
      groups.set(e, list);
    }
    return new Map([...groups].map(([e, ts]) => [e, Poly.fromTerms(ts)]));
  }

  equals(o: Poly): boolean {
    return this.sub(o).isZero();
  }

  /** Exact value at a point. Every symbol must be given; a zero value under a negative power throws. */
  evaluate(values: Values): Rational {
    let sum = Rational.ZERO;
    for (const t of this.map.values()) {
      let v = t.coef;
      for (const [s, e] of t.mono.exps) {
        const x = values[s];
        if (x === undefined) throw new RangeError(`no value for symbol ${s}`);
        v = v.mul((x instanceof Rational ? x : Rational.of(x)).pow(e));
      }
      sum = sum.add(v);
    }
    return sum;
  }

  /** A debugging form; user-facing output goes through src/print. */
  toString(): string {
    if (this.isZero()) return '0';
    return this.terms()
      .map((t) => `${t.coef}${t.mono.exps.map(([s, e]) => `*${s}^${e}`).join('')}`)
      .join(' + ');
  }
}
