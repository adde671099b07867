// Plain-text printer for terminals: 8Td² juxtaposed, Unicode superscripts and minus sign.
// Multi-letter symbols are joined with a middle dot so products stay unambiguous.

import type { LaidTerm } from '../algebra/canonical.js';
import type { Style } from './render.js';

const SUPERSCRIPT: Record<string, string> = {
  '0': '⁰', '1': '¹', '2': '²', '3': '³', '4': '⁴', '5': '⁵', '6': '⁶', '7': '⁷', '8': '⁸', '9': '⁹', '-': '⁻',
};

export function superscript(n: number): string {
  return n === 1 ? '' : [...String(n)].map((c) => SUPERSCRIPT[c] ?? c).join('');
}

function factors(fs: Array<[string, number]>): string {
  const joiner = fs.some(([s]) => s.length > 1) ? '·' : '';
  return fs.map(([s, e]) => s + superscript(e)).join(joiner);
}

export const textStyle: Style = {
  term(t: LaidTerm): string {
    const num = factors(t.num);
    let coef = '';
    if (!t.coef.isInteger()) coef = `(${t.coef.num}/${t.coef.den})`;
    else if (t.coef.num !== 1n || num === '') coef = t.coef.num.toString();
    const sep = coef && num && t.num[0]![0].length > 1 ? '·' : '';
    const head = coef + sep + num;
    if (t.den.length === 0) return head;
    const den = factors(t.den);
    return `${head}/${t.den.length > 1 ? `(${den})` : den}`;
  },
  group: (s, p, inner) => `${s}${superscript(p)}(${inner})`,
  factor: (s, p) => `${s}${superscript(p)}${s.length > 1 ? '·' : ''}`,
  plus: ' + ',
  minus: ' − ',
  leadingMinus: '−',
  zero: '0',
};
