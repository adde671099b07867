// Matmul shapes as a reader writes them, in every output: [1024 × 64] · [64 × 1024]. No digit
// grouping inside a shape (a comma would read as one more dimension), × between dimensions, ·
// between operands; in LaTeX (and KaTeX) the product is one braced group, so no line can break
// inside it. The expected dimensions are the seed's (gpt2-xl-swiglu, T = 1024, d = 1600, h = 25:
// per-head scores [T × d/h] · [d/h × T] = [1024 × 64] · [64 × 1024]), not read from the code.
import { describe, expect, it } from 'vitest';
import { printLatex } from '../../src/doc/latex.js';
import { printMarkdown } from '../../src/doc/markdown.js';
import { productText, shapeText } from '../../src/print/shape.js';
import { cli } from '../helpers/cli.js';
import { answerDoc, presetSheetDoc } from '../helpers/documents.js';

describe('shape printers', () => {
  it('write dimensions without grouping, × between them and · between operands', () => {
    expect(shapeText([1024n, 1600n])).toBe('[1024 × 1600]');
    expect(productText([1024n, 1600n], [1600n, 1600n])).toBe('[1024 × 1600] · [1600 × 1600]');
    expect(productText(['T', 'd/h'], ['d/h', 'T'])).toBe('[T × d/h] · [d/h × T]');
  });
});

describe('shapes in the outputs', () => {
  it('text: account and check', () => {
    const account = cli(['account', 'gpt2-xl-swiglu']).stdout;
    expect(account).toMatch(/attention\.scores +\[1024 × 64\] · \[64 × 1024\] +×25/);
    expect(account).toMatch(/lm_head\.logits +\[1024 × 1600\] · \[1600 × 50257\]/);
    expect(account).not.toMatch(/\[[\d,]*\d,\d{3}/); // no 1,024 inside a bracket
    const check = cli(['check', 'gpt2-xl-swiglu']).stdout;
    expect(check).toMatch(/\[1024 × 1600\] · \[1600 × 1600\]/);
    expect(check).not.toMatch(/\] @ \[/);
  });

  it('Markdown and LaTeX of the answer: one braced group per product, symbolic and numeric', () => {
    const doc = answerDoc();
    const md = printMarkdown(doc).main;
    expect(md).toContain("${[T \\times \\frac{d}{h}] \\cdot [\\frac{d}{h} \\times T]}$ = ${[1024 \\times 64] \\cdot [64 \\times 1024]}$");
    expect(md).toContain('{[1024 \\times 1600] \\cdot [1600 \\times 50257]}');
    const tex = printLatex(doc).main;
    expect(tex).toContain('{[1024 \\times 64] \\cdot [64 \\times 1024]}');
    // No digit grouping anywhere inside a bracketed shape.
    for (const out of [md, tex]) expect(out).not.toMatch(/\[\d+(\{,\}|,)\d{3}[^\]]*\\times/);
  });

  it('the sheet: shapes and runs in their own columns', () => {
    const md = printMarkdown(presetSheetDoc('gpt2-xl-swiglu')).main;
    expect(md).toMatch(/\| `attention\.scores` \| \$\{\[T \\times \\frac\{d\}\{h\}\] \\cdot \[\\frac\{d\}\{h\} \\times T\]\}\$ \| \$h\$ \|/);
    expect(md).toContain('| `attention.q` | ${[T \\times d] \\cdot [d \\times d]}$ | $1$ |');
  });
});
