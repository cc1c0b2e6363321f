/**
 * The layer registry: every layer type of a model file, by the name its `type` field holds. The
 * shape algebra (planLayer, the receptive field, the summary, the input-layout warnings), the
 * command line and the properties read it; adding a layer type is adding its descriptor (in its
 * op's folder) and its entry here.
 */
import { convLayer, type ConvLayer } from '../ops/conv/convLayer.js';
import { depthwiseConvLayer, type DepthwiseConvLayer } from '../ops/conv/depthwiseConvLayer.js';
import { separableConvLayer, type SeparableConvLayer } from '../ops/conv/separableConvLayer.js';
import { convTransposeLayer, type ConvTransposeLayer } from '../ops/conv-transpose/convTransposeLayer.js';
import { denseLayer, type DenseLayer } from '../ops/dense/denseLayer.js';
import { globalAvgPoolLayer, globalMaxPoolLayer, type GlobalPoolLayer } from '../ops/global-pool/globalPoolLayer.js';
import { avgPoolLayer, maxPoolLayer, type PoolLayer } from '../ops/pool/poolLayer.js';
import { flattenLayer, type FlattenLayer } from './flattenLayer.js';
import type { LayerDescriptor } from './LayerDescriptor.js';

/** The record each layer type's entry of a model file is. */
export interface LayerRecords {
  conv: ConvLayer;
  'depthwise-conv': DepthwiseConvLayer;
  'separable-conv': SeparableConvLayer;
  'conv-transpose': ConvTransposeLayer;
  'max-pool': PoolLayer;
  'avg-pool': PoolLayer;
  'global-max-pool': GlobalPoolLayer;
  'global-avg-pool': GlobalPoolLayer;
  flatten: FlattenLayer;
  dense: DenseLayer;
}

export type LayerType = keyof LayerRecords;

export const LAYERS = {
  conv: convLayer,
  'depthwise-conv': depthwiseConvLayer,
  'separable-conv': separableConvLayer,
  'conv-transpose': convTransposeLayer,
  'max-pool': maxPoolLayer,
  'avg-pool': avgPoolLayer,
  'global-max-pool': globalMaxPoolLayer,
  'global-avg-pool': globalAvgPoolLayer,
  flatten: flattenLayer,
  dense: denseLayer,
} as const satisfies { readonly [K in LayerType]: LayerDescriptor<LayerRecords[K]> };

/** Every layer type, in the order help texts and error messages list them. */
export const LAYER_TYPES = Object.keys(LAYERS) as readonly LayerType[];

/** The descriptor of a layer type, typed for any layer record. */
export function layerOf(type: LayerType): LayerDescriptor<LayerRecords[LayerType]> {
  return LAYERS[type] as LayerDescriptor<LayerRecords[LayerType]>;
}

export function isLayerType(value: unknown): value is LayerType {
  return typeof value === 'string' && Object.hasOwn(LAYERS, value);
}
