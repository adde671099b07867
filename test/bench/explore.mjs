#!/usr/bin/env node
// Browser benchmark of the explorer (not a test): `npm run bench:explore`, or `node test/bench/explore.mjs` after
// `npm run build`. Headless Chromium opens the page from file:// offline and measures
//   - first paint: first-contentful-paint, and the first full view (every count, formula and
//     chart; the page's performance mark lmledger-ready), over cold loads in fresh contexts;
//   - edit -> updated view: T dragged from 1,024 to 16,384 through its input, timed from the
//     input event to the end of the next frame (requestAnimationFrame, then a task after it),
//     with the page's own time for the synchronous update and its phases.
// The README records the results.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';

const root = fileURLToPath(new URL('../../', import.meta.url));
const LOADS = Number(process.env.BENCH_LOADS ?? 5);
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const p90 = (xs) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * 0.9))];
const ms = (x) => `${x < 10 ? x.toFixed(1) : x.toFixed(0)} ms`;

const dir = mkdtempSync(join(tmpdir(), 'lmledger-bench-explore-'));
try {
  const r = spawnSync(process.execPath, [join(root, 'dist/cli.cjs'), 'explore', '-o', dir], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(r.stderr);
  const file = join(dir, 'index.html');
  const url = pathToFileURL(file).href;
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: ['--no-sandbox'] });
  try {
    const fcp = [];
    const ready = [];
    const script = [];
    const engine = [];
    for (let i = 0; i < LOADS; i++) {
      const context = await browser.newContext({ offline: true, viewport: { width: 1280, height: 900 } });
      const page = await context.newPage();
      await page.goto(`${url}#model=gpt2-xl-swiglu`);
      await page.waitForSelector('body[data-ready]');
      const t = await page.evaluate(() => ({
        fcp: performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? NaN,
        ready: performance.getEntriesByName('lmledger-ready')[0]?.startTime ?? NaN,
        script: performance.getEntriesByName('lmledger-script')[0]?.startTime ?? NaN,
        engine: performance.getEntriesByName('lmledger-engine')[0]?.startTime ?? NaN,
      }));
      fcp.push(t.fcp);
      script.push(t.script);
      engine.push(t.engine);
      ready.push(t.ready);
      await context.close();
    }

    const context = await browser.newContext({ offline: true, viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    await page.goto(`${url}#model=gpt2-xl-swiglu`);
    await page.waitForSelector('body[data-ready]');
    // A drag of T: 1,024 to 16,384 in 40 steps on a log scale, then back, twice.
    const values = [];
    for (let k = 0; k <= 40; k++) values.push(Math.round(1024 * 16 ** (k / 40)));
    const path = [...values, ...[...values].reverse(), ...values, ...[...values].reverse()];
    const result = await page.evaluate(async (path) => {
      const input = document.querySelector('input[name="T"]');
      const frame = () => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
      const out = { counts: [], edit: [], sync: [], countsSync: [], phases: {} };
      for (const v of path) {
        const before = Number(document.body.dataset.updates);
        const t0 = performance.now();
        input.value = String(v);
        input.dispatchEvent(new Event('input', { bubbles: true }));
        await frame();
        out.counts.push(performance.now() - t0);
        while (Number(document.body.dataset.updates) === before) await new Promise((r) => setTimeout(r, 0));
        await frame();
        out.edit.push(performance.now() - t0);
        out.sync.push(Number(document.body.dataset.updateMs));
        out.countsSync.push(Number(document.body.dataset.countsMs));
        for (const part of (document.body.dataset.phases ?? '').split(' ')) {
          const [k, x] = part.split('=');
          if (k) (out.phases[k] ??= []).push(Number(x));
        }
      }
      return out;
    }, path);
    await context.close();

    const rows = [
      ['page size', `${(statSync(file).size / 1024 / 1024).toFixed(2)} MiB`],
      [`first contentful paint (median of ${LOADS} cold loads)`, ms(median(fcp))],
      [`  the page's script starts (median)`, ms(median(script))],
      [`  the engine's modules are loaded (median)`, ms(median(engine))],
      [`first full view: every count, formula and chart (median of ${LOADS})`, ms(median(ready))],
      [`edit of T -> counts, formulas and table painted (median of ${path.length} edits)`, ms(median(result.counts))],
      [`  (90th percentile)`, ms(p90(result.counts))],
      [`edit of T -> everything painted, derivative and charts too (median)`, ms(median(result.edit))],
      [`  (90th percentile)`, ms(p90(result.edit))],
      ['script time of an update: counts, formulas, table (median)', ms(median(result.countsSync))],
      ['script time of an update, all of it (median)', ms(median(result.sync))],
      ...Object.entries(result.phases).map(([k, xs]) => [`  of which ${k} (median)`, ms(median(xs))]),
    ];
    const width = Math.max(...rows.map((r) => r[0].length));
    process.stdout.write(`Explorer in headless Chromium (${(await browser.version())}), file://, offline\n`);
    for (const [k, v] of rows) process.stdout.write(`${k.padEnd(width)}  ${v.padStart(9)}\n`);
  } finally {
    await browser.close();
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
