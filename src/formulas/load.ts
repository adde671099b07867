// Reads and validates an architecture file (formulas/architectures/*.yaml) and derives each
// component's parameter and FLOP polynomials from its declared shapes.

import { readdirSync, existsSync, statSync } from 'node:fs';
import { basename, join, relative } from 'node:path';
import { readYamlFile } from './yaml.js';
import { latexNameProblem } from './latex-name.js';
import { ExprError, parsePoly } from '../algebra/parse.js';
import { Poly } from '../algebra/poly.js';
import { UserError, didYouMean } from '../errors.js';
import { BATCH_SYMBOL, SEQ_FIELD, WINDOW_FIELD } from './architecture.js';
import type {
  Activation,
  CacheEntry,
  LayerCount,
  Architecture,
  ArchitectureFile,
  Component,
  Condition,
  Constraint,
  Matmul,
  NonMatmul,
  OptionDef,
  OptionValue,
  Scope,
  SymbolDef,
  Weight,
} from './architecture.js';
import { FieldReader } from './fields.js';
import { activationConventions } from './conventions/activations.js';
import { resolveArchitecture, type Choice } from './resolve.js';

import { FORMULAS_DIR } from './paths.js';
export { FORMULAS_DIR };
const ARCH_DIR = join(FORMULAS_DIR, 'architectures');

/** The config field every architecture must map to its layer-count symbol. */
const LAYERS_FIELD = 'num_layers';

export function architectureNames(): string[] {
  return readdirSync(ARCH_DIR)
    .filter((f) => f.endsWith('.yaml'))
    .map((f) => basename(f, '.yaml'))
    .sort();
}

const cache = new Map<string, ArchitectureFile>();

/**
 * An architecture by name or path, resolved for a choice of options and given symbols
 * (default: every option at its default, every symbol kept as a symbol).
 */
export function loadArchitecture(nameOrPath: string, choice: Choice = {}): Architecture {
  return resolveArchitecture(loadArchitectureFile(nameOrPath), choice);
}

/** A path to a .yaml file rather than the name of one in formulas/architectures. */
export function isArchitecturePath(name: string): boolean {
  return name.endsWith('.yaml') || name.endsWith('.yml') || name.includes('/');
}

/** Loads an architecture file by name (formulas/architectures/NAME.yaml) or by a path to a .yaml file. */
export function loadArchitectureFile(nameOrPath: string): ArchitectureFile {
  const isPath = isArchitecturePath(nameOrPath);
  const file = isPath ? nameOrPath : join(ARCH_DIR, `${nameOrPath}.yaml`);
  const hit = cache.get(file);
  if (hit) return hit;
  if (!existsSync(file)) {
    if (isPath) throw new UserError(`architecture file ${nameOrPath}: not found`);
    throw new UserError(
      `unknown architecture '${nameOrPath}'${didYouMean(nameOrPath, architectureNames())}; ` +
        `known: ${architectureNames().join(', ')} (or give a path to a .yaml file)`,
    );
  }
  const shown = isPath ? nameOrPath : relative(process.cwd(), file) || file;
  if (!statSync(file).isFile()) throw new UserError(`architecture file ${shown}: is not a file`);
  const data = readYamlFile(file);
  const arch = readArchitecture(data, shown);
  cache.set(file, arch);
  return arch;
}

/** What an architecture declares before its components: its symbols and options (the CLI's flags come from these). */
export type ArchitectureHeader = Pick<ArchitectureFile, 'symbols' | 'options'>;

const headers = new Map<string, ArchitectureHeader>();

/**
 * The symbols and options of an architecture in formulas/architectures, read without deriving its
 * components' polynomials: registering the CLI's flags needs every architecture's fields, and
 * deriving every component of every file would be most of a cold start.
 */
