// `lmledger explore` as a command: -o writes DIR/index.html (the directory made if missing),
// --serve answers on 127.0.0.1 with the same page and its policy as a header, and bad use is a
// one-line error with exit code 2.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cli, ROOT } from '../helpers/cli.js';
import { expectUserError } from '../helpers/errors.js';

const dir = mkdtempSync(join(tmpdir(), 'lmledger-explore-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('lmledger explore', () => {
  it('-o DIR writes one self-contained DIR/index.html, creating DIR', () => {
    const out = join(dir, 'new', 'site');
    const r = cli(['explore', '-o', out]);
    expect(r.code, r.stderr).toBe(0);
    const html = readFileSync(join(out, 'index.html'), 'utf8');
    expect(html).toMatch(/^<!DOCTYPE html>/);
    // Every formula file is embedded, so the page reads none.
    const files = JSON.parse(/<script type="application\/json" id="lmledger-files">([^<]*)<\/script>/.exec(html)![1]!) as Record<string, string>;
    expect(files['formulas/architectures/decoder.yaml']).toBe(readFileSync(join(ROOT, 'formulas/architectures/decoder.yaml'), 'utf8'));
    expect(Object.keys(files).filter((f) => f.startsWith('formulas/presets/')).length).toBeGreaterThan(5);
    expect(html).toContain('font/woff2;base64,');
  });

  it('bad use is one line naming what to give', () => {
    expectUserError(['explore'], /^lmledger: explore: give -o DIR to write DIR\/index.html, or --serve/);
    const file = join(dir, 'a-file');
    writeFileSync(file, 'x');
    expectUserError(['explore', '-o', file], /-o .*a-file: is not a directory/);
    expectUserError(['explore', '-o', dir, '--port', '80'], /--port: only with --serve/);
    expectUserError(['explore', '--serve', '--port', 'abc'], /--port: 'abc' is not allowed/);
    expectUserError(['explore', '--serve', '--port', '70000'], /--port: 70000 is not allowed; a port is 1 to 65535/);
    expect(existsSync(join(dir, 'index.html'))).toBe(false);
  });

  it('--serve --port 0 serves the page on 127.0.0.1 with its policy as a header, and nothing else', async () => {
    const child = spawn(process.execPath, [join(ROOT, 'dist/cli.cjs'), 'explore', '--serve', '--port', '0'], { stdio: ['ignore', 'ignore', 'pipe'] });
    try {
      const base = await new Promise<string>((resolve, reject) => {
        let err = '';
        child.stderr.on('data', (d: Buffer) => {
          err += d.toString();
          const m = /serving the explorer at (http:\/\/127\.0\.0\.1:\d+\/)/.exec(err);
          if (m) resolve(m[1]!);
        });
        child.on('exit', (code) => reject(new Error(`exited ${code}: ${err}`)));
      });
      const page = await fetch(base);
      expect(page.status).toBe(200);
      expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
      expect(page.headers.get('content-security-policy')).toMatch(/^default-src 'none'; script-src 'sha256-/);
      const html = await page.text();
      expect(html).toContain('<title>lmledger explorer</title>');
      expect((await fetch(`${base}index.html`)).status).toBe(200);
      expect((await fetch(`${base}formulas/architectures/decoder.yaml`)).status).toBe(404);
      expect((await fetch(base, { method: 'POST' })).status).toBe(405);
    } finally {
      child.kill();
    }
  });
});
