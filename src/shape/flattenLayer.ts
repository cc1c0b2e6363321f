/**
 * The `flatten` layer of a model file: flattens every axis but the batch axis, in the data
 * layout's element order. It is no op of the registry: it only reshapes.
 */
import { CnnSpecError } from '../spec/CnnSpecError.js';
import { MAX_DIMENSION } from '../spec/paramChecks.js';
import { elementCount } from '../tensor/tensor.js';
import type { LayerDescriptor } from './LayerDescriptor.js';

/** Flattens every axis but the batch axis, in the data layout's element order. */
export interface FlattenLayer {
  type: 'flatten';
  name?: string;
}

export const flattenLayer: LayerDescriptor<FlattenLayer> = {
  fields: ['type', 'name'],
  hasBias: false,
  readsLayout: false,
  plan: (_layer, { type, shape }) => {
    if (shape.length < 2) {
      throw new CnnSpecError({
        code: 'E_SHAPE_INVALID',
        op: type,
        clause: 'shape.layers',
        parameter: 'input.shape',
        value: shape,
        rule: 'have a batch axis and at least one more axis',
      });
    }
    const features = elementCount(shape.slice(1));
    // spec: error.limits — the flattened axis is a size like any other
    if (features > MAX_DIMENSION) {
      throw new CnnSpecError({
        code: 'E_TOO_LARGE',
        op: type,
        clause: 'error.limits',
        parameter: 'input.shape',
        value: shape,
        rule: `flatten to at most ${MAX_DIMENSION} values per example (it holds ${features})`,
      });
    }
    return {
      outputShape: [shape[0]!, features],
      weightShapes: [],
      params: { total: 0, weights: 0, biases: 0 },
      spatial: { kind: 'global', keepsAxes: false },
    };
  },
};
