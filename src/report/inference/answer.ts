// The write-up of serving a model (answer --problem inference, any model and accelerator):
// (a) the KV cache per token and at the context, (b) weights + cache against the memory and the
// largest batch that fits, (c) prefill, (d) one decode step against the ridge point and the batch
// where it turns compute-bound, (e) latency and throughput against the batch, with a roofline.
// Every sentence is generated from the inference account, so it holds for any model and option.

import { Poly } from '../../algebra/poly.js';
import { Rational } from '../../algebra/rational.js';
import { lineScene } from '../../chart/layout.js';
import { code, displayMath, heading, math, para, text, type Block, type Doc, type Inline } from '../../doc/model.js';
import { BATCH_SYMBOL } from '../../formulas/architecture.js';
import { inferAccount, type InferAccount, type InferRequest, type Roofline } from '../../inference/account.js';
import { batchCeiling, batchSizes, decodeAtBatch, rates, type BatchRow, type Rates } from '../../inference/batches.js';
import { GENERATED, overContext, POSITION, PROMPT } from '../../inference/ledger.js';
import { account } from '../../ledger/account.js';
import { decimal, digits, gibibytes, gigabytes, groupedDecimal, si } from '../../print/numbers.js';
import { architectureTitle } from '../describe.js';
import { SymbolRecorder } from '../doc-symbols.js';
import { listing, upperFirst } from '../prose.js';
import { drawable, latencyData, rooflineData, throughputData, type ChartData } from './charts.js';
import { inferenceConventions } from './conventions.js';
import { conventionsMove, otherMemoryUnit } from './conventions-move.js';
import { seconds } from './text.js';

const cell = (...parts: Inline[]): Inline[] => parts;
const latexDigits = (n: bigint) => digits(n).replace(/,/g, '{,}');
const B = BATCH_SYMBOL.name;
const [P, G, t] = [PROMPT.name, GENERATED.name, POSITION.name];
const perByte = (r: Rational) => `${groupedDecimal(r, 1)} FLOPs per byte`;
const bytesEach = (b: Rational) => `${b} byte${b.compare(Rational.ONE) > 0 ? 's' : ''}`;

export interface ProblemText {
  title: string;
  source: string;
}

export function inferenceAnswer(req: InferRequest, problem?: ProblemText): Doc {
  const a = inferAccount(req);
  const { model } = req;
  const names = new SymbolRecorder(a.ledger.arch);
  const r = rates(a);
  const rows = r ? batchSizes(a).map((b) => decodeAtBatch(a, b, r)) : [];
  const body: Block[] = [
    ...kvCache(a, names),
    ...memory(a, names),
    ...prefill(a, names, r),
    ...decode(a, names, r),
    ...batches(a, r, rows),
    ...conventionsMove(a),
    heading(2, 'Conventions', 'conventions'),
    { kind: 'list', items: Object.entries(inferenceConventions(req)).map(([k, v]) => [text(`${k}: ${v}`)]) },
  ];
  const machine = r ? `; ${req.devices > 1n ? `${digits(req.devices)} × ` : ''}${req.hardware?.name ?? `${req.peak!.from}, ${req.bandwidth!.from}`}` : '';
  return {
    title: `Inference accounting: ${model.label}`,
    subtitle: `${architectureTitle(model.arch, model.values)} (${model.arch.id}); ${B} = ${digits(a.values[B]!)}, ${P} = ${digits(a.values[P]!)}, ${G} = ${digits(a.values[G]!)}; weights ${req.weights.name}, KV cache ${req.kv.name}${machine}`,
    blocks: [
      ...(problem ? [para(text(`${problem.title}. The givens: ${problem.source}.`))] : []),
      ...(model.origin ? [para(text(`${upperFirst(model.origin)}.`))] : []),
      // Never silently partial: the parts of the checkpoint these counts leave out, named.
      ...model.excluded.map((e) => para(text(`Left out of every count here: ${e.part}, ${e.what}.`))),
      heading(2, 'Symbols', 'symbols'),
      names.table(a.values),
      ...body,
    ],
  };
}

