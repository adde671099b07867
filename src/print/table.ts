// Plain-text tables for the terminal: a header row, aligned columns, numbers right-aligned.

export interface Column {
  header: string;
  align?: 'left' | 'right';
}

export function table(columns: Column[], rows: string[][], indent = '  '): string {
  const widths = columns.map((c, i) => Math.max(width(c.header), ...rows.map((r) => width(r[i] ?? ''))));
  const line = (cells: string[]) =>
    indent +
    cells
      .map((cell, i) => {
        const pad = ' '.repeat(widths[i]! - width(cell));
        return columns[i]!.align === 'right' ? pad + cell : cell + pad;
      })
      .join('  ')
      .trimEnd();
  return [line(columns.map((c) => c.header)), ...rows.map(line)].join('\n');
}

/** Display width: code points, so superscripts and '×' count as one column. */
function width(s: string): number {
  return [...s].length;
}
