// Text from files and flags that reaches a document (issue 12, item 2): a symbol's `latex:` in a
// formula file must be a name, not TeX code (no \input, \write18, \def, \catcode …); model names
// from a config's file name, its "name" field or --name are text, escaped for each format: HTML
// (< & " '), LaTeX (the ten specials), Markdown (| in tables, backticks, emphasis).
// The checks read the written files with rules of each format written here, not lmledger's own.
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { latexNameProblem } from '../../src/formulas/latex-name.js';
import { architectureNames, loadArchitecture } from '../../src/formulas/load.js';
import { readYamlFile } from '../../src/formulas/yaml.js';
import { cli, ROOT } from '../helpers/cli.js';
import { expectUserError } from '../helpers/errors.js';
import { read, tempDir } from '../helpers/documents.js';

const root = tempDir('injection');
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('latex: names in formula files', () => {
  it('every latex: name in formulas/ is accepted (and each architecture loads)', () => {
    for (const a of architectureNames()) loadArchitecture(a);
    const names: string[] = [];
    const walk = (v: unknown): void => {
      if (Array.isArray(v)) v.forEach(walk);
      else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) k === 'latex' && typeof x === 'string' ? names.push(x) : walk(x);
    };
    const dir = join(ROOT, 'formulas/architectures');
    for (const f of readdirSync(dir)) walk(readYamlFile(join(dir, f)));
    expect(names).toContain('N_{\\text{pos}}');
    for (const n of names) expect(latexNameProblem(n), n).toBeUndefined();
  });

  it.each(['d', 'd_{\\mathrm{ff}}', 'N_{\\text{pos}}', '\\alpha', "h'", 'd_{h}^{2}', 'L_{\\text{dense}}', '\\ell_{0}', 'W_{\\mathbf{Q}}', 'd_{a}^{2}', 'd_a b_c', 'x^{2}_{i}'])('accepts %s', (n) =>
    expect(latexNameProblem(n)).toBeUndefined());

  const HOSTILE = [
    '\\input{/etc/passwd}',
    '\\include{x}',
    '\\write18{rm -rf ~}',
    '\\immediate\\write18{id}',
    '\\openout5=x',
    '\\openin5=x',
    '\\def\\d{x}',
    '\\catcode`\\@=11',
    '\\csname input\\endcsname',
    '\\text{\\input{/etc/passwd}}', // a command hidden inside an allowed one
    '\\expandafter',
    '\\usepackage{x}',
    '^^5cinput', // TeX's ^^ notation for a backslash
    'd % comment',
    'd#1',
    'd$x$',
    'a & b',
    'a~b',
    'd}',
    '{d',
    'd_',
    'd^',
    'd\\',
    'd_a_b', // TeX and KaTeX: double subscript
    'd_{a}^{2}^{3}',
    'd_{\\alpha}_{b}',
    "^{^\\iota'}\\omega", // a double superscript inside a group argument (found by the random test below)
    "x_{a^b'}",
    '\\\\',
    `d_{${'x'.repeat(80)}}`,
  ];
  it.each(HOSTILE)('refuses %s', (n) => expect(latexNameProblem(n)).toBeDefined());

  it('a formula file with latex: \\input{/etc/passwd} is refused at load, naming the file and field', () => {
    const file = join(root, 'arch.yaml');
    const yaml = readFileSync(join(ROOT, 'formulas/architectures/swiglu-mha.yaml'), 'utf8');
    const edited = yaml.replace('d: {config: d_model, meaning: model width (residual stream)}', 'd: {config: d_model, meaning: model width, latex: "\\\\input{/etc/passwd}"}');
    expect(edited).not.toBe(yaml);
    writeFileSync(file, edited);
    expectUserError(['formulas', file], /arch\.yaml: symbols\.d\.latex: "\\\\input\{\/etc\/passwd\}" is refused: the command \\input is not allowed in a name/);
    expectUserError(['sheet', '--arch', file, '-o', join(root, 'x.tex')], /symbols\.d\.latex/);
  });
});

/** Cells of a GFM table row: split at | not escaped by a backslash. */
const cells = (row: string) => row.trim().replace(/^\||\|$/g, '').split(/(?<!\\)\|/);

