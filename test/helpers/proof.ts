// Shared by the proof suite (test/proof/*.test.ts):
//  - temporary files for configs a user would write;
//  - the CLI bad-input check (one line on stderr starting with 'lmledger:', exit code 2, no stack),
//    the same contract as test/errors.test.ts;
//  - running `lmledger … --json` and reading its integers exactly;
//  - parsing a paper's formula with mathjs into a Poly, renaming the paper's symbols to lmledger's;
//  - the decoder resolved through resolveModel, for its Polys, and a Poly equality that prints both sides.
import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'vitest';
import { mathjs, polyFromMathNode } from '../../src/algebra/mathjs.js';
import { Poly } from '../../src/algebra/poly.js';
import type { Architecture, Component } from '../../src/formulas/architecture.js';
import { resolveModel } from '../../src/model/spec.js';
import { cli, parseExactJson, ROOT, type Run } from './cli.js';

/** A fresh temporary directory and a writer for files in it. */
export function tempFiles(tag: string): (name: string, content: string | object) => string {
  const dir = mkdtempSync(join(tmpdir(), `lmledger-proof-${tag}-`));
  return (name, content) => {
    const p = join(dir, name);
    writeFileSync(p, typeof content === 'string' ? content : `${JSON.stringify(content, null, 2)}\n`);
    return p;
  };
}


/** Runs the CLI with --json appended; exit code 0 required; integers come back as BigInt. */
export function cliJson(args: string[]): any {
  const r = cli([...args, '--json']);
  expect(r.code, r.stderr).toBe(0);
  return parseExactJson(r.stdout);
}

/** The built CLI as a child process, without blocking: lets `it.concurrent` cases run side by side. Text unwrapped, as cli(). */
export function cliAsync(args: string[]): Promise<Run> {
  return new Promise((resolve) => {
    const env = { ...process.env, LMLEDGER_WIDTH: '0' };
    execFile(process.execPath, [join(ROOT, 'dist/cli.cjs'), ...args], { cwd: ROOT, encoding: 'utf8', env }, (err, stdout, stderr) => {
      const code = err ? (typeof err.code === 'number' ? err.code : -1) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}

/** cliJson without blocking. */
export async function cliJsonAsync(args: string[]): Promise<any> {
  const r = await cliAsync([...args, '--json']);
  expect(r.code, r.stderr).toBe(0);
  return parseExactJson(r.stdout);
}

/**
 * A paper's formula, parsed by mathjs (independently of lmledger's own parser) and turned into a
 * Poly; `rename` maps each of the paper's symbol names to lmledger's symbol (or to a Poly, e.g. 4·d).
 * Substitutions happen one after another, so a paper's name must not equal a target used earlier.
 */
export function paperPoly(formula: string, rename: Record<string, string | Poly>): Poly {
  // Newlines would make mathjs read a block of statements; a formula is one expression.
  let p = polyFromMathNode(mathjs().parse(formula.replace(/\s+/g, ' ').trim()), new Set(Object.keys(rename)));
  // Rename through fresh placeholders first, so that e.g. the paper's h -> d and a lmledger h never meet.
  const entries = Object.entries(rename);
  entries.forEach(([from], i) => (p = p.substitute(from, Poly.symbol(`__paper${i}`))));
  entries.forEach(([, to], i) => (p = p.substitute(`__paper${i}`, typeof to === 'string' ? Poly.symbol(to) : to)));
  return p;
}

/** lmledger's symbols as Polys, for writing expected differences (the terms a paper drops). */
export const sym = (name: string): Poly => Poly.symbol(name);
export const num = (n: number | bigint): Poly => Poly.constant(BigInt(n));

/**
 * The decoder resolved through the user's path (resolveModel with config fields), for its Polys:
 * fields left out (num_kv_heads, head_dim) make their symbols stand for their defaults (k = h,
 * a = d/h). The numbers given are only there to resolve; the Polys do not depend on them.
 */
export function decoderArch(fields: Record<string, number | string | boolean>): Architecture {
  const base = { vocab_size: 1000, context_length: 64, num_layers: 2, d_model: 64, num_heads: 4, d_ff: 256 };
  return resolveModel({ arch: 'decoder', values: { ...base, ...fields }, label: 'paper' }).arch;
}

/** A component of a resolved architecture by id. */
export function component(arch: Architecture, id: string): Component {
  const c = arch.components.find((x) => x.id === id);
  if (!c) throw new Error(`no component ${id} in ${arch.id} (${arch.variant})`);
  return c;
}

/** A non-matmul op of a component (one occurrence, e.g. one layer). */
export function nonMatmulOp(arch: Architecture, componentId: string, opId: string): Poly {
  const op = component(arch, componentId).nonMatmul.find((n) => n.id === opId);
  if (!op) throw new Error(`no non-matmul op ${componentId}.${opId}`);
  return op.flops;
}

/** Asserts two Polys are equal, printing both when they are not. */
export function expectSamePoly(actual: Poly, expected: Poly): void {
  expect(actual.equals(expected), `\n  actual:   ${actual.toString()}\n  expected: ${expected.toString()}\n  diff:     ${actual.sub(expected).toString()}`).toBe(true);
}

export { expectUserError } from './errors.js';
