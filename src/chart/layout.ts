// Lays charts out as scenes (src/chart/scene.ts): axes, ticks, bars or lines, a legend, and
// labels placed so that no two overlap. The printers (svg.ts, tikz.ts) only draw what is here.

import { FONT, H, W, labelBox, polygonsOverlap, textWidth, type Anchor, type Item, type Label, type Scene } from './scene.js';

const TOP = 46; // below the title
const LEFT = 62; // room for tick labels and the rotated y label
// Labels under the x axis sit this far below it: clear of the lowest y tick label beside the corner.
const TICK_BELOW = 18;

// Okabe & Ito's palette, distinguishable with the common colour-vision deficiencies.
export const PALETTE = ['#0072B2', '#E69F00', '#009E73', '#D55E00', '#CC79A7', '#56B4E9', '#F0E442', '#000000'];
// Past eight series, lines repeat the colours with a dash pattern so no two look alike.
export const DASHES = ['', '6 3', '2 3', '8 3 2 3'];

/** A colour and dash for the k-th series of a document (the same k gives the same look everywhere). */
export function seriesStyle(k: number): { color: string; dash: string } {
  return { color: PALETTE[k % PALETTE.length]!, dash: DASHES[Math.floor(k / PALETTE.length) % DASHES.length]! };
}

/** Black or white, whichever reads better on `fill` (#rrggbb). */
function inkOn(fill: string): string {
  const [r, g, b] = [1, 3, 5].map((i) => parseInt(fill.slice(i, i + 2), 16) / 255);
  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b! > 0.45 ? '#000' : '#fff';
}

export interface SharesSpec {
  title: string;
  categories: string[];
  series: Array<{ name: string; values: number[]; color?: string }>;
  yLabel?: string;
  /**
   * true (default): each category's values are scaled to add up to 100%. false: the values are
   * shares already (0–1), drawn as they are, so a bar of parts that do not cover the whole stops short.
   */
  normalise?: boolean;
  /** Categories to point out (the ones asked about), with the word shown above the bar. */
  marks?: Array<{ category: number; label: string }>;
}

export function sharesScene(spec: SharesSpec): Scene {
  const { categories, series } = spec;
  const normalise = spec.normalise ?? true;
  for (const s of series) {
    if (s.values.length !== categories.length)
      throw new Error(`series ${JSON.stringify(s.name)} has ${s.values.length} values for ${categories.length} categories`);
    for (const v of s.values) if (!(Number.isFinite(v) && v >= 0)) throw new Error(`series ${JSON.stringify(s.name)}: ${v} is not a share (finite, ≥ 0)`);
  }
  const colors = series.map((s, i) => s.color ?? seriesStyle(i).color);
  const items: Item[] = [];
  const legend = legendBox(series.map((s) => s.name));
  // Category labels lie flat when they fit under their bar, else slant at 30° (needing a taller
  // bottom margin, and a wider left one so the first label does not run off the edge).
  const names = categories.map((c) => clip(c, 28));
  const widest = Math.max(0, ...names.map((c) => textWidth(c, FONT)));
  const bandFrom = (left: number) => (legend.x - 16 - left) / Math.max(1, categories.length);
  const slant = widest > bandFrom(LEFT) - 6;
  const left = slant ? Math.max(LEFT, widest * 0.87 - bandFrom(LEFT) / 2 + 8) : LEFT;
  const band = bandFrom(left);
  const plot = { left, right: legend.x - 16, top: TOP, bottom: H - (slant ? 26 + widest / 2 : 38) };
  const y = (share: number) => plot.bottom - share * (plot.bottom - plot.top);
  const barW = Math.min(band * 0.62, 96);

  for (let t = 0; t <= 100; t += 20) {
    items.push(gridLine(plot.left, y(t / 100), plot.right, y(t / 100)));
    items.push(label(plot.left - 6, y(t / 100) + 4, `${t}%`, { anchor: 'end' }));
  }
  const marked = new Map((spec.marks ?? []).map((m) => [m.category, m.label]));
  categories.forEach((category, j) => {
    const total = normalise ? series.reduce((sum, s) => sum + s.values[j]!, 0) : 1;
    if (total <= 0) throw new Error(`category ${JSON.stringify(category)} has no positive value to take shares of`);
    const cx = plot.left + band * (j + 0.5);
    let acc = 0;
    series.forEach((s, i) => {
      const share = s.values[j]! / total;
      if (share === 0) return;
      const fill = colors[i]!;
      const top = y(acc + share);
      const h = y(acc) - top;
      items.push({ kind: 'rect', x: cx - barW / 2, y: top, w: barW, h, fill, tip: `${s.name}, ${category}: ${pct(share, 1)}` });
      // A label goes inside a segment only where it fits: ≥ 6% of the height, and the bar's
      // width (with one decimal if that fits, else rounded to a whole percent).
      const text = [pct(share, 1), pct(share, 0)].find((l) => textWidth(l, 10) <= barW - 4);
      if (share >= 0.06 && text) items.push(label(cx, top + h / 2 + 3.5, text, { anchor: 'middle', size: 10, fill: inkOn(fill) }));
      acc += share;
    });
    const ly = plot.bottom + TICK_BELOW;
    const bold = marked.has(j);
    items.push(
      slant
        ? label(cx, ly, names[j]!, { anchor: 'end', rotate: -30, tip: category, bold })
        : label(cx, ly, names[j]!, { anchor: 'middle', tip: category, bold }),
    );
    const mark = marked.get(j);
    if (mark) items.push(label(cx, Math.min(y(acc), plot.top) - 5, mark, { anchor: 'middle', size: 10, bold: true }));
  });
  items.push(axes(plot));
  items.push(yAxisLabel(spec.yLabel ?? 'share', plot));
  // Legend from top to bottom in the order the segments stack from top to bottom.
  items.push(...legend.draw(series.map((s, i) => ({ name: s.name, swatch: { kind: 'rect' as const, color: colors[i]! } })).reverse()));
  return { kind: 'stacked-shares', title: spec.title, items: [...titleItems(spec.title), ...items] };
}

