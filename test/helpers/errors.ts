// The one check for bad input, used by every suite: exit code 2, nothing on stdout, exactly one
// line on stderr starting with 'lmledger:' and matching `message`, and no stack trace.
import { expect } from 'vitest';
import { cli, type Run } from './cli.js';

function checkUserError(r: Run, message: RegExp): void {
  expect(r.stderr, 'no stack trace').not.toMatch(/\n\s+at |Error: |node:internal|\.ts:\d+|\.js:\d+/);
  expect(r.code, r.stderr).toBe(2);
  expect(r.stdout).toBe('');
  const lines = r.stderr.trimEnd().split('\n');
  expect(lines, r.stderr).toHaveLength(1);
  expect(lines[0]).toMatch(/^lmledger: /);
  expect(lines[0]).toMatch(message);
}

export function expectUserError(args: string[], message: RegExp, opts: { cwd?: string } = {}): void {
  checkUserError(cli(args, opts), message);
}

/** The same check without blocking, for `it.concurrent` cases (each spawns the built CLI). */
export async function expectUserErrorAsync(args: string[], message: RegExp): Promise<void> {
  const { cliAsync } = await import('./proof.js');
  checkUserError(await cliAsync(args), message);
}
