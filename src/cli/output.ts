// Writing results to stdout (files: see document.ts).

import { fitWidth } from '../print/wrap.js';
import { TEXT_WIDTH } from '../print/table.js';
import { UserError } from '../errors.js';


export function print(text: string): void {
  process.stdout.write(text.endsWith('\n') ? text : `${text}\n`);
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
export function quietStdout(): void {
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(0);
    throw e;
  });
}
