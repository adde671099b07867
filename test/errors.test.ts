// Bad input: one line on stderr naming the field and what is allowed, exit code 2, no stack.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'vitest';
import { ROOT } from './helpers/cli.js';
import { expectUserError } from './helpers/errors.js';

const tmp = mkdtempSync(join(tmpdir(), 'lmledger-test-'));
function file(name: string, text: string): string {
  const p = join(tmp, name);
  writeFileSync(p, text);
  return p;
}
const SEED = ['--vocab-size', '50257', '--context-length', '1024', '--num-layers', '48', '--d-model', '1600', '--d-ff', '6400'];
const seedArch = readFileSync(join(ROOT, 'formulas/architectures/swiglu-mha.yaml'), 'utf8');


describe('bad sizes', () => {
  it.each([
    [['--num-heads', '0'], /--num-heads: '0' is not allowed; expected a positive integer/],
    [['--num-heads', '-5'], /--num-heads: '-5' is not allowed; expected a positive integer/],
    [['--num-heads', '2.5'], /--num-heads: '2.5' is not allowed; expected a positive integer/],
    [['--num-heads', 'many'], /--num-heads: 'many' is not allowed; expected a positive integer/],
    [['--num-heads', '7'], /num_heads = 7 does not divide d_model = 1600 .*allowed: a divisor of d_model/],
  ])('%s', (extra, message) => expectUserError(['account', ...SEED, ...extra], message));

  // Flags alone change the default preset, so a field can only be missing from a file.
  it('missing field', () =>
    expectUserError(['account', '--config', file('no-heads.json', '{"vocab_size": 50257, "context_length": 1024, "num_layers": 48, "d_model": 1600, "d_ff": 6400}')], /no-heads\.json: missing num_heads: attention heads.*positive integer/));
  it('a sequence longer than a learned position table', () =>
    expectUserError(['account', 'gpt2', '--seq-len', '4096'], /seq_len = 4096 is more than context_length = 1024 .*allowed: at most 1024/));
  it('bad --seq-len and --batch', () => {
    expectUserError(['account', 'gpt2-xl-swiglu', '--seq-len', 'x'], /--seq-len: 'x' is not allowed/);
    expectUserError(['account', 'gpt2-xl-swiglu', '--batch', '0'], /--batch: '0' is not allowed/);
  });
});

describe('bad names', () => {
  it('unknown preset suggests close names', () =>
    expectUserError(['account', 'gpt2-xl-swiglo'], /unknown preset 'gpt2-xl-swiglo' \(did you mean gpt2-xl-swiglu/));
  it('unknown architecture', () =>
    expectUserError(['formulas', 'swiglu'], /unknown architecture or preset 'swiglu' \(did you mean swiglu-mha, /));
  it('unknown option', () => expectUserError(['account', '--d-modle', '3'], /unknown option '--d-modle'/));
  it('unknown command', () => expectUserError(['acount'], /unknown command 'acount'/));
});

describe('bad config files', () => {
  it('malformed JSON', () =>
    expectUserError(['account', '--config', file('bad.json', '{"d_model": 12,')], /bad\.json: not valid JSON/));
  it('unknown key', () =>
    expectUserError(
      ['account', '--config', file('key.json', '{"d_modle": 12}')],
      /key\.json: unknown field 'd_modle' for architecture swiglu-mha \(did you mean d_model\?\); allowed: /,
    ));
  it.each([
    ['{"d_model": 0}', /d_model: 0 is not allowed; expected a positive integer/],
    ['{"d_model": -3}', /d_model: -3 is not allowed/],
    ['{"d_model": 1.5}', /d_model: 1.5 is not allowed/],
    ['{"d_model": "big"}', /d_model: "big" is not allowed/],
    ['[1, 2]', /expected a JSON object/],
  ])('value %s', (text, message) => expectUserError(['account', '--config', file('v.json', text)], message));
  it('missing file', () => expectUserError(['account', '--config', join(tmp, 'nope.json')], /nope\.json: file not found/));
  it('a preset and a config file together', () =>
    expectUserError(['account', 'gpt2-xl-swiglu', '--config', file('ok.json', '{}')], /give one of a preset \(or a \.json file\), --config or --hf-config/));
});

describe('bad formula files', () => {
  it('unknown symbol, naming the file and the field', () => {
    const p = file('sym.yaml', seedArch.replace('shape: "[T, d] @ [d, d]", what: queries', 'shape: "[T, z] @ [z, d]", what: queries'));
    expectUserError(['formulas', p], /sym\.yaml: components\.attention\.matmuls\.q\.shape: .*unknown symbol 'z' \(declared: L, T, d, f, h, V\)/);
  });
  it('matmul whose inner dimensions differ', () => {
    const p = file('inner.yaml', seedArch.replace('shape: "[T, f] @ [f, d]"', 'shape: "[T, f] @ [d, d]"'));
    expectUserError(['formulas', p], /inner\.yaml: components\.ffn\.matmuls\.w2\.shape: inner dimensions differ: \[T, f\] @ \[d, d\] has f ≠ d/);
  });
  it('unknown field in a component', () => {
    const p = file('field.yaml', seedArch.replace('    scope: model\n    weights:\n      wte', '    scop: model\n    weights:\n      wte'));
    expectUserError(['formulas', p], /field\.yaml: components\.embedding\.scop: unknown field \(did you mean scope\?\)/);
  });
  it('not YAML at all', () => expectUserError(['formulas', file('x.yaml', 'a: [b')], /x\.yaml: not valid YAML/));
  it('the account command also reads it', () => {
    const p = file('sym2.yaml', seedArch.replace('shape: [V, d], what: one', 'shape: [V, q], what: one'));
    expectUserError(['account', '--arch', p, ...SEED, '--num-heads', '25'], /components\.embedding\.weights\.wte\.shape\.1: .*unknown symbol 'q'/);
  });
});
