/**
 * What the pooling properties compute their expectations from: the windows of a pooling plan,
 * enumerated tap by tap (which taps lie inside the input, which inside the declared padded
 * extent), the convention's empty-window values, and a comparison of average-pooling outputs
 * with expected quotients.
 *
 * Averages are quotients. Where the divisor is a power of two the quotient of an exact-domain
 * sum is exact, so every implementation must give it bit for bit; otherwise the exactly rounded
 * quotient is expected within the dot-product tolerance, which admits an implementation that
 * multiplies by a rounded reciprocal instead of dividing.
 */
import { knobChoices } from '../../src/spec/concreteConventions.js';
import type { Convention } from '../../src/spec/conventions.js';
import { activationStrides } from '../../src/tensor/layout.js';
import { planPool, type PoolPlan } from '../../src/ops/pool/planPool.js';
import { compareWithTolerance, type Tolerance } from '../../src/judge/tolerance.js';
import type { Tensor } from '../../src/tensor/tensor.js';
import type { PoolCase } from '../arbitraries/poolCase.js';
import { PropertyViolation, type PropertyContext } from '../PropertyDefinition.js';
import { windowTapTable } from '../../src/ops/window/windowTaps.js';
import { NEGATIVE_FLOAT32_MAX } from '../../src/ops/pool/pool.js';

/** One output element of a pooling plan and the taps of its window. */
export interface PoolWindow {
  /** Row-major offset of the output element. */
  output: number;
  /** Output position per spatial axis. */
  position: number[];
  /** Offsets of the taps inside the input, in row-major tap order. */
  inputTaps: number[];
  /** Number of taps inside the declared padded extent [-pb, n + pe) on every axis. */
  extentTaps: number;
  /** Number of taps of the window: the window volume. */
  volume: number;
}

/** The plan of a generated pooling case, under the adapter's convention. */
export const planPoolCase = (ctx: PropertyContext, c: Pick<PoolCase, 'input' | 'params'>): PoolPlan =>
  planPool({ ...c.params, convention: ctx.conventionSpec }, c.input.shape);

/** Every window of a plan, for every batch index and channel, in output order. */
export function poolWindows(plan: PoolPlan): PoolWindow[] {
  const w = plan.window;
  const rank = w.rank;
  const x = activationStrides(plan.inputShape, plan.layout);
  const y = activationStrides(plan.outputShape, plan.layout);
  const volume = w.kernel.reduce((product, k) => product * k, 1);
  const positions = allIndices(w.output);
  const taps = allIndices(w.kernel);
  const tapTable = windowTapTable(w, w.output);
  const windows: PoolWindow[] = [];
  for (let n = 0; n < plan.batch; n++) {
    for (let c = 0; c < plan.channels; c++) {
      for (const o of positions) {
        const inputTaps: number[] = [];
        let extentTaps = 0;
        for (const t of taps) {
          let offset = n * x.batch + c * x.channel;
          let inInput = true;
          let inExtent = true;
          for (let a = 0; a < rank; a++) {
            const i = tapTable[a]![o[a]! * w.kernel[a]! + t[a]!]!; // spec: shape.window
            if (i < 0 || i >= w.input[a]!) inInput = false;
            if (i < -w.padBegin[a]! || i >= w.input[a]! + w.padEnd[a]!) inExtent = false;
            offset += i * x.spatial[a]!;
          }
          if (inExtent) extentTaps += 1;
          if (inInput) inputTaps.push(offset);
        }
        let output = n * y.batch + c * y.channel;
        for (let a = 0; a < rank; a++) output += o[a]! * y.spatial[a]!;
        windows.push({ output, position: o, inputTaps, extentTaps, volume });
      }
    }
  }
  return windows;
}

/** Every multi-index of a shape, in row-major order. */
export function allIndices(shape: readonly number[]): number[][] {
  const result: number[][] = [];
  if (shape.some((size) => size === 0)) return result;
  const index = shape.map(() => 0);
  for (;;) {
    result.push([...index]);
    let axis = shape.length - 1;
    while (axis >= 0) {
      index[axis]! += 1;
      if (index[axis]! < shape[axis]!) break;
      index[axis] = 0;
      axis -= 1;
    }
    if (axis < 0) return result;
  }
}

/**
 * What max pooling may yield for a window with no (non-NaN) input value: the convention's value,
 * or either where it leaves it open. spec: pool.empty-window, convention.unspecified
 */
export const emptyMaxValues = (convention: Convention): number[] =>
  knobChoices(convention, 'maxPoolEmpty').map((choice) => (choice === '-infinity' ? -Infinity : NEGATIVE_FLOAT32_MAX));

/** What average pooling (padding not counted) may yield for a window with no input tap. */
export const emptyAverageValues = (convention: Convention): number[] =>
  knobChoices(convention, 'avgPoolEmpty').map((choice) => (choice === 'nan' ? NaN : 0));

/** Whether an integer is a power of two (1, 2, 4, ...). */
export const isPowerOfTwo = (value: number): boolean => Number.isInteger(value) && value > 0 && (value & (value - 1)) === 0;

/** One expected average: the exactly rounded quotient, its divisor and its magnitude bound. */
export interface ExpectedAverage {
  /** Row-major offset of the output element. */
  output: number;
  /** Sum over the counted taps divided by the divisor, rounded once to float32. */
  expected: number;
  divisor: number;
  /** Sum of |x| over the input taps, divided by the divisor. */
  magnitude: number;
  /** Window volume, for the ulp budget reported alongside. */
  volume: number;
}

/** The expected average of a window over its input taps, with the given divisor (> 0). */
export function expectedAverage(input: Tensor, window: PoolWindow, divisor: number): ExpectedAverage {
  let sum = 0;
  let absolute = 0;
  for (const offset of window.inputTaps) {
    const value = input.data[offset]!;
    sum += value;
    absolute += Math.abs(value);
  }
  return { output: window.output, expected: Math.fround(sum / divisor), divisor, magnitude: absolute / divisor, volume: window.volume };
}

/** The tolerance an average with this divisor is judged by (see the header). */
export function averageTolerance(expected: Pick<ExpectedAverage, 'divisor' | 'magnitude' | 'volume'>): Tolerance {
  return isPowerOfTwo(expected.divisor)
    ? { kind: 'exact', zeroSignFree: true }
    : {
        kind: 'dot-product',
        magnitude: [expected.magnitude],
        accumulationLength: expected.divisor,
        hasBias: false,
        ulpBudget: expected.volume + 2,
      };
}

/** Every listed output element of `actual` must be its expected average. */
export function expectAverages(
  actual: Tensor,
  expected: readonly ExpectedAverage[],
  what: string,
  details: Record<string, unknown> = {},
): void {
  for (const e of expected) {
    const got = actual.data[e.output]!;
    const report = compareWithTolerance({ shape: [1], data: [e.expected] }, { shape: [1], data: [got] }, averageTolerance(e));
    if (!report.pass) {
      throw new PropertyViolation(
        `${what}: element ${e.output} is ${got}, expected ${e.expected} (divisor ${e.divisor}, ${report.metric} comparison)`,
        { output: e.output, expected: e.expected, actual: got, divisor: e.divisor, comparison: report, ...details },
      );
    }
  }
}
