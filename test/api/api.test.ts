// The library returns what the CLI's --json prints: each function's value is compared with the
// CLI's output for the same model and flags, parsed independently (parseExactJson keeps every
// integer a BigInt), and toJson of the value is the CLI's text byte for byte. Bad input throws
// the UserError whose message the CLI prints after "lmledger: ".
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { cli, parseExactJson, ROOT } from '../helpers/cli.js';
import * as lib from '../../src/index.js';

// Each case starts processes (the CLI) or a browser page; on a loaded machine they take a while.
vi.setConfig({ testTimeout: 120_000 });

const json = (args: string[]) => {
  const r = cli(args);
  expect(r.code, r.stderr).toBe(0);
  return r.stdout;
};

/**
 * Integers as BigInt on both sides: parseExactJson cannot tell a ratio that happens to be whole
 * (a bandwidth of 1.008e12 B/s, written 1008000000000) from a count; counts are checked as BigInt below.
 */
function wholeAsBigInt(v: unknown): unknown {
  if (typeof v === 'number' && Number.isInteger(v)) return BigInt(v);
  if (Array.isArray(v)) return v.map(wholeAsBigInt);
  if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, wholeAsBigInt(x)]));
  return v;
}

/** The value, its JSON text and the CLI's document agree. */
function same(value: unknown, args: string[]): void {
  const text = json(args);
  expect(wholeAsBigInt(value)).toEqual(wholeAsBigInt(parseExactJson(text)));
  expect(`${lib.toJson(value)}\n`).toBe(text);
}

const HF = join(ROOT, 'test/fixtures/hf');

describe('account', () => {
  it.each(['gpt2-xl-swiglu', 'llama-3-8b', 'mixtral-8x7b', 'gpt2'])('%s equals account --json', (name) => {
    same(lib.account(name), ['account', name, '--json']);
  });

  it('flags in camelCase are the CLI flags', () => {
    same(lib.account('gpt2-xl-swiglu', { seqLen: 16384, batch: 8, numLayers: 24n }), ['account', 'gpt2-xl-swiglu', '--seq-len', '16384', '--batch', '8', '--num-layers', '24', '--json']);
  });

  it('counts are BigInt', () => {
    const a = lib.account('gpt2-xl-swiglu');
    expect(a.params.total).toBe(2_127_057_600n);
    expect(typeof a.flops.forward.total).toBe('bigint');
    expect(typeof a.params.components.ffn!.share).toBe('number');
  });

  it('{ config } is a --config file', () => {
    const file = join(ROOT, 'test/fixtures/seed-xl.json');
    const config = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
    same(lib.account({ config: { ...config, name: 'seed-xl' } }), ['account', '--config', file, '--json']);
  });

  it('{ hfConfig } (and { config } with a model_type) is a --hf-config file', () => {
    const file = join(HF, 'llama-3-8b.json');
    const data = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
    const args = ['account', '--hf-config', file, '--name', 'x', '--json'];
    same(lib.account({ hfConfig: data }, { name: 'x' }), args);
    same(lib.account({ config: data }, { name: 'x' }), args);
    same(lib.account({ file }, { name: 'x' }), args);
    same(lib.account(file, { name: 'x' }), args);
  });

  it('model() is the resolved model every ledger starts from', () => {
    const m = lib.model('gpt2-xl-swiglu', { seqLen: 2048 });
    expect(m.values.T).toBe(2048n);
    expect(m.arch.id).toBe('swiglu-mha');
  });
});

