// Text output fits a terminal: a line longer than TEXT_WIDTH (a finding, a long formula, a table
// row with a long last cell) is broken at spaces. A continuation is indented under the table cell
// it continues (the text after the last run of two or more spaces before the break), else two
// spaces deeper than the line, so a wrapped row still reads as its row; a break between cells is
// preferred to one between words. Tables wider than the
// width are cut into column sections by table() itself; this handles what no table can.

import { TEXT_WIDTH } from './table.js';

export function fitWidth(text: string, width = TEXT_WIDTH): string {
  return text
    .split('\n')
    .map((l) => wrapLine(l, width))
    .join('\n');
}

function wrapLine(line: string, width: number): string {
  let chars = [...line];
  if (chars.length <= width) return line;
  const lead = chars.findIndex((c) => c !== ' ');
  const out: string[] = [];
  let hanging = -1;
  while (chars.length > width) {
    // The last break at or before the width: between cells (two or more spaces: "L = 61  T = 1,024")
    // when one falls in the line's second half, else between words.
    const from = Math.max(lead, hanging);
    let at = -1;
    for (let i = width; i > Math.max(from, width / 2); i--)
      if (chars[i] === ' ' && chars[i + 1] === ' ' && chars[i - 1] !== ' ') {
        at = i;
        break;
      }
    for (let i = width; at < 0 && i > from; i--) if (chars[i] === ' ' && chars[i - 1] !== ' ') at = i;
    if (at < 0) break; // one word longer than the line: left whole rather than cut
    if (hanging < 0) hanging = continuation(chars, at, lead, width);
    out.push(chars.slice(0, at).join('').trimEnd());
    const rest = chars.slice(at).join('').trimStart();
    chars = [...(' '.repeat(hanging) + rest)];
  }
  out.push(chars.join(''));
  return out.join('\n');
}

/** Where continuation lines start: under the cell being broken, or two spaces in. */
function continuation(chars: string[], at: number, lead: number, width: number): number {
  for (let i = at - 1; i > lead + 1; i--)
    if (chars[i] !== ' ' && chars[i - 1] === ' ' && chars[i - 2] === ' ') return i < width / 2 ? i : lead + 2;
  return lead + 2;
}