export function loadArchitectureHeader(name: string): ArchitectureHeader {
  const file = join(ARCH_DIR, `${name}.yaml`);
  const hit = cache.get(file) ?? headers.get(file);
  if (hit) return hit;
  const shown = relative(process.cwd(), file) || file;
  const r = new FieldReader(shown);
  const top = r.object(readYamlFile(file), ARCHITECTURE_KEYS, ARCHITECTURE_REQUIRED);
  const header = { options: readOptions(r.at('options'), top.options), symbols: readSymbols(r.at('symbols'), top.symbols) };
  headers.set(file, header);
  return header;
}

const ARCHITECTURE_KEYS = ['architecture', 'title', 'source', 'options', 'symbols', 'constraints', 'components'];
const ARCHITECTURE_REQUIRED = ['architecture', 'title', 'symbols', 'components'];

export function readArchitecture(data: unknown, file: string): ArchitectureFile {
  const r = new FieldReader(file);
  const top = r.object(data, ARCHITECTURE_KEYS, ARCHITECTURE_REQUIRED);
  const options = readOptions(r.at('options'), top.options);
  const symbols = readSymbols(r.at('symbols'), top.symbols);
  const names = new Set(symbols.map((s) => s.name));
  readSymbolDefaults(r.at('symbols'), top.symbols, symbols, names);
  for (const o of options)
    if (symbols.some((s) => s.config === o.name)) r.at('options').at(o.name).fail('is also a symbol\'s config field');
  const cond = (fr: FieldReader, v: unknown) => readCondition(fr, v, options);
  const layers = symbols.find((s) => s.config === LAYERS_FIELD);
  if (!layers) return r.at('symbols').fail(`one symbol must have config: ${LAYERS_FIELD}`);
  const constraints = readConstraints(r.at('constraints'), top.constraints, names);
  const comps = r.map(top.components);
  const components = Object.entries(comps).map(([id, v]) => readComponent(r.at('components').at(id), id, v, names, cond));
  if (components.length === 0) r.at('components').fail('declare at least one component');
  checkCausal(r, components, symbols.find((s) => s.config === SEQ_FIELD)?.name);
  checkWindow(r, components, symbols.find((s) => s.config === SEQ_FIELD)?.name, symbols.find((s) => s.config === WINDOW_FIELD)?.name);
  return {
    id: r.at('architecture').slug(top.architecture),
    title: r.at('title').string(top.title),
    source: r.at('source').optionalString(top.source) ?? '',
    file,
    options,
    symbols,
    constraints,
    components,
    layers: layers.name,
  };
}

function readOptions(r: FieldReader, v: unknown): OptionDef[] {
  return Object.entries(r.map(v)).map(([name, raw]) => {
    const o = r.at(name);
    o.identifier(name);
    const f = o.object(raw, ['values', 'default', 'meaning', 'titles'], ['values', 'default', 'meaning']);
    const values = o.at('values').list(f.values).map((x, i) => optionValue(o.at('values').at(String(i)), x));
    if (values.length < 2) o.at('values').fail('an option needs at least two values');
    const def = optionValue(o.at('default'), f.default);
    if (!values.includes(def)) o.at('default').fail(`'${def}' is not one of its values (${values.join(', ')})`);
    // YAML reads the keys true/false of a titles mapping as text: compare values as text too.
    const titles: Record<string, string> = {};
    for (const [k, t] of Object.entries(o.at('titles').map(f.titles))) {
      if (!values.some((x) => String(x) === k)) o.at('titles').at(k).fail(`'${k}' is not one of its values (${values.join(', ')})`);
      titles[k] = o.at('titles').at(k).string(t);
    }
    return { name, values, default: def, meaning: o.at('meaning').string(f.meaning), titles };
  });
}

function optionValue(r: FieldReader, v: unknown): OptionValue {
  if (typeof v === 'boolean') return v;
  return r.string(v);
}

