// LaTeX printer: a standalone article for pdflatex. It needs only packages that Debian's
// texlive-latex-base ships (amsmath, geometry, longtable), and its output is pure ASCII:
// every non-ASCII character is mapped to a LaTeX command or to a visible code-point fallback,
// so no Unicode in the content can stop pdflatex ("Unicode character not set up").

import { tikzOf } from '../chart/tikz.js';
import type { Block, Doc, Inline, Printed } from './model.js';

/** True when display math has alignment points or line breaks (printed as align* / aligned). */
export function isMultilineMath(latex: string): boolean {
  return /(?<!\\)&|\\\\/.test(latex);
}

/** Display math for KaTeX / MathJax, which take one expression: rows go in an aligned block. */
export function alignedMath(latex: string): string {
  return isMultilineMath(latex) ? `\\begin{aligned}${latex}\\end{aligned}` : latex;
}

export function printLatex(doc: Doc): Printed {
  const head = [`{\\LARGE\\bfseries ${textTex(doc.title)}\\par}`];
  if (doc.subtitle) head.push(`\\medskip{\\large ${textTex(doc.subtitle)}\\par}`);
  const main = [
    PREAMBLE,
    '\\begin{document}',
    `\\begin{center}\n${head.join('\n')}\n\\end{center}`,
    ...doc.blocks.map(block),
    '\\end{document}',
    '',
  ].join('\n\n');
  return { main, beside: [] };
}

// Unnumbered sections and parskip paragraphs match the HTML and Markdown versions. Tables are
// longtables (they may run past a page) set a size smaller, so wide ledgers fit the text width.
// The list bullet is the math one: the default \textbullet comes from the TS1 font, which
// texlive-latex-base has only as METAFONT sources (bitmaps made at compile time).
const PREAMBLE = String.raw`\documentclass[11pt]{article}
\usepackage[margin=2.2cm]{geometry}
\usepackage{amsmath}
\usepackage{longtable}
\usepackage{array}
\usepackage{tikz}
\setlength{\parindent}{0pt}
\setlength{\parskip}{0.6em}
\setlength{\LTpre}{0.4em}
\setlength{\LTpost}{0.4em}
\renewcommand{\labelitemi}{\ensuremath{\bullet}}`;

// About how many characters of \small text fit on a line of the text width (A4, 2.2 cm margins).
const LINE_CHARS = 100;

/**
 * Column types for a table: natural widths (l, r) when the table fits the line; otherwise every
 * column becomes a wrapping p{} column (numbers stay right-aligned, headers wrap), each at least
 * as wide as its longest unbreakable piece, text columns sharing what is left.
 */
function columnSpec(b: Extract<Block, { kind: 'table' }>): string {
  // Rough widths in characters of \small text: math counts half its source length, typewriter
  // text (code) a fifth more than its length.
  const size = (i: Inline) => (i.kind === 'math' ? Math.ceil(i.latex.length * 0.5) : i.kind === 'code' ? Math.ceil(i.text.length * 1.2) : i.text.length);
  const width = (cells: Inline[]) => cells.reduce((n, i) => n + size(i), 0);
  const longestPiece = (cells: Inline[]) =>
    Math.max(0, ...cells.map((i) => (i.kind === 'text' || i.kind === 'strong' ? Math.max(0, ...i.text.split(/\s+/).map((w) => w.length)) : size(i))));
  const cols = b.columns.map((c, k) => {
    const body = Math.max(0, ...b.rows.map((r) => width(r[k] ?? [])));
    const piece = Math.max(longestPiece(c.header), ...b.rows.map((r) => longestPiece(r[k] ?? [])));
    return { right: c.align === 'right', natural: Math.max(body, width(c.header)) + 2, min: (c.align === 'right' ? Math.max(body, piece) : piece) + 2 };
  });
  if (cols.reduce((n, c) => n + c.natural, 0) <= LINE_CHARS) return cols.map((c) => (c.right ? 'r' : 'l')).join('');
  const fixed = cols.reduce((n, c) => n + c.min, 0);
  const stretch = cols.reduce((n, c) => n + (c.right ? 0 : c.natural - c.min), 0);
  const spare = Math.max(0, LINE_CHARS - fixed);
  return cols
    .map((c) => {
      const chars = c.right ? c.min : c.min + (stretch ? (spare * (c.natural - c.min)) / stretch : 0);
      const align = c.right ? '\\raggedleft' : '\\raggedright';
      return `>{${align}\\arraybackslash}p{\\dimexpr ${(chars / LINE_CHARS).toFixed(3)}\\linewidth-2\\tabcolsep\\relax}`;
    })
    .join('');
}

