/**
 * Element values. The exact domain keeps every sum the ops form exactly representable in
 * float32, so implementations must match the reference bit for bit whatever their order of
 * accumulation; the float domain is for rounding; the special domain adds NaN, infinities and
 * signed zeros.
 *
 * spec: numerics.accumulation
 */
import fc from 'fast-check';
import { elementCount, makeTensor, type Tensor } from '../../src/tensor/tensor.js';

export type ValueDomain = 'exact' | 'float' | 'special';

/**
 * Exact domain: multiples of 1/8 in [-2, 2]. A product of two is a multiple of 1/64 of magnitude
 * at most 4, so any sum of fewer than 2^16 products (and a bias) is a multiple of 1/64 below
 * 2^18 in magnitude: exactly representable in float32, in any order of summation.
 */
export const exactValue: fc.Arbitrary<number> = fc.oneof(
  { weight: 6, arbitrary: fc.integer({ min: -2, max: 2 }) },
  { weight: 3, arbitrary: fc.integer({ min: -16, max: 16 }).map((k) => k / 8) },
  { weight: 1, arbitrary: fc.constant(0) },
);

/** Float domain: any float32 in [-1, 1], zeros and subnormals included. */
export const floatValue: fc.Arbitrary<number> = fc.float({ min: -1, max: 1, noNaN: true }).map(Math.fround);

/** Special domain: mostly exact values, with NaN, +Infinity, -Infinity and -0 mixed in. */
export const specialValue: fc.Arbitrary<number> = fc.oneof(
  { weight: 12, arbitrary: exactValue },
  { weight: 1, arbitrary: fc.constantFrom(NaN, Infinity, -Infinity, -0) },
);

export function valueArbitrary(domain: ValueDomain): fc.Arbitrary<number> {
  return domain === 'exact' ? exactValue : domain === 'float' ? floatValue : specialValue;
}

/** A float32 tensor of the given shape with values from the domain. */
export function tensorArbitrary(shape: readonly number[], domain: ValueDomain): fc.Arbitrary<Tensor> {
  const count = elementCount(shape);
  return fc.array(valueArbitrary(domain), { minLength: count, maxLength: count }).map((values) => makeTensor(shape, values));
}
