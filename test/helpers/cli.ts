// Runs the built CLI (dist/cli.js) as a user would, capturing output and exit code.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const CLI = fileURLToPath(new URL('../../dist/cli.js', import.meta.url));

export interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

export function cli(args: string[], opts: { cwd?: string } = {}): Run {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd: opts.cwd ?? ROOT, encoding: 'utf8' });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

/** Parses JSON written by lmledger, keeping integers exact as BigInt. */
export function parseExactJson(text: string): any {
  // Integers (no '.', no exponent) become BigInt: wrap them as strings first.
  const marked = text.replace(/(?<=[:\[,]\s*)(-?\d+)(?=\s*[,\]}\n])/g, '"@int:$1"');
  return JSON.parse(marked, (_k, v) => (typeof v === 'string' && v.startsWith('@int:') ? BigInt(v.slice(5)) : v));
}
