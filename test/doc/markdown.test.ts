// The Markdown printer: GitHub-flavoured text, math delimiters, pipe tables, figures beside.
import { describe, expect, it } from 'vitest';
import { printMarkdown } from '../../src/doc/markdown.js';
import { svgOf } from '../../src/chart/svg.js';
import { code, displayMath, heading, math, para, strong, text, type Doc } from '../../src/doc/model.js';
import { HOSTILE, MATH, sampleDoc } from './sample.js';

const doc = sampleDoc();
const printed = printMarkdown(doc, {});
const md = printed.main;
const one = (...blocks: Doc['blocks']) => printMarkdown({ title: 't', blocks }, {}).main.replace(/^# t\n\n/, '');

describe('printMarkdown', () => {
  it('starts with the title and subtitle; block headings sit one level below', () => {
    expect(md.startsWith('# Sample ledger: \\<b>params\\</b> & FLOPs\n\n*gpt2-xl-swiglu, T = 1,024 (100% exact)*\n\n## Parameters & memory\n')).toBe(true);
    expect(md).toContain('\n### Totals\n');
    expect(md).toContain('\n#### Charts\n');
    expect(one(heading(1, 'C# notes #'))).toBe('## C\\# notes \\#\n');
  });

  it('escapes inline Markdown, HTML and math syntax in text', () => {
    expect(md).not.toMatch(/(?<!\\)<\/?script/); // every < escaped
    expect(md).toContain('Tricky \\<script>alert("x")\\</script> & 100% of d\\_model | pipes, \\$5, #3, \\~tilde, ^caret, \\\\backslash, {braces}');
    expect(one(para(text('*a* [b](c) `d` &amp; &copy x<y')))).toBe('\\*a\\* \\[b\\](c) \\`d\\` \\&amp; &copy x\\<y\n');
    expect(one(para(strong('a_b')), para(text('line\nbreak')))).toBe('**a\\_b**\n\nline break\n');
  });

  it('escapes what would start another block at the start of a paragraph or item', () => {
    expect(md).toContain('- \\# not a heading\n- 1\\. not a number and ``a`b``');
    expect(one(para(text('> quote')), para(text('  + plus')), para(text('12) twelve')))).toBe('\\> quote\n\n\\+ plus\n\n12\\) twelve\n');
  });

  it('puts inline math in $…$ and display math in $$ blocks on their own lines', () => {
    expect(md).toContain(`The parameter count is $${MATH.inline[0]}$; the head costs $2 T d V$ FLOPs.`);
    expect(md).toContain(`\n$$\n${MATH.single}\n$$\n`);
    expect(md).toContain(`\n$$\n\\begin{aligned}${MATH.aligned}\\end{aligned}\n$$\n`);
    expect(one(para(math('  x + y \n'))), 'no space just inside the dollars').toBe('$x + y$\n');
    expect(one(displayMath('a &= b \\\\\n\nc &= d'))).toBe('$$\n\\begin{aligned}a &= b \\\\\nc &= d\\end{aligned}\n$$\n');
  });

  it('prints code spans with a fence longer than the backticks inside', () => {
    expect(one(para(code('a ``b`` c')), para(code('`x`')))).toBe('```a ``b`` c```\n\n`` `x` ``\n');
    expect(md).toContain('`lmledger account --seq-len 2048 | head`');
  });

  it('prints pipe tables with alignment markers and | escaped in every cell', () => {
    expect(md).toContain(
      [
        '**Parameters | per component**',
        '',
        '| component | formula | total | share |',
        '| :--- | :--- | ---: | ---: |',
        '| attention | $4d^{2}$ | 491,520,000 | 23.11% |',
        '| ffn \\| SwiGLU | $3df$ | 1,474,560,000 | 69.32% |',
        '| embedding\\_ & head | $\\lvert V \\rvert d$ | 160,822,400 | 7.56% |',
      ].join('\n'),
    );
    const t = one({ kind: 'table', columns: [{ header: [text('a')] }], rows: [[[math('|x|'), code('p|q')]]] });
    expect(t).toBe('| a |\n| :--- |\n| $\\|x\\|$`p\\|q` |\n');
  });

  it('writes figures beside, under figureDir, and links them as images', () => {
    expect(printed.beside.map((f) => f.name)).toEqual(['figures/param-shares.svg', 'figures/flops-vs-T.svg']);
    const svgs = doc.blocks.flatMap((b) => (b.kind === 'figure' ? [svgOf(b.chart)] : []));
    expect(printed.beside.map((f) => f.content)).toEqual(svgs);
    expect(md).toContain('![Where the parameters go \\<by model>](figures/param-shares.svg)\n\n*Where the parameters go \\<by model>*');
    const other = printMarkdown(doc, { figureDir: 'img/my charts/' });
    expect(other.beside[0]!.name).toBe('img/my charts/param-shares.svg');
    expect(other.main).toContain('](img/my%20charts/param-shares.svg)');
    expect(printMarkdown(doc, { figureDir: '' }).beside[1]!.name).toBe('flops-vs-T.svg');
  });

  it('rejects figure names that are not plain file-name stems, and duplicates', () => {
    const fig = (name: string) => ({ kind: 'figure' as const, name, chart: { kind: 'line' as const, title: 't', items: [] }, caption: 'c' });
    expect(() => one(fig('../x'))).toThrow(/not a plain file-name stem/);
    expect(() => one(fig('a b'))).toThrow(/not a plain file-name stem/);
    expect(() => one(fig('a'), fig('a'))).toThrow(/two figures are named "a"/);
  });

  it('keeps the hostile text readable after escaping (no character is lost)', () => {
    const unescaped = md.split('\n').find((l) => l.startsWith('Tricky'))!.replace(/\\(.)/g, '$1');
    expect(unescaped).toBe(HOSTILE);
  });
});
