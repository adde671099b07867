// The serving section of a formula sheet: what each token caches (the KV cache per token), prefill
// as the forward pass over a prompt of T tokens with the bytes it moves, and one decode step at
// position t (every matmul at 1 token, attention over the t cached tokens) with its bytes, from the
// inference ledger; with a model, the numbers beside them at its batch (B = 1 when none was given)
// and t = T. The prompt is the sheet's own T, so every symbol keeps the one meaning the sheet
// gives it (P there is the parameter count).

import { Poly } from '../../algebra/poly.js';
import { Rational } from '../../algebra/rational.js';
import { code, displayMath, heading, math, para, text, type Block, type Inline } from '../../doc/model.js';
import { symbolOf, type Architecture } from '../../formulas/architecture.js';
import { resolveArchitecture } from '../../formulas/resolve.js';
import { GENERATED, inferenceLedger, ledgerValues, overContext, POSITION, PROMPT } from '../../inference/ledger.js';
import { listing } from '../prose.js';
import { DTYPES } from '../../ledger/dtypes.js';
import { resolveModel, type ModelSpec } from '../../model/spec.js';
import { formulaPrinter } from '../../print/formula.js';
import { digits, groupedDecimal } from '../../print/numbers.js';
import type { SymbolRecorder } from '../doc-symbols.js';

const cell = (...parts: Inline[]): Inline[] => parts;

