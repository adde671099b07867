// End to end: the HTML that the real CLI (dist/cli.cjs) writes for `lmledger answer` and
// `lmledger sheet`, opened from file:// in headless Chromium, offline (test/browser/chromium.ts).
//
// Verified: KaTeX rendered every math item of the document and none failed; no LaTeX source is
// left as text; nothing is fetched but the page and data: URIs; no console or CSP error; the
// KaTeX fonts load; the answer's five charts are there; the seed's figures are on the page.
//
// Where expected values come from:
// - how many math items there are: the same Doc built in process (test/helpers/documents.ts) and
//   counted by test/doc/sample.ts's countMath; the CLI's file is checked to be exactly that Doc
//   printed, so the count is the CLI's;
// - the numbers: the user's seed worked answer, checked against PyTorch (SEED_FIGURES);
// - component names and the totals' LaTeX: the README's description of swiglu-mha.
/// <reference lib="dom" />
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import katex from 'katex';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { printHtml } from '../../src/doc/html.js';
import type { Doc } from '../../src/doc/model.js';
import { countMath } from '../doc/sample.js';
import { proseMath } from '../../src/doc/prose-math.js';
import { cli } from '../helpers/cli.js';
import {
  answerDoc,
  archSheetDoc,
  FLOPS_LATEX,
  PARAMS_LATEX,
  presetSheetDoc,
  read,
  SEED_COMPONENTS,
  SEED_FIGURES,
  tempDir,
} from '../helpers/documents.js';
import { withPage } from './chromium.js';

interface Seen {
  file: string;
  html: string;
  requests: string[];
  errors: string[];
  katex: number;
  katexDisplay: number;
  katexErrors: number;
  text: string;
  charts: string[];
  loadedFonts: string[];
  mainFontChecks: boolean;
  /** h4 headings (components in a sheet): [id, text]. */
  h4: Array<[string, string]>;
  /** Every table: header cells and body rows as text. */
  tables: Array<{ head: string[]; rows: string[][] }>;
  /** Text of each display formula under the "Totals" heading. */
  totalsDisplays: string[];
  /** `expected` formulas rendered by KaTeX in Node, as the page would show their text. */
  expectedTexts: string[];
}

/** Asserts `figure` is in the page's text without dumping the whole page on failure. */
function expectOnPage(seen: Seen, figure: string, what: string): void {
  expect(seen.text.includes(figure), `${what}: '${figure}' is not on the page`).toBe(true);
}

/** KaTeX's HTML as text: no whitespace, no zero-width spaces (KaTeX puts some in its layout). */
const squash = (s: string) => s.replace(/[\s\u200b]+/g, '');

