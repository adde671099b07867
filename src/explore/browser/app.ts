// The explorer: choose a preset or paste a config, edit its symbols and options, and see the
// exact formulas, counts, shares, derivative, training and inference numbers and the charts,
// computed on the page by the engine the CLI runs (bundled with the formulas/ files embedded).
// Each count is shown in an element whose data-quantity is its key in the CLI's JSON.

import { ACTIVATION_CONVENTIONS } from '../../formulas/conventions/activations.js';
import { ATTENTION_CONVENTIONS } from '../../formulas/conventions/attention.js';
import { accelerators } from '../../formulas/hardware.js';
import { DTYPES } from '../../ledger/dtypes.js';
import { DEFAULT_SERVING_DTYPE } from '../../inference/request.js';
import { OPTIMIZERS } from '../../formulas/training/optimizers.js';
import { PRECISION_POLICIES } from '../../formulas/training/precision.js';
import { presets } from '../../model/presets.js';
import { markdownTable } from '../../print/markdown-table.js';
import { digits } from '../../print/numbers.js';
import { VERSION } from '../../version.js';
import type { JsonObject, JsonValue } from '../../api/plain.js';
import type { ModelSpec } from '../../model/spec.js';
import { charts, ledgers, baseModel, scaling, type Ledgers, type Outcome } from './ledgers.js';
import { DEFAULT_STATE, hashOf, INFER_KEYS, parseHash, RUN_KEYS, TRAIN_KEYS, type State } from './state.js';
import { byId, copyText, el, tex, texNode } from './dom.js';

let state: State = DEFAULT_STATE;
/** The architecture the inputs were built for: rebuilt only when it changes, so focus stays put. */
let inputsFor = '';
let last: Ledgers | undefined;

const DTYPES_SHOWN = ['fp32', 'bf16', 'fp8', 'int4'];

function get(doc: JsonValue | undefined, path: string): JsonValue | undefined {
  let v: JsonValue | undefined = doc;
  for (const k of path.split('.')) {
    if (v === null || typeof v !== 'object' || Array.isArray(v)) return undefined;
    v = Object.hasOwn(v, k) ? (v as JsonObject)[k] : undefined;
  }
  return v;
}

/** A count: exact digits, grouped, in an element the tests find by its JSON key (prefixed for train/infer/scale). */
function count(key: string, value: JsonValue | undefined): HTMLElement {
  return el('span', { class: 'count', 'data-quantity': key }, typeof value === 'bigint' ? digits(value) : String(value ?? '—'));
}

const pct = (v: JsonValue | undefined) => (typeof v === 'number' ? `${(v * 100).toFixed(1)}%` : '—');

// ---- the page's frame -------------------------------------------------------------------------

