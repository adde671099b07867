// Any model in every command: a preset, a .json file as the argument (a Hugging Face config when it
// has model_type), --config, --hf-config, or flags alone (which change the default preset and say
// so), with --seq-len and --batch. A model from a file goes by --name, its name or _name_or_path
// field, else the file's stem; never by its path. Expected counts are published ones or the seed's
// formula written out here, never the engine's own output.
import { describe, expect, it } from 'vitest';
import { cli, parseExactJson } from './helpers/cli.js';
import { cliAsync, tempFiles } from './helpers/proof.js';
import { handParams, XL } from './helpers/scaling.js';

const fixture = (name: string) => new URL(`./fixtures/hf/${name}`, import.meta.url).pathname;
const GPT2 = fixture('gpt2.json');
const GPT2_PARAMS = '124,439,808'; // published (openai-community/gpt2)
const file = tempFiles('any-model');
const SEED_CONFIG = { vocab_size: 50257, context_length: 1024, num_layers: 2, d_model: 64, num_heads: 4, d_ff: 256 };
const seedFile = file('tiny-seed.json', SEED_CONFIG);
// L(4d² + 3df + 2d) + 2dV + d for the file above, by hand.
const TINY_PARAMS = 2n * (4n * 64n * 64n + 3n * 64n * 256n + 2n * 64n) + 2n * 64n * 50257n + 64n;

const COMMANDS: Record<string, string[]> = {
  account: ['account'],
  check: ['check'],
  scale: ['scale', 'flops', '--in', 'T'],
  sweep: ['sweep', '--T', '64,128'],
  sheet: ['sheet'],
  answer: ['answer', '--long-context', '512'],
};

