// src/units/quantity.ts: exact, strict reading of numbers and quantities with units. Every
// expected value is written out here (BigInt), never computed by the code under test; the
// hardware figures are the vendor's as quoted in formulas/hardware/nvidia.yaml (NVIDIA A100
// datasheet: "FP32 19.5 TFLOPS", "GPU Memory Bandwidth 2,039 GB/s"; H100 datasheet "3.35TB/s").
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Rational } from '../../src/algebra/rational.js';
import { groupedDigits, isBinaryUnit, parseDecimal, parseQuantity, QuantityError, type Dimension } from '../../src/units/quantity.js';

const R = (num: bigint, den = 1n) => Rational.of(num, den);
const same = (actual: Rational | undefined, expected: Rational) => {
  expect(actual, 'parsed').toBeDefined();
  expect(actual!.toString()).toBe(expected.toString());
};

describe('parseDecimal: exact', () => {
  it('19.5e12 is 19,500,000,000,000 exactly (no float ever: 19.5e12 is exact in binary too, 0.1 is not)', () => {
    same(parseDecimal('19.5e12'), R(19_500_000_000_000n));
    same(parseDecimal('495e12'), R(495_000_000_000_000n));
    same(parseDecimal('494.7e12'), R(494_700_000_000_000n));
    same(parseDecimal('0.1'), R(1n, 10n));
    same(parseDecimal('0.755'), R(151n, 200n));
    same(parseDecimal('1e-3'), R(1n, 1000n));
    same(parseDecimal('4e5'), R(400_000n));
    same(parseDecimal('4E5'), R(400_000n));
    same(parseDecimal('1.5e+3'), R(1500n));
  });

  it('grouping in threes: 2,039 and 400_000 and 1,000,000.25', () => {
    same(parseDecimal('2,039'), R(2039n));
    same(parseDecimal('400_000'), R(400_000n));
    same(parseDecimal('1,000,000.25'), R(4_000_001n, 4n));
    same(parseDecimal('1_000_000'), R(1_000_000n));
    expect(groupedDigits('1,024')).toBe('1024');
    expect(groupedDigits('1024')).toBe('1024');
  });

  it('rejects what is not plainly one number (nothing is guessed)', () => {
    for (const t of [
      '', ' ', 'abc', '-1', '+1', '.5', '1.', '1..5', '1.5.5', '1e', 'e5', '1e1234', '0x10', 'Infinity', 'NaN', '1 000', ' 1',
      // bad grouping: a leading separator, groups not of three, mixed separators, grouping in the fraction
      ',400', '1000,000', '1,0000', '12,34', '1,000,', '1,000_000', '1__000', '_1000', '1000_', '0.123_456', '1.234,567',
    ])
      expect(parseDecimal(t), JSON.stringify(t)).toBeUndefined();
    for (const t of [',400', '1000,000', '1,000_000', '1.5', '1e3', '-1', '']) expect(groupedDigits(t), JSON.stringify(t)).toBeUndefined();
  });
});

