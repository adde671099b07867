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
import { GENERATED, inferenceLedger, ledgerValues, POSITION, PROMPT } from '../../inference/ledger.js';
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
  const valueColumn = values ? [{ header: [text(`value (${B} = ${digits(values[B]!)}, ${POSITION.name} = ${T} = ${digits(values[T]!)})`)], align: 'right' as const }] : [];
  const t = Poly.symbol(POSITION.name);
  const perToken = l.kv.perToken;
  const m = names.quantity('m_kv', { latex: 'm_{\\mathrm{KV}}', meaning: 'bytes of the KV cache per token of one sequence, all layers (bf16; the serving section)', ...(values ? { value: perToken.evaluate(values) } : {}) });
  const rows: Array<[string, Poly, boolean]> = [
    ['weights (bf16, 2 bytes per parameter)', l.weightBytes, true],
    ['KV cache per token, m_KV', perToken, true],
    [`KV cache of the batch at ${POSITION.name} tokens`, Poly.symbol(B).mul(t).mul(perToken), true],
    [`prefill FLOPs: the forward pass over ${B} prompts of ${T} tokens`, l.prefill.flops, true],
    ['prefill bytes: weights read once, the prompts\' KV written', l.prefill.bytes, true],
    [`decode step at ${POSITION.name}: FLOPs, F_step(${POSITION.name})`, l.decode.flopsAt, true],
    [`decode step at ${POSITION.name}: bytes, M_step(${POSITION.name}) (weights, the ${POSITION.name} − 1 cached tokens read, the new one written)`, l.decode.bytesAt, true],
    [`all ${GENERATED.name} decode steps after the prompt: FLOPs`, l.decode.flops, false],
    [`all ${GENERATED.name} decode steps: bytes`, l.decode.bytes, false],
  ];
  const blocks: Block[] = [heading(2, 'Serving: the KV cache, prefill and decode', 'serving')];
  blocks.push(
    para(
      text(
        `Serving ${B} sequences: prefill runs the forward pass over each prompt of ${T} tokens (${iArch.attention.means}); then each decode step makes one token per sequence, every matmul at 1 token and attention's products over the ${POSITION.name} tokens cached so far (dense and causal agree for one query). ` +
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
  blocks.push(displayMath(`${m} = ${latex(perToken)}${values ? ` = ${exact(perToken.evaluate(values)).replace(/,/g, '{,}')}` : ''}`));
  blocks.push({
    kind: 'table',
    caption: `Prefill and decode (the sums over the ${GENERATED.name} steps, ${POSITION.name} = ${T} + 1 … ${T} + ${GENERATED.name}, done symbolically)`,
    columns: [{ header: [text('quantity')] }, { header: [text('formula')] }, ...valueColumn],
    rows: rows.map(([label, p, shown]) => [cell(text(label)), cell(math(latex(p))), ...(values ? [shown ? val(p) : [text('—')]] : [])]),
  });
  blocks.push({
    kind: 'table',
    caption: `The matmuls of one decode step at position ${POSITION.name}: one token each; those with ${POSITION.name} run over the cache`,
    columns: [{ header: [text('matmul')] }, { header: [text('FLOPs (whole model)')] }, ...valueColumn],
    rows: l.decode.matmuls.map((x) => [cell(code(x.matmul.path)), cell(math(latex(x.flops))), ...(values ? [val(x.flops)] : [])]),
  });
  // Intensity: at B = 1, and its limit as B grows: one sequence's FLOPs over its own cache's bytes.
  const byB = l.decode.flopsAt.collect(B);
  const F1 = byB.get(1) ?? Poly.ZERO;
  const cacheBytes = t.mul(perToken);
  const Fs = names.quantity('F_step', { latex: `F_{\\mathrm{step}}(${POSITION.name})`, meaning: `FLOPs of a decode step at position ${POSITION.name}, whole batch (the serving section)` });
  const Ms = names.quantity('M_step', { latex: `M_{\\mathrm{step}}(${POSITION.name})`, meaning: `bytes of a decode step at position ${POSITION.name}: weights, cache read, new token written (the serving section)` });
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
