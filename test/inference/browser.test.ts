// The serving write-up's HTML in headless Chromium, offline (test/browser/chromium.ts): every math
// item rendered by KaTeX (as many as the document built in process has, none failed), no console
// error, nothing fetched but the page and data: URIs, the three charts there, and the book's
// worked numbers on the page as a reader sees them.
/// <reference lib="dom" />
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { inferRequest } from '../../src/inference/request.js';
import { PROBLEMS } from '../../src/formulas/problems.js';
import { resolveModel } from '../../src/model/spec.js';
import { inferenceAnswer } from '../../src/report/inference/answer.js';
import { withPage } from '../browser/chromium.js';
import { countMath } from '../doc/sample.js';
import { cli } from '../helpers/cli.js';
import { tempDir } from '../helpers/documents.js';

const dir = tempDir('inference-html');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('answer --problem inference -o inference.html in Chromium', () => {
  it('renders every formula, fetches nothing, and shows the charts and the worked numbers', async () => {
    const file = join(dir, 'inference.html');
    const run = cli(['answer', '--problem', 'inference', '-o', file]);
    expect(run.code, run.stderr).toBe(0);
    // The same document in process, for how many math items the page must have.
    const p = PROBLEMS.get('inference');
    const model = resolveModel({ preset: p.model, batch: p.flags.batch! });
    const doc = inferenceAnswer(inferRequest(model, p.flags), p);
    const expected = countMath(doc);
    const seen = await withPage(pathToFileURL(file).href, async ({ page, requests, errors }) => {
      const inPage = await page.evaluate(() => ({
        katex: document.querySelectorAll('.katex').length,
        display: document.querySelectorAll('.katex-display').length,
        failed: document.querySelectorAll('.katex-error').length,
        charts: Array.from(document.querySelectorAll('svg.lmledger-chart'), (s) => s.getAttribute('data-chart')),
        text: document.body.innerText,
      }));
      return { ...inPage, requests: [...requests], errors: [...errors] };
    });
    expect(seen.failed).toBe(0);
    expect(seen.display).toBe(expected.display);
    expect(seen.katex).toBe(expected.inline + expected.display);
    expect(seen.errors).toEqual([]);
    for (const url of seen.requests) expect(url).toMatch(/^(file|data):/);
    expect(seen.charts).toEqual(['line', 'line', 'line']);
    // sources.md §3: 163,840 bytes per token in int8, 113,503,379,456 bytes, 17.32 ms, memory-bound.
    for (const s of ['163,840 bytes per token', '113,503,379,456 bytes', 'a token every 17.323 ms', 'memory-bound']) expect(seen.text).toContain(s);
  });
});
