// Plain-text tables for the terminal: a header row, aligned columns, numbers right-aligned.
// A table wider than TEXT_WIDTH is cut into sections of columns, each repeating the first
// (the row's name), so that no line of text output runs past a terminal's 120 columns.

export interface Column {
  header: string;
  align?: 'left' | 'right';
}

/** The widest a line of text output may be. */
export const TEXT_WIDTH = 120;

/** Where table() cuts tables into sections: TEXT_WIDTH unless the CLI was told otherwise (LMLEDGER_WIDTH). */
let tableWidth = TEXT_WIDTH;
export function setTableWidth(width: number): void {
  tableWidth = width;
}

const GAP = 2;

/**
 * The other columns (by index, from 1) in groups that fit `max` beside column 0: a group takes
 * columns while key + columns + gaps fit, and always at least one.
 */
export function columnGroups(widths: number[], max: number): number[][] {
  const groups: number[][] = [];
  let group: number[] = [];
  let used = widths[0] ?? 0;
  for (let i = 1; i < widths.length; i++) {
    const w = GAP + widths[i]!;
    if (group.length && used + w > max) {
      groups.push(group);
      group = [];
      used = widths[0]!;
    }
    group.push(i);
    used += w;
  }
  if (group.length || groups.length === 0) groups.push(group);
  return groups;
}

export function table(columns: Column[], rows: string[][], indent = '  ', maxWidth = tableWidth): string {
  const widths = columns.map((c, i) => Math.max(width(c.header), ...rows.map((r) => width(r[i] ?? ''))));
  const line = (cells: string[], which: number[]) =>
    indent +
    which
      .map((i) => {
        const cell = cells[i] ?? '';
        const pad = ' '.repeat(widths[i]! - width(cell));
        return columns[i]!.align === 'right' ? pad + cell : cell + pad;
      })
      .join('  ')
      .trimEnd();
  const groups = columnGroups(widths, maxWidth - indent.length);
  return groups
    .map((g) => {
      const which = [0, ...g];
      return [line(columns.map((c) => c.header), which), ...rows.map((r) => line(r, which))].join('\n');
    })
    .join('\n\n');
}

/** Display width: code points, so superscripts and '×' count as one column. */
function width(s: string): number {
  return [...s].length;
}
