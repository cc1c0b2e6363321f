/**
 * Reference max and average pooling over 1, 2 or 3 spatial axes.
 *
 * A window's taps come from spec: shape.window (the window-tap formula). Taps outside the input never contribute a value:
 * max pooling ignores them, average pooling divides by the number of taps inside the input, or,
 * with countIncludePad, by the number of taps inside the declared padded extent (never the
 * ceil-mode overhang beyond it). Sums accumulate in float64 over the taps in row-major order;
 * the quotient is rounded once to float32.
 *
 * @see spec:pool.max
 * @see spec:pool.avg
 * @see spec:pool.avg.count-include-pad
 * @see spec:pool.empty-window
 */
import { advanceIndex } from '../../tensor/advanceIndex.js';
import { activationStrides } from '../../tensor/layout.js';
import type { Limits } from '../../spec/limits.js';
import { planPool, type PoolParams, type PoolPlan } from './planPool.js';
import { windowTapTable } from '../window/windowTaps.js';
import { checkTensor, makeTensor, type Tensor } from '../../tensor/tensor.js';

/** The largest finite float32, negated: Caffe's and TensorFlow's starting value for a maximum. */
export const NEGATIVE_FLOAT32_MAX = -3.4028234663852886e38;

export function pool(input: Tensor, params: PoolParams, limits?: Limits): Tensor {
  checkTensor('pool', 'input', input);
  return poolWithPlan(input, planPool(params, input.shape, limits), limits);
}

/** Runs a pooling plan (from planPool or planGlobalPool) on an input of the plan's shape. */
export function poolWithPlan(input: Tensor, plan: PoolPlan, limits?: Limits): Tensor {
  const { window, convention } = plan;
  const rank = window.rank;
  const x = activationStrides(plan.inputShape, plan.layout);
  const y = activationStrides(plan.outputShape, plan.layout);
  const output = makeTensor(plan.outputShape, undefined, limits);
  if (output.data.length === 0) return output; // spec: divergence.zero-sized-output

  // spec: pool.empty-window, divergence.empty-window
  const emptyMax = convention.maxPoolEmpty === '-infinity' ? -Infinity : NEGATIVE_FLOAT32_MAX;
  const emptyAverage = convention.avgPoolEmpty === 'nan' ? NaN : 0;
  // spec: pool.max.nan — 'unspecified' conventions accept either result; the reference propagates
  const ignoreNaN = convention.maxPoolNan === 'ignore';

  const { batch, channels } = plan;
  // The taps of one output position that fall inside the input, in row-major order (the order
  // sums accumulate in), as spatial offsets into the input; and how many taps fall inside the
  // declared padded extent. Both depend on the output position only, so they are found once per
  // position, not once per batch and channel. At most min(k, n) taps per axis fall inside.
  const insideCapacity = window.kernel.reduce((product, k, a) => product * Math.min(k, window.input[a]!), 1);
  const tapInputOffsets = new Int32Array(insideCapacity);
  const taps = windowTapTable(window, window.output);
  const o = new Int32Array(rank); // output position
  const t = new Int32Array(rank); // window tap
  do {
    let inputTaps = 0;
    let extentTaps = 0;
    do {
      let inputOffset = 0;
      let insideInput = true;
      let insideExtent = true;
      for (let a = 0; a < rank; a++) {
        const i = taps[a]![o[a]! * window.kernel[a]! + t[a]!]!; // spec: shape.window
        if (i < 0 || i >= window.input[a]!) insideInput = false;
        if (i < -window.padBegin[a]! || i >= window.input[a]! + window.padEnd[a]!) insideExtent = false;
        inputOffset += i * x.spatial[a]!;
      }
      if (insideExtent) extentTaps += 1;
      if (!insideInput) continue; // spec: pool.padding — padding holds no values
      tapInputOffsets[inputTaps] = inputOffset;
      inputTaps += 1;
    } while (advanceIndex(t, window.kernel));

    let outputSpatialOffset = 0;
    for (let a = 0; a < rank; a++) outputSpatialOffset += o[a]! * y.spatial[a]!;
    for (let n = 0; n < batch; n++) {
      for (let c = 0; c < channels; c++) {
        const inputBase = n * x.batch + c * x.channel;
        let maximum = emptyMax;
        let sawNaN = false;
        let sum = 0;
        for (let tap = 0; tap < inputTaps; tap++) {
          const value = input.data[inputBase + tapInputOffsets[tap]!]!;
          sum += value;
          if (Number.isNaN(value)) {
            if (!ignoreNaN) sawNaN = true;
          } else if (value > maximum) {
            maximum = value;
          }
        }

        let result: number;
        if (plan.kind === 'max') {
          result = sawNaN ? NaN : maximum;
        } else {
          const divisor = plan.countIncludePad ? extentTaps : inputTaps;
          result = divisor === 0 ? emptyAverage : sum / divisor;
        }
        output.data[n * y.batch + c * y.channel + outputSpatialOffset] = result; // spec: numerics.rounding
      }
    }
  } while (advanceIndex(o, window.output));
  return output;
}
