// Errors a user can fix. The CLI prints their message as one line and exits with code 2;
// anything else is a bug and keeps its stack trace.

export class UserError extends Error {
  override name = 'UserError';
}

/**
 * A value from an input file as an error message quotes it: JSON-like, at most a few levels and
 * entries deep and `max` characters long, so a value nested 10⁵ deep or a 50 MB string gives a
 * short line (JSON.stringify would overflow the stack or print it all). Control characters come
 * out escaped, as JSON escapes them.
 */
export function quote(v: unknown, max = 80): string {
  const text = render(v, 0);
  return text.length > max ? `${text.slice(0, max)}…` : text;
}

function render(v: unknown, depth: number): string {
  const items = <T>(xs: T[], f: (x: T) => string) => `${xs.slice(0, 4).map(f).join(', ')}${xs.length > 4 ? ', …' : ''}`;
  if (Array.isArray(v)) return depth >= 2 ? '[…]' : `[${items(v, (x) => render(x, depth + 1))}]`;
  if (v !== null && typeof v === 'object')
    return depth >= 2 ? '{…}' : `{${items(Object.keys(v), (k) => `${render(k, 2)}: ${render((v as Record<string, unknown>)[k], depth + 1)}`)}}`;
  if (typeof v === 'string') return JSON.stringify(v.length > 100 ? `${v.slice(0, 100)}…` : v);
  if (typeof v === 'bigint') return v.toString();
  return JSON.stringify(v) ?? String(v);
}

export const MAX_MESSAGE = 1000;

/**
 * A message as the CLI prints it: one line, control characters and escape sequences shown
 * escaped (\x1b, not a colour change), and at most MAX_MESSAGE characters (its start, where the
 * field is named, is kept).
 */
export function messageLine(message: string): string {
  const line = message
    .replace(/\s*\n\s*/g, ' ')
    .replace(/[\x00-\x1f\x7f-\x9f]/g, (c) => (c === '\t' ? ' ' : `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`));
  return line.length > MAX_MESSAGE ? `${line.slice(0, MAX_MESSAGE)}… (${line.length - MAX_MESSAGE} more characters)` : line;
}

/** Names longer than this get no "did you mean": an edit distance to a 50 MB key is not a hint. */
const MAX_SUGGESTED = 64;

/** Closest names to `wanted` among `known` (edit distance), for "did you mean" hints. */
export function suggest(wanted: string, known: Iterable<string>, max = 3): string[] {
  if (wanted.length > MAX_SUGGESTED) return [];
  const w = wanted.toLowerCase();
  // Edit distance; a name that contains the other (or is contained in it) is always a candidate,
  // as close as their length difference.
  const scored = [...known].map((k) => {
    const kl = k.toLowerCase();
    const contains = kl.includes(w) || w.includes(kl);
    const distance = editDistance(w, kl);
    return { k, contains, extends: kl.includes(w), score: contains ? Math.min(distance, Math.abs(kl.length - w.length)) : distance };
  });
  const limit = Math.max(2, Math.floor(w.length / 2));
  return scored
    .filter((s) => s.score <= limit || s.contains)
    // A name that extends what was typed (h100-sxm for 'h100') comes before one a few edits away (h200).
    .sort((a, b) => Number(b.extends) - Number(a.extends) || a.score - b.score || a.k.localeCompare(b.k))
    .slice(0, max)
    .map((s) => s.k);
}

export function didYouMean(wanted: string, known: Iterable<string>): string {
  const close = suggest(wanted, known);
  return close.length ? ` (did you mean ${close.join(', ')}?)` : '';
}

function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const cur = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = cur;
    }
  }
  return row[b.length]!;
}