/** when: {ffn: [swiglu, geglu], tie_embeddings: false}: each option must have one of the values. */
function readCondition(r: FieldReader, v: unknown, options: OptionDef[]): Condition | undefined {
  if (v === undefined) return undefined;
  const names = options.map((o) => o.name);
  const out: Condition = {};
  for (const [name, raw] of Object.entries(r.map(v))) {
    const opt = options.find((o) => o.name === name);
    if (!opt) r.at(name).fail(`unknown option${didYouMean(name, names)}; options: ${names.join(', ') || 'none declared'}`);
    const list = (Array.isArray(raw) ? raw : [raw]).map((x, i) => optionValue(r.at(name).at(String(i)), x));
    for (const x of list) if (!opt!.values.includes(x)) r.at(name).fail(`'${x}' is not a value of ${name} (${opt!.values.join(', ')})`);
    out[name] = list;
  }
  return out;
}

/** Second pass: `default: d/h` may name any symbol of the file but its own. */
function readSymbolDefaults(r: FieldReader, raw: unknown, symbols: SymbolDef[], names: Set<string>): void {
  const entries = r.map(raw) as Record<string, Record<string, unknown>>;
  for (const s of symbols) {
    const text = entries[s.name]?.default;
    if (text === undefined) continue;
    const others = new Set([...names].filter((n) => n !== s.name));
    const e = expr(r.at(s.name).at('default'), text, others);
    s.default = e.poly;
    s.defaultText = e.text;
  }
}

/** A symbol's `latex:`, checked to be a name and nothing more (see latex-name.ts). */
function latexName(r: FieldReader, v: unknown): string | undefined {
  const latex = r.optionalString(v);
  const problem = latex === undefined ? undefined : latexNameProblem(latex);
  if (problem) r.fail(`${JSON.stringify(latex)} ${problem.startsWith('is ') || problem.startsWith('has ') ? problem : `is refused: ${problem}`}`);
  return latex;
}

function readSymbols(r: FieldReader, v: unknown): SymbolDef[] {
  const out: SymbolDef[] = [];
  const configs = new Set<string>();
  for (const [name, raw] of Object.entries(r.map(v))) {
    const s = r.at(name);
    s.identifier(name);
    if (name === BATCH_SYMBOL.name) s.fail(`the symbol ${name} is reserved for the batch (sequences per step), which the engine adds itself`);
    const o = s.object(raw, ['config', 'default_from', 'default', 'meaning', 'latex', 'titles', 'capped_by'], ['config', 'meaning']);
    const config = s.at('config').string(o.config);
    s.at('config').identifier(config);
    if (config === BATCH_SYMBOL.config) s.at('config').fail(`the field ${config} is reserved for the batch (--batch), which the engine adds itself`);
    if (configs.has(config)) s.at('config').fail(`'${config}' is used by two symbols`);
    configs.add(config);
    const defaultFrom = s.at('default_from').optionalString(o.default_from);
    const cappedBy = s.at('capped_by').optionalString(o.capped_by);
    out.push({
      name,
      config,
      ...(defaultFrom ? { defaultFrom } : {}),
      ...(cappedBy ? { cappedBy } : {}),
      meaning: s.at('meaning').string(o.meaning),
      latex: latexName(s.at('latex'), o.latex) ?? name,
      ...(o.titles !== undefined ? { titles: symbolTitles(s.at('titles'), o.titles) } : {}),
    });
  }
  if (out.length === 0) r.fail('declare at least one symbol');
  for (const s of out)
    if (s.cappedBy !== undefined && !out.some((x) => x.name === s.cappedBy && x !== s))
      r.at(s.name).at('capped_by').fail(`unknown symbol '${s.cappedBy}' (declared: ${out.map((x) => x.name).join(', ')})`);
  return out;
}

function symbolTitles(r: FieldReader, v: unknown): { default?: string; other?: string } {
  const o = r.object(v, ['default', 'other']);
  return {
    ...(o.default !== undefined ? { default: r.at('default').string(o.default) } : {}),
    ...(o.other !== undefined ? { other: r.at('other').string(o.other) } : {}),
  };
}

