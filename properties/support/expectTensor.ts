/**
 * Assertions for properties: a tensor equals another exactly, or within the tolerance model.
 * A failure throws a PropertyViolation carrying the comparison.
 */
import { compareWithTolerance, type Tolerance } from '../../src/tolerance.js';
import type { Tensor } from '../../src/tensor.js';
import { PropertyViolation } from '../PropertyDefinition.js';

export interface TensorLike {
  shape: readonly number[];
  data: ArrayLike<number>;
}

/** `actual` must equal `expected` (shape and every element; NaN matches NaN). */
export function expectTensor(actual: TensorLike, expected: TensorLike, what: string, tolerance: Tolerance = { kind: 'exact', zeroSignFree: true }): void {
  const report = compareWithTolerance(expected, actual, tolerance);
  if (report.pass) return;
  const compared = { expected, actual, tolerance, what };
  if (report.shapeMismatch) {
    throw new PropertyViolation(
      `${what}: shape [${report.shapeMismatch.actual.join(', ')}] differs from [${report.shapeMismatch.expected.join(', ')}]`,
      { comparison: report },
      compared,
    );
  }
  const worst = report.worst!;
  throw new PropertyViolation(
    `${what}: ${report.failures} of ${report.elements} element(s) differ (${report.metric}); ` +
      `worst at index ${worst.index}: expected ${worst.expected}, got ${worst.actual}`,
    { comparison: report },
    compared,
  );
}

/** The shape of `actual` must be `expected`. */
export function expectShape(actual: readonly number[], expected: readonly number[], what: string): void {
  if (actual.length !== expected.length || actual.some((size, axis) => size !== expected[axis])) {
    throw new PropertyViolation(`${what}: shape [${actual.join(', ')}] differs from the expected [${expected.join(', ')}]`, {
      actual: [...actual],
      expected: [...expected],
    });
  }
}

export function expectThat(condition: boolean, message: string, details: Record<string, unknown> = {}): asserts condition {
  if (!condition) throw new PropertyViolation(message, details);
}

export type { Tensor };
