/**
 * A pooling plan (planPool or planGlobalPool) with what poolFast reads for every output position:
 * per spatial axis and output position, the window taps inside the input (spec: shape.window,
 * pool.padding) with their offsets into the input, and how many taps fall inside the declared
 * padded extent (spec: pool.avg.count-include-pad). A tap is inside when it is along every axis,
 * so the taps of a position are the row-major product of these lists (the order sums accumulate
 * in) and its counts the product of the axes' counts. Plans from planPool are kept in a PlanCache.
 */
import type { Limits } from '../../spec/limits.js';
import { activationStrides, type ActivationStrides } from '../../tensor/layout.js';
import { PlanCache } from '../PlanCache.js';
import { windowTapTableFast } from '../window/windowTapTableFast.js';
import { planPool, type PoolParams, type PoolPlan } from './planPool.js';

/** One spatial axis: the taps of output position o inside the input are entries start[o] to start[o + 1] - 1. */
export interface PoolAxisTaps {
  start: Int32Array;
  /** The tap's input coordinate times the input's stride along the axis. */
  inputOffset: Int32Array;
  /** Per output position: the taps inside the declared padded extent. */
  extentTaps: Int32Array;
}

export interface PoolFastPlan {
  plan: PoolPlan;
  x: ActivationStrides;
  y: ActivationStrides;
  axes: PoolAxisTaps[];
  /** No position has more taps inside the input. */
  tapCapacity: number;
}

const PLANS = new PlanCache<PoolFastPlan>(256);

/** The taps of every position of a pooling plan, found afresh. */
export function poolTaps(plan: PoolPlan): PoolFastPlan {
  const { window } = plan;
  const x = activationStrides(plan.inputShape, plan.layout);
  const taps = windowTapTableFast(window, window.output);
  let tapCapacity = 1;
  const axes = window.output.map((positions, a): PoolAxisTaps => {
    const k = window.kernel[a]!;
    const n = window.input[a]!;
    const start = new Int32Array(positions + 1);
    const inputOffset = new Int32Array(positions * Math.min(k, n));
    const extentTaps = new Int32Array(positions);
    let count = 0;
    let most = 0;
    for (let o = 0; o < positions; o++) {
      start[o] = count;
      for (let t = 0; t < k; t++) {
        const i = taps[a]![o * k + t]!; // spec: shape.window
        if (i >= -window.padBegin[a]! && i < n + window.padEnd[a]!) extentTaps[o]! += 1;
        if (i < 0 || i >= n) continue; // spec: pool.padding — padding holds no values
        inputOffset[count] = i * x.spatial[a]!;
        count += 1;
      }
      most = Math.max(most, count - start[o]!);
    }
    start[positions] = count;
    tapCapacity *= Math.max(1, most);
    return { start, inputOffset, extentTaps };
  });
  return { plan, x, y: activationStrides(plan.outputShape, plan.layout), axes, tapCapacity };
}

/** planPool's plan and the taps of every position; throws planPool's error for an invalid call. */
export function poolFastPlan(params: PoolParams, inputShape: readonly number[], limits?: Limits): PoolFastPlan {
  return PLANS.plan([params, inputShape, limits], () => poolTaps(planPool(params, inputShape, limits)));
}
