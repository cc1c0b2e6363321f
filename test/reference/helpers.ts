/** Small helpers for the reference's own tests: exact-domain tensors and tensor slicing. */
import fc from 'fast-check';
import { advanceIndex } from '../../src/advanceIndex.js';
import { elementCount, makeTensor, rowMajorStrides, type Tensor } from '../../src/tensor.js';

/** Integers in [-8, 8]: products and sums of a few hundred stay exact in float32. */
export const smallInt = fc.integer({ min: -8, max: 8 });

export function tensorOf(shape: number[]): fc.Arbitrary<Tensor> {
  return fc.array(smallInt, { minLength: elementCount(shape), maxLength: elementCount(shape) }).map((values) => makeTensor(shape, values));
}

/** Copies the block of `x` that starts at `start` and has shape `shape`, stepping by `step`. */
export function slice(x: Tensor, start: number[], shape: number[], step: number[] = shape.map(() => 1)): Tensor {
  const y = makeTensor(shape);
  const strides = rowMajorStrides(x.shape);
  const index = new Array<number>(shape.length).fill(0);
  let flat = 0;
  do {
    let source = 0;
    for (let a = 0; a < shape.length; a++) source += (start[a]! + index[a]! * step[a]!) * strides[a]!;
    y.data[flat++] = x.data[source]!;
  } while (advanceIndex(index, shape));
  return y;
}

/** Concatenates tensors along an axis. */
export function concat(parts: Tensor[], axis: number): Tensor {
  const shape = [...parts[0]!.shape];
  shape[axis] = parts.reduce((sum, part) => sum + part.shape[axis]!, 0);
  const y = makeTensor(shape);
  const strides = rowMajorStrides(shape);
  let offset = 0;
  for (const part of parts) {
    const index = new Array<number>(part.shape.length).fill(0);
    let flat = 0;
    do {
      let target = 0;
      for (let a = 0; a < shape.length; a++) target += (index[a]! + (a === axis ? offset : 0)) * strides[a]!;
      y.data[target] = part.data[flat++]!;
    } while (advanceIndex(index, part.shape));
    offset += part.shape[axis]!;
  }
  return y;
}

/** The data of a tensor as a plain array, for toEqual. */
export const values = (x: Tensor): number[] => Array.from(x.data);
