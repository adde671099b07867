// Runs the built CLI (dist/cli.cjs) as a user would, capturing output and exit code.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const CLI = fileURLToPath(new URL('../../dist/cli.cjs', import.meta.url));

export interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * Text output is wrapped at 120 columns; tests read it unwrapped (LMLEDGER_WIDTH=0: one line per
 * paragraph) so that a sentence is found whole. test/text-width.test.ts checks the wrapped output.
 */
export function cli(args: string[], opts: { cwd?: string; env?: Record<string, string> } = {}): Run {
  const env = { ...process.env, LMLEDGER_WIDTH: '0', ...opts.env };
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd: opts.cwd ?? ROOT, encoding: 'utf8', env });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

/** Parses JSON written by lmledger, keeping integers exact as BigInt (floats stay numbers). */
export function parseExactJson(text: string): any {
  // Quote every integer token outside strings, then revive the quoted ones as BigInt.
  let out = '';
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    if (c === '"') {
      const end = stringEnd(text, i);
      out += text.slice(i, end);
      i = end;
      continue;
    }
    const m = /^-?\d+(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(i, i + 400));
    if (m && /[-\d]/.test(c)) {
      out += m[1] || m[2] ? m[0] : `"@int:${m[0]}"`;
      i += m[0].length;
      continue;
    }
    out += c;
    i++;
  }
  return JSON.parse(out, (_k, v) => (typeof v === 'string' && v.startsWith('@int:') ? BigInt(v.slice(5)) : v));
}

/** Index just past the JSON string starting at `start` (a double quote). */
function stringEnd(text: string, start: number): number {
  let i = start + 1;
  while (text[i] !== '"') i += text[i] === '\\' ? 2 : 1;
  return i + 1;
}
