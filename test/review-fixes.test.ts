// Behaviour fixed after a code review, each pinned by the input that once went wrong.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, parseExactJson } from './helpers/cli.js';
import { expectUserError } from './helpers/errors.js';

const tmp = mkdtempSync(join(tmpdir(), 'lmledger-review-'));

describe('every value path checks the head size', () => {
  it('a sweep in h that leaves d/h fractional is refused', () =>
    expectUserError(['sweep', 'llama-3-8b', '--h', '24,32'], /--h 24: head_dim is not given, so it is d\/h .* not a whole number/));
  it('so is a scale change in d', () =>
    expectUserError(['scale', 'flops', 'llama-3-8b', '--in', 'd', '--from', '4096', '--to', '4097'], /d = 4097: head_dim is not given/));
});

describe('answer', () => {
  it('writes up a model given by flags alone under its own name, not the default preset\'s', () => {
    const r = cli(['answer', '--num-layers', '2', '--d-model', '64', '--num-heads', '4', '--d-ff', '128', '--vocab-size', '1000', '--context-length', '256']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^# Transformer accounting: custom$/m);
    expect(r.stdout).not.toContain('gpt2-xl-swiglu');
  });
  it('runs every size at the model\'s batch: the growth from small to XL is 12.91× whatever the batch', () => {
    // 4,513,336,524,800 / 349,630,365,696 = 12.9088… (the seed's XL and small totals).
    expect(cli(['answer', '--batch', '4']).stdout).toContain('The total grows 12.91×');
  });
  it('goes to a longer context even for a model whose own is past 16,384', () => {
    expect(cli(['answer', 'llama-3.2-1b']).stdout).toContain('(e) A longer context: T = 131,072 → 262,144');
  });
  it('names a preset changed by flags as changed', () => {
    expect(cli(['account', 'gpt2-xl-swiglu', '--seq-len', '2048']).stdout.split('\n')[0]).toMatch(/^gpt2-xl-swiglu \(seq_len=2048\) /);
  });
});

describe('check', () => {
  it('handles a very deep model without building every layer', () => {
    const r = cli(['check', 'gpt2-xl-swiglu', '--num-layers', '100000000', '--json']);
    expect(r.code, r.stderr).toBe(0);
    expect(parseExactJson(r.stdout).match).toBe(true);
  });
});

describe('one-line errors', () => {
  it('a Hugging Face flag that is not a boolean', () => {
    const file = join(tmp, 'bool.json');
    writeFileSync(file, '{"model_type": "llama", "tie_word_embeddings": "true"}');
    expectUserError(['account', '--hf-config', file], /tie_word_embeddings: "true" is not allowed; expected true or false/);
  });
  it('an architecture path that is a directory', () => expectUserError(['formulas', tmp], /is not a file/));
});
