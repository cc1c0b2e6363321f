/** Small helpers for the reference's own tests: exact-domain tensors, and the suite's tensor slicing. */
import fc from 'fast-check';
import { elementCount, makeTensor, type Tensor } from '../../src/tensor/tensor.js';

export { concat, slice } from '../../properties/support/tensorOps.js';

/** Integers in [-8, 8]: products and sums of a few hundred stay exact in float32. */
export const smallInt = fc.integer({ min: -8, max: 8 });

export function tensorOf(shape: number[]): fc.Arbitrary<Tensor> {
  return fc.array(smallInt, { minLength: elementCount(shape), maxLength: elementCount(shape) }).map((values) => makeTensor(shape, values));
}

/** The data of a tensor as a plain array, for toEqual. */
export const values = (x: Tensor): number[] => Array.from(x.data);
