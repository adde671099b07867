#!/usr/bin/env node
// lmledger: symbolic parameter and FLOP accounting for Transformer language models.
// Errors a user can fix print one line and exit with code 2; nothing else is caught.

import { Command, CommanderError } from 'commander';
import { UserError, didYouMean, messageLine } from './errors.js';
import { registerAccount } from './cli/account.js';
import { registerFormulas } from './cli/formulas.js';
import { registerPresets } from './cli/presets.js';
import { registerScale } from './cli/scale.js';
import { registerStudies } from './cli/study.js';
import { registerDocuments } from './cli/documents.js';
import { registerCheck } from './cli/check.js';
import { registerTrain } from './cli/train.js';
import { registerHardware } from './cli/hardware.js';
import { registerInfer } from './cli/infer.js';
import { registerExplore } from './cli/explore.js';
import { VERSION } from './version.js';

const program = new Command('lmledger')
  .description('Parameters and FLOPs of Transformer language models as exact symbolic formulas.')
  .version(VERSION)
  .showSuggestionAfterError()
  // One line, like lmledger's own errors: "lmledger: unknown option '--x' (Did you mean --y?)".
  .configureOutput({
    outputError: (msg, write) => write(`lmledger: ${messageLine(withCloseChoices(msg.replace(/^error: /, '').trimEnd()))}\n`),
  })
  .exitOverride();

/**
 * commander's "argument 'fp3' is invalid. Allowed choices are fp32, …" with the close names that
 * every other unknown name gets (--hardware, presets, architectures): "… (did you mean fp32?)".
 */
function withCloseChoices(msg: string): string {
  const m = /'([^']*)' is invalid(?: for argument '[^']*')?\. Allowed choices are (.*)\.$/.exec(msg);
  const hint = m ? didYouMean(m[1]!, m[2]!.split(', ')) : '';
  return hint ? msg.replace(/\. Allowed choices are /, `${hint}. Allowed choices are `) : msg;
}

// The version needs no data: it answers even when a file in formulas/ is broken.
const args = process.argv.slice(2);
if (args.length === 1 && (args[0] === '--version' || args[0] === '-V')) {
  process.stdout.write(`${VERSION}\n`);
  process.exit(0);
}

try {
  // Registering reads formulas/ (the config-field flags, the conventions' choices): a broken file
  // there is a one-line error like any other, not a stack trace.
  registerFormulas(program);
  registerAccount(program);
  registerPresets(program);
  registerScale(program);
  registerStudies(program);
  registerDocuments(program);
  registerCheck(program);
  registerTrain(program);
  registerInfer(program);
  registerHardware(program);
  registerExplore(program);
  await program.parseAsync(process.argv);
} catch (e) {
  if (e instanceof CommanderError) {
    // commander has printed its own one-line message (or the help / version).
    process.exit(e.exitCode === 0 ? 0 : 2);
  }
  if (e instanceof UserError) {
    // One line, always: messages quoting a file (JSON.parse's) may carry its newlines, and
    // control characters from a file or flag must not reach the terminal as themselves.
    process.stderr.write(`lmledger: ${messageLine(e.message)}\n`);
    process.exit(2);
  }
  throw e;
}
