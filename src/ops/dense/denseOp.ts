/**
 * Dense (fully connected) layers in the op registry (spec: dense.definition).
 */
import type { ConventionSpec } from '../../spec/conventions.js';
import type { Tensor } from '../../tensor/tensor.js';
import type { Call, OpDescriptor } from '../OpDescriptor.js';
import { DENSE_PARAMETERS } from './denseParameters.js';
import { DENSE_SHAPE_RULES } from './densePreconditions.js';
import { dense } from './dense.js';
import { DENSE_PARAM_FIELDS, planDense, type DenseParams } from './planDense.js';

export interface DenseRequest {
  input: Tensor;
  weight: Tensor;
  bias?: Tensor;
  params: Call<DenseParams>;
}

const plan = (request: DenseRequest, convention: ConventionSpec) =>
  planDense({ ...request.params, convention }, request.input.shape, request.weight.shape, request.bias?.shape);

export const denseOp: OpDescriptor<'dense', 'dense', DenseRequest> = {
  op: 'dense',
  method: 'dense',
  title: 'dense layer',
  tensors: [
    { name: 'input', optional: false },
    { name: 'weight', optional: false },
    { name: 'bias', optional: true },
  ],
  paramFields: DENSE_PARAM_FIELDS,
  parameters: DENSE_PARAMETERS,
  preconditions: DENSE_SHAPE_RULES,
  figure: 'matrix',
  readsAcrossChannels: true,
  features: (request, convention) => plan(request, convention).features.map((use) => use.feature),
  // a dense layer has no window; its input is drawn as rows of features
  geometry: () => ({ layout: 'channels-first' }),
  reference: (request, convention, limits) => dense(request.input, request.weight, request.bias, { ...request.params, convention }, limits),
  // spec: conformance.tolerance — a sum of N_in products and the bias
  accumulation: (request, convention) => {
    const length = plan(request, convention).inFeatures;
    const hasBias = request.bias !== undefined && request.bias.data.some((b) => b !== 0);
    return {
      kind: 'dot-product',
      accumulationLength: length,
      hasBias,
      ulpBudget: 2 * length + (hasBias ? 1 : 0),
      exactWhenRepresentable: true,
    };
  },
  zeroSignFree: () => true,
  openKnobs: () => [],
};
