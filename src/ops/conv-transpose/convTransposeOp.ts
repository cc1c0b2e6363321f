/**
 * Transposed convolution in the op registry (spec: conv-transpose.definition).
 */
import type { ConventionSpec } from '../../spec/conventions.js';
import { elementCount, type Tensor } from '../../tensor/tensor.js';
import type { Call, OpDescriptor } from '../OpDescriptor.js';
import { convTranspose } from './convTranspose.js';
import { CONV_TRANSPOSE_PARAMETERS } from './convTransposeParameters.js';
import {
  CONV_TRANSPOSE_AXIS_RULES,
  CONV_TRANSPOSE_CHANNEL_RULES,
  CONV_TRANSPOSE_PADDING_RULES,
  CONV_TRANSPOSE_RANK_RULES,
} from './convTransposePreconditions.js';
import { CONV_TRANSPOSE_PARAM_FIELDS, planConvTranspose, type ConvTransposeParams } from './planConvTranspose.js';

export interface ConvTransposeRequest {
  input: Tensor;
  weight: Tensor;
  bias?: Tensor;
  params: Call<ConvTransposeParams>;
}

const gcd = (a: number, b: number): number => (b === 0 ? a : gcd(b, a % b));

const plan = (request: ConvTransposeRequest, convention: ConventionSpec) =>
  planConvTranspose({ ...request.params, convention }, request.input.shape, request.weight.shape, request.bias?.shape);

export const convTransposeOp: OpDescriptor<'conv-transpose', 'convTranspose', ConvTransposeRequest> = {
  op: 'conv-transpose',
  method: 'convTranspose',
  title: 'transposed convolution',
  tensors: [
    { name: 'input', optional: false },
    { name: 'weight', optional: false },
    { name: 'bias', optional: true },
  ],
  paramFields: CONV_TRANSPOSE_PARAM_FIELDS,
  parameters: CONV_TRANSPOSE_PARAMETERS,
  preconditions: [
    ...CONV_TRANSPOSE_RANK_RULES,
    ...CONV_TRANSPOSE_CHANNEL_RULES,
    ...CONV_TRANSPOSE_PADDING_RULES,
    ...CONV_TRANSPOSE_AXIS_RULES,
  ],
  figure: 'window',
  readsAcrossChannels: true,
  features: (request, convention) => plan(request, convention).features.map((use) => use.feature),
  // The window as the adjoint convolution sees it: the output is its input, the crops its pads.
  geometry: (request, convention) => {
    const planned = plan(request, convention);
    return {
      layout: planned.layout,
      window: {
        kernel: planned.kernel,
        strides: planned.strides,
        dilations: planned.dilations,
        padBegin: planned.cropBegin,
        padEnd: planned.cropEnd,
        output: planned.output,
      },
    };
  },
  reference: (request, convention, limits) =>
    convTranspose(request.input, request.weight, request.bias, { ...request.params, convention }, limits),
  // spec: conformance.tolerance — the taps t reaching one output element have t·d congruent mod s, so per
  // axis they are one in every s / gcd(s, d) taps: at most ceil(k·gcd(s, d) / s), for each input channel of the group
  accumulation: (request, convention) => {
    const planned = plan(request, convention);
    const taps = elementCount(
      planned.kernel.map((k, axis) => Math.ceil((k * gcd(planned.strides[axis]!, planned.dilations[axis]!)) / planned.strides[axis]!)),
    );
    const length = taps * planned.inChannelsPerGroup;
    const hasBias = request.bias?.data.some((b) => b !== 0) === true;
    return { kind: 'dot-product', accumulationLength: length, hasBias, ulpBudget: 2 * length, exactWhenRepresentable: true };
  },
  zeroSignFree: () => true,
  openKnobs: () => ['outputPaddingLimit'],
};