describe('hostile model names in every document format', () => {
  const seed = JSON.parse(readFileSync(join(ROOT, 'test/fixtures/seed-xl.json'), 'utf8'));
  const dir = join(root, 'docs');
  mkdirSync(dir);
  // A file whose stem is HTML, and names given in the file and on the command line.
  writeFileSync(join(dir, '<img src=x onerror=alert(1)>.json'), JSON.stringify(seed));
  writeFileSync(join(dir, 'script.json'), JSON.stringify({ ...seed, name: '<script>alert(1)</script>' }));
  writeFileSync(join(dir, 'tex.json'), JSON.stringify({ ...seed, name: '\\input{/etc/passwd}\\write18{id} $x$ % & # _ ^ ~ {}' }));
  writeFileSync(join(dir, 'pipe.json'), JSON.stringify({ ...seed, name: 'a|b `c` *d* [e](f) <zz>' }));
  // Each with how its name must read in HTML (as written by the rule: < & " ' as character references).
  const models: Array<[string, string[], string]> = [
    ['file stem', ['<img src=x onerror=alert(1)>.json'], '&#60;img src=x onerror=alert(1)&#62;'],
    ['name field', ['script.json'], '&#60;script&#62;alert(1)&#60;/script&#62;'],
    ['TeX name', ['tex.json'], '\\input{/etc/passwd}\\write18{id} $x$ % &#38; # _ ^ ~ {}'],
    ['Markdown name', ['pipe.json'], 'a|b `c` *d* [e](f) &#60;zz&#62;'],
    ['--name', ['gpt2-xl-swiglu', '--name', '</title><script>x</script> | \\input{y}'], '&#60;/title&#62;&#60;script&#62;x&#60;/script&#62; | \\input{y}'],
  ];

  const write = (args: string[], out: string) => {
    const r = cli([...args, '-o', out], { cwd: dir });
    expect(r.code, r.stderr).toBe(0);
    return read(join(dir, out));
  };
  const documents = (model: string[], ext: string) => {
    const sizes = model[0]!.endsWith('.json') ? ['--sizes', `${model[0]},gpt2-small-swiglu`] : [];
    return [write(['answer', ...model, ...sizes], `answer-${ext}.${ext}`), write(['sheet', ...model], `sheet-${ext}.${ext}`)];
  };

  it.each(models)('HTML (%s): no tag from the name, the name shown escaped', (_what, model, shown) => {
    for (const html of documents(model, 'html')) {
      expect(html).not.toMatch(/<script|<img|<\/title><script|<zz>/i);
      expect(html).toContain(shown);
    }
  });

  it.each(models)('LaTeX (%s): no command from the name, every special escaped', (_what, model) => {
    for (const tex of documents(model, 'tex')) {
      expect(tex).not.toMatch(/\\(input|write|include)\b/);
      if (model.includes('tex.json')) expect(tex).toContain('\\textbackslash{}input\\{/etc/passwd\\}\\textbackslash{}write18\\{id\\} \\ensuremath{\\$}x\\ensuremath{\\$} \\% \\& \\# \\_ \\textasciicircum{} \\textasciitilde{} \\{\\}');
    }
  });

  it.each(models)('Markdown (%s): every table row has as many cells as its header, no raw HTML or code from the name', (_what, model) => {
    for (const md of documents(model, 'md')) {
      const lines = md.split('\n');
      let tables = 0;
      lines.forEach((line, k) => {
        if (!/^\|( :?-{3,}:? \|)+$/.test(line)) return;
        tables++;
        const width = cells(lines[k - 1]!).length;
        for (let j = k + 1; j < lines.length && lines[j]!.startsWith('|'); j++) expect(cells(lines[j]!).length, lines[j]).toBe(width);
      });
      expect(tables).toBeGreaterThan(0);
      expect(md).not.toMatch(/(?<!\\)<(script|img|zz>|\/title)/);
      if (model.includes('pipe.json')) expect(md).toContain('a|b \\`c\\` \\*d\\* \\[e\\](f) \\<zz>'); // in a sentence; in a table a\\|b
    }
  });
});

describe('what the latex: check accepts, KaTeX renders', () => {
  // Random names from the characters and commands the check knows, most of them refused; each
  // one it accepts must render in KaTeX (an independent parser), so the check lets through
  // nothing that would break the HTML or the .tex.
  it('random names: accepted implies KaTeX parses them', async () => {
    const katex = (await import('katex')).default;
    const { LATEX_NAME_COMMANDS } = await import('../../src/formulas/latex-name.js');
    const piece = fc.oneof(
      fc.constantFrom('a', 'd', 'N', '0', '7', '_', '^', '{', '}', ' ', "'", ',', '.', '(', ')', '+', '-', '=', '/', '*'),
      fc.constantFrom(...LATEX_NAME_COMMANDS.map((c) => `\\${c}`)),
    );
    let accepted = 0;
    fc.assert(
      fc.property(fc.array(piece, { minLength: 1, maxLength: 12 }), (parts) => {
        const name = parts.join('');
        if (latexNameProblem(name) !== undefined) return;
        accepted++;
        expect(() => katex.renderToString(name, { throwOnError: true }), name).not.toThrow();
      }),
      { numRuns: 5000 },
    );
    expect(accepted).toBeGreaterThan(50);
  });
});
