// The README's Inference example is real output: its text block is what the command it names prints
// (up to the conventions, which the README lists in prose).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, ROOT } from '../helpers/cli.js';

describe('README: the Inference section', () => {
  it('the example block is the output of the command above it', () => {
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    const section = readme.slice(readme.indexOf('## Inference'), readme.indexOf('\n## ', readme.indexOf('## Inference') + 3));
    const command = /`lmledger (infer [^`]+)`/.exec(section)![1]!;
    const block = /```text\n([\s\S]*?)\n```/.exec(section)![1]!;
    // As a user sees it: at the default width (the test helper reads text unwrapped otherwise).
    const r = cli(command.split(/\s+/), { env: { LMLEDGER_WIDTH: '' } });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout.slice(0, r.stdout.indexOf('\nConventions')).trimEnd()).toBe(block.trimEnd());
  });
});
