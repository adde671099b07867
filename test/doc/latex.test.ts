// The LaTeX printer: escaping, Unicode mapped to ASCII LaTeX, math environments, tables, figures.
import { describe, expect, it } from 'vitest';
import { inlineMath, isMultilineMath, mathPieces, printLatex, textTex } from '../../src/doc/latex.js';
import { code, displayMath, heading, math, para, text, type Doc } from '../../src/doc/model.js';
import { MATH, sampleDoc } from './sample.js';

const printed = printLatex(sampleDoc());
const tex = printed.main;
const one = (...blocks: Doc['blocks']) => {
  const body = printLatex({ title: 't', blocks }).main;
  return body.slice(body.indexOf('\\end{center}') + 14, body.indexOf('\n\n\\end{document}'));
};

describe('printLatex', () => {
  it('prints a complete document, all ASCII, with nothing beside it', () => {
    expect(tex.startsWith('\\documentclass[11pt]{article}\n')).toBe(true);
    expect(tex.trimEnd().endsWith('\\end{document}')).toBe(true);
    expect(tex).toMatch(/^[\x09\x0a\x20-\x7e]*$/);
    expect(printed.beside).toEqual([]);
    expect(tex.match(/\\usepackage(\[[^\]]*\])?\{[^}]+\}/g)).toEqual(['\\usepackage[margin=2.2cm]{geometry}', '\\usepackage{amsmath}', '\\usepackage{longtable}', '\\usepackage{array}', '\\usepackage{tikz}']);
  });

  it('escapes LaTeX specials in text', () => {
    expect(tex).toContain(
      'Tricky \\textless{}script\\textgreater{}alert("x")\\textless{}/script\\textgreater{} \\& 100\\% of d\\_model \\textbar{} pipes, ' +
        '\\ensuremath{\\$}5, \\#3, \\textasciitilde{}tilde, \\textasciicircum{}caret, \\textbackslash{}backslash, \\{braces\\}',
    );
    expect(textTex('--seq-len and a---b')).toBe('-{}-seq-len and a-{}-{}-b');
  });

  it('maps Unicode to LaTeX and shows characters it has no glyph for as code points', () => {
    expect(tex).toContain(
      'Unicode: 4 \\ensuremath{\\times} 10\\ensuremath{^{9}} FLOPs, d\\ensuremath{^{2}} \\ensuremath{\\cdot} h, ' +
        'f \\ensuremath{\\neq} 4d \\ensuremath{\\rightarrow} 3d\\ensuremath{^{2}}, 2\\ensuremath{^{30}} bytes, \\ensuremath{\\theta}, ' +
        "caf\\'{e}, na\\\"{i}ve --- and \\texttt{[U+1F642]} and \\texttt{[U+4E2D]}",
    );
    expect(textTex('x₁₂ “q” ½\u0007')).toBe("x\\ensuremath{_{12}} ``q'' \\texttt{[U+00BD]} ");
    // The same in decomposed form (e + combining accent) prints the same.
    expect(textTex('cafe\u0301')).toBe(textTex('café'));
  });

  it('puts single-line display math in \\[ \\] and rows in align*', () => {
    expect(tex).toContain(`\\[\n${MATH.single}\n\\]`);
    expect(tex).toContain(`\\begin{align*}\n${MATH.aligned}\n\\end{align*}`);
    // TeX measures the rows first: set as align* when they fit, else broken after operators.
    expect(one(displayMath('a \\\\ b'))).toBe(
      ['\\lmeqreset', '\\lmeqrow{}{a}', '\\lmeqrow{}{b}', '\\lmeqfits', '\\iflmfits', '\\begin{align*}\na \\\\ b\n\\end{align*}', '\\else', '\\lmeqbreak{}{a}', '\\lmeqbreak{}{b}', '\\lmeqdone', '\\fi'].join('\n'),
    );
    expect(one(displayMath('P &= L\\left(4 d^{2} + d\\right) \\\\ C = 2 T'))).toContain('\\lmeqbreak{P}{= L\\bigl(4 d^{2} + d\\bigr)}\n\\lmeqbreak{C}{= 2 T}');
  });

  it('lets TeX break inline math: \\left( \\right) as \\bigl( \\bigr), a long fraction as (a)/(b)', () => {
    expect(inlineMath('L\\left(4 T^{2} d + 2 d\\right) + 2 T d V')).toBe('L\\bigl(4 T^{2} d + 2 d\\bigr) + 2 T d V');
    expect(inlineMath('\\left(\\frac{d}{h}\\right)')).toBe('\\Bigl(\\frac{d}{h}\\Bigr)');
    const terms = Array.from({ length: 12 }, (_, k) => `a_{${k}} b`).join(' + ');
    expect(inlineMath(`\\frac{${terms}}{h + k}`)).toBe(`\\bigl(${terms}\\bigr)/\\bigl(h + k\\bigr)`);
    expect(inlineMath('\\frac{d}{h}')).toBe('\\frac{d}{h}');
    expect(mathPieces('{[T \\times d] \\cdot [d \\times f]} = 2 T d + x^{a + b}')).toEqual(['{[T \\times d] \\cdot [d \\times f]} =', '2 T d +', 'x^{a + b}']);
  });

  it('passes math through, with Unicode in it turned into commands', () => {
    expect(tex).toContain(`The parameter count is $${MATH.inline[0]}$`);
    expect(one(para(math('d² × h ≈ θ — x')))).toBe('$d^{2} \\times  h \\approx  \\theta  \\text{---} x$');
  });

  it('tells multi-line math from single-line math', () => {
    expect(isMultilineMath('a &= b')).toBe(true);
    expect(isMultilineMath('a \\\\ b')).toBe(true);
    expect(isMultilineMath('50\\% \\& more')).toBe(false);
    expect(isMultilineMath('\\frac{a}{b}')).toBe(false);
  });

  it('prints tables as longtables with right-aligned numeric columns', () => {
    expect(tex).toContain(
      [
        '\\begin{longtable}{llrr}',
        '\\caption*{Parameters \\textbar{} per component}\\\\',
        '\\hline',
        'component & formula & total & share \\\\',
        '\\hline',
        '\\endhead',
        'attention & $4d^{2}$ & 491,520,000 & 23.11\\% \\\\',
        'ffn \\textbar{} SwiGLU & $3df$ & 1,474,560,000 & 69.32\\% \\\\',
        'embedding\\_ \\& head & $\\lvert V \\rvert d$ & 160,822,400 & 7.56\\% \\\\',
        '\\hline',
        '\\end{longtable}',
      ].join('\n'),
    );
  });

  it('prints code in \\texttt with the typewriter font\'s own glyphs, and headings unnumbered', () => {
    expect(tex).toContain('\\texttt{lmledger account --seq-len 2048 {\\char124} head}');
    expect(one(para(code('a_b\\c{}%')))).toBe('\\texttt{a{\\char95}b{\\char92}c{\\char123}{\\char125}{\\char37}}');
    expect(one(heading(1, 'A & B'), heading(2, 'C'), heading(3, 'D'))).toBe('\\section*{A \\& B}\n\n\\subsection*{C}\n\n\\subsubsection*{D}');
  });

  it('draws figures with TikZ, the caption below', () => {
    expect(tex.match(/\\begin\{tikzpicture\}/g)).toHaveLength(2);
    expect(tex).toContain('\\par\\smallskip{\\small Where the parameters go \\textless{}by model\\textgreater{}\\par}');
    expect(tex).not.toContain('<svg');
  });

  it('keeps a leading [ in a list item or table row from reading as an optional argument', () => {
    expect(one({ kind: 'list', items: [[text('[1] x')]] })).toBe('\\begin{itemize}\n\\item {}[1] x\n\\end{itemize}');
    expect(one({ kind: 'table', columns: [{ header: [text('h')] }], rows: [[[text('[a]')]]] })).toContain('\\endhead\n{}[a] \\\\\n');
  });

  it('keeps text on one line per paragraph', () => {
    expect(one(para(text('a\nb\r\nc')))).toMatch(/^a b +c$/);
  });
});