const dir = tempDir('documents-html');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Writes `args -o name` with the CLI, then opens the file in Chromium and reads what it shows. */
async function visit(args: string[], name: string, expectedFormulas: string[] = []): Promise<Seen> {
  const file = join(dir, name);
  const run = cli([...args, '-o', file]);
  if (run.code !== 0) throw new Error(`lmledger ${args.join(' ')} -o ${name} failed (${run.code}): ${run.stderr}`);
  const rendered = expectedFormulas.map((f) => katex.renderToString(f, { output: 'html', throwOnError: true }));
  return withPage(pathToFileURL(file).href, async ({ page, requests, errors }) => {
    const inPage = await page.evaluate((renderedFormulas) => {
      const loaded: string[] = [];
      document.fonts.forEach((f) => f.status === 'loaded' && loaded.push(f.family.replace(/"/g, '')));
      const textOf = (e: Element) => (e as HTMLElement).innerText.trim();
      const totals = document.getElementById('totals');
      const totalsDisplays: string[] = [];
      for (let e = totals?.nextElementSibling; e && e.tagName !== 'H2'; e = e.nextElementSibling)
        e.querySelectorAll('.katex-display').forEach((k) => totalsDisplays.push(k.textContent ?? ''));
      const expectedTexts = renderedFormulas.map((h) => {
        const t = document.createElement('template');
        t.innerHTML = h;
        return t.content.textContent ?? '';
      });
      return {
        katex: document.querySelectorAll('.katex').length,
        katexDisplay: document.querySelectorAll('.katex-display').length,
        katexErrors: document.querySelectorAll('.katex-error').length,
        text: document.body.innerText,
        charts: Array.from(document.querySelectorAll('svg.lmledger-chart'), (s) => s.getAttribute('data-chart') ?? ''),
        loadedFonts: loaded,
        mainFontChecks: document.fonts.check('12px KaTeX_Main'),
        h4: Array.from(document.querySelectorAll('h4'), (h) => [h.id, textOf(h)] as [string, string]),
        tables: Array.from(document.querySelectorAll('table'), (t) => ({
          head: Array.from(t.querySelectorAll('thead th'), textOf),
          rows: Array.from(t.querySelectorAll('tbody tr'), (r) => Array.from(r.querySelectorAll('td'), textOf)),
        })),
        totalsDisplays,
        expectedTexts,
      };
    }, rendered);
    return { file, html: read(file), requests: [...requests], errors: [...errors], ...inPage };
  });
}

/** The checks every document page must pass, whatever its content. */
function clean(what: string, seen: () => Seen, doc: () => Doc): void {
  describe(`${what}: a clean offline page`, () => {
    it('is exactly the document built in process (so the counts below are the CLI\'s)', async () => {
      expect(seen().html === (await printHtml(doc())).main).toBe(true);
    });

    it('fetches nothing but the page itself and data: URIs', () => {
      for (const url of seen().requests) expect(url).toMatch(/^(file|data):/);
      expect(seen().requests.filter((u) => u.startsWith('file:'))).toEqual([pathToFileURL(seen().file).href]);
    });

    it('reports no console error or Content-Security-Policy violation', () => {
      expect(seen().errors).toEqual([]);
    });

    it('has a rendered KaTeX element for every math item, and no KaTeX error', () => {
      // HTML sets the formulas inside sentences as math too (src/doc/prose-math.ts).
      const { inline, display } = countMath(proseMath(doc()));
      expect(inline + display).toBeGreaterThan(0);
      expect(seen().katexErrors).toBe(0);
      expect(seen().katex).toBe(inline + display);
      expect(seen().katexDisplay).toBe(display);
    });

    it('shows no LaTeX source or math delimiters as text', () => {
      const t = seen().text;
      expect(t).not.toContain('$$');
      expect(t).not.toContain('\\frac');
      expect(t).not.toContain('\\left(');
      expect(t).not.toMatch(/\\(begin|end|cdot|times|mid)\b/);
    });

    it('loads the KaTeX fonts from the inlined data: URIs', () => {
      expect(seen().loadedFonts).toEqual(expect.arrayContaining(['KaTeX_Main', 'KaTeX_Math']));
      expect(seen().mainFontChecks).toBe(true);
    });
  });
}

/** The totals formulas are KaTeX under "Totals": their rendered text contains KaTeX's text of the README's LaTeX. */
function totalsAreKatex(seen: () => Seen): void {
  it('renders the totals P and C, as the README writes them, with KaTeX under "Totals"', () => {
    // KaTeX is run with output: 'html' (no MathML), so the page has no annotation holding the
    // source: compare the text KaTeX lays out for the README's LaTeX with the page's.
    const [params, flops] = seen().expectedTexts.map(squash);
    expect(params).toBe('L(4d2+3df+2d)+2dV+d');
    expect(flops).toBe('L(4T2d+8Td2+6Tdf)+2TdV');
    const totals = seen().totalsDisplays.map(squash).join('\n');
    expect(totals).toContain(`=${params}`);
    expect(totals).toContain(`=${flops}`);
  });
}

function componentHeadings(seen: () => Seen): void {
  it('has a heading for each component of swiglu-mha, in order', () => {
    const h4 = seen().h4;
    expect(h4.map(([id]) => id)).toEqual(SEED_COMPONENTS.map((c) => `component-${c}`));
    h4.forEach(([, t], i) => expect(t.startsWith(`${SEED_COMPONENTS[i]}: `), t).toBe(true));
  });
}

describe('lmledger answer -o answer.html (gpt2-xl-swiglu; small, medium, large, xl; T = 16,384)', () => {
  let seen: Seen;
  beforeAll(async () => {
    seen = await visit(['answer'], 'answer.html');
  }, 120_000);
  clean('answer.html', () => seen, answerDoc);

  it('shows the five charts: shares of a layer and of the whole by size and by context, FLOPs against T', () => {
    expect(seen.charts).toEqual(['stacked-shares', 'stacked-shares', 'stacked-shares', 'stacked-shares', 'line']);
  });

  it('states the seed\'s figures for (a)–(e) as printed, thousands separators included', () => {
    const { smallForwardFlops, longContextFlops, ...rest } = SEED_FIGURES;
    for (const [what, figure] of Object.entries(rest)) expectOnPage(seen, figure, what);
  });

  it('states the exact forward FLOPs of gpt2-small-swiglu (d) and of T = 16,384 (e)', () => {
    // The page rounds these (349.63 GFLOP, 149.52 TFLOP); the seed states them exactly.
    expectOnPage(seen, SEED_FIGURES.smallForwardFlops, 'gpt2-small-swiglu forward FLOPs at T = 1,024');
    expectOnPage(seen, SEED_FIGURES.longContextFlops, 'gpt2-xl-swiglu forward FLOPs at T = 16,384');
  });
});

describe('lmledger sheet gpt2-xl-swiglu -o sheet.html', () => {
  let seen: Seen;
  beforeAll(async () => {
    seen = await visit(['sheet', 'gpt2-xl-swiglu'], 'sheet-xl.html', [PARAMS_LATEX, FLOPS_LATEX]);
  }, 120_000);
  clean('sheet-xl.html', () => seen, () => presetSheetDoc('gpt2-xl-swiglu'));
  componentHeadings(() => seen);
  totalsAreKatex(() => seen);

  it('has the symbols table with the preset\'s values', () => {
    const symbols = seen.tables.find((t) => t.head[0] === 'symbol');
    expect(symbols?.head).toEqual(['symbol', 'meaning', 'config field', 'value']);
    const rows = symbols!.rows.map(([sym, , field, value]) => [squash(sym!), field, value]);
    expect(rows.slice(0, 6)).toEqual([
      ['L', 'num_layers', '48'],
      ['T', 'seq_len', '1,024'],
      ['d', 'd_model', '1,600'],
      ['f', 'd_ff', '6,400'],
      ['h', 'num_heads', '25'],
      ['V', 'vocab_size', '50,257'],
    ]);
    // Then the named quantities the sheet writes, with their values: P and C are the seed's totals.
    const quantity = (s: string) => rows.find(([sym]) => sym === s);
    expect(quantity('P')?.[2]).toBe(SEED_FIGURES.params);
    expect(quantity('C')?.[2]).toBe(SEED_FIGURES.forwardFlops);
  });

  it('states the seed\'s counts beside the formulas', () => {
    for (const n of [SEED_FIGURES.params, SEED_FIGURES.forwardFlops, SEED_FIGURES.ffnPerLayer, SEED_FIGURES.attentionPerLayer, SEED_FIGURES.lmHead])
      expectOnPage(seen, n, 'sheet');
  });

  it('has no charts', () => {
    expect(seen.charts).toEqual([]);
  });
});

describe('lmledger sheet swiglu-mha -o sheet.html (formulas only)', () => {
  let seen: Seen;
  beforeAll(async () => {
    seen = await visit(['sheet', 'swiglu-mha'], 'sheet-arch.html', [PARAMS_LATEX, FLOPS_LATEX]);
  }, 120_000);
  clean('sheet-arch.html', () => seen, () => archSheetDoc('swiglu-mha'));
  componentHeadings(() => seen);
  totalsAreKatex(() => seen);

  it('has the symbols table without a value column, and no model\'s numbers', () => {
    const symbols = seen.tables.find((t) => t.head[0] === 'symbol');
    expect(symbols?.head).toEqual(['symbol', 'meaning', 'config field']);
    expect(symbols!.rows.slice(0, 6).map(([sym, , field]) => [squash(sym!), field])).toEqual([
      ['L', 'num_layers'],
      ['T', 'seq_len'],
      ['d', 'd_model'],
      ['f', 'd_ff'],
      ['h', 'num_heads'],
      ['V', 'vocab_size'],
    ]);
    expect(seen.text.includes(SEED_FIGURES.params)).toBe(false);
    expect(seen.text.includes(SEED_FIGURES.forwardFlops)).toBe(false);
  });
});
