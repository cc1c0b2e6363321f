/**
 * Explicit padding in the op registry (spec: padding.op).
 */
import type { ConventionSpec } from '../../spec/conventions.js';
import type { Tensor } from '../../tensor/tensor.js';
import type { Call, OpDescriptor } from '../OpDescriptor.js';
import { FILL_LIMIT_RULES } from '../window/windowPreconditions.js';
import { PAD_PARAMETERS } from './padParameters.js';
import { PAD_RANK_RULES } from './padPreconditions.js';
import { PAD_PARAM_FIELDS, pad, planPad, type PadParams } from './pad.js';

export interface PadRequest {
  input: Tensor;
  params: Call<PadParams>;
}

const plan = (request: PadRequest, convention: ConventionSpec) => planPad({ ...request.params, convention }, request.input.shape);

export const padOp: OpDescriptor<'pad', 'pad', PadRequest> = {
  op: 'pad',
  method: 'pad',
  title: 'padding',
  tensors: [{ name: 'input', optional: false }],
  paramFields: PAD_PARAM_FIELDS,
  parameters: PAD_PARAMETERS,
  preconditions: [...PAD_RANK_RULES, ...FILL_LIMIT_RULES],
  figure: 'padded',
  readsAcrossChannels: false,
  features: (request, convention) => plan(request, convention).features.map((use) => use.feature),
  // drawn as a window of ones, so the pictures show the pads around the input
  geometry: (request, convention) => {
    const planned = plan(request, convention);
    const ones = planned.padBegin.map(() => 1);
    const output = planned.input.map((size, axis) => size + planned.padBegin[axis]! + planned.padEnd[axis]!);
    return {
      layout: planned.layout,
      window: { kernel: ones, strides: ones, dilations: ones, padBegin: planned.padBegin, padEnd: planned.padEnd, output },
    };
  },
  reference: (request, convention, limits) => pad(request.input, { ...request.params, convention }, limits),
  // spec: conformance.tolerance — a pad copies: exact, and every zero keeps its sign
  accumulation: () => ({ kind: 'exact' }),
  zeroSignFree: () => false,
  openKnobs: () => [],
};
