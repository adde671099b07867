// HTML printer: one self-contained file that opens offline. Math is rendered to HTML by KaTeX
// at print time, and KaTeX's stylesheet is inlined with its woff2 fonts as data: URIs, so the
// page needs no script, no network and no files beside it. A Content-Security-Policy keeps it
// that way: the browser refuses any resource that is not inline or a data: URI.

import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { svgOf } from '../chart/svg.js';
import { alignedMath } from './latex.js';
import { proseMath } from './prose-math.js';
import type { Block, Doc, Inline, Printed } from './model.js';

type Katex = typeof import('katex').default;

export async function printHtml(source: Doc): Promise<Printed> {
  const doc = proseMath(source);
  // Loaded here, not at the top: only HTML output pays for KaTeX's start-up. require(), not
  // import(): the CLI bundle runs as a script from V8's code cache (src/cli/bundle.ts), where
  // Node 20 gives import() no loader.
  const katex = createRequire(import.meta.url)('katex') as Katex;
  const ids = new Set<string>();
  const body = doc.blocks.map((b) => block(b, katex, ids)).join('\n');
  const subtitle = doc.subtitle ? `\n<p class="subtitle">${esc(doc.subtitle)}</p>` : '';
  const main = `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; font-src data:; img-src data:">
<title>${esc(doc.title)}</title>
<style>${katexCss()}</style>
<style>${STYLE}</style>
</head>
<body>
<main>
<header>
<h1>${esc(doc.title)}</h1>${subtitle}
</header>
${body}
</main>
</body>
</html>
`;
  return { main, beside: [] };
}

function block(b: Block, katex: Katex, ids: Set<string>): string {
  switch (b.kind) {
    case 'heading': {
      // The document title is the <h1>, so block headings sit one level below it.
      const tag = `h${b.level + 1}`;
      return `<${tag} id="${esc(uniqueId(b.id ?? slug(b.text), ids))}">${b.content ? inlines(b.content, katex) : esc(b.text)}</${tag}>`;
    }
    case 'paragraph':
      return `<p>${inlines(b.content, katex)}</p>`;
    case 'math':
      return `<div class="math-display">${tex(katex, alignedMath(b.latex), true)}</div>`;
    case 'list':
      return `<ul>\n${b.items.map((i) => `<li>${inlines(i, katex)}</li>`).join('\n')}\n</ul>`;
    case 'table': {
      const cls = (k: number) => (b.columns[k]?.align === 'right' ? ' class="num"' : '');
      const head = b.columns.map((c, k) => `<th scope="col"${cls(k)}>${inlines(c.header, katex)}</th>`).join('');
      const rows = b.rows.map((r) => `<tr>${r.map((cell, k) => `<td${cls(k)}>${inlines(cell, katex)}</td>`).join('')}</tr>`);
      const caption = b.caption ? `<caption>${esc(b.caption)}</caption>\n` : '';
      return `<div class="table-wrap"><table>\n${caption}<thead><tr>${head}</tr></thead>\n<tbody>\n${rows.join('\n')}\n</tbody>\n</table></div>`;
    }
    case 'figure':
      // The SVG is trusted output of src/chart; inline SVG needs no file and scales with the page.
      return `<figure id="${esc(uniqueId(`figure-${slug(b.name)}`, ids))}">\n${svgOf(b.chart)}\n<figcaption>${esc(b.caption)}</figcaption>\n</figure>`;
  }
}

function inlines(content: Inline[], katex: Katex): string {
  return content.map((i) => inline(i, katex)).join('');
}

function inline(i: Inline, katex: Katex): string {
  switch (i.kind) {
    case 'text':
      return esc(i.text);
    case 'math':
      return tex(katex, i.latex, false);
    case 'code':
      return `<code>${esc(i.text)}</code>`;
    case 'strong':
      return `<strong>${esc(i.text)}</strong>`;
  }
}

/**
 * KaTeX HTML for one formula. A formula KaTeX cannot parse is shown as its TeX source in <code>,
 * escaped, with a note saying so: the page stays whole and the reader still has the formula.
 */
function tex(katex: Katex, latex: string, displayMode: boolean): string {
  try {
    return katex.renderToString(latex, { displayMode, throwOnError: true, output: 'html' });
  } catch (e) {
    return unrendered(latex, e instanceof Error ? e.message : String(e));
  }
}

