// Views of a study (compare / sweep): per-point component tables, the share series across
// points and the generated finding, as terminal text, Markdown, CSV or JSON.

import type { Study, StudyPoint } from '../scaling/study.js';
import { share } from '../ledger/account.js';
import { csv } from '../print/csv.js';
import { ratio } from '../print/json.js';
import { markdownTable } from '../print/markdown-table.js';
import { digits, percent, si } from '../print/numbers.js';
import { table, type Column } from '../print/table.js';
import { listing, shareSeries, studyFinding, upperFirst } from './findings.js';
import { formulaPrinter } from '../print/formula.js';
import { relationLines, relationsJson } from './relations.js';

interface Section {
  title: string;
  columns: Column[];
  rows: string[][];
}


function symbolsLine(p: StudyPoint): string {
  return p.model.arch.symbols.map((s) => `${s.name} = ${digits(p.values[s.name]!)}`).join(', ');
}

function pointSection(p: StudyPoint): Section {
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

const convention = (study: Study) =>
  `Forward matmul FLOPs (2·m·n·p per matmul, ${study.points[0]?.model.arch.attention.title ?? 'dense attention'}, non-matmul work excluded)`;

/** For a sweep: which symbol varies and what is held fixed (a preset's derived fields included). */
function sweepLine(study: Study): string[] {
  const x = study.symbol;
  const first = study.points[0];
  if (!x || !first) return [];
  const following = study.following;
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
  const out = [`${convention(study)}, batch ${study.points[0]?.model.batch ?? 1n}.`, ...sweepLine(study), ''];
  for (const s of sections(study)) out.push(s.title, table(s.columns, s.rows), '');
  out.push(studyFinding(study));
  return out.join('\n');
}

export function studyMarkdown(study: Study): string {
  const out = [`${convention(study)}.`, ...sweepLine(study), ''];
  for (const s of sections(study)) out.push(`**${s.title}**`, '', markdownTable(s.columns, s.rows), '');
  out.push(studyFinding(study));
  return out.join('\n');
}

/** One row per point and component, plus the layer and whole-pass totals; exact integers. */
export function studyCsv(study: Study): string {
  const symbols = [...new Set(study.points.flatMap((p) => p.model.arch.symbols.map((s) => s.name)))];
  const rows: Array<Array<string | bigint | number>> = [];
  for (const p of study.points) {
    const lead = [p.label, p.model.arch.id, ...symbols.map((s) => p.values[s] ?? '')];
    for (const c of p.components) {
      const layer = c.component.scope === 'layer';
      rows.push([
        ...lead,
        c.component.id,
        c.component.scope,
        layer ? c.each : '',
        c.total,
        layer ? ratio(share(c.total, p.layers)) : '',
        ratio(share(c.total, p.total)),
      ]);
    }
    rows.push([...lead, 'layer', 'layer', p.perLayer, '', 1, '']);
    rows.push([...lead, 'total', 'model', '', p.total, '', 1]);
  }
  return csv(['point', 'architecture', ...symbols, 'component', 'scope', 'flops_per_layer', 'flops_total', 'share_of_layer', 'share_of_total'], rows);
}

export function studyJson(study: Study): Record<string, unknown> {
  return {
    kind: study.kind,
    ...(study.symbol ? { symbol: { name: study.symbol.name, config: study.symbol.config, meaning: study.symbol.meaning } } : {}),
    ...(study.following && study.points[0] ? { relations: relationsJson(study.following, formulaPrinter(study.points[0].model.arch)) } : {}),
    // A sweep is of one model: its name (points are labelled by the swept value).
    ...(study.kind === 'sweep' && study.points[0]
      ? { model: { name: study.points[0].model.label, architecture: study.points[0].model.arch.id, ...(study.points[0].model.origin ? { origin: study.points[0].model.origin } : {}) } }
      : {}),
    conventions: convention(study),
    points: study.points.map((p) => ({
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
            ...(c.component.scope === 'layer' ? { each: c.each, share_of_layer: ratio(share(c.total, p.layers)) } : {}),
            total: c.total,
            share: ratio(share(c.total, p.total)),
          },
        ]),
      ),
    })),
    shares: shareSeries(study).map((s) => ({ component: s.id, of: s.of, values: s.shares.map(ratio) })),
    finding: studyFinding(study),
  };
}
