// Bytes per parameter of the weight formats lmledger reports. int4 packs two weights per
// byte, so its byte count is rounded up (ceil) for an odd parameter count.
import { Rational } from '../algebra/rational.js';

export interface Dtype {
  name: string;
  bytes: Rational;
}

export const DTYPES: readonly Dtype[] = [
  { name: 'fp32', bytes: Rational.of(4n) },
  { name: 'bf16', bytes: Rational.of(2n) },
  { name: 'fp16', bytes: Rational.of(2n) },
  { name: 'fp8', bytes: Rational.of(1n) },
  { name: 'int8', bytes: Rational.of(1n) },
  { name: 'int4', bytes: Rational.of(1n, 2n) },
];
