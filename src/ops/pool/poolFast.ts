/**
 * The pooling of pool.ts, computed faster for the kit's oracle: bitwise the same output and the
 * same typed errors, checked against pool.ts by test/reference/fastPaths.test.ts. pool.ts stays
 * the reading of the spec; this file only moves work out of the loops. The plan and the taps of
 * every output position come from poolFastPlan, and max and average pooling run separate loops.
 *
 * As in pool.ts: a maximum skips NaN or propagates it as the convention says (spec: pool.max.nan)
 * and starts from the convention's empty value (spec: pool.empty-window); a sum accumulates in
 * float64 over the taps inside the input in row-major order and is divided by the taps inside the
 * input, or with countIncludePad inside the declared padded extent (spec: pool.avg,
 * pool.avg.count-include-pad); the result is rounded once to float32 (spec: numerics.rounding).
 *
 * @see spec:pool.max
 * @see spec:pool.avg
 */
import type { Limits } from '../../spec/limits.js';
import { advanceIndex } from '../../tensor/advanceIndex.js';
import { checkTensor, makeTensor, type Tensor } from '../../tensor/tensor.js';
import { NEGATIVE_FLOAT32_MAX } from './pool.js';
import type { PoolParams, PoolPlan } from './planPool.js';
import { poolFastPlan, poolTaps, type PoolFastPlan } from './poolFastPlan.js';

export function poolFast(input: Tensor, params: PoolParams, limits?: Limits): Tensor {
  checkTensor('pool', 'input', input);
  return runPool(input, poolFastPlan(params, input.shape, limits), limits);
}

/** poolWithPlan of pool.ts: runs a pooling plan (from planPool or planGlobalPool) on an input of the plan's shape. */
export function poolWithPlanFast(input: Tensor, plan: PoolPlan, limits?: Limits): Tensor {
  return runPool(input, poolTaps(plan), limits);
}

function runPool(input: Tensor, { plan, x, y, axes, tapCapacity }: PoolFastPlan, limits: Limits | undefined): Tensor {
  const output = makeTensor(plan.outputShape, undefined, limits);
  if (output.data.length === 0) return output; // spec: divergence.zero-sized-output

  const { convention, batch, channels } = plan;
  // spec: pool.empty-window, divergence.empty-window
  const emptyMax = convention.maxPoolEmpty === '-infinity' ? -Infinity : NEGATIVE_FLOAT32_MAX;
  const emptyAverage = convention.avgPoolEmpty === 'nan' ? NaN : 0;
  // spec: pool.max.nan — 'unspecified' conventions accept either result; the reference propagates
  const ignoreNaN = convention.maxPoolNan === 'ignore';
  const max = plan.kind === 'max';
  const countIncludePad = plan.countIncludePad;

  const X = input.data;
  const Y = output.data;
  const rank = axes.length;
  const outputSizes = plan.window.output;
  const tapInputOffsets = new Int32Array(tapCapacity);
  const o = new Int32Array(rank); // output position
  do {
    // The taps of this position inside the input: the row-major product of each axis's list, expanded in place.
    let inputTaps = 1;
    let extentTaps = 1;
    tapInputOffsets[0] = 0;
    let outputSpatialOffset = 0;
    for (let a = 0; a < rank; a++) {
      const { start, inputOffset } = axes[a]!;
      extentTaps *= axes[a]!.extentTaps[o[a]!]!;
      outputSpatialOffset += o[a]! * y.spatial[a]!;
      const first = start[o[a]!]!;
      const count = start[o[a]! + 1]! - first;
      for (let entry = inputTaps - 1; entry >= 0; entry--) {
        const base = tapInputOffsets[entry]!;
        for (let j = count - 1; j >= 0; j--) tapInputOffsets[entry * count + j] = base + inputOffset[first + j]!;
      }
      inputTaps *= count;
    }

    for (let n = 0; n < batch; n++) {
      for (let c = 0; c < channels; c++) {
        const inputBase = n * x.batch + c * x.channel;
        let result: number;
        if (max) {
          let maximum = emptyMax;
          let sawNaN = false;
          for (let tap = 0; tap < inputTaps; tap++) {
            const value = X[inputBase + tapInputOffsets[tap]!]!;
            if (Number.isNaN(value)) {
              if (!ignoreNaN) sawNaN = true;
            } else if (value > maximum) {
              maximum = value;
            }
          }
          result = sawNaN ? NaN : maximum;
        } else {
          let sum = 0;
          for (let tap = 0; tap < inputTaps; tap++) sum += X[inputBase + tapInputOffsets[tap]!]!;
          const divisor = countIncludePad ? extentTaps : inputTaps;
          result = divisor === 0 ? emptyAverage : sum / divisor;
        }
        Y[n * y.batch + c * y.channel + outputSpatialOffset] = result; // spec: numerics.rounding
      }
    }
  } while (advanceIndex(o, outputSizes));
  return output;
}
