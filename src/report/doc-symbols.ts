// The symbol table of a document, listing only what the document uses. Formulas are printed
// through a recording printer, so the table is the set of symbols that actually appear (by
// construction, not by a list kept beside the text); the named quantities (P, C, …) are added
// where the document writes them. One meaning per symbol: P is the parameter count, the rows of
// a learned position table are N_pos.

import type { Poly } from '../algebra/poly.js';
import type { Architecture } from '../formulas/architecture.js';
import { code, math, text, type Block, type Inline } from '../doc/model.js';
import { formulaPrinter, type FormulaPrinter } from '../print/formula.js';
import { digits, exactText } from '../print/numbers.js';
import type { Rational } from '../algebra/rational.js';

export interface Quantity {
  /** As LaTeX: P, C, \frac{\partial C}{\partial T}. */
  latex: string;
  meaning: string;
  value?: bigint | Rational;
}

export class SymbolRecorder {
  readonly used = new Set<string>();
  private readonly quantities = new Map<string, Quantity>();

  constructor(readonly arch: Architecture) {}

  /** A printer (collected by L, or by nothing with null) that notes every symbol it prints. */
  printer(collect?: string | null): FormulaPrinter {
    const inner = collect === undefined ? formulaPrinter(this.arch) : formulaPrinter(this.arch, collect);
    const note = (p: Poly) => {
      for (const s of p.symbols()) this.used.add(s);
      return p;
    };
    return { text: (p) => inner.text(note(p)), latex: (p) => inner.latex(note(p)), ascii: (p) => inner.ascii(note(p)) };
  }

  /** A symbol named in prose rather than printed in a formula ("T = 1,024 tokens"). */
  mention(symbol: string): string {
    this.used.add(symbol);
    return symbol;
  }

  /** A named quantity the document writes (P = …); returns its LaTeX for the equation. */
  quantity(key: string, q: Quantity): string {
    if (!this.quantities.has(key)) this.quantities.set(key, q);
    return q.latex;
  }

  /** The table: the architecture's symbols the document used (in declared order), then its quantities. */
  table(values?: Record<string, bigint>): Block {
    const symbols = this.arch.symbols.filter((s) => this.used.has(s.name));
    const value = (v: bigint | Rational | undefined): Inline[] => [text(v === undefined ? '' : typeof v === 'bigint' ? digits(v) : exactText(v))];
    return {
      kind: 'table',
      caption: 'Symbols used in this document: each has one meaning throughout',
      columns: [
        { header: [text('symbol')] },
        { header: [text('meaning')] },
        { header: [text('config field')] },
        ...(values ? [{ header: [text('value')], align: 'right' as const }] : []),
      ],
      rows: [
        ...symbols.map((s) => [[math(s.latex)], [text(s.meaning)], [code(s.config)], ...(values ? [value(values[s.name])] : [])]),
        ...[...this.quantities.values()].map((q) => [[math(q.latex)], [text(q.meaning)], [text('—')], ...(values ? [value(q.value)] : [])]),
      ],
    };
  }
}

/** Every symbol of the architectures, with its LaTeX name (the first architecture's, if two differ). */
export function documentSymbols(arches: Architecture[]): Array<{ name: string; latex: string }> {
  const seen = new Map<string, string>();
  for (const a of arches) for (const s of a.symbols) if (!seen.has(s.name)) seen.set(s.name, s.latex);
  return [...seen].map(([name, latex]) => ({ name, latex }));
}
