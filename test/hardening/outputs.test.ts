// Output paths (issue 12, item 1): -o never loses or half-writes a file. What is at the path
// decides: a regular file is replaced in one rename keeping its mode; a symbolic link is written
// through (the link stays, its target gets the document); a FIFO, socket, device or directory is
// refused before anything is written. Failures are simulated with the writer's fault hook
// (LMLEDGER_TEST_FAULT=N:kill|fail|term at the Nth temporary write or rename), and after each the
// files on disk are compared with the old and the new output of two real runs.
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, closeSync, existsSync, openSync, lstatSync, mkdirSync, readdirSync, readFileSync, readlinkSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cli, ROOT } from '../helpers/cli.js';
import { expectUserError } from '../helpers/errors.js';
import { listing, read, tempDir } from '../helpers/documents.js';

const root = tempDir('outputs');
afterAll(() => rmSync(root, { recursive: true, force: true }));
let n = 0;
const workdir = () => {
  const d = join(root, `case-${++n}`);
  mkdirSync(d);
  return d;
};
const isRoot = process.geteuid?.() === 0;

/** Runs the CLI with the write fault hook set. */
function runWithFault(args: string[], cwd: string, fault: string) {
  const r = spawnSync(process.execPath, [join(ROOT, 'dist/cli.cjs'), ...args], { cwd, encoding: 'utf8', env: { ...process.env, LMLEDGER_TEST_FAULT: fault } });
  return { code: r.status, signal: r.signal, stderr: r.stderr };
}

/** Every file under `dir` with its content (directories as ''), hidden temporaries listed too. */
function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string) => {
    for (const name of readdirSync(d).sort()) {
      const p = join(d, name);
      const rel = p.slice(dir.length + 1);
      if (statSync(p).isDirectory()) {
        out[`${rel}/`] = '';
        walk(p);
      } else out[rel] = readFileSync(p, 'utf8');
    }
  };
  walk(dir);
  return out;
}

const images = (md: string) => [...md.matchAll(/!\[[^\]]*\]\(([^)\s]+)\)/g)].map((m) => decodeURI(m[1]!));

describe('-o names that are not a file to write', () => {
  it("-o '' is an error, not stdout", () => expectUserError(['answer', '-o', ''], /^lmledger: -o: the file name is empty/));
  it("-o '' on sheet too", () => expectUserError(['sheet', '-o', ''], /-o: the file name is empty/));
  it('-o ending in / names a directory', () => expectUserError(['answer', '--format', 'md', '-o', 'out/'], /-o out\/: names a directory/));
  it('a missing parent directory is named', () => {
    const d = workdir();
    expectUserError(['answer', '-o', join(d, 'no/such/a.md')], new RegExp(`directory ${d}/no/such does not exist`));
    expect(readdirSync(d)).toEqual([]);
  });
});

