// Charts as self-contained SVG strings: no script, no external font (generic sans-serif), a
// <title> for screen readers and tooltips on every mark. The picture is a scene laid out by
// src/chart/layout.ts in a 640×360 view box; the SVG scales to its container.

import { lineScene, sharesScene, type LineSpec, type SharesSpec } from './layout.js';
import { FONT, H, W, type Item, type Scene } from './scene.js';

export { si } from './layout.js';

/** Stacked shares as SVG (the scene of src/chart/layout.ts's sharesScene). */
export const stackedShares = (spec: SharesSpec): string => svgOf(sharesScene(spec));

/** Lines as SVG (the scene of src/chart/layout.ts's lineScene). */
export const lineChart = (spec: LineSpec): string => svgOf(lineScene(spec));

export function svgOf(scene: Scene): string {
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" class="lmledger-chart" data-chart="${scene.kind}" role="img" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" font-family="sans-serif" font-size="${FONT}" fill="#222">`,
    `<title>${esc(scene.title)}</title>`,
    `<rect width="${W}" height="${H}" fill="#fff"/>`,
    ...scene.items.map(item),
    '</svg>',
  ].join('\n');
}

function item(i: Item): string {
  const tip = (t?: string) => (t ? `<title>${esc(t)}</title>` : '');
  const dash = (d?: string) => (d ? ` stroke-dasharray="${d}"` : '');
  switch (i.kind) {
    case 'rect':
      return i.tip
        ? `<rect x="${n(i.x)}" y="${n(i.y)}" width="${n(i.w)}" height="${n(i.h)}" fill="${i.fill}">${tip(i.tip)}</rect>`
        : `<rect x="${n(i.x)}" y="${n(i.y)}" width="${n(i.w)}" height="${n(i.h)}" fill="${i.fill}"/>`;
    case 'line':
      return `<line x1="${n(i.x1)}" y1="${n(i.y1)}" x2="${n(i.x2)}" y2="${n(i.y2)}" stroke="${i.stroke}" stroke-width="${i.width}"${dash(i.dash)}/>`;
    case 'path': {
      const points = i.points.map(([x, y]) => `${n(x)},${n(y)}`).join(' ');
      const attrs = `points="${points}" fill="none" stroke="${i.stroke}" stroke-width="${i.width}" stroke-linejoin="round"${dash(i.dash)}`;
      return i.tip ? `<polyline ${attrs}>${tip(i.tip)}</polyline>` : `<polyline ${attrs}/>`;
    }
    case 'dot':
      return `<circle cx="${n(i.x)}" cy="${n(i.y)}" r="${i.r}" fill="${i.fill}">${tip(i.tip)}</circle>`;
    case 'text': {
      const attrs = [
        `x="${n(i.x)}"`,
        `y="${n(i.y)}"`,
        i.anchor !== 'start' ? `text-anchor="${i.anchor}"` : '',
        i.size !== FONT ? `font-size="${i.size}"` : '',
        i.bold ? 'font-weight="bold"' : '',
        i.fill ? `fill="${i.fill}"` : '',
        i.rotate ? `transform="rotate(${i.rotate} ${n(i.x)} ${n(i.y)})"` : '',
        i.halo ? 'stroke="#fff" stroke-width="3" paint-order="stroke"' : '',
      ].filter(Boolean);
      return `<text ${attrs.join(' ')}>${tip(i.tip)}${esc(i.text)}</text>`;
    }
  }
}

/** Coordinates to one decimal: plenty at this size, and short. */
const n = (v: number) => Number(v.toFixed(1));

function esc(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
