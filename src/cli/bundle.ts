// Start-up: the command line as one CommonJS file, dist/cli.cjs (scripts/build.mjs bundles
// src/cli/main.ts and everything it imports into it), compiled with V8's code cache for it,
// dist/cli.cjs.cache. The cache holds the bytecode of every function a representative run
// called (written after that run, scripts/code-cache.mjs), so a command neither parses ~150
// modules nor compiles the functions it calls one by one as it first reaches them.
//
// V8 checks the cache against the source and its own version and flags: a cache that does not
// fit (another Node.js, an edited bundle) is rejected and the source compiles as it would
// without one, so the cache can make a run faster, never different.

import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import vm from 'node:vm';
import { PACKAGE_ROOT } from '../root.js';

export const BUNDLE = join(PACKAGE_ROOT, 'dist', 'cli.cjs');
export const CODE_CACHE = `${BUNDLE}.cache`;

export interface LoadedBundle {
  /** src/cli/main.ts's main(), from the bundle. */
  main: () => Promise<void>;
  /** The compiled bundle: its createCachedData() is the code cache. */
  script: vm.Script;
  /** True when V8 refused the code cache (or there was none) and compiled the source. */
  compiled: boolean;
}

/** Compiles and runs dist/cli.cjs as Node runs a CommonJS module, with the code cache when one fits. */
export function loadBundle(): LoadedBundle {
  // latin1: the bundle is ASCII (scripts/build.mjs checks), and a copy of bytes costs less than decoding UTF-8.
  const source = readFileSync(BUNDLE, 'latin1');
  let cachedData: Buffer | undefined;
  try {
    cachedData = readFileSync(CODE_CACHE);
  } catch {
    cachedData = undefined; // no cache (a build without one): compile the source
  }
  // Node's own CommonJS wrapper, strict as the ES modules the bundle was made from.
  const script = new vm.Script(`(function (exports, require, module, __filename, __dirname) {'use strict';${source}\n})`, {
    filename: BUNDLE,
    cachedData,
  });
  const module = { exports: {} as { main?: () => Promise<void> } };
  (script.runInThisContext() as (...args: unknown[]) => void)(module.exports, createRequire(BUNDLE), module, BUNDLE, dirname(BUNDLE));
  return { main: module.exports.main!, script, compiled: !cachedData || script.cachedDataRejected === true };
}
