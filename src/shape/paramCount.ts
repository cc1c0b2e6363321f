/**
 * Parameter counts of layers and models.
 *
 * @see spec:params.conv
 * @see spec:params.dense
 */
import type { LayerContext, LayerSpec, ModelSpec } from './LayerSpec.js';
import { planLayer, type ParameterCount } from './planLayer.js';
import { planModel } from './planModel.js';

export type { ParameterCount } from './planLayer.js';

/** Parameters of one layer on an input of the given shape (batch axis included). */
export function paramCount(layer: LayerSpec, inputShape: readonly number[], context?: LayerContext): ParameterCount {
  return planLayer(layer, inputShape, context).params;
}

/** Parameters of a whole model. */
export function modelParamCount(model: ModelSpec): ParameterCount {
  const total: ParameterCount = { total: 0, weights: 0, biases: 0 };
  for (const plan of planModel(model)) {
    total.total += plan.params.total;
    total.weights += plan.params.weights;
    total.biases += plan.params.biases;
  }
  return total;
}
