// Charts as self-contained SVG strings: no script, no external font (generic sans-serif), a
// <title> for screen readers and tooltips on every mark. Drawn for a 640×360 view box; the
// SVG scales to its container. Numbers here are floats used for drawing only.

const W = 640;
const H = 360;
const TOP = 46; // below the title
const LEFT = 62; // room for tick labels and the rotated y label
const FONT = 11;

// Okabe & Ito's palette, distinguishable with the common colour-vision deficiencies. Each
// colour comes with the text colour readable on it (for labels inside bar segments).
const PALETTE: Array<{ fill: string; ink: string }> = [
  { fill: '#0072B2', ink: '#fff' }, // blue
  { fill: '#E69F00', ink: '#000' }, // orange
  { fill: '#009E73', ink: '#fff' }, // bluish green
  { fill: '#D55E00', ink: '#fff' }, // vermillion
  { fill: '#CC79A7', ink: '#000' }, // reddish purple
  { fill: '#56B4E9', ink: '#000' }, // sky blue
  { fill: '#F0E442', ink: '#000' }, // yellow
  { fill: '#000000', ink: '#fff' }, // black
];
// Past eight series, lines repeat the colours with a dash pattern so no two look alike.
const DASHES = ['', '6 3', '2 3', '8 3 2 3'];

export function stackedShares(opts: {
  title: string;
  categories: string[];
  series: Array<{ name: string; values: number[] }>;
  yLabel?: string;
}): string {
  const { categories, series } = opts;
  for (const s of series) {
    if (s.values.length !== categories.length)
      throw new Error(`series ${JSON.stringify(s.name)} has ${s.values.length} values for ${categories.length} categories`);
    for (const v of s.values) if (!(Number.isFinite(v) && v >= 0)) throw new Error(`series ${JSON.stringify(s.name)}: ${v} is not a share (finite, ≥ 0)`);
  }
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

  const out: string[] = [];
  for (let t = 0; t <= 100; t += 20) {
    out.push(gridLine(plot.left, y(t / 100), plot.right, y(t / 100)));
    out.push(text(plot.left - 6, y(t / 100) + 4, `${t}%`, { anchor: 'end' }));
  }
  categories.forEach((category, j) => {
    const total = series.reduce((sum, s) => sum + s.values[j]!, 0);
    if (total <= 0) throw new Error(`category ${JSON.stringify(category)} has no positive value to take shares of`);
    const cx = plot.left + band * (j + 0.5);
    let acc = 0;
    series.forEach((s, i) => {
      const share = s.values[j]! / total;
      if (share === 0) return;
      const { fill, ink } = PALETTE[i % PALETTE.length]!;
      const top = y(acc + share);
      const h = y(acc) - top;
      const tip = `${s.name}, ${category}: ${pct(share, 1)}`;
      out.push(`<rect x="${n(cx - barW / 2)}" y="${n(top)}" width="${n(barW)}" height="${n(h)}" fill="${fill}"><title>${esc(tip)}</title></rect>`);
      // A label goes inside a segment only where it fits: ≥ 6% of the height, and the bar's
      // width (with one decimal if that fits, else rounded to a whole percent).
      const label = [pct(share, 1), pct(share, 0)].find((l) => textWidth(l, 10) <= barW - 4);
      if (share >= 0.06 && label) out.push(text(cx, top + h / 2 + 3.5, label, { anchor: 'middle', size: 10, fill: ink }));
      acc += share;
    });
    const ly = plot.bottom + 15;
    out.push(
      slant
        ? text(cx, ly, names[j]!, { anchor: 'end', transform: `rotate(-30 ${n(cx)} ${n(ly)})`, title: category })
        : text(cx, ly, names[j]!, { anchor: 'middle', title: category }),
    );
  });
  out.push(axes(plot));
  out.push(yAxisLabel(opts.yLabel ?? 'share', plot));
  // Legend from top to bottom in the order the segments stack from top to bottom.
  const entries = series.map((s, i) => ({ name: s.name, swatch: swatchRect(PALETTE[i % PALETTE.length]!.fill) })).reverse();
  out.push(legend.draw(entries));
  return svg('stacked-shares', opts.title, out);
}

