// The explorer in a real browser (Debian's Chromium, headless, offline): the page written by
// `lmledger explore -o` is opened from file://, states are loaded from the URL hash and changed
// through its inputs, and every count it shows (each element with data-quantity) must equal the
// CLI's JSON for the same model and values: account --json for the account's keys, train, infer
// and scale --json for the keys prefixed train., infer. and scale.. Every request other than the
// file itself is refused and fails the test; KaTeX must render without errors; no page errors.
/// <reference lib="dom" />
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { cli, parseExactJson, ROOT } from '../helpers/cli.js';
import { CHROMIUM } from './chromium.js';

// Each case starts processes (the CLI) or a browser page; on a loaded machine they take a while.
vi.setConfig({ testTimeout: 120_000 });

let dir = '';
let url = '';
let browser: Browser;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'lmledger-explore-'));
  const r = cli(['explore', '-o', dir]);
  expect(r.code, r.stderr).toBe(0);
  url = pathToFileURL(join(dir, 'index.html')).href;
  browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox'] });
}, 60_000);

afterAll(async () => {
  await browser?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

interface Visit {
  page: Page;
  /** Requests for anything but the page itself (refused). */
  refused: string[];
  errors: string[];
}

async function open(hash: string, opts: { clipboard?: boolean } = {}): Promise<Visit> {
  const context = await browser.newContext({ offline: true, viewport: { width: 1200, height: 900 } });
  if (opts.clipboard) await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  const visit: Visit = { page: await context.newPage(), refused: [], errors: [] };
  const { page } = visit;
  await context.route('**/*', (route) => {
    const u = route.request().url();
    if (u.split('#')[0] === url) return route.continue();
    visit.refused.push(u);
    return route.abort();
  });
  page.on('request', (r) => {
    const u = r.url();
    if (u.split('#')[0] !== url && !u.startsWith('data:') && !visit.refused.includes(u)) visit.refused.push(u);
  });
  page.on('console', (m) => m.type() === 'error' && visit.errors.push(m.text()));
  page.on('pageerror', (e) => visit.errors.push(e.message));
  await page.goto(`${url}${hash}`);
  await page.waitForSelector('body[data-ready]');
  return visit;
}

async function close(visit: Visit): Promise<void> {
  expect(visit.refused, 'requests other than the page').toEqual([]);
  expect(visit.errors, 'page errors').toEqual([]);
  await visit.page.context().close();
}

/** What the page shows now: data-quantity -> its text without digit grouping. */
async function shown(page: Page): Promise<Map<string, string>> {
  const pairs = await page.$$eval('[data-quantity]', (els) => els.map((e) => [(e as HTMLElement).dataset.quantity!, e.textContent ?? '']));
  return new Map(pairs.map(([k, v]) => [k!, v!.replace(/[,\s\u202f]/g, '')]));
}

/** Runs one edit and waits until the page has updated after it. */
async function edit(page: Page, action: () => Promise<void>): Promise<void> {
  const before = await page.evaluate(() => Number(document.body.dataset.updates ?? 0));
  await action();
  await page.waitForFunction((n) => Number(document.body.dataset.updates ?? 0) > n, before);
}

function lookup(doc: unknown, path: string): unknown {
  let v = doc;
  for (const k of path.split('.')) v = v && typeof v === 'object' ? (v as Record<string, unknown>)[k] : undefined;
  return v;
}

interface Expected {
  /** The CLI's way of naming the model (a preset, or --hf-config FILE) and the flags of the edits. */
  model: string[];
  flags: string[];
  batch?: string;
  prompt?: string;
  generate?: string;
  scale?: { q: string; in: string };
  /** Flags of the run for train and for infer only (optimizer, precision, …; the hardware). */
  train?: string[];
  infer?: string[];
  /** The data-ratio keys the page must show (times, MFU), when the run gives them. */
  ratios?: string[];
}

const json = (args: string[]) => {
  const r = cli([...args, '--json']);
  expect(r.code, `${args.join(' ')}: ${r.stderr}`).toBe(0);
  return parseExactJson(r.stdout) as Record<string, unknown>;
};

/** Every count on the page against the CLI's documents for the same model and values. */
async function expectSameAsCli(page: Page, e: Expected): Promise<void> {
  const batch = e.batch ? ['--batch', e.batch] : [];
  // Each CLI document is run once, when the page shows a key of it.
  const runs: Record<string, Record<string, unknown>> = {};
  const args: Record<string, string[]> = {
    account: ['account', ...e.model, ...e.flags, ...batch],
    train: ['train', ...e.model, ...e.flags, ...batch, ...(e.train ?? [])],
    infer: ['infer', ...e.model, ...e.flags, ...batch, '--prompt', e.prompt ?? '1024', '--generate', e.generate ?? '256', ...(e.infer ?? [])],
    scale: ['scale', e.scale?.q ?? 'flops', ...e.model, ...e.flags, ...batch, '--in', e.scale?.in ?? 'T'],
  };
  const doc = (name: string) => (runs[name] ??= json(args[name]!));
  const quantities = await shown(page);
  expect(quantities.size).toBeGreaterThan(25);
  for (const [key, text] of quantities) {
    const [prefix, rest] = key.split(/\.(.*)/s) as [string, string];
    const [name, path] = ['train', 'infer', 'scale'].includes(prefix) ? [prefix, rest] : ['account', key];
    const want = lookup(doc(name), path);
    expect(typeof want, `${key} in the CLI's JSON`).toBe('bigint');
    expect(text, key).toBe(String(want));
  }
  // Times and fractions (data-ratio, the whole value in data-value) against the CLI's, which prints 12 digits.
  const ratios = await page.$$eval('[data-ratio][data-value]', (els) => els.map((e) => [(e as HTMLElement).dataset.ratio!, (e as HTMLElement).dataset.value!]));
  for (const [key, value] of ratios) {
    const [prefix, rest] = key!.split(/\.(.*)/s) as [string, string];
    if (!['train', 'infer'].includes(prefix)) continue;
    const want = lookup(doc(prefix), rest);
    expect(typeof want, `${key} in the CLI's JSON`).toBe('number');
    expect(Math.abs(Number(value) - (want as number)), key).toBeLessThanOrEqual(Math.abs(want as number) * 1e-11);
  }
  if (e.ratios) expect(ratios.map(([k]) => k).sort()).toEqual([...e.ratios].sort());
  expect(await page.locator('.katex').count()).toBeGreaterThan(10);
  expect(await page.locator('.katex-error').count()).toBe(0);
  expect((await page.locator('#error').textContent())?.trim()).toBe('');
}

describe('lmledger explore, in Chromium from file:// with no network', () => {
  it('the page is one file: its policy admits only its own inline script and styles', () => {
    const html = readFileSync(join(dir, 'index.html'), 'utf8');
    const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]*)">/.exec(html)?.[1] ?? '';
    expect(csp).toMatch(/^default-src 'none'; script-src 'sha256-[^']+'; style-src 'sha256-[^']+' 'sha256-[^']+'; font-src data:; img-src data:/);
    expect(csp).not.toMatch(/unsafe-inline|unsafe-eval|https?:/);
    expect(html).not.toMatch(/<script[^>]+src=|<link[^>]+href=|url\((?!data:)/);
  });

  it('the default state equals account, train, infer and scale --json', async () => {
    const v = await open('');
    await expectSameAsCli(v.page, { model: ['gpt2-xl-swiglu'], flags: [] });
    await close(v);
  });

  it.each([
    ['#model=gpt2-xl-swiglu&T=16384', { model: ['gpt2-xl-swiglu'], flags: ['--seq-len', '16384'] }],
    ['#model=llama-3-8b&T=8192&B=4', { model: ['llama-3-8b'], flags: ['--seq-len', '8192'], batch: '4' }],
    ['#model=mixtral-8x7b&L=8&in=d&q=params', { model: ['mixtral-8x7b'], flags: ['--num-layers', '8'], scale: { q: 'params', in: 'd' } }],
    ['#model=gpt2&tie_embeddings=false&prompt=100&generate=20', { model: ['gpt2'], flags: ['--tie-embeddings', 'false'], prompt: '100', generate: '20' }],
    ['#model=deepseek-v2-lite&attention=causal', { model: ['deepseek-v2-lite'], flags: ['--attention', 'causal'] }],
    [
      '#model=llama-3-8b&B=2&optimizer=sgd-momentum&precision=mixed-bf16&activations=korthikanti&hardware=h100-sxm',
      { model: ['llama-3-8b'], flags: [], batch: '2', train: ['--optimizer', 'sgd-momentum', '--precision', 'mixed-bf16', '--activations', 'korthikanti', '--hardware', 'h100-sxm'], infer: ['--hardware', 'h100-sxm'] },
    ],
    [
      '#model=llama-3-8b&B=8&precision=mixed-bf16&hardware=h100-sxm&steps=1000&mfu=40%25&devices=8&dtype=fp8&kv-dtype=int8',
      {
        model: ['llama-3-8b'],
        flags: [],
        batch: '8',
        train: ['--precision', 'mixed-bf16', '--hardware', 'h100-sxm', '--steps', '1000', '--mfu', '40%', '--devices', '8'],
        infer: ['--hardware', 'h100-sxm', '--devices', '8', '--dtype', 'fp8', '--kv-dtype', 'int8'],
        ratios: ['train.time.hours', 'train.time.days', 'train.time.mfu', 'infer.prefill.seconds', 'infer.decode.seconds', 'infer.decode.tokens_per_second'],
      },
    ],
  ] as Array<[string, Expected]>)('a state from the hash: %s', async (hash, expected) => {
    const v = await open(hash);
    await expectSameAsCli(v.page, expected);
    await close(v);
  });

  it('edits through the inputs: typing T and d, a slider by keyboard, an option, B', async () => {
    const v = await open('#model=gpt2-medium-swiglu');
    const { page } = v;
    await edit(page, () => page.fill('input[name="T"]', '16384'));
    await expectSameAsCli(page, { model: ['gpt2-medium-swiglu'], flags: ['--seq-len', '16384'] });
    await edit(page, () => page.fill('input[name="d"]', '2048'));
    await expectSameAsCli(page, { model: ['gpt2-medium-swiglu'], flags: ['--seq-len', '16384', '--d-model', '2048'] });
    // The slider of L, moved with the keyboard: the number input follows and the counts with it.
    await edit(page, async () => {
      await page.focus('[data-slider="L"]');
      await page.keyboard.press('ArrowRight');
    });
    const L = await page.inputValue('input[name="L"]');
    expect(L).not.toBe('24');
    await expectSameAsCli(page, { model: ['gpt2-medium-swiglu'], flags: ['--seq-len', '16384', '--d-model', '2048', '--num-layers', L] });
    await edit(page, () => page.fill('input[name="B"]', '8'));
    await expectSameAsCli(page, { model: ['gpt2-medium-swiglu'], flags: ['--seq-len', '16384', '--d-model', '2048', '--num-layers', L], batch: '8' });
    // The state is in the hash, and reopening it shows the same view.
    await page.waitForFunction(() => /T=16384/.test(location.hash) && /B=8/.test(location.hash));
    const hash = await page.evaluate(() => location.hash);
    expect(hash).toMatch(/^#model=gpt2-medium-swiglu&/);
    const before = await shown(page);
    await close(v);
    const again = await open(hash);
    expect(await shown(again.page)).toEqual(before);
    await close(again);
  });

  it('the run chosen from its selects: train and infer follow, and the hash keeps it', async () => {
    const v = await open('#model=gpt2-medium-swiglu');
    await edit(v.page, async () => void (await v.page.selectOption('select[name="precision"]', 'mixed-bf16')));
    await edit(v.page, async () => void (await v.page.selectOption('select[name="hardware"]', 'a100-80gb')));
    await edit(v.page, async () => void (await v.page.selectOption('select[name="optimizer"]', 'sgd')));
    await expectSameAsCli(v.page, {
      model: ['gpt2-medium-swiglu'],
      flags: [],
      train: ['--optimizer', 'sgd', '--precision', 'mixed-bf16', '--hardware', 'a100-80gb'],
      infer: ['--hardware', 'a100-80gb'],
    });
    // The URL follows once edits pause (app.ts): poll it for up to 2.5 s, then read it.
    const hashOf = async (until: (h: URLSearchParams) => boolean) => {
      for (let i = 0; i < 50; i++) {
        const h = new URLSearchParams((await v.page.evaluate(() => location.hash)).slice(1));
        if (until(h)) return h;
        await v.page.waitForTimeout(50);
      }
      return new URLSearchParams((await v.page.evaluate(() => location.hash)).slice(1));
    };
    const hash = await hashOf((h) => h.get('optimizer') === 'sgd');
    expect([hash.get('optimizer'), hash.get('precision'), hash.get('hardware'), hash.get('activations')]).toEqual(['sgd', 'mixed-bf16', 'a100-80gb', null]);
    // Back to the default: the setting leaves the hash.
    await edit(v.page, async () => void (await v.page.selectOption('select[name="optimizer"]', '')));
    expect((await hashOf((h) => !h.has('optimizer'))).get('optimizer')).toBeNull();
    await close(v);
  });

  it('an option and the derivative symbol, chosen from their selects', async () => {
    const v = await open('#model=qwen2.5-7b');
    const { page } = v;
    await edit(page, async () => void (await page.selectOption('select[name="tie_embeddings"]', 'true')));
    await edit(page, async () => void (await page.selectOption('select[name="in"]', 'L')));
    await expectSameAsCli(page, { model: ['qwen2.5-7b'], flags: ['--tie-embeddings', 'true'], scale: { q: 'flops', in: 'L' } });
    // A link followed in the same page (the hash changed by hand) loads its state.
    await edit(page, () => page.evaluate(() => void (location.hash = '#model=gpt2&T=512&B=2')));
    await expectSameAsCli(page, { model: ['gpt2'], flags: ['--seq-len', '512'], batch: '2' });
    await close(v);
  });

  it('a pasted Hugging Face config.json', async () => {
    const file = join(ROOT, 'test/fixtures/hf/mistral-7b-v0.1.json');
    const v = await open('');
    const { page } = v;
    await page.click('#config-box summary');
    await page.fill('#config-text', readFileSync(file, 'utf8'));
    await edit(page, () => page.click('#config-load'));
    await edit(page, () => page.fill('input[name="T"]', '4096'));
    await expectSameAsCli(page, { model: ['--hf-config', file], flags: ['--seq-len', '4096'] });
    await close(v);
  });

  it('a dropped lmledger config file', async () => {
    const file = join(ROOT, 'test/fixtures/seed-xl.json');
    const v = await open('#model=gpt2');
    const { page } = v;
    const text = readFileSync(file, 'utf8');
    await edit(page, () =>
      page.evaluate((t) => {
        const data = new DataTransfer();
        data.items.add(new File([t], 'seed-xl.json', { type: 'application/json' }));
        document.body.dispatchEvent(new DragEvent('drop', { dataTransfer: data, bubbles: true, cancelable: true }));
      }, text),
    );
    await expectSameAsCli(page, { model: ['--config', file], flags: [] });
    await close(v);
  });

  it('bad input is the CLI\'s one-line message, and the next good edit recovers', async () => {
    const v = await open('#model=gpt2-xl-swiglu');
    const { page } = v;
    await page.fill('input[name="h"]', '7');
    await page.waitForFunction(() => document.getElementById('error')?.textContent !== '');
    const r = cli(['account', 'gpt2-xl-swiglu', '--num-heads', '7']);
    expect(r.code).toBe(2);
    expect(await page.textContent('#error')).toBe(r.stderr.trim());
    await edit(page, () => page.fill('input[name="h"]', '32'));
    await expectSameAsCli(page, { model: ['gpt2-xl-swiglu'], flags: ['--num-heads', '32'] });
    await close(v);
  });

  it('copy buttons, pressed from the keyboard: the formula as LaTeX and the table as Markdown, as the CLI has them', async () => {
    const v = await open('#model=llama-3-8b&T=4096', { clipboard: true });
    const { page } = v;
    const doc = json(['account', 'llama-3-8b', '--seq-len', '4096']) as { params: { formula_latex: string; components: Record<string, { total: bigint }> }; flops: { forward: { formula_latex: string; components: Record<string, { total: bigint }> } } };
    const press = async (name: string) => {
      await page.getByRole('button', { name }).focus();
      await page.keyboard.press('Enter');
      await page.waitForFunction((n) => document.getElementById('status')?.textContent?.includes(n.replace(/^Copy /, '')), name);
      return page.evaluate(() => navigator.clipboard.readText());
    };
    expect(await press('Copy the parameter formula as LaTeX')).toBe(`P = ${doc.params.formula_latex}`);
    expect(await press('Copy the FLOP formula as LaTeX')).toBe(`F = ${doc.flops.forward.formula_latex}`);
    const rows = (await press('Copy the table as Markdown')).split('\n').slice(2).map((r) => r.split('|').map((c) => c.trim()).slice(1, -1));
    expect(rows.map((r) => r[0])).toEqual(Object.keys(doc.params.components));
    for (const [id, params, , flops] of rows) {
      expect(params!.replace(/,/g, ''), id).toBe(String(doc.params.components[id!]!.total));
      expect(flops!.replace(/,/g, ''), id).toBe(String(doc.flops.forward.components[id!]!.total));
    }
    await close(v);
  });

  it('the harness sees a request the page attempts (the checks above can fail)', async () => {
    const v = await open('');
    // The page's policy refuses it before it leaves: the refusal is a console error the checks count.
    await v.page.evaluate(() => fetch('http://127.0.0.1:9/x').catch(() => undefined));
    await v.page.evaluate(() => new Promise((r) => setTimeout(r, 100)));
    expect(v.errors.join('\n')).toMatch(/Content Security Policy|Refused to connect/);
    await v.page.context().close();
  });

  it('served by --serve on 127.0.0.1, the page works the same (its policy also sent as a header)', async () => {
    const child = spawn(process.execPath, [join(ROOT, 'dist/cli.cjs'), 'explore', '--serve', '--port', '0'], { stdio: ['ignore', 'ignore', 'pipe'] });
    try {
      const base = await new Promise<string>((resolve, reject) => {
        let err = '';
        child.stderr.on('data', (d: Buffer) => {
          err += d.toString();
          const m = /(http:\/\/127\.0\.0\.1:\d+\/)/.exec(err);
          if (m) resolve(m[1]!);
        });
        child.on('exit', (code) => reject(new Error(`exited ${code}: ${err}`)));
      });
      const context = await browser.newContext({ viewport: { width: 1200, height: 900 } });
      const page = await context.newPage();
      const requests: string[] = [];
      const errors: string[] = [];
      page.on('request', (r) => requests.push(r.url()));
      page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
      page.on('pageerror', (e) => errors.push(e.message));
      await page.goto(`${base}#model=gpt2-large-swiglu&T=2048`);
      await page.waitForSelector('body[data-ready]');
      expect(requests.filter((u) => !u.startsWith('data:')).map((u) => u.split('#')[0])).toEqual([base]);
      expect(errors).toEqual([]);
      await expectSameAsCli(page, { model: ['gpt2-large-swiglu'], flags: ['--seq-len', '2048'] });
      await context.close();
    } finally {
      child.kill();
    }
  });

  it('on a phone-sized screen nothing is wider than the screen', async () => {
    const context = await browser.newContext({ offline: true, viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    const page = await context.newPage();
    await page.goto(`${url}#model=llama-3-8b`);
    await page.waitForSelector('body[data-ready]');
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(width).toBeLessThanOrEqual(390);
    await context.close();
  });
});
