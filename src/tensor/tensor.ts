/**
 * Tensors as plain data: a shape and a row-major Float32Array.
 *
 * @see spec:tensor.shape
 * @see spec:tensor.data-length
 * @see spec:tensor.dtype
 */
import { CnnSpecError } from '../spec/CnnSpecError.js';
import { checkLimit, checkLimits, DEFAULT_LIMITS, type Limits } from '../spec/limits.js';
import { MAX_DIMENSION } from '../spec/paramChecks.js';

/** Element types. Results are float32; the reference accumulates in float64. @see spec:tensor.dtype */
export type DType = 'float32';

export interface Tensor {
  /** Dimension sizes, outermost first. */
  readonly shape: readonly number[];
  /** Elements in row-major order (the last axis varies fastest). */
  readonly data: Float32Array;
}

/** Product of the dimension sizes. */
export function elementCount(shape: readonly number[]): number {
  let count = 1;
  for (const size of shape) count *= size;
  return count;
}

/** Row-major strides: the distance in elements between neighbours along each axis. */
export function rowMajorStrides(shape: readonly number[]): number[] {
  const strides = new Array<number>(shape.length).fill(1);
  for (let axis = shape.length - 2; axis >= 0; axis--) {
    strides[axis] = strides[axis + 1]! * shape[axis + 1]!;
  }
  return strides;
}

/**
 * Makes a float32 tensor; `values` (an array or typed array of numbers, one per element) are
 * rounded to float32 once. Zeros when `values` is omitted. Sizes of 0 are allowed: the ops
 * return such tensors under conventions that allow empty outputs
 * (spec: divergence.zero-sized-output). A shape of more than `limits.maxElements` elements is
 * refused before anything is allocated (spec: error.limits).
 */
export function makeTensor(shape: readonly number[], values?: ArrayLike<number>, limits: Limits = DEFAULT_LIMITS): Tensor {
  const op = 'makeTensor';
  checkLimits(op, limits);
  checkShape(op, 'shape', shape, undefined, 0);
  const count = elementCount(shape);
  checkLimit(op, 'shape', count, limits.maxElements, 'elements');
  if (values !== undefined) checkValues(op, values, count);
  let data: Float32Array;
  try {
    data = new Float32Array(count);
  } catch (error) {
    // Within the limits, but more than this process can allocate.
    throw new CnnSpecError({
      code: 'E_TOO_LARGE',
      op,
      clause: 'error.limits',
      parameter: 'shape',
      value: [...shape],
      rule: `fit in memory (${(error as Error).message})`,
    });
  }
  if (values !== undefined) data.set(values);
  return { shape: [...shape], data };
}

/** Requires an array or numeric typed array of `count` numbers. @see spec:tensor.data-length */
function checkValues(op: string, values: unknown, count: number): void {
  const typed =
    ArrayBuffer.isView(values) &&
    !(values instanceof DataView) &&
    !(values instanceof BigInt64Array) &&
    !(values instanceof BigUint64Array);
  if (!Array.isArray(values) && !typed) {
    throw new CnnSpecError({
      code: 'E_DATA_LENGTH',
      op,
      clause: 'tensor.dtype',
      parameter: 'values',
      value: values,
      rule: 'be an array or a typed array of numbers',
    });
  }
  const list = values as ArrayLike<unknown>;
  if (list.length !== count) {
    throw new CnnSpecError({
      code: 'E_DATA_LENGTH',
      op,
      clause: 'tensor.data-length',
      parameter: 'values.length',
      value: list.length,
      rule: `equal the product of the shape (${count})`,
    });
  }
  if (typed) return;
  for (let index = 0; index < count; index++) {
    if (typeof list[index] !== 'number') {
      throw new CnnSpecError({
        code: 'E_DATA_LENGTH',
        op,
        clause: 'tensor.dtype',
        parameter: `values[${index}]`,
        value: list[index],
        rule: 'be a number',
      });
    }
  }
}

/**
 * Checks that `shape` is an array of integer sizes in [minSize, MAX_DIMENSION] (minSize 1 unless
 * given) and, when given, of the expected rank (`max` defaults to `min`).
 */
export function checkShape(op: string, name: string, shape: unknown, rank?: { min: number; max?: number }, minSize = 1): number[] {
  if (!Array.isArray(shape)) {
    throw new CnnSpecError({
      code: 'E_SHAPE_INVALID',
      op,
      clause: 'tensor.shape',
      parameter: name,
      value: shape,
      rule: 'be an array of dimension sizes',
    });
  }
  if (rank !== undefined && (shape.length < rank.min || shape.length > (rank.max ?? rank.min))) {
    const expected = rank.max === undefined ? `${rank.min}` : rank.max === Infinity ? `at least ${rank.min}` : `${rank.min} to ${rank.max}`;
    throw new CnnSpecError({
      code: 'E_SHAPE_INVALID',
      op,
      clause: 'tensor.shape',
      parameter: name,
      value: shape,
      rule: `have rank ${expected}`,
    });
  }
  // An index loop, not forEach: forEach skips the holes of a sparse array (missing sizes).
  for (let axis = 0; axis < shape.length; axis++) {
    const size: unknown = shape[axis];
    if (typeof size !== 'number' || !Number.isInteger(size) || size < minSize || size > MAX_DIMENSION) {
      throw new CnnSpecError({
        code: 'E_SHAPE_INVALID',
        op,
        clause: 'tensor.shape',
        parameter: `${name}[${axis}]`,
        value: size,
        rule: `be an integer >= ${minSize} and <= ${MAX_DIMENSION}`,
      });
    }
  }
  return shape as number[];
}

/**
 * Checks that `value` is a tensor with positive integer dimensions, a Float32Array whose length
 * is the product of the shape and, when given, the expected rank.
 */
export function checkTensor(op: string, name: string, value: unknown, rank?: { min: number; max?: number }): Tensor {
  if (typeof value !== 'object' || value === null) {
    throw new CnnSpecError({
      code: 'E_SHAPE_INVALID',
      op,
      clause: 'tensor.shape',
      parameter: name,
      value,
      rule: 'be a tensor { shape, data }',
    });
  }
  const { shape, data } = value as { shape?: unknown; data?: unknown };
  checkShape(op, `${name}.shape`, shape, rank);
  if (!(data instanceof Float32Array)) {
    throw new CnnSpecError({
      code: 'E_DATA_LENGTH',
      op,
      clause: 'tensor.dtype',
      parameter: `${name}.data`,
      value: data === null ? null : typeof data === 'object' ? (data as object).constructor?.name : typeof data,
      rule: 'be a Float32Array (dtype float32)',
    });
  }
  const expectedLength = elementCount(shape as number[]);
  if (data.length !== expectedLength) {
    throw new CnnSpecError({
      code: 'E_DATA_LENGTH',
      op,
      clause: 'tensor.data-length',
      parameter: `${name}.data.length`,
      value: data.length,
      rule: `equal the product of shape [${(shape as number[]).join(', ')}] (${expectedLength})`,
    });
  }
  return value as Tensor;
}