describe('parseQuantity: units, exact and strict', () => {
  const q = (t: string, dim: Dimension) => parseQuantity(t, dim);

  it('memory: 80GB = 80·10⁹, 80GiB = 80·2³⁰ = 85,899,345,920, with or without a space', () => {
    same(q('80GB', 'bytes'), R(80_000_000_000n));
    same(q('80 GB', 'bytes'), R(80_000_000_000n));
    same(q('80GiB', 'bytes'), R(85_899_345_920n));
    same(q('80 GiB', 'bytes'), R(80n * 2n ** 30n));
    same(q('40 GB', 'bytes'), R(40_000_000_000n));
    same(q('1 kB', 'bytes'), R(1000n));
    same(q('1 KB', 'bytes'), R(1000n));
    same(q('1 KiB', 'bytes'), R(1024n));
    same(q('2 TiB', 'bytes'), R(2n * 2n ** 40n));
    same(q('1.5 GiB', 'bytes'), R(1_610_612_736n));
    same(q('85899345920', 'bytes'), R(85_899_345_920n));
    same(q('85,899,345,920', 'bytes'), R(85_899_345_920n));
    same(q('2 B', 'bytes'), R(2n));
  });

  it('bandwidth: 3.35 TB/s = 3,350,000,000,000 bytes/s; 2,039 GB/s = 2,039,000,000,000', () => {
    same(q('3.35 TB/s', 'bytes/s'), R(3_350_000_000_000n));
    same(q('2,039 GB/s', 'bytes/s'), R(2_039_000_000_000n));
    same(q('2039 GB/s', 'bytes/s'), R(2_039_000_000_000n));
    same(q('1555GB/s', 'bytes/s'), R(1_555_000_000_000n));
  });

  it('peaks: 19.5 TFLOP/s = 19.5e12 = 19,500,000,000,000; 494.7 TFLOP/s; TOP/s for integers', () => {
    same(q('19.5 TFLOP/s', 'FLOP/s'), R(19_500_000_000_000n));
    same(q('19.5e12', 'FLOP/s'), R(19_500_000_000_000n));
    same(q('494.7 TFLOP/s', 'FLOP/s'), R(494_700_000_000_000n));
    same(q('1978.9 TFLOP/s', 'FLOP/s'), R(1_978_900_000_000_000n));
    same(q('624 TOP/s', 'FLOP/s'), R(624_000_000_000_000n));
    same(q('4.5 PFLOP/s', 'FLOP/s'), R(4_500_000_000_000_000n));
  });

  it('rejects malformed text with a message naming the text and an example', () => {
    const bad: Array<[string, Dimension, RegExp]> = [
      ['80XB', 'bytes', /'80XB': unknown unit 'XB'; expected for example 80GB, 80GiB or a byte count/],
      ['80 G', 'bytes', /'80 G': unknown unit 'G'/],
      ['80 gb', 'bytes', /unknown unit 'gb'/],
      ['80 gib', 'bytes', /unknown unit 'gib'/],
      ['80kiB', 'bytes', /unknown unit 'kiB'/],
      ['80 GB/s', 'bytes', /unknown unit 'GB\/s'/],
      ['80 GiBs', 'bytes', /unknown unit 'GiBs'/],
      ['GB', 'bytes', /'GB' is not a quantity/],
      ['fast', 'FLOP/s', /'fast' is not a quantity; expected for example 19\.5 TFLOP\/s, 495e12 or FLOP per second/],
      ['19.5 TFLOPS', 'FLOP/s', /unknown unit 'TFLOPS'/],
      ['19.5 TiFLOP/s', 'FLOP/s', /unknown unit 'TiFLOP\/s'/],
      ['19.5 TB/s', 'FLOP/s', /unknown unit 'TB\/s'/],
      ['3.35 TB', 'bytes/s', /unknown unit 'TB'/],
      ['-80GB', 'bytes', /'-80GB' is not a quantity/],
      ['1,5GB', 'bytes', /'1,5GB' is not a quantity/],
      [',5GB', 'bytes', /',5GB' is not a quantity/],
      ['1.234,567 GB', 'bytes', /'1\.234,567 GB': unknown unit ',567 GB'/],
      ['80 GB 2', 'bytes', /unknown unit/],
    ];
    for (const [t, dim, message] of bad) {
      expect(() => q(t, dim), t).toThrow(QuantityError);
      expect(() => q(t, dim), t).toThrow(message);
    }
  });

  it('isBinaryUnit tells GiB from GB', () => {
    expect(isBinaryUnit('80GiB')).toBe(true);
    expect(isBinaryUnit('80 KiB')).toBe(true);
    expect(isBinaryUnit('80GB')).toBe(false);
    expect(isBinaryUnit('80 kB')).toBe(false);
  });
});

describe('properties (fast-check)', () => {
  const grouped = (n: bigint, sep: string) => n.toString().replace(/\B(?=(\d{3})+(?!\d))/g, sep);

  it('a whole number reads back from its digits, grouped with , or with _', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 10n ** 40n }), (n) => {
        for (const t of [n.toString(), grouped(n, ','), grouped(n, '_')]) {
          expect(parseDecimal(t)!.toString()).toBe(n.toString());
          expect(groupedDigits(t)).toBe(n.toString());
        }
      }),
    );
  });

  it('i.f·10^e reads back exactly as (i·10^|f| + f)·10^(e − |f|)', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 10n ** 15n }), fc.stringMatching(/^[0-9]{1,12}$/), fc.integer({ min: -30, max: 30 }), (i, f, e) => {
        const mant = BigInt(`${i}${f}`);
        const shift = e - f.length;
        const expected = shift >= 0 ? R(mant * 10n ** BigInt(shift)) : R(mant, 10n ** BigInt(-shift));
        same(parseDecimal(`${i}.${f}e${e}`), expected);
        same(parseDecimal(`${grouped(i, ',')}.${f}e${e}`), expected);
      }),
    );
  });

  it('every prefix scales exactly: n·10^(3k) for kB…EB, n·2^(10k) for KiB…PiB, with or without a space', () => {
    const dec = ['k', 'M', 'G', 'T', 'P', 'E'];
    const bin = ['Ki', 'Mi', 'Gi', 'Ti', 'Pi'];
    fc.assert(
      fc.property(fc.bigInt({ min: 1n, max: 10n ** 12n }), fc.integer({ min: 0, max: 5 }), fc.integer({ min: 0, max: 4 }), fc.boolean(), (n, di, bi, space) => {
        const s = space ? ' ' : '';
        same(parseQuantity(`${n}${s}${dec[di]}B`, 'bytes'), R(n * 10n ** BigInt(3 * (di + 1))));
        same(parseQuantity(`${n}${s}${bin[bi]}B`, 'bytes'), R(n * 2n ** BigInt(10 * (bi + 1))));
      }),
    );
  });

  it('text with a character that is not part of a number or unit never parses (no silent partial reads)', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 1n, max: 10n ** 9n }), fc.constantFrom('#', '$', '!', '?', '*', 'x', 'g'), fc.integer({ min: 0, max: 2 }), (n, junk, where) => {
        const t = where === 0 ? `${junk}${n}GB` : where === 1 ? `${n}${junk}GB` : `${n}GB${junk}`;
        expect(() => parseQuantity(t, 'bytes'), t).toThrow(QuantityError);
        expect(parseDecimal(`${n}${junk}`)).toBeUndefined();
      }),
    );
  });
});
