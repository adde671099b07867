// The serving section of `lmledger sheet`: with a model, its numbers are what `infer --json`
// computes for a prompt of the model's T tokens (bf16 weights and cache, t = P + G with G = 0 is T);
// without one, formulas only; the prompt is written T, so P keeps its one meaning (parameters).
import { describe, expect, it } from 'vitest';
import { cliAsync, cliJsonAsync } from '../helpers/proof.js';

const digits = (n: bigint) => n.toString().replace(/\B(?=(\d{3})+(?!\d))/g, ',');
const section = (md: string) => md.slice(md.indexOf('### Serving'));

describe('sheet: the serving section', () => {
  it.concurrent.each([
    ['llama-3-8b', '8192', '1'],
    ['gpt2', '1024', '4'],
    ['mixtral-8x7b', '4096', '2'],
    ['deepseek-v2-lite', '2048', '1'],
  ])('%s at T = %s, B = %s: the numbers of infer --json', async (preset, T, B) => {
    const [sheet, j] = await Promise.all([
      cliAsync(['sheet', preset, '--seq-len', T, '--batch', B, '--format', 'md']),
      cliJsonAsync(['infer', preset, '--prompt', T, '--generate', '0', '--batch', B]),
    ]);
    expect(sheet.code, sheet.stderr).toBe(0);
    const s = section(sheet.stdout);
    expect(s).toContain(`values at B = ${B} and t = T = ${digits(BigInt(T))}`);
    for (const n of [j.weights_bytes, j.kv_cache.bytes_per_token, j.kv_cache.bytes, j.prefill.flops, j.prefill.bytes, j.decode.flops_per_step, j.decode.bytes_per_step])
      expect(s).toMatch(new RegExp(`\\| ${digits(n)} \\|`));
    for (const x of j.kv_cache.tensors) expect(s).toContain(`| \`${x.name}\` |`);
    // The intensity at B = 1, from infer's own step at B = 1.
    const one = await cliJsonAsync(['infer', preset, '--prompt', T, '--generate', '0']);
    const at1 = Number(one.decode.flops_per_step) / Number(one.decode.bytes_per_step);
    expect(s).toContain(`that is ${at1.toFixed(2)} FLOPs per byte at B = 1`);
  });

  it('architecture only: formulas and no values; P is the parameter count alone', async () => {
    const r = await cliAsync(['sheet', 'decoder', '--format', 'md']);
    expect(r.code, r.stderr).toBe(0);
    const s = section(r.stdout);
    expect(s).toContain('| `attention.k` |');
    expect(s).not.toContain('values at');
    expect(r.stdout).not.toContain('prompt tokens of each sequence');
    expect(r.stdout).toContain('| $t$ | context length at a decode step');
    expect(r.stdout).toContain('| $m_{\\mathrm{KV}}$ |');
  });
});
