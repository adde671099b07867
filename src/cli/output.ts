// Writing results to stdout (files: see document.ts).

import { writeSync } from 'node:fs';
import { fitWidth } from '../print/wrap.js';
import { TEXT_WIDTH } from '../print/table.js';
import { UserError } from '../errors.js';

/** A text ending in one line break, as a command's answer is printed. */
export function print(text: string): void {
  writeStdout(text.endsWith('\n') ? text : `${text}\n`);
}

/** Set once stdout could not take a write at once: from then on, everything goes through process.stdout, in order. */
let viaStream = false;

/**
 * Writes to stdout (file descriptor 1) at once, without process.stdout: creating that stream for
 * a pipe or a terminal loads Node's net or tty modules, milliseconds of every short command. A
 * reader that stopped early (EPIPE) ends the run quietly, as quietStdout does. A pipe that cannot
 * take more now (EAGAIN: non-blocking, its reader slow) gets the rest through process.stdout,
 * which waits for the reader. On Windows, process.stdout (it converts text for the console).
 */
export function writeStdout(text: string): void {
  if (viaStream || process.platform === 'win32') {
    quietStdout();
    process.stdout.write(text);
    return;
  }
  const bytes = Buffer.from(text, 'utf8');
  for (let done = 0; done < bytes.length; ) {
    try {
      done += writeSync(1, bytes, done);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code === 'EPIPE') process.exit(0);
      if (code !== 'EAGAIN') throw e;
      viaStream = true;
      quietStdout();
      process.stdout.write(bytes.subarray(done));
      return;
    }
  }
}

/**
 * The width text output is wrapped at: TEXT_WIDTH (120) columns, or LMLEDGER_WIDTH (a number of
 * columns; 0 for no wrapping, one line per paragraph, as for grep).
 */
export function textWidth(): number {
  const env = process.env.LMLEDGER_WIDTH;
  if (env === undefined || env === '') return TEXT_WIDTH;
  if (!/^[0-9]+$/.test(env) || (Number(env) > 0 && Number(env) < 40)) throw new UserError(`LMLEDGER_WIDTH: '${env}' is not a width; allowed: 0 (no wrapping) or a number of columns from 40`);
  return Number(env) || Infinity;
}

/** Text for a terminal: lines wrapped at textWidth() (JSON, CSV and documents are printed as they are). */
export function printText(text: string): void {
  print(fitWidth(text, textWidth()));
}

/** Pieces are joined into blocks of about this many characters before each write. */
const BLOCK = 1 << 16;

/**
 * Writes a document given piece by piece (a sweep's points), in blocks, waiting whenever stdout
 * asks to (a slow reader), so that memory holds one block whatever the document's length. Stops
 * as soon as stdout is closed (`| head`): the EPIPE is then handled by quietStdout.
 */
export async function stream(pieces: Iterable<string>, out: NodeJS.WriteStream = process.stdout): Promise<void> {
  if (out === process.stdout) quietStdout();
  let block = '';
  let last = '';
  const flush = async () => {
    if (!out.write(block) && !out.destroyed) await drained(out);
    block = '';
  };
  for (const piece of pieces) {
    if (out.destroyed) return;
    block += piece;
    if (piece) last = piece;
    if (block.length >= BLOCK) await flush();
  }
  if (!last.endsWith('\n')) block += '\n';
  if (!out.destroyed) await flush();
}

/** Resolves when the stream has room again or is gone (its listeners removed either way). */
function drained(out: NodeJS.WriteStream): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      out.off('drain', done);
      out.off('close', done);
      resolve();
    };
    out.on('drain', done);
    out.on('close', done);
  });
}

/**
 * A reader that stops early (`lmledger sweep … | head`) closes the pipe; the next write fails with
 * EPIPE. That is the reader's choice, not an error: exit quietly with status 0, no stack trace.
 */
let quiet = false;
export function quietStdout(): void {
  if (quiet) return;
  quiet = true;
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(0);
    throw e;
  });
}
