// Views of a sweep written point by point: text, Markdown, CSV and JSON as generators of pieces,
// so that a sweep of a million points is streamed in constant memory (cli/output.ts stream()).
// Nothing is kept per point: the finding follows the shares as they go (SweepFinding), the
// JSON's share series are typed arrays, a table's column widths come from bounds known before
// the first row (the largest swept value; a share is at most "100.0%"; an SI count at most
// "999.99 kFLOP"). A study of a few points (library calls) goes through the same writers.

import type { SymbolDef } from '../formulas/architecture.js';
import { markdownTable } from '../print/markdown-table.js';
import { ratioOf, toJsonAt, toJsonLine } from '../print/json.js';
import { digits, percentOf, si } from '../print/numbers.js';
import { table, TEXT_WIDTH, columnGroups, type Column } from '../print/table.js';
import { fitWidth } from '../print/wrap.js';
import type { SweepValues } from '../scaling/range.js';
import type { Following } from '../scaling/relations.js';
import { sweepPoints, type Study, type StudyPoint, type SweepPlan } from '../scaling/study.js';
import { SweepFinding } from './findings.js';
import { convention, csvHeader, csvRecords, csvSymbols, pointJson, pointSection, studyJsonHead, sweepLines } from './study.js';

/** A sweep to write: its header facts and its points, which can be gone through more than once. */
export interface SweepSource {
  symbol: SymbolDef;
  following: Following;
  count: number;
  /** The largest swept value (the width of its column). */
  max: bigint;
  points(): Iterable<StudyPoint>;
}

/** A sweep compiled (sweepPlan) over a range of values (sweepValues): evaluated as it is written. */
export function planSource(plan: SweepPlan, values: SweepValues): SweepSource {
  return { symbol: plan.symbol, following: plan.following, count: values.count, max: values.max, points: () => sweepPoints(plan, values) };
}

/** A sweep already evaluated (sweepStudy). */
export function studySource(study: Study): SweepSource {
  const x = study.symbol!.name;
  return {
    symbol: study.symbol!,
    following: study.following!,
    count: study.points.length,
    max: study.points.reduce((m, p) => (p.values[x]! > m ? p.values[x]! : m), 0n),
    points: () => study.points,
  };
}

/** A sweep of at most this many points also gets a component table per point. */
export const SECTIONS_UP_TO = 8;

function first(src: SweepSource): StudyPoint {
  for (const p of src.points()) return p;
  throw new RangeError('a sweep has at least one point');
}

/** The share series of a sweep's points: each component's share of a layer or of the whole, and the layers' together. */
interface ShareColumn {
  id: string;
  of: 'a layer' | 'the whole';
  share: (p: StudyPoint) => [bigint, bigint];
}

function shareColumns(p: StudyPoint): ShareColumn[] {
  const out: ShareColumn[] = p.components.map((c, i) =>
    c.component.scope === 'layer'
      ? { id: c.component.id, of: 'a layer' as const, share: (q: StudyPoint) => [q.components[i]!.total, q.layers] as [bigint, bigint] }
      : { id: c.component.id, of: 'the whole' as const, share: (q: StudyPoint) => [q.components[i]!.total, q.total] as [bigint, bigint] },
  );
  if (p.components.some((c) => c.component.scope === 'layer') && p.components.some((c) => c.component.scope === 'model'))
    out.push({ id: 'all layers', of: 'the whole', share: (q) => [q.layers, q.total] });
  return out;
}

/** The widest an SI count prints: "999.99 kFLOP" (three integer digits, two decimals, a prefix). */
const SI_WIDTH = si(999_994_999n, 'FLOP').length;

function head(src: SweepSource, p: StudyPoint): string[] {
  return [`${convention(p)}, batch ${p.model.batch}.`, ...sweepLines(src.symbol, src.following, p)];
}

/** Beyond this many points a text sweep says that CSV or JSON Lines suit a program better. */
export const TEXT_POINTS_HINT = 500;

/** The text of a sweep: the per-point tables when few, the shares at each value one row per point, the finding. */
/** `width`: where long lines (the header, the finding) are wrapped; Infinity for one line each. */
export function* sweepText(src: SweepSource, width: number = TEXT_WIDTH): Generator<string> {
  const p0 = first(src);
  yield `${fitWidth(head(src, p0).join('\n'), width)}\n\n`;
  if (src.count <= SECTIONS_UP_TO) for (const p of src.points()) yield fitWidth(sectionText(pointSection(p)), width);
  const x = src.symbol.name;
  const shares = shareColumns(p0);
  const key: Column = { header: `${x} =`, align: 'right' };
  const cols: Column[] = [...shares.map((s) => ({ header: `${s.id}, of ${s.of}`, align: 'right' as const })), { header: 'total FLOPs', align: 'right' }];
  const widths = [Math.max(key.header.length, digits(src.max).length), ...cols.map((c, i) => Math.max(c.header.length, i < shares.length ? '100.0%'.length : SI_WIDTH))];
  // Wider than a terminal: the columns in groups, each a table of its own with the key repeated.
  const groups = columnGroups(widths, TEXT_WIDTH - 2);
  const finding = new SweepFinding(src.symbol);
  for (const [g, group] of groups.entries()) {
    const part = groups.length > 1 ? ` (columns ${group[0]}–${group[group.length - 1]} of ${cols.length})` : '';
    yield `Shares across ${x}, one row per value${part}\n`;
    const line = (cells: string[]) =>
      `  ${cells
        .map((c, k) => {
          const w = widths[k === 0 ? 0 : group[k - 1]!]!;
          return c.padStart(w);
        })
        .join('  ')}\n`;
    yield line([key.header, ...group.map((i) => cols[i - 1]!.header)]);
    let rows = '';
    for (const p of src.points()) {
      if (g === 0) finding.add(p);
      const cells = group.map((i) => {
        if (i <= shares.length) {
          const [a, b] = shares[i - 1]!.share(p);
          return percentOf(a, b);
        }
        return si(p.total, 'FLOP');
      });
      rows += line([digits(p.values[x]!), ...cells]);
      if (rows.length >= 1 << 14) {
        yield rows;
        rows = '';
      }
    }
    yield `${rows}\n`;
  }
  yield `${fitWidth(finding.finding(), width)}\n`;
  if (src.count > TEXT_POINTS_HINT) yield `\n(${digits(BigInt(src.count))} points: --csv or --jsonl gives them in a form a program reads.)\n`;
}