function kvCache(a: InferAccount, names: SymbolRecorder): Block[] {
  const f = names.printer();
  const L = a.ledger;
  const v = a.values;
  const kv = a.request.kv;
  const context = v[t]!;
  const perToken = a.kv.perToken;
  const oneSeq = { formula: perToken.formula.mul(Poly.symbol(P).add(Poly.symbol(G))), value: perToken.value * context };
  const layers = a.request.model.arch.layers;
  const allLayers = L.kv.tensors.every((x) => x.component.scope === 'layer');
  const m = names.quantity('m_kv', { latex: 'm_{\\mathrm{KV}}', meaning: 'bytes of the KV cache per token of one sequence, all layers', value: perToken.value });
  const M = names.quantity('M_kv', { latex: 'M_{\\mathrm{KV}}', meaning: `bytes of the KV cache of the batch at ${P} + ${G} tokens`, value: a.kv.total.value });
  names.mention(t);
  return [
    heading(2, '(a) The KV cache', 'kv-cache'),
    para(
      text(
        `Each token of a sequence leaves ${listing(L.kv.tensors.map((x) => `${x.entry.path} [${x.entry.dimsText.join(', ')}]`))} in the cache` +
          `${allLayers ? ` in each of the ${names.mention(layers)} = ${digits(v[layers]!)} layers` : ''}, stored in ${kv.name} (${bytesEach(kv.bytes)} per element): ` +
          `${digits(perToken.value)} bytes per token. The cache holds the prompt and every generated token, so at the last decode step, ${t} = ${P} + ${G} = ${digits(context)} tokens, ` +
          `one sequence's cache is ${digits(oneSeq.value)} bytes (${gigabytes(oneSeq.value)}, ${gibibytes(oneSeq.value)}) and the batch's, ${B} = ${digits(v[B]!)} of them, ` +
          `${digits(a.kv.total.value)} bytes (${gigabytes(a.kv.total.value)}, ${gibibytes(a.kv.total.value)}).`,
      ),
    ),
    displayMath(
      [`${m} &= ${f.latex(perToken.formula)} = ${latexDigits(perToken.value)}`, `${m} \\cdot (${P} + ${G}) &= ${f.latex(oneSeq.formula)} = ${latexDigits(oneSeq.value)}`, `${M} &= ${f.latex(a.kv.total.formula)} = ${latexDigits(a.kv.total.value)}`].join(' \\\\ '),
    ),
    {
      kind: 'table',
      caption: `What each token caches (bytes per token of one sequence, all layers; ${kv.name}, ${bytesEach(kv.bytes)} per element; GB = 10⁹ bytes, GiB = 2³⁰)`,
      columns: [{ header: [text('tensor')] }, { header: [text('shape per token')] }, { header: [text('formula')] }, { header: [text('bytes per token')], align: 'right' }, { header: [text(`bytes at ${t} = ${digits(context)}`)], align: 'right' }],
      rows: L.kv.tensors.map((x) => {
        const each = x.bytes.evaluate(v);
        return [cell(code(x.entry.path)), cell(text(`[${x.entry.dimsText.join(', ')}]`)), cell(math(f.latex(x.bytes))), cell(text(exact(each))), cell(text(exact(each.mul(Rational.of(context)))))];
      }),
    },
  ];
}

