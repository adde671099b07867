// CSV and Markdown views of compare / sweep (CLI): the CSV parses (RFC 4180; every row has as many
// columns as the header) and its exact integers equal the JSON's and the hand formula of
// test/helpers/scaling.ts; the Markdown is a pipe table with right-aligned ('---:') number columns.
import { describe, expect, it } from 'vitest';
import { cli, parseExactJson } from '../helpers/cli.js';
import { handFlops, parseCsv, PRESET_SYMBOLS, PRESETS, XL } from '../helpers/scaling.js';

function csvAndJson(args: string[]) {
  const csv = cli([...args, '--csv']);
  const json = cli([...args, '--json']);
  expect(csv.code, csv.stderr).toBe(0);
  expect(json.code, json.stderr).toBe(0);
  const rows = parseCsv(csv.stdout);
  const [header, ...body] = rows;
  return { header: header!, body, doc: parseExactJson(json.stdout) };
}

describe.each([
  ['sweep gpt2-xl-swiglu --T 1024,16384', ['sweep', 'gpt2-xl-swiglu', '--T', '1024,16384']],
  ['compare gpt2-small … xl', ['compare', ...PRESETS]],
])('%s --csv', (_name, args) => {
  const { header, body, doc } = csvAndJson(args);
  const col = (name: string) => header.indexOf(name);

  it('has the documented header and as many columns on every row', () => {
    // B: the batch every FLOP count is for (1 unless --batch), stated on every row.
    expect(header).toEqual(['point', 'architecture', 'B', 'L', 'T', 'd', 'f', 'h', 'V', 'component', 'scope', 'flops_per_layer', 'flops_total', 'share_of_layer', 'share_of_total']);
    for (const r of body) expect(r[col('B')]).toBe('1');
    for (const r of body) expect(r, r.join('|')).toHaveLength(header.length);
  });

  it('has one row per point and component, plus a layer and a total row per point', () => {
    expect(body).toHaveLength(doc.points.length * (3 + 2));
    expect(new Set(body.map((r) => r[0]))).toEqual(new Set(doc.points.map((p: any) => p.label)));
  });

  it('its integers are exactly the JSON integers (and the hand formula)', () => {
    for (const p of doc.points) {
      const rows = body.filter((r) => r[0] === p.label);
      const get = (component: string, column: string) => BigInt(rows.find((r) => r[col('component')] === component)![col(column)]!);
      expect(get('total', 'flops_total')).toBe(p.total);
      expect(get('layer', 'flops_per_layer')).toBe(p.per_layer);
      for (const [id, c] of Object.entries<any>(p.components)) {
        expect(get(id, 'flops_total')).toBe(c.total);
        if (c.scope === 'layer') expect(get(id, 'flops_per_layer')).toBe(c.each);
      }
      for (const s of ['L', 'T', 'd', 'f', 'h', 'V']) expect(BigInt(rows[0]![col(s)]!)).toBe(p.symbols[s]);
      const hand = handFlops(p.symbols);
      expect(get('total', 'flops_total')).toBe(hand.total);
      expect(get('attention', 'flops_per_layer')).toBe(hand.attention);
      expect(get('lm_head', 'flops_total')).toBe(hand.lmHead);
    }
  });

  it('shares equal the JSON shares', () => {
    for (const p of doc.points)
      for (const [id, c] of Object.entries<any>(p.components)) {
        const r = body.find((x) => x[0] === p.label && x[col('component')] === id)!;
        expect(Number(r[col('share_of_total')])).toBe(c.share);
        if (c.scope === 'layer') expect(Number(r[col('share_of_layer')])).toBe(c.share_of_layer);
        else expect(r[col('share_of_layer')]).toBe('');
      }
  });
});

it('CSV quotes labels that contain commas ("T = 16,384")', () => {
  const r = cli(['sweep', 'gpt2-xl-swiglu', '--T', '16384', '--csv']);
  expect(r.stdout.split('\n')[1]).toMatch(/^"T = 16,384",swiglu-mha,1,48,16384,/);
});

describe('Markdown (--markdown)', () => {
  it('sweep: pipe tables with a right-aligned rule, the exact totals and the finding', () => {
    const r = cli(['sweep', 'gpt2-xl-swiglu', '--T', '1024,16384', '--markdown']);
    expect(r.code, r.stderr).toBe(0);
    const lines = r.stdout.split('\n');
    const rules = lines.filter((l) => /^\|( ?-{3}:? ?\|)+$/.test(l));
    expect(rules.length).toBe(3); // two points and the summary
    for (const rule of rules) expect(rule).toContain('---:');
    expect(lines).toContain('| component | FLOPs per layer | of a layer | FLOPs, whole pass | of the whole |');
    expect(lines).toContain('| --- | ---: | ---: | ---: | ---: |');
    // every row of a table has as many cells as its header (tables are separated by blank lines)
    const tables = r.stdout.split('\n\n').map((b) => b.split('\n').filter((l) => l.startsWith('|'))).filter((t) => t.length);
    expect(tables).toHaveLength(3);
    for (const t of tables) {
      const cells = (l: string) => l.split('|').length - 2;
      for (const l of t) {
        expect(l.endsWith('|')).toBe(true);
        expect(cells(l), l).toBe(cells(t[0]!));
      }
    }
    expect(r.stdout).toContain('| total |  |  | 4,513,336,524,800 | 100.0% |');
    expect(r.stdout).toContain(`| total |  |  | ${handFlops({ ...XL, T: 16384n }).total.toLocaleString('en-US')} | 100.0% |`);
    // The shares at each value: one row per point.
    expect(r.stdout).toContain('| T | attention, of a layer | ffn, of a layer | lm_head, of the whole | all layers, of the whole | total FLOPs |');
    expect(r.stdout).toContain('| 1,024 | 30.6% | 69.4% | 3.6% | 96.4% | 4.51 TFLOP |');
    expect(r.stdout).toContain('| 16,384 | 67.1% | 32.9% | 1.8% | 98.2% | 149.52 TFLOP |');
    expect(r.stdout).toContain("the multi-head attention's share rises 30.6% → 67.1%");
  });

  it('compare: the share summary has one column per model, right-aligned', () => {
    const r = cli(['compare', ...PRESETS, '--markdown']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain(`| share | ${PRESETS.join(' | ')} |`);
    expect(r.stdout).toContain('| --- | ---: | ---: | ---: | ---: |');
    expect(r.stdout).toContain('| ffn, of a layer | 64.3% | 66.7% | 68.2% | 69.4% |');
    expect(r.stdout).toContain('| lm_head, of the whole | 22.6% | 10.2% | 5.8% | 3.6% |');
    expect(r.stdout).toContain(`| total |  |  | ${handFlops(PRESET_SYMBOLS['gpt2-small-swiglu']!).total.toLocaleString('en-US')} | 100.0% |`);
  });
});