function readConstraints(r: FieldReader, v: unknown, names: Set<string>): Constraint[] {
  if (v === undefined) return [];
  return r.list(v).map((raw, i) => {
    const c = r.at(String(i));
    const o = c.object(raw, ['divides', 'at_most', 'of', 'why'], ['of', 'why']);
    const kind = o.divides !== undefined ? 'divides' : 'at_most';
    if ((o.divides === undefined) === (o.at_most === undefined)) c.fail('give exactly one of divides (h | d) or at_most (T ≤ N_pos), with of');
    const sym = (key: 'divides' | 'at_most' | 'of') => {
      const s = c.at(key).string(o[key]);
      if (!names.has(s)) c.at(key).fail(`unknown symbol '${s}' (declared: ${[...names].join(', ')})`);
      return s;
    };
    return { kind, left: sym(kind), right: sym('of'), why: c.at('why').string(o.why) };
  });
}

function expr(r: FieldReader, v: unknown, names: Set<string>): { poly: Poly; text: string } {
  const e = r.expression(v);
  try {
    return { poly: parsePoly(e, names), text: String(e) };
  } catch (err) {
    if (err instanceof ExprError) r.fail(err.message);
    throw err;
  }
}

type ReadCondition = (r: FieldReader, v: unknown) => Condition | undefined;
const withWhen = (c: Condition | undefined) => (c ? { when: c } : {});