export interface LineSpec {
  title: string;
  xLabel: string;
  yLabel: string;
  logX?: boolean;
  logY?: boolean;
  series: Array<{ name: string; points: Array<[number, number]>; color?: string; dash?: string }>;
  /** Vertical lines with a label: where something happens (dashed), or a point that was asked about (solid). */
  markers?: Array<{ x: number; label: string; asked?: boolean }>;
}

export function lineScene(spec: LineSpec): Scene {
  const markers = spec.markers ?? [];
  const xs = [...spec.series.flatMap((s) => s.points.map((p) => p[0])), ...markers.map((m) => m.x)];
  const ys = spec.series.flatMap((s) => s.points.map((p) => p[1]));
  if (ys.length === 0) throw new Error(`chart ${JSON.stringify(spec.title)} has no points`);
  const legend = legendBox(spec.series.map((s) => s.name));
  const plot = { left: LEFT, right: legend.x - 16, top: TOP, bottom: H - 46 };
  const sx = scale(xs, spec.logX ?? false, plot.left, plot.right, 'x');
  const sy = scale(ys, spec.logY ?? false, plot.bottom, plot.top, 'y');

  const items: Item[] = [];
  for (const t of sx.ticks) {
    items.push(gridLine(sx.at(t), plot.top, sx.at(t), plot.bottom));
    items.push(label(sx.at(t), plot.bottom + TICK_BELOW, si(t), { anchor: 'middle' }));
  }
  for (const t of sy.ticks) {
    items.push(gridLine(plot.left, sy.at(t), plot.right, sy.at(t)));
    items.push(label(plot.left - 6, sy.at(t) + 4, si(t), { anchor: 'end' }));
  }
  const styles = spec.series.map((s, i) => ({ color: s.color ?? seriesStyle(i).color, dash: s.dash ?? (s.color ? '' : seriesStyle(i).dash) }));
  spec.series.forEach((s, i) => {
    const { color, dash } = styles[i]!;
    const pts = [...s.points].sort((a, b) => a[0] - b[0]);
    items.push({ kind: 'path', points: pts.map(([x, y]) => [sx.at(x), sy.at(y)]), stroke: color, width: 2, ...(dash ? { dash } : {}), tip: s.name });
    // Dots show where the data are when there are few enough of them to tell apart.
    if (pts.length <= 30) for (const [x, y] of pts) items.push({ kind: 'dot', x: sx.at(x), y: sy.at(y), r: 2.5, fill: color, tip: `${s.name}: (${si(x)}, ${si(y)})` });
  });
  for (const m of markers) {
    const x = sx.at(m.x);
    items.push({ kind: 'line', x1: x, y1: plot.top, x2: x, y2: plot.bottom, stroke: m.asked ? '#000' : '#444', width: m.asked ? 1.4 : 1.2, ...(m.asked ? {} : { dash: '5 4' }) });
  }
  items.push(axes(plot));
  items.push(label((plot.left + plot.right) / 2, H - 10, spec.xLabel, { anchor: 'middle' }));
  items.push(yAxisLabel(spec.yLabel, plot));
  items.push(...legend.draw(spec.series.map((s, i) => ({ name: s.name, swatch: { kind: 'line' as const, color: styles[i]!.color, dash: styles[i]!.dash } }))));
  const all: Item[] = [...titleItems(spec.title), ...items];
  // Marker labels last, each where it overlaps nothing already placed: the asked points first,
  // then the rest from left to right. A white halo keeps them legible over the lines.
  const order = markers.map((m, k) => ({ m, k })).sort((a, b) => Number(!!b.m.asked) - Number(!!a.m.asked) || a.m.x - b.m.x);
  for (const { m } of order) all.push(placeLabel(all, sx.at(m.x), m.label, plot, m.asked ?? false));
  return { kind: 'line', title: spec.title, items: all };
}

