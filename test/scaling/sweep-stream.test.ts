// Sweeps streamed point by point (lmledger sweep): the CSV of a long sweep, read back, equals
// direct evaluation of the symbolic ledger (Poly.evaluate, no compiled code) at sampled points,
// for a sweep in T, one in d that follows f = 4d, a batched one and a Hugging Face model's; the
// streamed JSON is exactly toJson(studyJson(…)) of the same study (the document built whole);
// a text sweep prints one row per point; a closed pipe ends the sweep quietly.
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { symbolicLedger } from '../../src/ledger/symbolic.js';
import { resolveModel, type ModelSpec } from '../../src/model/spec.js';
import { toJson } from '../../src/print/json.js';
import { studySource, sweepJson, sweepText } from '../../src/report/sweep.js';
import { studyJson } from '../../src/report/study.js';
import { follow, valuesAt } from '../../src/scaling/relations.js';
import { sweepStudy } from '../../src/scaling/study.js';
import { cli, ROOT } from '../helpers/cli.js';
import { parseCsv } from '../helpers/scaling.js';

/** Every value of the CSV at the sampled points against Poly.evaluate of the ledger's formulas. */
function expectCsvMatchesLedger(args: string[], model: ModelSpec, x: string, every: number): void {
  // Tens of megabytes: more than cli()'s default buffer.
  const r = spawnSync(process.execPath, ['dist/cli.cjs', 'sweep', ...args, '--csv'], { cwd: ROOT, encoding: 'utf8', maxBuffer: 1 << 28 });
  expect(r.status, r.stderr).toBe(0);
  const [header, ...body] = parseCsv(r.stdout);
  const col = (name: string) => header!.indexOf(name);
  expect(header!.slice(0, 3)).toEqual(['point', 'architecture', 'B']);
  const ledger = symbolicLedger(model.arch);
  const following = follow(model, x);
  const perPoint = ledger.components.filter((c) => !c.flops.isZero()).length + 2;
  expect(body.length % perPoint).toBe(0);
  let checked = 0;
  for (let i = 0; i < body.length; i += perPoint * every) {
    const rows = body.slice(i, i + perPoint);
    const v = BigInt(rows[0]![col(x)]!);
    // The values at the point by the general route (relations evaluated as polynomials).
    const at = valuesAt(model, following, v, 'test');
    for (const s of model.arch.symbols) expect(BigInt(rows[0]![col(s.name)]!), s.name).toBe(at[s.name]);
    expect(BigInt(rows[0]![col('B')]!)).toBe(model.batch);
    const exact = (p: { evaluate: (v: Record<string, bigint>) => { num: bigint; den: bigint } }) => {
      const q = p.evaluate(at);
      expect(q.den).toBe(1n);
      return q.num;
    };
    const get = (component: string, column: string) => BigInt(rows.find((row) => row[col('component')] === component)![col(column)]!);
    expect(get('total', 'flops_total')).toBe(exact(ledger.flops.total));
    expect(get('layer', 'flops_per_layer')).toBe(exact(ledger.flops.perLayer));
    for (const c of ledger.components.filter((c) => !c.flops.isZero())) {
      expect(get(c.component.id, 'flops_total'), c.component.id).toBe(exact(c.flops));
      if (c.component.scope === 'layer') expect(get(c.component.id, 'flops_per_layer')).toBe(exact(c.component.flops));
    }
    checked++;
  }
  expect(checked).toBeGreaterThan(5);
}

describe('streamed CSV equals the ledger evaluated directly', () => {
  it('T over 1..20000 (gpt2-xl-swiglu), every 997th point', () =>
    expectCsvMatchesLedger(['gpt2-xl-swiglu', '--T', '1..20000'], resolveModel({ preset: 'gpt2-xl-swiglu' }), 'T', 997));
  it('d over 1600..160000+1600 following f = 4d (h = 25 divides d)', () =>
    expectCsvMatchesLedger(['gpt2-xl-swiglu', '--d', '1600..160000+1600'], resolveModel({ preset: 'gpt2-xl-swiglu' }), 'd', 7));
  it('a batch of 8 (llama-3-8b, T over 100..5000+7)', () =>
    expectCsvMatchesLedger(['llama-3-8b', '--batch', '8', '--T', '100..5000+7'], resolveModel({ preset: 'llama-3-8b', batch: '8' }), 'T', 41));
});

describe('the streamed JSON is the document built whole', () => {
  for (const [name, preset, x, values] of [
    ['T, five points', 'gpt2-xl-swiglu', 'T', [1024n, 2048n, 4096n, 8192n, 16384n]],
    ['d following f = 4d', 'gpt2-xl-swiglu', 'd', [800n, 1600n, 3200n]],
    ['L of llama-3-8b, 20 points', 'llama-3-8b', 'L', Array.from({ length: 20 }, (_, i) => BigInt(i + 1))],
  ] as const)
    it(name, () => {
      const m = resolveModel({ preset });
      const study = sweepStudy(m, m.arch.symbols.find((s) => s.name === x)!, values);
      expect([...sweepJson(studySource(study))].join('')).toBe(`${toJson(studyJson(study))}\n`);
    });

  it('the CLI writes the same document', () => {
    const m = resolveModel({ preset: 'gpt2-xl-swiglu' });
    const study = sweepStudy(m, m.arch.symbols.find((s) => s.name === 'T')!, [1024n, 2048n, 4096n, 8192n, 16384n]);
    expect(cli(['sweep', 'gpt2-xl-swiglu', '--T', '1024..16384*2', '--json']).stdout).toBe(`${toJson(studyJson(study))}\n`);
  });
});

describe('text sweeps', () => {
  it('print one row per point, not one line with every point', () => {
    const r = cli(['sweep', 'gpt2-xl-swiglu', '--T', '1000..50000+1000']);
    expect(r.code, r.stderr).toBe(0);
    const lines = r.stdout.split('\n');
    for (let T = 1000; T <= 50000; T += 1000) expect(lines.filter((l) => new RegExp(`^ +${T.toLocaleString('en-US')}  `).test(l)), String(T)).toHaveLength(1);
    expect(r.stdout).toContain('As T goes 1,000 → … → 50,000');
  });
  it('the library text of a study is the streamed text', () => {
    const m = resolveModel({ preset: 'gpt2-xl-swiglu' });
    const study = sweepStudy(m, m.arch.symbols.find((s) => s.name === 'T')!, [1024n, 16384n]);
    expect(cli(['sweep', 'gpt2-xl-swiglu', '--T', '1024,16384']).stdout).toBe([...sweepText(studySource(study), Infinity)].join(''));
    expect(cli(['sweep', 'gpt2-xl-swiglu', '--T', '1024,16384'], { env: { LMLEDGER_WIDTH: '120' } }).stdout).toBe([...sweepText(studySource(study))].join(''));
  });
});

it('a closed pipe ends a long sweep quietly (lmledger sweep … | head -2)', () => {
  const r = spawnSync('bash', ['-o', 'pipefail', '-c', `"${process.execPath}" dist/cli.cjs sweep gpt2-xl-swiglu --T 1..1000000 --csv | head -2`], { cwd: ROOT, encoding: 'utf8' });
  expect(r.stderr).toBe('');
  expect(r.status).toBe(0);
  expect(r.stdout.split('\n')[1]).toMatch(/^"T = 1",|^T = 1,/);
});
