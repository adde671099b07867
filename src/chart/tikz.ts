// Charts as TikZ pictures for the LaTeX documents: the same scene as the SVG (src/chart/scene.ts),
// drawn in the same 640×360 view coordinates (y down, by a negative y unit), 16 cm wide so it fits
// the text width. Labels keep their anchors and places; only the font is TeX's sans serif, a
// little narrower than the SVG's estimate, so boxes that do not overlap there do not here.

import { H, W, type Item, type Scene } from './scene.js';

/** cm per view unit: 640 units = 16 cm. */
const UNIT_CM = 16 / W;
const PT_PER_UNIT = (UNIT_CM / 2.54) * 72.27;
// Sizes the Computer Modern sans serif fonts come in (ot1cmss.fd), so none is substituted.
const FONT_SIZES = [5, 6, 7, 8, 9, 10, 10.95, 12, 14.4];

/** `escape` turns a label's text into LaTeX text (src/doc/latex.ts's textTex). */
export function tikzOf(scene: Scene, escape: (text: string) => string): string {
  return [
    `\\begin{tikzpicture}[x=${UNIT_CM.toFixed(4)}cm, y=-${UNIT_CM.toFixed(4)}cm, inner sep=0pt, outer sep=0pt]`,
    `\\useasboundingbox (0,0) rectangle (${W},${H});`,
    ...scene.items.map((i) => item(i, escape)),
    '\\end{tikzpicture}',
  ].join('\n');
}

function item(i: Item, escape: (text: string) => string): string {
  switch (i.kind) {
    case 'rect':
      return `\\fill[${color(i.fill)}] (${n(i.x)},${n(i.y)}) rectangle (${n(i.x + i.w)},${n(i.y + i.h)});`;
    case 'line':
      return `\\draw[${stroke(i.stroke, i.width, i.dash)}] (${n(i.x1)},${n(i.y1)}) -- (${n(i.x2)},${n(i.y2)});`;
    case 'path':
      return `\\draw[${stroke(i.stroke, i.width, i.dash)}, line join=round] ${i.points.map(([x, y]) => `(${n(x)},${n(y)})`).join(' -- ')};`;
    case 'dot':
      return `\\fill[${color(i.fill)}] (${n(i.x)},${n(i.y)}) circle[radius=${i.r}];`;
    case 'text': {
      const anchor = { start: 'base west', middle: 'base', end: 'base east' }[i.anchor];
      const pt = FONT_SIZES.reduce((best, s) => (Math.abs(s - i.size * PT_PER_UNIT) < Math.abs(best - i.size * PT_PER_UNIT) ? s : best));
      const font = `\\fontsize{${pt}}{${(pt * 1.2).toFixed(1)}}\\selectfont\\sffamily${i.bold ? '\\bfseries' : ''}`;
      const opts = [
        `anchor=${anchor}`,
        `font=${font}`,
        `text=${colorValue(i.fill ?? '#222222')}`,
        // SVG turns clockwise on screen; TikZ counter-clockwise.
        ...(i.rotate ? [`rotate=${-i.rotate}`] : []),
        ...(i.halo ? ['fill=white', 'fill opacity=0.85', 'text opacity=1'] : []),
      ];
      return `\\node[${opts.join(', ')}] at (${n(i.x)},${n(i.y)}) {${escape(i.text)}};`;
    }
  }
}

function stroke(c: string, width: number, dash?: string): string {
  const parts = [`draw=${colorValue(c)}`, `line width=${(width * PT_PER_UNIT).toFixed(2)}pt`];
  if (dash) {
    const lengths = dash.split(/\s+/).map((d) => `${(Number(d) * PT_PER_UNIT).toFixed(2)}pt`);
    parts.push(`dash pattern=${lengths.map((l, k) => `${k % 2 === 0 ? 'on' : 'off'} ${l}`).join(' ')}`);
  }
  return parts.join(', ');
}

const color = (c: string) => `fill=${colorValue(c)}`;

/** #rgb or #rrggbb as xcolor's inline {rgb,255:…}. */
function colorValue(c: string): string {
  const hex = c.length === 4 ? [...c.slice(1)].map((d) => d + d).join('') : c.slice(1);
  const [r, g, b] = [0, 2, 4].map((k) => parseInt(hex.slice(k, k + 2), 16));
  return `{rgb,255:red,${r};green,${g};blue,${b}}`;
}

/** Coordinates to one decimal of a view unit (0.025 mm): plenty. */
const n = (v: number) => Number(v.toFixed(1));
