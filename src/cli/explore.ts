// lmledger explore: the interactive explorer, one self-contained HTML page running the engine in
// the browser; -o DIR writes DIR/index.html, --serve serves it on 127.0.0.1.

import { existsSync, mkdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Command } from 'commander';
import type { AddressInfo } from 'node:net';
import { UserError } from '../errors.js';
import { parsePositiveInteger } from '../model/spec.js';
import { writeAll } from './document.js';

const DEFAULT_PORT = 8765;

export function registerExplore(program: Command): void {
  program
    .command('explore')
    .description('the interactive explorer: one self-contained HTML page (engine, formulas and KaTeX inlined; opens offline)')
    .option('-o, --output <dir>', 'write DIR/index.html (DIR is created if missing)')
    .option('--serve', 'serve the page on 127.0.0.1 until interrupted')
    .option('--port <N>', `with --serve: the port (default ${DEFAULT_PORT}; 0 picks a free one)`)
    .action(async (opts: { output?: string; serve?: boolean; port?: string }) => {
      if (!opts.output && !opts.serve) throw new UserError('explore: give -o DIR to write DIR/index.html, or --serve to serve it on 127.0.0.1');
      if (opts.port !== undefined && !opts.serve) throw new UserError('--port: only with --serve');
      const port = opts.port === undefined ? DEFAULT_PORT : opts.port.trim() === '0' ? 0 : Number(parsePositiveInteger('--port', opts.port));
      if (port > 65535) throw new UserError(`--port: ${port} is not allowed; a port is 1 to 65535 (or 0 for any free one)`);
      // Loaded here, not at the top: no other command pays for the page's modules.
      const { explorerPage } = await import('../explore/page.js');
      const html = explorerPage();
      if (opts.output) {
        const dir = opts.output;
        if (existsSync(dir) && !statSync(dir).isDirectory()) throw new UserError(`-o ${dir}: is not a directory (explore writes DIR/index.html)`);
        if (!existsSync(dir)) {
          try {
            mkdirSync(dir, { recursive: true });
          } catch (e) {
            throw new UserError(`-o ${dir}: cannot create the directory: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
          }
        }
        writeAll(join(dir, 'index.html'), { main: html, beside: [] });
      }
      if (opts.serve) {
        const { servePage } = await import('../explore/serve.js');
        const server = await servePage(html, port);
        const { port: actual } = server.address() as AddressInfo;
        process.stderr.write(`serving the explorer at http://127.0.0.1:${actual}/ (Ctrl-C stops it)\n`);
      }
    });
}
