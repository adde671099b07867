// Writing a document (sheet, answer) in a chosen format: to stdout, or to a file with its
// charts beside it. Files are written to temporary names and renamed into place only when all
// of them are written, so a failure leaves nothing half-written behind.

import { existsSync, mkdirSync, renameSync, rmSync, rmdirSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, extname, join } from 'node:path';
import { UserError } from '../errors.js';
import type { Doc, Printed } from '../doc/model.js';
import { print } from './output.js';

export const FORMATS = ['html', 'md', 'tex'] as const;
export type Format = (typeof FORMATS)[number];
const BY_EXTENSION: Record<string, Format> = { '.html': 'html', '.htm': 'html', '.md': 'md', '.markdown': 'md', '.tex': 'tex' };

export function chooseFormat(format: string | undefined, out: string | undefined): Format {
  if (format !== undefined) {
    if (!(FORMATS as readonly string[]).includes(format))
      throw new UserError(`--format: '${format}' is not allowed; use one of ${FORMATS.join(', ')}`);
    return format as Format;
  }
  if (out) {
    const f = BY_EXTENSION[extname(out).toLowerCase()];
    if (!f) throw new UserError(`-o ${out}: cannot tell the format from '${extname(out) || 'no extension'}'; add --format ${FORMATS.join('|')}`);
    return f;
  }
  return 'md';
}

export async function render(doc: Doc, format: Format, figureDir: string): Promise<Printed> {
  if (format === 'html') return (await import('../doc/html.js')).printHtml(doc);
  if (format === 'tex') return (await import('../doc/latex.js')).printLatex(doc);
  return (await import('../doc/markdown.js')).printMarkdown(doc, { figureDir });
}

/** Prints to stdout (Markdown without its charts, which need a file to sit beside) or writes -o. */
export async function emitDocument(doc: Doc, format: Format, out: string | undefined): Promise<void> {
  if (!out) {
    const figures = doc.blocks.filter((b) => b.kind === 'figure').length;
    const shown: Doc =
      format === 'md' && figures
        ? {
            ...doc,
            blocks: [
              ...doc.blocks.filter((b) => b.kind !== 'figure'),
              { kind: 'paragraph', content: [{ kind: 'text', text: `(${figures} chart${figures > 1 ? 's' : ''} left out: write to a file with -o FILE.md to get them beside it as SVG, or use --format html.)` }] },
            ],
          }
        : doc;
    print((await render(shown, format, '')).main);
    return;
  }
  const stem = basename(out, extname(out));
  const printed = await render(doc, format, `${stem}-figures`);
  writeAll(out, printed);
}

export function writeAll(out: string, printed: Printed): void {
  const files = [...printed.beside.map((b) => ({ path: join(dirname(out), b.name), content: b.content })), { path: out, content: printed.main }];
  const fail = (why: string): never => {
    throw new UserError(`-o ${out}: ${why}`);
  };
  // Refuse up front what cannot work, before anything is touched.
  const dir = dirname(out);
  if (!existsSync(dir)) fail(`directory ${dir} does not exist`);
  if (!statSync(dir).isDirectory()) fail(`cannot write ${out}: ENOTDIR (${dir} is not a directory)`);
  for (const f of files) {
    if (existsSync(f.path) && statSync(f.path).isDirectory()) fail(`cannot write ${f.path}: EISDIR (it is a directory)`);
    const parent = dirname(f.path);
    if (existsSync(parent) && !statSync(parent).isDirectory()) fail(`cannot write ${f.path}: ENOTDIR (${parent} is not a directory)`);
  }

  // Write everything to temporary names; then move old files aside, new ones in, and only when
  // all of that worked delete the old ones. Any failure puts the old files back.
  const tag = `.lmledger-${process.pid}`;
  const madeDirs: string[] = [];
  const temps: string[] = [];
  const backups: Array<{ path: string; backup: string }> = [];
  const placed: string[] = [];
  const quietly = (f: () => void) => {
    try {
      f();
    } catch {
      // best effort: cleaning up after a failure must not hide the failure
    }
  };
  try {
    for (const f of files) {
      const d = dirname(f.path);
      if (!existsSync(d)) {
        mkdirSync(d);
        madeDirs.push(d);
      }
      const tmp = `${f.path}${tag}.tmp`;
      temps.push(tmp);
      writeFileSync(tmp, f.content);
    }
    files.forEach((f, i) => {
      if (existsSync(f.path)) {
        const backup = `${f.path}${tag}.old`;
        renameSync(f.path, backup);
        backups.push({ path: f.path, backup });
      }
      renameSync(temps[i]!, f.path);
      placed.push(f.path);
    });
  } catch (e) {
    for (const p of placed) quietly(() => rmSync(p, { force: true }));
    for (const b of backups) quietly(() => renameSync(b.backup, b.path));
    for (const t of temps) quietly(() => rmSync(t, { force: true }));
    for (const d of madeDirs.reverse()) quietly(() => rmdirSync(d));
    const err = e as NodeJS.ErrnoException;
    fail(`cannot write${err.path ? ` ${err.path}` : ''}: ${err.code ?? err.message}`);
  }
  for (const b of backups) quietly(() => rmSync(b.backup, { force: true }));
  process.stderr.write(`wrote ${out}${printed.beside.length ? ` and ${printed.beside.length} chart${printed.beside.length > 1 ? 's' : ''} in ${dirname(printed.beside[0]!.name)}/` : ''}\n`);
}
