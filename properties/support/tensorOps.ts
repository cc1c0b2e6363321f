/**
 * Small tensor manipulations the metamorphic properties build their expectations from:
 * element-wise maps and combinations, slices with steps, concatenation, and spatial crops.
 */
import { advanceIndex } from '../../src/tensor/advanceIndex.js';
import { elementCount, makeTensor, rowMajorStrides, type Tensor } from '../../src/tensor/tensor.js';

export function mapTensor(x: Tensor, f: (value: number, index: number) => number): Tensor {
  return makeTensor(x.shape, Array.from(x.data, f));
}

export function combine(a: Tensor, b: Tensor, f: (x: number, y: number) => number): Tensor {
  return makeTensor(
    a.shape,
    Array.from(a.data, (value, index) => f(value, b.data[index]!)),
  );
}

/** The block of `x` starting at `start` with shape `shape`, taking every `step`-th element. */
export function slice(x: Tensor, start: readonly number[], shape: readonly number[], step: readonly number[] = shape.map(() => 1)): Tensor {
  const y = makeTensor(shape);
  if (y.data.length === 0) return y;
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

/** Concatenation along `axis`. */
export function concat(parts: readonly Tensor[], axis: number): Tensor {
  const shape = [...parts[0]!.shape];
  shape[axis] = parts.reduce((sum, part) => sum + part.shape[axis]!, 0);
  const y = makeTensor(shape);
  const strides = rowMajorStrides(shape);
  let offset = 0;
  for (const part of parts) {
    if (elementCount(part.shape) > 0) {
      const index = new Array<number>(part.shape.length).fill(0);
      let flat = 0;
      do {
        let target = 0;
        for (let a = 0; a < shape.length; a++) target += (index[a]! + (a === axis ? offset : 0)) * strides[a]!;
        y.data[target] = part.data[flat++]!;
      } while (advanceIndex(index, part.shape));
    }
    offset += part.shape[axis]!;
  }
  return y;
}

/** Copies a tensor (so that a property never shares data with an adapter). */
export function copyTensor(x: Tensor): Tensor {
  return makeTensor(x.shape, x.data);
}
