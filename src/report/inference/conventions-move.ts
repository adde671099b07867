// How each convention of an inference answer moves its numbers: the account recomputed with one
// choice changed at a time (the KV cache's dtype, the weights' dtype, the attention convention of
// prefill, the memory read as GB or GiB), the choice used marked ✓.

import { heading, para, text, type Block, type Inline } from '../../doc/model.js';
import { ATTENTION_CONVENTIONS } from '../../formulas/conventions/attention.js';
import { inferAccount, type InferAccount, type InferRequest } from '../../inference/account.js';
import { DTYPES } from '../../ledger/dtypes.js';
import { resolveModel } from '../../model/spec.js';
import { digits, gigabytes, groupedDecimal, si } from '../../print/numbers.js';
import { BATCH_SYMBOL } from '../../formulas/architecture.js';
import { memoryBudget } from '../../training/request.js';
import { seconds } from './text.js';

const cell = (...parts: Inline[]): Inline[] => parts;

export function conventionsMove(a: InferAccount): Block[] {
  const req = a.request;
  type Row = { convention: string; choice: string; x: InferAccount; chosen: boolean };
  const rerun = (change: Partial<InferRequest>) => inferAccount({ ...req, ...change });
  const dtypes = (convention: string, used: string, change: (d: (typeof DTYPES)[number]) => Partial<InferRequest>): Row[] =>
    DTYPES.map((d) => ({ convention, choice: d.name, x: d.name === used ? a : rerun(change(d)), chosen: d.name === used }));
  const kv = dtypes('KV cache dtype', req.kv.name, (d) => ({ kv: d }));
  const weights = dtypes('weights dtype', req.weights.name, (d) => ({ weights: d }));
  const attention: Row[] = ATTENTION_CONVENTIONS.all().map((c) => {
    const chosen = c.name === req.model.arch.attention.name;
    return { convention: 'attention (prefill)', choice: c.name, x: chosen ? a : rerun({ model: { ...resolveModel({ ...req.model.request, attention: c.name }), label: req.model.label } }), chosen };
  });
  const other = req.memory && otherMemoryUnit(req.memory.text);
  const unit: Row[] =
    req.memory && other
      ? [
          { convention: 'memory unit', choice: req.memory.text, x: a, chosen: true },
          { convention: 'memory unit', choice: other.text, x: rerun({ memory: { bytes: other.bytes, text: other.text, from: req.memory.from } }), chosen: false },
        ]
      : [];
  const choice = (r: Row) => cell(text(`${r.choice}${r.chosen ? ' ✓' : ''}`));
  const blocks: Block[] = [
    heading(2, 'How the conventions move the answers', 'conventions-move'),
    para(
      text(
        `Each row changes one convention from the ones used above (marked ✓) and recomputes the account` +
          (req.peak ? `; the compute peak stays ${req.peak.from}, so another weights dtype changes only the bytes read.` : '.'),
      ),
    ),
  ];
  if (a.fit)
    blocks.push({
      kind: 'table',
      caption: `Memory at ${BATCH_SYMBOL.name} = ${digits(a.values[BATCH_SYMBOL.name]!)} and t = ${digits(a.values.t!)} tokens (GB = 10⁹ bytes)`,
      columns: [
        { header: [text('convention')] },
        { header: [text('choice')] },
        { header: [text('KV bytes per token')], align: 'right' },
        { header: [text('weights (bytes)')], align: 'right' },
        { header: [text('weights + cache')], align: 'right' },
        { header: [text('fits')] },
        { header: [text('largest batch')], align: 'right' },
      ],
      rows: [...kv, ...weights, ...unit].map((r) => [
        cell(text(r.convention)),
        choice(r),
        cell(text(digits(r.x.kv.perToken.value))),
        cell(text(digits(r.x.weightBytes.value))),
        cell(text(gigabytes(r.x.fit!.needed))),
        cell(text(r.x.fit!.fits ? 'yes' : 'no')),
        cell(text(digits(r.x.fit!.maxBatch))),
      ]),
    });
  const timed = a.decode.step !== undefined;
  blocks.push({
    kind: 'table',
    caption: timed ? 'Time: prefill, the last decode step and its bound, tokens per second of the batch, the critical batch' : 'Prefill FLOPs (give --hardware for times)',
    columns: [
      { header: [text('convention')] },
      { header: [text('choice')] },
      { header: [text('prefill FLOPs')], align: 'right' },
      ...(timed
        ? [
            { header: [text('prefill')], align: 'right' as const },
            { header: [text('decode step')], align: 'right' as const },
            { header: [text('bound')] },
            { header: [text('tokens/s')], align: 'right' as const },
            { header: [text('critical batch')], align: 'right' as const },
          ]
        : []),
    ],
    rows: [...kv, ...weights, ...attention].map((r) => [
      cell(text(r.convention)),
      choice(r),
      cell(text(si(r.x.prefill.flops.value, 'FLOP'))),
      ...(timed
        ? [
            cell(text(seconds(r.x.prefill.roofline!.seconds))),
            cell(text(seconds(r.x.decode.step!.seconds))),
            cell(text(r.x.decode.step!.bound)),
            cell(text(groupedDecimal(r.x.decode.tokensPerSecond!.total, 1))),
            cell(text(r.x.criticalBatch ? digits(r.x.criticalBatch.batch!) : 'none')),
          ]
        : []),
    ]),
  });
  return blocks;
}

/** 16 GiB read as 16 GB and the other way round; none for plain bytes. */
export function otherMemoryUnit(memoryText: string): { bytes: bigint; text: string } | undefined {
  try {
    return memoryBudget(memoryText).other;
  } catch {
    return undefined; // plain bytes: no other reading
  }
}
