/**
 * The global pooling of globalPool.ts for the kit's oracle: the same plan, run by pooling's fast
 * path (poolFast.ts); bitwise the same output, checked by test/reference/fastPaths.test.ts.
 *
 * @see spec:pool.global
 */
import type { Limits } from '../../spec/limits.js';
import { checkTensor, type Tensor } from '../../tensor/tensor.js';
import { poolWithPlanFast } from '../pool/poolFast.js';
import { planGlobalPool, type GlobalPoolParams } from './planGlobalPool.js';

export function globalPoolFast(input: Tensor, params: GlobalPoolParams, limits?: Limits): Tensor {
  checkTensor('global-pool', 'input', input);
  const plan = planGlobalPool(params, input.shape, limits);
  const pooled = poolWithPlanFast(input, plan.pool, limits);
  return { shape: plan.outputShape, data: pooled.data };
}
