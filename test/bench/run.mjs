#!/usr/bin/env node
// Speed benchmark (not a test): cold-start CLI answers, timed as whole processes, and
// in-process formula generation. Run with `npm run bench`; the README records the results.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';

const root = fileURLToPath(new URL('../../', import.meta.url));
const cli = `${root}dist/cli.cjs`;
const RUNS = Number(process.env.BENCH_RUNS ?? 7);

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const ms = (x) => `${x < 10 ? x.toFixed(1) : x.toFixed(0)} ms`;

function timeProcess(args, runs = RUNS, command = process.execPath, env = process.env) {
  const times = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    const r = spawnSync(command, args, { cwd: root, encoding: 'utf8', maxBuffer: 1 << 30, env });
    times.push(performance.now() - t0);
    if (r.status !== 0) throw new Error(`${args.join(' ')} failed: ${r.stderr}`);
  }
  return median(times);
}

const rows = [];

// Side by side with SymPy (issue 13): the same job, `account gpt2-xl-swiglu --json` against
// test/bench/sympy_account.py (build both formulas from components, simplify, evaluate at XL),
// run alternately so that a busy machine slows both alike.
const sympy = spawnSync('python3', ['-c', 'import sympy'], { encoding: 'utf8' }).status === 0;
if (sympy) {
  const job = ['account', 'gpt2-xl-swiglu', '--json'];
  const py = `${root}test/bench/sympy_account.py`;
  const ours = JSON.parse(spawnSync(process.execPath, [cli, ...job], { cwd: root, encoding: 'utf8' }).stdout);
  const theirs = JSON.parse(spawnSync('python3', [py], { cwd: root, encoding: 'utf8' }).stdout);
  // The same numbers, or the comparison means nothing.
  if (ours.params.total !== theirs.params.total || ours.flops.forward.total !== theirs.flops.total)
    throw new Error(`SymPy's job disagrees: params ${theirs.params.total} vs ${ours.params.total}, FLOPs ${theirs.flops.total} vs ${ours.flops.forward.total}`);
  // NODE_EXTRA_CA_CERTS (set on this workplace's machines, to a bundle of ~140 certificates)
  // makes every Node.js process parse those certificates before running any code: tens of
  // milliseconds that lmledger, which opens no TLS connection, cannot skip, and that Python does
  // not pay. Where it is set, the comparison is also run without it, and both are shown.
  const extraCerts = process.env.NODE_EXTRA_CA_CERTS !== undefined;
  const { NODE_EXTRA_CA_CERTS: _, ...withoutCerts } = process.env;
  const runs = Math.max(RUNS, 15);
  const a = [];
  const b = [];
  const c = [];
  for (let i = 0; i < runs; i++) {
    a.push(timeProcess([cli, ...job], 1));
    b.push(timeProcess([py], 1, 'python3'));
    if (extraCerts) c.push(timeProcess([cli, ...job], 1, process.execPath, withoutCerts));
  }
  rows.push([`lmledger ${job.join(' ')} (alternating with SymPy)`, median(a)]);
  rows.push(['SymPy: the same job (test/bench/sympy_account.py)', median(b)]);
  rows.push(['SymPy ÷ lmledger', median(b) / median(a), 'x']);
  if (extraCerts) {
    rows.push([`lmledger ${job.join(' ')}, NODE_EXTRA_CA_CERTS unset (alternating)`, median(c)]);
    rows.push(['SymPy ÷ lmledger, NODE_EXTRA_CA_CERTS unset', median(b) / median(c), 'x']);
  }
} else {
  rows.push(['SymPy not installed here (python3 -c "import sympy" fails): no side-by-side run', NaN]);
}

const baseline = timeProcess(['-e', '0']);
rows.push(['node -e 0 (Node.js start-up alone)', baseline]);
if (process.env.NODE_EXTRA_CA_CERTS !== undefined) {
  const { NODE_EXTRA_CA_CERTS: _, ...env } = process.env;
  rows.push(['node -e 0, NODE_EXTRA_CA_CERTS unset', timeProcess(['-e', '0'], RUNS, process.execPath, env)]);
}
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

// Sweeps of T for GPT-2 XL in process: exact totals (the total FLOP formula compiled for T, BigInt
// Horner), and every component at every point (what the sweep writers are given).
const { resolveModel } = await import(`${root}dist/model/spec.js`);
const { sweepPlan, sweepPoints } = await import(`${root}dist/scaling/study.js`);
const { sweepValues } = await import(`${root}dist/scaling/range.js`);
const { compileIn } = await import(`${root}dist/algebra/compile.js`);
const { symbolicLedger } = await import(`${root}dist/ledger/symbolic.js`);
const xl = resolveModel({ preset: 'gpt2-xl-swiglu' });
const T = xl.arch.symbols.find((s) => s.name === 'T');
const MILLION = 1_000_000;
const inProcess = (f) => median(Array.from({ length: 3 }, () => { const t = performance.now(); f(); return performance.now() - t; }));
const total = compileIn(symbolicLedger(xl.arch).flops.total, 'T', xl.values);
let sum = 0n;
const tTotals = inProcess(() => { for (let x = 1n; x <= BigInt(MILLION); x++) sum += total(x); });
rows.push(['exact total FLOPs at 1,000,000 values of T in process (points per second)', (MILLION / tTotals) * 1000, 'points/s']);
const plan = sweepPlan(xl, T);
const tPoints = inProcess(() => { for (const p of sweepPoints(plan, sweepValues('--T', `1..${MILLION}`))) sum += p.total; });
rows.push(['every component at 1,000,000 values of T in process (points per second)', (MILLION / tPoints) * 1000, 'points/s']);

// Sweeps end to end, written to /dev/null: wall time and peak memory (GNU time's maximum RSS).
const gnuTime = spawnSync('/usr/bin/time', ['-f', '%M', process.execPath, '-e', '0'], { encoding: 'utf8' }).status === 0;
for (const [n, format] of [[100_000, '--csv'], [100_000, '--json'], [100_000, ''], [MILLION, '--csv'], [MILLION, '--json'], [MILLION, '']]) {
  const args = [cli, 'sweep', 'gpt2-xl-swiglu', '--T', `1..${n}`, ...(format ? [format] : [])];
  const t0 = performance.now();
  const r = gnuTime
    ? spawnSync('/usr/bin/time', ['-f', '%M', process.execPath, ...args], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'ignore', 'pipe'] })
    : spawnSync(process.execPath, args, { cwd: root, stdio: ['ignore', 'ignore', 'pipe'] });
  const wall = performance.now() - t0;
  if (r.status !== 0) throw new Error(`sweep ${n} ${format} failed: ${r.stderr}`);
  const label = `lmledger sweep gpt2-xl-swiglu --T 1..${n} ${format || '(text)'} > /dev/null`;
  rows.push([label, wall]);
  if (gnuTime) rows.push([`  peak memory`, Number(String(r.stderr).trim().split('\n').pop()) / 1024, 'MiB']);
}

const width = Math.max(...rows.map(([k]) => k.length));
console.log(`median of ${RUNS} runs; ${process.version} on ${process.platform}/${process.arch}`);
const grouped = (v) => Math.round(v).toLocaleString('en-US');
const shown = (v, unit) => (Number.isNaN(v) ? '' : unit === 'x' ? `${v.toFixed(1)}×` : unit ? `${grouped(v)} ${unit}` : ms(v));
for (const [k, v, unit] of rows) console.log(`${k.padEnd(width)}  ${shown(v, unit)}`);
