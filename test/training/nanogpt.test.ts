// Proof: nanoGPT's transformer_sizing.ipynb and model.py (karpathy/nanoGPT, HEAD 3adf61e), as
// quoted in test/fixtures/training/sources.md section b, for GPT-2 small with bias=False:
// block_size 1024, vocab_size 50257, n_layer 12, n_head 12, n_embd 768, ffw_size = 4·n_embd,
// "LayerNorm counted as n_embd (note, bias=False in our LN)", tied token embedding (b.1).
//
// The options that reproduce it: the `decoder` with ffn gelu (two matrices), position learned,
// tie_embeddings true, no biases, and norm rmsnorm — a norm with a gain and no bias has the n_embd
// parameters of bias-free LayerNorm (the decoder's layernorm carries its bias). Norms cost no
// matmul FLOPs, so the FLOPs are the same with either.
import { describe, expect, it } from 'vitest';
import { account } from '../../src/ledger/account.js';
import { resolveModel } from '../../src/model/spec.js';
import { trainingChoice } from '../../src/training/choice.js';
import { trainingLedger } from '../../src/training/ledger.js';
import { dec, fixed, rat, sig12 } from '../helpers/exact.js';
import { cliJsonAsync, expectSamePoly, num, tempFiles } from '../helpers/proof.js';

const CONFIG = {
  architecture: 'decoder', vocab_size: 50257, context_length: 1024, num_layers: 12, d_model: 768, num_heads: 12, d_ff: 3072,
  ffn: 'gelu', norm: 'rmsnorm', position: 'learned', tie_embeddings: true,
};
const file = tempFiles('nanogpt')('gpt2-small-nobias.json', CONFIG);
const { architecture, ...fields } = CONFIG;
const model = resolveModel({ arch: architecture, values: fields, label: 'nanogpt', batch: '1' });
const acc = account(model);
const weight = (path: string) => {
  const w = model.arch.components.flatMap((c) => c.weights).find((x) => x.path === path);
  if (!w) throw new Error(`no weight ${path}`);
  return w.params.evaluate(model.values).toBigInt();
};
const componentParams = (id: string) => acc.components.find((c) => c.component.id === id)?.params.each.value ?? 0n;

describe('parameters: the printed table of cell 3 (b.2)', () => {
  it('total 124,337,664 ("we see: 124337664, expected: 124337664, match: True")', () => {
    expect(acc.params.total.value).toBe(124_337_664n);
  });

  it.each<[string, () => bigint, bigint]>([
    ['emebedding/position', () => componentParams('position_embedding'), 786_432n],
    ['embedding/token', () => componentParams('embedding'), 38_597_376n],
    ['attention/ln', () => componentParams('attention_norm'), 768n],
    ['attention/kqv', () => weight('attention.q') + weight('attention.k') + weight('attention.v'), 1_769_472n],
    ['attention/proj', () => weight('attention.o'), 589_824n],
    ['attention', () => componentParams('attention_norm') + componentParams('attention'), 2_360_064n],
    ['mlp/ln', () => componentParams('ffn_norm'), 768n],
    ['mlp/ffw', () => weight('ffn.up'), 2_359_296n],
    ['mlp/proj', () => weight('ffn.down'), 2_359_296n],
    ['mlp', () => componentParams('ffn_norm') + componentParams('ffn'), 4_719_360n],
    ['block', () => acc.params.perLayer.value, 7_079_424n],
    ['transformer', () => 12n * acc.params.perLayer.value, 84_953_088n],
    ['ln_f', () => componentParams('final_norm'), 768n],
    ['dense ("0 because of parameter sharing")', () => componentParams('lm_head'), 0n],
  ])('%s = %s', (_row, got, expected) => expect(got()).toBe(expected));

  it('norm layernorm instead adds exactly the 25 LayerNorm biases of 768 that bias=False leaves out', () => {
    const ln = account(resolveModel({ arch: 'decoder', values: { ...fields, norm: 'layernorm' }, label: 'ln' }));
    expect(ln.params.total.value - 124_337_664n).toBe(25n * 768n);
    expect(ln.flops.total.value).toBe(acc.flops.total.value);
  });
});

