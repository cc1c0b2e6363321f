/**
 * Plans one layer of a model from its hyper-parameters and its input shape: output shape, the
 * shapes of the weight tensors it owns, its parameter count, and what it does to the spatial
 * axes (for the receptive field). The checks every layer shares are made here; the rest is the
 * layer type's descriptor in the layer registry, whose sizes come from the op planners, so the
 * shape algebra and the reference cannot disagree.
 *
 * @see spec:shape.layers
 */
import { CnnSpecError } from '../spec/CnnSpecError.js';
import { resolveConvention } from '../spec/conventions.js';
import { LAYOUTS, type Layout } from '../tensor/layout.js';
import type { LayerContext, LayerSpec } from './LayerSpec.js';
import type { LayerShapes } from './LayerDescriptor.js';
import { isLayerType, LAYER_TYPES, LAYERS, layerOf } from './layerRegistry.js';
import { checkLimits, type Limits } from '../spec/limits.js';
import { checkBoolean, checkEnum, checkKnownFields, isPlainRecord, orDefault } from '../spec/paramChecks.js';
import { checkShape } from '../tensor/tensor.js';

export type { ParameterCount, SpatialEffect } from './LayerDescriptor.js';

export interface LayerPlan extends LayerShapes {
  layer: LayerSpec;
  inputShape: number[];
}

/**
 * Plans one layer.
 *
 * @param inputShape the layer's input shape, batch axis included
 * @throws CnnSpecError for every invalid layer or shape
 */
export function planLayer(layer: LayerSpec, inputShape: readonly number[], context: LayerContext = {}, limits?: Limits): LayerPlan {
  const op = 'layer';
  // A layer of a known type is checked against its own fields, so that an unknown field's error
  // lists (and suggests) only fields the layer can have.
  const given: unknown = isPlainRecord(layer) ? layer.type : undefined;
  const ownFields = isLayerType(given) ? LAYERS[given].fields : undefined;
  const record = checkKnownFields(
    { op: ownFields === undefined ? op : (given as string), clause: 'shape.layers' },
    'layer',
    layer,
    ownFields ?? [...new Set(Object.values(LAYERS).flatMap((descriptor) => descriptor.fields))],
  );
  const type = checkEnum({ op, clause: 'shape.layers' }, 'layer.type', record.type, LAYER_TYPES);
  if (record.name !== undefined && typeof record.name !== 'string') {
    throw new CnnSpecError({
      code: 'E_PARAM_RANGE',
      op: type,
      clause: 'shape.layers',
      parameter: 'name',
      value: record.name,
      rule: 'be a string',
    });
  }
  checkKnownFields({ op: type, clause: 'shape.layers' }, 'context', context, ['layout', 'convention']);
  if (limits !== undefined) checkLimits(type, limits);
  const convention = resolveConvention(context.convention, type);
  const layout: Layout = checkEnum(
    { op: type, clause: 'layout.channels-first' },
    'layout',
    orDefault<unknown>(context.layout, convention.layout),
    LAYOUTS,
  );
  const shape = checkShape(type, 'input.shape', inputShape, { min: 1, max: Infinity });
  const descriptor = layerOf(type);
  const bias = descriptor.hasBias
    ? checkBoolean({ op: type, clause: 'shape.layers' }, 'bias', orDefault<unknown>(record.bias, true))
    : false;
  const shapes = descriptor.plan(layer, {
    type,
    shape: [...shape],
    layout,
    convention,
    conventionSpec: orDefault(context.convention, 'cnnspec'),
    bias,
    limits,
  });
  return { layer, inputShape: [...shape], ...shapes };
}
