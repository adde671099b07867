// Text output fits 120 columns (issue 8, item 10): every command's text view, for models small and
// large (GPT-2, the seed's model, Llama 3, Mixtral, DeepSeek-V3 with its many symbols), has no
// line longer than 120 characters (code points: '²' and '×' are one column). Long lines are
// wrapped at spaces and wide tables cut into sections of columns; the wrapped text has every word
// of the unwrapped (LMLEDGER_WIDTH=0: one line per paragraph, tables whole). Documents (answer, sheet) are
// Markdown, HTML or LaTeX and not checked here.
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { fitWidth } from '../src/print/wrap.js';
import { table } from '../src/print/table.js';
import { ROOT } from './helpers/cli.js';

const run = (args: string[], width?: string) =>
  spawnSync(process.execPath, ['dist/cli.cjs', ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, LMLEDGER_WIDTH: width ?? '' },
    maxBuffer: 1 << 26,
  });

const MODELS: Array<[string, number]> = [
  ['gpt2', 1024],
  ['gpt2-xl-swiglu', 16384],
  ['llama-3-8b', 8192],
  ['mixtral-8x7b', 16384],
  ['deepseek-v3', 16384],
];

const commands: string[][] = [
  ['formulas'],
  ['formulas', 'decoder'],
  ['presets'],
  ['hardware'],
  ['compare', 'gpt2-small-swiglu', 'gpt2-medium-swiglu', 'gpt2-large-swiglu', 'gpt2-xl-swiglu'],
  ['compare', ...MODELS.map(([m]) => m), '--seq-len', '1024'],
  ['train', 'gpt2-xl-swiglu', '--activations', 'cs336', '--memory', '80GB', '--steps', '400000', '--batch', '1024', '--hardware', 'a100-80gb', '--mfu', '0.5'],
  ...MODELS.flatMap(([m, to]) => [
    ['account', m],
    ['formulas', m],
    ['check', m],
    ['train', m],
    ['infer', m, '--prompt', '512', '--generate', '256'],
    ['scale', 'flops', m, '--in', 'T', '--from', '512', '--to', String(to)],
    ['scale', 'params', m, '--in', 'L', '--from', '12', '--to', '96'],
    ['sweep', m, '--T', `256..${to}*2`],
    ['sweep', m, '--T', `64..${to}+64`],
  ]),
];

const over = (text: string) => text.split('\n').filter((l) => [...l].length > 120);

describe('no line of text output is longer than 120 columns', () => {
  for (const args of commands)
    it(args.join(' '), () => {
      const r = run(args);
      expect(r.status, r.stderr).toBe(0);
      expect(over(r.stdout)).toEqual([]);
      // Every word of the unwrapped output is there (as often or more: a table cut into sections
      // repeats its first column), only line breaks and sections differ.
      const flat = run(args, '0').stdout;
      const counts = (t: string) => t.split(/\s+/).filter(Boolean).reduce((m, w) => m.set(w, (m.get(w) ?? 0) + 1), new Map<string, number>());
      const wrapped = counts(r.stdout);
      const missing = [...counts(flat)].filter(([w, n]) => (wrapped.get(w) ?? 0) < n);
      expect(missing).toEqual([]);
    });
});

describe('the wrapping itself', () => {
  it('breaks a long sentence at spaces, continuing two spaces in', () => {
    const line = `  ${'word '.repeat(60).trim()}`;
    const out = fitWidth(line, 40).split('\n');
    expect(out.every((l) => [...l].length <= 40)).toBe(true);
    expect(out.slice(1).every((l) => l.startsWith('    w'))).toBe(true);
    expect(out.join(' ').split(/\s+/).filter(Boolean)).toEqual(line.split(/\s+/).filter(Boolean));
  });
  it('continues a table row under the cell it breaks', () => {
    const row = `  name     ${'a long note '.repeat(8).trim()}`;
    const [first, second] = fitWidth(row, 50).split('\n');
    expect(first!.startsWith('  name     a long note')).toBe(true);
    expect(second!.search(/\S/)).toBe(row.indexOf('a long'));
  });
  it('cuts a table wider than the width into sections, each repeating the first column', () => {
    const columns = [{ header: 'row' }, ...Array.from({ length: 12 }, (_, i) => ({ header: `column ${i}`, align: 'right' as const }))];
    const rows = [['a', ...Array.from({ length: 12 }, (_, i) => String(i * 1000))]];
    const text = table(columns, rows, '  ', 60);
    const sections = text.split('\n\n');
    expect(sections.length).toBeGreaterThan(1);
    for (const s of sections) {
      expect(s.startsWith('  row')).toBe(true);
      expect(over(s)).toEqual([]);
      for (const l of s.split('\n')) expect([...l].length).toBeLessThanOrEqual(60);
    }
    // every column is in exactly one section
    for (let i = 0; i < 12; i++) expect(sections.filter((s) => s.includes(`column ${i} `) || s.includes(`column ${i}\n`) || s.endsWith(`column ${i}`)).length).toBe(1);
  });
  it('LMLEDGER_WIDTH must be 0 or a width', () => {
    const r = run(['account', 'gpt2'], 'wide');
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/^lmledger: LMLEDGER_WIDTH: 'wide' is not a width/);
  });
});
