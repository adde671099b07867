#!/usr/bin/env node
// Build step after tsc (npm run build): bundles the CLI into one file, dist/cli.js, and writes
// dist/formulas.json, the parsed snapshot of formulas/ (see src/formulas/snapshot.ts).
// Both are for start-up time: one file loads in a fraction of the time of ~150 ES modules, and
// JSON.parse is several times faster than parsing the YAML. tsc's per-module output stays in
// dist/ beside them (the tests and the library import it).
//
// mathjs, katex and js-yaml stay outside the bundle: they load on first use only (differentiation,
// HTML, a formulas/ file that is not in the snapshot).

import { build } from 'esbuild';
import { chmodSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { fileURLToPath } from 'node:url';
import { load as parseYaml } from 'js-yaml';
// The hash the CLI checks the snapshot with (tsc has built it just before).
import { textHash } from '../dist/formulas/snapshot.js';

const root = fileURLToPath(new URL('../', import.meta.url));
const dist = join(root, 'dist');

// Node's own modules by require() at the first use of the module that imports them, rather than
// as the bundle's static imports (all loaded at start: node:http for explore --serve, node:crypto
// for its hashes, …, in every command's start-up).
const lazyBuiltins = {
  name: 'lazy-node-builtins',
  setup(b) {
    b.onResolve({ filter: /^node:/ }, (args) =>
      args.namespace === 'lazy-node' ? { path: args.path, external: true } : { path: args.path, namespace: 'lazy-node' },
    );
    b.onLoad({ filter: /.*/, namespace: 'lazy-node' }, (args) => ({ contents: `module.exports = require(${JSON.stringify(args.path)});`, loader: 'js' }));
  },
};

await build({
  plugins: [lazyBuiltins],
  entryPoints: [join(root, 'src/cli.ts')],
  outfile: join(dist, 'cli.js'),
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  external: ['mathjs', 'katex', 'js-yaml'],
  // Smaller to parse; names kept so that a stack trace still reads.
  minifyWhitespace: true,
  minifySyntax: true,
  // commander is CommonJS and require()s Node's modules: give the ES module bundle a require.
  banner: { js: "import { createRequire as __lmledgerRequire } from 'node:module'; const require = __lmledgerRequire(import.meta.url);" },
  logLevel: 'warning',
});
chmodSync(join(dist, 'cli.js'), 0o755);

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
      files[relative(formulas, path).split('\\').join('/')] = { hash: textHash(text), data };
    }
  }
};
walk(formulas);
writeFileSync(join(dist, 'formulas.json'), JSON.stringify({ files }));