describe('FLOPs: the printed table of cell 9, forward per sequence of 1,024 tokens (b.3)', () => {
  const matmul = (path: string) => acc.flops.matmuls.find((m) => m.matmul.path === path)!.flops.value;
  it.each<[string, string[], bigint]>([
    ['attention/kqv', ['attention.q', 'attention.k', 'attention.v'], 3_623_878_656n],
    ['attention/scores', ['attention.scores'], 1_610_612_736n],
    ['attention/reduce', ['attention.weighted_sum'], 1_610_612_736n],
    ['attention/proj', ['attention.o'], 1_207_959_552n],
    ['attention', ['attention.q', 'attention.k', 'attention.v', 'attention.scores', 'attention.weighted_sum', 'attention.o'], 8_053_063_680n],
    ['mlp/ffw1', ['ffn.up'], 4_831_838_208n],
    ['mlp/ffw2', ['ffn.down'], 4_831_838_208n],
    ['mlp', ['ffn.up', 'ffn.down'], 9_663_676_416n],
    ['dense', ['lm_head.logits'], 79_047_426_048n],
  ])('%s = %s', (_row, paths, expected) => expect(paths.reduce((s, p) => s + matmul(p), 0n)).toBe(expected));

  it('block 17,716,740,096, transformer 212,600,881,152', () => {
    expect(acc.flops.perLayer.value).toBe(17_716_740_096n);
    expect(12n * acc.flops.perLayer.value).toBe(212_600_881_152n);
  });

  it.concurrent('through train --config: forward_total 291,648,307,200, backward_total 583,296,614,400, total 874,944,921,600; per matmul the two gradients are 2 × each row', async () => {
    const j = await cliJsonAsync(['train', '--config', file]);
    expect(j.params.total).toBe(124_337_664n);
    expect(j.flops.forward).toBe(291_648_307_200n);
    expect(j.flops.backward).toBe(583_296_614_400n);
    expect(j.flops.model).toBe(874_944_921_600n);
    // The notebook assumes "backward_total = 2 * forward_total"; lmledger derives it, matmul by matmul.
    const backward = (m: string) => (j.flops.backward_products as Array<{ matmul: string; each: { value: bigint } }>).filter((p) => p.matmul === m).reduce((s, p) => s + p.each.value, 0n);
    expect(backward('attention.q') + backward('attention.k') + backward('attention.v')).toBe(2n * 3_623_878_656n);
    expect(backward('attention.scores')).toBe(2n * 1_610_612_736n);
    expect(backward('attention.weighted_sum')).toBe(2n * 1_610_612_736n);
    expect(backward('attention.o')).toBe(2n * 1_207_959_552n);
    expect(backward('ffn.up')).toBe(2n * 4_831_838_208n);
    expect(backward('ffn.down')).toBe(2n * 4_831_838_208n);
    expect(backward('lm_head.logits')).toBe(2n * 79_047_426_048n);
  });

  it('as polynomials: backward = 2 × forward for this model', () => {
    const t = trainingLedger(model.arch, trainingChoice());
    expectSamePoly(t.flops.backward, num(2).mul(t.flops.forward));
  });
});

describe('MFU, the PaLM approximation and the days to train (b.4–b.6)', () => {
  it.concurrent('batch 100 in 0.755 s on a 312e12 A100: "fraction of A100 used: 37.14%"', async () => {
    const j = await cliJsonAsync(['train', '--config', file, '--batch', '100', '--step-time', '0.755', '--peak', '312e12']);
    const mfu = rat(100n * 874_944_921_600n).div(dec('0.755').mul(dec('312e12')));
    expect(j.flops.model).toBe(100n * 874_944_921_600n);
    expect(j.mfu).toBe(sig12(mfu));
    expect(j.hfu).toBe(j.mfu); // no recomputation
    // The notebook prints two decimals of a percentage: compare at that precision.
    expect(fixed(mfu.mul(rat(100)), 2)).toBe('37.14');
  });

  it.concurrent('the palm approximation, N without the position embedding: palm_flops 875,062,886,400, ratio 1.0001', async () => {
    const j = await cliJsonAsync(['train', '--config', file]);
    const palm = j.flops.approximations.palm;
    // b.7: N = 124,337,664 − 786,432 = 123,551,232 and 6N + 12LHQT = 854,553,600 FLOPs per token.
    expect(6n * 123_551_232n + 12n * 12n * 12n * 64n * 1024n).toBe(854_553_600n);
    expect(palm.value).toBe(875_062_886_400n);
    expect(854_553_600n * 1024n).toBe(875_062_886_400n);
    // "ratio: 1.0001" is palm_flops / flops, to 4 decimals; lmledger prints exact ÷ approximation.
    expect(fixed(rat(palm.value, 874_944_921_600n), 4)).toBe('1.0001');
    expect(palm.exact_over_approximation).toBe(sig12(rat(874_944_921_600n, 875_062_886_400n)));
    expect(palm.difference).toBe(874_944_921_600n - 875_062_886_400n);
    // Before commit 3341b4ce the notebook used all of N (palm_flops 879,894,724,608, ratio 1.0057).
    expect((6n * 124_337_664n + 12n * 12n * 12n * 64n * 1024n) * 1024n).toBe(879_894_724_608n);
  });

  it.concurrent('"time needed to train the model: 3.46 days": 6ND with N = 124,337,664 and D = 300e9 on 8 A100s at 30%, from lmledger\'s 6nd value', async () => {
    const j = await cliJsonAsync(['train', '--config', file, '--tokens', '300e9', '--peak', '312e12', '--devices', '8', '--mfu', '0.3']);
    const capacity = dec('312e12').mul(rat(8)).mul(dec('0.3'));
    // 300e9 / 1,024 tokens per step is a whole number of steps, so the run sees exactly D tokens.
    expect(j.flops.steps).toBe(292_968_750n);
    expect(j.flops.tokens).toBe(300_000_000_000n);
    const sixND = j.flops.approximations['6nd'].value * j.flops.steps;
    expect(sixND).toBe(6n * 124_337_664n * 300_000_000_000n);
    const days6ND = rat(sixND).div(capacity).div(rat(86_400));
    expect(fixed(days6ND, 2)).toBe('3.46'); // printed with two decimals
    // lmledger's own time counts the exact model FLOPs (attention and the LM head in full): 3.96 days.
    const exactDays = rat(874_944_921_600n * 292_968_750n).div(capacity).div(rat(86_400));
    expect(j.time.days).toBe(sig12(exactDays));
    expect(fixed(exactDays, 2)).toBe('3.96');
    expect(j.flops.approximations['6nd'].exact_over_approximation).toBe(sig12(rat(874_944_921_600n, 6n * 124_337_664n * 1024n)));
  });
});
