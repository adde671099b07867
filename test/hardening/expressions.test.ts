// Expressions in formula files and presets (issue 12, item 2): sizes are bounded before any
// product or power is expanded, so no expression can take hours — the degree of a term (64), the
// size of a coefficient (4,096 bits) and the number of terms (256). Each refusal is immediate
// and names the bound; every expression in formulas/ stays far inside them.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ExprError, MAX_COEFFICIENT_BITS, MAX_DEGREE, MAX_TERMS, parsePoly } from '../../src/algebra/parse.js';
import { cli, ROOT } from '../helpers/cli.js';
import { expectUserError } from '../helpers/errors.js';

const S = new Set(['x', 'y', 'T']);
const timed = (text: string) => {
  const t0 = Date.now();
  let error: unknown;
  try {
    parsePoly(text, S);
  } catch (e) {
    error = e;
  }
  return { ms: Date.now() - t0, error };
};

describe('expression size bounds', () => {
  it.each([
    ['(x^64)^64', /degree 4096; allowed: at most 64/],
    ['((x+1)^64)^64', /terms; allowed: at most 256/],
    ['(x+y+1)^64', /2145 terms/],
    ['(((2^64)^64)^64)^64', /digits; allowed: at most 1233/],
    ['x^40*x^40', /degree 80/],
    [`${'9'.repeat(2000)}*x`, /a number of 2000 digits is too large/],
    [`(x+1)^32*(x+1)^32*(x+1)^32`, /degree 96/],
  ])('%s is refused at once', (text, message) => {
    const r = timed(text);
    expect(r.error).toBeInstanceOf(ExprError);
    expect((r.error as Error).message).toMatch(message);
    expect(r.ms).toBeLessThan(2000);
  });

  it('what the bounds allow still parses exactly', () => {
    expect(parsePoly(`x^${MAX_DEGREE}`, S).degree('x')).toBe(MAX_DEGREE);
    // (x+1)^64: 65 terms, the middle coefficient C(64, 32).
    const p = parsePoly('(x+1)^64', S);
    expect(p.terms()).toHaveLength(65);
    const c32 = p.terms().find((t) => t.mono.key === 'x^32')!.coef;
    let binom = 1n;
    for (let k = 1n; k <= 32n; k++) binom = (binom * (32n + k)) / k;
    expect(c32.num).toBe(binom);
    expect(parsePoly('2^64*x', S).terms()[0]!.coef.num).toBe(2n ** 64n);
    expect(MAX_TERMS).toBe(256);
    expect(MAX_COEFFICIENT_BITS).toBe(4096);
  });

  it('every expression in formulas/ is well inside: every preset loads under both architectures', () => {
    const r = cli(['presets']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout.split('\n').length).toBeGreaterThan(20);
  });

  it('a formula file with a shape of ((d+1)^64)^64: one line naming the field, at once', () => {
    expectUserError(['account', 'gpt2-xl-swiglu', '--arch', makeArch()], /arch\.yaml: components\.attention\.weights\.o\.shape\.1: "\(\(d\+1\)\^64\)\^64": it would have up to millions of terms; allowed: at most 256/);
  });
});

/** The seed's architecture with one weight's shape made ((d+1)^64)^64: refused naming the weight. */
function makeArch(): string {
  const before = readFileSync(join(ROOT, 'formulas/architectures/swiglu-mha.yaml'), 'utf8');
  const after = before.replace('o: {shape: [d, d], what: output', 'o: {shape: [d, ((d+1)^64)^64], what: output');
  expect(after).not.toBe(before);
  const f = join(mkdtempSync(join(tmpdir(), 'lmledger-expr-')), 'arch.yaml');
  writeFileSync(f, after);
  return f;
}
