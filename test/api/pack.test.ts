// The package as a user gets it: `npm pack` (of the built dist/), installed into an empty project
// from the tarball, imported from an .mjs by its name and type-checked from a .ts against the
// .d.ts it ships. The installed account() must equal what the installed CLI prints.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/cli.js';

let project = '';
const run = (cmd: string, args: string[], cwd = project) => execFileSync(cmd, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });

beforeAll(() => {
  project = mkdtempSync(join(tmpdir(), 'lmledger-pack-'));
  // --ignore-scripts: pack the dist/ the suite was built with (prepare would rebuild it).
  const tarball = run('npm', ['pack', '--ignore-scripts', '--silent', '--pack-destination', project], ROOT).trim().split('\n').pop()!;
  writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'user-project', private: true, type: 'module' }));
  // The dependencies are in npm's cache (npm ci put them there); the registry is the fallback.
  run('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', join(project, tarball)]);
}, 240_000);

afterAll(() => {
  if (project) rmSync(project, { recursive: true, force: true });
});

describe('npm pack, installed into an empty project', () => {
  it('ships dist/ with the .d.ts and formulas/, not the sources or tests', () => {
    const pkg = join(project, 'node_modules/lmledger');
    expect(readdirSync(pkg).sort()).toEqual(expect.arrayContaining(['dist', 'formulas', 'package.json']));
    expect(readdirSync(pkg)).not.toContain('src');
    expect(readdirSync(join(pkg, 'dist'))).toEqual(expect.arrayContaining(['index.js', 'index.d.ts', 'cli.cjs', 'cli-bundle.cjs', 'cli-bundle.cjs.cache']));
  });

  it('an .mjs imports it by name; account() equals the installed CLI for several models', () => {
    writeFileSync(
      join(project, 'use.mjs'),
      `import { account, toJson, UserError } from 'lmledger';
import { execFileSync } from 'node:child_process';
const cases = [['gpt2-xl-swiglu'], ['llama-3-8b', { seqLen: 8192 }], ['qwen2.5-7b'], ['deepseek-v2-lite', { batch: 4 }]];
const out = [];
for (const [name, opts] of cases) {
  const flags = Object.entries(opts ?? {}).flatMap(([k, v]) => ['--' + k.replace(/[A-Z]/g, (c) => '-' + c.toLowerCase()), String(v)]);
  const printed = execFileSync('npx', ['lmledger', 'account', name, ...flags, '--json'], { encoding: 'utf8' });
  const a = account(name, opts);
  out.push({ name, same: toJson(a) + '\\n' === printed, bigint: typeof a.params.total === 'bigint', total: String(a.params.total) });
}
let threw = false;
try { account({ config: { d_model: 0 } }); } catch (e) { threw = e instanceof UserError; }
console.log(JSON.stringify({ out, threw }));
`,
    );
    const r = JSON.parse(run('node', ['use.mjs'])) as { out: Array<{ name: string; same: boolean; bigint: boolean; total: string }>; threw: boolean };
    for (const c of r.out) expect(c, c.name).toMatchObject({ same: true, bigint: true });
    expect(r.out[0]!.total).toBe('2127057600');
    expect(r.threw).toBe(true);
  }, 120_000);

  it('the installed CLI writes the explorer page (its script was bundled at build time, no esbuild needed)', () => {
    expect(readdirSync(join(project, 'node_modules'))).not.toContain('esbuild');
    run('npx', ['lmledger', 'explore', '-o', 'site']);
    const html = readFileSync(join(project, 'site/index.html'), 'utf8');
    const script = /<script>([\s\S]*)<\/script>/.exec(html)?.[1] ?? '';
    expect(script.length).toBeGreaterThan(100_000);
    expect(html).toContain('"formulas/architectures/decoder.yaml"');
  });

  it('a .ts type-checks against the shipped .d.ts (and a wrong use does not)', () => {
    writeFileSync(
      join(project, 'use.ts'),
      `import { account, train, UserError, type AccountJson } from 'lmledger';
const a: AccountJson = account('gpt2-xl-swiglu', { seqLen: 16384 });
const total: bigint = a.params.total;
const flops: bigint = a.flops.forward.components['ffn']!.total;
const share: number = a.params.components['attention']!.share;
const t = train({ config: { d_model: 768 } }, { activations: 'cs336' });
export const used = [total, flops, share, t, UserError];
`,
    );
    writeFileSync(join(project, 'bad.ts'), `import { account } from 'lmledger';\nexport const n: string = account('gpt2').params.total;\n`);
    const tsconfig = (files: string[]) =>
      JSON.stringify({ compilerOptions: { strict: true, noEmit: true, module: 'NodeNext', moduleResolution: 'NodeNext', target: 'ES2022', typeRoots: [join(ROOT, 'node_modules/@types')], types: ['node'] }, files });
    writeFileSync(join(project, 'tsconfig.json'), tsconfig(['use.ts']));
    const tsc = join(ROOT, 'node_modules/typescript/bin/tsc');
    expect(run('node', [tsc, '-p', 'tsconfig.json'])).toBe('');
    writeFileSync(join(project, 'tsconfig.json'), tsconfig(['bad.ts']));
    let output = '';
    try {
      run('node', [tsc, '-p', 'tsconfig.json']);
    } catch (e) {
      output = String((e as { stdout?: string }).stdout);
    }
    expect(output).toMatch(/bad\.ts.*Type 'bigint' is not assignable to type 'string'/);
  }, 180_000);
});
