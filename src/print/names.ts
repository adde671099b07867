// Names of parts as prose and tables write them: matmul paths grouped by component, and the
// words for a polynomial degree.

/** "attention.q, attention.k, ffn.w1" -> "attention.q/k, ffn.w1". */
export function compactNames(names: string[]): string {
  const groups = new Map<string, string[]>();
  for (const n of names) {
    const i = n.indexOf('.');
    const [head, tail] = i < 0 ? [n, ''] : [n.slice(0, i), n.slice(i + 1)];
    groups.set(head, [...(groups.get(head) ?? []), tail]);
  }
  return [...groups].map(([h, tails]) => (tails.every((t) => t === '') ? h : `${h}.${tails.join('/')}`)).join(', ');
}

const DEGREE_WORDS = ['constant', 'linear', 'quadratic', 'cubic', 'quartic'];

/** 1 -> "linear", 2 -> "quadratic", 7 -> "of degree 7". */
export const degreeWord = (k: number) => DEGREE_WORDS[k] ?? `of degree ${k}`;
