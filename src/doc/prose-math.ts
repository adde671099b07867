// Formulas inside sentences, set as math in the typeset documents (HTML, LaTeX). The sentences are generated once, as
// text, for the terminal and the documents alike; the formulas in them are printed by the text
// printer (src/print/text.ts: 2d²k/h, 3d·E·f_e, L(4d² + 3df + 2d), (3f − 4d)/2). This reads
// that notation back, with the architecture's own symbols, and writes each formula as LaTeX
// from the symbols' `latex:` names (f_e is f_{e}, N_pos is N_{\text{pos}}): nothing is typed
// by hand, and a word is never taken for a formula (see `worthMath`).

import { math, text, type Block, type Doc, type Inline } from './model.js';

const SUPERSCRIPTS = '⁰¹²³⁴⁵⁶⁷⁸⁹';

interface Parsed {
  end: number;
  latex: string;
  /** Symbols, operators, powers, numbers: what tells a formula from a word. */
  symbols: number;
  marks: number;
}

/** Reads formulas in the text printer's notation, over one architecture's symbols. */
export class FormulaReader {
  private readonly names: Array<{ name: string; latex: string }>;

  constructor(symbols: Array<{ name: string; latex: string }>) {
    // Longest names first, so f_e is read before f.
    this.names = [...symbols].sort((a, b) => b.name.length - a.name.length);
  }

  /** The text with each formula in it as a math inline. */
  inlines(s: string): Inline[] {
    const out: Inline[] = [];
    let plain = '';
    for (let i = 0; i < s.length; ) {
      const p = boundaryBefore(s, i) ? this.expr(s, i) : undefined;
      if (p && boundaryAfter(s, p.end) && worthMath(s, i, p)) {
        if (plain) out.push(text(plain));
        plain = '';
        out.push(math(p.latex));
        i = p.end;
      } else plain += s[i++];
    }
    if (plain) out.push(text(plain));
    return out;
  }

  /** expr := term ((' + ' | ' − ') term)* */
  private expr(s: string, i: number): Parsed | undefined {
    const first = this.term(s, i);
    if (!first) return undefined;
    let p = first;
    for (;;) {
      const op = /^ ([+\u2212]) /.exec(s.slice(p.end)); // + or − (escaped: the CLI bundle is ASCII, scripts/build.mjs)
      const next = op ? this.term(s, p.end + op[0].length) : undefined;
      if (!op || !next) return p;
      p = { end: next.end, latex: `${p.latex} ${op[1] === '+' ? '+' : '-'} ${next.latex}`, symbols: p.symbols + next.symbols, marks: p.marks + next.marks + 1 };
    }
  }

  /** term := '−'? factor ('·'? factor)* ('/' factor)? */
  private term(s: string, i: number): Parsed | undefined {
    const neg = s[i] === '−';
    let p = this.factor(s, neg ? i + 1 : i);
    if (!p) return undefined;
    if (neg) p = { ...p, latex: `-${p.latex}`, marks: p.marks + 1 };
    for (;;) {
      const dot: boolean = s[p.end] === '·';
      const next: Parsed | undefined = this.factor(s, dot ? p.end + 1 : p.end);
      // A number comes first in a term (2Td); one after a symbol is a name (V3), not a product.
      if (!next || /^\d+$/.test(next.latex)) break;
      p = { end: next.end, latex: `${p.latex} ${next.latex}`, symbols: p.symbols + next.symbols, marks: p.marks + next.marks + (dot ? 1 : 0) };
    }
    if (s[p.end] === '/') {
      const den = this.factor(s, p.end + 1, true);
      if (den) p = { end: den.end, latex: `${p.latex}/${den.latex}`, symbols: p.symbols + den.symbols, marks: p.marks + den.marks + 1 };
    }
    return p;
  }