// The document title is the top level, so block headings sit one level below it.
const SECTION = { 1: 'section*', 2: 'subsection*', 3: 'subsubsection*' } as const;

function block(b: Block): string {
  switch (b.kind) {
    case 'heading':
      return `\\${SECTION[b.level]}{${textTex(b.text)}}`;
    case 'paragraph':
      return inlines(b.content);
    case 'math': {
      // Delimiters on their own lines, so a trailing % comment in the source cannot eat them.
      const body = mathTex(b.latex.trim());
      return isMultilineMath(b.latex) ? `\\begin{align*}\n${body}\n\\end{align*}` : `\\[\n${body}\n\\]`;
    }
    case 'list':
      return `\\begin{itemize}\n${b.items.map((i) => `\\item ${noOption(inlines(i))}`).join('\n')}\n\\end{itemize}`;
    case 'table': {
      const spec = columnSpec(b);
      const row = (cells: Inline[][]) => `${noOption(cells.map(inlines).join(' & '))} \\\\`;
      return [
        '\\begingroup\\small',
        `\\begin{longtable}{${spec}}`,
        ...(b.caption ? [`\\caption*{${textTex(b.caption)}}\\\\`] : []),
        '\\hline',
        row(b.columns.map((c) => c.header)),
        '\\hline',
        '\\endhead', // repeated at the top of every page the table spans
        ...b.rows.map(row),
        '\\hline',
        '\\end{longtable}',
        '\\endgroup',
      ].join('\n');
    }
    case 'figure':
      // The chart's scene drawn by TikZ: the same picture as the SVG of the other formats.
      return `\\begin{center}\n${tikzOf(b.chart, (t) => textTex(t))}\n\\par\\smallskip{\\small ${textTex(b.caption)}\\par}\n\\end{center}`;
  }
}

/** After \item or a row's \\, a leading [ would be read as an optional argument. */
function noOption(s: string): string {
  return s.startsWith('[') ? `{}${s}` : s;
}

function inlines(content: Inline[]): string {
  return content.map(inline).join('');
}

function inline(i: Inline): string {
  switch (i.kind) {
    case 'text':
      return textTex(i.text);
    case 'math':
      return `$${mathTex(i.latex)}$`;
    case 'code':
      return `\\texttt{${textTex(i.text, true)}}`;
    case 'strong':
      return `\\textbf{${textTex(i.text)}}`;
  }
}

// ASCII characters that LaTeX would read as markup. In text they become text commands; the
// OT1 text font would print <, >, | as other glyphs, hence \textless etc. In \texttt, the
// typewriter font has every ASCII glyph in its own slot, so \char prints the real character.
// None of these needs the TS1 font, which texlive-latex-base has only as bitmaps.
const TEXT_SPECIALS: Record<string, string> = {
  '\\': '\\textbackslash{}',
  '{': '\\{',
  '}': '\\}',
  '%': '\\%',
  $: '\\ensuremath{\\$}', // text \$ would take its glyph from a bitmap-only font (TS1)
  '&': '\\&',
  '#': '\\#',
  _: '\\_',
  '~': '\\textasciitilde{}',
  '^': '\\textasciicircum{}',
  '<': '\\textless{}',
  '>': '\\textgreater{}',
  '|': '\\textbar{}',
};

// Symbols as math commands: used as is in math, wrapped in \ensuremath in text.
const MATH_SYMBOLS: Record<string, string> = {
  '×': '\\times',
  '·': '\\cdot',
  '⋅': '\\cdot',
  '÷': '\\div',
  '±': '\\pm',
  '−': '-',
  '≠': '\\neq',
  '≈': '\\approx',
  '≤': '\\leq',
  '≥': '\\geq',
  '∼': '\\sim',
  '∝': '\\propto',
  '→': '\\rightarrow',
  '←': '\\leftarrow',
  '↔': '\\leftrightarrow',
  '⇒': '\\Rightarrow',
  '∞': '\\infty',
  '∈': '\\in',
  '∑': '\\sum',
  '∏': '\\prod',
  '√': '\\surd',
  '⊙': '\\odot',
  '⊗': '\\otimes',
  '°': '^{\\circ}',
  'µ': '\\mu',
};
// Greek letters (omicron has no command: it is o).
const GREEK = 'αβγδεζηθικλμνξοπρςστυφχψωΓΔΘΛΞΠΣΥΦΨΩ';
const GREEK_TEX = String.raw`\alpha \beta \gamma \delta \epsilon \zeta \eta \theta \iota \kappa \lambda \mu \nu \xi o \pi
  \rho \varsigma \sigma \tau \upsilon \phi \chi \psi \omega \Gamma \Delta \Theta \Lambda \Xi \Pi \Sigma \Upsilon \Phi \Psi
  \Omega`.split(/\s+/);
