/**
 * Exact comparison of an output with its expectation: same shape, and every element the same
 * float32 value. NaN matches any NaN (spec: numerics.nan). A zero matches a zero of either sign
 * where the spec leaves the sign free (sums: spec: numerics.signed-zero), and only the same
 * sign elsewhere (max pooling, pad). A zero of either sign matches a subnormal: an implementation
 * may flush subnormals to zero (spec: numerics.subnormals).
 */
import type { Tensor } from '../tensor/tensor.js';

export interface ElementMismatch {
  /** Row-major index of the element. */
  index: number;
  expected: number;
  actual: number;
}

export interface ExactComparison {
  equal: boolean;
  /** Set when the shapes differ; no element is compared then. */
  shapeMismatch?: { expected: number[]; actual: number[] };
  /** The differing elements, in index order (at most `limit`). */
  mismatches: ElementMismatch[];
  /** Number of differing elements in all. */
  mismatchCount: number;
}

/** Smallest positive normal float32: below it (and above zero) a float32 is subnormal. */
const NORMAL_MIN = 2 ** -126;

/** Whether a float32 value is subnormal: not zero, and smaller in magnitude than every normal one. */
export function isSubnormal(value: number): boolean {
  return value !== 0 && Math.abs(value) < NORMAL_MIN;
}

export function sameElement(expected: number, actual: number, zeroSignFree: boolean): boolean {
  if (Number.isNaN(expected)) return Number.isNaN(actual);
  // spec: numerics.subnormals — flushed to zero, of either sign
  if (actual === 0 && isSubnormal(Math.fround(expected))) return true;
  if (zeroSignFree && expected === 0) return actual === 0;
  return Object.is(Math.fround(expected), Math.fround(actual));
}

export function compareExact(
  expected: Tensor,
  actual: { shape: readonly number[]; data: ArrayLike<number> },
  options: { zeroSignFree: boolean; limit?: number },
): ExactComparison {
  const sameShape = expected.shape.length === actual.shape.length && expected.shape.every((size, axis) => size === actual.shape[axis]);
  if (!sameShape || expected.data.length !== actual.data.length) {
    return {
      equal: false,
      shapeMismatch: { expected: [...expected.shape], actual: [...actual.shape] },
      mismatches: [],
      mismatchCount: 0,
    };
  }
  const limit = options.limit ?? 20;
  const mismatches: ElementMismatch[] = [];
  let mismatchCount = 0;
  for (let index = 0; index < expected.data.length; index++) {
    const e = expected.data[index]!;
    const a = actual.data[index]!;
    if (!sameElement(e, a, options.zeroSignFree)) {
      mismatchCount += 1;
      if (mismatches.length < limit) mismatches.push({ index, expected: e, actual: a });
    }
  }
  return { equal: mismatchCount === 0, mismatches, mismatchCount };
}
