// RFC 4180 CSV: fields with commas, quotes or newlines are quoted, quotes doubled.
type Field = string | bigint | number;

/** One field; a number needs no quoting (the test is skipped: a sweep writes millions). */
export const csvField = (v: Field): string => {
  if (typeof v !== 'string') return String(v);
  return /[",\n\r]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
};
const field = csvField;

/** One record, without its line break (a document streamed row by row). */
export function csvLine(fields: Field[]): string {
  return fields.map(field).join(',');
}

export function csv(header: string[], rows: Field[][]): string {
  return [header, ...rows].map(csvLine).join('\n');
}
