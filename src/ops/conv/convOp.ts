/**
 * Convolution in the op registry (spec: conv.definition).
 */
import type { ConventionSpec } from '../../spec/conventions.js';
import { elementCount, type Tensor } from '../../tensor/tensor.js';
import type { Call, OpDescriptor } from '../OpDescriptor.js';
import { CONV_PARAMETERS } from './convParameters.js';
import { CONV_CHANNEL_RULES, CONV_RANK_RULES } from './convPreconditions.js';
import { windowOf } from '../window/windowOf.js';
import {
  CONV_WINDOW_RULES,
  FILL_LIMIT_RULES,
  WINDOW_CONVENTION_RULES,
  WINDOW_EXACT_RULES,
  WINDOW_OUTPUT_RULES,
} from '../window/windowPreconditions.js';
import { convFast } from './convFast.js';
import { convFastPlan } from './convFastPlan.js';
import { CONV_PARAM_FIELDS, type ConvParams } from './planConv.js';

export interface ConvRequest {
  input: Tensor;
  weight: Tensor;
  bias?: Tensor;
  params: Call<ConvParams>;
}

// planConv's plan, kept per parameters and shapes: a run asks for the features, the geometry, the
// tolerance and the answer of the same case.
const plan = (request: ConvRequest, convention: ConventionSpec) =>
  convFastPlan({ ...request.params, convention }, request.input.shape, request.weight.shape, request.bias?.shape).plan;

export const convOp: OpDescriptor<'conv', 'conv', ConvRequest> = {
  op: 'conv',
  method: 'conv',
  title: 'convolution',
  tensors: [
    { name: 'input', optional: false },
    { name: 'weight', optional: false },
    { name: 'bias', optional: true },
  ],
  paramFields: CONV_PARAM_FIELDS,
  parameters: CONV_PARAMETERS,
  preconditions: [
    ...CONV_RANK_RULES,
    ...CONV_CHANNEL_RULES,
    ...WINDOW_CONVENTION_RULES,
    ...CONV_WINDOW_RULES,
    ...WINDOW_EXACT_RULES,
    ...WINDOW_OUTPUT_RULES,
    ...FILL_LIMIT_RULES,
  ],
  figure: 'window',
  readsAcrossChannels: true,
  features: (request, convention) => plan(request, convention).features.map((use) => use.feature),
  geometry: (request, convention) => {
    const planned = plan(request, convention);
    return { layout: planned.layout, kernelLayout: planned.kernelLayout, window: windowOf(planned.window) };
  },
  // conv.ts's answer, bitwise, computed by its fast path (test/reference/fastPaths.test.ts)
  reference: (request, convention, limits) =>
    convFast(request.input, request.weight, request.bias, { ...request.params, convention }, limits),
  // spec: conformance.tolerance — a sum of K·C_in/g products and the bias
  accumulation: (request, convention) => {
    const planned = plan(request, convention);
    const length = elementCount(planned.window.kernel) * planned.inChannelsPerGroup;
    const hasBias = request.bias !== undefined && request.bias.data.some((b) => b !== 0);
    return { kind: 'dot-product', accumulationLength: length, hasBias, ulpBudget: 2 * length, exactWhenRepresentable: true };
  },
  zeroSignFree: () => true,
  openKnobs: () => ['rounding', 'zeroSizedOutput', 'dilationWithStride'],
};
