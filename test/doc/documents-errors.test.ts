// End to end: bad input to `lmledger answer` and `lmledger sheet`, through the real CLI
// (dist/cli.cjs). Each must exit with code 2 and one line on stderr beginning 'lmledger:', with
// no stack trace and nothing on stdout, and must leave no file behind: the directory listing
// (recursive, sizes included) is the same before and after: no output, no *.tmp, no
// half-created figures directory, and an existing file keeps its old content.
//
// An unwritable output is made with a path whose parent is a regular file: these tests may run
// as root, and chmod does not stop root from writing. Expected messages are lmledger's own
// (src/cli/document.ts, src/cli/documents.ts); a did-you-mean names the preset the user meant.
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cli } from '../helpers/cli.js';
import { expectUserError } from '../helpers/errors.js';
import { listing, read, tempDir } from '../helpers/documents.js';

const root = tempDir('documents-errors');
afterAll(() => rmSync(root, { recursive: true, force: true }));

let n = 0;
/** A fresh directory for one case, with `files` (name -> content; a name ending in / is a directory). */
function workdir(files: Record<string, string> = {}): string {
  const d = join(root, `case-${++n}`);
  mkdirSync(d);
  for (const [name, content] of Object.entries(files)) {
    if (name.endsWith('/')) mkdirSync(join(d, name), { recursive: true });
    else writeFileSync(join(d, name), content);
  }
  return d;
}

/** Runs `args` in `cwd` and checks the refusal: code 2, one 'lmledger:' line matching `message`, no file touched. */
function expectRefused(cwd: string, args: string[], message: RegExp): void {
  const before = listing(cwd);
  expectUserError(args, message, { cwd });
  expect(listing(cwd), 'files left behind or changed').toEqual(before);
}

describe('a format lmledger cannot write', () => {
  it.each([
    [['answer', '--format', 'pdf']],
    [['answer', '--format', 'pdf', '-o', 'answer.pdf']],
    [['sheet', 'gpt2-xl-swiglu', '--format', 'pdf', '-o', 'sheet.html']],
  ])('%j', (args) => expectRefused(workdir(), args, /--format: 'pdf' is not allowed; use one of html, md, tex/));

  it.each([
    [['answer', '-o', 'x.docx'], /-o x\.docx: cannot tell the format from '\.docx'; add --format html\|md\|tex/],
    [['sheet', 'swiglu-mha', '-o', 'x.docx'], /-o x\.docx: cannot tell the format from '\.docx'/],
    [['answer', '-o', 'answer'], /-o answer: cannot tell the format from 'no extension'/],
  ])('%j', (args, message) => expectRefused(workdir(), args, message));
});

describe('an output path that cannot be written', () => {
  it.each([
    [['answer', '-o', '/nonexistent/dir/a.html']],
    [['answer', '-o', '/nonexistent/dir/a.md']],
    [['sheet', 'gpt2-xl-swiglu', '-o', '/nonexistent/dir/a.tex']],
  ])('a directory that does not exist: %j', (args) => {
    expectRefused(workdir(), args, /-o \/nonexistent\/dir\/a\.\w+: directory \/nonexistent\/dir does not exist/);
    expect(existsSync('/nonexistent')).toBe(false);
  });

  // The parent is a regular file: writing fails with ENOTDIR whoever runs the test.
  it.each([
    [['answer', '-o', 'afile/a.html']],
    [['answer', '-o', 'afile/a.md']],
    [['answer', '-o', 'afile/a.tex']],
    [['sheet', 'gpt2-xl-swiglu', '-o', 'afile/s.html']],
    [['sheet', 'swiglu-mha', '-o', 'afile/s.md']],
  ])('a path whose parent is a file: %j', (args) => {
    const d = workdir({ afile: 'just a file\n' });
    expectRefused(d, args, /^lmledger: -o afile\/\w+\.\w+: cannot write .*ENOTDIR/);
    expect(read(join(d, 'afile'))).toBe('just a file\n');
  });

  it('an -o that is an existing directory (HTML)', () => {
    expectRefused(workdir({ 'out.html/': '' }), ['answer', '-o', 'out.html'], /^lmledger: -o out\.html: cannot write/);
  });

  it('an -o that is an existing directory (Markdown, whose charts are written first)', () => {
    expectRefused(workdir({ 'out.md/': '' }), ['answer', '-o', 'out.md'], /^lmledger: -o out\.md: cannot write/);
  });

  it('Markdown whose figures directory name is taken by a regular file', () => {
    const d = workdir({ 'answer-figures': 'not a directory\n' });
    expectRefused(d, ['answer', '-o', 'answer.md'], /^lmledger: -o answer\.md: cannot write/);
  });
});

