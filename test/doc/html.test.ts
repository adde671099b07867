// The HTML printer: escaping, KaTeX output, tables, figures, and a file with nothing external.
import { describe, expect, it } from 'vitest';
import { printHtml } from '../../src/doc/html.js';
import { heading, math, para, text, type Doc } from '../../src/doc/model.js';
import { countMath, sampleDoc } from './sample.js';

const doc = sampleDoc();
const printed = await printHtml(doc);
const html = printed.main;

describe('printHtml', () => {
  it('prints one HTML5 file and nothing beside it', () => {
    expect(html.startsWith('<!DOCTYPE html>\n<html lang="en">')).toBe(true);
    expect(html.trimEnd().endsWith('</html>')).toBe(true);
    expect(printed.beside).toEqual([]);
  });

  it('escapes text everywhere: no markup from the content survives', () => {
    expect(html).not.toMatch(/<script/i);
    expect(html).toContain('Tricky &#60;script&#62;alert(&#34;x&#34;)&#60;/script&#62; &#38; 100% of d_model | pipes');
    expect(html).toContain('<title>Sample ledger: &#60;b&#62;params&#60;/b&#62; &#38; FLOPs</title>');
    expect(html).not.toContain('<b>params');
    expect(html).toContain('<figcaption>Where the parameters go &#60;by model&#62;</figcaption>');
    expect(html).toContain('<caption>Parameters | per component</caption>');
  });

  it('renders every math item with KaTeX, display math in display mode, rows as aligned', () => {
    const { inline, display } = countMath(doc);
    expect((html.match(/<span class="katex">/g) ?? []).length).toBe(inline + display);
    expect((html.match(/<span class="katex-display">/g) ?? []).length).toBe(display);
    expect(html).not.toContain('katex-error');
    expect(html).not.toContain('<math'); // output: 'html' only
    // The aligned block: KaTeX lays an aligned environment out as right/left column pairs.
    expect(html).toContain('col-align-r');
    expect(html).not.toMatch(/\$\$|\\begin\{|\\frac/); // no LaTeX source left in the page
  });

  it('a formula KaTeX cannot parse is shown as escaped TeX source with a note (test/hardening/katex-fallback.test.ts)', async () => {
    const bad = (latex: string): Doc => ({ title: 't', blocks: [para(math(latex))] });
    expect((await printHtml(bad('\\frac{d<'))).main).toContain('<code class="tex-source">\\frac{d&#60;</code>');
    expect(html).not.toContain('tex-source'); // lmledger's own formulas all render
  });

  it('gives headings ids (given or slugged, unique) one level below the title', () => {
    expect(html).toContain('<h1>Sample ledger: &#60;b&#62;params&#60;/b&#62; &#38; FLOPs</h1>');
    expect(html).toContain('<p class="subtitle">gpt2-xl-swiglu, T = 1,024 (100% exact)</p>');
    expect(html).toContain('<h2 id="parameters-memory">Parameters &#38; memory</h2>');
    expect(html).toContain('<h3 id="totals">Totals</h3>');
    expect(html).toContain('<h4 id="charts">Charts</h4>');
  });

  it('makes repeated heading ids unique', async () => {
    const same: Doc = { title: 't', blocks: [heading(1, 'Totals'), heading(2, 'Totals'), heading(2, 'x', 'totals')] };
    const out = (await printHtml(same)).main;
    expect(out.match(/id="[^"]*"/g)).toEqual(['id="totals"', 'id="totals-2"', 'id="totals-3"']);
  });

  it('prints tables with header cells and right-aligned numeric columns', () => {
    expect(html).toContain('<th scope="col">component</th>');
    expect(html).toContain('<th scope="col" class="num">total</th>');
    expect(html).toContain('<td>ffn | SwiGLU</td>');
    expect(html).toContain('<td class="num">1,474,560,000</td><td class="num">69.32%</td>');
    expect(html).toMatch(/\.num \{ text-align: right;/);
  });

  it('embeds each figure as inline SVG in a captioned <figure>', () => {
    const figures = html.match(/<figure id="[^"]+">\n<svg [^>]*class="lmledger-chart"/g) ?? [];
    expect(figures).toHaveLength(2);
    expect(html).toContain('<figure id="figure-param-shares">');
  });

  it('loads nothing from outside: no external element, and every src, href and url() is data:', () => {
    expect(html).not.toMatch(/<(link|script|img|iframe|object|embed|base)\b/i);
    const refs = [...html.matchAll(/\b(?:src|href)\s*=\s*["']?([^"'\s>]+)|url\(\s*["']?([^"')]+)/gi)].map((m) => m[1] ?? m[2]!);
    expect(refs.length).toBeGreaterThan(0);
    for (const ref of refs) expect(ref).toMatch(/^data:/);
    expect(html).not.toMatch(/@import/);
    // XML namespace names (KaTeX's and the charts' inline SVG) are identifiers, never fetched;
    // apart from them there is no http(s) address in the file at all.
    expect(html.replace(/xmlns(?::\w+)?="http:\/\/www\.w3\.org\/[^"]*"/g, '')).not.toMatch(/https?:\/\//i);
    expect(html).toContain(`content="default-src 'none'; style-src 'unsafe-inline'; font-src data:; img-src data:"`);
  });

  it('inlines every KaTeX font as a woff2 data: URI and drops the woff/ttf alternatives', () => {
    const faces = html.match(/@font-face\{[^}]*\}/g) ?? [];
    expect(faces.length).toBe(20);
    for (const face of faces) expect(face).toMatch(/src:url\(data:font\/woff2;base64,[A-Za-z0-9+/=]{1000,}\) format\("woff2"\)\}$/);
    expect(html).not.toMatch(/url\(fonts\/|\.woff\)|\.ttf\)/);
    expect(html.length).toBeLessThan(1_000_000); // the woff2 fonts alone are about 400 kB in base64
  });

  it('handles a document with only a title', async () => {
    const out = (await printHtml({ title: 'Just <a> title', blocks: [para(text(''))] })).main;
    expect(out).toContain('<h1>Just &#60;a&#62; title</h1>\n</header>\n<p></p>');
  });
});
