/**
 * What the shape algebra knows about one layer type of a model file, in one record: its fields,
 * whether it has a bias and reads a data layout, and its plan: output shape, weight shapes,
 * parameter count and what it does to the spatial axes. planLayer, the receptive field, the
 * summary and the input-layout warnings read the layer registry (src/shape/layerRegistry.ts) of
 * these records instead of switching on layer types, so a new layer type is one descriptor,
 * contributed from its op's folder.
 *
 * This module names no layer type: the layer records and the union of them depend on it, not the
 * other way round.
 */
import type { Convention, ConventionSpec, Layout } from '../spec/conventions.js';
import type { FormulaId, SymbolName } from '../spec/formulas.js';
import type { Limits } from '../spec/limits.js';
import type { WindowPlan } from '../ops/window/planWindow.js';

/** What a layer does to each spatial axis, for the receptive field. @see spec:rf.stack */
export type SpatialEffect =
  /** A sliding window per axis (convolution, pooling), as its plan resolves it. */
  | { kind: 'window'; window: WindowPlan }
  /**
   * A transposed window per axis (spec: rf.transpose): each input position is spread over
   * `effectiveKernel` output positions `strides` apart, the first `cropBegin` of them cropped.
   */
  | {
      kind: 'transposed-window';
      window: {
        rank: number;
        effectiveKernel: readonly number[];
        strides: readonly number[];
        cropBegin: readonly number[];
        output: readonly number[];
      };
    }
  /** Every position sees the whole axis; the axes are kept with size 1 or consumed. */
  | { kind: 'global'; keepsAxes: boolean }
  /** Only the last spatial axis is consumed (dense on a channels-first activation). */
  | { kind: 'last-axis' }
  /** Positions map one to one. */
  | { kind: 'none' };

export interface ParameterCount {
  total: number;
  weights: number;
  biases: number;
}

/** A layer's answer from its shapes alone. */
export interface LayerShapes {
  outputShape: number[];
  /** Shapes of the weight tensors the layer owns, in order; their element counts add up to params.total. */
  weightShapes: { name: string; shape: number[] }[];
  params: ParameterCount;
  spatial: SpatialEffect;
}

/** What planLayer has already checked and resolved when it hands a layer to its descriptor. */
export interface LayerPlanInput {
  /** The layer type, for errors. */
  type: string;
  /** The input shape, batch axis included, checked as a shape. */
  shape: number[];
  layout: Layout;
  convention: Convention;
  /** The convention as given, for the op planners. */
  conventionSpec: ConventionSpec;
  /** The layer's bias, checked; false for a layer without a `bias` field. */
  bias: boolean;
  limits: Limits | undefined;
}

/** What a parameter-count formula reads of a layer's input, read without checks. */
export interface ParamInput {
  /** The input's channels (a convolution's `cin`). */
  channels: number;
  /** The size of the input's last axis (a dense layer's `nin`). */
  features: number;
  /** Number of spatial axes. */
  rank: number;
  /** 1 with a bias, else 0 (spec: params.bias). */
  bias: 0 | 1;
}

/** A parameter-count formula and its scope, in integers of any size. */
export interface ParamFormula {
  id: FormulaId;
  scope: Partial<Record<SymbolName, bigint>>;
}

export interface LayerDescriptor<Layer extends { type: string } = { type: string }> {
  /** The fields of the layer record, `type` and `name` included. */
  readonly fields: readonly string[];
  /** Whether the record has a `bias` field (default true): planLayer checks it before `plan`. */
  readonly hasBias: boolean;
  /** Whether the layer reads its input through the data layout (for the input-layout warnings). */
  readonly readsLayout: boolean;
  /**
   * The layer's parameter-count formula and its scope, from the record and its input alone: the
   * plan evaluates it on a valid layer, and exact counts beyond the limits use it on layers whose
   * other values are valid (properties/support/exactParamCount.ts). Absent for a layer without
   * parameters (spec: params.pool).
   */
  readonly paramFormula?: (layer: Layer, input: ParamInput) => ParamFormula;
  /** The layer's shapes; throws CnnSpecError for every invalid layer. */
  plan(layer: Layer, input: LayerPlanInput): LayerShapes;
}
