// Write-up problems (formulas/problems/problems.yaml): a published exercise's givens as the
// flags its write-up starts from.

import { join } from 'node:path';
import { NamedTable } from './named.js';
import { FORMULAS_DIR } from './paths.js';

export interface Problem {
  name: string;
  /** Which write-up: a training step (adamw) or serving (inference). */
  kind: 'training' | 'inference';
  title: string;
  source: string;
  /** The preset the exercise is about. */
  model: string;
  /** Flag name (camelCase as commander stores it) -> text. */
  flags: Record<string, string>;
}

const camel = (k: string) => k.replace(/[-_]([a-z])/g, (_, c: string) => c.toUpperCase());

export const PROBLEMS = new NamedTable<Problem>(
  join(FORMULAS_DIR, 'problems', 'problems.yaml'),
  'problems',
  '--problem',
  (r, name, raw) => {
    const o = r.object(raw, ['kind', 'title', 'source', 'model', 'flags'], ['title', 'source', 'model', 'flags']);
    const kind = o.kind === undefined ? 'training' : r.at('kind').string(o.kind);
    if (kind !== 'training' && kind !== 'inference') r.at('kind').fail(`'${kind}' is not allowed; use training or inference`);
    const flags: Record<string, string> = {};
    for (const [k, v] of Object.entries(r.at('flags').map(o.flags))) flags[camel(r.at('flags').identifier(k))] = r.at('flags').at(k).string(v);
    return { name, kind: kind as Problem['kind'], title: r.at('title').string(o.title), source: r.at('source').string(o.source), model: r.at('model').slug(o.model), flags };
  },
  [],
  false,
);
