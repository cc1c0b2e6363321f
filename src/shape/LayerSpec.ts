/**
 * Layers described by their hyper-parameters alone (no tensors), as a model definition lists
 * them. Shape algebra (outputShape, paramCount, receptiveField, summary) works on these.
 */
import type { ConventionSpec, Layout } from '../spec/conventions.js';
import type { FillMode } from '../ops/window/fillCoordinate.js';
import type { Padding } from '../ops/window/planWindow.js';

interface WindowHyperParameters {
  /** Kernel (window) size per spatial axis, or one value for all. */
  kernel: number | number[];
  strides?: number | number[];
  dilations?: number | number[];
  /** @defaultValue 'valid' */
  padding?: Padding;
}

export interface ConvLayer extends WindowHyperParameters {
  type: 'conv';
  name?: string;
  /** Output channels. */
  filters: number;
  /** @defaultValue 1 */
  groups?: number;
  /** @defaultValue 'zeros' */
  fill?: FillMode;
  /** @defaultValue true */
  bias?: boolean;
}

/** Depthwise convolution: groups = input channels, `depthMultiplier` filters per channel. */
export interface DepthwiseConvLayer extends WindowHyperParameters {
  type: 'depthwise-conv';
  name?: string;
  /** @defaultValue 1 */
  depthMultiplier?: number;
  /** @defaultValue 'zeros' */
  fill?: FillMode;
  /** @defaultValue true */
  bias?: boolean;
}

/** Separable convolution: a depthwise convolution without bias, then a 1x1 convolution. */
export interface SeparableConvLayer extends WindowHyperParameters {
  type: 'separable-conv';
  name?: string;
  filters: number;
  /** @defaultValue 1 */
  depthMultiplier?: number;
  /** Bias of the pointwise step. @defaultValue true */
  bias?: boolean;
}

export interface PoolLayer extends WindowHyperParameters {
  type: 'max-pool' | 'avg-pool';
  name?: string;
  ceilMode?: boolean;
  countIncludePad?: boolean;
}

export interface GlobalPoolLayer {
  type: 'global-max-pool' | 'global-avg-pool';
  name?: string;
  keepDims?: boolean;
}

/** Flattens every axis but the batch axis, in the data layout's element order. */
export interface FlattenLayer {
  type: 'flatten';
  name?: string;
}

/** A dense layer on the last axis. */
export interface DenseLayer {
  type: 'dense';
  name?: string;
  units: number;
  /** @defaultValue true */
  bias?: boolean;
}

export type LayerSpec = ConvLayer | DepthwiseConvLayer | SeparableConvLayer | PoolLayer | GlobalPoolLayer | FlattenLayer | DenseLayer;

export const LAYER_TYPES = [
  'conv',
  'depthwise-conv',
  'separable-conv',
  'max-pool',
  'avg-pool',
  'global-max-pool',
  'global-avg-pool',
  'flatten',
  'dense',
] as const;

export type LayerType = (typeof LAYER_TYPES)[number];

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