function sectionText(s: { title: string; columns: Column[]; rows: string[][] }): string {
  return `${s.title}\n${table(s.columns, s.rows)}\n\n`;
}

export function* sweepMarkdown(src: SweepSource): Generator<string> {
  const p0 = first(src);
  yield `${head(src, p0).join('\n')}\n\n`;
  if (src.count <= SECTIONS_UP_TO)
    for (const p of src.points()) {
      const s = pointSection(p);
      yield `**${s.title}**\n\n${markdownTable(s.columns, s.rows)}\n\n`;
    }
  const x = src.symbol.name;
  const shares = shareColumns(p0);
  const columns: Column[] = [{ header: x, align: 'right' }, ...shares.map((s) => ({ header: `${s.id}, of ${s.of}`, align: 'right' as const })), { header: 'total FLOPs', align: 'right' }];
  // The header and rule of a pipe table, then its rows as they come.
  yield `**Shares across ${x}, one row per value**\n\n${markdownTable(columns, [])}\n`;
  const finding = new SweepFinding(src.symbol);
  let rows = '';
  for (const p of src.points()) {
    finding.add(p);
    const cells = shares.map((s) => percentOf(...s.share(p)));
    rows += `| ${[digits(p.values[x]!), ...cells, si(p.total, 'FLOP')].join(' | ')} |\n`;
    if (rows.length >= 1 << 14) {
      yield rows;
      rows = '';
    }
  }
  yield `${rows}\n${finding.finding()}\n`;
}

export function* sweepCsv(src: SweepSource): Generator<string> {
  const symbols = csvSymbols([first(src)]);
  yield `${csvHeader(symbols)}\n`;
  let rows = '';
  for (const p of src.points()) {
    rows += csvRecords(p, symbols);
    if (rows.length >= 1 << 16) {
      yield rows;
      rows = '';
    }
  }
  yield rows;
}

/**
 * JSON Lines: the head of the JSON document (kind, symbol, relations, model, conventions) on the
 * first line, then one point per line, exactly as the JSON document writes each point.
 */
export function* sweepJsonLines(src: SweepSource): Generator<string> {
  yield `${toJsonLine(studyJsonHead('sweep', src.symbol, src.following, first(src)))}\n`;
  let rows = '';
  for (const p of src.points()) {
    rows += `${toJsonLine(pointJson(p))}\n`;
    if (rows.length >= 1 << 16) {
      yield rows;
      rows = '';
    }
  }
  yield rows;
}

/** The JSON document of studyJson, written point by point; the share series are kept as typed arrays until the end. */
export function* sweepJson(src: SweepSource): Generator<string> {
  const p0 = first(src);
  const headObject = studyJsonHead('sweep', src.symbol, src.following, p0);
  const inner = '  ';
  yield `{\n${Object.entries(headObject)
    .map(([k, v]) => `${inner}${JSON.stringify(k)}: ${toJsonAt(v, inner)}`)
    .join(',\n')},\n${inner}"points": [\n`;
  const shares = shareColumns(p0);
  const values = shares.map(() => new Float64Array(src.count));
  const finding = new SweepFinding(src.symbol);
  let i = 0;
  let rows = '';
  for (const p of src.points()) {
    finding.add(p);
    shares.forEach((s, k) => (values[k]![i] = ratioOf(...s.share(p))));
    rows += `${i ? ',\n' : ''}${inner}${inner}${toJsonAt(pointJson(p), inner + inner)}`;
    i++;
    if (rows.length >= 1 << 16) {
      yield rows;
      rows = '';
    }
  }
  yield `${rows}\n${inner}],\n`;
  const series = shares.map((s, k) => ({ component: s.id, of: s.of, values: values[k]! }));
  yield `${inner}"shares": ${series.length ? '[\n' : '[]'}`;
  const d = inner.repeat(3);
  for (const [k, s] of series.entries()) {
    yield `${inner}${inner}{\n${d}"component": ${JSON.stringify(s.component)},\n${d}"of": ${JSON.stringify(s.of)},\n${d}"values": [\n`;
    let text = '';
    for (let j = 0; j < s.values.length; j++) {
      text += `${j ? ',\n' : ''}${d}${inner}${JSON.stringify(s.values[j])}`;
      if (text.length >= 1 << 16) {
        yield text;
        text = '';
      }
    }
    yield `${text}\n${d}]\n${inner}${inner}}${k < series.length - 1 ? ',' : ''}\n`;
  }
  yield `${series.length ? `${inner}]` : ''},\n${inner}"finding": ${JSON.stringify(finding.finding())}\n}\n`;
}
