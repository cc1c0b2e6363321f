/**
 * Layers described by their hyper-parameters alone (no tensors), as a model definition lists
 * them. Shape algebra (outputShape, paramCount, receptiveField, summary) works on these. Each
 * layer type's record is declared with its descriptor; the union of them is the layer registry's
 * (src/shape/layerRegistry.ts).
 */
import type { ConventionSpec, Layout } from '../spec/conventions.js';
import type { LayerRecords, LayerType } from './layerRegistry.js';

export type { ConvLayer } from '../ops/conv/convLayer.js';
export type { DepthwiseConvLayer } from '../ops/conv/depthwiseConvLayer.js';
export type { SeparableConvLayer } from '../ops/conv/separableConvLayer.js';
export type { ConvTransposeLayer } from '../ops/conv-transpose/convTransposeLayer.js';
export type { PoolLayer } from '../ops/pool/poolLayer.js';
export type { GlobalPoolLayer } from '../ops/global-pool/globalPoolLayer.js';
export type { FlattenLayer } from './flattenLayer.js';
export type { DenseLayer } from '../ops/dense/denseLayer.js';
export { LAYER_TYPES, type LayerType } from './layerRegistry.js';

/** One layer of a model file, of any registered type. */
export type LayerSpec = LayerRecords[LayerType];

/** A stack of layers applied to an input of a given shape. */
export interface ModelSpec {
  /** Input shape including the batch axis, e.g. [1, 1, 28, 28] (channels-first). */
  input: number[];
  /** @defaultValue the convention's layout */
  layout?: Layout;
  /** @defaultValue 'cnnspec' */
  convention?: ConventionSpec;
  layers: LayerSpec[];
}

/** The data layout and convention a layer is planned under. */
export interface LayerContext {
  layout?: Layout;
  convention?: ConventionSpec;
}
