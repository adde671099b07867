// A bad-input corpus (issue 12, item 7): flags, lmledger configs, Hugging Face configs and
// formula files, each bad in one way. Every case must give exit code 2, one line on stderr
// starting 'lmledger:' that names the field or flag at fault, nothing on stdout, no stack trace,
// and leave the directory it runs in exactly as it was. The field each message must name is
// the one the case broke, written here beside the case.
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/cli.js';
import { expectUserErrorAsync } from '../helpers/errors.js';
import { listing, tempDir } from '../helpers/documents.js';

const root = tempDir('corpus');
afterAll(() => rmSync(root, { recursive: true, force: true }));
let n = 0;

interface Case {
  name: string;
  args: string[];
  /** What the one line must say: the field or flag at fault. */
  names: RegExp;
  /** Files to create in the case's directory first (a name ending in / is a directory). */
  files?: Record<string, string>;
}

const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const SEED = { vocab_size: 50257, context_length: 1024, num_layers: 48, d_model: 1600, num_heads: 25, d_ff: 6400 };
const LLAMA = JSON.parse(readFileSync(join(ROOT, 'test/fixtures/hf/llama-3-8b.json'), 'utf8'));
const GPT2 = JSON.parse(readFileSync(join(ROOT, 'test/fixtures/hf/gpt2.json'), 'utf8'));
const ARCH = readFileSync(join(ROOT, 'formulas/architectures/swiglu-mha.yaml'), 'utf8');

const cases: Case[] = [];

// Flags: each size flag with values that are not positive integers.
for (const flag of ['--d-model', '--num-layers', '--num-heads', '--vocab-size', '--d-ff', '--seq-len', '--num-kv-heads', '--head-dim'])
  for (const v of ['0', '-5', 'abc', '2.5', '0x10'])
    cases.push({ name: `account ${flag} ${v}`, args: ['account', `${flag}=${v}`], names: new RegExp(`${esc(flag)}: '${esc(v)}' is not allowed`) });
// Flags: option values not among the allowed ones.
for (const [flag, v, names] of [
  ['--norm', 'batchnorm', /norm: "batchnorm" is not allowed; use one of "rmsnorm", "layernorm"/],
  ['--ffn', 'swish', /ffn: "swish" is not allowed/],
  ['--tie-embeddings', 'yes', /tie_embeddings: "yes" is not allowed/],
  ['--position', 'xpos', /position: "xpos" is not allowed/],
  ['--qk-norm', 'half', /qk_norm: "half" is not allowed/],
  ['--mlp-bias', 'maybe', /mlp_bias: "maybe" is not allowed/],
  ['--attention', 'sparse', /'sparse' is invalid.*dense/],
  ['--batch', '0', /--batch: '0' is not allowed/],
  ['--arch', 'transformer-xl', /transformer-xl/],
] as const)
  cases.push({ name: `account ${flag} ${v}`, args: ['account', flag, v], names });
for (const [args, names] of [
  [['train', '--optimizer', 'adamx'], /'adamx' is invalid.*adamw/],
  [['train', '--precision', 'fp64'], /'fp64' is invalid/],
  [['train', '--activations', 'all'], /'all' is invalid/],
  [['train', '--recompute', 'half'], /'half' is invalid/],
  [['train', '--mfu', '2'], /--mfu/],
  [['train', '--memory', '80XB'], /--memory/],
  [['train', '--steps', '-1'], /--steps/],
  [['train', '--devices', '0'], /--devices/],
  [['train', '--hardware', 'h999'], /--hardware.*h999/],
  [['infer', '--dtype', 'fp7'], /--dtype.*fp7/],
  [['infer', '--kv-dtype', 'int3'], /--kv-dtype.*int3/],
  [['infer', '--prompt', '0'], /--prompt/],
  [['answer', '--long-context', '0'], /--long-context: '0' is not allowed/],
  [['answer', '--format', 'pdf'], /--format: 'pdf' is not allowed/],
  [['answer', '-o', ''], /-o: the file name is empty/],
  [['scale', 'flops', '--in', 'zz'], /zz/],
  [['scale', 'nothing', '--in', 'T'], /nothing/],
  [['sweep', '--T', '0..1'], /--T/],
  [['sweep', '--T', 'a,b'], /--T/],
  [['account', 'gpt2-xl-swiglo'], /unknown preset 'gpt2-xl-swiglo'/],
  [['account', '--name', ' '], /--name: '' is not allowed/],
  [['formulas', 'nope-arch'], /nope-arch/],
] as const)
  cases.push({ name: args.join(' '), args: [...args], names });