/**
 * A label beside the vertical line at x: the first of the rows from the top of the plot down,
 * right of the line and then left of it, whose box (with a margin) overlaps no label placed so far
 * and stays inside the plot.
 */
function placeLabel(placed: Item[], x: number, text: string, plot: Plot, bold: boolean): Label {
  const boxes = placed.filter((i): i is Label => i.kind === 'text').map((l) => labelBox(l, 1.5));
  const w = textWidth(text, FONT);
  const candidates: Label[] = [];
  for (let y = plot.top + 12; y <= plot.bottom - 4; y += 13)
    for (const anchor of ['start', 'end'] as const) {
      const lx = anchor === 'start' ? x + 4 : x - 4;
      if (anchor === 'start' ? lx + w > plot.right : lx - w < plot.left) continue;
      candidates.push(label(lx, y, text, { anchor, halo: true, bold }));
    }
  const free = candidates.find((c) => !boxes.some((b) => polygonsOverlap(labelBox(c, 1.5), b)));
  // No free place (a crowded chart): the first candidate, which the overlap tests will report.
  return free ?? candidates[0] ?? label(x + 4, plot.top + 12, text, { anchor: 'start', halo: true, bold });
}

/** Compact SI form for tick labels: 1k, 2.5M, 10G, 1T; small numbers as plain decimals. */
export function si(v: number): string {
  if (v === 0) return '0';
  const prefixes = ['', 'k', 'M', 'G', 'T', 'P', 'E'];
  let group = Math.min(prefixes.length - 1, Math.max(0, Math.floor(Math.log10(Math.abs(v)) / 3 + 1e-9)));
  let mant = Number((v / 10 ** (3 * group)).toPrecision(3));
  if (Math.abs(mant) >= 1000 && group < prefixes.length - 1) {
    group++; // 999.9k rounds to 1000k: say 1M
    mant = Number((mant / 1000).toPrecision(3));
  }
  return `${mant}${prefixes[group]}`;
}

interface Plot {
  left: number;
  right: number;
  top: number;
  bottom: number;
}

interface Scale {
  at(v: number): number;
  ticks: number[];
}

/**
 * A linear or base-10 log scale over the data's range, widened to whole tick steps: powers of
 * ten on a log axis (every k-th one if there are many decades), 1/2/5×10ⁿ steps on a linear one.
 */