describe('a model or option lmledger does not know', () => {
  it('answer: an unknown preset, with a did-you-mean', () =>
    expectRefused(workdir(), ['answer', 'gpt2-xl-swiglo', '-o', 'a.html'], /unknown preset 'gpt2-xl-swiglo' \(did you mean [^)]*\bgpt2-xl-swiglu\b/));

  it('sheet: an unknown preset, with a did-you-mean', () =>
    expectRefused(workdir(), ['sheet', 'gpt2-xl-swiglo', '-o', 's.html'], /'gpt2-xl-swiglo'.*\(did you mean [^)]*\bgpt2-xl-swiglu\b/));

  it('sheet: an unknown architecture, with a did-you-mean', () =>
    expectRefused(workdir(), ['sheet', 'swiglu-mah', '-o', 's.html'], /unknown architecture(?: or preset)? 'swiglu-mah' \(did you mean swiglu-mha\b/));

  it('answer --sizes with one preset', () =>
    expectRefused(workdir(), ['answer', '--sizes', 'gpt2-xl-swiglu', '-o', 'a.md'], /--sizes: give at least two models/));

  it('answer --sizes naming an unknown preset', () =>
    expectRefused(workdir(), ['answer', '--sizes', 'gpt2-small-swiglu,gpt2-xl-swiglo', '-o', 'a.md'], /unknown preset 'gpt2-xl-swiglo'/));

  it.each(['0', 'abc', '-5', '2.5'])('answer --long-context %s', (t) =>
    expectRefused(workdir(), ['answer', `--long-context=${t}`, '-o', 'a.md'], new RegExp(`--long-context: '${t.replace('.', '\\.')}' is not allowed; expected a positive integer`)));
});

describe('writing over an existing file', () => {
  const OLD = `OLD CONTENT ${'x'.repeat(100)}\n`.repeat(20_000); // ~2.3 MB: longer than any new file

  it.each([['answer.html'], ['answer.tex'], ['answer.md']])('replaces %s completely', (name) => {
    const fresh = workdir();
    expect(cli(['answer', '-o', name], { cwd: fresh }).code).toBe(0);
    const d = workdir({ [name]: OLD, ...(name.endsWith('.md') ? { 'answer-figures/': '', 'answer-figures/shares-by-size-layer.svg': OLD } : {}) });
    const r = cli(['answer', '-o', name], { cwd: d });
    expect(r.code, r.stderr).toBe(0);
    expect(read(join(d, name)) === read(join(fresh, name)), 'the new file is exactly a fresh one').toBe(true);
    expect(listing(d)).toEqual(listing(fresh)); // no *.tmp, old content gone (sizes match)
    if (name.endsWith('.md')) expect(read(join(d, 'answer-figures/shares-by-size-layer.svg')).includes('OLD CONTENT')).toBe(false);
  });

  it.each([
    [['answer', 'nope', '-o', 'answer.html'], /unknown preset 'nope'/],
    [['answer', '--long-context', '0', '-o', 'answer.html'], /--long-context: '0' is not allowed/],
    [['answer', '--format', 'pdf', '-o', 'answer.html'], /--format: 'pdf' is not allowed/],
  ])('leaves the old file untouched when refusing %j', (args, message) => {
    const d = workdir({ 'answer.html': OLD });
    expectRefused(d, args, message);
    expect(read(join(d, 'answer.html')) === OLD).toBe(true);
  });

  it('leaves the old Markdown and its charts untouched when a chart cannot be written', () => {
    // shares-by-size-layer.svg, the first chart written, is a directory: its rename fails.
    const d = workdir({ 'answer.md': OLD, 'answer-figures/': '', 'answer-figures/shares-by-size-layer.svg/': '', 'answer-figures/flops-vs-context.svg': OLD });
    expectRefused(d, ['answer', '-o', 'answer.md'], /^lmledger: -o answer\.md: cannot write/);
    expect(read(join(d, 'answer.md')) === OLD).toBe(true);
    expect(readFileSync(join(d, 'answer-figures/flops-vs-context.svg'), 'utf8') === OLD).toBe(true);
  });
});