[...GREEK].forEach((c, k) => (MATH_SYMBOLS[c] = GREEK_TEX[k]!));

// Text-only punctuation.
const TEXT_SYMBOLS: Record<string, string> = {
  '—': '---',
  '–': '--',
  '‘': '`',
  '’': "'",
  '“': '``',
  '”': "''",
  '…': '\\ldots{}',
  '\u00a0': '~',
  '\u2009': '\\,',
  '\u202f': '\\,',
  '§': '\\ensuremath{\\S}', // vector glyph, unlike text \S (TS1)
  '•': '\\ensuremath{\\bullet}',
};

// Unicode super- and subscripts; a run of them (2³⁰) becomes one ^{30} / \textsuperscript{30}.
const SUPERSCRIPTS = '⁰¹²³⁴⁵⁶⁷⁸⁹⁺⁻⁼⁽⁾ⁿⁱᵀ';
const SUBSCRIPTS = '₀₁₂₃₄₅₆₇₈₉₊₋₌₍₎';
const PLAIN_SCRIPT = '0123456789+-=()niT';
const SCRIPT_RUN = new RegExp(`([${SUPERSCRIPTS}]+|[${SUBSCRIPTS}]+)`, 'gu');
const plainScript = (run: string) =>
  [...run].map((c) => PLAIN_SCRIPT[Math.max(SUPERSCRIPTS.indexOf(c), SUBSCRIPTS.indexOf(c))]).join('');

// Combining marks that NFD splits accented letters into, and LaTeX's accent for each.
const ACCENTS: Record<string, string> = {
  '\u0300': '\\`',
  '\u0301': "\\'",
  '\u0302': '\\^',
  '\u0303': '\\~',
  '\u0308': '\\"',
  '\u030a': '\\r',
  '\u030c': '\\v',
  '\u0327': '\\c',
};

/** Escapes text for LaTeX (in \texttt when `tt`); the result is ASCII. */
export function textTex(s: string, tt = false): string {
  // split() with a capturing group puts the script runs at the odd indices.
  return s
    .normalize('NFC')
    .split(SCRIPT_RUN)
    .map((part, k) => {
      if (k % 2 === 0) return [...part].map((c, i, all) => textChar(c, all[i + 1], tt)).join('');
      const cmd = SUPERSCRIPTS.includes(part[0]!) ? 'textsuperscript' : 'textsubscript';
      return `\\${cmd}{${plainScript(part)}}`;
    })
    .join('');
}

function textChar(c: string, next: string | undefined, tt: boolean): string {
  if (c in TEXT_SPECIALS) return tt ? `{\\char${c.charCodeAt(0)}}` : TEXT_SPECIALS[c]!;
  // "--" and "---" are dash ligatures in text; keep command-line flags like --seq-len as typed.
  if (c === '-') return next === '-' && !tt ? '-{}' : '-';
  if (c < ' ') return ' '; // newlines and control characters (pdflatex rejects the latter)
  if (c < '\x80') return c;
  if (c in TEXT_SYMBOLS) return TEXT_SYMBOLS[c]!;
  if (c in MATH_SYMBOLS) return `\\ensuremath{${MATH_SYMBOLS[c]}}`;
  // An accented Latin letter: é = e + U+0301 after NFD -> \'{e}.
  const [base, mark, ...rest] = [...c.normalize('NFD')];
  const accent = ACCENTS[mark ?? ''];
  if (accent && rest.length === 0 && /^[A-Za-z]$/.test(base!)) return `${accent}{${base}}`;
  return codePoint(c);
}

/**
 * Math source with its non-ASCII characters replaced: symbols by commands (a space after, so
 * `2×d` cannot become `\timesd`), script runs by ^{…}/_{…}, anything else as text.
 */
function mathTex(latex: string): string {
  return latex
    .normalize('NFC') // one character per symbol or accented letter, as textTex expects
    .replace(SCRIPT_RUN, (run) => `${SUPERSCRIPTS.includes(run[0]!) ? '^' : '_'}{${plainScript(run)}}`)
    .replace(/[^\x00-\x7f]/gu, (c) => (c in MATH_SYMBOLS ? `${MATH_SYMBOLS[c]} ` : `\\text{${textTex(c)}}`));
}

/** A character LaTeX has no glyph for, shown as its code point rather than breaking the build. */
function codePoint(c: string): string {
  return `\\texttt{[U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}]}`;
}
