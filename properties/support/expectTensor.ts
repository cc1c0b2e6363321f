/**
 * Assertions for properties: a tensor equals another exactly, or within the tolerance model.
 * A failure throws a PropertyViolation carrying the comparison.
 */
import { judgeTensor, requiredError, type ConformingOutcomes } from '../../src/judge/conformingOutcomes.js';
import { compareWithTolerance, type ComparisonReport, type Tolerance } from '../../src/judge/tolerance.js';
import type { Tensor } from '../../src/tensor/tensor.js';
import { PropertyViolation, type ComparedTensors } from '../PropertyDefinition.js';
import { recordComparison } from './comparisonTally.js';

export interface TensorLike {
  shape: readonly number[];
  data: ArrayLike<number>;
}

/**
 * `actual` must equal `expected` (shape and every element; NaN matches NaN), except at the
 * elements listed in `open`, whose value the convention leaves open (see openElements).
 */
export function expectTensor(
  actual: TensorLike,
  expected: TensorLike,
  what: string,
  tolerance: Tolerance = { kind: 'exact', zeroSignFree: true },
  open: ReadonlySet<number> = new Set(),
): void {
  const compared =
    open.size === 0 || actual.data.length !== expected.data.length
      ? actual
      : { shape: actual.shape, data: Array.from(actual.data, (value, index) => (open.has(index) ? expected.data[index]! : value)) };
  const report = compareWithTolerance(expected, compared, tolerance);
  recordComparison(report);
  if (report.pass) return;
  throwMismatch(report, { expected, actual, tolerance, what }, '');
}

/**
 * `actual` must be one of the conforming outcomes of a call: where the convention leaves knobs
 * open, any member's tensor for the whole call, any alternative of it per element.
 * spec: convention.unspecified
 */
export function expectOutcome(actual: TensorLike, outcomes: ConformingOutcomes, what: string): void {
  const judged = judgeTensor(outcomes, actual);
  if (judged.report !== undefined) recordComparison(judged.report);
  if (judged.pass) return;
  if (judged.report === undefined || judged.outcome === undefined) {
    const error = requiredError(outcomes);
    throw new PropertyViolation(
      `${what}: the spec requires an error${error === undefined ? '' : ` (${error.code}: ${error.message.split('\n')[0]})`}, the adapter answered a tensor of shape [${actual.shape.join(', ')}]`,
      {},
    );
  }
  const first = judged.outcome.alternatives[0]!;
  const open =
    outcomes.open.length === 0
      ? ''
      : ` (the convention leaves ${outcomes.open.join(', ')} open: ${judged.outcome.alternatives.length} alternative(s) accepted per element)`;
  const alternatives = judged.outcome.alternatives.map((alternative) => ({
    expected: alternative.output,
    tolerance: alternative.tolerance,
  }));
  throwMismatch(
    judged.report,
    { expected: first.output, actual, tolerance: first.tolerance, ...(alternatives.length > 1 ? { alternatives } : {}), what },
    open,
  );
}

function throwMismatch(report: ComparisonReport, compared: ComparedTensors, note: string): never {
  const { what } = compared;
  if (report.shapeMismatch) {
    throw new PropertyViolation(
      `${what}: shape [${report.shapeMismatch.actual.join(', ')}] differs from [${report.shapeMismatch.expected.join(', ')}]${note}`,
      { comparison: report },
      compared,
    );
  }
  const worst = report.worst!;
  throw new PropertyViolation(
    `${what}: ${report.failures} of ${report.elements} element(s) differ (${report.metric}); ` +
      `worst at index ${worst.index}: expected ${worst.expected}, got ${worst.actual}${note}`,
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
