// Non-matmul work in a write-up: what it would add to the matmul total, and each op that the
// architecture file also counts under another convention (the seed's RMSNorm at 3 FLOPs per
// element, its RoPE as a dense rotation matmul) set beside lmledger's, op by op: the formula of
// each, its value per layer and in the whole pass, and how many times the other is lmledger's.
// Every number comes from the formulas in formulas/; only the descriptions are the file's words.

import type { Poly } from '../algebra/poly.js';
import { Rational } from '../algebra/rational.js';
import type { Account, NonMatmulAccount } from '../ledger/account.js';
import { share } from '../ledger/account.js';
import { code, math, para, text, type Block, type Inline } from '../doc/model.js';
import type { FormulaPrinter } from '../print/formula.js';
import { digits, percent, si } from '../print/numbers.js';
import { compactNames } from '../print/names.js';
import { listing, times } from './prose.js';

interface Convention {
  /** lmledger's, or the alternative's own label ("the seed's"). */
  label: string;
  ops: NonMatmulAccount[];
  /** One occurrence's formula (the ops of one component are alike: the first stands for them). */
  each: Poly;
  perLayer: bigint;
  whole: bigint;
}

interface Reconciled {
  op: string;
  components: string[];
  ours: Convention;
  theirs: Convention;
}

/** lmledger's ops that have an alternative convention, grouped by op name across components. */
function reconcile(a: Account): Reconciled[] {
  const alternatives = a.nonMatmul.ops.filter((o) => o.op.alternativeTo);
  const groups = new Map<string, { ours: NonMatmulAccount[]; theirs: NonMatmulAccount[] }>();
  for (const alt of alternatives) {
    const main = a.nonMatmul.ops.find((o) => o.op.path === alt.op.alternativeTo);
    if (!main) continue;
    const key = `${main.op.id}|${alt.op.id}`;
    const g = groups.get(key) ?? { ours: [], theirs: [] };
    g.ours.push(main);
    g.theirs.push(alt);
    groups.set(key, g);
  }
  const convention = (label: string, ops: NonMatmulAccount[]): Convention => ({
    label,
    ops,
    each: ops[0]!.flops.formula,
    perLayer: ops.filter((o) => o.component.scope === 'layer').reduce((s, o) => s + o.flops.value, 0n),
    whole: ops.reduce((s, o) => s + o.total, 0n),
  });
  return [...groups.values()].map((g) => ({
    op: g.ours[0]!.op.id,
    components: g.ours.map((o) => o.component.id),
    ours: convention("lmledger's", g.ours),
    theirs: convention(g.theirs[0]!.op.convention ?? 'the alternative', g.theirs),
  }));
}

export function nonMatmulBlocks(a: Account, f: FormulaPrinter): Block[] {
  const counted = a.nonMatmul.ops.filter((o) => !o.op.alternativeTo);
  const blocks: Block[] = [
    para(
      text(
        `Non-matmul work (${listing([...new Set(counted.map((o) => o.op.id))])}) would add ${digits(a.nonMatmul.total.value)} FLOPs ` +
          `(${percent(share(a.nonMatmul.total.value, a.flops.total.value), 2)} of the matmul total); it is listed in the formula sheet, not counted here.`,
      ),
    ),
  ];
  const groups = reconcile(a);
  if (groups.length === 0) return blocks;
  const layered = groups.some((g) => g.ours.perLayer > 0n);
  const row = (g: Reconciled, c: Convention): Inline[][] => [
    [code(g.op)],
    [text(c.label)],
    [math(f.latex(c.each))],
    ...(layered ? [[text(c.perLayer > 0n ? digits(c.perLayer) : '—')]] : []),
    [text(digits(c.whole))],
    [text(c === g.ours ? '1×' : g.ours.whole === 0n ? '—' : times(Rational.of(c.whole, g.ours.whole)))],
    [text(c.ops[0]!.op.what)],
  ];
  blocks.push({
    kind: 'table',
    caption: "Non-matmul ops counted two ways: lmledger's convention and the other one the architecture file records",
    columns: [
      { header: [text('op')] },
      { header: [text('convention')] },
      { header: [text('FLOPs, one occurrence')] },
      ...(layered ? [{ header: [text('per layer')], align: 'right' as const }] : []),
      { header: [text('whole pass')], align: 'right' },
      { header: [text("× lmledger's")], align: 'right' },
      { header: [text('how it is counted')] },
    ],
    rows: groups.flatMap((g) => [row(g, g.ours), row(g, g.theirs)]),
  });
  // One sentence per op: the two counts side by side and what separates them.
  const sentences = groups.map((g) => {
    const where = compactNames(g.components);
    const at = (c: Convention) =>
      c.perLayer > 0n ? `${digits(c.perLayer)} FLOPs per layer and ${digits(c.whole)} in the whole pass (${si(c.perLayer, 'FLOP')}, ${si(c.whole, 'FLOP')})` : `${digits(c.whole)} FLOPs in the whole pass (${si(c.whole, 'FLOP')})`;
    // A constant ratio is the same work at another count per element; a ratio in the symbols, another computation.
    const ratio = g.ours.each.asTerm() ? g.theirs.each.div(g.ours.each) : undefined;
    const factor = times(Rational.of(g.theirs.whole, g.ours.whole));
    const why = !ratio
      ? `${factor} lmledger's`
      : ratio.asConstant()
        ? `${factor} lmledger's: the same elementwise work at ${ratio.asConstant()!.compare(Rational.ONE) < 0 ? 'fewer' : 'more'} FLOPs per element`
        : `${f.text(ratio)} = ${factor} lmledger's: it counts another computation (see the table)`;
    return `${g.op} (${where}): lmledger's ${f.text(g.ours.each)} each time makes ${at(g.ours)}; ${g.theirs.label} ${f.text(g.theirs.each)} makes ${at(g.theirs)}, ${why}.`;
  });
  blocks.push(para(text(sentences.join(' '))));
  return blocks;
}