describe('what is at the path', () => {
  it('a FIFO is refused without being opened (no hang) and stays a FIFO', () => {
    const d = workdir();
    const fifo = join(d, 'answer.md');
    execFileSync('mkfifo', [fifo]);
    expectUserError(['answer', '-o', fifo], /cannot write .*answer\.md: it is a named pipe \(FIFO\); lmledger writes only regular files/);
    expect(lstatSync(fifo).isFIFO()).toBe(true);
    expect(readdirSync(d)).toEqual(['answer.md']);
  });

  it('a socket is refused and stays a socket', async () => {
    const d = workdir();
    const sock = join(d, 'answer.html');
    const server = createServer();
    await new Promise<void>((res) => server.listen(sock, res));
    try {
      expectUserError(['answer', '-o', sock], /it is a socket/);
      expect(lstatSync(sock).isSocket()).toBe(true);
    } finally {
      server.close();
    }
  });

  it.skipIf(!isRoot)('a device node is refused and stays a device (root only: mknod a copy of /dev/null)', () => {
    const d = workdir();
    const dev = join(d, 'answer.tex');
    execFileSync('mknod', [dev, 'c', '1', '3']);
    expectUserError(['answer', '-o', dev], /it is a device/);
    expect(lstatSync(dev).isCharacterDevice()).toBe(true);
  });

  it('a directory is refused, its content untouched', () => {
    const d = workdir();
    mkdirSync(join(d, 'answer.md'));
    writeFileSync(join(d, 'answer.md', 'keep'), 'keep');
    expectUserError(['answer', '-o', 'answer.md'], /cannot write answer\.md: it is a directory/, { cwd: d });
    expect(snapshot(d)).toEqual({ 'answer.md/': '', 'answer.md/keep': 'keep' });
  });

  it('a symbolic link is written through: the link stays, its target gets the document, and the message says so', () => {
    const d = workdir();
    mkdirSync(join(d, 'real'));
    writeFileSync(join(d, 'real', 'doc.md'), 'old\n');
    symlinkSync('real/doc.md', join(d, 'answer.md'));
    const r = cli(['answer', '-o', 'answer.md'], { cwd: d });
    expect(r.code, r.stderr).toBe(0);
    const charts = images(read(join(d, 'real/doc.md'))).length;
    expect(charts).toBeGreaterThan(1);
    expect(r.stderr).toBe(`wrote answer.md (a symbolic link: wrote ${join(d, 'real/doc.md')}, the file it points at) and ${charts} charts in answer-figures/\n`);
    expect(lstatSync(join(d, 'answer.md')).isSymbolicLink()).toBe(true);
    expect(readlinkSync(join(d, 'answer.md'))).toBe('real/doc.md');
    const fresh = workdir();
    cli(['answer', '-o', 'answer.md'], { cwd: fresh });
    expect(read(join(d, 'real/doc.md')) === read(join(fresh, 'answer.md'))).toBe(true);
    // The charts sit beside the file written, where its relative links point.
    for (const t of images(read(join(d, 'real/doc.md')))) expect(existsSync(join(d, 'real', t)), t).toBe(true);
  });

  it('a link to nothing, and a link to a directory, are refused', () => {
    const d = workdir();
    symlinkSync('missing.md', join(d, 'a.md'));
    expectUserError(['answer', '-o', 'a.md'], /a\.md: it is a symbolic link to a file that does not exist/, { cwd: d });
    mkdirSync(join(d, 'sub'));
    symlinkSync('sub', join(d, 'b.html'));
    expectUserError(['answer', '-o', 'b.html'], /b\.html: it is a symbolic link to .*sub, which is a directory/, { cwd: d });
    expect(existsSync(join(d, 'missing.md'))).toBe(false);
  });

  it('/dev/stdout, /proc/self/fd/1 and a link to /dev/stdout are refused: they name open files, not places', () => {
    expectUserError(['answer', '--format', 'md', '-o', '/dev/stdout'], /cannot write \/dev\/stdout: lmledger writes no file under \/dev or \/proc \(to print to stdout, leave out -o\)/);
    expectUserError(['answer', '--format', 'md', '-o', '/proc/self/fd/1'], /writes no file under \/dev or \/proc/);
    const d = workdir();
    symlinkSync('/dev/stdout', join(d, 'out.md'));
    expectUserError(['answer', '-o', 'out.md'], /out\.md: it is a symbolic link to \/proc\/.*writes no file under \/dev or \/proc/, { cwd: d });
    // With stdout redirected to a regular file, /dev/stdout leads to that file: still refused, the file and its directory untouched.
    const out = join(d, 'redirected.txt');
    writeFileSync(out, 'before\n');
    const fd = openSync(out, 'a');
    try {
      const r = spawnSync(process.execPath, [join(ROOT, 'dist/cli.cjs'), 'answer', '--format', 'md', '-o', '/dev/stdout'], { cwd: d, stdio: ['ignore', fd, 'pipe'], encoding: 'utf8' });
      expect(r.status).toBe(2);
      expect(r.stderr).toMatch(/writes no file under \/dev or \/proc/);
    } finally {
      closeSync(fd);
    }
    expect(read(out)).toBe('before\n');
    expect(readdirSync(d).sort()).toEqual(['out.md', 'redirected.txt']);
  });

  it('an existing file keeps its mode (0600 stays 0600, 0640 stays 0640)', () => {
    const d = workdir();
    for (const [name, mode] of [['a.html', 0o600], ['b.tex', 0o640]] as const) {
      writeFileSync(join(d, name), 'old');
      chmodSync(join(d, name), mode);
      expect(cli(['answer', '-o', name], { cwd: d }).code).toBe(0);
      expect(statSync(join(d, name)).mode & 0o7777).toBe(mode);
      expect(read(join(d, name))).not.toBe('old');
    }
  });

  it.skipIf(isRoot)('a read-only directory: refused, saying why, the old file intact (not as root: root may write anyway)', () => {
    const d = workdir();
    writeFileSync(join(d, 'answer.html'), 'old');
    chmodSync(d, 0o555);
    try {
      expectUserError(['answer', '-o', 'answer.html'], /cannot write .*EACCES.*temporary file beside answer\.html.*nothing was changed/, { cwd: d });
      expect(read(join(d, 'answer.html'))).toBe('old');
      expect(readdirSync(d)).toEqual(['answer.html']);
    } finally {
      chmodSync(d, 0o755);
    }
  });
});

