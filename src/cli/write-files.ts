// Writing output files so that no failure, kill or signal loses what was at the path.
//
// Each file is written in full to a temporary file in its own directory, flushed to disk, given
// the mode of the file it replaces, and renamed over it: rename(2) replaces in one step, so the
// path always holds either the old file or the new one, never a part of either and never nothing.
// A document with files beside it (Markdown and its charts) writes every temporary file first,
// then renames the files beside it, then the main file last: a process killed outright between
// two renames leaves the old main file with every chart it links present. An error before the
// last rename puts back every file already replaced (from a hard link or copy kept beside it),
// so an error is all or nothing. SIGINT and SIGTERM are held while the files are placed (the
// whole placing is synchronous, so their handlers run after it) and then end the process.
//
// What is at a path decides what happens: nothing or a regular file is written; a symbolic link
// is written through, to the file it points at (the link stays; the message says so); anything
// else (a directory, FIFO, device or socket) is refused before anything is written, as is a
// link to nothing.

import {
  chmodSync,
  chownSync,
  closeSync,
  copyFileSync,
  fsyncSync,
  linkSync,
  lstatSync,
  mkdirSync,
  openSync,
  realpathSync,
  renameSync,
  rmdirSync,
  rmSync,
  statSync,
  writeSync,
  type Stats,
} from 'node:fs';
import { randomBytes } from 'node:crypto';
import { basename, dirname, join, resolve } from 'node:path';
import { UserError } from '../errors.js';

export interface OutputFile {
  path: string;
  content: string;
}

/** Where each file of a write went: the path asked for and, through a link, the file written. */
export interface Written {
  path: string;
  target: string;
}

/** What is at a path, as far as writing over it goes. */
function kind(s: Stats): string {
  if (s.isDirectory()) return 'a directory';
  if (s.isFIFO()) return 'a named pipe (FIFO)';
  if (s.isCharacterDevice() || s.isBlockDevice()) return 'a device';
  if (s.isSocket()) return 'a socket';
  return 'not a regular file';
}

const lstatOrNull = (p: string): Stats | null => {
  try {
    return lstatSync(p);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw e;
  }
};

/** What a path is after following links, or null if nothing is there (or its parent is not a directory). */
const statOrNull = (p: string): Stats | null => {
  try {
    return statSync(p);
  } catch {
    return null;
  }
};

/**
 * The file a path names for writing: the path itself, or the file a symbolic link points at.
 * Refuses what cannot be replaced by a regular file. `fail` names the output in the message.
 */
function resolveTarget(path: string, fail: (why: string) => never): { target: string; old: Stats | null } {
  // /dev/stdout, /dev/fd/N and /proc/self/fd/N name open files, not places: replacing what they
  // point at would swap a file under a process that has it open (a redirected stdout, say).
  const special = (p: string) => /^\/(dev|proc)(\/|$)/.test(resolve(p));
  if (special(path)) fail(`cannot write ${path}: lmledger writes no file under /dev or /proc (to print to stdout, leave out -o)`);
  const here = lstatOrNull(path);
  if (here === null) return { target: path, old: null };
  if (here.isSymbolicLink()) {
    let target: string;
    try {
      target = realpathSync(path);
    } catch {
      fail(`cannot write ${path}: it is a symbolic link to a file that does not exist (or a loop); remove the link or give the file's own path (to print to stdout, leave out -o)`);
    }
    if (special(target)) fail(`cannot write ${path}: it is a symbolic link to ${target}; lmledger writes no file under /dev or /proc (to print to stdout, leave out -o)`);
    // /dev/stdout on a pipe resolves to /proc/…/fd/pipe:[…], which is no file at all.
    const s = statOrNull(target);
    if (!s) fail(`cannot write ${path}: it is a symbolic link to ${target}, which is not a file (to print to stdout, leave out -o)`);
    if (!s.isFile()) fail(`cannot write ${path}: it is a symbolic link to ${target}, which is ${kind(s)}; lmledger writes only regular files${s.isDirectory() ? '' : ' (to print to stdout, leave out -o)'}`);
    return { target, old: s };
  }
  if (!here.isFile()) fail(`cannot write ${path}: it is ${kind(here)}; lmledger writes only regular files${here.isDirectory() ? '' : ' (to print to stdout, leave out -o)'}`);
  return { target: path, old: here };
}

/** The file that writing `path` writes: `path`, or the file a symbolic link there points at. */
export function outputTarget(path: string, label: string): string {
  const fail = (why: string): never => {
    throw new UserError(`${label}: ${why}`);
  };
  // A parent that is missing or not a directory is writeFiles' to report.
  return statOrNull(dirname(path))?.isDirectory() ? resolveTarget(path, fail).target : path;
}

/**
 * A step of a write, for tests: LMLEDGER_TEST_FAULT=N:kill|fail|term makes the Nth step (each
 * temporary file written, each rename) kill the process outright, fail like a full disk, or send
 * SIGTERM to it. Steps are counted from 1; unset, this does nothing.
 */
