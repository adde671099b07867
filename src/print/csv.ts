// RFC 4180 CSV: fields with commas, quotes or newlines are quoted, quotes doubled.
export function csv(header: string[], rows: Array<Array<string | bigint | number>>): string {
  const field = (v: string | bigint | number) => {
    const s = String(v);
    return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  return [header, ...rows].map((r) => r.map(field).join(',')).join('\n');
}
