/**
 * Plans every layer of a model in order, each on the previous layer's output shape.
 */
import { CnnSpecError } from './CnnSpecError.js';
import type { LayerContext, ModelSpec } from './LayerSpec.js';
import type { Limits } from './limits.js';
import { checkKnownFields } from './paramChecks.js';
import { planLayer, type LayerPlan } from './planLayer.js';
import { checkShape } from './tensor.js';

export function planModel(model: ModelSpec, limits?: Limits): LayerPlan[] {
  const record = checkKnownFields({ op: 'model', clause: 'shape.layers' }, 'model', model, ['input', 'layout', 'convention', 'layers']);
  let shape = checkShape('model', 'model.input', record.input, { min: 1, max: Infinity });
  if (!Array.isArray(model.layers)) {
    throw new CnnSpecError({
      code: 'E_PARAM_FIELD',
      op: 'model',
      clause: 'shape.layers',
      parameter: 'model.layers',
      value: model.layers,
      rule: 'be an array of layers',
    });
  }
  const context: LayerContext = { layout: model.layout, convention: model.convention };
  return model.layers.map((layer, index) => {
    try {
      const plan = planLayer(layer, shape, context, limits);
      shape = plan.outputShape;
      return plan;
    } catch (error) {
      if (error instanceof CnnSpecError) {
        // Name the layer, so that an error in a long stack points at the right line.
        throw new CnnSpecError({
          code: error.code,
          op: error.op,
          clause: error.clause,
          parameter: `layers[${index}]${layer?.name ? ` (${layer.name})` : ''}.${error.parameter}`,
          value: error.value,
          rule: error.rule,
        });
      }
      throw error;
    }
  });
}
