/**
 * The golden fixture format: plain JSON cases that any implementation, in any language, can be
 * checked against without running cnnspec's code. One file per fixture, `fixtures/<op>/<id>.json`.
 * The JSON Schema `spec/schema/fixture-1.schema.json` is generated from these types
 * (`npm run schemas`); every fixture is validated against it when it is loaded.
 */
import type { ErrorCode } from './CnnSpecError.js';

/** Format tag and version of a fixture file. */
export type FixtureFormat = 'cnnspec-fixture/1';

/** Ops a fixture can exercise. */
export type FixtureOp = 'conv' | 'pool' | 'global-pool' | 'dense' | 'pad' | 'model';

/** Conventions, by name (spec/conventions.md). */
export type FixtureConvention = 'cnnspec' | 'onnx' | 'pytorch' | 'tensorflow' | 'tfjs' | 'caffe' | 'tosa' | 'webnn';

/**
 * One element: a number, or one of the strings "NaN", "Infinity", "-Infinity", "-0" for the
 * values JSON cannot hold. Numbers are the shortest decimals that round to the float32 meant.
 */
export type FixtureNumber = number | 'NaN' | 'Infinity' | '-Infinity' | '-0';

/**
 * How a tensor's axes are laid out: activations channels-first or channels-last, convolution
 * weights out-in-spatial or spatial-in-out, dense weights in-out or out-in, dense inputs and
 * outputs `features` (the last axis holds the features), biases `vector`.
 */
export type FixtureLayout =
  | 'channels-first'
  | 'channels-last'
  | 'out-in-spatial'
  | 'spatial-in-out'
  | 'in-out'
  | 'out-in'
  | 'features'
  | 'vector';

export interface FixtureTensor {
  /**
   * Dimension sizes, outermost first.
   * @minItems 1
   * @items.type integer
   * @items.minimum 0
   */
  shape: number[];
  dtype: 'float32';
  layout: FixtureLayout;
  /**
   * Elements in row-major order.
   * @maxItems 4096
   */
  data: FixtureNumber[];
}

/** How the expected values were obtained. */
export interface FixtureProvenance {
  /**
   * `hand-derived`: worked by hand or taken from a published hand-computed case;
   * `exact`: computed with exact integer and rational arithmetic by the fixture generator;
   * `reference`: computed by cnnspec's reference implementation.
   */
  method: 'hand-derived' | 'exact' | 'reference';
  /**
   * Where the case comes from: a document, a test in another project, or a generator.
   * @minLength 1
   */
  source: string;
  /** The arithmetic, or anything a reader needs to check the case. */
  notes?: string;
  /** For generated fixtures: the generator's seed for this fixture. */
  seed?: number;
}

/** What the op must produce: an output tensor, or a typed error. */
export type FixtureExpectation = FixtureOutputExpectation | FixtureErrorExpectation;

export interface FixtureOutputExpectation {
  output: FixtureTensor;
  /** Optional check of the resolved pads and output size per spatial axis (conv and pool). */
  window?: FixtureWindow;
}

export interface FixtureWindow {
  /**
   * @items.type integer
   * @items.minimum 0
   */
  padBegin: number[];
  /**
   * @items.type integer
   * @items.minimum 0
   */
  padEnd: number[];
  /**
   * @items.type integer
   * @items.minimum 0
   */
  output: number[];
}

export interface FixtureErrorExpectation {
  error: {
    /** One of the codes of spec/errors.md#error.codes. */
    code: ErrorCode;
    /** The clause the rejected rule states. */
    clause: FixtureClauseId;
  };
}

/**
 * A clause ID of spec/clauses.json.
 * @pattern ^[a-z][a-z0-9]*(-[a-z0-9]+)*(\.[a-z0-9]+(-[a-z0-9]+)*)+$
 */
export type FixtureClauseId = string;

/** Explicit pads, one per spatial axis. */
export interface FixturePads {
  /**
   * @items.type integer
   * @items.minimum 0
   */
  begin: number[];
  /**
   * @items.type integer
   * @items.minimum 0
   */
  end: number[];
}

export type FixturePadding = 'valid' | 'same-upper' | 'same-lower' | FixturePads;

/**
 * A per-axis integer parameter, one entry per spatial axis (fixtures never use the one-number
 * shorthand, so that every axis is explicit).
 * @items.type integer
 * @items.minimum 1
 */
export type FixtureAxisValue = number[];

/**
 * @TJS-type integer
 * @minimum 1
 */
export type FixturePositive = number;

export interface FixtureConvParams {
  strides?: FixtureAxisValue;
  dilations?: FixtureAxisValue;
  padding?: FixturePadding;
  fill?: 'zeros' | 'reflect' | 'replicate' | 'circular';
  groups?: FixturePositive;
  layout?: 'channels-first' | 'channels-last';
  kernelLayout?: 'out-in-spatial' | 'spatial-in-out';
}

export interface FixturePoolParams {
  kind: 'max' | 'avg';
  kernel: FixtureAxisValue;
  strides?: FixtureAxisValue;
  dilations?: FixtureAxisValue;
  padding?: FixturePadding;
  ceilMode?: boolean;
  countIncludePad?: boolean;
  layout?: 'channels-first' | 'channels-last';
}

