// Types of the account document (what `account --json` prints, and account() returns) for the
// fields a script reads most; every other field is there too, as the JSON has it. Counts are
// BigInt, shares numbers in [0, 1], formulas mathjs-parsable text with their LaTeX beside them.

import type { JsonObject, JsonValue } from './plain.js';

/** A count with its canonical formula. */
export interface CountJson {
  value: bigint;
  formula: string;
  formula_latex: string;
}

export interface ComponentParamsJson {
  title: string;
  scope: 'layer' | 'model';
  occurrences: bigint;
  each: CountJson;
  total: bigint;
  formula: string;
  formula_latex: string;
  share: number;
  options: string[];
  weights: { [weight: string]: { shape: string[]; params: CountJson } };
}

export interface ComponentFlopsJson {
  scope: 'layer' | 'model';
  occurrences: bigint;
  each: CountJson;
  total: bigint;
  formula: string;
  formula_latex: string;
  share: number;
  share_of_layer?: number;
  options: string[];
}

export interface AccountJson {
  lmledger: string;
  model: {
    name: string;
    architecture: string;
    architecture_title: string;
    config: { [field: string]: bigint };
    options: { [option: string]: string | boolean };
    symbols: { [symbol: string]: { value: bigint; config: string; meaning: string } };
    batch: bigint;
    [key: string]: JsonValue;
  };
  conventions: { [name: string]: string };
  params: {
    total: bigint;
    formula: string;
    formula_latex: string;
    active: CountJson;
    per_layer: CountJson;
    components: { [component: string]: ComponentParamsJson };
    [key: string]: JsonValue | CountJson | { [component: string]: ComponentParamsJson };
  };
  memory: {
    weights_bytes: { [dtype: string]: bigint };
    bytes_per_param: { [dtype: string]: number };
  };
  flops: {
    forward: {
      total: bigint;
      formula: string;
      formula_latex: string;
      per_layer: CountJson;
      components: { [component: string]: ComponentFlopsJson };
      matmuls: JsonObject[];
      dominant: { component: string; share: number } | null;
    };
    non_matmul: { total: bigint; formula: string; formula_latex: string; ops: JsonObject[]; [key: string]: JsonValue };
  };
}
