/**
 * How far an output is from its expectation, element by element: how many elements differ
 * (under the exact comparison of fixtures), the largest absolute error and ulp distance, and the
 * element with the largest absolute error.
 */
import { sameElement } from '../../src/judge/compareExact.js';
import type { Tensor } from '../../src/tensor/tensor.js';
import { ulpDistance } from '../../src/judge/tolerance.js';

export interface ElementError {
  /** Row-major index. */
  index: number;
  /** The index per axis. */
  coordinates: number[];
  expected: number;
  actual: number;
  absError: number;
  ulp: number;
}

export interface ElementErrors {
  elements: number;
  differing: number;
  /** Infinity when a non-finite element differs. */
  maxAbsError: number;
  maxUlp: number;
  /** The differing element with the largest absolute error, the first of equals. */
  worst?: ElementError;
}

function coordinatesOf(index: number, shape: readonly number[]): number[] {
  const coordinates = new Array<number>(shape.length).fill(0);
  for (let axis = shape.length - 1, rest = index; axis >= 0; axis--) {
    coordinates[axis] = rest % shape[axis]!;
    rest = Math.floor(rest / shape[axis]!);
  }
  return coordinates;
}

/** The errors of `actual` against `expected`; shapes must be equal. */
export function elementErrors(
  expected: Tensor,
  actual: { shape: readonly number[]; data: ArrayLike<number> },
  zeroSignFree: boolean,
): ElementErrors {
  if (expected.shape.join(',') !== actual.shape.join(',') || expected.data.length !== actual.data.length) {
    throw new Error(`elementErrors: actual shape [${actual.shape}] must equal the expected [${expected.shape}]`);
  }
  const result: ElementErrors = { elements: expected.data.length, differing: 0, maxAbsError: 0, maxUlp: 0 };
  for (let index = 0; index < expected.data.length; index++) {
    const e = expected.data[index]!;
    const a = actual.data[index]!;
    if (sameElement(e, a, zeroSignFree)) continue;
    const absError = Number.isFinite(e) && Number.isFinite(a) ? Math.abs(e - a) : Infinity;
    const ulp = ulpDistance(e, a);
    const element: ElementError = {
      index,
      coordinates: coordinatesOf(index, expected.shape),
      expected: e,
      actual: a,
      absError,
      ulp: Number.isNaN(ulp) ? Infinity : ulp,
    };
    result.differing += 1;
    result.maxUlp = Math.max(result.maxUlp, element.ulp);
    if (result.worst === undefined || absError > result.worst.absError) {
      result.worst = element;
      result.maxAbsError = absError;
    }
  }
  return result;
}
