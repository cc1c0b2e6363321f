/**
 * The output shape of a layer, or of a whole model, computed from shapes alone.
 *
 * @see spec:shape.output-size.floor
 */
import type { LayerContext, LayerSpec, ModelSpec } from './LayerSpec.js';
import { planLayer } from './planLayer.js';
import { planModel } from './planModel.js';

/** Output shape of one layer on an input of the given shape (batch axis included). */
export function outputShape(layer: LayerSpec, inputShape: readonly number[], context?: LayerContext): number[] {
  return planLayer(layer, inputShape, context).outputShape;
}

/** Output shape of a model: its last layer's output, or its input when it has no layers. */
export function modelOutputShape(model: ModelSpec): number[] {
  const plans = planModel(model);
  return plans.length === 0 ? [...model.input] : plans[plans.length - 1]!.outputShape;
}