describe('a write that fails or is killed at any step (Markdown with its charts: a temporary write and a rename per file)', () => {
  // The old output is another model's write-up, so that every file differs between old and new.
  const OLD_ARGS = ['answer', 'gpt2-small-swiglu', '--sizes', 'gpt2-small-swiglu,gpt2-medium-swiglu', '-o', 'answer.md'];
  const NEW_ARGS = ['answer', '-o', 'answer.md'];
  const base = workdir();
  const oldDir = join(base, 'old');
  const newDir = join(base, 'new');
  mkdirSync(oldDir);
  mkdirSync(newDir);
  expect(cli(OLD_ARGS, { cwd: oldDir }).code).toBe(0);
  expect(cli(NEW_ARGS, { cwd: newDir }).code).toBe(0);
  const OLD = snapshot(oldDir);
  const NEW = snapshot(newDir);
  // Each file (the document and each chart beside it) is one temporary write and one rename.
  const FILES = Object.keys(NEW).filter((k) => !k.endsWith('/')).length;
  const STEPS = 2 * FILES;

  it('the write-up has charts beside it, so a write has several steps', () => expect(FILES).toBeGreaterThan(2));

  it('old and new differ in every file and have the same names', () => {
    expect(Object.keys(OLD)).toEqual(Object.keys(NEW));
    for (const k of Object.keys(OLD)) if (!k.endsWith('/')) expect(OLD[k] === NEW[k], k).toBe(false);
  });

  /** A copy of the old output in a fresh directory. */
  function withOld(): string {
    const d = workdir();
    for (const [k, v] of Object.entries(OLD)) k.endsWith('/') ? mkdirSync(join(d, k), { recursive: true }) : writeFileSync(join(d, k), v);
    return d;
  }

  it.each(Array.from({ length: STEPS }, (_, k) => k + 1))('an error at step %i changes nothing and leaves no temporary file', (step) => {
    const d = withOld();
    const r = runWithFault(NEW_ARGS, d, `${step}:fail`);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^lmledger: -o answer\.md: cannot write.*: EIO; nothing was changed\n$/);
    expect(snapshot(d)).toEqual(OLD);
  });

  it.each(Array.from({ length: STEPS }, (_, k) => k + 1))('killed outright (SIGKILL) at step %i: each file whole, old or new, and every linked chart present', (step) => {
    const d = withOld();
    const r = runWithFault(NEW_ARGS, d, `${step}:kill`);
    expect(r.signal).toBe('SIGKILL');
    const now = snapshot(d);
    // Only hidden temporaries (which a kill cannot clean) may be extra.
    const visible = Object.keys(now).filter((k) => !/(^|\/)\.[^/]*\.lmledger-\d+-[0-9a-f]+\.(tmp|old)$/.test(k));
    expect(visible).toEqual(Object.keys(OLD));
    for (const k of visible) expect(now[k] === OLD[k] || now[k] === NEW[k], `${k} is whole`).toBe(true);
    // The main file is replaced last: until then it is the old one.
    expect(now['answer.md'] === (step === STEPS ? NEW : OLD)['answer.md']).toBe(true);
    for (const t of images(now['answer.md']!)) expect(now[t], `${t} linked by answer.md`).toBeDefined();
  });

  it.each([1, 5, 8])('SIGTERM at step %i waits for the write to finish, then ends the process (143), no temporary left', (step) => {
    const d = withOld();
    const r = runWithFault(NEW_ARGS, d, `${step}:term`);
    expect(r.code).toBe(143);
    expect(snapshot(d)).toEqual(NEW);
  });

  it('a write with no fault gives exactly the new output over the old', () => {
    const d = withOld();
    expect(runWithFault(NEW_ARGS, d, '').code).toBe(0);
    expect(snapshot(d)).toEqual(NEW);
    expect(listing(d)).toEqual(listing(newDir));
  });
});