function memory(a: InferAccount, names: SymbolRecorder): Block[] {
  const f = names.printer();
  const req = a.request;
  const v = a.values;
  const W = a.weightBytes.value;
  const N = names.quantity('N', { latex: 'N', meaning: 'parameters of the whole model (every expert of a mixture)', value: a.params.value });
  const Wq = names.quantity('W', { latex: 'W', meaning: `bytes of the weights (${req.weights.name})`, value: W });
  const context = v[t]!;
  const blocks: Block[] = [
    heading(2, '(b) Memory: the weights and the cache, and the largest batch that fits', 'memory'),
    displayMath(`${N} &= ${f.latex(a.params.formula)} = ${latexDigits(a.params.value)} \\\\ ${Wq} &= ${f.latex(a.weightBytes.formula)} = ${latexDigits(W)}`),
  ];
  const weights = `The N = ${digits(a.params.value)} parameters take ${digits(W)} bytes in ${req.weights.name} (${bytesEach(req.weights.bytes)} per parameter${req.weights.name === 'int4' ? ', rounded up to whole bytes' : ''}; ${gigabytes(W)}, ${gibibytes(W)})`;
  if (!a.fit) return [...blocks, para(text(`${weights}; with the cache, ${digits(W + a.kv.total.value)} bytes. Give --hardware NAME or --memory SIZE for whether that fits and the largest batch.`))];
  const fit = a.fit;
  const Mdev = fit.memory.bytes * fit.memory.devices;
  const where = `${fit.memory.text}${fit.memory.devices > 1n ? ` × ${digits(fit.memory.devices)} devices` : ''} (${fit.memory.from}) = ${digits(Mdev)} bytes`;
  const verdict = fit.fits
    ? `fit in ${where}, with ${digits(Mdev - fit.needed)} bytes (${gigabytes(Mdev - fit.needed)}) to spare`
    : `do not fit in ${where}: ${digits(fit.needed - Mdev)} bytes (${gigabytes(fit.needed - Mdev)}) short`;
  const other = otherReading(a);
  const maxBatch =
    fit.maxBatch === 0n
      ? W > Mdev
        ? `Not one sequence fits: the weights alone are ${digits(W - Mdev)} bytes more than the memory`
        : `Not one sequence of ${digits(context)} tokens fits beside the weights: it needs ${digits(a.kv.perToken.value * context)} bytes, ${digits(Mdev - W)} are left`
      : `The largest batch at ${t} = ${digits(context)} tokens is ${B} = ${digits(fit.maxBatch)}, using ${digits(W + fit.maxBatch * context * a.kv.perToken.value)} bytes`;
  const ctx = `the longest context at ${B} = ${digits(v[B]!)} is ${digits(fit.maxContext)} tokens${fit.contextLimit !== undefined && fit.maxContext === fit.contextLimit ? ` (the learned position table's ${digits(fit.contextLimit)} rows)` : ''}`;
  const Mq = names.quantity('M', { latex: 'M', meaning: 'bytes of memory of all the devices together', value: Mdev });
  return [
    ...blocks,
    para(
      text(
        `${weights}; with the batch's cache of ${digits(a.kv.total.value)} bytes they need ${digits(fit.needed)} bytes (${gigabytes(fit.needed)}, ${gibibytes(fit.needed)}) and ${verdict}. ` +
          `${maxBatch}; ${ctx}${other ? `. Read as ${other.text}${fit.memory.devices > 1n ? ' each' : ''}, the memory would hold ${other.maxBatch === 0n ? 'no sequence' : `${B} = ${digits(other.maxBatch)}`} and ${other.fits ? 'the batch would fit' : 'the batch would not fit'}` : ''}.`,
      ),
    ),
    displayMath(
      `${B}_{\\max} = \\left\\lfloor \\frac{${Mq} - W}{${t} \\cdot m_{\\mathrm{KV}}} \\right\\rfloor = \\left\\lfloor \\frac{${latexDigits(Mdev)} - ${latexDigits(W)}}{${latexDigits(context)} \\cdot ${latexDigits(a.kv.perToken.value)}} \\right\\rfloor = ${latexDigits(fit.maxBatch)}`,
    ),
  ];
}

/** The same account with the memory read in the other unit (16 GiB as 16 GB), when it has one. */
function otherReading(a: InferAccount): { text: string; maxBatch: bigint; fits: boolean } | undefined {
  const m = a.request.memory;
  if (!m) return undefined;
  const other = otherMemoryUnit(m.text);
  if (!other) return undefined;
  const b = inferAccount({ ...a.request, memory: { bytes: other.bytes, text: other.text, from: m.from } });
  return { text: other.text, maxBatch: b.fit!.maxBatch, fits: b.fit!.fits };
}

function prefill(a: InferAccount, names: SymbolRecorder, r: Rates | undefined): Block[] {
  const f = names.printer();
  const v = a.values;
  const arch = a.request.model.arch;
  const F = names.quantity('F_pre', { latex: 'F_{\\mathrm{prefill}}', meaning: `FLOPs of prefill: the forward pass over ${B} prompts of ${P} tokens`, value: a.prefill.flops.value });
  const Mb = names.quantity('M_pre', { latex: 'M_{\\mathrm{prefill}}', meaning: "bytes prefill moves: the weights read once, the prompts' KV written", value: a.prefill.bytes.value });
  const bytes = a.prefill.bytes;
  const lead =
    `Prefill runs the forward pass over the ${B} = ${digits(v[B]!)} prompts of ${P} = ${digits(v[P]!)} tokens (${arch.attention.means}): ${digits(a.prefill.flops.value)} FLOPs (${si(a.prefill.flops.value, 'FLOP')}). ` +
    `It reads the weights once and writes the prompts' keys and values, ${digits(bytes.value)} bytes (${gigabytes(bytes.value)}).`;
  return [
    heading(2, '(c) Prefill', 'prefill'),
    para(text(lead), ...(r && a.prefill.roofline ? [text(` ${boundSentence('Prefill', a.prefill.roofline, r, a)}`)] : [text(' Give --hardware NAME (or --peak and --bandwidth) for its time.')])),
    equations([F, f.latex(a.prefill.flops.formula), a.prefill.flops.value], [Mb, f.latex(bytes.formula), bytes.value]),
  ];
}

/** "…is X FLOPs per byte, below the ridge point … so it is memory-bound: the FLOPs take …, the bytes …". */
function boundSentence(what: string, roof: Roofline, r: Rates, a: InferAccount): string {
  const side = roof.intensity.compare(r.ridge);
  const peak = a.request.peak!.from;
  const bw = a.request.bandwidth!.from;
  const n = a.request.devices;
  const each = n > 1n ? ` (× ${digits(n)} devices, which cancel)` : '';
  return (
    `${what} does ${perByte(roof.intensity)}, ${side > 0 ? 'above' : side < 0 ? 'below' : 'exactly at'} the ridge point, peak ÷ bandwidth = ${si(r.peak.div(Rational.of(n)), 'FLOP/s')} ÷ ${si(r.bandwidth.div(Rational.of(n)), 'B/s')}${each} = ${perByte(r.ridge)} ` +
    `(${peak}; ${bw}), so it is ${roof.bound}-bound: its FLOPs take ${seconds(roof.computeSeconds)} at peak and its bytes ${seconds(roof.memorySeconds)} at full bandwidth, ${seconds(roof.seconds)} in all.`
  );
}

function decode(a: InferAccount, names: SymbolRecorder, r: Rates | undefined): Block[] {
  const f = names.printer();
  const v = a.values;
  const d = a.decode;
  const context = v[t]!;
  const Fq = names.quantity('F_dec', { latex: `F_{\\mathrm{step}}(${t})`, meaning: `FLOPs of the decode step at position ${t}, whole batch`, value: d.flopsPerStep.value });
  const Mq = names.quantity('M_dec', { latex: `M_{\\mathrm{step}}(${t})`, meaning: `bytes of the decode step at position ${t}: the weights, the ${t} − 1 cached tokens read and the new one written`, value: d.bytesPerStep.value });
  const moe = a.request.model.arch.chosen.moe === true;
  const active = moe ? account(a.request.model).params.active.value : undefined;
  const blocks: Block[] = [
    heading(2, '(d) Decode: one step, its bound, and the batch where it turns compute-bound', 'decode'),
    para(
      text(
        `Each decode step makes one token for each of the ${B} = ${digits(v[B]!)} sequences: every matmul runs over 1 token, and ${contextMatmuls(a)} over the ${t} tokens cached so far (one query sees every one of them, so dense and causal attention agree here). ` +
          `At the last step, ${t} = ${digits(context)}, that is ${digits(d.flopsPerStep.value)} FLOPs (${si(d.flopsPerStep.value, 'FLOP')}), ${digits(d.flopsPerToken.value)} per sequence. ` +
          `The step reads every weight once and the ${digits(context - 1n)} cached tokens of each sequence and writes the new one: ${digits(d.bytesPerStep.value)} bytes (${gigabytes(d.bytesPerStep.value)}), ` +
          `of which ${digits(a.weightBytes.value)} are the weights${moe ? ` of all ${digits(a.params.value)} parameters, every expert's (a token's routed experts use ${digits(active!)}: the step is counted as if the batch reached every expert)` : ''}.`,
      ),
      ...(r && d.step ? [text(` ${boundSentence('The step', d.step, r, a)}`)] : [text(' Give --hardware NAME (or --peak and --bandwidth) for its time.')]),
    ),
    equations([Fq, f.latex(a.ledger.decode.flopsAt), d.flopsPerStep.value], [Mq, f.latex(a.ledger.decode.bytesAt), d.bytesPerStep.value]),
  ];
  if (r && d.step) {
    const tps = d.tokensPerSecond!;
    blocks.push(
      para(
        text(
          `So each sequence gets a token every ${seconds(d.step.seconds)}: ${groupedDecimal(tps.perSequence, 1)} tokens per second per sequence, ${groupedDecimal(tps.total, 1)} for the batch` +
            `${a.request.devices > 1n ? ` (${groupedDecimal(tps.total.div(Rational.of(a.request.devices)), 1)} per device)` : ''}. ` +
            (v[G]! === 0n
              ? `With ${G} = 0 no token is generated; the step above is shown at ${t} = ${P}, over the prompt's cache.`
              : v[G]! === 1n
                ? `With ${G} = 1 that step is the whole decode.`
                : `All ${G} = ${digits(v[G]!)} steps, ${t} = ${digits(v[P]! + 1n)} to ${digits(context)}, cost ${digits(d.flops.value)} FLOPs and ${digits(d.bytes.value)} bytes and take ${seconds(d.seconds!)} (each step at its own bound, summed exactly).`),
        ),
      ),
    );
    blocks.push(...criticalBatch(a, names, r));
  }
  blocks.push(
    equations([`\\sum_{${t} = ${P} + 1}^{${P} + ${G}} F_{\\mathrm{step}}(${t})`, f.latex(d.flops.formula), d.flops.value], [`\\sum_{${t} = ${P} + 1}^{${P} + ${G}} M_{\\mathrm{step}}(${t})`, f.latex(d.bytes.formula), d.bytes.value]),
  );
  return blocks;
}

