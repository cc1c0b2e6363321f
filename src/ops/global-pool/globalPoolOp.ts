/**
 * Global max and average pooling in the op registry (spec: pool.global).
 */
import type { ConventionSpec } from '../../spec/conventions.js';
import { elementCount, type Tensor } from '../../tensor/tensor.js';
import type { Call, OpDescriptor } from '../OpDescriptor.js';
import { GLOBAL_POOL_PARAMETERS } from './globalPoolParameters.js';
import { globalPoolFast } from './globalPoolFast.js';
import { GLOBAL_POOL_PARAM_FIELDS, planGlobalPool, type GlobalPoolParams } from './planGlobalPool.js';

export interface GlobalPoolRequest {
  input: Tensor;
  params: Call<GlobalPoolParams>;
}

const plan = (request: GlobalPoolRequest, convention: ConventionSpec) =>
  planGlobalPool({ ...request.params, convention }, request.input.shape);

export const globalPoolOp: OpDescriptor<'global-pool', 'globalPool', GlobalPoolRequest> = {
  op: 'global-pool',
  method: 'globalPool',
  title: 'global pooling',
  tensors: [{ name: 'input', optional: false }],
  paramFields: GLOBAL_POOL_PARAM_FIELDS,
  parameters: GLOBAL_POOL_PARAMETERS,
  // Every check of a global pooling call is a shared one (fields, enums, shapes, limits).
  preconditions: [],
  figure: 'global',
  readsAcrossChannels: false,
  features: (request, convention) => plan(request, convention).pool.features.map((use) => use.feature),
  // every output reads a whole channel: the window is the input, and reports draw no window
  geometry: (request, convention) => ({ layout: plan(request, convention).pool.layout }),
  // globalPool.ts's answer, bitwise, computed by pooling's fast path (test/reference/fastPaths.test.ts)
  reference: (request, convention, limits) => globalPoolFast(request.input, { ...request.params, convention }, limits),
  // spec: conformance.tolerance — as pooling, over a window of the whole spatial extent
  accumulation: (request, convention) => {
    if (request.params.kind === 'max') return { kind: 'exact' };
    const length = elementCount(plan(request, convention).pool.window.kernel);
    return { kind: 'dot-product', accumulationLength: length, hasBias: false, ulpBudget: length + 2, exactWhenRepresentable: false };
  },
  zeroSignFree: () => true,
  openKnobs: (params) => (params.kind === 'max' ? ['maxPoolNan'] : []),
};
