// Writing results: stdout for answers; files are written whole or not at all.

import { renameSync, rmSync, writeFileSync } from 'node:fs';
import { UserError } from '../errors.js';

export function print(text: string): void {
  process.stdout.write(text.endsWith('\n') ? text : `${text}\n`);
}

/** Writes via a temporary file and a rename, so a failure never leaves half a file behind. */
export function writeWhole(path: string, content: string | Uint8Array): void {
  const tmp = `${path}.lmledger-${process.pid}.tmp`;
  try {
    writeFileSync(tmp, content);
    renameSync(tmp, path);
  } catch (e) {
    rmSync(tmp, { force: true });
    throw new UserError(`-o ${path}: cannot write: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
}
