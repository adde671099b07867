// The serving write-up for every preset (within its position table), with and without an
// accelerator: it builds, prints in every format, and says no undefined, NaN or Infinity; the
// sections that need an accelerator ask for one instead of inventing numbers.
import { describe, expect, it } from 'vitest';
import { printMarkdown } from '../../src/doc/markdown.js';
import { printLatex } from '../../src/doc/latex.js';
import { inferRequest } from '../../src/inference/request.js';
import { presets } from '../../src/model/presets.js';
import { resolveModel } from '../../src/model/spec.js';
import { inferenceAnswer } from '../../src/report/inference/answer.js';

const names = [...presets().keys()];

describe('answer --problem inference for any preset', () => {
  it.each(names)('%s on 8 H100s, and with no accelerator', (name) => {
    const model = resolveModel({ preset: name, batch: '4' });
    // 1,000 + 24 tokens fit every preset's position table (GPT-2's is 1,024).
    for (const flags of [{ hardware: 'h100-sxm', devices: '8' }, {}]) {
      const doc = inferenceAnswer(inferRequest(model, { prompt: '1000', generate: '24', ...flags }));
      const md = printMarkdown(doc, { figureDir: 'f' });
      const tex = printLatex(doc).main;
      for (const out of [md.main, tex]) expect(out).not.toMatch(/undefined|NaN|Infinity|\[object/);
      if (flags.hardware) {
        expect(md.beside).toHaveLength(3);
        expect(md.main).toMatch(/(memory|compute)-bound/);
      } else {
        expect(md.beside).toHaveLength(0);
        expect(md.main).toContain('Give --hardware NAME');
      }
    }
  });
});
