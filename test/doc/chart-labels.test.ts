// The charts of the write-up say what the text says, in one colour per component, with labels
// that never overlap, for several kinds of model (GPT-2 with learned positions and tied head,
// SwiGLU, grouped-query Llama, a mixture of experts, latent attention):
// - no two labels overlap: checked on the scene (src/chart/scene.ts) and, independently, on the
//   SVG the CLI writes, whose <text> elements are parsed and boxed from their font size and
//   length (0.6 em a character; ascent 0.8 em, descent 0.25 em), rotations included;
// - one colour per component across every chart of a document (read from the SVG legends);
// - the bars plot the table's numbers: each segment's tooltip is the share the table beside it
//   prints, column "<component> of a layer" or "of the whole";
// - the asked lengths (T = 1,024 and 16,384 by default) are marked on the charts of (e).
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { overlappingLabels } from '../../src/chart/scene.js';
import type { Doc } from '../../src/doc/model.js';
import { account } from '../../src/ledger/account.js';
import { presets } from '../../src/model/presets.js';
import { resolveModel } from '../../src/model/spec.js';
import { answer } from '../../src/report/answer.js';
import { cli } from '../helpers/cli.js';
import { tempDir } from '../helpers/documents.js';

// [preset, the other length for (e)]: 16,384, or twice the model's own when that is longer (the
// CLI's default); GPT-2's learned positions stop at 1,024, so it is asked about a shorter one.
const MODELS: Array<[string, bigint]> = [
  ['gpt2', 256n],
  ['gpt2-xl-swiglu', 16_384n],
  ['llama-3-8b', 16_384n],
  ['mixtral-8x7b', 65_536n],
  ['deepseek-v2-lite', 16_384n],
  ['qwen3-30b-a3b', 81_920n],
];

const dir = tempDir('chart-labels');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The write-up as `lmledger answer MODEL` builds it: the preset's family as the sizes, smallest first. */
function answerOf(preset: string, longT: bigint): Doc {
  const model = resolveModel({ preset });
  const family = [...presets().values()].filter((p) => p.family === model.preset!.family).map((p) => (p.name === preset ? model : resolveModel({ preset: p.name })));
  const sizes = family.map((m) => ({ m, n: account(m).params.total.value })).sort((a, b) => (a.n < b.n ? -1 : 1)).map((x) => x.m);
  return answer({ model, sizes, longT });
}

interface SvgText {
  text: string;
  corners: Array<[number, number]>;
}

const unescape = (s: string) => s.replace(/&#(\d+);/g, (_, c: string) => String.fromCharCode(Number(c)));

/** Every <text> of an SVG, boxed from its attributes alone. */
function svgTexts(svg: string): SvgText[] {
  const rootSize = Number(/<svg [^>]*font-size="([\d.]+)"/.exec(svg)![1]);
  return [...svg.matchAll(/<text ([^>]*)>(?:<title>[^<]*<\/title>)?([^<]*)<\/text>/g)].map((m) => {
    const attr = (name: string) => new RegExp(`(?:^| )${name}="([^"]*)"`).exec(m[1]!)?.[1];
    const text = unescape(m[2]!);
    const [x, y] = [Number(attr('x')), Number(attr('y'))];
    const size = Number(attr('font-size') ?? rootSize);
    const w = [...text].length * size * 0.6;
    const anchor = attr('text-anchor') ?? 'start';
    const x0 = anchor === 'start' ? 0 : anchor === 'middle' ? -w / 2 : -w;
    const rot = /rotate\(([-\d.]+) ([-\d.]+) ([-\d.]+)\)/.exec(attr('transform') ?? '');
    const a = rot ? (Number(rot[1]) * Math.PI) / 180 : 0;
    const local: Array<[number, number]> = [[x0, -0.8 * size], [x0 + w, -0.8 * size], [x0 + w, 0.25 * size], [x0, 0.25 * size]];
    // rotate(a cx cy) about the text's own (x, y), as the chart writes it.
    return { text, corners: local.map(([u, v]) => [x + u * Math.cos(a) - v * Math.sin(a), y + u * Math.sin(a) + v * Math.cos(a)] as [number, number]) };
  });
}

/** Separating axes: two convex quadrilaterals overlap unless some edge normal separates them. */
function overlap(p: Array<[number, number]>, q: Array<[number, number]>): boolean {
  for (const poly of [p, q])
    for (let i = 0; i < 4; i++) {
      const [a, b] = [poly[i]!, poly[(i + 1) % 4]!];
      const n = [a[1] - b[1], b[0] - a[0]];
      const pp = p.map(([x, y]) => x * n[0]! + y * n[1]!);
      const qq = q.map(([x, y]) => x * n[0]! + y * n[1]!);
      if (Math.max(...pp) <= Math.min(...qq) || Math.max(...qq) <= Math.min(...pp)) return false;
    }
  return true;
}

function overlapsIn(svg: string): string[] {
  const texts = svgTexts(svg);
  const out: string[] = [];
  for (let i = 0; i < texts.length; i++) for (let j = i + 1; j < texts.length; j++) if (overlap(texts[i]!.corners, texts[j]!.corners)) out.push(`'${texts[i]!.text}' × '${texts[j]!.text}'`);
  return out;
}

/** Legend entries of an SVG: the swatch (a 14×12 rect or a short line) and the name after it. */
function legend(svg: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const m of svg.matchAll(/<(?:rect [^>]*width="14" height="12" fill="(#[0-9A-Fa-f]{6})"|line [^>]*stroke="(#[0-9A-Fa-f]{6})" stroke-width="2.5")[^>]*\/>\n<text [^>]*>(?:<title>([^<]*)<\/title>)?([^<]*)<\/text>/g))
    out.set(unescape(m[3] ?? m[4]!), (m[1] ?? m[2]!).toUpperCase());
  return out;
}

