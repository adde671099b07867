// Opens pages in Debian's headless Chromium through playwright-core (which brings no browser of
// its own). The context is offline and every request is recorded, so a test can assert that a
// page fetched nothing but itself and data: URIs.
/// <reference lib="dom" />
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Page } from 'playwright-core';

export const CHROMIUM = '/usr/bin/chromium';

export interface Visit {
  page: Page;
  /** Every URL the page requested, the page itself included. */
  requests: string[];
  /** Console errors (a Content-Security-Policy violation is one) and uncaught page errors. */
  errors: string[];
}

/** Loads `url` (file://), waits for its fonts, and runs `fn` on it; the browser is closed after. */
export async function withPage<T>(url: string, fn: (visit: Visit) => Promise<T>): Promise<T> {
  if (!existsSync(CHROMIUM))
    throw new Error(`no Chromium at ${CHROMIUM}: the browser tests need Debian's chromium package (apt-get install -y chromium)`);
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  try {
    const page = await (await browser.newContext({ offline: true })).newPage();
    const visit: Visit = { page, requests: [], errors: [] };
    page.on('request', (r) => visit.requests.push(r.url()));
    page.on('console', (m) => m.type() === 'error' && visit.errors.push(m.text()));
    page.on('pageerror', (e) => visit.errors.push(e.message));
    await page.goto(url, { waitUntil: 'load' });
    await page.evaluate(() => document.fonts.ready.then(() => undefined));
    return await fn(visit);
  } finally {
    await browser.close();
  }
}

/** Writes `html` to a temporary file and visits it with withPage; the file is removed after. */
export async function withHtml<T>(html: string, fn: (visit: Visit) => Promise<T>): Promise<T> {
  const dir = mkdtempSync(join(tmpdir(), 'lmledger-html-'));
  try {
    const file = join(dir, 'page.html');
    writeFileSync(file, html);
    return await withPage(pathToFileURL(file).href, fn);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
