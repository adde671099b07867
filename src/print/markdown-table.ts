// GitHub-flavoured Markdown pipe tables over the same column definitions as text tables.
import type { Column } from './table.js';

export function markdownTable(columns: Column[], rows: string[][]): string {
  const cell = (s: string) => s.replace(/\|/g, '\\|');
  const line = (cells: string[]) => `| ${cells.map(cell).join(' | ')} |`;
  const rule = columns.map((c) => (c.align === 'right' ? '---:' : '---'));
  return [line(columns.map((c) => c.header)), `| ${rule.join(' | ')} |`, ...rows.map(line)].join('\n');
}
