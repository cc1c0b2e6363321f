/**
 * Resolves a dense (fully connected) layer's parameters and shapes into one plan record.
 *
 * @see spec:dense.definition
 * @see spec:dense.rank
 */
import { checkPreconditions } from '../../spec/checkPreconditions.js';
import { checkFeatures, resolveConvention, type Convention, type ConventionSpec } from '../../spec/conventions.js';
import type { FeatureUse } from '../../spec/features.js';
import { checkLimit, checkLimits, DEFAULT_LIMITS, type Limits } from '../../spec/limits.js';
import { checkEnum, checkKnownFields, orDefault } from '../../spec/paramChecks.js';
import { checkShape, elementCount } from '../../tensor/tensor.js';
import { DENSE_SHAPE_RULES } from './densePreconditions.js';

export const DENSE_WEIGHT_LAYOUTS = ['in-out', 'out-in'] as const;
export type DenseWeightLayout = (typeof DENSE_WEIGHT_LAYOUTS)[number];

export interface DenseParams {
  /** [in, out] (Keras, TensorFlow) or [out, in] (PyTorch, Caffe). @defaultValue the convention's */
  weightLayout?: DenseWeightLayout;
  /** @defaultValue 'cnnspec' */
  convention?: ConventionSpec;
}

export const DENSE_PARAM_FIELDS = ['weightLayout', 'convention'] as const;

export interface DensePlan {
  op: 'dense';
  convention: Convention;
  weightLayout: DenseWeightLayout;
  /** Number of rows: the product of all input axes but the last. */
  rows: number;
  inFeatures: number;
  outFeatures: number;
  hasBias: boolean;
  inputShape: number[];
  weightShape: number[];
  outputShape: number[];
  operations: number;
  features: FeatureUse[];
}

const OP = 'dense';

/**
 * Plans a dense layer applied to the last axis of an input of any rank >= 1.
 *
 * @param inputShape [..., in]
 * @param weightShape [in, out] or [out, in]
 * @param biasShape [out], or undefined for no bias
 */
export function planDense(
  params: DenseParams,
  inputShape: readonly number[],
  weightShape: readonly number[],
  biasShape?: readonly number[],
  limits: Limits = DEFAULT_LIMITS,
): DensePlan {
  checkKnownFields({ op: OP, clause: 'dense.definition' }, 'params', params, DENSE_PARAM_FIELDS);
  checkLimits(OP, limits);
  const convention = resolveConvention(params.convention, OP);
  const weightLayout = checkEnum(
    { op: OP, clause: 'dense.weight-layout' },
    'weightLayout',
    orDefault<unknown>(params.weightLayout, convention.denseWeightLayout),
    DENSE_WEIGHT_LAYOUTS,
  );
  checkShape(OP, 'input.shape', inputShape, { min: 1, max: Infinity });
  checkShape(OP, 'weight.shape', weightShape, { min: 2 });
  if (biasShape !== undefined) checkShape(OP, 'bias.shape', biasShape, { min: 1 });
  const inFeatures = inputShape[inputShape.length - 1]!;
  const [weightIn, outFeatures] = weightLayout === 'in-out' ? [weightShape[0]!, weightShape[1]!] : [weightShape[1]!, weightShape[0]!];
  checkPreconditions(OP, DENSE_SHAPE_RULES, { weightLayout, inFeatures, weightIn, outFeatures, biasShape });
  const features: FeatureUse[] = [{ feature: 'dense', parameter: 'op', value: OP }];
  if (biasShape !== undefined) features.push({ feature: 'dense.bias', parameter: 'bias', value: biasShape });
  if (inputShape.length >= 3) features.push({ feature: 'dense.rank-3', parameter: 'input.shape', value: inputShape });
  checkFeatures(OP, convention, features);

  const outputShape = [...inputShape.slice(0, -1), outFeatures];
  const outputElements = elementCount(outputShape);
  checkLimit(OP, 'output', outputElements, limits.maxElements, 'output elements');
  const operations = outputElements * inFeatures;
  checkLimit(OP, 'operations', operations, limits.maxOperations, 'multiply-accumulates');
  return {
    op: OP,
    convention,
    weightLayout,
    rows: elementCount(inputShape.slice(0, -1)),
    inFeatures,
    outFeatures,
    hasBias: biasShape !== undefined,
    inputShape: [...inputShape],
    weightShape: [...weightShape],
    outputShape,
    operations,
    features,
  };
}
