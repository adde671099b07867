// Views of a study (compare / sweep): per-point component tables, the share series across
// points and the generated finding, as terminal text, Markdown, CSV or JSON.

import type { Study, StudyPoint } from '../scaling/study.js';
import { share } from '../ledger/account.js';
import { csvField, csvLine } from '../print/csv.js';
import { ratio, ratioOf } from '../print/json.js';
import { markdownTable } from '../print/markdown-table.js';
import { digits, percent, si } from '../print/numbers.js';
import { table, type Column } from '../print/table.js';
import { listing, shareSeries, studyFinding, upperFirst } from './findings.js';
import { formulaPrinter } from '../print/formula.js';
import { relationLines, relationsJson } from './relations.js';
import { BATCH_SYMBOL, type SymbolDef } from '../formulas/architecture.js';
import { studySource, sweepCsv, sweepMarkdown, sweepText } from './sweep.js';
import type { Following } from '../scaling/relations.js';

export interface Section {
  title: string;
  columns: Column[];
  rows: string[][];
}


function symbolsLine(p: StudyPoint): string {
  return p.model.arch.symbols.map((s) => `${s.name} = ${digits(p.values[s.name]!)}`).join(', ');
}

export function pointSection(p: StudyPoint): Section {
  const rows = p.components.map((c) => {
    const layer = c.component.scope === 'layer';
    return [
      c.component.id,
      layer ? digits(c.each) : '—',
      layer ? percent(share(c.total, p.layers)) : '—',
      digits(c.total),
      percent(share(c.total, p.total)),
    ];
  });
  rows.push(['one layer', digits(p.perLayer), '100.0%', '', '']);
  rows.push(['total', '', '', digits(p.total), '100.0%']);
  return {
    title: `${p.label}${p.model.arch.id !== p.label ? ` (${p.model.arch.id})` : ''}: ${symbolsLine(p)}; total ${si(p.total, 'FLOP')}`,
    columns: [
      { header: 'component' },
      { header: 'FLOPs per layer', align: 'right' },
      { header: 'of a layer', align: 'right' },
      { header: 'FLOPs, whole pass', align: 'right' },
      { header: 'of the whole', align: 'right' },
    ],
    rows,
  };
}

function summarySection(study: Study): Section {
  const labels = study.points.map((p) => (study.kind === 'sweep' ? digits(p.values[study.symbol!.name]!) : p.label));
  const rows = shareSeries(study).map((s) => [`${s.id}, of ${s.of}`, ...s.shares.map((x) => percent(x))]);
  rows.push(['total FLOPs', ...study.points.map((p) => si(p.total, 'FLOP'))]);
  return {
    title: `Shares across ${study.kind === 'sweep' ? `${study.symbol!.name}` : 'models'}`,
    columns: [{ header: study.kind === 'sweep' ? `${study.symbol!.name} =` : 'share' }, ...labels.map((l) => ({ header: l, align: 'right' as const }))],
    rows,
  };
}

function sections(study: Study): Section[] {
  return [...study.points.map(pointSection), summarySection(study)];
}

export const convention = (first: StudyPoint | undefined) =>
  `Forward matmul FLOPs (2·m·n·p per matmul, ${first?.model.arch.attention.title ?? 'dense attention'}, non-matmul work excluded)`;

/** For a sweep: which symbol varies and what is held fixed (a preset's derived fields included). */
export function sweepLines(x: SymbolDef, following: Following | undefined, first: StudyPoint): string[] {
  const moving = new Set([x.name, ...(following?.used.map((r) => r.symbol) ?? [])]);
  const fixed = first.model.arch.symbols.filter((s) => !moving.has(s.name)).map((s) => `${s.name} = ${digits(first.values[s.name]!)}`);
  const f = formulaPrinter(first.model.arch);
  const follows = following?.used.length ? `; ${listing(following.used.map((r) => `${r.symbol} = ${f.text(r.poly)}`))} follow${following.used.length > 1 ? '' : 's'} it` : '';
  return [
    `Model: ${first.model.label} (architecture ${first.model.arch.id})${first.model.origin ? `; ${first.model.origin}` : ''}.`,
    // Never silently partial: what of the checkpoint these counts leave out.
    ...first.model.excluded.map((e) => `Left out of every count here: ${e.part}, ${e.what}.`),
    `${x.name} varies${follows}; held fixed: ${fixed.join(', ') || 'nothing else'}.`,
    ...(following ? relationLines(following, f, { followed: false }).map((l) => `${upperFirst(l)}.`) : []),
  ];
}

