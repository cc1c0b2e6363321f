/**
 * A convolution's plan (planConv) with what convFast reads for every output position, found once
 * per parameters and shapes and kept in a PlanCache: per spatial axis and output position, the
 * kernel taps that read the input through the fill (spec: shape.window, padding.fill.*), with
 * their offsets into the input and the weight. A tap reads the input when it does along every
 * axis, so the taps of a position are the row-major product of these lists, in the order of
 * spec: conv.accumulation-order.
 */
import type { Limits } from '../../spec/limits.js';
import { activationStrides, kernelStrides, type ActivationStrides, type KernelStrides } from '../../tensor/layout.js';
import { PlanCache } from '../PlanCache.js';
import { fillCoordinate, NO_SOURCE } from '../window/fillCoordinate.js';
import { windowTapTableFast } from '../window/windowTapTableFast.js';
import { planConv, type ConvParams, type ConvPlan } from './planConv.js';

/** One spatial axis: the reading taps of output position o are entries start[o] to start[o + 1] - 1. */
export interface ConvAxisTaps {
  start: Int32Array;
  /** The tap's input coordinate (after the fill) times the input's stride along the axis. */
  inputOffset: Int32Array;
  /** The tap's index in the kernel times the weight's stride along the axis. */
  weightOffset: Int32Array;
}

export interface ConvFastPlan {
  plan: ConvPlan;
  x: ActivationStrides;
  w: KernelStrides;
  y: ActivationStrides;
  axes: ConvAxisTaps[];
  /** The kernel volume: no position reads more taps. */
  tapCapacity: number;
}

const PLANS = new PlanCache<ConvFastPlan>(256);

function fastPlan(plan: ConvPlan): ConvFastPlan {
  const { window, fill } = plan;
  const x = activationStrides(plan.inputShape, plan.layout);
  const w = kernelStrides(plan.weightShape, plan.kernelLayout);
  const taps = windowTapTableFast(window, window.output);
  const axes = window.output.map((positions, a): ConvAxisTaps => {
    const k = window.kernel[a]!;
    const start = new Int32Array(positions + 1);
    const inputOffset = new Int32Array(positions * k);
    const weightOffset = new Int32Array(positions * k);
    let count = 0;
    for (let o = 0; o < positions; o++) {
      start[o] = count;
      for (let t = 0; t < k; t++) {
        const source = fillCoordinate(taps[a]![o * k + t]!, window.input[a]!, window.padBegin[a]!, window.padEnd[a]!, fill);
        if (source === NO_SOURCE) continue; // spec: numerics.padding-taps — a zero tap adds nothing
        inputOffset[count] = source * x.spatial[a]!;
        weightOffset[count] = t * w.spatial[a]!;
        count += 1;
      }
    }
    start[positions] = count;
    return { start, inputOffset, weightOffset };
  });
  const tapCapacity = window.kernel.reduce((product, k) => product * k, 1);
  return { plan, x, w, y: activationStrides(plan.outputShape, plan.layout), axes, tapCapacity };
}

/** planConv's plan and the taps of every position; throws planConv's error for an invalid call. */
export function convFastPlan(
  params: ConvParams,
  inputShape: readonly number[],
  weightShape: readonly number[],
  biasShape?: readonly number[],
  limits?: Limits,
): ConvFastPlan {
  return PLANS.plan([params, inputShape, weightShape, biasShape, limits], () =>
    fastPlan(planConv(params, inputShape, weightShape, biasShape, limits)),
  );
}
