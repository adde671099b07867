// The start-up shortcuts (scripts/build.mjs) change nothing a user sees: the bundle
// dist/cli-bundle.cjs runs from V8's code cache when the cache fits and compiles as usual when it does not, reads
// formulas/ through the parsed snapshot dist/formulas.json only where a file's text is the one
// the snapshot was made from, and a command that loads only its own module answers as it did
// with every command registered.
import { cpSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { afterAll, describe, expect, it } from 'vitest';
import { load as parseYaml } from 'js-yaml';
import { ROOT, cli, parseExactJson } from './helpers/cli.js';

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

/** A copy of the built package (dist, formulas, package.json; node_modules linked). */
function packageCopy(): string {
  const dir = mkdtempSync(join(tmpdir(), 'lmledger-startup-'));
  dirs.push(dir);
  for (const p of ['dist', 'formulas', 'package.json']) cpSync(join(ROOT, p), join(dir, p), { recursive: true });
  symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'));
  return dir;
}
/** The same model as the test family's preset 'tiny', as an lmledger config file. */
function tinyConfig(dir: string): string {
  const file = join(dir, 'tiny.json');
  writeFileSync(file, JSON.stringify({ architecture: 'swiglu-mha', vocab_size: 1000, context_length: 64, d_ff: 256, num_layers: 2, d_model: 64, num_heads: 4 }));
  return file;
}
const run = (dir: string, args: string[]) => spawnSync(process.execPath, [join(dir, 'dist/cli.cjs'), ...args], { cwd: dir, encoding: 'utf8' });

describe('the parsed snapshot of formulas/', () => {
  it('holds every YAML file of formulas/ as js-yaml parses it', () => {
    const snap = JSON.parse(readFileSync(join(ROOT, 'dist/formulas.json'), 'utf8')) as { files: Record<string, { json: string }> };
    expect(Object.keys(snap.files)).toContain('architectures/swiglu-mha.yaml');
    for (const [rel, { json }] of Object.entries(snap.files)) expect(JSON.parse(json)).toEqual(parseYaml(readFileSync(join(ROOT, 'formulas', rel), 'utf8')));
  });

  it('an edited formulas/ file is read from its YAML, not from the snapshot', () => {
    const dir = packageCopy();
    const file = join(dir, 'formulas/presets/gpt2-swiglu.yaml');
    const text = readFileSync(file, 'utf8');
    // GPT-2 XL's 48 layers become 47 (the only `num_layers: 48` entry of the family).
    expect(text.match(/num_layers: 48\b/g)).toHaveLength(1);
    writeFileSync(file, text.replace(/num_layers: 48\b/, 'num_layers: 47'));
    const before = parseExactJson(cli(['account', 'gpt2-xl-swiglu', '--json']).stdout);
    const r = run(dir, ['account', 'gpt2-xl-swiglu', '--json']);
    expect(r.stderr).toBe('');
    const after = parseExactJson(r.stdout);
    // One layer fewer: the total drops by exactly one layer's parameters.
    expect(before.params.total - after.params.total).toBe(before.params.per_layer.value);
  });

  it('a broken formulas/ file is a one-line error even though the snapshot holds the good one', () => {
    const dir = packageCopy();
    writeFileSync(join(dir, 'formulas/presets/gpt2-swiglu.yaml'), 'families: [unclosed\n');
    const r = run(dir, ['account', 'gpt2-xl-swiglu']);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/^lmledger: .*gpt2-swiglu\.yaml: not valid YAML/);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('without the snapshot the YAML is parsed and the answer is the same', () => {
    const dir = packageCopy();
    rmSync(join(dir, 'dist/formulas.json'));
    expect(run(dir, ['account', 'llama-3-8b', '--json']).stdout).toBe(cli(['account', 'llama-3-8b', '--json']).stdout);
  });
});

describe('a preset is read from its family alone', () => {
  const family = (presets: string) =>
    `family: extra\narchitecture: swiglu-mha\nsource: a test\nshared: {vocab_size: 1000, context_length: 64, d_ff: 4*d_model}\npresets:\n${presets}`;

  it('a name in two families is refused wherever it is used, naming both files', () => {
    const dir = packageCopy();
    writeFileSync(join(dir, 'formulas/presets/zz-extra.yaml'), family('  gpt2-xl-swiglu: {num_layers: 2, d_model: 64, num_heads: 4}\n'));
    for (const args of [['account', 'gpt2-xl-swiglu'], ['presets']]) {
      const r = run(dir, args);
      expect(r.status).toBe(2);
      expect(r.stderr).toMatch(/^lmledger: formulas\/presets\/zz-extra\.yaml: presets\.gpt2-xl-swiglu: also defined in formulas\/presets\/gpt2-swiglu\.yaml\n$/);
    }
  });

  it("another family's broken entry does not stop a preset, and listing the presets names it", () => {
    const dir = packageCopy();
    writeFileSync(join(dir, 'formulas/presets/zz-extra.yaml'), family('  tiny: {num_layers: 2, d_model: 64, num_heads: 4, published_params: -1}\n'));
    expect(run(dir, ['account', 'gpt2-xl-swiglu', '--json']).stdout).toBe(cli(['account', 'gpt2-xl-swiglu', '--json']).stdout);
    const r = run(dir, ['presets']);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/^lmledger: formulas\/presets\/zz-extra\.yaml: presets\.tiny\.published_params: expected a positive integer/);
  });

  it('a preset of the new family is found like any other', () => {
    const dir = packageCopy();
    writeFileSync(join(dir, 'formulas/presets/zz-extra.yaml'), family('  tiny: {num_layers: 2, d_model: 64, num_heads: 4}\n'));
    const r = run(dir, ['account', 'tiny', '--json']);
    expect(r.stderr).toBe('');
    expect(parseExactJson(r.stdout).params.total).toBe(parseExactJson(cli(['account', '--config', tinyConfig(dir), '--json']).stdout).params.total);
  });
});

describe('a command loads only its own module', () => {
  it('help lists every command', () => {
    const help = cli(['--help']).stdout;
    for (const c of ['formulas', 'account', 'presets', 'scale', 'compare', 'sweep', 'sheet', 'answer', 'check', 'train', 'infer', 'hardware']) expect(help).toMatch(new RegExp(`^  ${c}\\b`, 'm'));
  });
  it('a misspelt command is still told the close name', () => {
    const r = cli(['acount']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/account/);
  });
});

describe('the one-file CLI and its code cache', () => {
  // In a child process: V8 checks a cache against the process's flags, and a test worker's may differ from a user's.
  const loads = (dir: string) =>
    spawnSync(process.execPath, ['-e', 'process.stdout.write(JSON.stringify({ compiled: require(process.argv[1]).loadBundle().compiled }))', join(dir, 'dist/cli.cjs')], { cwd: dir, encoding: 'utf8' });

  it('the build writes a code cache that V8 accepts for the bundle', () => {
    const r = loads(ROOT);
    expect(r.stderr).toBe('');
    expect(JSON.parse(r.stdout)).toEqual({ compiled: false });
  });

  it('a code cache that does not fit is refused, and the answers are the same', () => {
    const dir = packageCopy();
    writeFileSync(join(dir, 'dist/cli-bundle.cjs.cache'), Buffer.alloc(4096, 7));
    expect(JSON.parse(loads(dir).stdout)).toEqual({ compiled: true });
    for (const args of [['account', 'gpt2-xl-swiglu', '--json'], ['infer', 'llama-3-8b', '--prompt', '4096', '--generate', '256', '--json']])
      expect(run(dir, args).stdout).toBe(cli(args).stdout);
  });

  it("without the bundle the CLI runs from tsc's modules, with the same answers and errors", () => {
    const dir = packageCopy();
    rmSync(join(dir, 'dist/cli-bundle.cjs'));
    rmSync(join(dir, 'dist/cli-bundle.cjs.cache'));
    for (const args of [['account', 'gpt2-xl-swiglu', '--json'], ['train', 'llama-3-8b', '--json'], ['--version']]) expect(run(dir, args).stdout).toBe(cli(args).stdout);
    const bad = run(dir, ['account', 'gpt2-xl-swigl']);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toBe(cli(['account', 'gpt2-xl-swigl']).stderr);
  });

  it('the bundle and the snapshot are ASCII (read as latin1)', () => {
    for (const f of ['dist/cli-bundle.cjs', 'dist/formulas.json']) expect(readFileSync(join(ROOT, f), 'latin1')).toMatch(/^[\x00-\x7f]*$/);
  });
});
