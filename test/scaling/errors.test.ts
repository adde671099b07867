// Bad input to scale / sweep / compare: exactly one line on stderr starting with 'lmledger:',
// naming what is wrong (and, where useful, what is allowed or a suggestion), exit code 2, nothing
// on stdout, no stack trace (the pattern of test/errors.test.ts, in test/helpers/scaling.ts).
import { describe, it } from 'vitest';
import { expectUserError } from '../helpers/scaling.js';

const XL = 'gpt2-xl-swiglu';

describe('scale: bad symbols and quantities', () => {
  it('unknown symbol (--in Q) lists the symbols of the architecture', () =>
    expectUserError(['scale', 'flops', XL, '--in', 'Q'], /--in: unknown symbol 'Q'.*symbols of swiglu-mha: L \(num_layers\), T \(seq_len\)/));
  it('a symbol this architecture does not have (--in k: the decoder architecture has it, swiglu-mha does not)', () => {
    expectUserError(['scale', 'flops', XL, '--in', 'k'], /--in: unknown symbol 'k'.*symbols of swiglu-mha: .*h \(num_heads\), V \(vocab_size\)$/);
    expectUserError(['scale', 'flops', XL, '--in', 'num_kv_heads'], /--in: unknown symbol 'num_kv_heads'.*h \(num_heads\)/);
  });
  it('unknown quantity (flopz) suggests flops and lists what is allowed', () =>
    expectUserError(['scale', 'flopz', XL, '--in', 'T'], /unknown quantity 'flopz' \(did you mean flops\?\); allowed: flops, params, /));
  it('params of a matmul, flops of a weight-only component', () => {
    expectUserError(['scale', 'params.attention.q', XL, '--in', 'd'], /unknown quantity 'params\.attention\.q'/);
    expectUserError(['scale', 'flops.embedding', XL, '--in', 'd'], /embedding has no matmul FLOPs; ask for params\.embedding, or for flops/);
  });
  it('--per-layer with lm_head (once per model)', () =>
    expectUserError(['scale', 'lm_head', XL, '--in', 'T', '--per-layer'], /--per-layer: lm_head occurs once per model, not per layer; drop --per-layer/));
  it('--per-layer with a crossover against lm_head', () =>
    expectUserError(['scale', 'flops', XL, '--in', 'T', '--per-layer', '--crossover', 'attention=lm_head'], /--per-layer: lm_head occurs once per model/));
});

describe('scale: --from / --to', () => {
  it('--from 1024 --to 1024', () =>
    expectUserError(['scale', 'flops', XL, '--in', 'T', '--from', '1024', '--to', '1024'], /--from and --to are both 1024; give two different values/));
  it('--from without --to, and --to without --from', () => {
    expectUserError(['scale', 'flops', XL, '--in', 'T', '--from', '1024'], /--from and --to go together/);
    expectUserError(['scale', 'flops', XL, '--in', 'T', '--to', '2048'], /--from and --to go together/);
  });
  it('--from 0, --to -3, --from abc', () => {
    expectUserError(['scale', 'flops', XL, '--in', 'T', '--from', '0', '--to', '5'], /--from: '0' is not allowed; expected a positive integer/);
    expectUserError(['scale', 'flops', XL, '--in', 'T', '--from', '5', '--to=-3'], /--to: '-3' is not allowed/);
    expectUserError(['scale', 'flops', XL, '--in', 'T', '--from', 'abc', '--to', '5'], /--from: 'abc' is not allowed/);
  });
  it('a --to breaking h | d names num_heads and d_model', () =>
    expectUserError(['scale', 'flops', XL, '--in', 'd', '--from', '1600', '--to', '1601'], /d = 1601: num_heads = 25 does not divide d_model = 1601/));
});

