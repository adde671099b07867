#!/usr/bin/env node
// Build step after tsc (npm run build): bundles the CLI into one file, dist/cli-bundle.cjs, with
// V8's code cache for it, dist/cli-bundle.cjs.cache (see src/cli.cts), and writes dist/formulas.json,
// the parsed snapshot of formulas/ (see src/formulas/snapshot.ts). All three are for start-up
// time: one file compiled from its cache loads in a fraction of the time of ~150 ES modules, and
// JSON.parse is several times faster than parsing the YAML. tsc's per-module output stays in
// dist/ beside them (the library imports it; dist/cli.cjs, tsc's, starts the bundle).
//
// mathjs, katex and js-yaml stay outside the bundle: they load on first use only (differentiation,
// HTML, a formulas/ file that is not in the snapshot).

import { build } from 'esbuild';
import { chmodSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { join, relative } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { fileURLToPath } from 'node:url';
import { load as parseYaml } from 'js-yaml';

const root = fileURLToPath(new URL('../', import.meta.url));
const dist = join(root, 'dist');

// Node's own modules by require() at the first use of the module that imports them, rather than
// all at start (node:http for explore --serve, node:crypto for its hashes, …, in every command's
// start-up). node:child_process goes further, behind a proxy that requires it at its first use:
// commander requires it when it loads (for subcommands that are programs, which lmledger has
// none of), and loading it (net, dgram, …) is a few milliseconds of every start.
const lazyBuiltins = {
  name: 'lazy-node-builtins',
  setup(b) {
    b.onResolve({ filter: /^node:|^child_process$/ }, (args) =>
      args.namespace === 'lazy-node' ? { path: args.path, external: true } : { path: args.path.replace(/^(?!node:)/, 'node:'), namespace: 'lazy-node' },
    );
    b.onLoad({ filter: /.*/, namespace: 'lazy-node' }, (args) => ({
      contents:
        args.path === 'node:child_process'
          ? `let m; const get = () => (m ??= require('node:child_process')); module.exports = new Proxy({}, { get: (_, k) => get()[k], has: (_, k) => k in get(), ownKeys: () => Reflect.ownKeys(get()), getOwnPropertyDescriptor: (_, k) => Object.getOwnPropertyDescriptor(get(), k) });`
          : `module.exports = require(${JSON.stringify(args.path)});`,
      loader: 'js',
    }));
  },
};

const BUNDLE = join(dist, 'cli-bundle.cjs');
await build({
  plugins: [lazyBuiltins],
  entryPoints: [join(root, 'src/cli/main.ts')],
  outfile: BUNDLE,
  bundle: true,
  platform: 'node',
  // CommonJS, not an ES module: V8's code cache is for scripts (src/cli.cts runs it).
  format: 'cjs',
  // Plain ASCII (non-ASCII characters escaped), so that src/cli.cts reads it as latin1: a
  // copy of its bytes, without decoding 500 kB of UTF-8 at every start.
  charset: 'ascii',
  target: 'node20',
  external: ['mathjs', 'katex', 'js-yaml'],
  // Smaller to parse; names kept so that a stack trace still reads.
  minifyWhitespace: true,
  minifySyntax: true,
  // The modules find the package's files from import.meta.url (src/root.ts): the bundle's own.
  define: { 'import.meta.url': '__lmledgerModuleUrl' },
  banner: { js: "const __lmledgerModuleUrl = require('node:url').pathToFileURL(__filename).href;" },
  logLevel: 'warning',
});

// src/cli.cts reads the bundle as latin1, which is exact for ASCII only. esbuild escapes
// non-ASCII characters everywhere but in regular expression literals: write those as \u escapes.
const nonAscii = /[^\x00-\x7f]/.exec(readFileSync(BUNDLE, 'latin1'));
if (nonAscii) {
  const text = readFileSync(BUNDLE, 'utf8');
  const at = text.search(/[^\x00-\x7f]/);
  throw new Error(`dist/cli-bundle.cjs is not ASCII: ${JSON.stringify(text.slice(Math.max(0, at - 60), at + 20))} (write the character as a \\u escape in the source)`);
}

// A script compiled from a code cache has no loader for import() in Node 20: the bundle's modules
// load their dependencies with require() (createRequire), and a stray import() fails the build.
if (/\bimport\(/.test(readFileSync(BUNDLE, 'latin1'))) throw new Error('dist/cli-bundle.cjs calls import(): load the module with createRequire(import.meta.url) instead');

// The code cache: written by a run of a representative command (its output discarded) through
// the same loader the CLI uses, after the run, so that it holds the functions the run compiled.
rmSync(`${BUNDLE}.cache`, { force: true });
const cacheRun = spawnSync(process.execPath, [join(root, 'scripts/code-cache.mjs')], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'ignore', 'pipe'] });
if (cacheRun.status !== 0) throw new Error(`writing the code cache failed: ${cacheRun.stderr}`);
chmodSync(join(dist, 'cli.cjs'), 0o755);

// Every YAML file of formulas/ whose parsed value survives JSON unchanged (all of them today).
const formulas = join(root, 'formulas');
const files = {};
const walk = (dir) => {
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) walk(path);
    else if (/\.ya?ml$/.test(name)) {
      const text = readFileSync(path, 'utf8');
      const data = parseYaml(text);
      if (!isDeepStrictEqual(JSON.parse(JSON.stringify(data)), data)) continue;
      files[relative(formulas, path).split('\\').join('/')] = { text, json: JSON.stringify(data) };
    }
  }
};
walk(formulas);
// ASCII too (non-ASCII characters as JSON's \u escapes, which parse to the same text), read as latin1.
const ascii = JSON.stringify({ files }).replace(/[^\x00-\x7f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
writeFileSync(join(dist, 'formulas.json'), ascii);