function frame(): void {
  const families = new Map<string, string[]>();
  for (const p of presets().values()) families.set(p.family, [...(families.get(p.family) ?? []), p.name]);
  const select = el('select', { name: 'model', id: 'in-model' });
  for (const [family, names] of families) select.append(el('optgroup', { label: family }, ...names.map((n) => el('option', { value: n }, n))));
  const attention = el('select', { name: 'attention', id: 'in-attention' }, ...ATTENTION_CONVENTIONS.all().map((c) => el('option', { value: c.name }, `${c.name}: ${c.title}`)));

  const app = byId('app');
  app.replaceChildren(
    el('header', {},
      el('h1', {}, 'lmledger explorer'),
      el('p', { class: 'subtitle' }, `Exact parameters and FLOPs of a Transformer LM, computed in this page by lmledger ${VERSION}: every count is an exact integer, every formula derived from the shapes in formulas/.`),
    ),
    el('section', { id: 'model-panel', 'aria-labelledby': 'h-model' },
      el('h2', { id: 'h-model' }, 'Model'),
      el('div', { class: 'row' }, el('label', { for: 'in-model' }, 'Preset'), select),
      el('details', { id: 'config-box' },
        el('summary', {}, 'Paste or drop a config.json (Hugging Face) or an lmledger config'),
        el('textarea', { id: 'config-text', rows: 6, spellcheck: 'false', 'aria-label': 'config JSON: paste it here or drop a file on the page' }),
        el('div', { class: 'buttons' }, el('button', { type: 'button', id: 'config-load' }, 'Use this config'), el('button', { type: 'button', id: 'config-clear' }, 'Back to the preset')),
      ),
      el('p', { id: 'model-title', class: 'title' }),
      el('fieldset', { id: 'symbols' }, el('legend', {}, 'Symbols')),
      el('div', { class: 'row' },
        el('label', { for: 'in-B' }, 'B', el('small', {}, ' sequences in the batch (blank: formulas without B)')),
        el('input', { type: 'number', name: 'B', id: 'in-B', min: 1, step: 1, inputmode: 'numeric' }),
      ),
      el('fieldset', { id: 'options' }, el('legend', {}, 'Options')),
      el('div', { class: 'row' }, el('label', { for: 'in-attention' }, 'Attention'), attention),
      el('p', { id: 'error', role: 'alert', class: 'error' }),
    ),
    el('section', { id: 'params', 'aria-labelledby': 'h-params' }, el('h2', { id: 'h-params' }, 'Parameters'), el('div', { id: 'params-body' })),
    el('section', { id: 'flops', 'aria-labelledby': 'h-flops' }, el('h2', { id: 'h-flops' }, 'Forward FLOPs'), el('div', { id: 'flops-body' })),
    el('section', { id: 'components', 'aria-labelledby': 'h-components' }, el('h2', { id: 'h-components' }, 'By component'), el('div', { id: 'components-body' })),
    el('section', { id: 'scaling', 'aria-labelledby': 'h-scaling' },
      el('h2', { id: 'h-scaling' }, 'Derivative and elasticity'),
      el('div', { class: 'row' },
        el('label', { for: 'in-q' }, 'of'),
        el('select', { name: 'q', id: 'in-q' }, el('option', { value: 'flops' }, 'forward FLOPs'), el('option', { value: 'params' }, 'parameters')),
        el('label', { for: 'in-in' }, 'in'),
        el('select', { name: 'in', id: 'in-in' }),
      ),
      el('div', { id: 'scaling-body' }),
    ),
    el('section', { id: 'training', 'aria-labelledby': 'h-training' },
      el('h2', { id: 'h-training' }, 'Training step'),
      // The run as train's flags, each list from formulas/ (the first entry: the command's default).
      el('div', { class: 'row' },
        ...runSelect('optimizer', 'optimizer', OPTIMIZERS.all().map((o) => [o.name, `${o.name}: ${o.title}`])),
        ...runSelect('precision', 'precision', PRECISION_POLICIES.all().map((p) => [p.name, `${p.name}: ${p.title}`])),
      ),
      el('div', { class: 'row' },
        ...runSelect('activations', 'activations kept', ACTIVATION_CONVENTIONS.all().map((a) => [a.name, `${a.name}: ${a.title}`])),
        ...runSelect('hardware', 'hardware (training and inference)', accelerators().map((a) => [a.name, `${a.name}: ${a.title}`]), 'none'),
      ),
      el('div', { class: 'row' },
        ...runInput('steps', 'steps of the run', 'numeric'),
        ...runInput('mfu', 'MFU (0.5 or 50%)', 'decimal'),
        ...runInput('devices', 'devices (training: data parallel; inference: tensor parallel)', 'numeric'),
      ),
      el('div', { id: 'training-body' }),
    ),
    el('section', { id: 'inference', 'aria-labelledby': 'h-inference' },
      el('h2', { id: 'h-inference' }, 'Inference'),
      el('div', { class: 'row' },
        el('label', { for: 'in-prompt' }, 'prompt tokens'),
        el('input', { type: 'number', name: 'prompt', id: 'in-prompt', min: 1, step: 1, inputmode: 'numeric' }),
        el('label', { for: 'in-generate' }, 'generated tokens'),
        el('input', { type: 'number', name: 'generate', id: 'in-generate', min: 1, step: 1, inputmode: 'numeric' }),
      ),
      el('div', { class: 'row' },
        ...runSelect('dtype', 'weights in', DTYPES.map((d) => [d.name, d.name]), `default (${DEFAULT_SERVING_DTYPE})`),
        ...runSelect('kv-dtype', 'KV cache in', DTYPES.map((d) => [d.name, d.name]), `default (${DEFAULT_SERVING_DTYPE})`),
      ),
      el('div', { id: 'inference-body' }),
    ),
    el('section', { id: 'charts', 'aria-labelledby': 'h-charts' }, el('h2', { id: 'h-charts' }, 'Charts'), el('div', { id: 'charts-body', class: 'charts' })),
    el('p', { id: 'status', class: 'status', role: 'status', 'aria-live': 'polite' }),
  );

  select.addEventListener('change', () => {
    state = { ...DEFAULT_STATE, model: select.value, symbols: {}, options: {}, in: state.in, q: state.q, prompt: state.prompt, generate: state.generate, ...Object.fromEntries(RUN_KEYS.map((k) => [k, state[k]])) };
    update();
  });
  attention.addEventListener('change', () => {
    state.attention = attention.value === 'dense' ? undefined : attention.value;
    update();
  });
  for (const name of ['q', 'in'] as const)
    byId<HTMLSelectElement>(`in-${name}`).addEventListener('change', (e) => {
      state[name] = (e.target as HTMLSelectElement).value;
      update();
    });
  // Selects change on choosing; the typed ones (steps, MFU, devices) as they are typed.
  for (const name of RUN_KEYS) {
    const input = byId<HTMLSelectElement | HTMLInputElement>(`in-${name}`);
    input.addEventListener(input instanceof HTMLSelectElement ? 'change' : 'input', () => {
      const v = input.value.trim();
      state[name] = v === '' ? undefined : v;
      update();
    });
  }
  for (const name of ['prompt', 'generate'] as const)
    byId<HTMLInputElement>(`in-${name}`).addEventListener('input', (e) => {
      state[name] = (e.target as HTMLInputElement).value.trim() || DEFAULT_STATE[name];
      update();
    });
  byId<HTMLInputElement>('in-B').addEventListener('input', (e) => {
    const v = (e.target as HTMLInputElement).value.trim();
    state.batch = v === '' ? undefined : v;
    update();
  });
  byId('config-load').addEventListener('click', () => useConfig(byId<HTMLTextAreaElement>('config-text').value));
  byId('config-clear').addEventListener('click', () => {
    state = { ...state, config: undefined, symbols: {}, options: {} };
    update();
  });
  // A dropped file is read here, in the page: nothing leaves it.
  document.addEventListener('dragover', (e) => e.preventDefault());
  document.addEventListener('drop', (e) => {
    e.preventDefault();
    const file = e.dataTransfer?.files[0];
    if (file) void file.text().then((t) => {
      byId<HTMLTextAreaElement>('config-text').value = t;
      useConfig(t);
    });
  });
  window.addEventListener('hashchange', () => {
    if (location.hash !== hashOf(state)) load();
  });
}

