// JSON output cannot be corrupted by the values it carries: counts are written as BigInt digits
// by walking the document, not through marker strings a name could imitate (issue 12: a config
// file named `x"@@lmledger-bigint:5` made account --json invalid, `@@lmledger-bigint:5` turned the
// model's name into the number 5).
import fc from 'fast-check';
import { copyFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { toJson } from '../../src/print/json.js';
import { cli, parseExactJson } from '../helpers/cli.js';

describe('toJson', () => {
  it('equals JSON.stringify(v, null, 2) on any JSON value without BigInt', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (v) => {
        expect(toJson(v)).toBe(JSON.stringify(v, null, 2));
      }),
      { numRuns: 500 },
    );
  });

  it('writes BigInt in full digits, inside strings never', () => {
    const big = 2n ** 200n + 1n;
    const text = toJson({ n: big, s: `@@lmledger-bigint:${big}`, list: [big, -big] });
    expect(text).toContain(`"n": ${big}`);
    expect(text).toContain(`"s": "@@lmledger-bigint:${big}"`);
    expect(parseExactJson(text)).toEqual({ n: big, s: `@@lmledger-bigint:${big}`, list: [big, -big] });
  });
});

describe('a model named like a marker stays a name', () => {
  const dir = mkdtempSync(join(tmpdir(), 'lmledger-json-'));
  const config = new URL('../fixtures/hf/gpt2.json', import.meta.url).pathname;
  for (const stem of ['@@lmledger-bigint:5', 'x"@@lmledger-bigint:5', 'quote"and\\backslash']) {
    it(JSON.stringify(stem), () => {
      const file = join(dir, `${stem}.json`);
      copyFileSync(config, file);
      const r = cli(['account', '--hf-config', file, '--json']);
      expect(r.code, r.stderr).toBe(0);
      const json = parseExactJson(r.stdout);
      expect(json.model.name).toBe(stem);
      expect(json.params.total).toBe(124_439_808n);
    });
  }
});
