// Shared by the end-to-end tests of `lmledger answer` and `lmledger sheet` (test/browser/documents,
// test/doc/documents-*): the same documents built in process, so a test can count what the CLI's
// output must contain, and small file-system helpers for "nothing was left behind" checks.
import { mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import type { Doc } from '../../src/doc/model.js';
import { loadArchitecture } from '../../src/formulas/load.js';
import { resolveModel } from '../../src/model/spec.js';
import { answer } from '../../src/report/answer.js';
import { sheet } from '../../src/report/sheet.js';

/** `lmledger answer`'s defaults: the seed model, compared with its three smaller siblings, T up to 16,384. */
export const ANSWER_MODEL = 'gpt2-xl-swiglu';
export const ANSWER_SIZES = ['gpt2-small-swiglu', 'gpt2-medium-swiglu', 'gpt2-large-swiglu', 'gpt2-xl-swiglu'];
export const ANSWER_LONG_T = 16_384n;

/** The Doc that `lmledger answer` (no arguments) prints; the tests check it is the same by comparing output. */
export function answerDoc(): Doc {
  const model = resolveModel({ preset: ANSWER_MODEL });
  const sizes = ANSWER_SIZES.map((p) => (p === model.label ? model : resolveModel({ preset: p })));
  return answer({ model, sizes, longT: ANSWER_LONG_T });
}

/** The Doc that `lmledger sheet <preset>` prints. */
export function presetSheetDoc(preset: string): Doc {
  const model = resolveModel({ preset });
  return sheet(model.arch, model);
}

/** The Doc that `lmledger sheet <architecture>` prints (formulas only). */
export function archSheetDoc(arch: string): Doc {
  return sheet(loadArchitecture(arch));
}

/**
 * The seed's worked answer for gpt2-xl-swiglu (checked against PyTorch: test/seed.test.ts,
 * test/torch-fixtures.test.ts), as the write-up prints them, thousands separators included.
 */
export const SEED_FIGURES = {
  params: '2,127,057,600',
  fp32Bytes: '8,508,230,400',
  fp32GB: '8.51 GB',
  fp32GiB: '7.92 GiB',
  forwardFlops: '4,513,336,524,800',
  ffnPerLayer: '62,914,560,000',
  attentionPerLayer: '27,682,406,400',
  lmHead: '164,682,137,600',
  /** Forward FLOPs of gpt2-small-swiglu at T = 1,024 (question d). */
  smallForwardFlops: '349,630,365,696',
  /** Forward FLOPs of gpt2-xl-swiglu at T = 16,384 (question e). */
  longContextFlops: '149,522,795,724,800',
  longContextFactor: '33.13×',
  /** ffn's share of a layer, small → medium → large → xl. */
  ffnLayerShares: '64.3% → 66.7% → 68.2% → 69.4%',
  /** lm_head's share of the whole pass, small → xl. */
  lmHeadShares: '22.6% → 10.2% → 5.8% → 3.6%',
  /** attention's share of a layer, T = 1,024 → 16,384. */
  attentionContextShare: '30.6% → 67.1%',
} as const;

/** The seed architecture's components, in the order of formulas/architectures/swiglu-mha.yaml (README). */
export const SEED_COMPONENTS = ['embedding', 'attention_norm', 'attention', 'ffn_norm', 'ffn', 'final_norm', 'lm_head'];

/** The totals as the README prints them in LaTeX. */
export const PARAMS_LATEX = 'L\\left(4 d^{2} + 3 d f + 2 d\\right) + 2 d V + d';
export const FLOPS_LATEX = 'L\\left(4 T^{2} d + 8 T d^{2} + 6 T d f\\right) + 2 T d V';

/**
 * Math in GitHub Markdown as lmledger writes it: display blocks are `$$` lines around the
 * source, inline math is `$…$`, and a `$` in text is escaped as `\$`. Counted without src.
 */
export function markdownMath(md: string): { inline: number; display: number } {
  const block = /^\$\$\n[\s\S]*?\n\$\$$/gm;
  const display = (md.match(block) ?? []).length;
  const rest = md.replace(block, '').replace(/\\\\/g, '').replace(/\\\$/g, '');
  const dollars = (rest.match(/\$/g) ?? []).length;
  return { inline: dollars / 2, display };
}

export function tempDir(tag: string): string {
  return mkdtempSync(join(tmpdir(), `lmledger-${tag}-`));
}

/** Every entry under `dir`, recursively: "path" for files (with their size), "path/" for directories. */
export function listing(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const name of readdirSync(d).sort()) {
      const p = join(d, name);
      const rel = relative(dir, p);
      if (statSync(p).isDirectory()) {
        out.push(`${rel}/`);
        walk(p);
      } else out.push(`${rel} (${statSync(p).size} bytes)`);
    }
  };
  walk(dir);
  return out;
}

export const read = (path: string): string => readFileSync(path, 'utf8');
