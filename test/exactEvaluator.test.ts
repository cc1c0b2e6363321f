/**
 * The generator's exact arithmetic: rational to float32 rounding agrees with IEEE division where
 * that is exact to begin with, and handles ties, subnormals and overflow.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { rationalToFloat32 } from '../scripts/exact/rationalToFloat32.js';

describe('rationalToFloat32', () => {
  it('equals float32 rounding of the binary64 quotient for operands below 2^26 (double rounding is innocuous there)', () => {
    fc.assert(
      fc.property(fc.integer({ min: -(2 ** 26), max: 2 ** 26 }), fc.integer({ min: 1, max: 2 ** 26 }), (p, q) => {
        expect(Object.is(rationalToFloat32(BigInt(p), BigInt(q)), p === 0 ? 0 : Math.fround(p / q))).toBe(true);
      }),
      { seed: 20261128, numRuns: 2000 },
    );
  });

  it('rounds ties to even, and handles subnormals, underflow and overflow', () => {
    // 2^24 + 1 lies halfway between 2^24 and 2^24 + 2: ties to the even 2^24.
    expect(rationalToFloat32(2n ** 24n + 1n, 1n)).toBe(2 ** 24);
    expect(rationalToFloat32(2n ** 24n + 3n, 1n)).toBe(2 ** 24 + 4);
    expect(rationalToFloat32(1n, 2n ** 149n)).toBe(2 ** -149);
    expect(rationalToFloat32(1n, 2n ** 151n)).toBe(0);
    expect(rationalToFloat32(2n ** 128n, 1n)).toBe(Infinity);
    expect(rationalToFloat32(-(2n ** 128n), 1n)).toBe(-Infinity);
    expect(() => rationalToFloat32(1n, 0n)).toThrow(/division by zero/);
  });
});