function useConfig(text: string): void {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    showError(`config: not valid JSON: ${(e as Error).message}`);
    return;
  }
  if (!data || typeof data !== 'object' || Array.isArray(data)) {
    showError('config: expected a JSON object such as {"d_model": 768, …}');
    return;
  }
  state = { ...state, config: data as Record<string, unknown>, symbols: {}, options: {} };
  update();
}

function showError(message: string): void {
  byId('error').textContent = message ? `lmledger: ${message}` : '';
  document.body.classList.toggle('has-error', message !== '');
}

// ---- inputs -----------------------------------------------------------------------------------

/** Slider positions: a log scale from 1 to well past the model's own value. */
const STEPS = 1000;
const sliderMax = (v: bigint) => Math.max(16, Number(v) * 256);
const toSlider = (v: number, max: number) => Math.round((Math.log(Math.max(v, 1)) / Math.log(max)) * STEPS);

function buildInputs(model: ModelSpec, base: ModelSpec): void {
  const symbols = byId('symbols');
  symbols.replaceChildren(el('legend', {}, 'Symbols'));
  for (const s of model.arch.symbols) {
    if (s.name === 'B') continue;
    const max = sliderMax(base.values[s.name] ?? model.values[s.name]!);
    const number = el('input', { type: 'number', name: s.name, id: `in-${s.name}`, min: 1, step: 1, inputmode: 'numeric', 'aria-describedby': `m-${s.name}` });
    const slider = el('input', { type: 'range', id: `slider-${s.name}`, min: 0, max: STEPS, step: 1, 'data-slider': s.name, 'aria-label': `${s.name} on a log scale`, 'data-max': max });
    const label = el('label', { for: `in-${s.name}` }, texNode(s.latex));
    symbols.append(el('div', { class: 'row symbol' }, label, number, slider, el('small', { id: `m-${s.name}` }, `${s.config}: ${s.meaning}`)));
    number.addEventListener('input', () => {
      const v = number.value.trim();
      if (v === '') delete state.symbols[s.name];
      else state.symbols[s.name] = v;
      if (/^\d+$/.test(v)) slider.value = String(toSlider(Number(v), max));
      update();
    });
    slider.addEventListener('input', () => {
      const raw = Math.exp((Number(slider.value) / STEPS) * Math.log(max));
      let v = snap(s.name, Math.max(1, Math.round(raw)));
      // A keyboard step too small to change a small value still moves it by one (allowed) value.
      const was = Number(number.value);
      if (v === was && Number.isFinite(was)) v = Math.max(1, nudge(s.name, was, Number(slider.value) > toSlider(was, max) ? 1 : -1));
      number.value = String(v);
      state.symbols[s.name] = String(v);
      update();
    });
  }
  const options = byId('options');
  options.replaceChildren(el('legend', {}, 'Options'));
  options.hidden = model.arch.base.options.length === 0;
  for (const o of model.arch.base.options) {
    const select = el('select', { name: o.name, id: `in-${o.name}` }, ...o.values.map((v) => el('option', { value: String(v) }, o.titles[String(v)] ? `${v}: ${o.titles[String(v)]}` : String(v))));
    options.append(el('div', { class: 'row' }, el('label', { for: `in-${o.name}`, title: o.meaning }, o.name), select));
    select.addEventListener('change', () => {
      state.options[o.name] = select.value;
      update();
    });
  }
  const within = byId<HTMLSelectElement>('in-in');
  within.replaceChildren(...model.arch.symbols.map((s) => el('option', { value: s.name }, `${s.name} (${s.config})`)));
}

