// End to end: the printed HTML opened from a file in headless Chromium, offline. KaTeX must
// have rendered every formula, its fonts must load from the file itself, and nothing may be
// fetched from anywhere else.
/// <reference lib="dom" />
import { beforeAll, describe, expect, it } from 'vitest';
import { printHtml } from '../../src/doc/html.js';
import { printMarkdown } from '../../src/doc/markdown.js';
import { countMath, sampleDoc } from '../doc/sample.js';
import { withHtml } from './chromium.js';

interface Seen {
  requests: string[];
  errors: string[];
  katex: number;
  katexDisplay: number;
  katexErrors: number;
  scripts: number;
  text: string;
  charts: string[];
  loadedFonts: string[];
  mainFontChecks: boolean;
  svgParseErrors: number[];
}

const doc = sampleDoc();
let seen: Seen;

beforeAll(async () => {
  const html = (await printHtml(doc)).main;
  const svgFiles = printMarkdown(doc, {}).beside.map((f) => f.content);
  seen = await withHtml(html, async ({ page, requests, errors }) => {
    const inPage = await page.evaluate((svgs) => {
      const loaded: string[] = [];
      document.fonts.forEach((f) => f.status === 'loaded' && loaded.push(f.family.replace(/"/g, '')));
      // The Markdown version's SVG files must be well-formed XML on their own.
      const parser = new DOMParser();
      const svgParseErrors = svgs.map((s) => parser.parseFromString(s, 'image/svg+xml').getElementsByTagName('parsererror').length);
      return {
        katex: document.querySelectorAll('.katex').length,
        katexDisplay: document.querySelectorAll('.katex-display').length,
        katexErrors: document.querySelectorAll('.katex-error').length,
        scripts: document.scripts.length,
        text: document.body.innerText,
        charts: Array.from(document.querySelectorAll('svg.lmledger-chart'), (s) => s.getAttribute('data-chart') ?? ''),
        loadedFonts: loaded,
        mainFontChecks: document.fonts.check('12px KaTeX_Main'),
        svgParseErrors,
      };
    }, svgFiles);
    return { requests: [...requests], errors: [...errors], ...inPage };
  });
}, 120_000);

describe('the HTML in Chromium (offline, from a file)', () => {
  it('fetches nothing but the page itself and data: URIs', () => {
    for (const url of seen.requests) expect(url).toMatch(/^(file|data):/);
    expect(seen.requests.filter((url) => url.startsWith('file:'))).toEqual([expect.stringMatching(/\/page\.html$/)]);
  });

  it('reports no console error or Content-Security-Policy violation', () => {
    expect(seen.errors).toEqual([]);
  });

  it('has a rendered KaTeX element for every math item, and no KaTeX error', () => {
    const { inline, display } = countMath(doc);
    expect(seen.katexErrors).toBe(0);
    expect(seen.katex).toBe(inline + display);
    expect(seen.katexDisplay).toBe(display);
  });

  it('shows no LaTeX source or math delimiters as text', () => {
    expect(seen.text).not.toContain('$$');
    expect(seen.text).not.toMatch(/\\(frac|begin|left)\b/);
  });

  it('shows hostile text as text, running no script', () => {
    expect(seen.scripts).toBe(0);
    expect(seen.text).toContain('Tricky <script>alert("x")</script> & 100% of d_model | pipes');
  });

  it('loads the KaTeX fonts from the inlined data: URIs', () => {
    expect(seen.loadedFonts).toEqual(expect.arrayContaining(['KaTeX_Main', 'KaTeX_Math']));
    expect(seen.mainFontChecks).toBe(true);
  });

  it('shows both charts, and their standalone SVG files parse as XML', () => {
    expect(seen.charts).toEqual(['stacked-shares', 'line']);
    expect(seen.svgParseErrors).toEqual([0, 0]);
  });
});
