// The SVG chart renderers: self-contained markup, normalised shares, axes, legends, markers.
import { describe, expect, it } from 'vitest';
import { lineScene, sharesScene } from '../../src/chart/layout.js';
import { overlappingLabels } from '../../src/chart/scene.js';
import { lineChart, si, stackedShares } from '../../src/chart/svg.js';
import { tikzOf } from '../../src/chart/tikz.js';

const shares = stackedShares({
  title: 'Shares <of> FLOPs',
  categories: ['small', 'x&y'],
  series: [
    { name: 'attention', values: [1, 30] },
    { name: 'ffn', values: [1, 65] },
    { name: 'head <lm>', values: [2, 5] },
  ],
});

const line = lineChart({
  title: 'FLOPs against T',
  xLabel: 'T',
  yLabel: 'FLOPs',
  logX: true,
  logY: true,
  series: [
    { name: 'attention', points: [[8192, 1.7e9], [128, 2.6e7], [1024, 2.1e8]] },
    { name: 'matmuls', points: [[128, 4.4e9], [8192, 4.4e9]] },
  ],
  markers: [{ x: 21_000, label: 'crossover' }],
});

/** Every attribute value and text of the markup, to check nothing refers outside it. */
function selfContained(svg: string): void {
  expect(svg).not.toMatch(/<(image|script|foreignObject|style|a)\b|href|url\(|@import|@font-face/i);
  expect(svg.replace('xmlns="http://www.w3.org/2000/svg"', '')).not.toMatch(/https?:/);
}

describe('stackedShares', () => {
  it('is a titled, self-contained SVG with the chart class and kind', () => {
    expect(shares).toMatch(/^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg" class="lmledger-chart" data-chart="stacked-shares" role="img" width="640" height="360" viewBox="0 0 640 360" font-family="sans-serif"/);
    expect(shares).toMatch(/^<svg[^>]*>\n<title>Shares &#60;of&#62; FLOPs<\/title>/);
    expect(shares.trimEnd().endsWith('</svg>')).toBe(true);
    selfContained(shares);
  });

  it('normalises each category to 100% and labels segments of 6% or more', () => {
    // small: 1, 1, 2 -> 25%, 25%, 50%; x&y: 30, 65, 5 -> the 5% segment gets no label.
    for (const p of ['25.0%', '50.0%', '30.0%', '65.0%']) expect(shares).toContain(`>${p}</text>`);
    expect(shares).not.toContain('>5.0%</text>');
    expect(shares).toContain('<title>head &#60;lm&#62;, x&#38;y: 5.0%</title>'); // still in the tooltip
    expect(shares.match(/<rect [^>]*><title>/g)).toHaveLength(6);
  });

  it('draws a 0–100% axis, category labels and a legend in stacking order', () => {
    for (const t of ['0%', '20%', '40%', '60%', '80%', '100%']) expect(shares).toContain(`>${t}</text>`);
    expect(shares).toContain('>x&#38;y</text>');
    // A legend entry is a 14×12 swatch followed by its name.
    const legend = [...shares.matchAll(/<rect [^>]*width="14" height="12"[^>]*\/>\n<text [^>]*>([^<]*)<\/text>/g)].map((m) => m[1]);
    expect(legend).toEqual(['head &#60;lm&#62;', 'ffn', 'attention']); // top segment first
  });

  it('slants category labels that do not fit under their bars', () => {
    const many = stackedShares({ title: 't', categories: Array.from({ length: 8 }, (_, k) => `a-long-model-name-${k}`), series: [{ name: 's', values: Array(8).fill(1) }] });
    expect(many).toContain('transform="rotate(-30');
    expect(shares).not.toContain('rotate(-30');
  });

  it('rejects values it cannot take shares of', () => {
    expect(() => stackedShares({ title: 't', categories: ['a', 'b'], series: [{ name: 's', values: [1] }] })).toThrow(/1 values for 2 categories/);
    expect(() => stackedShares({ title: 't', categories: ['a'], series: [{ name: 's', values: [-1] }] })).toThrow(/not a share/);
    expect(() => stackedShares({ title: 't', categories: ['a'], series: [{ name: 's', values: [NaN] }] })).toThrow(/not a share/);
    expect(() => stackedShares({ title: 't', categories: ['a'], series: [{ name: 's', values: [0] }] })).toThrow(/no positive value/);
  });
});

describe('lineChart', () => {
  it('is a titled, self-contained SVG with the chart class and kind', () => {
    expect(line).toMatch(/^<svg [^>]*class="lmledger-chart" data-chart="line"/);
    expect(line).toContain('<title>FLOPs against T</title>');
    selfContained(line);
  });

  it('draws one polyline per series, points sorted by x, in distinct colours', () => {
    const polylines = [...line.matchAll(/<polyline points="([^"]*)" fill="none" stroke="([^"]*)"[^>]*><title>/g)]; // series have a title; the axes do not
    expect(polylines).toHaveLength(2);
    expect(new Set(polylines.map((p) => p[2])).size).toBe(2);
    const xs = polylines[0]![1]!.split(' ').map((p) => Number(p.split(',')[0]));
    expect(xs).toEqual([...xs].sort((a, b) => a - b));
  });

  it('puts log ticks at powers of ten with compact SI labels', () => {
    for (const t of ['100', '1k', '10k', '100k', '10M', '100M', '1G', '10G']) expect(line).toContain(`>${t}</text>`);
  });

  it('draws markers as dashed vertical lines with their labels', () => {
    expect(line).toMatch(/<line [^>]*stroke-dasharray="5 4"\/>/);
    expect(line).toContain('>crossover</text>');
  });

  it('uses nice 1/2/5 steps on linear axes', () => {
    const lin = lineChart({ title: 't', xLabel: 'x', yLabel: 'y', series: [{ name: 's', points: [[0, 3], [10, 97]] }] });
    for (const t of ['0', '20', '40', '60', '80', '100']) expect(lin).toContain(`>${t}</text>`);
    expect(lin).toContain('>2</text>'); // x axis 0..10 in steps of 2
    const flat = lineChart({ title: 't', xLabel: 'x', yLabel: 'y', series: [{ name: 's', points: [[5, 5]] }] });
    expect(flat).toContain('<polyline');
  });

  it('keeps series apart past the eight palette colours with dash patterns', () => {
    const series = Array.from({ length: 9 }, (_, k) => ({ name: `s${k}`, points: [[1, k + 1]] as Array<[number, number]> }));
    const many = lineChart({ title: 't', xLabel: 'x', yLabel: 'y', series });
    expect(many.match(/<polyline [^>]*stroke-dasharray="6 3"/g)).toHaveLength(1);
  });

  it('rejects what it cannot draw', () => {
    const chart = (points: Array<[number, number]>, logY = false) => () => lineChart({ title: 't', xLabel: 'x', yLabel: 'y', logY, series: [{ name: 's', points }] });
    expect(chart([[1, 0]], true)).toThrow(/cannot go on a log axis/);
    expect(chart([[Infinity, 1]])).toThrow(/not finite/);
    expect(chart([])).toThrow(/has no points/);
  });
});

describe('si', () => {
  it('writes tick values compactly', () => {
    const cases: Array<[number, string]> = [[0, '0'], [0.5, '0.5'], [1, '1'], [250, '250'], [1000, '1k'], [2500, '2.5k'], [1e7, '10M'], [1e9, '1G'], [1e12, '1T'], [999_999, '1M'], [1e15, '1P'], [-2e6, '-2M']];
    for (const [v, s] of cases) expect(si(v), String(v)).toBe(s);
  });
});

describe('scenes', () => {
  it('draws shares as given when not normalised, so parts that do not cover the whole stop short', () => {
    const scene = sharesScene({ title: 't', categories: ['a'], normalise: false, series: [{ name: 'x', values: [0.25] }, { name: 'y', values: [0.25] }] });
    const bars = scene.items.filter((i) => i.kind === 'rect' && i.tip);
    expect(bars.map((b) => (b.kind === 'rect' ? b.tip : ''))).toEqual(['x, a: 25.0%', 'y, a: 25.0%']);
  });

  it('marks asked categories above their bars, in bold', () => {
    const scene = sharesScene({ title: 't', categories: ['a', 'b'], series: [{ name: 'x', values: [1, 1] }], marks: [{ category: 1, label: 'asked' }] });
    const asked = scene.items.filter((i) => i.kind === 'text' && i.text === 'asked');
    expect(asked).toHaveLength(1);
    expect(scene.items.find((i) => i.kind === 'text' && i.text === 'b')).toMatchObject({ bold: true });
  });

  it('places crowded marker labels so that none overlaps another', () => {
    const markers = [1000, 1100, 1200, 1300, 1400].map((x, k) => ({ x, label: `crossing number ${k}`, asked: k === 2 }));
    const scene = lineScene({ title: 't', xLabel: 'x', yLabel: 'y', logX: true, series: [{ name: 's', points: [[100, 1], [10_000, 2]] }], markers });
    expect(overlappingLabels(scene)).toEqual([]);
    const labels = scene.items.filter((i) => i.kind === 'text' && i.text.startsWith('crossing'));
    expect(labels).toHaveLength(5);
  });

  it('prints the same scene as TikZ: every label and mark, colours as xcolor rgb, y down by a negative unit', () => {
    const scene = lineScene({ title: 'T² & 100%', xLabel: 'x', yLabel: 'y', series: [{ name: 's', points: [[0, 1], [1, 2]], color: '#0072B2' }], markers: [{ x: 0.5, label: 'here', asked: true }] });
    const tex = tikzOf(scene, (t) => t.replace(/[&%]/g, (c) => `\\${c}`));
    expect(tex).toMatch(/^\\begin\{tikzpicture\}\[x=0\.0250cm, y=-0\.0250cm/);
    expect(tex).toContain('{T² \\& 100\\%}');
    expect(tex).toContain('draw={rgb,255:red,0;green,114;blue,178}');
    const texts = scene.items.filter((i) => i.kind === 'text').length;
    expect(tex.match(/\\node\[/g)).toHaveLength(texts);
    expect(tex).toMatch(/\\node\[anchor=base, [^\]]*rotate=90\] at \(14,/); // the y label, turned the other way round
  });
});
