// How each convention of an inference answer moves its numbers: the account recomputed with one
// choice changed at a time (the KV cache's dtype, the weights' dtype, the attention convention of
// prefill, the memory read as GB or GiB), the choice used marked ✓.

import { Rational } from '../../algebra/rational.js';
import { heading, para, text, type Block, type Inline } from '../../doc/model.js';
import { ATTENTION_CONVENTIONS } from '../../formulas/conventions/attention.js';
import { inferAccount, type InferAccount, type InferRequest } from '../../inference/account.js';
import { DTYPES } from '../../ledger/dtypes.js';
import { resolveModel } from '../../model/spec.js';
import { digits, groupedDecimal, si } from '../../print/numbers.js';
import { memoryBudget } from '../../training/request.js';
import { seconds } from './text.js';

const cell = (...parts: Inline[]): Inline[] => parts;

export function conventionsMove(a: InferAccount): Block[] {
  const req = a.request;
  type Row = { convention: string; choice: string; x: InferAccount; chosen: boolean };
  const rows: Row[] = [];
  const rerun = (change: Partial<InferRequest>) => inferAccount({ ...req, ...change });
  for (const d of DTYPES) rows.push({ convention: 'KV cache dtype', choice: d.name, x: d.name === req.kv.name ? a : rerun({ kv: d }), chosen: d.name === req.kv.name });
  for (const d of DTYPES) rows.push({ convention: 'weights dtype', choice: d.name, x: d.name === req.weights.name ? a : rerun({ weights: d }), chosen: d.name === req.weights.name });
  for (const c of ATTENTION_CONVENTIONS.all()) {
    const chosen = c.name === req.model.arch.attention.name;
    rows.push({ convention: 'attention (prefill)', choice: c.name, x: chosen ? a : rerun({ model: { ...resolveModel({ ...req.model.request, attention: c.name }), label: req.model.label } }), chosen });
  }
  const other = req.memory && otherMemoryUnit(req.memory.text);
  if (req.memory && other) {
    rows.push({ convention: 'memory unit', choice: req.memory.text, x: a, chosen: true });
    rows.push({ convention: 'memory unit', choice: other.text, x: rerun({ memory: { bytes: other.bytes, text: other.text, from: req.memory.from } }), chosen: false });
  }
  const timed = a.decode.step !== undefined;
  const fit = a.fit !== undefined;
  return [
    heading(2, 'How the conventions move the answers', 'conventions-move'),
    para(
      text(
        `Each row changes one convention from the ones used above (marked ✓) and recomputes the account: the compute peak stays ${req.peak ? req.peak.from : 'unset'}, so a smaller weights dtype only shortens the reads.`,
      ),
    ),
    {
      kind: 'table',
      columns: [
        { header: [text('convention')] },
        { header: [text('choice')] },
        { header: [text('KV bytes per token')], align: 'right' },
        { header: [text('weights (bytes)')], align: 'right' },
        ...(fit ? [{ header: [text('fits')] }, { header: [text('largest batch')], align: 'right' as const }] : []),
        { header: [text('prefill FLOPs')], align: 'right' },
        ...(timed
          ? [
              { header: [text('prefill')], align: 'right' as const },
              { header: [text('decode step')], align: 'right' as const },
              { header: [text('tokens/s')], align: 'right' as const },
              { header: [text('critical batch')], align: 'right' as const },
            ]
          : []),
      ],
      rows: rows.map((r) => [
        cell(text(r.convention)),
        cell(text(`${r.choice}${r.chosen ? ' ✓' : ''}`)),
        cell(text(digits(r.x.kv.perToken.value))),
        cell(text(digits(r.x.weightBytes.value))),
        ...(fit ? [cell(text(r.x.fit!.fits ? 'yes' : 'no')), cell(text(digits(r.x.fit!.maxBatch)))] : []),
        cell(text(si(r.x.prefill.flops.value, 'FLOP'))),
        ...(timed
          ? [
              cell(text(seconds(r.x.prefill.roofline!.seconds))),
              cell(text(`${seconds(r.x.decode.step!.seconds)} (${r.x.decode.step!.bound})`)),
              cell(text(groupedDecimal(r.x.decode.tokensPerSecond!.total as Rational, 1))),
              cell(text(r.x.criticalBatch ? digits(r.x.criticalBatch.batch!) : 'none')),
            ]
          : []),
      ]),
    },
  ];
}

/** 16 GiB read as 16 GB and the other way round; none for plain bytes. */
export function otherMemoryUnit(memoryText: string): { bytes: bigint; text: string } | undefined {
  try {
    return memoryBudget(memoryText).other;
  } catch {
    return undefined; // plain bytes: no other reading
  }
}
