// Formulas inside generated sentences are read back from the text printer's notation and set as
// math with the architecture's own LaTeX names (N_pos is N_{\text{pos}}, f_e is f_{e}, …), while
// words, code names, values and question labels stay text. The symbols are those the presets
// declare (formulas/architectures); the expected LaTeX is written here by hand.
import { describe, expect, it } from 'vitest';
import { FormulaReader, proseMath } from '../../src/doc/prose-math.js';
import { para, text, type Inline } from '../../src/doc/model.js';
import { resolveModel } from '../../src/model/spec.js';
import { presets } from '../../src/model/presets.js';

const symbols = [...resolveModel({ preset: 'phi-3-mini-4k' }).arch.symbols, ...resolveModel({ preset: 'gpt2' }).arch.symbols, ...resolveModel({ preset: 'deepseek-v2-lite' }).arch.symbols, ...resolveModel({ preset: 'mixtral-8x7b' }).arch.symbols];
const reader = new FormulaReader([...new Map(symbols.map((s) => [s.name, s.latex])).entries()].map(([name, latex]) => ({ name, latex })));
const read = (s: string) => reader.inlines(s).map((i: Inline) => (i.kind === 'math' ? `$${i.latex}$` : i.kind === 'text' ? i.text : '?')).join('');

describe('formulas in sentences', () => {
  it('reads the text printer\'s notation as LaTeX from the symbols\' own names', () => {
    expect(read('holds 40,963,200 = 4d² + 3df + 2d (the norm')).toBe('holds 40,963,200 = $4 d^{2} + 3 d f + 2 d$ (the norm');
    expect(read('gives it d·N_pos = 786,432 parameters')).toBe('gives it $d {N_{\\text{pos}}}$ = 786,432 parameters');
    expect(read('at T = 6,400 = (3f − 4d)/2;')).toBe('at $T$ = 6,400 = $(3 f - 4 d)/2$;');
    expect(read('3d·E·f_e + dE and L(4T²d + 8Td²) + 2TdV')).toBe('$3 d E {f_{e}} + d E$ and $L(4 T^{2} d + 8 T d^{2}) + 2 T d V$');
    expect(read('(2/3)d/h = 42.67×')).toBe('$\\tfrac{2}{3} d/h$ = 42.67×');
    expect(read('the first L_dense layers, r_kv wide')).toBe('the first ${L_{\\text{dense}}}$ layers, ${r_{kv}}$ wide');
    expect(read('the T² matmuls grow; linear in T.')).toBe('the $T^{2}$ matmuls grow; linear in $T$.');
  });

  it('leaves words, code names, values and question labels as text', () => {
    for (const s of ['she had a layer of it', 'in (d) and (e)', 'attention.scores and lm_head.logits', 'd_model = 768', '1,024 tokens, 2.08× each', 'of a layer', 'ffn, moe and mla', 'DeepSeek-V2/V3 (2024)'])
      expect(read(s), s).toBe(s);
  });

  it('never reads a model name as a formula (phi-3-mini-4k is not 4k)', () => {
    for (const name of presets().keys()) expect(read(`${name} has 12 layers`), name).toBe(`${name} has 12 layers`);
  });

  it('converts a document\'s paragraphs, lists and tables, and nothing without symbols', () => {
    const doc = { title: 't', blocks: [para(text('x = 2d²'))], symbols: [{ name: 'd', latex: 'd' }] };
    expect(proseMath(doc).blocks[0]).toEqual(para(text('x = '), { kind: 'math', latex: '2 d^{2}' }));
    const none = { title: 't', blocks: [para(text('x = 2d²'))] };
    expect(proseMath(none)).toBe(none);
  });
});