describe.each(MODELS)('the charts of answer %s', (model, longT) => {
  const md = join(dir, `${model}.md`);
  const run = cli(['answer', model, '--long-context', String(longT), '-o', md]);
  const T0 = resolveModel({ preset: model }).values.T!;
  const figures = join(dir, `${model}-figures`);
  const svgs = run.code === 0 ? readdirSync(figures).map((f) => ({ name: f, svg: readFileSync(join(figures, f), 'utf8') })) : [];

  it('are written', () => {
    expect(run.code, run.stderr).toBe(0);
    expect(svgs.map((s) => s.name)).toContain('flops-vs-context.svg');
    expect(svgs.length).toBeGreaterThanOrEqual(3);
  });

  it('have no two labels overlapping: in the scene', () => {
    const doc = answerOf(model, longT);
    for (const b of doc.blocks) if (b.kind === 'figure') expect(overlappingLabels(b.chart), b.name).toEqual([]);
  });

  it('have no two labels overlapping: in the SVG text boxes', () => {
    for (const { name, svg } of svgs) expect(overlapsIn(svg), name).toEqual([]);
  });

  it('give a component one colour in every chart, and two components two colours', () => {
    const seen = new Map<string, string>();
    for (const { name, svg } of svgs)
      for (const [entry, colour] of legend(svg)) {
        expect(seen.get(entry) ?? colour, `${entry} in ${name}`).toBe(colour);
        seen.set(entry, colour);
      }
    expect(seen.size).toBeGreaterThanOrEqual(4);
    const byColour = new Map<string, string[]>();
    for (const [entry, colour] of seen) byColour.set(colour, [...(byColour.get(colour) ?? []), entry]);
    // Lines past seven colours repeat one with a dash; none of these models has that many.
    for (const [colour, entries] of byColour) expect(entries, colour).toHaveLength(1);
  });

  it('plot the shares the table of (e) prints', () => {
    const text = readFileSync(md, 'utf8');
    const section = text.slice(text.indexOf('## (e)'));
    const table = section.split('\n').filter((l) => l.startsWith('|'));
    // The table of shares across T: its header names "`id` of a layer" / "`id` of the whole".
    const headerAt = table.findIndex((l) => / of a layer \|/.test(l) && l.startsWith('| T |'));
    expect(headerAt).toBeGreaterThanOrEqual(0);
    const header = table[headerAt]!.split('|').slice(1, -1).map((c) => c.trim());
    const rows = table.slice(headerAt + 2).filter((l) => /^\| [\d,]+ \|/.test(l)).map((l) => l.split('|').slice(1, -1).map((c) => c.trim()));
    let checked = 0;
    for (const [of, file] of [['of a layer', 'shares-by-context-layer.svg'], ['of the whole', 'shares-by-context-whole.svg']] as const) {
      const svg = svgs.find((s) => s.name === file)?.svg;
      if (!svg) continue;
      const tips = new Map([...svg.matchAll(/<rect [^>]*><title>([^<]*), ([\d,]+): ([\d.]+)%<\/title>/g)].map((m) => [`${unescape(m[1]!)}@${m[2]}`, Number(m[3])]));
      header.forEach((h, k) => {
        const id = new RegExp(`^\`([^\`]+)\` ${of}$`).exec(h)?.[1] ?? (h === `all layers ${of}` ? 'all layers' : undefined);
        if (!id) return;
        for (const r of rows) {
          const inTable = Number(r[k]!.replace(/\\?%$/, ''));
          const inChart = tips.get(`${id}@${r[0]}`) ?? 0;
          expect(Math.abs(inChart - inTable), `${id} at T = ${r[0]} (${file})`).toBeLessThanOrEqual(0.051);
          checked++;
        }
      });
    }
    expect(checked).toBeGreaterThanOrEqual(8);
  });

  it('mark the lengths asked in (e)', () => {
    const line = svgs.find((s) => s.name === 'flops-vs-context.svg')!.svg;
    const labels = svgTexts(line).map((t) => t.text);
    // The asked lengths as the text writes them (digit groups), from the preset and the request.
    const grouped = (v: bigint) => v.toString().replace(/\B(?=(\d{3})+(?!\d))/g, ',');
    expect(labels).toContain(`T = ${grouped(T0)}`);
    expect(labels).toContain(`T = ${grouped(longT)}`);
    expect(line.match(/<line [^>]*stroke="#000" stroke-width="1.4"\/>/g)).toHaveLength(2); // two solid marker lines
    const bars = svgs.find((s) => s.name === 'shares-by-context-layer.svg')!.svg;
    expect(svgTexts(bars).filter((t) => t.text === 'asked')).toHaveLength(2);
  });
});
