// The charts of the serving write-up are drawn from the same rows as its batch table: each point is
// a row's intensity and FLOP/s, ms per step or tokens/s; the roof bends at peak ÷ bandwidth typed
// in here (formulas/hardware/google.yaml, tpu-v5e); every point lies on the roof; the HTML carries
// the three SVG figures and the LaTeX points to them, as for the other charts.
import { describe, expect, it } from 'vitest';
import { inferAccount } from '../../src/inference/account.js';
import { batchSizes, decodeAtBatch, rates } from '../../src/inference/batches.js';
import { inferRequest } from '../../src/inference/request.js';
import { resolveModel } from '../../src/model/spec.js';
import { latencyData, rooflineData, throughputData } from '../../src/report/inference/charts.js';
import { cliAsync } from '../helpers/proof.js';

const model = resolveModel({ preset: 'llama-3-70b', batch: '32' });
const a = inferAccount(inferRequest(model, { prompt: '8191', generate: '1', dtype: 'int8', kvDtype: 'int8', computeDtype: 'bf16', hardware: 'tpu-v5e', devices: '8' }));
const r = rates(a)!;
const rows = batchSizes(a).map((b) => decodeAtBatch(a, b, r));

describe('chart data = table rows', () => {
  it('the roof bends at 197e12 / 819e9 FLOPs per byte and every decode point is a row, on the roof', () => {
    const c = rooflineData(a, r, rows);
    const ridge = 197e12 / 819e9;
    expect(c.markers[0]!.x).toBeCloseTo(ridge, 9);
    const roof = c.series[0]!.points;
    expect(roof[1]).toEqual([expect.closeTo(ridge, 9), expect.closeTo(8 * 197e12, 0)]);
    const decode = c.series[1]!.points;
    expect(decode.map((p) => p[0])).toEqual(rows.map((x) => x.intensity.toNumber()));
    for (const [x, y] of [...decode, ...c.series[3]!.points]) expect(y / Math.min(8 * 197e12, 8 * 819e9 * x)).toBeCloseTo(1, 9);
  });

  it('latency and throughput are the rows\' ms per step and tokens per second; the batch asked is a row', () => {
    expect(latencyData(a, rows).series[0]!.points).toEqual(rows.map((x) => [Number(x.batch), x.seconds.toNumber() * 1e3]));
    expect(throughputData(a, rows).series[0]!.points).toEqual(rows.map((x) => [Number(x.batch), x.tokensPerSecond.toNumber()]));
    expect(rows.map((x) => x.batch)).toContain(32n);
    // The largest batch that fits is marked where it is (49 in 8 × 16 GiB: sources.md §4).
    expect(latencyData(a, rows).markers).toContainEqual({ x: 49, label: 'largest that fits: 49' });
  });

  it('HTML has the three figures as SVG; LaTeX draws the same three with TikZ', async () => {
    const [html, tex] = await Promise.all([cliAsync(['answer', '--problem', 'inference', '--format', 'html']), cliAsync(['answer', '--problem', 'inference', '--format', 'tex'])]);
    expect(html.code, html.stderr).toBe(0);
    for (const id of ['roofline', 'latency-vs-batch', 'throughput-vs-batch']) expect(html.stdout).toContain(`<figure id="figure-${id}">`);
    expect((html.stdout.match(/<svg [^>]*data-chart="line"/g) ?? []).length).toBe(3);
    expect(tex.code, tex.stderr).toBe(0);
    expect((tex.stdout.match(/\\begin\{tikzpicture\}/g) ?? []).length).toBe(3);
  });
});
