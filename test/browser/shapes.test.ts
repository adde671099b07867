// Shapes never wrap mid-shape in the HTML write-up: opened in Chromium at a phone's width, every
// piece KaTeX lets a line break between (a base span) holds whole shapes, i.e. its brackets balance,
// and the shape cells really are there (one per matmul, with × and ·).
/// <reference lib="dom" />
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { cli } from '../helpers/cli.js';
import { tempDir } from '../helpers/documents.js';
import { withPage } from './chromium.js';

const dir = tempDir('shapes-html');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('shapes in HTML', () => {
  it.each([['answer', 'gpt2'], ['sheet', 'mixtral-8x7b']])('%s %s: no line can break inside a shape', async (command, model) => {
    const file = join(dir, `${command}-${model}.html`);
    expect(cli([command, model, '-o', file]).code).toBe(0);
    const seen = await withPage(pathToFileURL(file).href, async ({ page }) => {
      await page.setViewportSize({ width: 360, height: 800 });
      return page.evaluate(() => {
        const bases = Array.from(document.querySelectorAll('.katex-html .base, .katex-html .katex-base'), (b) => b.textContent!.replace(/[\s\u200b]+/g, ''));
        const count = (s: string, c: string) => s.split(c).length - 1;
        return {
          shapes: bases.filter((b) => b.includes('×') && b.includes('⋅') && b.includes('[')).length,
          unbalanced: bases.filter((b) => count(b, '[') !== count(b, ']')),
        };
      });
    });
    expect(seen.shapes).toBeGreaterThanOrEqual(8);
    expect(seen.unbalanced).toEqual([]);
  });
});
