// A small document model that formula sheets and write-ups are built in. Each output format
// (HTML with KaTeX, Markdown, LaTeX) is a printer over it, so the content is written once.

import type { Scene } from '../chart/scene.js';

/** Inline content: text, inline math (LaTeX source), code, or emphasis. */
export type Inline =
  | { kind: 'text'; text: string }
  | { kind: 'math'; latex: string }
  | { kind: 'code'; text: string }
  | { kind: 'strong'; text: string };

export type Align = 'left' | 'right';

export type Block =
  /** `content`, when set, is the heading typeset (its formulas as math); `text` is its plain form (ids, Markdown). */
  | { kind: 'heading'; level: 1 | 2 | 3; text: string; id?: string; content?: Inline[] }
  | { kind: 'paragraph'; content: Inline[] }
  /** Display math; several lines are aligned at '&' like LaTeX's align* (rows split by \\). */
  | { kind: 'math'; latex: string }
  | { kind: 'list'; items: Inline[][] }
  | { kind: 'table'; columns: Array<{ header: Inline[]; align?: Align }>; rows: Inline[][][]; caption?: string }
  /** A chart, as a scene every format draws (SVG, TikZ); `name` is a file-name stem for formats that write it beside. */
  | { kind: 'figure'; name: string; chart: Scene; caption: string };

export interface Doc {
  title: string;
  subtitle?: string;
  blocks: Block[];
  /** The symbols its formulas use, with their LaTeX: formulas inside sentences are read with them (src/doc/prose-math.ts). */
  symbols?: Array<{ name: string; latex: string }>;
}

// Helpers to write documents tersely.
export const text = (t: string): Inline => ({ kind: 'text', text: t });
export const math = (latex: string): Inline => ({ kind: 'math', latex });
export const code = (t: string): Inline => ({ kind: 'code', text: t });
export const strong = (t: string): Inline => ({ kind: 'strong', text: t });
export const para = (...content: Inline[]): Block => ({ kind: 'paragraph', content });
export const heading = (level: 1 | 2 | 3, t: string, id?: string): Block => ({ kind: 'heading', level, text: t, ...(id ? { id } : {}) });
export const displayMath = (latex: string): Block => ({ kind: 'math', latex });

/** The result of printing a document: the main file and any files written beside it (charts). */
export interface Printed {
  main: string;
  beside: Array<{ name: string; content: string }>;
}