function readComponent(r: FieldReader, id: string, raw: unknown, names: Set<string>, cond: ReadCondition): Component {
  r.identifier(id);
  const o = r.object(raw, ['title', 'scope', 'layers', 'note', 'when', 'weights', 'matmuls', 'decode_matmuls', 'non_matmul', 'activations', 'cache'], ['title', 'scope']);
  const scope = r.at('scope').string(o.scope);
  if (scope !== 'layer' && scope !== 'model') r.at('scope').fail(`'${scope}' is not allowed; use layer or model`);
  if (o.layers !== undefined && scope !== 'layer') r.at('layers').fail('only a per-layer component (scope: layer) occurs in some of the layers');
  const layers = o.layers === undefined ? undefined : readLayers(r.at('layers'), o.layers, names, cond);

  const weights: Weight[] = Object.entries(r.at('weights').map(o.weights)).map(([wid, wraw]) => {
    const w = r.at('weights').at(wid);
    w.identifier(wid);
    const wo = w.object(wraw, ['shape', 'what', 'active', 'when'], ['shape', 'what']);
    const dims = w.at('shape').list(wo.shape).map((d, i) => expr(w.at('shape').at(String(i)), d, names));
    if (dims.length === 0) w.at('shape').fail('a weight needs at least one dimension');
    // `active: K/E`: the share of this weight one token uses (routed experts); 1 when absent.
    const active = wo.active === undefined ? { poly: Poly.ONE, text: '1' } : expr(w.at('active'), wo.active, names);
    return {
      active: active.poly,
      activeText: active.text,
      id: wid,
      path: `${id}.${wid}`,
      dims: dims.map((d) => d.poly),
      dimsText: dims.map((d) => d.text),
      what: w.at('what').string(wo.what),
      params: dims.reduce((p, d) => p.mul(d.poly), Poly.ONE),
      ...withWhen(cond(w.at('when'), wo.when)),
    };
  });

  const matmuls: Matmul[] = Object.entries(r.at('matmuls').map(o.matmuls)).map(([mid, mraw]) =>
    readMatmul(r.at('matmuls').at(mid), `${id}.${mid}`, mid, mraw, names, cond),
  );

  // decode_matmuls: how a decode step computes the component, when not its matmuls at one token.
  const decodeMatmuls: Matmul[] | undefined =
    o.decode_matmuls === undefined
      ? undefined
      : Object.entries(r.at('decode_matmuls').map(o.decode_matmuls)).map(([mid, mraw]) =>
          readMatmul(r.at('decode_matmuls').at(mid), `${id}.${mid}`, mid, mraw, names, cond),
        );

  const nonMatmul: NonMatmul[] = Object.entries(r.at('non_matmul').map(o.non_matmul)).map(([nid, nraw]) => {
    const n = r.at('non_matmul').at(nid);
    n.identifier(nid);
    const no = n.object(nraw, ['flops', 'what', 'alternative_to', 'convention', 'causal', 'window', 'when'], ['flops', 'what']);
    const flops = expr(n.at('flops'), no.flops, names);
    const alt = n.at('alternative_to').optionalString(no.alternative_to);
    return {
      id: nid,
      path: `${id}.${nid}`,
      flops: flops.poly,
      flopsText: flops.text,
      what: n.at('what').string(no.what),
      ...(alt ? { alternativeTo: `${id}.${alt}` } : {}),
      ...(no.convention !== undefined ? { convention: n.at('convention').string(no.convention) } : {}),
      causal: n.at('causal').boolean(no.causal, false),
      window: n.at('window').boolean(no.window, false),
      ...withWhen(cond(n.at('when'), no.when)),
    };
  });
  for (const n of nonMatmul)
    if (n.alternativeTo && !nonMatmul.some((m) => m.path === n.alternativeTo))
      r.at('non_matmul').at(n.id).at('alternative_to').fail(`no non_matmul entry '${n.alternativeTo}' in this component`);

  const activations = Object.entries(r.at('activations').map(o.activations)).map(([aid, araw]) =>
    readActivation(r.at('activations').at(aid), `${id}.${aid}`, aid, araw, names, cond),
  );

  const cache: CacheEntry[] = Object.entries(r.at('cache').map(o.cache)).map(([cid, craw]) => {
    const c = r.at('cache').at(cid);
    c.identifier(cid);
    const co = c.object(craw, ['shape', 'what', 'window', 'when'], ['shape', 'what']);
    const dims = c.at('shape').list(co.shape).map((d, i) => expr(c.at('shape').at(String(i)), d, names));
    if (dims.length === 0) c.at('shape').fail('a cached tensor needs at least one dimension (per token)');
    return {
      id: cid,
      path: `${id}.${cid}`,
      dims: dims.map((d) => d.poly),
      dimsText: dims.map((d) => d.text),
      what: c.at('what').string(co.what),
      elements: dims.reduce((p, d) => p.mul(d.poly), Poly.ONE),
      window: c.at('window').boolean(co.window, false),
      ...withWhen(cond(c.at('when'), co.when)),
    };
  });

  return {
    id,
    title: r.at('title').string(o.title),
    scope: scope as Scope,
    // Set when the architecture is resolved (L or a layer count, 1 per model).
    occurs: Poly.ONE,
    ...(layers ? { layers } : {}),
    activations,
    cache,
    ...(decodeMatmuls ? { decodeMatmuls } : {}),
    ...(o.note !== undefined ? { note: r.at('note').string(o.note) } : {}),
    weights,
    matmuls,
    nonMatmul,
    params: weights.reduce((p, w) => p.add(w.params), Poly.ZERO),
    activeParams: weights.reduce((p, w) => p.add(w.params.mul(w.active)), Poly.ZERO),
    flops: matmuls.reduce((p, m) => p.add(m.flops), Poly.ZERO),
    ...withWhen(cond(r.at('when'), o.when)),
  };
}

