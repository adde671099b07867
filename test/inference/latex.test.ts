// The serving write-up and a sheet with the serving section compile with pdflatex (as
// test/doc/documents-latex.test.ts does for the seed's documents): exit code 0, a PDF, no missing
// character, pure ASCII source, and no line past the paper's edge (the text width plus the 2.2 cm
// margin: anything wider is cut from the PDF).
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cli } from '../helpers/cli.js';
import { tempDir } from '../helpers/documents.js';

const dir = tempDir('inference-tex');
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const MARGIN_PT = (2.2 / 2.54) * 72.27;

describe('pdflatex on the serving documents', () => {
  it.each([
    ['answer-inference', ['answer', '--problem', 'inference']],
    ['answer-inference-h100', ['answer', '--problem', 'inference', '--hardware', 'h100-sxm', '--dtype', 'bf16', '--kv-dtype', 'fp8', '--prompt', '7168', '--generate', '1024']],
    ['answer-inference-moe', ['answer', '--problem', 'inference', 'mixtral-8x7b', '--hardware', 'h100-sxm', '--dtype', 'bf16', '--kv-dtype', 'bf16']],
    ['sheet-llama', ['sheet', 'llama-3-8b']],
  ])('%s.tex compiles and fits the paper', (name, args) => {
    const tex = join(dir, `${name}.tex`);
    const run = cli([...args, '-o', tex]);
    expect(run.code, run.stderr).toBe(0);
    const r = spawnSync('pdflatex', ['-interaction=nonstopmode', '-halt-on-error', `${name}.tex`], { cwd: dir, encoding: 'utf8', timeout: 120_000 });
    const log = readFileSync(join(dir, `${name}.log`), 'latin1');
    expect(r.status, log.slice(-3000)).toBe(0);
    expect(existsSync(join(dir, `${name}.pdf`))).toBe(true);
    expect(log).not.toMatch(/Missing character/);
    expect(readFileSync(tex, 'utf8')).toMatch(/^[\x00-\x7f]*$/);
    const widest = Math.max(0, ...[...log.matchAll(/Overfull \\hbox \(([\d.]+)pt too wide\)/g)].map((m) => Number(m[1])));
    expect(widest, 'pt past the text width').toBeLessThanOrEqual(MARGIN_PT);
  });
});