/** A slider lands on a value the constraints allow: a multiple of h for d when h must divide d. */
function snap(name: string, v: number): number {
  if (!last) return v;
  for (const c of last.model.arch.constraints) {
    if (c.kind !== 'divides' || c.right !== name) continue;
    const step = Number(last.model.values[c.left]!);
    return Math.max(step, Math.round(v / step) * step);
  }
  return v;
}

/** The next value the constraints allow above (+1) or below (−1) `v`. */
function nudge(name: string, v: number, direction: 1 | -1): number {
  let step = 1;
  for (const c of last?.model.arch.constraints ?? []) if (c.kind === 'divides' && c.right === name) step = Number(last!.model.values[c.left]!);
  return Math.max(step, v + direction * step);
}

function setInputs(model: ModelSpec): void {
  const active = document.activeElement;
  const set = (input: HTMLInputElement | HTMLSelectElement, v: string) => {
    if (input !== active && input.value !== v) input.value = v;
  };
  for (const s of model.arch.symbols) {
    if (s.name === 'B') continue;
    const number = document.getElementById(`in-${s.name}`) as HTMLInputElement | null;
    const slider = document.getElementById(`slider-${s.name}`) as HTMLInputElement | null;
    if (!number || !slider) continue;
    const v = model.values[s.name]!;
    set(number, String(v));
    if (slider !== active) slider.value = String(toSlider(Number(v), Number(slider.dataset.max)));
  }
  for (const [name, v] of Object.entries(model.arch.chosen)) {
    const select = document.getElementById(`in-${name}`) as HTMLSelectElement | null;
    if (select) set(select, String(v));
  }
  set(byId<HTMLInputElement>('in-B'), state.batch ?? '');
  set(byId<HTMLSelectElement>('in-model'), state.config ? '' : state.model);
  set(byId<HTMLSelectElement>('in-attention'), state.attention ?? 'dense');
  set(byId<HTMLSelectElement>('in-q'), state.q);
  set(byId<HTMLSelectElement>('in-in'), state.in);
  set(byId<HTMLInputElement>('in-prompt'), state.prompt);
  set(byId<HTMLInputElement>('in-generate'), state.generate);
  for (const name of RUN_KEYS) set(byId<HTMLSelectElement | HTMLInputElement>(`in-${name}`), state[name] ?? '');
}