describe('the other commands', () => {
  it('formulas', () => same(lib.formulas('decoder'), ['formulas', 'decoder', '--json']));
  it('scale', () =>
    same(lib.scale('flops', 'gpt2-xl-swiglu', { in: 'T', from: 1024, to: 16384, crossover: ['attention=lm_head'] }), ['scale', 'flops', 'gpt2-xl-swiglu', '--in', 'T', '--from', '1024', '--to', '16384', '--crossover', 'attention=lm_head', '--json']));
  it('sweep', () => same(lib.sweep('gpt2-medium-swiglu', { T: '1024..8192*2' }), ['sweep', 'gpt2-medium-swiglu', '--T', '1024..8192*2', '--json']));
  it('compare', () => same(lib.compare(['gpt2-small-swiglu', 'gpt2-xl-swiglu'], { seqLen: 2048 }), ['compare', 'gpt2-small-swiglu', 'gpt2-xl-swiglu', '--seq-len', '2048', '--json']));
  it('train', () =>
    same(lib.train('gpt2-xl-swiglu', { activations: 'cs336', memory: '80GB', steps: 400000, batch: 1024, hardware: 'a100-80gb', mfu: 0.5 }), ['train', 'gpt2-xl-swiglu', '--activations', 'cs336', '--memory', '80GB', '--steps', '400000', '--batch', '1024', '--hardware', 'a100-80gb', '--mfu', '0.5', '--json']));
  it('infer', () => same(lib.infer('llama-3-8b', { prompt: 1000, generate: 100, hardware: 'h100-sxm' }), ['infer', 'llama-3-8b', '--prompt', '1000', '--generate', '100', '--hardware', 'h100-sxm', '--json']));
  it('presets and hardware', () => {
    same(lib.presets(), ['presets', '--json']);
    same(lib.hardware(), ['hardware', '--json']);
  });
  it('sheet and answer are the documents the CLI prints', async () => {
    const sheet = await lib.sheet('gpt2-xl-swiglu', { format: 'html' });
    expect(sheet.main.replace(/\n?$/, '\n')).toBe(json(['sheet', 'gpt2-xl-swiglu', '--format', 'html']));
    const answer = await lib.answer('gpt2-medium-swiglu', { format: 'tex', longContext: 4096 });
    expect(answer.main.replace(/\n?$/, '\n')).toBe(json(['answer', 'gpt2-medium-swiglu', '--format', 'tex', '--long-context', '4096']));
  });
});

describe('bad input throws UserError with the CLI message', () => {
  const message = (f: () => unknown) => {
    try {
      f();
    } catch (e) {
      expect(e).toBeInstanceOf(lib.UserError);
      return (e as Error).message;
    }
    throw new Error('did not throw');
  };
  const cliMessage = (args: string[]) => {
    const r = cli(args);
    expect(r.code).toBe(2);
    return r.stderr.replace(/^lmledger: /, '').trimEnd();
  };

  it('an unknown preset', () => expect(message(() => lib.account('gpt2-xxl'))).toBe(cliMessage(['account', 'gpt2-xxl'])));
  it('a bad field value', () => expect(message(() => lib.account('gpt2', { numHeads: 7 }))).toBe(cliMessage(['account', 'gpt2', '--num-heads', '7'])));
  it('an unknown option names the close ones', () => expect(message(() => lib.account('gpt2', { seqLn: 5 }))).toMatch(/unknown option 'seqLn' \(did you mean seqLen\?\)/));
  it('a value outside the choices', () => expect(message(() => lib.train('gpt2', { activations: 'cs33' }))).toMatch(/'cs33' is not allowed \(did you mean cs336/));
  it('a flag that takes no value', () => expect(message(() => lib.scale('flops', 'gpt2', { in: 'T', perLayer: 'yes' }))).toMatch(/perLayer.*expected true or false/));
  it('a config that is not an object, or a bad field in it', () => {
    expect(message(() => lib.account({ config: [] as unknown as Record<string, unknown> }))).toMatch(/config: expected a JSON object/);
    expect(message(() => lib.account({ config: { d_model: 1.5 } }))).toMatch(/config: d_model: 1.5 is not allowed; expected a positive integer/);
    expect(message(() => lib.account({ hfConfig: { model_type: 'bert' } }))).toMatch(/model_type 'bert' is not supported/);
  });
  it('two ways of naming a model', () => expect(message(() => lib.account({ preset: 'gpt2', config: {} }))).toMatch(/give exactly one of preset, file, config, hfConfig/));
});