/** "[T, d] @ [d, f]" -> two 2-D operands; the inner dimensions must be symbolically equal. */
function readMatmul(r: FieldReader, path: string, id: string, raw: unknown, names: Set<string>, cond: ReadCondition): Matmul {
  r.identifier(id);
  const o = r.object(raw, ['shape', 'times', 'what', 'causal', 'window', 'recompute', 'no_grad', 'when'], ['shape', 'what']);
  const s = r.at('shape');
  const text = s.string(o.shape);
  const m = /^\s*\[([^\]]*)\]\s*@\s*\[([^\]]*)\]\s*$/.exec(text);
  if (!m) return s.fail(`'${text}' is not of the form "[m, n] @ [n, p]"`);
  const operand = (body: string, side: string): [{ poly: Poly; text: string }, { poly: Poly; text: string }] => {
    const parts = body.split(',').map((p) => p.trim());
    if (parts.length !== 2 || parts.some((p) => p === ''))
      s.fail(`the ${side} operand [${body}] must have exactly two dimensions`);
    return [expr(s, parts[0], names), expr(s, parts[1], names)];
  };
  const [a0, a1] = operand(m[1]!, 'left');
  const [b0, b1] = operand(m[2]!, 'right');
  if (!a1.poly.equals(b0.poly))
    s.fail(`inner dimensions differ: [${a0.text}, ${a1.text}] @ [${b0.text}, ${b1.text}] has ${a1.text} ≠ ${b0.text}`);
  const times = o.times === undefined ? { poly: Poly.ONE, text: '1' } : expr(r.at('times'), o.times, names);
  return {
    id,
    path,
    left: [a0.poly, a1.poly],
    right: [b0.poly, b1.poly],
    leftText: [a0.text, a1.text],
    rightText: [b0.text, b1.text],
    times: times.poly,
    timesText: times.text,
    what: r.at('what').string(o.what),
    // A multiply-add is 2 FLOPs: [m, n] @ [n, p] does m·n·p of them.
    flops: Poly.constant(2n).mul(a0.poly).mul(a1.poly).mul(b1.poly).mul(times.poly),
    causal: r.at('causal').boolean(o.causal, false),
    window: r.at('window').boolean(o.window, false),
    selectiveRecompute: recomputeTag(r.at('recompute'), o.recompute),
    noGrad: noGrad(r.at('no_grad'), o.no_grad),
    ...withWhen(cond(r.at('when'), o.when)),
  };
}

/** `recompute: selective` marks work that selective recomputation re-runs (and the tensors it drops). */
function recomputeTag(r: FieldReader, v: unknown): boolean {
  if (v === undefined) return false;
  if (v !== 'selective') r.fail(`${JSON.stringify(v)} is not allowed; the only value is selective`);
  return true;
}

/** `no_grad: [left]`: operands of a matmul that need no gradient, so its backward skips them. */
function noGrad(r: FieldReader, v: unknown): Array<'left' | 'right'> {
  if (v === undefined) return [];
  return r.list(v).map((x, i) => {
    if (x !== 'left' && x !== 'right') r.at(String(i)).fail(`${JSON.stringify(x)} is not allowed; use left or right`);
    return x as 'left' | 'right';
  });
}

function readActivation(r: FieldReader, path: string, id: string, raw: unknown, names: Set<string>, cond: ReadCondition): Activation {
  r.identifier(id);
  const o = r.object(raw, ['shape', 'what', 'in', 'bytes', 'tensor_parallel', 'recompute', 'checkpoint', 'when'], ['shape', 'what', 'in']);
  const dims = r.at('shape').list(o.shape).map((d, i) => expr(r.at('shape').at(String(i)), d, names));
  if (dims.length === 0) r.at('shape').fail('a tensor needs at least one dimension');
  const known = activationConventions().map((c) => c.name);
  const sets = r.at('in').list(o.in).map((x, i) => {
    const name = r.at('in').at(String(i)).string(x);
    if (!known.includes(name)) r.at('in').at(String(i)).fail(`unknown activation convention '${name}'${didYouMean(name, known)}; declared in formulas/conventions/activations.yaml: ${known.join(', ')}`);
    return name;
  });
  return {
    id,
    path,
    dims: dims.map((d) => d.poly),
    dimsText: dims.map((d) => d.text),
    what: r.at('what').string(o.what),
    elements: dims.reduce((p, d) => p.mul(d.poly), Poly.ONE),
    in: sets,
    ...(o.bytes !== undefined ? { bytes: positiveCount(r.at('bytes'), o.bytes) } : {}),
    tensorParallel: r.at('tensor_parallel').boolean(o.tensor_parallel, false),
    selectiveRecompute: recomputeTag(r.at('recompute'), o.recompute),
    checkpoint: r.at('checkpoint').boolean(o.checkpoint, false),
    ...withWhen(cond(r.at('when'), o.when)),
  };
}

