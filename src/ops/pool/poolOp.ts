/**
 * Max and average pooling in the op registry (spec: pool.max, pool.avg).
 */
import type { ConventionSpec } from '../../spec/conventions.js';
import { elementCount, type Tensor } from '../../tensor/tensor.js';
import type { Call, OpDescriptor } from '../OpDescriptor.js';
import { POOL_PARAMETERS } from './poolParameters.js';
import { POOL_COUNT_RULES, POOL_RANK_RULES, POOL_STRIDE_RULES } from './poolPreconditions.js';
import { windowOf } from '../window/windowOf.js';
import { POOL_WINDOW_PAD_RULES, WINDOW_CONVENTION_RULES, WINDOW_EXACT_RULES, WINDOW_OUTPUT_RULES } from '../window/windowPreconditions.js';
import { POOL_PARAM_FIELDS, type PoolParams } from './planPool.js';
import { poolFast } from './poolFast.js';
import { poolFastPlan } from './poolFastPlan.js';

export interface PoolRequest {
  input: Tensor;
  params: Call<PoolParams>;
}

// planPool's plan, kept per parameters and shape: a run asks for the features, the geometry, the
// tolerance and the answer of the same case.
const plan = (request: PoolRequest, convention: ConventionSpec) =>
  poolFastPlan({ ...request.params, convention }, request.input.shape).plan;

export const poolOp: OpDescriptor<'pool', 'pool', PoolRequest> = {
  op: 'pool',
  method: 'pool',
  title: 'pooling',
  tensors: [{ name: 'input', optional: false }],
  paramFields: POOL_PARAM_FIELDS,
  parameters: POOL_PARAMETERS,
  preconditions: [
    ...POOL_COUNT_RULES,
    ...POOL_RANK_RULES,
    ...POOL_STRIDE_RULES,
    ...WINDOW_CONVENTION_RULES,
    ...WINDOW_EXACT_RULES,
    ...WINDOW_OUTPUT_RULES,
    ...POOL_WINDOW_PAD_RULES,
  ],
  figure: 'window',
  readsAcrossChannels: false,
  features: (request, convention) => plan(request, convention).features.map((use) => use.feature),
  geometry: (request, convention) => {
    const planned = plan(request, convention);
    return { layout: planned.layout, window: windowOf(planned.window) };
  },
  // pool.ts's answer, bitwise, computed by its fast path (test/reference/fastPaths.test.ts)
  reference: (request, convention, limits) => poolFast(request.input, { ...request.params, convention }, limits),
  // spec: conformance.tolerance — a maximum is exact, and where the window holds +0 and -0 either
  // sign is conforming (spec: numerics.signed-zero); an average is a dot product over the window
  accumulation: (request, convention) => {
    if (request.params.kind === 'max') return { kind: 'exact' };
    const length = elementCount(plan(request, convention).window.kernel);
    return { kind: 'dot-product', accumulationLength: length, hasBias: false, ulpBudget: length + 2, exactWhenRepresentable: false };
  },
  zeroSignFree: () => true,
  openKnobs: (params) =>
    params.kind === 'max'
      ? ['rounding', 'zeroSizedOutput', 'dilationWithStride', 'poolPadLimit', 'maxPoolNan', 'maxPoolEmpty']
      : ['rounding', 'zeroSizedOutput', 'dilationWithStride', 'poolPadLimit', 'countIncludePad', 'avgPoolEmpty'],
};
