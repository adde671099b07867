// LaTeX printer: a standalone article for pdflatex. It needs only packages that Debian's
// texlive-latex-base ships (amsmath, geometry, longtable), and its output is pure ASCII:
// every non-ASCII character is mapped to a LaTeX command or to a visible code-point fallback,
// so no Unicode in the content can stop pdflatex ("Unicode character not set up").

import { tikzOf } from '../chart/tikz.js';
import { proseMath } from './prose-math.js';
import type { Block, Doc, Inline, Printed } from './model.js';

/** True when display math has alignment points or line breaks (printed as align* / aligned). */
export function isMultilineMath(latex: string): boolean {
  return /(?<!\\)&|\\\\/.test(latex);
}

/** Display math for KaTeX / MathJax, which take one expression: rows go in an aligned block. */
export function alignedMath(latex: string): string {
  return isMultilineMath(latex) ? `\\begin{aligned}${latex}\\end{aligned}` : latex;
}

export function printLatex(source: Doc): Printed {
  const doc = proseMath(source);
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
\renewcommand{\labelitemi}{\ensuremath{\bullet}}
\setlength{\emergencystretch}{4em}
\tolerance=3000
\makeatletter
% Tables: column widths measured by TeX (see measuredColumns in src/doc/latex.ts).
\newdimen\lm@W \newdimen\lm@sum \newdimen\lm@min \newdimen\lm@avail \newdimen\lm@spare
\newcount\lm@stretch \newcount\lm@k \newcount\lm@n \newif\iflmtight
\newcommand\lm@get[2]{\csname lm@#1@\number#2\endcsname}
\newcommand\lm@set[3]{\expandafter\xdef\csname lm@#1@\number#2\endcsname{#3}}
\newcommand\lmw[1]{\lm@get{w}{#1}}
\newcommand\lmreset[1]{\global\lm@n=#1\relax\lm@k=0
  \loop\ifnum\lm@k<\lm@n\advance\lm@k 1 \lm@set{n}{\lm@k}{0pt}\lm@set{m}{\lm@k}{0pt}\repeat}
\newcommand\lmnat[2]{\settowidth\lm@W{#2}\ifdim\lm@W>\lm@get{n}{#1}\relax\lm@set{n}{#1}{\the\lm@W}\fi}
\newcommand\lmmin[2]{\settowidth\lm@W{#2}\ifdim\lm@W>\lm@get{m}{#1}\relax\lm@set{m}{#1}{\the\lm@W}\fi}
\newcommand\lmlayout{%
  \lm@sum=0pt \lm@min=0pt \lm@stretch=0 \lm@k=0
  \loop\ifnum\lm@k<\lm@n\advance\lm@k 1
    \lm@set{m}{\lm@k}{\the\dimexpr\lm@get{m}{\lm@k}+0.5pt\relax}%
    \lm@W=\dimexpr\lm@get{n}{\lm@k}+0.5pt\relax
    \ifdim\lm@W<\lm@get{m}{\lm@k}\relax\lm@W=\lm@get{m}{\lm@k}\relax\fi
    \lm@set{n}{\lm@k}{\the\lm@W}%
    \advance\lm@sum\lm@W
    \advance\lm@min\lm@get{m}{\lm@k}\relax
    \advance\lm@stretch\number\dimexpr\lm@W-\lm@get{m}{\lm@k}\relax\relax
  \repeat
  \lm@avail=\tabcolsep \multiply\lm@avail by \lm@n \multiply\lm@avail by 2
  \lm@avail=\dimexpr\linewidth-\lm@avail\relax
  \lm@spare=\dimexpr\lm@avail-\lm@min\relax
  \ifdim\lm@spare<0pt \lm@spare=0pt \global\lmtighttrue\else\global\lmtightfalse\fi
  \lm@k=0
  \loop\ifnum\lm@k<\lm@n\advance\lm@k 1
    \ifdim\lm@sum>\lm@avail
      \ifnum\lm@stretch>0
        \lm@set{w}{\lm@k}{\the\dimexpr\lm@get{m}{\lm@k}+\lm@spare*\number\dimexpr\lm@get{n}{\lm@k}-\lm@get{m}{\lm@k}\relax/\lm@stretch\relax}%
      \else\lm@set{w}{\lm@k}{\lm@get{m}{\lm@k}}\fi
    \else\lm@set{w}{\lm@k}{\lm@get{n}{\lm@k}}\fi
  \repeat}
% Display math: set as usual when it fits, else broken after operators (see displayTex).
\newdimen\lm@L \newdimen\lm@R \newdimen\lm@rel \newif\iflmfits
\newcommand\lmeqreset{\global\lm@L=0pt\global\lm@R=0pt\settowidth\lm@rel{$\displaystyle{}={}$}}
\newcommand\lmeqrow[2]{%
  \settowidth\lm@W{$\displaystyle #1$}\ifdim\lm@W>\lm@L\global\lm@L=\lm@W\fi
  \settowidth\lm@W{$\displaystyle{}#2$}\ifdim\lm@W>\lm@R\global\lm@R=\lm@W\fi}
\newcommand\lmeqfits{\ifdim\dimexpr\lm@L+\lm@R\relax>\dimexpr\linewidth-2em\relax\global\lmfitsfalse\else\global\lmfitstrue\fi
  \ifdim\lm@L>.4\linewidth\global\lm@L=0pt\fi}
\newcommand\lmeqbreak[2]{\par\addvspace{.5em}{\raggedright\noindent\hangindent=\dimexpr\lm@L+\lm@rel+1em\relax\hangafter=1
  \hbox to\dimexpr\lm@L+1em\relax{\hfil$\displaystyle #1$}$\displaystyle{}#2$\par}}
\newcommand\lmeqdone{\par\addvspace{.5em}}
\makeatother`;

// About how many characters of \small text fit on a line of the text width (A4, 2.2 cm margins).
const LINE_CHARS = 100;
// A table whose rough width is below this share of the line fits at its natural width for sure
// (even in wide capitals), and gets plain l and r columns.
const SURELY_FITS = 0.6;

/** Rough width in characters of \small text: math half its source, typewriter a fifth more. */
const roughSize = (i: Inline) => (i.kind === 'math' ? Math.ceil(i.latex.length * 0.5) : i.kind === 'code' ? Math.ceil(i.text.length * 1.2) : i.text.length);

/**
 * A table's column widths, measured by TeX itself: each column's natural width (its widest
 * cell) and least width (its widest piece no line can break: a word, a code span, a run of math
 * between the operators TeX breaks at). When the natural widths fit the line they are used;
 * otherwise each column gets its least width and the spare width is shared in proportion to
 * what each column would still need (\lmlayout in the preamble). A column never ends up
 * narrower than a piece in it, so no cell runs past its column and no table past the margin.
 */
function measuredColumns(b: Extract<Block, { kind: 'table' }>): { setup: string; spec: string } | undefined {
  const all = [b.columns.map((c) => c.header), ...b.rows];
  const natural = b.columns.map((_, k) => Math.max(...all.map((r) => (r[k] ?? []).reduce((n, i) => n + roughSize(i), 0))) + 2);
  if (natural.reduce((a, c) => a + c, 0) <= LINE_CHARS * SURELY_FITS) return undefined;
  const lines = [`\\def\\lmmeasure{\\lmreset{${b.columns.length}}`];
  b.columns.forEach((_, k) => {
    const cells = new Set<string>();
    const pieces = new Set<string>();
    for (const r of all) {
      const cell = r[k] ?? [];
      cells.add(inlines(cell));
      for (const p of cell.flatMap(unbreakable)) pieces.add(p);
    }
    for (const c of cells) if (c) lines.push(`\\lmnat{${k + 1}}{${c}}`);
    for (const p of pieces) lines.push(`\\lmmin{${k + 1}}{${p}}`);
  });
  // Measured at \\small; if even the least widths do not fit, at \\footnotesize, then \\scriptsize.
  lines.push('\\lmlayout}', '\\lmmeasure', '\\iflmtight\\footnotesize\\lmmeasure\\fi', '\\iflmtight\\scriptsize\\lmmeasure\\fi');
  const spec = b.columns
    .map((c, k) => `>{${c.align === 'right' ? '\\raggedleft' : '\\raggedright'}\\arraybackslash}p{\\lmw{${k + 1}}}`)
    .join('');
  return { setup: lines.join('\n'), spec };
}

/** The pieces of an inline that no line break can split, as LaTeX. */
function unbreakable(i: Inline): string[] {
  switch (i.kind) {
    case 'text':
      return i.text.split(/\s+/).filter(Boolean).map((w) => textTex(w));
    case 'strong':
      return i.text.split(/\s+/).filter(Boolean).map((w) => `\\textbf{${textTex(w)}}`);
    case 'code':
      return i.text.split(/ +/).filter(Boolean).map((w) => `\\texttt{${textTex(w, true)}}`);
    case 'math':
      // {} after a piece keeps its last operator binary, so it is measured with its spacing.
      return mathPieces(inlineMath(i.latex)).map((p) => `$${p}{}$`);
  }
}

// Operators after which TeX may break inline math (binary operations and relations), at the top level.
const BREAK_AFTER = /^(\+|-|=|<|>|\\cdot(?![a-zA-Z])|\\times(?![a-zA-Z])|\\le(?![a-zA-Z])|\\ge(?![a-zA-Z])|\\leq(?![a-zA-Z])|\\geq(?![a-zA-Z])|\\approx(?![a-zA-Z])|\\neq(?![a-zA-Z])|\\mid(?![a-zA-Z]))/;

/** Math split after each operator TeX may break at, outside braces and \left…\right. */
export function mathPieces(latex: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let from = 0;
  let i = 0;
  while (i < latex.length) {
    const rest = latex.slice(i);
    if (rest.startsWith('\\left') && !/^\\left[a-zA-Z]/.test(rest.slice(1))) {
      depth++;
      i += 5;
      continue;
    }
    if (rest.startsWith('\\right') && !/^\\right[a-zA-Z]/.test(rest.slice(1))) {
      depth--;
      i += 6;
      continue;
    }
    const c = latex[i]!;
    if (c === '\\') {
      const op = depth === 0 ? BREAK_AFTER.exec(rest) : null;
      if (op && latex.slice(from, i).trim()) {
        out.push(latex.slice(from, i + op[0].length).trim());
        from = i + op[0].length;
      }
      i += op ? op[0].length : 2;
      continue;
    }
    if (c === '{') depth++;
    else if (c === '}') depth--;
    else if (depth === 0 && BREAK_AFTER.test(c) && latex.slice(from, i).trim()) {
      out.push(latex.slice(from, i + 1).trim());
      from = i + 1;
    }
    i++;
  }
  if (latex.slice(from).trim()) out.push(latex.slice(from).trim());
  return out;
}

/**
 * Inline math as TeX can break it: \left( … \right) makes one unbreakable box, so groups become
 * \bigl( … \bigr) (\Bigl with a fraction inside), whose insides TeX breaks like the rest.
 */
export function inlineMath(latex: string): string {
  return slashLongFractions(bigDelimiters(mathTex(latex)));
}

// A fraction longer than this (in source characters) is too wide to be sure it fits a line.
const LONG_FRACTION = 80;

/**
 * A \frac is one box no line can break; a long one at the top level becomes (A)/(B), which TeX
 * breaks after any operator inside.
 */
function slashLongFractions(src: string): string {
  let out = '';
  let depth = 0;
  for (let i = 0; i < src.length; ) {
    if (depth === 0 && src.startsWith('\\frac{', i)) {
      const numEnd = closingBrace(src, i + 5);
      const denEnd = numEnd >= 0 && src[numEnd + 1] === '{' ? closingBrace(src, numEnd + 1) : -1;
      if (denEnd >= 0 && denEnd - i > LONG_FRACTION) {
        const [num, den] = [src.slice(i + 6, numEnd), src.slice(numEnd + 2, denEnd)];
        const wrap = (x: string) => (mathPieces(x).length > 1 ? `\\bigl(${x}\\bigr)` : x);
        out += `${wrap(slashLongFractions(num))}/${wrap(slashLongFractions(den))}`;
        i = denEnd + 1;
        continue;
      }
    }
    const c = src[i]!;
    if (c === '\\') {
      out += src.slice(i, i + 2);
      i += 2;
      continue;
    }
    if (c === '{') depth++;
    else if (c === '}') depth--;
    out += c;
    i++;
  }
  return out;
}

/** The index of the } that closes the { at `open`, or -1. */
function closingBrace(src: string, open: number): number {
  let depth = 0;
  for (let i = open; i < src.length; i++) {
    if (src[i] === '\\') i++;
    else if (src[i] === '{') depth++;
    else if (src[i] === '}' && --depth === 0) return i;
  }
  return -1;
}

/** \left( … \right) as \bigl( … \bigr) (\Bigl with a fraction inside), recursively. */
function bigDelimiters(src: string): string {
  let out = '';
  let i = 0;
  while (i < src.length) {
    const open = /^\\left(\(|\[|\\\{|\.)/.exec(src.slice(i));
    if (!open) {
      out += src[i++];
      continue;
    }
    // Find the matching \right.
    let depth = 1;
    let j = i + open[0].length;
    while (j < src.length && depth > 0) {
      if (/^\\left(?![a-zA-Z])/.test(src.slice(j))) depth++;
      else if (/^\\right(?![a-zA-Z])/.test(src.slice(j))) depth--;
      if (depth > 0) j++;
    }
    const close = /^\\right(\)|\]|\\\}|\.)/.exec(src.slice(j));
    if (!close) return src; // not a pair we know: leave it as it is
    const inner = bigDelimiters(src.slice(i + open[0].length, j));
    const size = inner.includes('\\frac') ? 'Big' : 'big';
    const delim = (d: string) => (d === '.' ? '' : d);
    out += `${open[1] === '.' ? '' : `\\${size}l${delim(open[1]!)}`}${inner}${close[1] === '.' ? '' : `\\${size}r${delim(close[1]!)}`}`;
    i = j + close[0].length;
  }
  return out;
}

// The document title is the top level, so block headings sit one level below it.
const SECTION = { 1: 'section*', 2: 'subsection*', 3: 'subsubsection*' } as const;

function block(b: Block): string {
  switch (b.kind) {
    case 'heading':
      return `\\${SECTION[b.level]}{${b.content ? inlines(b.content) : textTex(b.text)}}`;
    case 'paragraph':
      return inlines(b.content);
    case 'math':
      return displayTex(b.latex.trim());
    case 'list':
      return `\\begin{itemize}\n${b.items.map((i) => `\\item ${noOption(inlines(i))}`).join('\n')}\n\\end{itemize}`;
    case 'table': {
      const measured = measuredColumns(b);
      const spec = measured?.spec ?? b.columns.map((c) => (c.align === 'right' ? 'r' : 'l')).join('');
      const row = (cells: Inline[][]) => `${noOption(cells.map(inlines).join(' & '))} \\\\`;
      return [
        '\\begingroup\\small',
        ...(measured ? [measured.setup] : []),
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

/**
 * Display math that never runs past the margin. TeX measures the rows: when the widest left side
 * and the widest right side fit the line, they are set as usual (\[ \] or align*); otherwise each
 * row is a paragraph that TeX breaks after an operator, its continuation lines indented to just
 * past the left side and its relation, so a long total still reads as one aligned formula.
 */
function displayTex(latex: string): string {
  // Delimiters on their own lines, so a trailing % comment in the source cannot eat them.
  const body = mathTex(latex);
  const fit = isMultilineMath(latex) ? `\\begin{align*}\n${body}\n\\end{align*}` : `\\[\n${body}\n\\]`;
  const rows = splitTop(latex, /^\\\\/).map((row) => {
    const amp = splitTop(row, /^&/);
    if (amp.length > 1) return { lhs: amp[0]!.trim(), rhs: amp.slice(1).join(' ').trim() };
    const eq = splitTop(row, /^=/);
    return eq.length > 1 ? { lhs: eq[0]!.trim(), rhs: `= ${eq.slice(1).join('=').trim()}` } : { lhs: '', rhs: row.trim() };
  });
  return [
    '\\lmeqreset',
    ...rows.map((r) => `\\lmeqrow{${mathTex(r.lhs)}}{${mathTex(r.rhs)}}`),
    '\\lmeqfits',
    '\\iflmfits',
    fit,
    '\\else',
    ...rows.map((r) => `\\lmeqbreak{${inlineMath(r.lhs)}}{${inlineMath(r.rhs)}}`),
    '\\lmeqdone',
    '\\fi',
  ].join('\n');
}

/** Splits math at each top-level (outside braces) match of `at`, dropping the separator. */
function splitTop(latex: string, at: RegExp): string[] {
  const out: string[] = [];
  let depth = 0;
  let from = 0;
  for (let i = 0; i < latex.length; i++) {
    const c = latex[i]!;
    if (c === '\\' && !at.test(latex.slice(i))) {
      i++; // a command or an escaped character: skip its first character
      continue;
    }
    if (c === '{') depth++;
    else if (c === '}') depth--;
    else if (depth === 0) {
      const m = at.exec(latex.slice(i));
      if (m) {
        out.push(latex.slice(from, i));
        from = i + m[0].length;
        i = from - 1;
      }
    }
  }
  out.push(latex.slice(from));
  return out;
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
      return `$${inlineMath(i.latex)}$`;
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

// Unicode super- and subscripts; a run of them (2³⁰) becomes one ^{30}, in text as \ensuremath{^{30}}.
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
      // A power or an index is math (10⁹ is $10^{9}$), not a raised text stand-in.
      return `\\ensuremath{${SUPERSCRIPTS.includes(part[0]!) ? '^' : '_'}{${plainScript(part)}}}`;
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
