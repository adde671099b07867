// `lmledger explore --serve`: the page on 127.0.0.1 only, with its policy also as a header.
// The page is the same file -o writes; the server answers / and /index.html and nothing else.
import { createServer, type Server } from 'node:http';
import { UserError } from '../errors.js';
import { pagePolicy } from './page.js';

export function servePage(html: string, port: number): Promise<Server> {
  const policy = pagePolicy(html);
  const server = createServer((req, res) => {
    const path = (req.url ?? '/').split(/[?#]/)[0];
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { allow: 'GET, HEAD' }).end();
      return;
    }
    if (path !== '/' && path !== '/index.html') {
      res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('not found: the explorer is at /\n');
      return;
    }
    res.writeHead(200, {
      'content-type': 'text/html; charset=utf-8',
      'content-security-policy': policy,
      'x-content-type-options': 'nosniff',
      'cache-control': 'no-store',
    });
    res.end(req.method === 'HEAD' ? undefined : html);
  });
  return new Promise((resolve, reject) => {
    server.once('error', (e: NodeJS.ErrnoException) =>
      reject(e.code === 'EADDRINUSE' ? new UserError(`--port ${port}: the port is in use; choose another with --port N`) : new UserError(`--serve: cannot listen on 127.0.0.1:${port}: ${e.code ?? e.message}`)),
    );
    server.listen(port, '127.0.0.1', () => resolve(server));
  });
}
