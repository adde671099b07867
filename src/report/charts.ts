// The charts of a document, built from the same numbers as the sentences and tables beside them:
// the share charts plot the share series of a study (src/report/findings.ts's shareSeries, the
// columns of the table above them), one chart for shares of a layer and one for shares of the
// whole pass, so every bar is a number the text and table give. One palette per document keys
// colours by component id, so a component has one colour in every chart.

import type { Block } from '../doc/model.js';
import { DASHES, lineScene, PALETTE, sharesScene } from '../chart/layout.js';
import type { ModelSpec } from '../model/spec.js';
import { digits } from '../print/numbers.js';
import { studyPoint, type Study } from '../scaling/study.js';
import type { ScaleAnswer } from '../scaling/scale.js';
import { shareSeries } from './findings.js';
import { para, text } from '../doc/model.js';

/** The series "the layers together" of a share chart of the whole pass. */
const ALL_LAYERS = 'all layers';

export class Palette {
  private readonly styles = new Map<string, { color: string; dash: string }>();

  /** Component ids in the order they should take colours (the document's first model first). */
  constructor(ids: Iterable<string>) {
    // The total is black (the palette's last colour); the layers together a neutral grey.
    this.styles.set('total', { color: '#000000', dash: '' });
    this.styles.set(ALL_LAYERS, { color: '#8C8C8C', dash: '' });
    for (const id of ids) this.add(id);
  }

  private add(id: string): { color: string; dash: string } {
    let style = this.styles.get(id);
    if (!style) {
      // Seven colours before the black; past them the colours repeat with a dash (lines only).
      const k = this.styles.size - 2;
      style = { color: PALETTE[k % 7]!, dash: DASHES[Math.floor(k / 7) % DASHES.length]! };
      this.styles.set(id, style);
    }
    return style;
  }

  style(id: string): { color: string; dash: string } {
    return this.add(id);
  }
}

/** A palette for every component that has matmul FLOPs in any of `models`, in their architectures' order. */
export function paletteFor(models: ModelSpec[]): Palette {
  const ids: string[] = [];
  for (const m of models) for (const c of m.arch.components) if (c.matmuls.length && !ids.includes(c.id)) ids.push(c.id);
  return new Palette(ids);
}

export interface ShareChartOptions {
  /** File-name stem; the two charts add -layer and -whole. */
  name: string;
  /** "across model sizes", "as T grows". */
  across: string;
  /** Bar labels, one per point. */
  label: (i: number) => string;
  palette: Palette;
  /** Points the question asks about, with the word to mark them by. */
  marks?: Array<{ point: number; label: string }>;
}

/**
 * The share series of a study as stacked bars: shares of a layer (the per-layer components) and
 * shares of the whole pass (the layers together and what runs once), each as the table shows it.
 */
export function shareFigures(study: Study, o: ShareChartOptions): Block[] {
  const series = shareSeries(study);
  const categories = study.points.map((_, i) => o.label(i));
  const marks = (o.marks ?? []).map((m) => ({ category: m.point, label: m.label }));
  const out: Block[] = [];
  for (const [of, suffix, title, yLabel, what] of [
    ['a layer', 'layer', `Share of a layer's forward FLOPs, ${o.across}`, "share of a layer's FLOPs", "each layer's forward matmul FLOPs by component (the table's columns \"of a layer\")"],
    ['the whole', 'whole', `Share of the whole pass's forward FLOPs, ${o.across}`, 'share of the whole pass', 'the forward matmul FLOPs of the whole pass: the layers together and what runs once per pass (the table\'s columns "of the whole")'],
  ] as const) {
    const here = series.filter((s) => s.of === of);
    if (here.length < 2) continue; // one part is 100% of itself: nothing to chart
    const chart = sharesScene({
      title,
      categories,
      normalise: false,
      yLabel,
      marks,
      series: here.map((s) => ({ name: s.id, color: o.palette.style(s.id).color, values: s.shares.map((x) => x.toNumber()) })),
    });
    out.push({ kind: 'figure', name: `${o.name}-${suffix}`, chart, caption: `Share of ${what}, ${o.across}.` });
  }
  return out;
}

/**
 * FLOPs of the whole pass by component and in total against T (log-log), from T/8 below the
 * shorter length asked to 4× the longer: the asked lengths marked, and the crossovers.
 */
export function flopsFigure(model: ModelSpec, T: string, asked: bigint[], s: ScaleAnswer, palette: Palette): Block {
  const lo = asked.reduce((a, b) => (a < b ? a : b));
  const hi = asked.reduce((a, b) => (a > b ? a : b));
  const from = lo / 8n > 0n ? lo / 8n : 1n;
  const to = hi * 4n;
  const points: bigint[] = [];
  for (let k = 0; k <= 48; k++) points.push(BigInt(Math.round(Number(from) * (Number(to) / Number(from)) ** (k / 48))));
  const values = [...new Set([...points, ...asked])].filter((v) => v >= 1n).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const pts = values.map((v) => studyPoint('', model, { ...model.values, [T]: v }));
  const ids = pts[0]!.components.map((c) => c.component.id);
  // Mark where components cross, and where the top-degree terms overtake all the others.
  const parts = new Set(s.quantity.parts.map((p) => p.name));
  const crossings = s.crossovers
    .filter((c) => c.crossings.length && ((parts.has(c.a) && parts.has(c.b)) || s.sides[c.b]?.kind === 'all'))
    .flatMap((c) => c.crossings.map((k) => ({ x: typeof k.value === 'number' ? k.value : k.value.toNumber(), label: `${c.a} = ${c.b}` })))
    .filter((m) => m.x >= Number(from) && m.x <= Number(to));
  const markers = [...asked.map((v) => ({ x: Number(v), label: `${T} = ${digits(v)}`, asked: true })), ...crossings];
  const series = [
    { name: 'total', points: pts.map((p, i) => [Number(values[i]!), Number(p.total)] as [number, number]) },
    ...ids.map((id) => ({
      name: id,
      points: pts.map((p, i) => [Number(values[i]!), Number(p.components.find((c) => c.component.id === id)!.total)] as [number, number]),
    })),
  ].map((l) => ({ ...l, ...paletteStyle(palette, l.name) }));
  // Log axes need positive finite values; a model beyond a double's range gets a note instead.
  if (series.some((l) => l.points.some(([x, y]) => !(Number.isFinite(x) && Number.isFinite(y) && x > 0 && y > 0))))
    return para(text(`(The chart of FLOPs against ${T} is left out: its values are beyond what a chart can draw.)`));
  const chart = lineScene({
    title: `Forward matmul FLOPs against ${T} (${model.label})`,
    xLabel: T,
    yLabel: 'FLOPs of the whole pass',
    logX: true,
    logY: true,
    series,
    markers,
  });
  const lengths = asked.map((v) => digits(v)).join(' and ');
  return {
    kind: 'figure',
    name: 'flops-vs-context',
    chart,
    caption: `Forward matmul FLOPs of the whole pass against ${T} on log axes; the lengths asked (${T} = ${lengths}) marked with solid lines, crossovers with dashed ones.`,
  };
}

function paletteStyle(p: Palette, id: string): { color: string; dash?: string } {
  const s = p.style(id);
  return s.dash ? { color: s.color, dash: s.dash } : { color: s.color };
}