export function studyText(study: Study): string {
  if (study.kind === 'sweep') return [...sweepText(studySource(study), Infinity)].join('').trimEnd();
  const out = [`${convention(study.points[0])}, batch ${study.points[0]?.model.batch ?? 1n}.`, ''];
  for (const s of sections(study)) out.push(s.title, table(s.columns, s.rows), '');
  out.push(studyFinding(study));
  return out.join('\n');
}

export function studyMarkdown(study: Study): string {
  if (study.kind === 'sweep') return [...sweepMarkdown(studySource(study))].join('').trimEnd();
  const out = [`${convention(study.points[0])}, batch ${study.points[0]?.model.batch ?? 1n}.`, ''];
  for (const s of sections(study)) out.push(`**${s.title}**`, '', markdownTable(s.columns, s.rows), '');
  out.push(studyFinding(study));
  return out.join('\n');
}

/** The symbol columns of a study's CSV: the batch B first (every FLOP count is for B sequences), then each architecture's symbols. */
export function csvSymbols(points: Iterable<StudyPoint>): string[] {
  const names = new Set<string>([BATCH_SYMBOL.name]);
  for (const p of points) for (const s of p.model.arch.symbols) names.add(s.name);
  return [...names];
}

export function csvHeader(symbols: string[]): string {
  return csvLine(['point', 'architecture', ...symbols, 'component', 'scope', 'flops_per_layer', 'flops_total', 'share_of_layer', 'share_of_total']);
}

/** A point's CSV records: one per component, then the layer and whole-pass totals; exact integers. */
export function csvRecords(p: StudyPoint, symbols: string[]): string {
  // The fields every record of the point starts with, written once.
  const lead = csvLine([p.label, p.model.arch.id, ...symbols.map((s) => (s === BATCH_SYMBOL.name ? p.model.batch : (p.values[s] ?? '')))]);
  let out = '';
  for (const c of p.components) {
    const layer = c.component.scope === 'layer';
    const each = layer ? `${c.each}` : '';
    const ofLayer = layer ? `${ratioOf(c.total, p.layers)}` : '';
    out += `${lead},${csvField(c.component.id)},${csvField(c.component.scope)},${each},${c.total},${ofLayer},${ratioOf(c.total, p.total)}\n`;
  }
  out += `${lead},layer,layer,${p.perLayer},,1,\n`;
  out += `${lead},total,model,,${p.total},,1\n`;
  return out;
}

/** One row per point and component, plus the layer and whole-pass totals; exact integers. */
export function studyCsv(study: Study): string {
  if (study.kind === 'sweep') return [...sweepCsv(studySource(study))].join('').trimEnd();
  const symbols = csvSymbols(study.points);
  return `${csvHeader(symbols)}\n${study.points.map((p) => csvRecords(p, symbols)).join('')}`.trimEnd();
}

export function pointJson(p: StudyPoint): Record<string, unknown> {
  return {
    label: p.label,
    ...(p.model.origin ? { origin: p.model.origin } : {}),
    ...(p.model.excluded.length ? { excluded: p.model.excluded.map((e) => ({ part: e.part, what: e.what })) } : {}),
    architecture: p.model.arch.id,
    symbols: p.values,
    batch: p.model.batch,
    total: p.total,
    per_layer: p.perLayer,
    components: Object.fromEntries(
      p.components.map((c) => [
        c.component.id,
        {
          scope: c.component.scope,
          ...(c.component.scope === 'layer' ? { each: c.each, share_of_layer: ratioOf(c.total, p.layers) } : {}),
          total: c.total,
          share: ratioOf(c.total, p.total),
        },
      ]),
    ),
  };
}

/** What a JSON document of a study says before its points. */
export function studyJsonHead(kind: Study['kind'], symbol: SymbolDef | undefined, following: Following | undefined, first: StudyPoint | undefined): Record<string, unknown> {
  return {
    kind,
    ...(symbol ? { symbol: { name: symbol.name, config: symbol.config, meaning: symbol.meaning } } : {}),
    ...(following && first ? { relations: relationsJson(following, formulaPrinter(first.model.arch)) } : {}),
    // A sweep is of one model: its name (points are labelled by the swept value).
    ...(kind === 'sweep' && first
      ? { model: { name: first.model.label, architecture: first.model.arch.id, ...(first.model.origin ? { origin: first.model.origin } : {}) } }
      : {}),
    conventions: convention(first),
  };
}

export function studyJson(study: Study): Record<string, unknown> {
  return {
    ...studyJsonHead(study.kind, study.symbol, study.following, study.points[0]),
    points: study.points.map(pointJson),
    shares: shareSeries(study).map((s) => ({ component: s.id, of: s.of, values: s.shares.map(ratio) })),
    finding: studyFinding(study),
  };
}
