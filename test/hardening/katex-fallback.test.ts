// A formula KaTeX cannot parse (issue 12, item 3): the HTML shows it as its TeX source, escaped,
// in <code> with a visible note, and the rest of the page renders; printing never throws. The
// page is checked with the rules of HTML (no markup from the formula, the source readable back
// by decoding character references), and every document lmledger writes is checked to need no
// fallback: its own formulas all render.
import { describe, expect, it } from 'vitest';
import { printHtml } from '../../src/doc/html.js';
import { displayMath, heading, math, para, text, type Doc } from '../../src/doc/model.js';
import { answerDoc, archSheetDoc, presetSheetDoc } from '../helpers/documents.js';

/** Decodes the character references lmledger's HTML writes (&#60; and so on, &amp; style too). */
const decode = (s: string) => s.replace(/&#(\d+);/g, (_m, n) => String.fromCharCode(Number(n))).replace(/&amp;/g, '&').replace(/&lt;/g, '<').replace(/&gt;/g, '>');

const BAD = [
  '\\frac{d', // unbalanced
  '\\notacommand x', // unknown command
  'd_a_b', // double subscript
  '\\frac{</code><script>alert(1)</script>', // markup in a formula that fails
  'x & y', // alignment outside an environment
];

describe('KaTeX failures', () => {
  it.each(BAD)('inline %j: TeX source in <code>, a note, the page whole', async (latex) => {
    const doc: Doc = { title: 'T', blocks: [heading(1, 'Before'), para(text('a '), math(latex), text(' b')), para(math('x^{2}'), text(' after'))] };
    const html = (await printHtml(doc)).main;
    const m = /<code class="tex-source">([^<]*)<\/code> <span class="tex-failed">\(KaTeX could not render this formula, shown as TeX source: ([^<]*)\)<\/span>/.exec(html);
    expect(m, html.slice(-2000)).not.toBeNull();
    expect(decode(m![1]!)).toBe(latex);
    expect(m![2]!.length).toBeGreaterThan(5);
    expect(html).not.toMatch(/<script/);
    // The rest still renders: the good formula by KaTeX, the text after it, the page closed.
    expect((html.match(/<span class="katex">/g) ?? []).length).toBe(1);
    expect(html).toContain(' after</p>');
    expect(html.trimEnd().endsWith('</html>')).toBe(true);
  });

  it('display math that fails is shown the same way, inside its block', async () => {
    const html = (await printHtml({ title: 'T', blocks: [displayMath('a &= b \\\\ c &= \\sqrt{')] })).main;
    expect(html).toMatch(/<div class="math-display"><code class="tex-source">[^<]*\\sqrt\{[^<]*<\/code> <span class="tex-failed">/);
  });

  it("lmledger's own documents need no fallback: every formula renders", async () => {
    for (const doc of [answerDoc(), presetSheetDoc('gpt2-xl-swiglu'), archSheetDoc('swiglu-mha'), archSheetDoc('decoder')]) {
      const html = (await printHtml(doc)).main;
      expect(html, doc.title).not.toContain('tex-source');
      expect(html).not.toContain('katex-error');
    }
  });
});
