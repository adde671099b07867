// LaTeX printer: juxtaposed products (8Td^{2}), \frac for negative powers and fractional
// coefficients, \left(\right) around factored groups. Symbols print through `names`
// (e.g. f -> d_{\mathrm{ff}} if an architecture chooses so).

import type { LaidTerm } from '../algebra/canonical.js';
import type { Style } from './render.js';

export function latexStyle(names: Readonly<Record<string, string>> = {}): Style {
  const sym = (s: string) => names[s] ?? s;
  const factors = (fs: Array<[string, number]>) =>
    fs.map(([s, e]) => (e === 1 ? sym(s) : `${braced(sym(s))}^{${e}}`)).join(' ');
  return {
    term(t: LaidTerm): string {
      const num = factors(t.num);
      const den = factors(t.den);
      const intCoef = t.coef.isInteger() ? t.coef.num : undefined;
      if (intCoef === undefined) {
        // p/q · x / y  ->  \frac{p x}{q y}
        const top = [t.coef.num.toString(), num].filter(Boolean).join(' ');
        const bottom = [t.coef.den.toString(), den].filter(Boolean).join(' ');
        return `\\frac{${top}}{${bottom}}`;
      }
      const coef = intCoef !== 1n || num === '' ? intCoef.toString() : '';
      const top = [coef, num].filter(Boolean).join(' ') || '1';
      return den ? `\\frac{${top}}{${den}}` : top;
    },
    group: (s, p, inner) => `${p === 1 ? sym(s) : `${braced(sym(s))}^{${p}}`}\\left(${inner}\\right)`,
    factor: (s, p) => `${p === 1 ? sym(s) : `${braced(sym(s))}^{${p}}`} `,
    plus: ' + ',
    minus: ' - ',
    leadingMinus: '-',
    zero: '0',
  };
}

/** Wraps a multi-token name in braces so a superscript applies to all of it. */
function braced(name: string): string {
  return name.length === 1 ? name : `{${name}}`;
}
