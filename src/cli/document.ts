// Writing a document (sheet, answer) in a chosen format: to stdout, or to a file with its
// charts beside it. Files are written by write-files.ts: to temporary files renamed into place,
// the charts before the document, so no failure or kill leaves a lost or half-written file.

import { basename, dirname, extname, join } from 'node:path';
import { UserError } from '../errors.js';
import type { Doc, Printed } from '../doc/model.js';
import { print } from './output.js';
import { outputTarget, writeFiles } from './write-files.js';

export const FORMATS = ['html', 'md', 'tex'] as const;
export type Format = (typeof FORMATS)[number];
const BY_EXTENSION: Record<string, Format> = { '.html': 'html', '.htm': 'html', '.md': 'md', '.markdown': 'md', '.tex': 'tex' };

export function chooseFormat(format: string | undefined, out: string | undefined): Format {
  checkOutputName(out);
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

/** `-o ''` (say, an unset shell variable) is an error, not stdout; a name must name a file. */
function checkOutputName(out: string | undefined): void {
  if (out === undefined) return;
  if (out === '') throw new UserError("-o: the file name is empty; give a file name, or leave out -o to print to stdout");
  if (/[/\\]$/.test(out) || basename(out) === '.' || basename(out) === '..') throw new UserError(`-o ${out}: names a directory; give a file name such as ${join(out, 'answer.html')}`);
}

export async function render(doc: Doc, format: Format, figureDir: string): Promise<Printed> {
  if (format === 'html') return (await import('../doc/html.js')).printHtml(doc);
  if (format === 'tex') return (await import('../doc/latex.js')).printLatex(doc);
  return (await import('../doc/markdown.js')).printMarkdown(doc, { figureDir });
}

/** Prints to stdout (Markdown without its charts, which need a file to sit beside) or writes -o. */
export async function emitDocument(doc: Doc, format: Format, out: string | undefined): Promise<void> {
  checkOutputName(out);
  if (out === undefined) {
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
  const label = `-o ${out}`;
  // Through a symbolic link the document is written to the file it points at, and the charts
  // beside that file, where its relative links find them.
  const target = outputTarget(out, label);
  const files = [...printed.beside.map((b) => ({ path: join(dirname(target), b.name), content: b.content })), { path: target, content: printed.main }];
  writeFiles(files, label);
  const through = target === out ? '' : ` (a symbolic link: wrote ${target}, the file it points at)`;
  process.stderr.write(`wrote ${out}${through}${printed.beside.length ? ` and ${printed.beside.length} chart${printed.beside.length > 1 ? 's' : ''} in ${dirname(printed.beside[0]!.name)}/` : ''}\n`);
}