/**
 * Intensity I(B) = B·F₁ / (W + B·t·m): F₁ the FLOPs of one sequence's step, W the weight bytes, t·m
 * one sequence's cache. It crosses the ridge ρ at B* = ρW / (F₁ − ρ·t·m) when F₁ > ρ·t·m; else it
 * only approaches F₁/(t·m) and no batch is compute-bound.
 */
function criticalBatch(a: InferAccount, names: SymbolRecorder, r: Rates): Block[] {
  const v = a.values;
  const rest = { ...v };
  delete rest[B];
  const byB = (p: Poly) => p.collect(B);
  const F1 = (byB(a.ledger.decode.flopsAt).get(1) ?? Poly.ZERO).evaluate(rest);
  const bytes = byB(a.ledger.decode.bytesAt);
  const W = (bytes.get(0) ?? Poly.ZERO).evaluate(rest);
  const cache = (bytes.get(1) ?? Poly.ZERO).evaluate(rest);
  const rho = r.ridge;
  const limit = F1.div(cache);
  const context = v[t]!;
  const rq = names.quantity('rho', { latex: '\\rho', meaning: 'the ridge point: peak FLOP/s ÷ bandwidth, FLOPs per byte', value: rho });
  const Iq = names.quantity('I', { latex: `I(${B})`, meaning: `arithmetic intensity of the last decode step at batch ${B}: FLOPs ÷ bytes (the value: at the batch asked)`, ...(a.decode.step ? { value: a.decode.step.intensity } : {}) });
  const F1q = names.quantity('F_1', { latex: 'F_{1}', meaning: `FLOPs of one sequence's decode step at ${t}`, value: F1 });
  const intensity = `${Iq} = \\frac{${B} \\cdot ${F1q}}{W + ${B} \\cdot ${t} \\cdot m_{\\mathrm{KV}}}`;
  const cb = a.criticalBatch;
  if (cb) {
    const Bs = names.quantity('B*', { latex: `${B}^{*}`, meaning: 'the batch where the last decode step\'s intensity reaches the ridge point', value: cb.exact });
    const below = cb.batch! > 1n ? decodeAtBatch(a, cb.batch! - 1n, r) : undefined;
    const at = decodeAtBatch(a, cb.batch!, r);
    const sentence =
      cb.exact.sign() <= 0
        ? `The step's intensity is above the ridge point at any batch: it is compute-bound from ${B} = 1.`
        : `The step's arithmetic intensity grows with the batch, since the weights are read once for all ${B} sequences while the FLOPs grow with each: it reaches the ridge point ${perByte(rho)} at ${B} = ${decimal(cb.exact, 2)}. ` +
          `${below ? `At ${B} = ${digits(below.batch)} the step does ${groupedDecimal(below.intensity, 2)} FLOPs per byte and is ${below.bound}-bound; ` : ''}from ${B} = ${digits(cb.batch!)} (${groupedDecimal(at.intensity, 2)} FLOPs per byte) it is ${at.bound}-bound, and more sequences add time per step instead of filling idle compute.`;
    return [
      para(text(sentence)),
      displayMath(
        `${intensity} = ${rq} \\iff ${Bs} = \\frac{\\rho W}{F_{1} - \\rho \\, ${t} \\, m_{\\mathrm{KV}}} = \\frac{${decimal(rho, 3)} \\cdot ${exactLatex(W)}}{${exactLatex(F1)} - ${decimal(rho, 3)} \\cdot ${latexDigits(context)} \\cdot ${exactLatex(a.kv.perToken.value)}} = ${decimal(cb.exact, 2)}`,
      ),
    ];
  }
  const { longestContext: tStar } = batchCeiling(a, r);
  return [
    para(
      text(
        `The weights are read once for all ${B} sequences, so the intensity grows with the batch; but each sequence also reads its own ${digits(context)} cached tokens, which grow with ${B} as fast as the FLOPs. ` +
          `As ${B} grows the intensity rises only towards F₁ ÷ (${t} · m_KV) = ${perByte(limit)}, below the ridge point ${perByte(rho)}: at ${t} = ${digits(context)} no batch makes the step compute-bound. ` +
          (tStar !== undefined && tStar >= 1n
            ? `A batch that does exists only while the context is at most ${t} = ${digits(tStar)} tokens (where one sequence's step still does more than ${perByte(rho)} of its own cache).`
            : 'No context makes it so on this hardware.'),
      ),
    ),
    displayMath(`\\lim_{${B} \\to \\infty} ${Iq} = \\frac{${F1q}}{${t} \\cdot m_{\\mathrm{KV}}} = \\frac{${exactLatex(F1)}}{${latexDigits(context)} \\cdot ${exactLatex(a.kv.perToken.value)}} = ${decimal(limit, 1)} < ${rq} = ${decimal(rho, 1)}`),
  ];
}

