// What the page shows, as the URL hash holds it: #model=gpt2-xl-swiglu&T=16384&B=8. Keys are the
// model (a preset) or config (a pasted config as JSON), symbols by name (T, d, L, …) and options by
// their config names (tie_embeddings=true), each given as the CLI's flags would be; attention, the
// symbol and quantity of the derivative (in, q) and the request served (prompt, generate).

export interface State {
  /** A preset name; ignored when `config` is set. */
  model: string;
  /** A pasted or dropped config (Hugging Face config.json or lmledger config). */
  config?: Record<string, unknown>;
  /** Symbol name -> value as typed (overrides the model's). */
  symbols: Record<string, string>;
  /** Option name -> value as typed (true, false, swiglu, …). */
  options: Record<string, string>;
  /** Sequences per pass: the symbol B; absent means the formulas have none (as without --batch). */
  batch?: string;
  attention?: string;
  /** The derivative and elasticity: of q (flops or params) in the symbol `in`. */
  in: string;
  q: string;
  prompt: string;
  generate: string;
  /** The run, as train's and infer's flags: absent means their defaults (hardware: none). */
  optimizer?: string;
  precision?: string;
  activations?: string;
  hardware?: string;
  /** Training: the run's optimizer steps and its model FLOPs utilization (0.5 or 50%). */
  steps?: string;
  mfu?: string;
  /** Devices: ideal data parallelism in training, tensor parallelism in inference (as the CLI's --devices). */
  devices?: string;
  /** Inference: the weights' dtype and the KV cache's (infer's --dtype and --kv-dtype). */
  dtype?: string;
  'kv-dtype'?: string;
}

/** The settings of the run, in the hash by these names (the CLI's flags without --). */
export const RUN_KEYS = ['optimizer', 'precision', 'activations', 'hardware', 'steps', 'mfu', 'devices', 'dtype', 'kv-dtype'] as const;
export type RunKey = (typeof RUN_KEYS)[number];
/** Which of them each command takes: the hardware and the devices serve both. */
export const TRAIN_KEYS: readonly RunKey[] = ['optimizer', 'precision', 'activations', 'hardware', 'steps', 'mfu', 'devices'];
export const INFER_KEYS: readonly RunKey[] = ['hardware', 'devices', 'dtype', 'kv-dtype'];

export const DEFAULT_STATE: State = { model: 'gpt2-xl-swiglu', symbols: {}, options: {}, in: 'T', q: 'flops', prompt: '1024', generate: '256' };

/** Keys of the hash that are not symbols or options. */
const FIXED = new Set<string>(['model', 'config', 'B', 'attention', 'in', 'q', 'prompt', 'generate', ...RUN_KEYS]);

/** `symbolNames`: the symbols of the model's architecture (the rest of the keys are options). */
export function parseHash(hash: string, symbolNames: (state: State) => Set<string>): State {
  const params = new URLSearchParams(hash.replace(/^#/, ''));
  const state: State = { ...DEFAULT_STATE, symbols: {}, options: {} };
  const model = params.get('model');
  if (model) state.model = model;
  const config = params.get('config');
  if (config) {
    const data = JSON.parse(config) as unknown;
    if (data && typeof data === 'object' && !Array.isArray(data)) state.config = data as Record<string, unknown>;
  }
  for (const k of ['in', 'q', 'prompt', 'generate', 'attention', ...RUN_KEYS] as const) {
    const v = params.get(k);
    if (v !== null && v !== '') state[k] = v;
  }
  const B = params.get('B');
  if (B) state.batch = B;
  const symbols = symbolNames(state);
  for (const [k, v] of params) {
    if (FIXED.has(k) || v === '') continue;
    if (symbols.has(k)) state.symbols[k] = v;
    else state.options[k] = v;
  }
  return state;
}

export function hashOf(state: State): string {
  const params = new URLSearchParams();
  if (state.config) params.set('config', JSON.stringify(state.config));
  else params.set('model', state.model);
  for (const [k, v] of Object.entries(state.symbols)) params.set(k, v);
  if (state.batch) params.set('B', state.batch);
  for (const [k, v] of Object.entries(state.options)) params.set(k, v);
  if (state.attention) params.set('attention', state.attention);
  if (state.in !== DEFAULT_STATE.in) params.set('in', state.in);
  if (state.q !== DEFAULT_STATE.q) params.set('q', state.q);
  if (state.prompt !== DEFAULT_STATE.prompt) params.set('prompt', state.prompt);
  if (state.generate !== DEFAULT_STATE.generate) params.set('generate', state.generate);
  for (const k of RUN_KEYS) if (state[k] !== undefined) params.set(k, state[k]!);
  return `#${params.toString()}`;
}
