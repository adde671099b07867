#!/usr/bin/env node
// Writes dist/cli-bundle.cjs.cache, V8's code cache for the CLI bundle (src/cli.cts), from runs of
// a few common commands in one process, their output discarded: written after the runs, the
// cache holds the bytecode of every function they called. `account gpt2-xl-swiglu --json` is the
// command the start-up benchmark times; the others share most of its code and add their own.
// Run by scripts/build.mjs.

import { writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const { CODE_CACHE, loadBundle } = createRequire(import.meta.url)('../dist/cli.cjs');

const RUNS = [
  ['account', 'gpt2-xl-swiglu', '--json'],
  ['account', 'gpt2-xl-swiglu'],
  ['train', 'gpt2-xl-swiglu', '--json'],
  ['infer', 'llama-3-70b', '--prompt', '8192', '--generate', '1024'],
  ['formulas'],
];

const { main, script } = loadBundle();
for (const args of RUNS) {
  process.argv = [process.argv[0], 'lmledger', ...args];
  await main();
}
writeFileSync(CODE_CACHE, script.createCachedData());