function batches(a: InferAccount, r: Rates | undefined, rows: BatchRow[]): Block[] {
  const head = heading(2, '(e) Latency and throughput against the batch', 'batch');
  if (!r || rows.length === 0) return [head, para(text('Give --hardware NAME (or --peak and --bandwidth) for the time per step at each batch.'))];
  const own = a.values[B]!;
  const first = rows[0]!;
  const fitting = rows.filter((x) => x.fits !== false);
  const last = fitting.length ? fitting[fitting.length - 1]! : rows[rows.length - 1]!;
  const crit = a.criticalBatch?.batch;
  const mark = (x: BatchRow) =>
    [x.batch === own ? 'asked' : '', x.batch === crit ? 'first compute-bound' : '', a.fit && x.batch === a.fit.maxBatch ? 'largest that fits' : ''].filter(Boolean).join(', ');
  const factor = (x: Rational, y: Rational) => `${decimal(y.div(x), 2)}×`;
  const sentence =
    `At ${t} = ${digits(a.values[t]!)}, from ${B} = ${digits(first.batch)} to ${B} = ${digits(last.batch)}${fitting.length && a.fit ? ' (the largest of these that fits)' : ''} the latency per token grows from ${seconds(first.seconds)} to ${seconds(last.seconds)} (${factor(first.seconds, last.seconds)}) ` +
    `while the batch's throughput grows from ${groupedDecimal(first.tokensPerSecond, 1)} to ${groupedDecimal(last.tokensPerSecond, 1)} tokens per second (${factor(first.tokensPerSecond, last.tokensPerSecond)}): ` +
    (crit !== undefined
      ? `below ${B} = ${digits(crit)} a step costs little more than reading the weights; above it, time grows in proportion to the batch and throughput levels off at peak ÷ F₁ = ${groupedDecimal(r.peak.div(Rational.of(a.decode.flopsPerToken.value)), 1)} tokens per second (F₁ = ${digits(a.decode.flopsPerToken.value)} FLOPs per token).`
      : `the step stays memory-bound, and throughput levels off as the cache's reads come to dominate the weights'.`);
  const figures = [rooflineData(a, r, rows), latencyData(a, rows), throughputData(a, rows)];
  const names = ['roofline', 'latency-vs-batch', 'throughput-vs-batch'];
  const captions = [
    'Roofline: attainable FLOP/s against arithmetic intensity (log axes), the ridge point marked; prefill and the last decode step at each batch of the table sit on the roof.',
    'Time per decode step (the latency of each generated token) against the batch, from the table.',
    "Tokens per second of the whole batch against the batch, from the table.",
  ];
  return [
    head,
    para(text(sentence)),
    {
      kind: 'table',
      caption: `The last decode step (${t} = ${digits(a.values[t]!)}) at each batch: intensity against the ridge point ${perByte(r.ridge)}; GB = 10⁹ bytes`,
      columns: [
        { header: [text(B)], align: 'right' },
        { header: [text('FLOPs per step')], align: 'right' },
        { header: [text('bytes per step')], align: 'right' },
        { header: [text('FLOPs per byte')], align: 'right' },
        { header: [text('bound')] },
        { header: [text('ms per token')], align: 'right' },
        { header: [text('tokens/s')], align: 'right' },
        ...(a.fit ? [{ header: [text('weights + cache')], align: 'right' as const }, { header: [text('fits')] }] : []),
        { header: [text('')] },
      ],
      rows: rows.map((x) => [
        cell(text(digits(x.batch))),
        cell(text(si(x.flops, 'FLOP'))),
        cell(text(si(x.bytes, 'B'))),
        cell(text(groupedDecimal(x.intensity, 1))),
        cell(text(x.bound)),
        cell(text(decimal(x.seconds.mul(Rational.of(1000n)), 3))),
        cell(text(groupedDecimal(x.tokensPerSecond, 1))),
        ...(a.fit ? [cell(text(gigabytes(x.needed))), cell(text(x.fits ? 'yes' : 'no'))] : []),
        cell(text(mark(x))),
      ]),
    },
    ...figures.map((c, i) => figure(c, names[i]!, captions[i]!)),
  ];
}

