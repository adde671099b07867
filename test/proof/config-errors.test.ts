// Proof (f): bad input for the decoder's config fields, in a config file and as flags.
// Each gets exit code 2 and exactly one line on stderr starting with 'lmledger:' that names the field
// (the contract of README "How the numbers are verified" and src/errors.ts), and no stack.
import { describe, it } from 'vitest';
import { expectUserError, tempFiles } from '../helpers/proof.js';

const file = tempFiles('config');
const BASE = { vocab_size: 1000, context_length: 64, num_layers: 2, d_model: 96, num_heads: 8, d_ff: 128 };
const FLAGS = ['--vocab-size', '1000', '--context-length', '64', '--num-layers', '2', '--d-model', '96', '--num-heads', '8', '--d-ff', '128'];
const account = (config: object, name: string, ...extra: string[]) => ['account', '--config', file(name, config), ...extra];

describe('num_heads not a multiple of num_kv_heads', () => {
  it('config file', () =>
    expectUserError(account({ ...BASE, num_kv_heads: 3 }, 'kv.json'), /kv\.json: num_kv_heads = 3 does not divide num_heads = 8/));
  it('flags', () =>
    expectUserError(['account', '--arch', 'decoder', ...FLAGS, '--num-kv-heads', '5'], /num_kv_heads = 5 does not divide num_heads = 8/));
});

describe('head_dim absent where d_model is not a multiple of num_heads', () => {
  it('config file (decoder chosen by its num_kv_heads field)', () =>
    expectUserError(account({ ...BASE, d_model: 100, num_heads: 3, num_kv_heads: 3 }, 'hd.json'), /hd\.json: head_dim is not given, so it is d\/h .* = 100\/3, not a whole number; give head_dim/));
  it('config file naming the architecture', () =>
    expectUserError(account({ architecture: 'decoder', ...BASE, d_model: 100, num_heads: 3 }, 'hd2.json'), /head_dim is not given.*100\/3/));
  it('flags', () => expectUserError(['account', '--arch', 'decoder', ...FLAGS, '--d-model', '100', '--num-heads', '3'], /head_dim is not given.*100\/3/));
});

describe('an option value that does not exist', () => {
  it('ffn: "swish" in a config file', () =>
    expectUserError(account({ ...BASE, ffn: 'swish' }, 'ffn.json'), /ffn\.json: ffn: "swish" is not allowed; use one of "swiglu", "geglu", "gelu", "relu"/));
  it('--ffn swish', () => expectUserError(['account', '--arch', 'decoder', ...FLAGS, '--ffn', 'swish'], /ffn: "swish" is not allowed; use one of /));
  it('norm: "batchnorm"', () => expectUserError(account({ ...BASE, norm: 'batchnorm' }, 'norm.json'), /norm: "batchnorm" is not allowed; use one of "rmsnorm", "layernorm"/));
});

describe('a field the architecture cannot represent', () => {
  it('num_kv_heads in a config file with --arch swiglu-mha', () =>
    expectUserError(account({ ...BASE, num_kv_heads: 2 }, 'mha.json', '--arch', 'swiglu-mha'), /mha\.json: unknown field 'num_kv_heads' for architecture swiglu-mha/));
  it('--num-kv-heads with --arch swiglu-mha', () =>
    expectUserError(['account', '--arch', 'swiglu-mha', ...FLAGS, '--num-kv-heads', '2'], /--num-kv-heads: architecture swiglu-mha has no field num_kv_heads/));
  it('head_dim with a preset of swiglu-mha', () =>
    expectUserError(['account', 'gpt2-xl-swiglu', '--head-dim', '64'], /architecture swiglu-mha has no field head_dim/));
});

describe('an option of the wrong type', () => {
  it('tie_embeddings: "yes"', () =>
    expectUserError(account({ ...BASE, tie_embeddings: 'yes' }, 'tie.json'), /tie\.json: tie_embeddings: "yes" is not allowed; use one of false, true/));
  it('tie_embeddings: 1', () => expectUserError(account({ ...BASE, tie_embeddings: 1 }, 'tie1.json'), /tie_embeddings: 1 is not allowed; use one of false, true/));
  it('--tie-embeddings yes', () => expectUserError(['account', '--arch', 'decoder', ...FLAGS, '--tie-embeddings', 'yes'], /tie_embeddings: "yes" is not allowed/));
  it('a size given as a string: num_kv_heads: "2"', () =>
    expectUserError(account({ ...BASE, num_kv_heads: '2' }, 'kvs.json'), /num_kv_heads: "2" is not allowed; expected a positive integer/));
});

describe('a config file that is not JSON', () => {
  // Same bug as in hf-configs.test.ts: JSON.parse's message quotes the input, newline included,
  // so the error printed by src/model/spec.ts readConfigFile spans two lines.
  it('a YAML file ending with a newline', () =>
    expectUserError(['account', '--config', file('config.yaml', 'd_model: 96\n')], /config\.yaml: not valid JSON/));
});