/** Work tagged `causal` must be over the T×T square: every term carries T², so T² can be traded for the convention's pairs. */
function checkCausal(r: FieldReader, components: Component[], seq: string | undefined): void {
  for (const c of components) {
    const tagged = [
      ...c.matmuls.filter((m) => m.causal).map((m) => ({ kind: 'matmuls', id: m.id, flops: m.flops })),
      ...c.nonMatmul.filter((n) => n.causal).map((n) => ({ kind: 'non_matmul', id: n.id, flops: n.flops })),
    ];
    for (const t of tagged) {
      const at = r.at('components').at(c.id).at(t.kind).at(t.id).at('causal');
      if (!seq) at.fail(`needs a symbol with config: ${SEQ_FIELD} (the T of the T×T square)`);
      if (t.flops.lowDegree(seq!) < 2) at.fail(`its FLOPs do not carry ${seq}² in every term, so it is not work over the ${seq}×${seq} square`);
    }
  }
}

/** Work tagged `window` is over a sliding window's T·W pairs: every term carries T·W, traded for the convention's window_pairs. */
function checkWindow(r: FieldReader, components: Component[], seq: string | undefined, window: string | undefined): void {
  for (const c of components) {
    const tagged = [
      ...c.matmuls.filter((m) => m.window).map((m) => ({ kind: 'matmuls', id: m.id, flops: m.flops, causal: m.causal })),
      ...c.nonMatmul.filter((n) => n.window).map((n) => ({ kind: 'non_matmul', id: n.id, flops: n.flops, causal: n.causal })),
    ];
    for (const t of tagged) {
      const at = r.at('components').at(c.id).at(t.kind).at(t.id).at('window');
      if (t.causal) at.fail('work is over the T×T square (causal) or over a window (window), not both');
      if (!seq || !window) at.fail(`needs symbols with config: ${SEQ_FIELD} and config: ${WINDOW_FIELD} (the T and W of the T·W pairs)`);
      if (t.flops.lowDegree(seq!) < 1 || t.flops.lowDegree(window!) < 1) at.fail(`its FLOPs do not carry ${seq}·${window} in every term, so it is not work over a sliding window`);
    }
    for (const e of c.cache.filter((x) => x.window))
      if (!window) r.at('components').at(c.id).at('cache').at(e.id).at('window').fail(`needs a symbol with config: ${WINDOW_FIELD} (the W tokens kept)`);
  }
}

function positiveCount(r: FieldReader, v: unknown): number {
  const n = r.count(v);
  if (n === 0) r.fail('0 is not allowed; expected a whole number ≥ 1');
  return n;
}

/**
 * `layers:` of a per-layer component: an expression (L − L_dense), or a list of alternatives
 * `{count, when}` of which the first that holds applies, so one component can occur in every
 * layer of a dense model and in the dense layers only of a mixture of experts.
 */
function readLayers(r: FieldReader, v: unknown, names: Set<string>, cond: ReadCondition): LayerCount[] {
  if (!Array.isArray(v)) {
    const e = expr(r, v, names);
    return [{ count: e.poly, countText: e.text }];
  }
  const out = v.map((raw, i) => {
    const a = r.at(String(i));
    const o = a.object(raw, ['count', 'when'], ['count']);
    const e = expr(a.at('count'), o.count, names);
    return { count: e.poly, countText: e.text, ...withWhen(cond(a.at('when'), o.when)) };
  });
  if (out.length === 0) r.fail('give at least one layer count');
  if (out[out.length - 1]!.when) r.fail('the last alternative must have no when: it applies when no other does');
  return out;
}
