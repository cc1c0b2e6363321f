/**
 * The `global-max-pool` and `global-avg-pool` layers of a model file (spec: shape.layers). They
 * own no parameters (spec: params.pool).
 */
import type { LayerDescriptor } from '../../shape/LayerDescriptor.js';
import { planGlobalPool } from './planGlobalPool.js';

export interface GlobalPoolLayer {
  type: 'global-max-pool' | 'global-avg-pool';
  name?: string;
  keepDims?: boolean;
}

function globalPoolLayerOf(kind: 'max' | 'avg'): LayerDescriptor<GlobalPoolLayer> {
  return {
    fields: ['type', 'name', 'keepDims'],
    hasBias: false,
    readsLayout: true,
    plan: (layer, input) => {
      const plan = planGlobalPool(
        { kind, keepDims: layer.keepDims, layout: input.layout, convention: input.conventionSpec },
        input.shape,
        input.limits,
      );
      return {
        outputShape: plan.outputShape,
        weightShapes: [],
        params: { total: 0, weights: 0, biases: 0 },
        spatial: { kind: 'global', keepsAxes: plan.keepDims },
      };
    },
  };
}

export const globalMaxPoolLayer = globalPoolLayerOf('max');
export const globalAvgPoolLayer = globalPoolLayerOf('avg');