describe('scale: --crossover', () => {
  it("without '=' (--crossover attention)", () =>
    expectUserError(['scale', 'flops', XL, '--in', 'T', '--crossover', 'attention'], /--crossover: 'attention' is not of the form a=b \(e\.g\. attention=ffn\)/));
  it("empty side or two '='", () => {
    expectUserError(['scale', 'flops', XL, '--in', 'T', '--crossover', '=ffn'], /--crossover: '=ffn' is not of the form a=b/);
    expectUserError(['scale', 'flops', XL, '--in', 'T', '--crossover', 'a=b=c'], /--crossover: 'a=b=c' is not of the form a=b/);
  });
  it('an unknown name on one side', () =>
    expectUserError(['scale', 'flops', XL, '--in', 'T', '--crossover', 'attention=fnn'], /unknown quantity 'fnn' \(did you mean ffn/));
});

describe('sweep: bad ranges and symbols', () => {
  it('non-numeric range (--T abc)', () => expectUserError(['sweep', XL, '--T', 'abc'], /--T: 'abc' has 'abc', not a positive integer; use a list/));
  it("empty range (--T '')", () => expectUserError(['sweep', XL, '--T', ''], /--T: '' is empty/));
  it('descending range (--T 4096..1024)', () => expectUserError(['sweep', XL, '--T', '4096..1024'], /--T: '4096\.\.1024' goes down \(4096 > 1024\)/));
  it('a geometric step below 2', () => expectUserError(['sweep', XL, '--T', '1..8*1'], /multiplies by less than 2/));
  it('zero in a list', () => expectUserError(['sweep', XL, '--T', '0,1024'], /has '0', not a positive integer/));
  it('two swept symbols at once', () => expectUserError(['sweep', XL, '--T', '1024,2048', '--d', '1600,3200'], /sweep: one symbol at a time \(got --T, --d\)/));
  it('no swept symbol', () => expectUserError(['sweep', XL], /sweep: give the values of one symbol, e\.g\. --T 1024\.\.16384\*2 \(symbols of swiglu-mha: L, T, d, f, h, V\)/));
  it('a swept value breaking h | d (--d 1000,1001) names num_heads and d_model', () =>
    expectUserError(['sweep', XL, '--d', '1000,1001'], /--d 1001: num_heads = 25 does not divide d_model = 1001 .*allowed: a divisor of d_model/));
  it('a swept h that does not divide d (--h 7)', () => expectUserError(['sweep', XL, '--h', '7'], /--h 7: num_heads = 7 does not divide d_model = 1600/));
  it('a symbol of another architecture (--k, num_kv_heads of decoder) is not one of swiglu-mha', () =>
    expectUserError(['sweep', XL, '--k', '1,2'], /--k: unknown symbol 'k'.*symbols of swiglu-mha/));
  it('a symbol no architecture has (--Q)', () => expectUserError(['sweep', XL, '--Q', '1,2'], /unknown option '--Q'/));
  it('--json --csv together', () => expectUserError(['sweep', XL, '--T', '1024,2048', '--json', '--csv'], /choose one of --json, --jsonl, --csv, --markdown \(got --json, --csv\)/));
  it('--csv --markdown together', () => expectUserError(['sweep', XL, '--T', '1024', '--csv', '--markdown'], /choose one of --json, --jsonl, --csv, --markdown/));
});

describe('compare: bad presets', () => {
  it('one preset only', () => expectUserError(['compare', XL], /compare: give at least two models \(got 1\)/));
  it('an unknown preset', () => expectUserError(['compare', XL, 'gpt2-xl-swiglo'], /unknown preset 'gpt2-xl-swiglo'/));
  it('--json --csv together', () => expectUserError(['compare', XL, 'gpt2-small-swiglu', '--json', '--csv'], /choose one of --json, --jsonl, --csv, --markdown/));
  it('a bad --seq-len', () => expectUserError(['compare', XL, 'gpt2-small-swiglu', '--seq-len', '0'], /--seq-len: '0' is not allowed/));
});