// ---- results ----------------------------------------------------------------------------------

function copyButton(label: string, text: () => string): HTMLButtonElement {
  const b = el('button', { type: 'button', class: 'copy' }, label);
  b.addEventListener('click', () => {
    void copyText(text()).then((ok) => {
      byId('status').textContent = ok ? `Copied: ${label.replace(/^Copy /, '')}` : 'Copying is not allowed here';
    });
  });
  return b;
}

function formulaBlock(symbol: string, latex: string, what: string): HTMLElement {
  const math = el('div', { class: 'formula' });
  tex(math, `${symbol} = ${latex}`, true);
  return el('div', { class: 'formula-box' }, math, copyButton(`Copy ${what} as LaTeX`, () => `${symbol} = ${latex}`));
}

function dl(rows: Array<[string | Node, HTMLElement]>): HTMLElement {
  return el('dl', { class: 'totals' }, ...rows.flatMap(([k, v]) => [el('dt', {}, k), el('dd', {}, v)]));
}

function showParams(a: JsonObject): void {
  const p = a.params as JsonObject;
  const mem = (a.memory as JsonObject).weights_bytes as JsonObject;
  const rows: Array<[string | Node, HTMLElement]> = [
    ['total', count('params.total', p.total)],
    ['per layer', count('params.per_layer.value', get(p, 'per_layer.value'))],
  ];
  if (get(p, 'active.value') !== p.total) rows.push(['active per token', count('params.active.value', get(p, 'active.value'))]);
  for (const d of DTYPES_SHOWN) if (mem[d] !== undefined) rows.push([`weights in ${d}, bytes`, count(`memory.weights_bytes.${d}`, mem[d])]);
  byId('params-body').replaceChildren(formulaBlock('P', String(p.formula_latex), 'the parameter formula'), dl(rows));
}

function showFlops(a: JsonObject): void {
  const f = get(a, 'flops.forward') as JsonObject;
  byId('flops-body').replaceChildren(
    formulaBlock('F', String(f.formula_latex), 'the FLOP formula'),
    dl([
      ['total', count('flops.forward.total', f.total)],
      ['per layer', count('flops.forward.per_layer.value', get(f, 'per_layer.value'))],
      ['non-matmul work (not in the total)', count('flops.non_matmul.total', get(a, 'flops.non_matmul.total'))],
    ]),
    el('p', { class: 'note' }, String(get(a, 'conventions.flops') ?? '')),
  );
}

function showComponents(a: JsonObject): void {
  const params = get(a, 'params.components') as JsonObject;
  const flops = get(a, 'flops.forward.components') as JsonObject;
  const ids = Object.keys(params);
  const head = ['component', 'parameters', 'share', 'forward FLOPs', 'share', 'of a layer'];
  const table = el('table', {},
    el('caption', {}, 'Each component: its parameter count and forward FLOPs over the whole model, with shares'),
    el('thead', {}, el('tr', {}, ...head.map((h, i) => el('th', { scope: 'col', class: i > 0 ? 'num' : undefined }, h)))),
  );
  const body = el('tbody');
  const md: string[][] = [];
  for (const id of ids) {
    const pc = params[id] as JsonObject;
    const fc = flops[id] as JsonObject | undefined;
    const bar = el('span', { class: 'bar', 'aria-hidden': 'true' });
    bar.style.width = `${Math.round(Number(fc?.share ?? 0) * 100)}%`;
    body.append(
      el('tr', {},
        el('th', { scope: 'row' }, el('code', {}, id), el('small', {}, ` ${String(pc.title)}`)),
        el('td', { class: 'num' }, count(`params.components.${id}.total`, pc.total), el('div', { class: 'mini' }, texNode(String(pc.formula_latex)))),
        el('td', { class: 'num' }, pct(pc.share)),
        el('td', { class: 'num' }, fc ? count(`flops.forward.components.${id}.total`, fc.total) : '—', fc ? el('div', { class: 'mini' }, texNode(String(fc.formula_latex))) : ''),
        el('td', { class: 'num share' }, bar, fc ? pct(fc.share) : '—'),
        el('td', { class: 'num' }, fc && fc.share_of_layer !== undefined ? pct(fc.share_of_layer) : '—'),
      ),
    );
    md.push([id, typeof pc.total === 'bigint' ? digits(pc.total) : '', pct(pc.share), fc && typeof fc.total === 'bigint' ? digits(fc.total) : '—', fc ? pct(fc.share) : '—', fc?.share_of_layer !== undefined ? pct(fc.share_of_layer) : '—']);
  }
  table.append(body);
  const markdown = () => markdownTable(head.map((h, i) => ({ header: h, align: i > 0 ? 'right' : 'left' })), md);
  byId('components-body').replaceChildren(el('div', { class: 'scroll' }, table), copyButton('Copy the table as Markdown', markdown));
}