export function inferenceSection(arch: Architecture, names: SymbolRecorder, model?: ModelSpec): Block[] {
  const seq = symbolOf(arch, 'seq_len');
  if (!seq) return [];
  const batched = model ? (model.arch.batched ? model : resolveModel({ ...model.request, batch: '1' })) : undefined;
  const iArch = batched?.arch ?? resolveArchitecture(arch.base, { options: arch.chosen, defaulted: arch.defaulted.map((s) => s.name), batched: true, attention: arch.attention });
  const bf16 = DTYPES.find((d) => d.name === 'bf16')!;
  const l = inferenceLedger(iArch, { weights: bf16.bytes, kv: bf16.bytes });
  const T = seq.name;
  const B = iArch.symbols[0]!.name;
  // The prompt is the sheet's sequence length T.
  const asT = (p: Poly) => p.substitute(PROMPT.name, Poly.symbol(T));
  const inner = formulaPrinter(l.arch);
  const ours: Record<string, { latex: string; meaning: string }> = {
    [GENERATED.name]: { latex: GENERATED.latex, meaning: `${GENERATED.meaning}, after a prompt of ${T} tokens (the serving section only)` },
    [POSITION.name]: { latex: POSITION.latex, meaning: `${POSITION.meaning} (the serving section only)` },
  };
  const known = new Set(arch.symbols.map((s) => s.name));
  const tValue = batched ? batched.values[T]! : undefined;
  const latex = (p: Poly) => {
    const q = asT(p);
    for (const s of q.symbols()) {
      if (known.has(s)) names.mention(s);
      else if (ours[s]) names.quantity(s, { ...ours[s]!, ...(s === POSITION.name && tValue !== undefined ? { value: tValue } : {}) });
    }
    return inner.latex(q);
  };
  const values = batched ? ledgerValues(l, batched.values, { [PROMPT.name]: batched.values[T]!, [GENERATED.name]: 0n, [POSITION.name]: batched.values[T]! }) : undefined;
  const val = (p: Poly): Inline[] => (values ? [text(exact(p.evaluate(values)))] : []);
  const valueColumn = values ? [{ header: [text('value')], align: 'right' as const }] : [];
  const atText = values ? `values at ${B} = ${digits(values[B]!)} and ${POSITION.name} = ${T} = ${digits(values[T]!)}` : '';
  const at = values ? `; ${atText}` : '';
  const t = Poly.symbol(POSITION.name);
  const perToken = l.kv.perToken;
  const m = names.quantity('m_kv', { latex: 'm_{\\mathrm{KV}}', meaning: 'bytes of the KV cache per token of one sequence, all layers (bf16; the serving section)', ...(values ? { value: perToken.evaluate(values) } : {}) });
  const value = (p: Poly) => (values ? { value: p.evaluate(values) } : {});
  const step = POSITION.name;
  const Fs = names.quantity('F_step', { latex: `F_{\\mathrm{step}}(${step})`, meaning: `FLOPs of a decode step at position ${step}, whole batch (the serving section)`, ...value(l.decode.flopsAt) });
  const Ms = names.quantity('M_step', { latex: `M_{\\mathrm{step}}(${step})`, meaning: `bytes of a decode step at position ${step}: weights, cache read, new token written (the serving section)`, ...value(l.decode.bytesAt) });
  const sum = (x: string) => `\\sum_{${step} = ${T} + 1}^{${T} + ${GENERATED.name}} ${x}`;
  const rows: Array<{ label: string; lhs: string; poly: Poly; shown: boolean }> = [
    { label: 'weights (bf16, 2 bytes per parameter)', lhs: names.quantity('W', { latex: 'W', meaning: 'bytes of the weights (bf16; the serving section)', ...value(l.weightBytes) }), poly: l.weightBytes, shown: true },
    { label: 'KV cache per token of one sequence', lhs: m, poly: perToken, shown: true },
    { label: `KV cache of the batch at ${step} tokens`, lhs: `${B} \\cdot ${step} \\cdot ${m}`, poly: Poly.symbol(B).mul(t).mul(perToken), shown: true },
    {
      label: `prefill FLOPs: the forward pass over ${B} prompts of ${T} tokens`,
      lhs: names.quantity('F_prefill', { latex: 'F_{\\mathrm{prefill}}', meaning: `FLOPs of prefill: the forward pass over ${B} prompts of ${T} tokens (the serving section)`, ...value(l.prefill.flops) }),
      poly: l.prefill.flops,
      shown: true,
    },
    {
      label: "prefill bytes: weights read once, the prompts' KV written",
      lhs: names.quantity('M_prefill', { latex: 'M_{\\mathrm{prefill}}', meaning: "bytes of prefill: the weights read once, the prompts' KV written (the serving section)", ...value(l.prefill.bytes) }),
      poly: l.prefill.bytes,
      shown: true,
    },
    { label: `decode step at ${step}: FLOPs`, lhs: Fs, poly: l.decode.flopsAt, shown: true },
    { label: `decode step at ${step}: bytes (weights, the ${step} − 1 cached tokens read, the new one written)`, lhs: Ms, poly: l.decode.bytesAt, shown: true },
    { label: `all ${GENERATED.name} decode steps after the prompt: FLOPs`, lhs: sum(Fs), poly: l.decode.flops, shown: false },
    { label: `all ${GENERATED.name} decode steps: bytes`, lhs: sum(Ms), poly: l.decode.bytes, shown: false },
  ];
  const blocks: Block[] = [heading(2, 'Serving: the KV cache, prefill and decode', 'serving')];
  blocks.push(
    para(
      text(
        `Serving ${B} sequences: prefill runs the forward pass over each prompt of ${T} tokens (${iArch.attention.means}); then each decode step makes one token per sequence, every matmul at 1 token and ${listing(overContext(l).map((m) => m.matmul.path))} over the ${POSITION.name} tokens cached so far (one query sees all of them: dense and causal agree). ` +
          'Weights and cache are counted in bf16 here (2 bytes per element); ',
      ),
      code('lmledger infer'),
      text(' takes other dtypes, an accelerator and the lengths, and '),
      code('lmledger answer --problem inference'),
      text(' writes them up.'),
    ),
  );
  blocks.push({
    kind: 'table',
    caption: 'What each token caches (bytes per token of one sequence, all layers, bf16)',
    columns: [{ header: [text('tensor')] }, { header: [text('shape per token')] }, { header: [text('bytes per token')] }, ...(values ? [{ header: [text('value')], align: 'right' as const }] : []), { header: [text('what')] }],
    rows: l.kv.tensors.map((x) => [cell(code(x.entry.path)), cell(text(`[${x.entry.dimsText.join(', ')}]`)), cell(math(latex(x.bytes))), ...(values ? [val(x.bytes)] : []), cell(text(x.entry.what))]),
  });
  blocks.push(para(text(`Prefill and decode (the sums over the ${GENERATED.name} steps, ${step} = ${T} + 1 … ${T} + ${GENERATED.name}, done symbolically):`)));
  blocks.push(displayMath(rows.map((r) => `${r.lhs} &= ${latex(r.poly)}`).join(' \\\\ ')));
  if (values)
    blocks.push({
      kind: 'table',
      caption: `Their ${atText}`,
      columns: [{ header: [text('quantity')] }, { header: [text('symbol')] }, ...valueColumn],
      rows: rows.filter((r) => r.shown).map((r) => [cell(text(r.label)), cell(math(r.lhs)), val(r.poly)]),
    });
  blocks.push({
    kind: 'table',
    caption: `The matmuls of one decode step at position ${POSITION.name}: one token each; those with ${POSITION.name} run over the cache${at}`,
    columns: [{ header: [text('matmul')] }, { header: [text('FLOPs (whole model)')] }, ...valueColumn],
    rows: l.decode.matmuls.map((x) => [cell(code(x.matmul.path)), cell(math(latex(x.flops))), ...(values ? [val(x.flops)] : [])]),
  });
  // Intensity: at B = 1, and its limit as B grows: one sequence's FLOPs over its own cache's bytes.
  const byB = l.decode.flopsAt.collect(B);
  const F1 = byB.get(1) ?? Poly.ZERO;
  const cacheBytes = t.mul(perToken);
  const limit = `\\lim_{${B} \\to \\infty} \\frac{${Fs}}{${Ms}} = \\frac{${latex(F1)}}{${latex(cacheBytes)}}`;
  const parts: Inline[] = [
    text(`A decode step's arithmetic intensity (FLOPs per byte) grows with ${B}, since the weights are read once for the batch, but only up to one sequence's FLOPs over its own cache's bytes: `),
    math(limit),
  ];
  if (values) {
    const at1 = l.decode.flopsAt.evaluate({ ...values, [B]: 1n }).div(l.decode.bytesAt.evaluate({ ...values, [B]: 1n }));
    const lim = F1.evaluate(values).div(cacheBytes.evaluate(values));
    parts.push(text(`. At ${POSITION.name} = ${digits(values[T]!)} that is ${groupedDecimal(at1, 2)} FLOPs per byte at ${B} = 1 and at most ${groupedDecimal(lim, 1)} at any batch: decode is memory-bound on an accelerator whose peak ÷ bandwidth is above ${groupedDecimal(lim, 1)}, whatever the batch.`));
  } else parts.push(text('.'));
  blocks.push(para(...parts));
  return blocks;
}

function exact(r: Rational): string {
  return r.isInteger() ? digits(r.num) : groupedDecimal(r, 1);
}