export interface FixtureGlobalPoolParams {
  kind: 'max' | 'avg';
  keepDims?: boolean;
  layout?: 'channels-first' | 'channels-last';
}

export interface FixtureDenseParams {
  weightLayout?: 'in-out' | 'out-in';
}

export interface FixturePadParams {
  padding: FixturePads;
  fill?: 'zeros' | 'reflect' | 'replicate' | 'circular';
  layout?: 'channels-first' | 'channels-last';
}

/** A layer of a model fixture, by its hyper-parameters (spec: shape.layers). */
export type FixtureLayer =
  | {
      type: 'conv';
      filters: FixturePositive;
      kernel: FixtureAxisValue;
      strides?: FixtureAxisValue;
      dilations?: FixtureAxisValue;
      padding?: FixturePadding;
      groups?: FixturePositive;
      bias?: boolean;
    }
  | {
      type: 'depthwise-conv';
      kernel: FixtureAxisValue;
      depthMultiplier?: FixturePositive;
      strides?: FixtureAxisValue;
      dilations?: FixtureAxisValue;
      padding?: FixturePadding;
      bias?: boolean;
    }
  | {
      type: 'separable-conv';
      filters: FixturePositive;
      kernel: FixtureAxisValue;
      depthMultiplier?: FixturePositive;
      strides?: FixtureAxisValue;
      dilations?: FixtureAxisValue;
      padding?: FixturePadding;
      bias?: boolean;
    }
  | {
      type: 'max-pool' | 'avg-pool';
      kernel: FixtureAxisValue;
      strides: FixtureAxisValue;
      dilations?: FixtureAxisValue;
      padding?: FixturePadding;
      ceilMode?: boolean;
    }
  | { type: 'global-max-pool' | 'global-avg-pool'; keepDims: boolean }
  | { type: 'flatten' }
  | { type: 'dense'; units: FixturePositive; bias?: boolean };

export interface FixtureModelParams {
  /**
   * Input shape with the batch axis.
   * @items.type integer
   * @items.minimum 1
   */
  input: number[];
  layout: 'channels-first' | 'channels-last';
  layers: FixtureLayer[];
}

/** Per layer: output shape, parameter count and receptive field after it (spec: rf.*). */
export interface FixtureLayerExpectation {
  /**
   * @items.type integer
   * @items.minimum 0
   */
  outputShape: number[];
  /**
   * @TJS-type integer
   * @minimum 0
   */
  params: number;
  receptiveField: {
    /** @items.type integer */
    size: number[];
    /** Null once the axis is consumed (flatten, global pooling without keepDims, dense across it). */
    jump: (number | null)[];
    /** @items.type integer */
    start: number[];
  };
}

interface FixtureBase {
  format: FixtureFormat;
  /**
   * `<op>.<kebab-variant>`; equals the file name without `.json`. A published fixture never
   * changes in place: a change of meaning gets a new id.
   * @pattern ^(conv|pool|global-pool|dense|pad|model)\.[a-z0-9]+(-[a-z0-9]+)*$
   */
  id: string;
  /**
   * One line: the case in compact notation.
   * @minLength 1
   */
  description: string;
  /**
   * Clause IDs this fixture checks.
   * @minItems 1
   */
  spec: FixtureClauseId[];
  /**
   * Conventions under which the expectation holds; the op runs under each.
   * @minItems 1
   */
  conventions: FixtureConvention[];
  expected: FixtureExpectation;
  /** Comparison: exact (per element, NaN matching NaN, -0 distinct from +0 where the spec fixes the sign) unless stated. */
  tolerance?: { metric: 'exact' } | { metric: 'ulp'; value: number };
  provenance: FixtureProvenance;
}

export interface ConvFixture extends FixtureBase {
  op: 'conv';
  params: FixtureConvParams;
  inputs: { input: FixtureTensor; weight: FixtureTensor; bias?: FixtureTensor };
}

export interface PoolFixture extends FixtureBase {
  op: 'pool';
  params: FixturePoolParams;
  inputs: { input: FixtureTensor };
}

export interface GlobalPoolFixture extends FixtureBase {
  op: 'global-pool';
  params: FixtureGlobalPoolParams;
  inputs: { input: FixtureTensor };
}

export interface DenseFixture extends FixtureBase {
  op: 'dense';
  params: FixtureDenseParams;
  inputs: { input: FixtureTensor; weight: FixtureTensor; bias?: FixtureTensor };
}

export interface PadFixture extends FixtureBase {
  op: 'pad';
  params: FixturePadParams;
  inputs: { input: FixtureTensor };
}

/** A shape-algebra fixture: output shapes, parameter counts and receptive fields of a stack. */
export interface ModelFixture extends Omit<FixtureBase, 'expected'> {
  op: 'model';
  params: FixtureModelParams;
  inputs: Record<string, never>;
  expected: { layers: FixtureLayerExpectation[] } | FixtureErrorExpectation;
}

/** A golden fixture. */
export type Fixture = ConvFixture | PoolFixture | GlobalPoolFixture | DenseFixture | PadFixture | ModelFixture;
