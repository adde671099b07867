// The charts of an inference write-up as plain data (series of points, vertical markers): a
// roofline (arithmetic intensity against attainable FLOP/s, the ridge point, prefill and the
// decode step at each batch) and latency and throughput against the batch. The same rows feed
// the document's tables; a printer (src/chart/svg.ts today) draws them. Floats here are for
// drawing only.

import type { InferAccount } from '../../inference/account.js';
import type { BatchRow, Rates } from '../../inference/batches.js';
import { BATCH_SYMBOL } from '../../formulas/architecture.js';
import { decimal, digits } from '../../print/numbers.js';

export interface ChartData {
  title: string;
  xLabel: string;
  yLabel: string;
  logX: boolean;
  logY: boolean;
  series: Array<{ name: string; points: Array<[number, number]> }>;
  markers: Array<{ x: number; label: string }>;
}

/** Attainable FLOP/s = min(peak, bandwidth × intensity), with prefill and each batch's decode step on it. */
export function rooflineData(a: InferAccount, r: Rates, rows: BatchRow[]): ChartData {
  const B = BATCH_SYMBOL.name;
  const own = a.values[B]!;
  const prefill = a.prefill.roofline!;
  const achieved = (flops: number, seconds: number) => flops / seconds;
  const decode = rows.map((x) => [x.intensity.toNumber(), achieved(x.flops.toNumber(), x.seconds.toNumber())] as [number, number]);
  const mine = rows.find((x) => x.batch === own);
  const prefillPoint: [number, number] = [prefill.intensity.toNumber(), achieved(Number(a.prefill.flops.value), prefill.seconds.toNumber())];
  const xs = [...decode.map((p) => p[0]), prefillPoint[0], r.ridge.toNumber()];
  const [lo, hi] = [Math.min(...xs) / 2, Math.max(...xs) * 2];
  const [peak, bw, ridge] = [r.peak.toNumber(), r.bandwidth.toNumber(), r.ridge.toNumber()];
  return {
    title: `Roofline: ${a.request.model.label}${deviceText(a)}`,
    xLabel: 'arithmetic intensity (FLOPs per byte)',
    yLabel: 'attainable FLOP/s',
    logX: true,
    logY: true,
    series: [
      { name: 'roof: min(peak, bw × I)', points: [[lo, bw * lo], [ridge, peak], [hi, peak]] },
      { name: `decode step, ${B} = ${digits(rows[0]!.batch)}…${digits(rows[rows.length - 1]!.batch)}`, points: decode },
      ...(mine ? [{ name: `decode step, ${B} = ${digits(own)}`, points: [[mine.intensity.toNumber(), achieved(mine.flops.toNumber(), mine.seconds.toNumber())] as [number, number]] }] : []),
      { name: `prefill, ${B} = ${digits(own)}`, points: [prefillPoint] },
    ],
    markers: [{ x: ridge, label: `ridge ${decimal(r.ridge, 1)} FLOPs/byte` }],
  };
}

/** Milliseconds per decode step (the latency of each generated token) against the batch. */
export function latencyData(a: InferAccount, rows: BatchRow[]): ChartData {
  return {
    title: `Decode latency against the batch: ${a.request.model.label}${deviceText(a)}`,
    xLabel: `batch ${BATCH_SYMBOL.name} (sequences)`,
    yLabel: 'ms per decode step',
    logX: true,
    logY: true,
    series: [{ name: 'ms per step', points: rows.map((x) => [Number(x.batch), x.seconds.toNumber() * 1e3]) }],
    markers: batchMarkers(a, rows),
  };
}

/** Tokens per second of the whole batch against the batch. */
export function throughputData(a: InferAccount, rows: BatchRow[]): ChartData {
  return {
    title: `Decode throughput against the batch: ${a.request.model.label}${deviceText(a)}`,
    xLabel: `batch ${BATCH_SYMBOL.name} (sequences)`,
    yLabel: 'tokens per second (whole batch)',
    logX: true,
    logY: true,
    series: [{ name: 'tokens/s', points: rows.map((x) => [Number(x.batch), x.tokensPerSecond.toNumber()]) }],
    markers: batchMarkers(a, rows),
  };
}

/** Where the step turns compute-bound and the largest batch that fits, when inside the rows. */
function batchMarkers(a: InferAccount, rows: BatchRow[]): ChartData['markers'] {
  const B = BATCH_SYMBOL.name;
  const last = rows[rows.length - 1]!.batch;
  const out: ChartData['markers'] = [];
  const c = a.criticalBatch?.batch;
  if (c !== undefined && c <= last) out.push({ x: Number(c), label: `compute-bound from ${B} = ${digits(c)}` });
  const m = a.fit?.maxBatch;
  if (m !== undefined && m > 0n && m <= last) out.push({ x: Number(m), label: `largest that fits: ${digits(m)}` });
  return out;
}

function deviceText(a: InferAccount): string {
  const hw = a.request.hardware?.name;
  const n = a.request.devices > 1n ? `${digits(a.request.devices)} × ` : '';
  return hw ? `, ${n}${hw}` : n ? `, ${a.request.devices} devices` : '';
}

/** Every value positive and finite: what log axes can draw. */
export function drawable(c: ChartData): boolean {
  return c.series.every((s) => s.points.every(([x, y]) => Number.isFinite(x) && Number.isFinite(y) && x > 0 && y > 0)) && c.markers.every((m) => Number.isFinite(m.x) && m.x > 0);
}
