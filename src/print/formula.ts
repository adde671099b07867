// Formulas of an architecture in each output format, in its canonical form
// (collected by the layer symbol, terms in the architecture's symbol order).

import type { Poly } from '../algebra/poly.js';
import type { CanonicalOptions } from '../algebra/canonical.js';
import { batchSymbol, latexNames, symbolNames, type Architecture } from '../formulas/architecture.js';
import { asciiStyle } from './ascii.js';
import { latexStyle } from './latex.js';
import { renderPoly } from './render.js';
import { textStyle } from './text.js';

export function canonicalOptions(arch: Architecture, collect: string | null = arch.layers): CanonicalOptions {
  const outer = batchSymbol(arch);
  return { order: symbolNames(arch), ...(collect ? { collect } : {}), ...(outer ? { outer } : {}) };
}

export interface FormulaPrinter {
  text(p: Poly): string;
  latex(p: Poly): string;
  /** mathjs-parsable, for JSON. */
  ascii(p: Poly): string;
}

export function formulaPrinter(arch: Architecture, collect: string | null = arch.layers): FormulaPrinter {
  const opts = canonicalOptions(arch, collect);
  const latex = latexStyle(latexNames(arch));
  return {
    text: (p) => renderPoly(p, textStyle, opts),
    latex: (p) => renderPoly(p, latex, opts),
    ascii: (p) => renderPoly(p, asciiStyle, opts),
  };
}
