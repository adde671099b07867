// node:fs for the browser bundle: the read-only calls the loaders make, answered from the files
// the page embeds (files.ts). Anything that writes is not here: the page writes no files.
import { FILES, isDirectory } from './files.js';
import { fileURLToPath } from './url.js';

const pathOf = (p: string | URL) => (typeof p === 'string' ? p : fileURLToPath(p));

function missing(path: string): Error {
  return Object.assign(new Error(`ENOENT: no such file or directory, '${path}'`), { code: 'ENOENT', path });
}

export function existsSync(p: string | URL): boolean {
  const path = pathOf(p);
  return FILES.has(path) || isDirectory(path);
}

export function statSync(p: string | URL): { isFile(): boolean; isDirectory(): boolean; size: number } {
  const path = pathOf(p);
  const text = FILES.get(path);
  if (text === undefined && !isDirectory(path)) throw missing(path);
  return { isFile: () => text !== undefined, isDirectory: () => text === undefined, size: text?.length ?? 0 };
}

export function readFileSync(p: string | URL, _encoding?: unknown): string {
  const path = pathOf(p);
  const text = FILES.get(path);
  if (text === undefined) throw missing(path);
  return text;
}

export function readdirSync(p: string | URL): string[] {
  const dir = pathOf(p).replace(/\/?$/, '/');
  const names = new Set<string>();
  for (const path of FILES.keys()) if (path.startsWith(dir)) names.add(path.slice(dir.length).split('/')[0]!);
  if (names.size === 0) throw missing(dir);
  return [...names].sort();
}