function showScaling(outcome: Outcome<JsonObject>): void {
  const body = byId('scaling-body');
  if (!outcome.ok) {
    body.replaceChildren(el('p', { class: 'error' }, `lmledger: ${outcome.error}`));
    return;
  }
  const s = outcome.value;
  const sym = get(s, 'symbol.name') as string;
  const Q = state.q === 'params' ? 'P' : 'F';
  const rows: Array<[string | Node, HTMLElement]> = [
    [texNode(`\\partial ${Q}/\\partial ${sym}`), count('scale.derivative_value', s.derivative_value)],
    [texNode(`${Q}(${sym}+1) - ${Q}(${sym})`), count('scale.increment_value', s.increment_value)],
    [texNode(`\\partial \\log ${Q} / \\partial \\log ${sym}`), el('span', { 'data-ratio': 'scale.elasticity' }, typeof s.elasticity === 'number' ? s.elasticity.toPrecision(4) : '—')],
    [`degree in ${sym}`, el('span', {}, String(s.degree))],
  ];
  body.replaceChildren(formulaBlock(`\\frac{\\partial ${Q}}{\\partial ${sym}}`, String(s.derivative_latex), 'the derivative'), dl(rows));
}

function showTraining(l: Ledgers): void {
  const body = byId('training-body');
  if (!l.train.ok) {
    body.replaceChildren(el('p', { class: 'error' }, `lmledger: ${l.train.error}`));
    return;
  }
  const t = l.train.value;
  const keys: Array<[string, string]> = [
    ['peak memory, bytes', 'memory.peak_bytes'],
    ['parameters, bytes', 'memory.parameters_bytes'],
    ['gradients, bytes', 'memory.gradients_bytes'],
    ['optimizer state, bytes', 'memory.optimizer_bytes'],
    ['activations, bytes', 'memory.activations_bytes'],
    ['FLOPs of a step', 'flops.step'],
    ['forward', 'flops.forward'],
    ['backward', 'flops.backward'],
    ['optimizer update', 'flops.optimizer'],
  ];
  // The run, once it is given: its steps (and tokens, FLOPs), the time at an MFU on some hardware,
  // the largest batch that fits the hardware's memory.
  if (get(t, 'flops.steps') !== undefined)
    keys.push(['steps', 'flops.steps'], ['tokens', 'flops.tokens'], ['model FLOPs of the run', 'flops.total']);
  if (get(t, 'memory.max_batch') !== undefined) keys.push(['largest batch in the device memory', 'memory.max_batch']);
  const times = ratioRows('train', t, [['time of the run, hours', 'time.hours'], ['time of the run, days', 'time.days'], ['MFU', 'time.mfu']]);
  const run = TRAIN_KEYS.filter((k) => state[k] !== undefined).map((k) => `${k} ${state[k]}`);
  body.replaceChildren(
    // The conventions by their names (the part before the colon), as train's defaults choose them.
    el('p', { class: 'note' }, `One step at B = ${state.batch ?? '1'}: ${['activations', 'precision', 'optimizer', 'recompute'].map((k) => `${k} ${String(get(t, `conventions.${k}`) ?? '').split(/[:(]/)[0]!.trim()}`).join(', ')}${run.length ? `; the run: ${run.join(', ')}` : ''}.${times.length === 0 && get(t, 'flops.steps') !== undefined ? ' The time needs hardware and an MFU.' : ''}`),
    dl([...countRows('train', t, keys), ...times]),
  );
}

/** Rows of counts of a command's JSON document (`doc`, shown as `prefix`.key). */
function countRows(prefix: string, doc: JsonObject, keys: Array<[string, string]>): Array<[string, HTMLElement]> {
  return keys.map(([label, key]) => [label, count(`${prefix}.${key}`, get(doc, key))]);
}

/** Rows of the numbers among `keys` that the document has (a time needs hardware). */
function ratioRows(prefix: string, doc: JsonObject, keys: Array<[string, string]>): Array<[string, HTMLElement]> {
  return keys.filter(([, key]) => typeof get(doc, key) === 'number').map(([label, key]) => [label, ratio(`${prefix}.${key}`, get(doc, key))]);
}

/** A number that is not a count (a time, a fraction): its value whole in data-value, four digits shown. */
function ratio(key: string, value: JsonValue | undefined): HTMLElement {
  return el('span', { 'data-ratio': key, 'data-value': String(value) }, typeof value === 'number' ? value.toPrecision(4) : '—');
}

function showInference(l: Ledgers): void {
  const body = byId('inference-body');
  if (!l.infer.ok) {
    body.replaceChildren(el('p', { class: 'error' }, `lmledger: ${l.infer.error}`));
    return;
  }
  const r = l.infer.value;
  const keys: Array<[string, string]> = [
    ['weights, bytes', 'weights_bytes'],
    ['KV cache per token, bytes', 'kv_cache.bytes_per_token'],
    ['KV cache, bytes', 'kv_cache.bytes'],
    ['prefill FLOPs', 'prefill.flops'],
    ['decode FLOPs', 'decode.flops'],
    ['decode FLOPs per token', 'decode.flops_per_token'],
  ];
  if (get(r, 'fit.max_batch') !== undefined) keys.push(['largest batch in the devices\' memory', 'fit.max_batch']);
  const times = ratioRows('infer', r, [['prefill, seconds', 'prefill.seconds'], ['decode, seconds', 'decode.seconds'], ['decode, tokens per second', 'decode.tokens_per_second']]);
  const run = INFER_KEYS.filter((k) => state[k] !== undefined).map((k) => `${k} ${state[k]}`);
  body.replaceChildren(
    el('p', { class: 'note' }, `${state.prompt} prompt tokens, then ${state.generate} generated, at B = ${state.batch ?? '1'}${run.length ? `; ${run.join(', ')}` : ''}.${times.length ? '' : ' Times need hardware.'}`),
    dl([...countRows('infer', r, keys), ...times]),
  );
}

function showCharts(model: ModelSpec): void {
  let c: ReturnType<typeof charts>;
  try {
    c = charts(model);
  } catch (e) {
    // A chart the engine refuses (a value it cannot draw) leaves the numbers standing.
    byId('charts-body').replaceChildren(el('p', { class: 'error' }, `lmledger: ${(e as Error).message}`));
    return;
  }
  const figures = [
    [c.sharesByT, 'Shares of the forward FLOPs as the sequence length grows'],
    [c.flopsByT, 'Forward FLOPs against the sequence length, log axes, crossovers marked'],
    [c.sharesBySize, 'Shares across the sizes of its preset family, at this sequence length'],
  ] as const;
  const body = byId('charts-body');
  body.replaceChildren();
  for (const [svg, caption] of figures) {
    if (!svg) continue;
    const fig = el('figure', {});
    // The chart module's SVG: presentation attributes only, no style attributes or scripts.
    fig.innerHTML = svg;
    fig.append(el('figcaption', {}, caption));
    body.append(fig);
  }
}

// ---- the update loop --------------------------------------------------------------------------

/** Milliseconds of each phase of the last update, for the benchmark (test/bench/explore.mjs). */
export const phases: Record<string, number> = {};

function timed<T>(name: string, f: () => T): T {
  const t = performance.now();
  try {
    return f();
  } finally {
    phases[name] = performance.now() - t;
  }
}

function update(): void {
  const started = performance.now();
  const r = timed('ledgers', () => ledgers(state));
  if (!r.ok) {
    showError(r.error);
    document.body.classList.add('stale');
    writeHash();
    if (!document.body.dataset.ready) document.body.dataset.ready = 'true';
    return;
  }
  showError('');
  document.body.classList.remove('stale');
  const l = (last = r.value);
  timed('inputs', () => {
    const signature = `${l.model.arch.id}|${l.model.arch.symbols.map((s) => s.name).join(',')}|${state.config ? 'config' : state.model}`;
    if (signature !== inputsFor) {
      buildInputs(l.model, l.base);
      inputsFor = signature;
    }
    setInputs(l.model);
  });
  timed('views', () => {
    byId('model-title').textContent = `${String(get(l.account, 'model.name'))}: ${String(get(l.account, 'model.architecture_title'))}`;
    showParams(l.account);
    showFlops(l.account);
    showComponents(l.account);
    showTraining(l);
    showInference(l);
  });
  writeHash();
  const counted = performance.now() - started;
  // The derivative (mathjs) and the charts come in the next task, after the counts are painted.
  const ticket = ++updateTicket;
  requestAnimationFrame(() =>
    setTimeout(() => {
      if (ticket !== updateTicket) return;
      const later = performance.now();
      timed('scale', () => showScaling(scaling(state, l.model)));
      timed('charts', () => showCharts(l.model));
      const body = document.body.dataset;
      body.updateMs = (counted + performance.now() - later).toFixed(1);
      body.countsMs = counted.toFixed(1);
      body.phases = Object.entries(phases).map(([k, v]) => `${k}=${v.toFixed(1)}`).join(' ');
      body.updates = String(Number(body.updates ?? 0) + 1);
      if (!body.ready) {
        body.ready = 'true';
        performance.mark('lmledger-ready');
      }
    }, 0),
  );
}

/** The update whose second half may still run: an older one is dropped when a newer edit came in. */
let updateTicket = 0;

let hashTimer: ReturnType<typeof setTimeout> | undefined;

/** The URL follows the state once typing pauses: replaceState costs more than a whole update otherwise. */
function writeHash(): void {
  clearTimeout(hashTimer);
  hashTimer = setTimeout(() => {
    const h = hashOf(state);
    if (location.hash !== h) history.replaceState(null, '', h);
    document.body.dataset.hash = h;
  }, 120);
}

/** The state of the URL hash, symbols told from options by the model's architecture. */
function load(): void {
  try {
    state = readHash();
  } catch (e) {
    state = { ...DEFAULT_STATE, symbols: {}, options: {} };
    inputsFor = '';
    update();
    showError(`the link's state: ${(e as Error).message}`);
    return;
  }
  inputsFor = '';
  update();
}

function readHash(): State {
  return parseHash(location.hash, (s) => {
    try {
      return new Set(baseModel({ ...s, symbols: {}, options: {} }).arch.base.symbols.map((x) => x.name));
    } catch {
      return new Set();
    }
  });
}

performance.mark('lmledger-engine');
frame();
load();

/** A typed setting of the run (blank: the command's default), named as its flag. */
function runInput(name: string, label: string, mode: 'numeric' | 'decimal'): HTMLElement[] {
  return [el('label', { for: `in-${name}` }, label), el('input', { type: 'text', name, id: `in-${name}`, inputmode: mode, autocomplete: 'off', size: 8 })];
}

/**
 * A label and a select for one setting of the run (name = the CLI's flag without --): its first
 * option, value '', is the command's default (or `none`); the rest are the entries of formulas/.
 */
function runSelect(name: string, label: string, entries: Array<[string, string]>, empty = 'default'): HTMLElement[] {
  return [
    el('label', { for: `in-${name}` }, label),
    el('select', { name, id: `in-${name}` }, el('option', { value: '' }, empty), ...entries.map(([value, text]) => el('option', { value }, text))),
  ];
}
