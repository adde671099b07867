// The PyTorch measurements (test/fixtures/torch_measured.json, copied from the project's shared
// fixtures; its "about" says how they were measured).
import { readFileSync } from 'node:fs';

export interface TorchCase {
  config: Record<string, number | string | boolean>;
  batch: number;
  seq_len: number;
  params: number;
  forward_matmul_flops: number;
  backward_matmul_flops: number;
}

export const torchCases: TorchCase[] = (
  JSON.parse(readFileSync(new URL('../fixtures/torch_measured.json', import.meta.url), 'utf8')) as { cases: TorchCase[] }
).cases;
