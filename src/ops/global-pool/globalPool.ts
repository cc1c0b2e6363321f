/**
 * Reference global max and average pooling: the maximum or mean over all spatial positions of
 * each batch and channel.
 *
 * @see spec:pool.global
 */
import type { Limits } from '../../spec/limits.js';
import { planGlobalPool, type GlobalPoolParams } from './planGlobalPool.js';
import { poolWithPlan } from '../pool/pool.js';
import { checkTensor, type Tensor } from '../../tensor/tensor.js';

export function globalPool(input: Tensor, params: GlobalPoolParams, limits?: Limits): Tensor {
  checkTensor('global-pool', 'input', input);
  const plan = planGlobalPool(params, input.shape, limits);
  const pooled = poolWithPlan(input, plan.pool, limits);
  return { shape: plan.outputShape, data: pooled.data };
}
