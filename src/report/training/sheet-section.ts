// The training section of a formula sheet: the backward pass per matmul, the activations kept
// per layer under each convention, memory per part and the optimizer step, as formulas in the
// batch B (with a model: the numbers beside them, at its batch, or B = 1 when none was given).

import type { Poly } from '../../algebra/poly.js';
import { code, heading, math, para, text, type Block, type Inline } from '../../doc/model.js';
import type { Architecture } from '../../formulas/architecture.js';
import { ACTIVATION_CONVENTIONS } from '../../formulas/conventions/activations.js';
import { PRECISION_POLICIES } from '../../formulas/training/precision.js';
import { resolveArchitecture } from '../../formulas/resolve.js';
import { resolveModel, type ModelSpec } from '../../model/spec.js';
import { formulaPrinter } from '../../print/formula.js';
import { digits } from '../../print/numbers.js';
import { trainingChoice } from '../../training/choice.js';
import { trainingLedger } from '../../training/ledger.js';
import { approximations } from '../../training/approximate.js';
import { bytesPerParam } from './conventions.js';

const cell = (...parts: Inline[]): Inline[] => parts;

export function trainingSection(arch: Architecture, model?: ModelSpec): Block[] {
  // The training formulas carry the batch B: resolve with one when the sheet's model has none.
  const batched = model
    ? model.arch.batched
      ? model
      : resolveModel({ ...model.request, batch: '1' })
    : undefined;
  const tArch = batched?.arch ?? resolveArchitecture(arch.base, { options: arch.chosen, defaulted: arch.defaulted.map((s) => s.name), batched: true, attention: arch.attention });
  const values = batched?.values;
  const f = formulaPrinter(tArch);
  const val = (p: Poly): Inline[] => (values ? [text(digits(p.evaluate(values).num))] : []);
  const valueColumn = values ? [{ header: [text(`value (B = ${digits(values.B!)})`)], align: 'right' as const }] : [];
  const base = trainingLedger(tArch, trainingChoice());
  const blocks: Block[] = [heading(2, 'Training', 'training')];
  blocks.push(
    para(
      text('One training step over a batch of '),
      math('B'),
      text(
        ' sequences. The backward pass is derived from the matmuls: each operand that needs a gradient costs one more matmul of the same FLOPs, so backward = 2 × forward' +
          `${base.flops.exceptions.length ? ` except for ${base.flops.exceptions.map((m) => m.path).join(', ')}` : ' exactly here'}.`,
      ),
    ),
  );
  blocks.push({
    kind: 'table',
    caption: 'Backward products: for Y = A·W, dA = dY·Wᵀ and dW = Aᵀ·dY',
    columns: [{ header: [text('matmul')] }, { header: [text('gradient of')] }, { header: [text('FLOPs (per occurrence)')] }, ...valueColumn],
    rows: base.flops.backwardProducts.map((p) => [cell(code(p.matmul.path)), cell(text(p.name)), cell(math(f.latex(p.flops))), ...(values ? [val(p.flops)] : [])]),
  });
  blocks.push({
    kind: 'table',
    caption: 'Activation memory per layer (bytes) under each convention, at the default precision (fp32)',
    columns: [{ header: [text('convention')] }, { header: [text('what it counts')] }, { header: [text('bytes per layer')] }, ...valueColumn],
    rows: ACTIVATION_CONVENTIONS.all().map((c) => {
      const t = trainingLedger(tArch, trainingChoice({ activations: c.name }));
      return [cell(code(c.name)), cell(text(c.title)), cell(math(f.latex(t.activations.perLayer))), ...(values ? [val(t.activations.perLayer)] : [])];
    }),
  });
  blocks.push({
    kind: 'table',
    caption: `Weights, gradients and optimizer state (${base.choice.optimizer.name}) by precision policy: bytes per parameter × N`,
    columns: [{ header: [text('precision')] }, { header: [text('weights + gradients + master + optimizer')] }, { header: [text('bytes per parameter')], align: 'right' }, ...valueColumn],
    rows: PRECISION_POLICIES.all().map((p) => {
      const c = trainingChoice({ precision: p.name });
      const bpp = bytesPerParam(c);
      const t = trainingLedger(tArch, c);
      return [cell(code(p.name)), cell(text(bpp.parts.map((x) => x.bytes.toString()).join(' + '))), cell(text(bpp.total.toString())), ...(values ? [val(t.memory.fixed)] : [])];
    }),
  });
  const o = base.choice.optimizer;
  blocks.push(
    para(
      text(`The ${o.name} update costs ${o.flopsPerParam} FLOPs per parameter (${o.update.map((u) => `${u.flops} for ${u.op}`).join(', ')}): `),
      math(`${o.flopsPerParam}N = ${f.latex(base.flops.optimizer)}`),
      text(values ? ` = ${digits(base.flops.optimizer.evaluate(values).num)}.` : '.'),
    ),
  );
  const sixND = approximations(base).find((a) => a.approximation.name === '6nd');
  if (sixND?.difference)
    blocks.push(
      para(
        text('Model FLOPs of a step (forward + backward), and what 6ND (D = B·T tokens) leaves out: '),
        math(`F_{\\mathrm{model}} = ${f.latex(base.flops.model)}`),
        text(', '),
        math(`F_{\\mathrm{model}} - 6ND = ${f.latex(sixND.difference)}`),
        text('.'),
      ),
    );
  return blocks;
}
