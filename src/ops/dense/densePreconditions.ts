/**
 * The preconditions of a dense layer that no shared shape check covers: weight and bias agree
 * with the input's last axis and with each other.
 *
 * @see spec:dense.weight-layout
 * @see spec:dense.bias
 */
import type { Precondition } from '../../spec/Precondition.js';

export interface DenseShapeFacts {
  /** Named as a string to keep the imports one-way (planDense's DenseWeightLayout). */
  weightLayout: string;
  inFeatures: number;
  /** The weight's input-feature entry, at axis 0 for in-out and 1 for out-in. */
  weightIn: number;
  outFeatures: number;
  biasShape: readonly number[] | undefined;
}

/** Checked once the shapes are valid and the weight is read by its layout. */
export const DENSE_SHAPE_RULES: readonly Precondition<DenseShapeFacts>[] = [
  {
    when: (f) => f.weightIn !== f.inFeatures,
    code: 'E_SHAPE_MISMATCH',
    clause: 'dense.weight-layout',
    parameter: (f) => `weight.shape[${f.weightLayout === 'in-out' ? 0 : 1}]`,
    value: (f) => f.weightIn,
    rule: (f) => `equal the size of the input's last axis (${f.inFeatures}) for weight layout ${f.weightLayout}`,
  },
  {
    when: (f) => f.biasShape !== undefined && f.biasShape[0] !== f.outFeatures,
    code: 'E_SHAPE_MISMATCH',
    clause: 'dense.bias',
    parameter: 'bias.shape',
    value: (f) => f.biasShape,
    rule: (f) => `be [${f.outFeatures}] (one value per output feature)`,
  },
];