function unrendered(latex: string, why: string): string {
  const note = `(KaTeX could not render this formula, shown as TeX source: ${why.replace(/\s+/g, ' ')})`;
  return `<code class="tex-source">${esc(latex)}</code> <span class="tex-failed">${esc(note)}</span>`;
}

function esc(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** "Where the FLOPs go" -> "where-the-flops-go". */
function slug(s: string): string {
  const base = s
    .normalize('NFKD')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return base || 'section';
}

/** `id`, or `id-2`, `id-3`… when a heading or figure already took it. */
function uniqueId(id: string, taken: Set<string>): string {
  let out = id;
  for (let k = 2; taken.has(out); k++) out = `${id}-${k}`;
  taken.add(out);
  return out;
}

let cachedKatexCss: string | undefined;

/**
 * katex.min.css with every @font-face `src` list replaced by its woff2 font as a data: URI.
 * Every browser that renders KaTeX reads woff2; the woff/ttf alternatives would triple the size.
 */
export function katexCss(): string {
  if (cachedKatexCss !== undefined) return cachedKatexCss;
  const dist = join(dirname(createRequire(import.meta.url).resolve('katex/package.json')), 'dist');
  const css = readFileSync(join(dist, 'katex.min.css'), 'utf8').replace(/src:([^;}]*)/g, (_all, list: string) => {
    const woff2 = /url\((fonts\/[^)]+\.woff2)\)/.exec(list);
    if (!woff2) throw new Error(`katex.min.css: a font-face has no woff2 source: ${list}`);
    const data = readFileSync(join(dist, woff2[1]!)).toString('base64');
    return `src:url(data:font/woff2;base64,${data}) format("woff2")`;
  });
  if (/url\((?!data:)/.test(css)) throw new Error('katex.min.css: a url() is left that is not inlined');
  return (cachedKatexCss = css);
}

// System fonts, a readable measure, numeric columns right-aligned with tabular figures, and a
// print layout without the screen's scroll boxes.
const STYLE = `
:root { color: #1b1f24; background: #fff; }
body { margin: 0; font: 16px/1.55 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; }
main { max-width: 60rem; margin: 0 auto; padding: 2rem 1.25rem 4rem; }
header h1 { font-size: 2rem; line-height: 1.2; margin: 0 0 .3rem; }
.subtitle { color: #57606a; font-size: 1.1rem; margin: 0 0 1.5rem; }
h2 { font-size: 1.5rem; margin: 2.2rem 0 .6rem; padding-bottom: .2rem; border-bottom: 1px solid #d0d7de; }
h3 { font-size: 1.2rem; margin: 1.8rem 0 .5rem; }
h4 { font-size: 1rem; margin: 1.5rem 0 .4rem; }
code { font: .9em/1.4 ui-monospace, SFMono-Regular, Menlo, Consolas, "Liberation Mono", monospace; background: #f3f4f6; padding: .1em .3em; border-radius: 3px; }
.tex-failed { color: #9a3412; font-size: .85em; }
.math-display { margin: 1rem 0; overflow-x: auto; overflow-y: hidden; }
.table-wrap { overflow-x: auto; margin: 1rem 0; }
table { border-collapse: collapse; font-size: .95rem; }
caption { caption-side: top; text-align: left; font-weight: 600; padding-bottom: .4rem; }
th, td { padding: .3rem .75rem; text-align: left; vertical-align: baseline; border-bottom: 1px solid #e5e7eb; }
thead th { border-bottom: 2px solid #8c959f; }
.num { text-align: right; font-variant-numeric: tabular-nums; }
figure { margin: 1.5rem auto; text-align: center; }
figure svg { max-width: 100%; height: auto; }
figcaption { color: #57606a; font-size: .95rem; margin-top: .4rem; }
@page { margin: 1.8cm; }
@media print {
  body { font-size: 11pt; }
  main { max-width: none; padding: 0; }
  code { background: none; padding: 0; }
  .math-display, .table-wrap { overflow: visible; }
  h2, h3, h4 { break-after: avoid; }
  figure, .math-display, tr { break-inside: avoid; }
}
`;
