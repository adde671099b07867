// ASCII printer whose output mathjs parses back to the same polynomial:
// used in JSON ("formula") so that a reader can re-evaluate or check it with any CAS.

import type { LaidTerm } from '../algebra/canonical.js';
import type { Style } from './render.js';

const power = ([s, e]: [string, number]) => (e === 1 ? s : `${s}^${e}`);

export const asciiStyle: Style = {
  term(t: LaidTerm): string {
    const parts = t.num.map(power);
    if (!t.coef.isInteger()) parts.unshift(`${t.coef.num}/${t.coef.den}`);
    else if (t.coef.num !== 1n || parts.length === 0) parts.unshift(t.coef.num.toString());
    const head = parts.join('*');
    if (t.den.length === 0) return head;
    const den = t.den.map(power).join('*');
    return `${head}/${t.den.length > 1 ? `(${den})` : den}`;
  },
  group: (s, p, inner) => `${p === 1 ? s : `${s}^${p}`}*(${inner})`,
  factor: (s, p) => `${p === 1 ? s : `${s}^${p}`}*`,
  plus: ' + ',
  minus: ' - ',
  leadingMinus: '-',
  zero: '0',
};
