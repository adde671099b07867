// The one check for bad input, used by every suite: exit code 2, nothing on stdout, exactly one
// line on stderr starting with 'lmledger:' and matching `message`, and no stack trace.
import { execFile } from 'node:child_process';
import { expect } from 'vitest';
import { cli, ROOT, type Run } from './cli.js';

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

/** The same check without blocking, so that `it.concurrent` cases run side by side. */
export function expectUserErrorAsync(args: string[], message: RegExp, opts: { cwd?: string } = {}): Promise<void> {
  return new Promise((resolve, reject) => {
    execFile(process.execPath, [`${ROOT}dist/cli.cjs`, ...args], { cwd: opts.cwd ?? ROOT, encoding: 'utf8' }, (err, stdout, stderr) => {
      const code = err ? (typeof err.code === 'number' ? err.code : -1) : 0;
      try {
        checkUserError({ code, stdout, stderr }, message);
        resolve();
      } catch (e) {
        reject(e);
      }
    });
  });
}
