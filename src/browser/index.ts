/**
 * `cnnspec/browser`: what a browser adapter may import from the kit (spec: browser.module). The
 * package's main entry also holds the runner, which needs Node; this entry holds only what runs
 * in a page: the adapter interface and its errors, the planners that check a request and resolve
 * its geometry as the reference does, the layouts and tensors, and the reference itself, to stand
 * in for the ops a kernel does not implement yet. The kit's bundler answers the one Node import
 * behind them (mathjs's build, in the formulas).
 */
export {
  ADAPTER_API_VERSION,
  UnsupportedCase,
  AdapterFault,
  type Adapter,
  type ConvRequest,
  type PoolRequest,
  type GlobalPoolRequest,
  type DenseRequest,
  type PadRequest,
  type LayerRequest,
  type TensorAnswer,
} from '../ops/Adapter.js';
export type { ConvTransposeRequest } from '../ops/conv-transpose/convTransposeOp.js';
export { CnnSpecError } from '../spec/CnnSpecError.js';
export { FEATURES, type Feature } from '../spec/features.js';
export type { ConventionSpec, ConventionName } from '../spec/conventions.js';
export { makeTensor, checkTensor, elementCount, rowMajorStrides, type Tensor } from '../tensor/tensor.js';
export { activationStrides, kernelStrides, convertLayout, convertKernelLayout, type Layout, type KernelLayout } from '../tensor/layout.js';
export { planConv, type ConvParams, type ConvPlan } from '../ops/conv/planConv.js';
export { planPool, type PoolParams, type PoolPlan } from '../ops/pool/planPool.js';
export { planGlobalPool, type GlobalPoolParams, type GlobalPoolPlan } from '../ops/global-pool/planGlobalPool.js';
export { planDense, type DenseParams, type DensePlan } from '../ops/dense/planDense.js';
export { samePads, type SamePads } from '../shape/samePads.js';
export { referenceAdapter } from '../adapter/referenceAdapter.js';
