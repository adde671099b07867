// Hostile input files (issue 12): a FIFO, a device, a huge file, a prototype key, a formula file
// with a huge exponent or a shape that is not positive — each a one-line error with exit code 2,
// never a hang, a crash or a silently wrong count.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ExprError, MAX_EXPONENT, parsePoly } from '../../src/algebra/parse.js';
import { MAX_CONFIG_BYTES } from '../../src/model/files.js';
import { ROOT, cli } from '../helpers/cli.js';
import { expectUserError } from '../helpers/errors.js';

const tmp = () => mkdtempSync(join(tmpdir(), 'lmledger-inputs-'));

describe('config files that are not configs', () => {
  it('a FIFO is refused without being opened (reading it would block forever)', () => {
    const fifo = join(tmp(), 'config.json');
    execFileSync('mkfifo', [fifo]);
    for (const flag of ['--config', '--hf-config']) {
      expectUserError(['account', flag, fifo], /is not a regular file/);
    }
  });

  it('/dev/zero is refused (reading it would fill memory)', () => {
    expectUserError(['account', '--config', '/dev/zero'], /is not a regular file/);
  });

  it('a file larger than a config can be is refused before it is read', () => {
    const big = join(tmp(), 'big.json');
    writeFileSync(big, `{"x": "${'a'.repeat(MAX_CONFIG_BYTES)}"}`);
    expectUserError(['account', '--hf-config', big], new RegExp(`at most ${MAX_CONFIG_BYTES} bytes`));
  });

  it('a key named __proto__ is refused, not merged into the prototype', () => {
    const f = join(tmp(), 'proto.json');
    writeFileSync(f, '{"__proto__": {"num_layers": 99}, "num_layers": 2}');
    expectUserError(['account', '--config', f], /__proto__/);
  });

  it('a non-string hidden_act is refused, naming the field', () => {
    const f = join(tmp(), 'act.json');
    const config = JSON.parse(readFileSync(join(ROOT, 'test/fixtures/hf/llama-3-8b.json'), 'utf8'));
    writeFileSync(f, JSON.stringify({ ...config, hidden_act: ['silu'] }));
    expectUserError(['account', '--hf-config', f], /hidden_act/);
  });
});

describe('formula files', () => {
  it('exponents are bounded: x^64 parses, x^65 and x^100000000 are refused at once', () => {
    const s = new Set(['x']);
    expect(parsePoly(`x^${MAX_EXPONENT}`, s).degree('x')).toBe(Number(MAX_EXPONENT));
    expect(() => parsePoly(`x^${MAX_EXPONENT + 1n}`, s)).toThrow(ExprError);
    expect(() => parsePoly('x^100000000', s)).toThrow(/too large/);
  });

  const SEED = ['--vocab-size', '50257', '--context-length', '1024', '--num-layers', '48', '--d-model', '1600', '--d-ff', '6400', '--num-heads', '25'];
  /** The seed's architecture file with one edit, written to a scratch directory. */
  function seedWith(edit: (yaml: string) => string): string {
    const before = readFileSync(join(ROOT, 'formulas/architectures/swiglu-mha.yaml'), 'utf8');
    const after = edit(before);
    expect(after).not.toBe(before);
    const file = join(tmp(), 'arch.yaml');
    writeFileSync(file, after);
    return file;
  }

  it('a weight whose dimension is not positive at the model values is refused, naming it', () => {
    // W_O [d, d] edited to [d, d - 2*d]: negative at every model.
    const arch = seedWith((y) => y.replace('o: {shape: [d, d], what: output', 'o: {shape: [d, d - 2*d], what: output'));
    expectUserError(['account', '--arch', arch, ...SEED], /weight attention\.o .*every dimension must be positive/);
  });

  it('a symbol named like a property of every object is refused', () => {
    const arch = seedWith((y) => y.replace('\n  d: {config: d_model', '\n  constructor: {config: cx, meaning: x}\n  d: {config: d_model'));
    expectUserError(['formulas', arch], /constructor/);
  });
});

describe('the CLI itself', () => {
  it('--version answers with the package version', () => {
    const version = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).version;
    for (const flag of ['--version', '-V']) {
      const r = cli([flag]);
      expect(r.code).toBe(0);
      expect(r.stdout.trim()).toBe(version);
    }
  });
});