// lmledger configs: the seed config with one field replaced by a value of the wrong kind.
for (const field of Object.keys(SEED))
  for (const [what, v] of [['0', 0], ['-1', -1], ['1.5', 1.5], ['a string', '12'], ['true', true], ['null', null], ['a list', [1]], ['an object', { a: 1 }], ['2^53 + 2', 2 ** 53 + 2]] as const)
    cases.push({
      name: `--config with ${field} ${what}`,
      args: ['account', '--config', 'c.json'],
      files: { 'c.json': JSON.stringify({ ...SEED, [field]: v }) },
      names: new RegExp(`c\\.json: ${field}`),
    });
for (const [what, text, names] of [
  ['an unknown field', JSON.stringify({ ...SEED, d_modle: 1 }), /unknown field 'd_modle'.*did you mean d_model/],
  ['a __proto__ key', '{"__proto__": {"d_model": 1}, "d_model": 1600}', /__proto__/],
  ['a constructor key', JSON.stringify({ ...SEED, constructor: 1 }), /constructor/],
  ['not JSON', '{"d_model": 16', /not valid JSON/],
  ['a list', '[1, 2]', /expected a JSON object/],
  ['empty', '', /not valid JSON/],
  ['nested 40 deep', `{"a": ${'['.repeat(40)}${']'.repeat(40)}}`, /nested more than 32 levels/],
  ['a bad architecture name', JSON.stringify({ ...SEED, architecture: 'nope' }), /nope/],
  ['h not dividing d', JSON.stringify({ ...SEED, num_heads: 7 }), /num_heads|d_model/],
] as const)
  cases.push({ name: `--config: ${what}`, args: ['account', '--config', 'c.json'], files: { 'c.json': text }, names });

// Hugging Face configs: LLaMA-3-8B's with one field broken.
for (const field of ['num_attention_heads', 'hidden_size', 'num_hidden_layers', 'vocab_size', 'intermediate_size', 'max_position_embeddings', 'num_key_value_heads', 'head_dim'])
  for (const [what, v] of [['0', 0], ['-8', -8], ['a string', '8'], ['1.5', 1.5]] as const)
    cases.push({ name: `--hf-config with ${field} ${what}`, args: ['account', '--hf-config', 'hf.json'], files: { 'hf.json': JSON.stringify({ ...LLAMA, [field]: v }) }, names: new RegExp(field) });
for (const mt of ['constructor', '__proto__', 'toString', 'hasOwnProperty', 'valueOf', 'bert', ''])
  cases.push({ name: `--hf-config with model_type ${JSON.stringify(mt)}`, args: ['account', '--hf-config', 'hf.json'], files: { 'hf.json': JSON.stringify({ ...LLAMA, model_type: mt }) }, names: /model_type/ });
for (const [what, edit, names] of [
  ['model_type a number', { model_type: 5 }, /model_type/],
  ['hidden_act a list', { hidden_act: ['silu'] }, /hidden_act/],
  ['hidden_act unknown', { hidden_act: 'tanh' }, /hidden_act 'tanh'/],
  ['tie_word_embeddings a string', { tie_word_embeddings: 'true' }, /tie_word_embeddings/],
  ['attention_bias a number', { attention_bias: 1 }, /attention_bias/],
  ['mlp_bias a string', { mlp_bias: 'no' }, /mlp_bias/],
] as const)
  cases.push({ name: `--hf-config: ${what}`, args: ['account', '--hf-config', 'hf.json'], files: { 'hf.json': JSON.stringify({ ...LLAMA, ...edit }) }, names });
for (const [what, edit, names] of [
  ['add_cross_attention', { add_cross_attention: true }, /add_cross_attention/],
  ['activation_function a list', { activation_function: ['gelu'] }, /activation_function/],
  ['activation_function unknown', { activation_function: 'tanh' }, /activation_function 'tanh'/],
  ['n_embd missing', { n_embd: undefined }, /n_embd/],
  ['n_inner a string', { n_inner: '3072' }, /n_inner/],
] as const)
  cases.push({ name: `--hf-config gpt2: ${what}`, args: ['account', '--hf-config', 'hf.json'], files: { 'hf.json': JSON.stringify({ ...GPT2, ...edit }) }, names });

