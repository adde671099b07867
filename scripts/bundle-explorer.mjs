// Bundles the explorer's page script (src/explore/browser/app.ts and the engine it imports) for
// the browser into dist/explore/app.js, run by `npm run build`. The engine's node: imports are
// served by src/explore/browser/ (an in-memory formulas/ the page embeds, POSIX paths, the
// bundled mathjs), and each module's import.meta.url is its own path under /lmledger/, so
// FORMULAS_DIR and the package version resolve inside that in-memory tree. src/algebra/compile.ts
// (new Function, refused by the page's policy) is replaced by src/explore/browser/compile.ts.
import { build } from 'esbuild';
import { mkdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const browser = join(root, 'src/explore/browser');
const SHIMS = { 'node:fs': 'fs.ts', 'node:path': 'path.ts', 'node:url': 'url.ts', 'node:module': 'module.ts' };

const shims = {
  name: 'lmledger-browser',
  setup(b) {
    b.onResolve({ filter: /^node:/ }, (args) => {
      const file = SHIMS[args.path];
      if (!file) return { errors: [{ text: `${args.path} has no browser version (imported by ${relative(root, args.importer)})` }] };
      return { path: join(browser, file) };
    });
    // The compiled evaluator uses new Function, which the page's policy forbids: the browser's own.
    b.onResolve({ filter: /[\\/]algebra[\\/]compile\.js$/ }, () => ({ path: join(browser, 'compile.ts') }));
    b.onLoad({ filter: /[\\/]src[\\/].*\.ts$/ }, (args) => {
      const url = JSON.stringify(`file:///lmledger/${relative(root, args.path).replace(/\\/g, '/').replace(/\.ts$/, '.js')}`);
      return { contents: readFileSync(args.path, 'utf8').replace(/\bimport\.meta\.url\b/g, url), loader: 'ts' };
    });
  },
};

mkdirSync(join(root, 'dist/explore'), { recursive: true });
const result = await build({
  entryPoints: [join(browser, 'app.ts')],
  outfile: join(root, 'dist/explore/app.js'),
  bundle: true,
  format: 'iife',
  platform: 'browser',
  target: 'es2022',
  minify: true,
  legalComments: 'none',
  inject: [join(browser, 'process.ts')],
  plugins: [shims],
  logLevel: 'warning',
  metafile: true,
});
const bytes = Object.values(result.metafile.outputs)[0].bytes;
process.stdout.write(`bundled dist/explore/app.js (${(bytes / 1024).toFixed(0)} KiB)\n`);