  /**
   * factor := number | symbol power? | symbol? '(' expr ')' power? | '(' p '/' q ')' (a fraction
   * coefficient). After '/', a denominator is one symbol or number, or a parenthesised product.
   */
  private factor(s: string, i: number, denominator = false): Parsed | undefined {
    const number = /^\d+(?![\d,])/.exec(s.slice(i));
    if (number) {
      // A digit run that goes on into a value (1,024 or 2.5) is not a coefficient.
      if (/^[.,]\d/.test(s.slice(i + number[0].length))) return undefined;
      return { end: i + number[0].length, latex: number[0], symbols: 0, marks: 1 };
    }
    const frac = /^\((\d+)\/(\d+)\)/.exec(s.slice(i));
    if (frac && !denominator) return { end: i + frac[0].length, latex: `\\tfrac{${frac[1]}}{${frac[2]}}`, symbols: 0, marks: 1 };
    const sym = this.names.find((n) => s.startsWith(n.name, i));
    let p: Parsed | undefined = sym ? { end: i + sym.name.length, latex: sym.latex.length > 1 ? `{${sym.latex}}` : sym.latex, symbols: 1, marks: sym.name.includes('_') ? 1 : 0 } : undefined;
    if (s[p ? p.end : i] === '(') {
      const inner = this.expr(s, (p ? p.end : i) + 1);
      if (!inner || s[inner.end] !== ')') return p && power(s, p);
      // "(d)" alone names a question, not a formula: a bare group needs notation inside.
      if (!p && inner.marks === 0) return undefined;
      const head = p ? `${p.latex}` : '';
      p = { end: inner.end + 1, latex: `${head}(${inner.latex})`, symbols: (p?.symbols ?? 0) + inner.symbols, marks: (p?.marks ?? 0) + inner.marks + 1 };
    }
    return p && power(s, p);
  }
}

/** A run of superscript digits after a factor: ² is ^{2}. */
function power(s: string, p: Parsed): Parsed {
  let end = p.end;
  while (end < s.length && SUPERSCRIPTS.includes(s[end]!)) end++;
  if (end === p.end) return p;
  const exp = [...s.slice(p.end, end)].map((c) => SUPERSCRIPTS.indexOf(c)).join('');
  return { ...p, end, latex: `${p.latex}^{${exp}}`, marks: p.marks + 1 };
}

// A formula starts after none of these and ends before none of them: letters, digits and the
// joiners of names (phi-3-mini-4k, lm_head.logits, it's). The text printer's minus is −, not -.
const WORD = /[\p{L}\p{N}_.'-]/u;
const boundaryBefore = (s: string, i: number) => i === 0 || !WORD.test(s[i - 1]!);
const boundaryAfter = (s: string, i: number) => i >= s.length || (!/[\p{L}\p{N}_-]/u.test(s[i]!) && !(s[i] === '.' && /[\p{L}\p{N}]/u.test(s[i + 1] ?? '')));

/**
 * Whether a parsed run is a formula, not a word: it has a symbol and a mark of notation (a
 * power, an operator, a coefficient, a ·, a parenthesis, a subscripted name); or it is a bare
 * symbol or product that the sentence sets beside a relation (T = 1,024, dV = 38,597,376) or
 * names as a variable ("in T", "as T grows"). "had" is three symbols but no formula.
 */
function worthMath(s: string, start: number, p: Parsed): boolean {
  if (p.symbols === 0) return false;
  if (p.marks > 0) return true;
  if (/^ [=\u2248\u2264\u2265<>] /.test(s.slice(p.end))) return true; // = ≈ ≤ ≥ < > (escaped: the CLI bundle is ASCII)
  // "in T", "as T grows": a one-symbol variable after a preposition ("a" is also an article).
  const one = s.slice(start, p.end);
  return p.symbols === 1 && one !== 'a' && /(?:^|\s)(?:in|as)\s$/.test(s.slice(Math.max(0, start - 4), start));
}

/**
 * The document with the formulas of its sentences, lists and table text set as math, read with
 * the document's symbols (none: the document as it is). The typeset formats (HTML, LaTeX) print
 * this; Markdown, also read as plain text on a terminal, keeps the text notation.
 */
export function proseMath(doc: Doc): Doc {
  if (!doc.symbols?.length) return doc;
  const reader = new FormulaReader(doc.symbols);
  const convert = (content: Inline[]): Inline[] => content.flatMap((i) => (i.kind === 'text' ? reader.inlines(i.text) : [i]));
  const block = (b: Block): Block => {
    switch (b.kind) {
      case 'heading': {
        const content = reader.inlines(b.text);
        return content.some((i) => i.kind === 'math') ? { ...b, content } : b;
      }
      case 'paragraph':
        return { ...b, content: convert(b.content) };
      case 'list':
        return { ...b, items: b.items.map(convert) };
      case 'table':
        return { ...b, columns: b.columns.map((c) => ({ ...c, header: convert(c.header) })), rows: b.rows.map((r) => r.map(convert)) };
      default:
        return b;
    }
  };
  return { ...doc, blocks: doc.blocks.map(block) };
}
