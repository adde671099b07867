// The training write-up (answer --problem …) says what `train --json` computes for the same givens:
// the two are views of one account, so the document's a, b, largest batches and time must match.
import { describe, expect, it } from 'vitest';
import { cli } from '../helpers/cli.js';
import { cliJson } from '../helpers/proof.js';

const digits = (n: bigint) => n.toString().replace(/\B(?=(\d{3})+(?!\d))/g, ',');

describe('answer --problem: the document states the training account of its givens', () => {
  const problems: Array<[string, string[]]> = [
    ['adamw', ['gpt2-xl-swiglu', '--activations', 'cs336', '--memory', '80GB', '--steps', '400000', '--batch', '1024', '--hardware', 'a100-80gb', '--mfu', '0.5']],
    ['adamw-2026', ['gpt2-xl-swiglu', '--d-ff', '4288', '--activations', 'cs336-2026', '--memory', '80GB', '--steps', '400000', '--batch', '1024', '--peak', '495e12', '--mfu', '0.5']],
  ];
  for (const [problem, train] of problems)
    it(problem, () => {
      const doc = cli(['answer', '--problem', problem, '--format', 'md']);
      expect(doc.code, doc.stderr).toBe(0);
      const j = cliJson(['train', ...train]);
      expect(doc.stdout).toContain(`a = ${digits(j.memory.per_sequence_bytes)} bytes per sequence`);
      expect(doc.stdout).toContain(`b = ${digits(j.memory.fixed_bytes)} bytes`);
      expect(doc.stdout).toContain(`the largest batch is B = ${digits(j.memory.max_batch)}`);
      expect(doc.stdout).toContain(`read as 80 GiB it would be ${digits(j.memory.other_reading.max_batch)}`);
      const hours = (j.time.hours as number).toFixed(1).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
      expect(doc.stdout).toContain(`${hours} hours`);
      expect(doc.stdout).toContain(`14N = `);
    });

  it('flags on top of a problem override its givens (another model, another convention)', () => {
    const doc = cli(['answer', '--problem', 'adamw', 'llama-3.2-1b', '--activations', 'saved', '--memory', '80GiB', '--format', 'md']);
    expect(doc.code, doc.stderr).toBe(0);
    const j = cliJson(['train', 'llama-3.2-1b', '--activations', 'saved', '--memory', '80GiB', '--batch', '1024']);
    expect(doc.stdout).toContain(`a = ${digits(j.memory.per_sequence_bytes)} bytes per sequence`);
    expect(doc.stdout).toContain('In 80 GiB');
  });
});
