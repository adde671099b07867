#!/usr/bin/env node
// Speed benchmark (not a test): cold-start CLI answers, timed as whole processes, and
// in-process formula generation. Run with `npm run bench`; the README records the results.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';

const root = fileURLToPath(new URL('../../', import.meta.url));
const cli = `${root}dist/cli.js`;
const RUNS = Number(process.env.BENCH_RUNS ?? 7);

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const ms = (x) => `${x < 10 ? x.toFixed(1) : x.toFixed(0)} ms`;

function timeProcess(args) {
  const times = [];
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now();
    const r = spawnSync(process.execPath, args, { cwd: root, encoding: 'utf8' });
    times.push(performance.now() - t0);
    if (r.status !== 0) throw new Error(`${args.join(' ')} failed: ${r.stderr}`);
  }
  return median(times);
}

const rows = [];
const baseline = timeProcess(['-e', '0']);
rows.push(['node -e 0 (Node.js start-up alone)', baseline]);
for (const args of [
  ['account', 'gpt2-xl-swiglu', '--json'],
  ['account', 'gpt2-xl-swiglu'],
  ['formulas'],
  ['formulas', '--latex'],
  ['scale', 'flops', 'gpt2-xl-swiglu', '--in', 'T', '--from', '1024', '--to', '16384'],
  ['compare', 'gpt2-small-swiglu', 'gpt2-medium-swiglu', 'gpt2-large-swiglu', 'gpt2-xl-swiglu'],
  ['sweep', 'gpt2-xl-swiglu', '--T', '1024..16384*2', '--csv'],
  ['check', 'llama-3-8b'],
  ['train', 'gpt2-xl-swiglu', '--json'],
  ['train', 'gpt2-xl-swiglu', '--activations', 'cs336', '--memory', '80GB', '--steps', '400000', '--batch', '1024', '--hardware', 'a100-80gb', '--mfu', '0.5'],
  ['sheet', 'swiglu-mha', '--format', 'md'],
  ['sheet', 'gpt2-xl-swiglu', '--format', 'html'],
  ['answer', '--format', 'html'],
  ['answer', '--problem', 'adamw', '--format', 'md'],
  ['infer', 'llama-3-70b', '--prompt', '7168', '--generate', '1024', '--batch', '32', '--kv-dtype', 'fp8', '--hardware', 'h100-sxm', '--devices', '8'],
  ['infer', 'llama-3-70b', '--prompt', '7168', '--generate', '1024', '--batch', '32', '--kv-dtype', 'fp8', '--hardware', 'h100-sxm', '--devices', '8', '--json'],
  ['answer', '--problem', 'inference', '--format', 'md'],
  ['answer', '--problem', 'inference', '--format', 'html'],
  ...(process.env.BENCH_EXTRA ? JSON.parse(process.env.BENCH_EXTRA) : []),
]) rows.push([`lmledger ${args.join(' ')}`, timeProcess([cli, ...args])]);

// In process: load an architecture file, derive its ledger and print every formula.
const { loadArchitecture } = await import(`${root}dist/formulas/load.js`);
const { readArchitecture } = await import(`${root}dist/formulas/load.js`);
const { resolveArchitecture } = await import(`${root}dist/formulas/resolve.js`);
const { formulasText } = await import(`${root}dist/report/formulas.js`);
const { readFileSync } = await import('node:fs');
const { load: parse } = await import('js-yaml');
const file = `${root}formulas/architectures/swiglu-mha.yaml`;
loadArchitecture('swiglu-mha');
const N = 200;
const t0 = performance.now();
for (let i = 0; i < N; i++) formulasText(resolveArchitecture(readArchitecture(parse(readFileSync(file, 'utf8')), file), {}));
rows.push([`formula generation in process (parse + derive + resolve + print swiglu-mha), per run of ${N}`, (performance.now() - t0) / N]);

// A 100,000-point sweep of T for GPT-2 XL: compiled BigInt formulas, every component at every point.
const { resolveModel } = await import(`${root}dist/model/spec.js`);
const { sweepStudy } = await import(`${root}dist/scaling/study.js`);
const xl = resolveModel({ preset: 'gpt2-xl-swiglu' });
const T = xl.arch.symbols.find((s) => s.name === 'T');
const points = Array.from({ length: 100_000 }, (_, i) => BigInt(i + 1));
const t1 = performance.now();
sweepStudy(xl, T, points);
rows.push(['sweep of 100,000 values of T in process (every component, exact)', performance.now() - t1]);

const width = Math.max(...rows.map(([k]) => k.length));
console.log(`median of ${RUNS} runs; ${process.version} on ${process.platform}/${process.arch}`);
for (const [k, v] of rows) console.log(`${k.padEnd(width)}  ${ms(v)}`);
