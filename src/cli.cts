#!/usr/bin/env node
// lmledger: symbolic parameter and FLOP accounting for Transformer language models.
//
// This file only starts the command line (src/cli/main.ts), as fast as Node.js allows: it is
// CommonJS, so Node never starts its ES module loader, and it runs the command line as one
// CommonJS file, dist/cli-bundle.cjs (scripts/build.mjs bundles main.ts and everything it
// imports into it), compiled from V8's code cache for it, dist/cli-bundle.cjs.cache. The cache
// holds the bytecode of every function some common commands called (written after those runs,
// scripts/code-cache.mjs), so a command neither parses ~150 modules nor compiles each function
// as it first reaches it.
//
// V8 checks the cache against the source and its own version and flags: a cache that does not
// fit (another Node.js, an edited bundle) is refused and the source compiles as it would without
// one, so the cache makes a run faster, never different. Without the bundle (tsc's output
// alone), main.ts runs from tsc's modules.

import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { Script } from 'node:vm';

export const BUNDLE = join(__dirname, 'cli-bundle.cjs');
export const CODE_CACHE = `${BUNDLE}.cache`;

type Main = () => Promise<void>;

export interface LoadedBundle {
  /** src/cli/main.ts's main(), from the bundle. */
  main: Main;
  /** The compiled bundle: its createCachedData() is the code cache. */
  script: Script;
  /** True when V8 refused the code cache (or there was none) and compiled the source. */
  compiled: boolean;
}

/** Compiles and runs dist/cli-bundle.cjs as Node runs a CommonJS module, from the code cache when it fits. */
export function loadBundle(): LoadedBundle {
  // latin1: the bundle is ASCII (scripts/build.mjs checks), and copying bytes costs less than decoding UTF-8.
  const source = readFileSync(BUNDLE, 'latin1');
  let cachedData: Buffer | undefined;
  try {
    cachedData = readFileSync(CODE_CACHE);
  } catch {
    cachedData = undefined; // no cache: compile the source
  }
  // Node's own CommonJS wrapper, strict as the ES modules the bundle was made from.
  const script = new Script(`(function (exports, require, module, __filename, __dirname) {'use strict';${source}\n})`, { filename: BUNDLE, cachedData });
  const module = { exports: {} as { main?: Main } };
  (script.runInThisContext() as (...args: unknown[]) => void)(module.exports, createRequire(BUNDLE), module, BUNDLE, __dirname);
  return { main: module.exports.main!, script, compiled: !cachedData || script.cachedDataRejected === true };
}

async function start(): Promise<void> {
  const { main } = existsSync(BUNDLE) ? loadBundle() : ((await import('./cli/main.js')) as { main: Main });
  await main();
}

// Run as the command (not when scripts/code-cache.mjs or a test requires it for loadBundle). An
// error nothing caught (a bug: users' errors end in main) is Node's unhandled rejection: its
// stack trace and exit code 1.
if (require.main === module) void start();
