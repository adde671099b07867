// The LaTeX output compiles with pdflatex from Debian's texlive-latex-base (see .ci/run), and
// every glyph comes from a vector font: no missing character, no bitmap font made on the fly.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { printLatex } from '../../src/doc/latex.js';
import { math, para, text, type Doc } from '../../src/doc/model.js';
import { sampleDoc } from './sample.js';

const dir = mkdtempSync(join(tmpdir(), 'lmledger-tex-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Compiles `doc` with pdflatex and returns its exit code, log and whether a PDF was written. */
function compile(name: string, doc: Doc): { code: number | null; log: string; pdf: boolean } {
  writeFileSync(join(dir, `${name}.tex`), printLatex(doc).main);
  const run = spawnSync('pdflatex', ['-interaction=nonstopmode', '-halt-on-error', `${name}.tex`], { cwd: dir, encoding: 'utf8', timeout: 120_000 });
  if ((run.error as NodeJS.ErrnoException | undefined)?.code === 'ENOENT')
    throw new Error('pdflatex not found: the LaTeX test needs Debian\'s texlive-latex-base (apt-get install -y --no-install-recommends texlive-latex-base)');
  const pdf = join(dir, `${name}.pdf`);
  return { code: run.status, log: readFileSync(join(dir, `${name}.log`), 'latin1'), pdf: existsSync(pdf) && readFileSync(pdf).subarray(0, 5).toString() === '%PDF-' };
}

function expectClean(r: ReturnType<typeof compile>): void {
  expect(r.code, r.log.slice(-3000)).toBe(0);
  expect(r.pdf).toBe(true);
  expect(r.log).not.toMatch(/Missing character/);
  expect(r.log, 'a bitmap (pk) font was used: some glyph has no Type 1 font').not.toMatch(/pk>/);
}

describe('pdflatex', () => {
  it('compiles the sample document (math, aligned rows, a table, figures, Unicode)', () => {
    expectClean(compile('sample', sampleDoc()));
  });

  it('compiles text full of characters LaTeX has no glyph for, and rows and items that start with [', () => {
    const wild = 'ß ø Ł € ½ ™ ✓ 中文 한국어 🙂 \u0007 \u200b e\u0301 x\u0338 ⁽ⁿ⁺¹⁾ H₂O “quotes” ‘single’ … §3 • 30° µs ∑ √2 ± ∞';
    const table = { kind: 'table' as const, columns: [{ header: [text(wild)] }], rows: [[[text('[a]')]], [[text('[b]'), math('x²')]]] };
    const blocks = [para(text(wild)), { kind: 'list' as const, items: [[text('[1] a bracket first')], [text(wild)]] }, table];
    expectClean(compile('wild', { title: wild, subtitle: wild, blocks }));
  });
});