function scale(values: number[], log: boolean, from: number, to: number, axis: string): Scale {
  for (const v of values) {
    if (!Number.isFinite(v)) throw new Error(`${axis} value ${v} is not finite`);
    if (log && v <= 0) throw new Error(`${axis} value ${v} cannot go on a log axis`);
  }
  const f = log ? Math.log10 : (v: number) => v;
  let lo = Math.min(...values.map(f));
  let hi = Math.max(...values.map(f));
  let ticks: number[];
  if (log) {
    lo = Math.floor(lo + 1e-9);
    hi = Math.ceil(hi - 1e-9);
    if (lo === hi) hi++;
    const step = Math.ceil((hi - lo) / 8);
    hi = lo + step * Math.ceil((hi - lo) / step);
    ticks = range(lo, hi, step).map((e) => 10 ** e);
  } else {
    if (lo === hi) [lo, hi] = [lo - (Math.abs(lo) || 1), hi + (Math.abs(hi) || 1)];
    const step = niceStep((hi - lo) / 5);
    lo = Math.floor(lo / step + 1e-9) * step;
    hi = Math.ceil(hi / step - 1e-9) * step;
    ticks = range(lo / step, hi / step, 1).map((k) => Number((k * step).toPrecision(12)));
  }
  return { at: (v) => from + ((f(v) - lo) / (hi - lo)) * (to - from), ticks };
}

/** The smallest of 1, 2, 5 × 10ⁿ that is at least `raw`. */
function niceStep(raw: number): number {
  const p = 10 ** Math.floor(Math.log10(raw));
  return [1, 2, 5, 10].map((m) => m * p).find((s) => s >= raw * (1 - 1e-9))!;
}

function range(from: number, to: number, step: number): number[] {
  const out: number[] = [];
  for (let v = Math.round(from); v <= Math.round(to); v += step) out.push(v);
  return out;
}

type Swatch = { kind: 'rect'; color: string } | { kind: 'line'; color: string; dash: string };

/** A legend column at the right edge, as wide as its longest name (clipped to 24 characters). */
function legendBox(names: string[]): { x: number; draw(entries: Array<{ name: string; swatch: Swatch }>): Item[] } {
  const width = Math.max(80, 26 + Math.max(0, ...names.map((s) => textWidth(clip(s, 24), FONT))));
  const x = W - width - 8;
  return {
    x,
    draw: (entries) =>
      entries.flatMap((e, k): Item[] => {
        const y = TOP + 6 + 18 * k;
        const swatch: Item =
          e.swatch.kind === 'rect'
            ? { kind: 'rect', x, y: y - 6, w: 14, h: 12, fill: e.swatch.color }
            : { kind: 'line', x1: x, y1: y, x2: x + 16, y2: y, stroke: e.swatch.color, width: 2.5, ...(e.swatch.dash ? { dash: e.swatch.dash } : {}) };
        return [swatch, label(x + 22, y + 4, clip(e.name, 24), { tip: e.name })];
      }),
  };
}

function titleItems(title: string): Item[] {
  return [label(W / 2, 24, clip(title, 70), { anchor: 'middle', size: 15, bold: true, tip: title })];
}

function axes(p: Plot): Item {
  return { kind: 'path', points: [[p.left, p.top], [p.left, p.bottom], [p.right, p.bottom]], stroke: '#333', width: 1 };
}

function gridLine(x1: number, y1: number, x2: number, y2: number): Item {
  return { kind: 'line', x1, y1, x2, y2, stroke: '#e3e3e3', width: 1 };
}

function yAxisLabel(text: string, p: Plot): Label {
  return label(14, (p.top + p.bottom) / 2, text, { anchor: 'middle', rotate: -90 });
}

function label(
  x: number,
  y: number,
  text: string,
  o: { anchor?: Anchor; size?: number; fill?: string; rotate?: number; tip?: string; halo?: boolean; bold?: boolean } = {},
): Label {
  return {
    kind: 'text',
    x,
    y,
    text,
    anchor: o.anchor ?? 'start',
    size: o.size ?? FONT,
    ...(o.fill ? { fill: o.fill } : {}),
    ...(o.bold ? { bold: true } : {}),
    ...(o.rotate ? { rotate: o.rotate } : {}),
    ...(o.halo ? { halo: true } : {}),
    ...(o.tip && o.tip !== text ? { tip: o.tip } : {}),
  };
}

function clip(s: string, max: number): string {
  return [...s].length > max ? `${[...s].slice(0, max - 1).join('')}…` : s;
}

const pct = (share: number, places: number) => `${(share * 100).toFixed(places)}%`;
