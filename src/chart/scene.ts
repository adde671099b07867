// A chart as pure data: every mark, line and label already placed in a 640×360 view (y down),
// so that each printer (SVG for HTML and Markdown, TikZ for LaTeX) draws the same picture and
// the placement of labels, decided once here, can be tested without a renderer. Numbers here
// are floats used for drawing only.

export const W = 640;
export const H = 360;
/** The default font size of a label, in view units. */
export const FONT = 11;

export type Anchor = 'start' | 'middle' | 'end';

export type Item =
  | { kind: 'rect'; x: number; y: number; w: number; h: number; fill: string; tip?: string }
  | { kind: 'line'; x1: number; y1: number; x2: number; y2: number; stroke: string; width: number; dash?: string }
  | { kind: 'path'; points: Array<[number, number]>; stroke: string; width: number; dash?: string; tip?: string }
  | { kind: 'dot'; x: number; y: number; r: number; fill: string; tip?: string }
  | Label;

export interface Label {
  kind: 'text';
  x: number;
  y: number;
  text: string;
  anchor: Anchor;
  size: number;
  fill?: string;
  bold?: boolean;
  /** Degrees, clockwise on screen (SVG's sense), about (x, y). */
  rotate?: number;
  /** A white outline behind the text, to keep it legible over lines. */
  halo?: boolean;
  /** The full text when `text` is clipped. */
  tip?: string;
}

export interface Scene {
  kind: 'stacked-shares' | 'line';
  title: string;
  /** Drawn in order: later items over earlier ones. */
  items: Item[];
}

/** Approximate rendered width of sans-serif text: 0.6 em a character (no font metrics without a browser). */
export function textWidth(s: string, size: number): number {
  return [...s].length * size * 0.6;
}

/** A label's box as a polygon (4 corners, in view units): ascent 0.8 em above the baseline, descent 0.25 em below. */
export function labelBox(l: Pick<Label, 'x' | 'y' | 'text' | 'size' | 'anchor' | 'rotate'>, pad = 0): Array<[number, number]> {
  const w = textWidth(l.text, l.size);
  const x0 = l.anchor === 'start' ? 0 : l.anchor === 'middle' ? -w / 2 : -w;
  const corners: Array<[number, number]> = [
    [x0 - pad, -0.8 * l.size - pad],
    [x0 + w + pad, -0.8 * l.size - pad],
    [x0 + w + pad, 0.25 * l.size + pad],
    [x0 - pad, 0.25 * l.size + pad],
  ];
  const a = ((l.rotate ?? 0) * Math.PI) / 180;
  const [c, s] = [Math.cos(a), Math.sin(a)];
  return corners.map(([x, y]) => [l.x + x * c - y * s, l.y + x * s + y * c]);
}

/** Whether two convex polygons overlap (separating axis theorem); touching edges do not count. */
export function polygonsOverlap(p: Array<[number, number]>, q: Array<[number, number]>): boolean {
  for (const poly of [p, q])
    for (let i = 0; i < poly.length; i++) {
      const [x1, y1] = poly[i]!;
      const [x2, y2] = poly[(i + 1) % poly.length]!;
      const [nx, ny] = [y1 - y2, x2 - x1];
      const project = (r: Array<[number, number]>) => r.map(([x, y]) => x * nx + y * ny);
      const [a, b] = [project(p), project(q)];
      if (Math.max(...a) <= Math.min(...b) + 1e-9 || Math.max(...b) <= Math.min(...a) + 1e-9) return false;
    }
  return true;
}

/** Every pair of labels of a scene whose boxes overlap, by their texts. */
export function overlappingLabels(scene: Scene): Array<[string, string]> {
  const labels = scene.items.filter((i): i is Label => i.kind === 'text');
  const boxes = labels.map((l) => labelBox(l));
  const out: Array<[string, string]> = [];
  for (let i = 0; i < labels.length; i++)
    for (let j = i + 1; j < labels.length; j++) if (polygonsOverlap(boxes[i]!, boxes[j]!)) out.push([labels[i]!.text, labels[j]!.text]);
  return out;
}
