// End to end: the Markdown that the real CLI (dist/cli.cjs) writes for `lmledger answer` and
// `lmledger sheet`. With -o the charts are written beside the file as SVG and linked by relative
// path; without -o the Markdown goes to stdout and says the charts were left out.
//
// Expected values: the five chart names and the math count come from the same Doc built in
// process (test/helpers/documents.ts; the file is checked to be exactly that Doc printed), and
// the math is also counted from the Markdown text alone; the figures are the seed's worked answer.
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { printMarkdown } from '../../src/doc/markdown.js';
import { cli } from '../helpers/cli.js';
import { answerDoc, archSheetDoc, listing, markdownMath, read, SEED_FIGURES, tempDir } from '../helpers/documents.js';
import { countMath } from './sample.js';

const dir = tempDir('documents-md');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** `![alt](target)` links of a Markdown text, targets URL-decoded. */
const images = (md: string) => [...md.matchAll(/!\[[^\]]*\]\(([^)\s]+)\)/g)].map((m) => decodeURI(m[1]!));

describe('lmledger answer -o answer.md', () => {
  let run: ReturnType<typeof cli>;
  let md: string;
  beforeAll(() => {
    run = cli(['answer', '-o', join(dir, 'answer.md')]);
    md = existsSync(join(dir, 'answer.md')) ? read(join(dir, 'answer.md')) : '';
  });

  it('exits 0, prints nothing on stdout and says on stderr what it wrote', () => {
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toBe('');
    expect(run.stderr).toBe(`wrote ${join(dir, 'answer.md')} and 5 charts in answer-figures/\n`);
  });

  it('writes answer.md and answer-figures/ with five SVG charts, and nothing else (no temporary files)', () => {
    expect(listing(dir).map((e) => e.replace(/ \(\d+ bytes\)$/, ''))).toEqual([
      'answer-figures/',
      'answer-figures/flops-vs-context.svg',
      'answer-figures/shares-by-context-layer.svg',
      'answer-figures/shares-by-context-whole.svg',
      'answer-figures/shares-by-size-layer.svg',
      'answer-figures/shares-by-size-whole.svg',
      'answer.md',
    ]);
  });

  it('is exactly the document built in process, its charts included', () => {
    const printed = printMarkdown(answerDoc(), { figureDir: 'answer-figures' });
    expect(md === printed.main).toBe(true);
    for (const f of printed.beside) expect(read(join(dir, f.name)) === f.content, f.name).toBe(true);
  });

  it('links every chart by a relative path that exists, and every SVG file is linked', () => {
    const targets = images(md);
    expect(targets).toEqual([
      'answer-figures/shares-by-size-layer.svg',
      'answer-figures/shares-by-size-whole.svg',
      'answer-figures/shares-by-context-layer.svg',
      'answer-figures/shares-by-context-whole.svg',
      'answer-figures/flops-vs-context.svg',
    ]);
    for (const t of targets) {
      expect(t.startsWith('/') || /^[a-z]+:/i.test(t), `${t} is not relative`).toBe(false);
      expect(existsSync(resolve(dirname(join(dir, 'answer.md')), t)), t).toBe(true);
    }
    expect(readdirSync(join(dir, 'answer-figures')).sort()).toEqual(targets.map((t) => t.split('/')[1]).sort());
  });

  it('writes each chart as a standalone SVG document', () => {
    for (const f of readdirSync(join(dir, 'answer-figures'))) {
      const svg = read(join(dir, 'answer-figures', f));
      expect(svg.trimStart().startsWith('<svg xmlns="http://www.w3.org/2000/svg"'), f).toBe(true);
      expect(svg.trimEnd().endsWith('</svg>'), f).toBe(true);
      expect(svg).toContain('class="lmledger-chart"');
    }
  });

  it('has balanced $$ blocks with no blank line inside, and every math item of the document', () => {
    const fences = md.split('\n').filter((l) => l.trim() === '$$').length;
    const blocks = [...md.matchAll(/^\$\$\n([\s\S]*?)\n\$\$$/gm)].map((m) => m[1]!);
    expect(fences % 2).toBe(0);
    expect(blocks.length * 2).toBe(fences);
    for (const b of blocks) expect(b, 'a blank line ends a math block on GitHub').not.toMatch(/\n\s*\n/);
    expect(markdownMath(md)).toEqual(countMath(answerDoc()));
  });

  it('states the seed\'s figures as printed', () => {
    const { smallForwardFlops, longContextFlops, ...shown } = SEED_FIGURES; // see test/browser/documents.test.ts
    for (const [what, figure] of Object.entries(shown)) expect(md.includes(figure), `${what}: ${figure}`).toBe(true);
    expect(md).toContain(`$$\nC = L\\left(4 T^{2} d + 8 T d^{2} + 6 T d f\\right) + 2 T d V = 4{,}513{,}336{,}524{,}800\n$$`);
  });
});

describe('Markdown on stdout (no -o)', () => {
  it('answer: the whole write-up without images, saying the five charts were left out, and no file written', () => {
    const cwd = tempDir('documents-md-stdout');
    try {
      const r = cli(['answer'], { cwd });
      expect(r.code, r.stderr).toBe(0);
      expect(r.stderr).toBe('');
      expect(images(r.stdout)).toEqual([]);
      // Exactly the file's text without its image links and captions, the note appended.
      const note = '(5 charts left out: write to a file with -o FILE.md to get them beside it as SVG, or use --format html.)';
      const file = printMarkdown(answerDoc(), { figureDir: 'answer-figures' }).main;
      const withoutFigures = file.replace(/\n\n!\[[^\n]*\n\n\*[^\n]*\*/g, '');
      expect(r.stdout === `${withoutFigures}\n${note}\n`).toBe(true);
      expect(listing(cwd)).toEqual([]);
    } finally {
      rmSync(cwd, { recursive: true, force: true });
    }
  });

  it('answer --format md is the same as the default format', () => {
    expect(cli(['answer', '--format', 'md']).stdout).toBe(cli(['answer']).stdout);
  });

  it('sheet: a document without charts says nothing about charts', () => {
    const r = cli(['sheet', 'swiglu-mha']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toBe(printMarkdown(archSheetDoc('swiglu-mha'), { figureDir: '' }).main);
    expect(r.stdout).not.toMatch(/charts? left out/);
  });
});

describe('an -o name whose extension says nothing, with --format md', () => {
  it('writes notes.txt as Markdown and its charts in notes-figures/', () => {
    const sub = join(dir, 'notes');
    mkdirSync(sub);
    const out = join(sub, 'notes.txt');
    const r = cli(['answer', '--format', 'md', '-o', out]);
    expect(r.code, r.stderr).toBe(0);
    expect(images(readFileSync(out, 'utf8'))).toEqual([
      'notes-figures/shares-by-size-layer.svg',
      'notes-figures/shares-by-size-whole.svg',
      'notes-figures/shares-by-context-layer.svg',
      'notes-figures/shares-by-context-whole.svg',
      'notes-figures/flops-vs-context.svg',
    ]);
    for (const t of images(readFileSync(out, 'utf8'))) expect(existsSync(join(sub, t)), t).toBe(true);
  });
});
