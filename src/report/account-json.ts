// The account as one JSON document. Counts are exact integers in full digits; each total
// has its canonical formula beside it (mathjs-parsable "formula" and "formula_latex").
// Shares are ratios in [0, 1], the only floats.

import type { Poly } from '../algebra/poly.js';
import { exact, share, type Account, type Count } from '../ledger/account.js';
import { layersFlops, rankByFlops } from '../ledger/ranking.js';
import { formulaPrinter } from '../print/formula.js';
import { ratio } from '../print/json.js';
import { conventions } from './conventions.js';
import { VERSION } from '../version.js';
import { architectureTitle } from './describe.js';
import { optionsOf, uncountedNotes } from './option-notes.js';


export function accountJson(a: Account): Record<string, unknown> {
  const { model } = a;
  const fp = formulaPrinter(model.arch);
  const formula = (p: Poly) => ({ formula: fp.ascii(p), formula_latex: fp.latex(p) });
  const counted = (c: Count) => ({ value: c.value, ...formula(c.formula) });
  const ranked = rankByFlops(a);

  return {
    lmledger: VERSION,
    model: {
      name: model.label,
      ...(model.origin ? { origin: model.origin } : {}),
      architecture: model.arch.id,
      architecture_title: architectureTitle(model.arch, model.values),
      ...(model.preset ? { source: model.preset.source } : {}),
      config: model.config,
      options: model.arch.chosen,
      // Options away from their defaults that change no parameter and no matmul FLOP (ALiBi, partial rotary).
      options_without_counts: uncountedNotes(model.arch, fp, model.values).map((n) => ({ option: n.option, value: n.value, non_matmul: Object.fromEntries(n.nonMatmul.map((x) => [x.component, { value: x.value ?? null, formula: fp.ascii(x.here), default_formula: fp.ascii(x.other) }])), text: n.text })),
      defaulted: Object.fromEntries(model.arch.defaulted.map((s) => [s.name, { config: s.config, is: s.defaultText }])),
      symbols: Object.fromEntries(
        model.arch.symbols.map((s) => [s.name, { value: model.values[s.name], config: s.config, meaning: s.meaning }]),
      ),
      batch: model.batch,
    },
    conventions: conventions(model),
    params: {
      total: a.params.total.value,
      ...formula(a.params.total.formula),
      // Per token: a mixture-of-experts layer's K of E routed experts, everything else whole.
      active: counted(a.params.active),
      // Parts of the checkpoint not counted (a vision tower lmledger does not model); empty when whole.
      excluded: model.excluded.map((e) => ({ part: e.part, what: e.what })),
      per_layer: counted(a.params.perLayer),
      components: Object.fromEntries(
        a.components.map((c) => [
          c.component.id,
          {
            title: c.component.title,
            scope: c.component.scope,
            occurrences: c.occurrences,
            each: counted(c.params.each),
            total: c.params.total.value,
            ...formula(c.params.total.formula),
            share: ratio(share(c.params.total.value, a.params.total.value)),
            // The options whose value changes this count ("tie_embeddings: true"), as stated in every view.
            options: optionsOf(model.arch, c.component.id, 'params'),
            weights: Object.fromEntries(
              c.component.weights.map((w) => [
                w.id,
                { shape: w.dimsText, params: counted({ value: exact(w.params, model.values), formula: w.params }) },
              ]),
            ),
          },
        ]),
      ),
    },
    memory: {
      weights_bytes: Object.fromEntries(a.memory.map((m) => [m.dtype, m.bytes])),
      bytes_per_param: Object.fromEntries(a.memory.map((m) => [m.dtype, ratio(m.bytesPerParam)])),
    },
    flops: {
      forward: {
        total: a.flops.total.value,
        ...formula(a.flops.total.formula),
        per_layer: counted(a.flops.perLayer),
        components: Object.fromEntries(
          a.components.map((c) => [
            c.component.id,
            {
              scope: c.component.scope,
              occurrences: c.occurrences,
              each: counted(c.flops.each),
              total: c.flops.total.value,
              ...formula(c.flops.total.formula),
              share: ratio(share(c.flops.total.value, a.flops.total.value)),
              options: optionsOf(model.arch, c.component.id, 'flops'),
              ...(c.component.scope === 'layer'
                ? { share_of_layer: ratio(share(c.flops.total.value, layersFlops(a))) }
                : {}),
            },
          ]),
        ),
        matmuls: a.flops.matmuls.map((m) => ({
          name: m.matmul.path,
          what: m.matmul.what,
          shape: `[${m.matmul.leftText.join(', ')}] @ [${m.matmul.rightText.join(', ')}]`,
          dims: [m.left, m.right],
          times: m.times,
          scope: m.component.scope,
          each: counted(m.flops),
          total: m.total,
        })),
        dominant: ranked[0]
          ? { component: ranked[0].account.component.id, share: ratio(ranked[0].share) }
          : null,
      },
      non_matmul: {
        note: 'not included in flops.forward.total; per-element counts are documented in the architecture file',
        total: a.nonMatmul.total.value,
        ...formula(a.nonMatmul.total.formula),
        ops: a.nonMatmul.ops.map((o) => ({
          name: o.op.path,
          what: o.op.what,
          ...(o.op.alternativeTo ? { alternative_to: o.op.alternativeTo, in_total: false } : { in_total: true }),
          scope: o.component.scope,
          each: counted(o.flops),
          total: o.total,
        })),
      },
    },
  };
}
