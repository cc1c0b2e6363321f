/**
 * The `max-pool` and `avg-pool` layers of a model file (spec: shape.layers). They own no
 * parameters (spec: params.pool).
 */
import type { LayerDescriptor } from '../../shape/LayerDescriptor.js';
import type { WindowHyperParameters } from '../conv/convLayerInput.js';
import { planPool } from './planPool.js';

export interface PoolLayer extends WindowHyperParameters {
  type: 'max-pool' | 'avg-pool';
  name?: string;
  ceilMode?: boolean;
  countIncludePad?: boolean;
}

function poolLayerOf(kind: 'max' | 'avg'): LayerDescriptor<PoolLayer> {
  return {
    fields: ['type', 'name', 'kernel', 'strides', 'dilations', 'padding', 'ceilMode', ...(kind === 'avg' ? ['countIncludePad'] : [])],
    hasBias: false,
    readsLayout: true,
    plan: (layer, input) => {
      const plan = planPool(
        {
          kind,
          kernel: layer.kernel,
          strides: layer.strides,
          dilations: layer.dilations,
          padding: layer.padding,
          ceilMode: layer.ceilMode,
          countIncludePad: kind === 'avg' ? layer.countIncludePad : undefined,
          layout: input.layout,
          convention: input.conventionSpec,
        },
        input.shape,
        input.limits,
      );
      return {
        outputShape: plan.outputShape,
        weightShapes: [],
        params: { total: 0, weights: 0, biases: 0 },
        spatial: { kind: 'window', window: plan.window },
      };
    },
  };
}

export const maxPoolLayer = poolLayerOf('max');
export const avgPoolLayer = poolLayerOf('avg');
