// Errors a user can fix. The CLI prints their message as one line and exits with code 2;
// anything else is a bug and keeps its stack trace.

export class UserError extends Error {
  override name = 'UserError';
}

/** Closest names to `wanted` among `known` (edit distance), for "did you mean" hints. */
export function suggest(wanted: string, known: Iterable<string>, max = 3): string[] {
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
