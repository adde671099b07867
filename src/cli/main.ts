// lmledger's command line: the commands, their loading, and how errors end a run. Errors a user
// can fix print one line and exit with code 2; nothing else is caught. Started by src/cli.ts.

import { Command, CommanderError } from 'commander';
import { UserError, didYouMean, messageLine } from '../errors.js';
import { VERSION } from '../version.js';
import { textWidth, writeStdout } from './output.js';
import { setTableWidth } from '../print/table.js';

type Register = (program: Command) => void;

/**
 * Each command's module, by the command names it registers, in the order help lists them. A
 * command loads only its own module (and what that imports): start-up is most of what a short
 * answer costs, and no command needs the others' code. Help, and a name that is not here (a typo
 * commander will suggest a fix for), load them all.
 */
const COMMANDS: Array<[names: string[], load: () => Promise<Register>]> = [
  [['formulas'], async () => (await import('./formulas.js')).registerFormulas],
  [['account'], async () => (await import('./account.js')).registerAccount],
  [['presets'], async () => (await import('./presets.js')).registerPresets],
  [['scale'], async () => (await import('./scale.js')).registerScale],
  [['compare', 'sweep'], async () => (await import('./study.js')).registerStudies],
  [['sheet', 'answer'], async () => (await import('./documents.js')).registerDocuments],
  [['check'], async () => (await import('./check.js')).registerCheck],
  [['train'], async () => (await import('./train.js')).registerTrain],
  [['infer'], async () => (await import('./infer.js')).registerInfer],
  [['hardware'], async () => (await import('./hardware.js')).registerHardware],
  [['explore'], async () => (await import('./explore.js')).registerExplore],
];

function newProgram(): Command {
  return (
    new Command('lmledger')
      .description('Parameters and FLOPs of Transformer language models as exact symbolic formulas.')
      .version(VERSION)
      .showSuggestionAfterError()
      // One line, like lmledger's own errors: "lmledger: unknown option '--x' (Did you mean --y?)".
      .configureOutput({
        // Help as every answer is written (output.ts: without creating process.stdout).
        writeOut: writeStdout,
        outputError: (msg, write) => write(`lmledger: ${messageLine(withCloseChoices(msg.replace(/^error: /, '').trimEnd()))}\n`),
      })
      .exitOverride()
  );
}

/**
 * commander's "argument 'fp3' is invalid. Allowed choices are fp32, …" with the close names that
 * every other unknown name gets (--hardware, presets, architectures): "… (did you mean fp32?)".
 */
function withCloseChoices(msg: string): string {
  const m = /'([^']*)' is invalid(?: for argument '[^']*')?\. Allowed choices are (.*)\.$/.exec(msg);
  const hint = m ? didYouMean(m[1]!, m[2]!.split(', ')) : '';
  return hint ? msg.replace(/\. Allowed choices are /, `${hint}. Allowed choices are `) : msg;
}

/** Runs the command line in process.argv to its end (or exits: --version, a user's error). */
export async function main(): Promise<void> {
  // The version needs no data: it answers even when a file in formulas/ is broken.
  const args = process.argv.slice(2);
  if (args.length === 1 && (args[0] === '--version' || args[0] === '-V')) {
    writeStdout(`${VERSION}\n`);
    process.exit(0);
  }

  const program = newProgram();
  try {
    // Registering reads formulas/ (the config-field flags, the conventions' choices): a broken file
    // there is a one-line error like any other, not a stack trace.
    // LMLEDGER_WIDTH: where text tables are cut into sections (and long lines wrapped, output.ts).
    setTableWidth(textWidth());
    const own = COMMANDS.filter(([names]) => names.includes(args[0] ?? ''));
    for (const [, load] of own.length ? own : COMMANDS) (await load())(program);
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
}
