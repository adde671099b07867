// End to end: the LaTeX that the real CLI (dist/cli.cjs) writes for `lmledger answer` and
// `lmledger sheet` compiles with pdflatex from Debian's texlive-latex-base (see .ci/run), as
// test/doc/latex-compile.test.ts does for a sample document: exit code 0, a PDF, no missing
// character and no bitmap font. The figures checked in the source are the seed's worked answer.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cli } from '../helpers/cli.js';
import { SEED_FIGURES, tempDir } from '../helpers/documents.js';

const dir = tempDir('documents-tex');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface Compiled {
  tex: string;
  code: number | null;
  log: string;
  pdf: boolean;
}

/** Writes `args -o name.tex` with the CLI, then compiles it with pdflatex in the same directory. */
function writeAndCompile(args: string[], name: string): Compiled {
  const run = cli([...args, '-o', join(dir, `${name}.tex`)]);
  expect(run.code, run.stderr).toBe(0);
  expect(run.stderr).toBe(`wrote ${join(dir, `${name}.tex`)}\n`);
  const r = spawnSync('pdflatex', ['-interaction=nonstopmode', '-halt-on-error', `${name}.tex`], { cwd: dir, encoding: 'utf8', timeout: 120_000 });
  if ((r.error as NodeJS.ErrnoException | undefined)?.code === 'ENOENT')
    throw new Error("pdflatex not found: the LaTeX test needs Debian's texlive-latex-base (apt-get install -y --no-install-recommends texlive-latex-base)");
  const pdf = join(dir, `${name}.pdf`);
  return {
    tex: readFileSync(join(dir, `${name}.tex`), 'utf8'),
    code: r.status,
    log: readFileSync(join(dir, `${name}.log`), 'latin1'),
    pdf: existsSync(pdf) && readFileSync(pdf).subarray(0, 5).toString() === '%PDF-',
  };
}

function expectClean(r: Compiled): void {
  expect(r.code, r.log.slice(-3000)).toBe(0);
  expect(r.pdf).toBe(true);
  expect(r.log).not.toMatch(/Missing character/);
  expect(r.log, 'a bitmap (pk) font was used: some glyph has no Type 1 font').not.toMatch(/pk>/);
  expect(r.tex, 'the source is pure ASCII').toMatch(/^[\x00-\x7f]*$/);
}

/**
 * The widest line that ran past the text width, in pt. The preamble's margin is 2.2 cm (62.6 pt)
 * and a longtable wider than the text starts at the left margin, so anything wider runs off the
 * paper and is cut from the PDF.
 */
const MARGIN_PT = (2.2 / 2.54) * 72.27;
const widestOverflow = (log: string) => Math.max(0, ...[...log.matchAll(/Overfull \\hbox \(([\d.]+)pt too wide\)/g)].map((m) => Number(m[1])));

describe('pdflatex on the CLI\'s documents', () => {
  it('compiles lmledger answer -o answer.tex (the write-up of gpt2-xl-swiglu)', () => {
    const r = writeAndCompile(['answer'], 'answer');
    expectClean(r);
    for (const figure of [SEED_FIGURES.params, SEED_FIGURES.fp32Bytes, SEED_FIGURES.forwardFlops, SEED_FIGURES.ffnPerLayer])
      expect(r.tex.includes(figure), figure).toBe(true);
    // The charts are drawn by TikZ from the same scenes as the SVG of the other formats.
    expect(r.tex.match(/\\begin\{tikzpicture\}/g)).toHaveLength(5);
  });

  it('compiles lmledger sheet gpt2-xl-swiglu -o sheet.tex (formulas with the preset\'s numbers)', () => {
    const r = writeAndCompile(['sheet', 'gpt2-xl-swiglu'], 'sheet');
    expectClean(r);
    expect(r.tex).toContain('L\\left(4 T^{2} d + 8 T d^{2} + 6 T d f\\right) + 2 T d V');
    expect(r.tex.includes(SEED_FIGURES.params)).toBe(true);
  });

  it('compiles lmledger sheet swiglu-mha -o sheet-arch.tex (formulas only)', () => {
    const r = writeAndCompile(['sheet', 'swiglu-mha'], 'sheet-arch');
    expectClean(r);
    expect(r.tex.includes(SEED_FIGURES.params)).toBe(false);
  });

  // Every table fits on the paper: a table cell that runs past the right edge is cut off in the
  // PDF (with the text as printed today, "349.63 GFLOP" in (d) of the answer shows as "349.63 GF",
  // and the sheet's "what" column loses most of its text).
  it.each([
    ['answer', ['answer']],
    ['sheet', ['sheet', 'gpt2-xl-swiglu']],
  ])('%s.tex: no table runs off the paper', (name, args) => {
    const r = writeAndCompile(args, `${name}-width`);
    expect(r.code).toBe(0);
    expect(widestOverflow(r.log), 'pt past the text width (the margin is 62.6 pt)').toBeLessThanOrEqual(MARGIN_PT);
  });
});

// Nothing runs past the text width at all: no "Overfull \hbox" in the log, for the write-up and
// the sheet of models whose formulas and tables differ in width (learned positions and biases,
// the seed's SwiGLU, grouped-query attention, a mixture of experts, latent attention with a
// crossover whose closed form is a long fraction). No ^ stands in for a power either.
describe.each(['gpt2', 'gpt2-xl-swiglu', 'llama-3-8b', 'mixtral-8x7b', 'deepseek-v3'])('pdflatex on %s', (model) => {
  it.each([['answer'], ['sheet']])('%s: compiles with no overfull box, charts drawn by TikZ', (command) => {
    const r = writeAndCompile([command, model], `${command}-${model}-overfull`);
    expectClean(r);
    const overfull = [...r.log.matchAll(/Overfull \\hbox \(([\d.]+pt) too wide\) in [^\n]*/g)].map((m) => m[0]);
    expect(overfull).toEqual([]);
    expect(r.tex).not.toContain('\\textasciicircum');
    if (command === 'answer') expect(r.tex.match(/\\begin\{tikzpicture\}/g)?.length ?? 0).toBeGreaterThanOrEqual(2); // (d)'s two; GPT-2 has no (e) at its full length
  });
});
