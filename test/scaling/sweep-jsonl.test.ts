// JSON Lines (issue 12 item 5): the head of the JSON document on the first line, then one point
// per line, each equal to the point the JSON document writes; and a long text sweep points to
// the formats a program reads.
import { describe, expect, it } from 'vitest';
import { cli, parseExactJson } from '../helpers/cli.js';

function lines(args: string[]): any[] {
  const r = cli(args);
  expect(r.code, r.stderr).toBe(0);
  const out = r.stdout.trimEnd().split('\n');
  for (const l of out) expect(l.startsWith('{') && l.endsWith('}'), l.slice(0, 80)).toBe(true);
  return out.map(parseExactJson);
}

describe('--jsonl', () => {
  it.each([
    [['sweep', 'gpt2-xl-swiglu', '--T', '1024..16384*2']],
    [['sweep', 'llama-3-8b', '--d', '2048..8192*2', '--batch', '4']],
    [['sweep', 'gemma-2-2b', '--T', '1024,4096,16384']],
    [['compare', 'gpt2-small-swiglu', 'gpt2-xl-swiglu', 'mixtral-8x7b']],
  ])('%j: the JSON document, one line per point', (args) => {
    const json = parseExactJson(cli([...args, '--json']).stdout);
    const [head, ...points] = lines([...args, '--jsonl']);
    expect(points).toEqual(json.points);
    // The head is the document without its points, shares and finding (which follow from the points).
    const { points: _p, shares: _s, finding: _f, ...rest } = json;
    expect(head).toEqual(rest);
  });

  it('a sweep of 2,000 points is 2,001 lines, the last one the last value', () => {
    const [head, ...points] = lines(['sweep', 'gpt2-xl-swiglu', '--T', '1..2000', '--jsonl']);
    expect(head.kind).toBe('sweep');
    expect(points).toHaveLength(2000);
    expect(points.map((p) => p.symbols.T)).toEqual(Array.from({ length: 2000 }, (_, i) => BigInt(i + 1)));
  });

  it('is one of the formats: with --json it is refused in one line', () => {
    const r = cli(['sweep', 'gpt2', '--T', '1,2', '--json', '--jsonl']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^lmledger: choose one of --json, --jsonl, --csv, --markdown \(got --json, --jsonl\)\n$/);
  });
});

describe('a long text sweep', () => {
  it('beyond 500 points ends by pointing to --csv and --jsonl; at 500 it does not', () => {
    const long = cli(['sweep', 'gpt2-xl-swiglu', '--T', '1..501']);
    expect(long.stdout.trimEnd().split('\n').at(-1)).toBe('(501 points: --csv or --jsonl gives them in a form a program reads.)');
    const short = cli(['sweep', 'gpt2-xl-swiglu', '--T', '1..500']);
    expect(short.stdout).not.toMatch(/--jsonl/);
  });
});
