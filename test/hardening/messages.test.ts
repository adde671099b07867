// Messages for hostile input (issue 12, items 3–4): deep nesting, huge keys, control characters,
// integers JSON cannot hold, and a multimodal config's other towers — each one short line that
// names the field, never a stack trace, a hang or raw escape sequences on the terminal. Then
// property tests: random JSON values and random bytes as config files give a model or a
// UserError, nothing else (in process, so that many cases run in a few seconds).
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { modelFromOptions } from '../../src/cli/model-options.js';
import { messageLine, quote, UserError } from '../../src/errors.js';
import { cli, parseExactJson, ROOT } from '../helpers/cli.js';
import { expectUserError } from '../helpers/errors.js';

const dir = mkdtempSync(join(tmpdir(), 'lmledger-messages-'));
let n = 0;
const file = (content: string | Buffer) => {
  const f = join(dir, `c${++n}.json`);
  writeFileSync(f, content);
  return f;
};
const SEED = { vocab_size: 50257, context_length: 1024, num_layers: 48, d_model: 1600, num_heads: 25, d_ff: 6400 };

describe('deep, huge and strange values', () => {
  it('a config nested 100,000 levels deep: one line, no stack overflow', () => {
    const deep = `{"a":${'['.repeat(100_000)}${']'.repeat(100_000)}}`;
    for (const flag of ['--config', '--hf-config']) expectUserError(['account', flag, file(deep)], /nested more than 32 levels deep/);
  });

  it('a field whose value is a deep object is quoted short', () => {
    let v: unknown = 1;
    for (let k = 0; k < 10; k++) v = { k: [v] }; // 21 levels: within the limit
    const r = cli(['account', '--config', file(JSON.stringify({ ...SEED, d_ff: v }))]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^lmledger: .*d_ff: \{"k": \[\{…\}\]\} is not allowed; expected a positive integer\n$/);
  });

  it('a 3 MB key: a short line naming it in part, within seconds, no suggestion computed', () => {
    const f = file(JSON.stringify({ ...SEED, [`x${'y'.repeat(3_000_000)}`]: 1 }));
    const t0 = Date.now();
    const r = cli(['account', '--config', f]);
    expect(Date.now() - t0).toBeLessThan(10_000);
    expect(r.code).toBe(2);
    expect(r.stderr.length).toBeLessThan(1200);
    expect(r.stderr).toMatch(/^lmledger: .*unknown field 'xyyy.*more characters\)\n$/);
  });

  it('escape sequences and control characters from a file or a flag reach the terminal escaped', () => {
    const cases: Array<[string[], RegExp]> = [
      [['account', '--hf-config', file(JSON.stringify({ model_type: '\u001b[31mllama\u0007' }))], /model_type '\\x1b\[31mllama\\x07' is not supported/],
      [['account', '--config', file(JSON.stringify({ ...SEED, ['\u001b]0;title\u0007']: 1 }))], /unknown field '\\x1b\]0;title\\x07'/],
      [['account', '--d-model', '\u001b[2J'], /--d-model: '\\x1b\[2J' is not allowed/],
      [['account', '--norm', 'x\u009b31m'], /norm: "x\\x9b31m" is not allowed/],
    ];
    for (const [args, message] of cases) {
      const r = cli(args);
      expect(r.stderr).not.toMatch(/[\x00-\x09\x0b-\x1f\x7f-\x9f]/);
      expectUserError(args, message);
    }
  });

  it('messageLine keeps the start (the field), escapes C0 and C1 controls, and caps the length', () => {
    expect(messageLine('a:\n b\u001b\u0085')).toBe('a: b\\x1b\\x85');
    const long = messageLine(`field x: ${'z'.repeat(5000)}`);
    expect(long.startsWith('field x: zzz')).toBe(true);
    expect(long).toMatch(/… \(4009 more characters\)$/);
    expect(quote('a'.repeat(1000)).length).toBeLessThanOrEqual(81);
  });

  it('an integer above 2^53 − 1 in JSON: the limit stated, the flag that takes it named', () => {
    const f = file('{"vocab_size": 9007199254740993, "context_length": 1024, "num_layers": 48, "d_model": 1600, "num_heads": 25, "d_ff": 6400}');
    expectUserError(['account', '--config', f], /vocab_size: a number above 2⁵³ − 1 = 9007199254740991 is not exact in JSON .*--vocab-size/);
    const hf = file(JSON.stringify({ model_type: 'llama', num_attention_heads: 32, vocab_size: 1, max_position_embeddings: 1, num_hidden_layers: 1, hidden_size: 1, intermediate_size: 1 }).replace('"vocab_size":1', '"vocab_size":18014398509481985'));
    expectUserError(['account', '--hf-config', hf], /vocab_size: a number above 2⁵³ − 1/);
    // The flag takes it exactly: V = 9,007,199,254,740,993 gives d·V parameters for each of the embedding and head.
    const r = cli(['account', '--config', file(JSON.stringify(SEED)), '--vocab-size', '9007199254740993', '--json']);
    expect(r.code, r.stderr).toBe(0);
    expect(parseExactJson(r.stdout).model.config.vocab_size).toBe(9007199254740993n);
  });

  it("a multimodal config says its other towers are not counted, in text and JSON", () => {
    const f = join(ROOT, 'test/fixtures/hf/multimodal-text-config.json');
    expect(cli(['account', '--hf-config', f]).stdout).toContain('left out of this count: vision_tower, the Pixtral vision encoder (vision_config), of mistral3: not counted');
    const parts = parseExactJson(cli(['account', f, '--json']).stdout).params.excluded.map((e: { part: string }) => e.part);
    expect(parts).toEqual(['vision_tower', 'multi_modal_projector']);
  });
});

describe('random configs never give anything but a model or a one-line error', () => {
  /** Reads `content` as --config and as --hf-config; only a UserError may come out. */
  function tryBoth(content: string | Buffer): void {
    const f = file(content);
    for (const opts of [{ config: f }, { hfConfig: f }]) {
      try {
        modelFromOptions(undefined, opts);
      } catch (e) {
        if (!(e instanceof UserError)) throw e;
        expect(messageLine(e.message).length).toBeLessThanOrEqual(1100);
      }
    }
  }
  const key = fc.oneof(fc.constantFrom(...Object.keys(SEED), 'model_type', 'hidden_act', 'text_config', '__proto__', 'constructor', 'toString', 'num_attention_heads', 'hidden_size', 'ffn', 'norm'), fc.string());
  const value = fc.letrec((tie) => ({
    v: fc.oneof({ depthSize: 'small' }, fc.integer(), fc.double(), fc.boolean(), fc.constant(null), fc.string(), fc.constantFrom('llama', 'gpt2', 'silu', 'rmsnorm'), fc.array(tie('v'), { maxLength: 3 }), fc.dictionary(key, tie('v'), { maxKeys: 4 })),
  })).v;

  it('random JSON objects (mixing real field names, prototype names and odd values)', () => {
    fc.assert(fc.property(fc.dictionary(key, value, { maxKeys: 10 }), (o) => tryBoth(JSON.stringify(o))), { numRuns: 150 });
  });

  it('the seed config with one field replaced by a random value', () => {
    fc.assert(fc.property(fc.constantFrom(...Object.keys(SEED)), value, (k, v) => tryBoth(JSON.stringify({ ...SEED, [k]: v }))), { numRuns: 150 });
  });

  it('random bytes', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 200 }), (b) => tryBoth(Buffer.from(b))), { numRuns: 100 });
  });
});