function figure(c: ChartData, name: string, caption: string): Block {
  if (!drawable(c)) return para(text(`(The chart "${c.title}" is left out: its values are beyond what a chart can draw.)`));
  return { kind: 'figure', name, chart: lineScene(c), caption };
}

/** "attention.scores and attention.weighted_sum also run": the decode matmuls over the cache. */
function contextMatmuls(a: InferAccount): string {
  const ms = overContext(a.ledger);
  return `${listing(ms.map((m) => m.matmul.path))} also ${ms.length === 1 ? 'runs' : 'run'}`;
}

/** Aligned rows `lhs = formula`, each value on a line of its own so that long formulas fit a page. */
function equations(...rows: Array<[string, string, bigint]>): Block {
  return displayMath(rows.map(([lhs, formula, value]) => `${lhs} &= ${formula} \\\\ &= ${latexDigits(value)}`).join(' \\\\ '));
}

/** A whole number in LaTeX digits, a fraction as its decimal. */
function exactLatex(x: Rational | bigint): string {
  const r = typeof x === 'bigint' ? Rational.of(x) : x;
  return r.isInteger() ? latexDigits(r.num) : decimal(r, 1);
}

function exact(r: Rational): string {
  return r.isInteger() ? digits(r.num) : groupedDecimal(r, 1);
}