// Formula files: the seed's architecture with one edit (each checked to change the file).
const archEdits: Array<[string, [string, string], RegExp]> = [
  ['latex: \\input', ['d: {config: d_model, meaning: model width (residual stream)}', 'd: {config: d_model, meaning: w, latex: "\\\\input{/etc/passwd}"}'], /symbols\.d\.latex/],
  ['latex: \\write18', ['d: {config: d_model, meaning: model width (residual stream)}', 'd: {config: d_model, meaning: w, latex: "\\\\write18{id}"}'], /symbols\.d\.latex/],
  ['latex: a double subscript', ['d: {config: d_model, meaning: model width (residual stream)}', 'd: {config: d_model, meaning: w, latex: "d_a_b"}'], /symbols\.d\.latex/],
  ['a symbol named constructor', ['\n  d: {config: d_model', '\n  constructor: {config: cx, meaning: x}\n  d: {config: d_model'], /constructor/],
  ['a symbol named __proto__', ['\n  d: {config: d_model', '\n  __proto__: {config: cx, meaning: x}\n  d: {config: d_model'], /__proto__/],
  ['an exponent of 10^20', ['o: {shape: [d, d], what: output', 'o: {shape: [d, d^100000000000000000000], what: output'], /weights\.o\.shape\.1/],
  ['a shape of ((d+1)^64)^64', ['o: {shape: [d, d], what: output', 'o: {shape: [d, ((d+1)^64)^64], what: output'], /weights\.o\.shape\.1.*terms/],
  ['a negative dimension', ['o: {shape: [d, d], what: output', 'o: {shape: [d, d - 2*d], what: output'], /attention\.o/],
  ['a negative times', ['times: h, causal', 'times: 1 - h, causal'], /attention\.scores.*times/],
  ['an unknown symbol', ['o: {shape: [d, d], what: output', 'o: {shape: [d, q], what: output'], /unknown symbol 'q'/],
  ['a division by zero', ['o: {shape: [d, d], what: output', 'o: {shape: [d, d/0], what: output'], /division by zero/],
  ['a field of the wrong kind', ['o: {shape: [d, d], what: output', 'o: {shape: 5, what: output'], /weights\.o\.shape/],
  ['not YAML', ['\n  d: {config: d_model', '\n  d: {config: [d_model'], /arch\.yaml/],
];
for (const [what, [from, to], names] of archEdits) {
  expect(ARCH.includes(from), what).toBe(true);
  // Read as `formulas FILE`; a dimension's sign shows only at a model's values.
  const args = /negative/.test(what) ? ['account', 'gpt2-xl-swiglu', '--arch', 'arch.yaml'] : ['formulas', 'arch.yaml'];
  cases.push({ name: `${args[0]} with a formula file: ${what}`, args, files: { 'arch.yaml': ARCH.replace(from, to) }, names });
}

// Outputs that cannot be written (more in outputs.test.ts).
for (const [what, files, out, names] of [
  ['a directory', { 'out.html/': '' }, 'out.html', /cannot write out\.html: it is a directory/],
  ['a missing directory', {}, 'no/such/out.md', /directory no\/such does not exist/],
  ['a parent that is a file', { afile: 'x' }, 'afile/out.tex', /ENOTDIR/],
  ['a name ending in /', {}, 'out/', /names a directory/],
] as const)
  cases.push({ name: `answer -o: ${what}`, args: ['answer', '--format', 'md', '-o', out], files, names });

describe(`a corpus of ${cases.length} bad inputs: one line naming the field, exit 2, nothing changed on disk`, () => {
  it('has at least 200 cases', () => expect(cases.length).toBeGreaterThanOrEqual(200));

  it.concurrent.each(cases.map((c) => [c.name, c] as const))('%s', async (_name, c) => {
    const dir = join(root, `case-${++n}`);
    mkdirSync(dir);
    // A name ending in / is a directory.
    for (const [f, content] of Object.entries(c.files ?? {})) f.endsWith('/') ? mkdirSync(join(dir, f)) : writeFileSync(join(dir, f), content);
    const before = listing(dir);
    await expectUserErrorAsync(c.args, c.names, { cwd: dir });
    expect(listing(dir)).toEqual(before);
  });
});