function faultPoint(): () => void {
  const m = /^(\d+):(kill|fail|term)$/.exec(process.env.LMLEDGER_TEST_FAULT ?? '');
  if (!m) return () => {};
  let step = 0;
  return () => {
    if (++step !== Number(m[1])) return;
    if (m[2] === 'kill') process.kill(process.pid, 'SIGKILL');
    if (m[2] === 'term') process.kill(process.pid, 'SIGTERM');
    if (m[2] === 'fail') throw Object.assign(new Error('injected fault'), { code: 'EIO' });
  };
}

/** Writes `content` to a new file at `path` (which must not exist), flushed to disk. */
function writeNew(path: string, content: string, mode: number): void {
  const fd = openSync(path, 'wx', mode);
  try {
    const bytes = Buffer.from(content, 'utf8');
    for (let off = 0; off < bytes.length; ) off += writeSync(fd, bytes, off, bytes.length - off);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

const quietly = (f: () => void) => {
  try {
    f();
  } catch {
    // best effort: cleaning up after a failure must not hide the failure
  }
};

/**
 * Writes `files` (the main file last) all or nothing. `label` names the output in messages
 * ("-o answer.md"). Directories a file needs beside the main file's are made; the main file's
 * own directory must exist.
 */
export function writeFiles(files: OutputFile[], label: string): Written[] {
  const fail = (why: string): never => {
    throw new UserError(`${label}: ${why}`);
  };
  const main = files[files.length - 1]!;
  const dir = dirname(main.path);
  const dirStat = statOrNull(dir);
  if (!dirStat) fail(`directory ${dir} does not exist`);
  if (!dirStat!.isDirectory()) fail(`cannot write ${main.path}: ENOTDIR (${dir} is not a directory)`);

  // Check every path before anything is touched.
  const plan = files.map((f) => {
    const parent = dirname(f.path);
    const p = statOrNull(parent);
    if (p && !p.isDirectory()) fail(`cannot write ${f.path}: ENOTDIR (${parent} is not a directory)`);
    const { target, old } = p ? resolveTarget(f.path, fail) : { target: f.path, old: null };
    return { ...f, target, old, temp: '', backup: '' };
  });

  const step = faultPoint();
  const madeDirs: string[] = [];
  const placed: typeof plan = [];
  const release = holdSignals();
  try {
    for (const f of plan) {
      const d = dirname(f.target);
      if (!statOrNull(d)) {
        mkdirSync(d);
        madeDirs.push(d);
      }
      // A name no other run can take (pid and random), hidden, in the target's own directory so
      // that the rename stays on one file system.
      f.temp = join(d, `.${basename(f.target)}.lmledger-${process.pid}-${randomBytes(4).toString('hex')}.tmp`);
      writeNew(f.temp, f.content, f.old ? f.old.mode & 0o777 : 0o666);
      if (f.old) {
        // The mode the old file had (the umask does not apply to it), and its owner where allowed.
        chmodSync(f.temp, f.old.mode & 0o7777);
        if (process.geteuid?.() === 0) quietly(() => chownSync(f.temp, f.old!.uid, f.old!.gid));
      }
      step();
    }
    for (const f of plan) {
      if (f.old) {
        // A second name for the old file, to put it back if a later step fails.
        f.backup = `${f.temp.slice(0, -'.tmp'.length)}.old`;
        try {
          linkSync(f.target, f.backup);
        } catch {
          copyFileSync(f.target, f.backup);
        }
      }
      renameSync(f.temp, f.target);
      f.temp = '';
      placed.push(f);
      step();
    }
    quietly(() => {
      const fd = openSync(dir, 'r');
      try {
        fsyncSync(fd);
      } finally {
        closeSync(fd);
      }
    });
  } catch (e) {
    for (const f of placed.reverse()) quietly(() => (f.backup ? renameSync(f.backup, f.target) : rmSync(f.target, { force: true })));
    for (const f of plan) {
      if (f.temp) quietly(() => rmSync(f.temp, { force: true }));
      if (f.backup) quietly(() => rmSync(f.backup, { force: true }));
    }
    for (const d of madeDirs.reverse()) quietly(() => rmdirSync(d));
    release();
    if (e instanceof UserError) throw e;
    const err = e as NodeJS.ErrnoException;
    const why = err.code === 'EACCES' || err.code === 'EROFS' ? ` (lmledger writes a temporary file beside ${basename(main.path)} and renames it)` : '';
    fail(`cannot write${err.path ? ` ${err.path}` : ''}: ${err.code ?? err.message}${why}; nothing was changed`);
  }
  for (const f of plan) if (f.backup) quietly(() => rmSync(f.backup, { force: true }));
  release();
  return plan.map((f) => ({ path: f.path, target: f.target }));
}

/**
 * Holds SIGINT and SIGTERM while files are placed: Node runs a signal's handler from the event
 * loop, so one that arrives during the synchronous writes waits until they are done. The returned
 * function stops holding once the loop has polled for a signal that came meanwhile (a short timer
 * makes it poll; an immediate runs before the signal is read), which then ends the process with
 * the shell's code for it (130, 143).
 */
function holdSignals(): () => void {
  const held: NodeJS.Signals[] = [];
  const hold = (s: NodeJS.Signals) => held.push(s);
  process.on('SIGINT', hold).on('SIGTERM', hold);
  return () =>
    setTimeout(() => {
      process.off('SIGINT', hold).off('SIGTERM', hold);
      if (held.length) process.exit(held[0] === 'SIGINT' ? 130 : 143);
    }, 20);
}
