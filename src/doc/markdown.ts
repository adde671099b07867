// Markdown printer (GitHub-flavoured): math as $…$ and $$…$$ for GitHub's math rendering,
// pipe tables, and charts written beside the file as SVG and linked as images.

import { svgOf } from '../chart/svg.js';
import { alignedMath } from './latex.js';
import type { Block, Doc, Inline, Printed } from './model.js';

export function printMarkdown(doc: Doc, opts: { figureDir?: string } = {}): Printed {
  const dir = (opts.figureDir ?? 'figures').replace(/\/+$/, '');
  const beside: Printed['beside'] = [];
  const parts = [`# ${heading(doc.title)}`];
  if (doc.subtitle) parts.push(`*${escape(doc.subtitle)}*`);
  for (const b of doc.blocks) parts.push(block(b, dir, beside));
  return { main: `${parts.join('\n\n')}\n`, beside };
}

function block(b: Block, dir: string, beside: Printed['beside']): string {
  switch (b.kind) {
    case 'heading':
      // The document title is the top heading, so block headings sit one level below it.
      return `${'#'.repeat(b.level + 1)} ${heading(b.text)}`;
    case 'paragraph':
      return lineStart(inlines(b.content));
    case 'math':
      // A blank line would end the math block, so rows are kept on consecutive lines.
      return `$$\n${alignedMath(b.latex.trim()).replace(/\n\s*\n/g, '\n')}\n$$`;
    case 'list':
      return b.items.map((i) => `- ${lineStart(inlines(i))}`).join('\n');
    case 'table': {
      // GFM splits rows at | before anything else, so every | in a cell is escaped, math included.
      const row = (cells: Inline[][]) => `| ${cells.map((c) => inlines(c).replace(/\|/g, '\\|')).join(' | ')} |`;
      const rule = `|${b.columns.map((c) => (c.align === 'right' ? ' ---: ' : ' :--- ')).join('|')}|`;
      const table = [row(b.columns.map((c) => c.header)), rule, ...b.rows.map(row)].join('\n');
      return b.caption ? `**${escape(b.caption)}**\n\n${table}` : table;
    }
    case 'figure': {
      if (!/^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(b.name)) throw new Error(`figure name ${JSON.stringify(b.name)} is not a plain file-name stem`);
      const name = dir ? `${dir}/${b.name}.svg` : `${b.name}.svg`;
      if (beside.some((f) => f.name === name)) throw new Error(`two figures are named ${JSON.stringify(b.name)}`);
      beside.push({ name, content: svgOf(b.chart) });
      const url = encodeURI(name).replace(/\(/g, '%28').replace(/\)/g, '%29');
      return `![${escape(b.caption)}](${url})\n\n*${escape(b.caption)}*`;
    }
  }
}

function inlines(content: Inline[]): string {
  return content.map(inline).join('');
}

function inline(i: Inline): string {
  switch (i.kind) {
    case 'text':
      return escape(i.text);
    case 'math':
      // GitHub reads $…$ as math only with no space just inside the dollars.
      return `$${i.latex.trim().replace(/\s*\n\s*/g, ' ')}$`;
    case 'code':
      return codeSpan(i.text);
    case 'strong':
      return `**${escape(i.text)}**`;
  }
}

/**
 * Text with Markdown's inline syntax escaped: emphasis, code, links, HTML, math, strikethrough,
 * and & only where it would start an entity. Line breaks become spaces (a paragraph is one line).
 */
function escape(s: string): string {
  return s
    .replace(/\s*\n\s*/g, ' ')
    .replace(/[\\`*_[\]<$~]/g, '\\$&')
    .replace(/&(?=#?\w+;)/g, '\\&');
}

/** A heading's text; a # is escaped too, since trailing #s would close the heading. */
function heading(s: string): string {
  return escape(s).replace(/#/g, '\\#');
}

/** Escapes what would start another block at the start of a line: #, >, +, -, =, "1." */
function lineStart(s: string): string {
  return s
    .trimStart()
    .replace(/^([#>+=-])/, '\\$1')
    .replace(/^(\d+)([.)])/, '$1\\$2');
}

/** `code` with a fence longer than any run of backticks inside it. */
function codeSpan(s: string): string {
  const text = s.replace(/\s*\n\s*/g, ' ');
  const fence = '`'.repeat(Math.max(0, ...(text.match(/`+/g) ?? []).map((r) => r.length)) + 1);
  const pad = text.startsWith('`') || text.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${text}${pad}${fence}`;
}