export function lineChart(opts: {
  title: string;
  xLabel: string;
  yLabel: string;
  logX?: boolean;
  logY?: boolean;
  series: Array<{ name: string; points: Array<[number, number]> }>;
  markers?: Array<{ x: number; label: string }>;
}): string {
  const markers = opts.markers ?? [];
  const xs = [...opts.series.flatMap((s) => s.points.map((p) => p[0])), ...markers.map((m) => m.x)];
  const ys = opts.series.flatMap((s) => s.points.map((p) => p[1]));
  if (ys.length === 0) throw new Error(`chart ${JSON.stringify(opts.title)} has no points`);
  const legend = legendBox(opts.series.map((s) => s.name));
  const plot = { left: LEFT, right: legend.x - 16, top: TOP, bottom: H - 46 };
  const sx = scale(xs, opts.logX ?? false, plot.left, plot.right, 'x');
  const sy = scale(ys, opts.logY ?? false, plot.bottom, plot.top, 'y');

  const out: string[] = [];
  for (const t of sx.ticks) {
    out.push(gridLine(sx.at(t), plot.top, sx.at(t), plot.bottom));
    out.push(text(sx.at(t), plot.bottom + 15, si(t), { anchor: 'middle' }));
  }
  for (const t of sy.ticks) {
    out.push(gridLine(plot.left, sy.at(t), plot.right, sy.at(t)));
    out.push(text(plot.left - 6, sy.at(t) + 4, si(t), { anchor: 'end' }));
  }
  const styles = opts.series.map((_, i) => ({ stroke: PALETTE[i % PALETTE.length]!.fill, dash: DASHES[Math.floor(i / PALETTE.length) % DASHES.length]! }));
  opts.series.forEach((s, i) => {
    const { stroke, dash } = styles[i]!;
    const pts = [...s.points].sort((a, b) => a[0] - b[0]);
    const coords = pts.map(([x, y]) => `${n(sx.at(x))},${n(sy.at(y))}`).join(' ');
    const dashAttr = dash ? ` stroke-dasharray="${dash}"` : '';
    out.push(`<polyline points="${coords}" fill="none" stroke="${stroke}" stroke-width="2" stroke-linejoin="round"${dashAttr}><title>${esc(s.name)}</title></polyline>`);
    // Dots show where the data are when there are few enough of them to tell apart.
    if (pts.length <= 30)
      for (const [x, y] of pts)
        out.push(`<circle cx="${n(sx.at(x))}" cy="${n(sy.at(y))}" r="2.5" fill="${stroke}"><title>${esc(`${s.name}: (${si(x)}, ${si(y)})`)}</title></circle>`);
  });
  markers.forEach((m, k) => {
    const x = sx.at(m.x);
    out.push(`<line x1="${n(x)}" y1="${plot.top}" x2="${n(x)}" y2="${plot.bottom}" stroke="#444" stroke-width="1.2" stroke-dasharray="5 4"/>`);
    // Labels are staggered down so neighbouring markers do not overprint, and flip to the
    // left of their line near the right edge. A white halo keeps them legible over lines.
    const left = x > plot.right - textWidth(m.label, FONT) - 8;
    out.push(text(left ? x - 4 : x + 4, plot.top + 12 + 14 * k, m.label, { anchor: left ? 'end' : 'start', halo: true }));
  });
  out.push(axes(plot));
  out.push(text((plot.left + plot.right) / 2, H - 10, opts.xLabel, { anchor: 'middle' }));
  out.push(yAxisLabel(opts.yLabel, plot));
  out.push(legend.draw(opts.series.map((s, i) => ({ name: s.name, swatch: swatchLine(styles[i]!.stroke, styles[i]!.dash) }))));
  return svg('line', opts.title, out);
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

/** A legend column at the right edge, as wide as its longest name (clipped to 24 characters). */
function legendBox(names: string[]): { x: number; draw(entries: Array<{ name: string; swatch: string }>): string } {
  const width = Math.max(80, 26 + Math.max(0, ...names.map((s) => textWidth(clip(s, 24), FONT))));
  const x = W - width - 8;
  return {
    x,
    draw: (entries) =>
      entries
        .map((e, k) => {
          const y = TOP + 6 + 18 * k;
          return `<g transform="translate(${n(x)} ${y})">${e.swatch}${text(22, 4, clip(e.name, 24), { title: e.name })}</g>`;
        })
        .join(''),
  };
}

const swatchRect = (fill: string) => `<rect x="0" y="-6" width="14" height="12" fill="${fill}"/>`;
const swatchLine = (stroke: string, dash: string) =>
  `<line x1="0" y1="0" x2="16" y2="0" stroke="${stroke}" stroke-width="2.5"${dash ? ` stroke-dasharray="${dash}"` : ''}/>`;

function axes(p: Plot): string {
  return `<path d="M${p.left} ${n(p.top)}V${n(p.bottom)}H${n(p.right)}" fill="none" stroke="#333" stroke-width="1"/>`;
}

function gridLine(x1: number, y1: number, x2: number, y2: number): string {
  return `<line x1="${n(x1)}" y1="${n(y1)}" x2="${n(x2)}" y2="${n(y2)}" stroke="#e3e3e3" stroke-width="1"/>`;
}

function yAxisLabel(label: string, p: Plot): string {
  const cy = (p.top + p.bottom) / 2;
  return text(14, cy, label, { anchor: 'middle', transform: `rotate(-90 14 ${n(cy)})` });
}

function text(
  x: number,
  y: number,
  s: string,
  o: { anchor?: 'start' | 'middle' | 'end'; size?: number; fill?: string; transform?: string; title?: string; halo?: boolean } = {},
): string {
  const attrs = [
    `x="${n(x)}"`,
    `y="${n(y)}"`,
    o.anchor && o.anchor !== 'start' ? `text-anchor="${o.anchor}"` : '',
    o.size ? `font-size="${o.size}"` : '',
    o.fill ? `fill="${o.fill}"` : '',
    o.transform ? `transform="${o.transform}"` : '',
    o.halo ? 'stroke="#fff" stroke-width="3" paint-order="stroke"' : '',
  ].filter(Boolean);
  const title = o.title && o.title !== s ? `<title>${esc(o.title)}</title>` : '';
  return `<text ${attrs.join(' ')}>${title}${esc(s)}</text>`;
}

function svg(kind: string, title: string, body: string[]): string {
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" class="lmledger-chart" data-chart="${kind}" role="img" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" font-family="sans-serif" font-size="${FONT}" fill="#222">`,
    `<title>${esc(title)}</title>`,
    `<rect width="${W}" height="${H}" fill="#fff"/>`,
    `<text x="${W / 2}" y="24" text-anchor="middle" font-size="15" font-weight="bold">${esc(title)}</text>`,
    ...body,
    '</svg>',
  ].join('\n');
}

/** Approximate rendered width of sans-serif text (no font metrics without a browser). */
function textWidth(s: string, size: number): number {
  return [...s].length * size * 0.6;
}

function clip(s: string, max: number): string {
  return [...s].length > max ? `${[...s].slice(0, max - 1).join('')}…` : s;
}

const pct = (share: number, places: number) => `${(share * 100).toFixed(places)}%`;

/** Coordinates to one decimal: plenty at this size, and short. */
const n = (v: number) => Number(v.toFixed(1));

function esc(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
