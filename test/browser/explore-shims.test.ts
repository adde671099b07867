// The explorer bundle swaps the engine's node: imports for src/explore/browser/ (see
// scripts/bundle-explorer.mjs). The path functions must answer as Node's POSIX ones do for the
// paths the loaders build, and the in-memory fs must list, stat and read like the real one over
// the same formulas/ tree; the browser compile must evaluate as the compiled one does.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { posix } from 'node:path';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as shim from '../../src/explore/browser/path.js';
import * as memfs from '../../src/explore/browser/fs.js';
import { FILES, ROOT as MEM_ROOT } from '../../src/explore/browser/files.js';
import { compile as browserCompile } from '../../src/explore/browser/compile.js';
import { compile } from '../../src/algebra/compile.js';
import { parsePoly } from '../../src/algebra/parse.js';
import { ROOT } from '../helpers/cli.js';

const segment = fc.constantFrom('a', 'b', 'formulas', 'presets', '..', '.', '', 'x.yaml', 'gpt2.yaml', 'v1.2.json', '.hidden');
const path = fc.array(segment, { maxLength: 6 }).map((parts) => parts.join('/'));
const absolute = path.map((p) => `/${p}`);

describe('browser node:path', () => {
  it('join, dirname, basename, extname and relative agree with node:path.posix', () => {
    fc.assert(
      fc.property(fc.array(path, { minLength: 1, maxLength: 4 }), absolute, absolute, (parts, a, b) => {
        expect(shim.join(...parts)).toBe(posix.join(...parts));
        for (const p of [...parts, a]) {
          expect(shim.dirname(p)).toBe(posix.dirname(p));
          expect(shim.basename(p)).toBe(posix.basename(p));
          expect(shim.extname(p)).toBe(posix.extname(p));
          // (Node's basename(p, ext) has quirks for names starting with a dot; the loaders strip .yaml from real names only.)
          if (!posix.basename(p).startsWith('.')) expect(shim.basename(p, '.yaml')).toBe(posix.basename(p, '.yaml'));
        }
        expect(shim.relative(a, b)).toBe(posix.relative(a, b));
      }),
      { numRuns: 300 },
    );
  });
});

describe('browser node:fs over an in-memory formulas/', () => {
  it('lists, stats and reads as the real file system does', () => {
    const real = join(ROOT, 'formulas');
    const walk = (dir: string): string[] => readdirSync(dir).flatMap((n) => (statSync(join(dir, n)).isDirectory() ? walk(join(dir, n)) : [join(dir, n)]));
    for (const f of walk(real)) FILES.set(`${MEM_ROOT}formulas/${f.slice(real.length + 1)}`, readFileSync(f, 'utf8'));
    const mem = `${MEM_ROOT}formulas`;
    const dirs = ['', 'architectures', 'presets', 'conventions', 'training', 'hardware'];
    for (const d of dirs) {
      expect(memfs.readdirSync(join(mem, d)), d).toEqual(readdirSync(join(real, d)).sort());
      expect(memfs.statSync(join(mem, d)).isDirectory()).toBe(true);
    }
    for (const f of walk(real)) {
      const m = join(mem, f.slice(real.length + 1));
      expect(memfs.existsSync(m)).toBe(true);
      expect(memfs.statSync(m).isFile()).toBe(true);
      expect(memfs.readFileSync(new URL(`file://${m}`))).toBe(readFileSync(f, 'utf8'));
    }
    expect(memfs.existsSync(join(mem, 'nope.yaml'))).toBe(existsSync(join(real, 'nope.yaml')));
    expect(() => memfs.readFileSync(join(mem, 'nope.yaml'))).toThrow(/ENOENT/);
  });
});

describe('browser compile', () => {
  it('evaluates as the compiled polynomial does, and refuses a non-integer alike', () => {
    const symbols = ['L', 'T', 'd', 'h'];
    const p = parsePoly('L*(4*T^2*d + 8*T*d^2) + 2*T*d/h + d^2/(2*h)', new Set(symbols));
    const [a, b] = [compile(p, symbols), browserCompile(p, symbols)];
    fc.assert(
      fc.property(fc.array(fc.bigInt({ min: 1n, max: 10n ** 6n }), { minLength: 4, maxLength: 4 }), (v) => {
        let x: bigint | string;
        let y: bigint | string;
        try {
          x = a(v);
        } catch (e) {
          x = (e as Error).message;
        }
        try {
          y = b(v);
        } catch (e) {
          y = (e as Error).message;
        }
        expect(y).toEqual(x);
      }),
      { numRuns: 200 },
    );
  });
});