describe.each(Object.entries(COMMANDS))('%s takes any model', (_, cmd) => {
  // Subcommand words first, then the model: commander reads options anywhere.
  const [head, ...rest] = cmd;
  it.concurrent('a Hugging Face config.json, by --hf-config: named by its stem, never its path', async () => {
    const r = await cliAsync([head!, ...rest, '--hf-config', GPT2, '--seq-len', '128']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/\bgpt2\b/);
    expect(r.stdout).not.toContain(GPT2);
    expect(r.stdout).not.toContain('fixtures/hf');
  });
  it.concurrent('a .json file as the argument: an HF config is told by its model_type', async () => {
    const args = head === 'scale' ? ['scale', 'flops', GPT2, ...rest.slice(1)] : [head!, GPT2, ...rest];
    const r = await cliAsync([...args, '--seq-len', '128', '--batch', '2']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).not.toContain('fixtures/hf');
  });
  it.concurrent('an lmledger config by --config, named by its stem', async () => {
    const r = await cliAsync([head!, ...rest, '--config', seedFile, '--batch', '3']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('tiny-seed');
    expect(r.stdout).not.toContain(seedFile);
  });
  it.concurrent('flags alone change the default preset, and the output says so', async () => {
    const r = await cliAsync([head!, ...rest, '--num-layers', '2', '--seq-len', '256']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/num\\?_layers=2/); // Markdown escapes the underscore
    expect(r.stdout).toMatch(/no model named, so the flags change the default preset gpt2-xl-swiglu/i);
  });
});

describe('counts of models from files', () => {
  it('the HF config gives its published count; the lmledger config its hand count', () => {
    expect(cli(['account', GPT2]).stdout).toContain(`Parameters: ${GPT2_PARAMS} `);
    const doc = parseExactJson(cli(['account', seedFile, '--json']).stdout);
    expect(doc.params.total).toBe(TINY_PARAMS);
    expect(doc.model.name).toBe('tiny-seed');
  });
});

describe('names of models from files', () => {
  const name = (args: string[]) => {
    const r = cli(['account', ...args, '--json']);
    expect(r.code, r.stderr).toBe(0);
    return parseExactJson(r.stdout).model.name;
  };
  it('the config\'s own name field first', () => expect(name(['--config', file('a.json', { ...SEED_CONFIG, name: 'my-model' })])).toBe('my-model'));
  it('then _name_or_path (a repository id as is)', () =>
    expect(name(['--hf-config', file('b.json', { model_type: 'gpt2', _name_or_path: 'openai-community/gpt2', vocab_size: 1000, n_positions: 64, n_layer: 2, n_embd: 64, n_head: 4 })])).toBe('openai-community/gpt2'));
  it('a local directory in _name_or_path gives its last part', () =>
    expect(name(['--hf-config', file('c.json', { model_type: 'gpt2', _name_or_path: '/home/me/models/tiny-gpt2/', vocab_size: 1000, n_positions: 64, n_layer: 2, n_embd: 64, n_head: 4 })])).toBe('tiny-gpt2'));
  it('else the file\'s stem', () => expect(name(['--config', file('stem-only.json', SEED_CONFIG)])).toBe('stem-only'));
  it('--name wins over all of them, for presets too', () => {
    expect(name(['--config', file('d.json', { ...SEED_CONFIG, name: 'x' }), '--name', 'chosen'])).toBe('chosen');
    expect(name(['gpt2', '--name', 'small'])).toBe('small');
  });
  it('a bad name field is a one-line error naming the field', () => {
    const r = cli(['account', '--config', file('e.json', { ...SEED_CONFIG, name: 3 })]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^lmledger: --config .*e\.json: name: expected the model's name as text\n$/);
  });
});

describe('compare takes several models of any kind', () => {
  const run = cli(['compare', 'gpt2', seedFile, GPT2, '--config', seedFile, '--seq-len', '64', '--json']);
  const doc = parseExactJson(run.stdout);
  it('a preset, an lmledger config, an HF config and --config, in that order, by name', () => {
    expect(run.code, run.stderr).toBe(0);
    expect(doc.points.map((p: any) => p.label)).toEqual(['gpt2 (seq_len=64)', 'tiny-seed (seq_len=64)', 'gpt2 (seq_len=64)', 'tiny-seed (seq_len=64)']);
  });
  it('each total is the one account gives for the same model', () => {
    const total = (args: string[]) => parseExactJson(cli(['account', ...args, '--seq-len', '64', '--json']).stdout).flops.forward.total;
    expect(doc.points[0].total).toBe(total(['gpt2']));
    expect(doc.points[1].total).toBe(total(['--config', seedFile]));
    expect(doc.points[2].total).toBe(doc.points[0].total); // the HF config of gpt2 is the gpt2 preset
  });
  it('fewer than two models is a one-line error', () => {
    const r = cli(['compare', seedFile]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^lmledger: compare: give at least two models \(got 1\)/);
  });
});

describe('answer --num-layers 24', () => {
  const run = cli(['answer', '--num-layers', '24']);
  it('writes up the default preset with 24 layers, and says so', () => {
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/^# Transformer accounting: gpt2-xl-swiglu \(num\\?_layers=24\)$/m);
    expect(run.stdout).toMatch(/No model named, so the flags change the default preset gpt2-xl-swiglu/);
  });
  it('counts its parameters as the seed formula does with L = 24', () => {
    const p = handParams({ ...XL, L: 24n }).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ',');
    expect(run.stdout).toContain(`has ${p} trainable parameters`);
  });
  it('compares it with the family, in place of the preset it changes', () => {
    const sizes = run.stdout.slice(run.stdout.indexOf('(d)'), run.stdout.indexOf('(e)'));
    expect(sizes).toContain('gpt2-xl-swiglu (num\\_layers=24)');
    expect(sizes).not.toMatch(/^\| gpt2-xl-swiglu \|/m);
    expect(sizes).toMatch(/^\| gpt2-small-swiglu \|/m);
  });
});

describe('sheet takes a model', () => {
  it('--hf-config: the numbers beside the formulas, the title by name', () => {
    const r = cli(['sheet', '--hf-config', GPT2, '--format', 'md']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^# Formula sheet: decoder with gpt2$/m);
    expect(r.stdout).toContain(GPT2_PARAMS);
  });
  it('an architecture with flags is the model\'s architecture', () => {
    const r = cli(['sheet', 'decoder', '--num-layers', '2', '--format', 'md']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^# Formula sheet: decoder with gpt2-xl-swiglu \(num\\_layers=2\)$/m);
  });
});
