#!/usr/bin/env node
// lmledger: symbolic parameter and FLOP accounting for Transformer language models.
// The command line itself is src/cli/main.ts; this file only starts it, from the one-file build
// (src/cli/bundle.ts: start-up time) when there is one, else from tsc's modules.

import { existsSync } from 'node:fs';
import { BUNDLE, loadBundle } from './cli/bundle.js';

const { main } = existsSync(BUNDLE) ? loadBundle() : await import('./cli/main.js');
await main();
