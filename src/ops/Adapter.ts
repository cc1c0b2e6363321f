/**
 * The adapter interface: how an implementation under test is plugged into cnnspec. Only plain
 * data crosses it: shapes, Float32Arrays and parameter records. Every call is async, so GPU,
 * wasm and out-of-process implementations fit. A request is for reading only: a call that
 * changes its tensors or records fails (spec: conformance.inputs-read-only).
 *
 * An adapter declares the features it implements and the convention it follows. A property
 * runs only when the adapter declares every feature the property needs, and generates only
 * cases whose features the adapter declares and its convention defines.
 */
import type { ConventionSpec, Layout } from '../spec/conventions.js';
import type { Feature } from '../spec/features.js';
import type { LayerSpec } from '../shape/LayerSpec.js';
import type { Tensor } from '../tensor/tensor.js';
import { OP_METHODS, type OpMethod, type OpName, type OpRequests, type OPS } from '../ops/registry.js';

export type { Call } from '../ops/OpDescriptor.js';
export type { ConvRequest } from '../ops/conv/convOp.js';
export type { PoolRequest } from '../ops/pool/poolOp.js';
export type { GlobalPoolRequest } from '../ops/global-pool/globalPoolOp.js';
export type { DenseRequest } from '../ops/dense/denseOp.js';
export type { PadRequest } from '../ops/pad/padOp.js';

/** Bumped whenever the rules for interpreting adapter results change. */
export const ADAPTER_API_VERSION = 1;

/**
 * What a tensor op answers: the output, and optionally `form`, a short text naming the API form
 * the implementation was called in (`tf.conv2d(x, filter, strides=1, pad=1 (number), ...)`), so
 * that a failure's evidence shows the call that gave it (spec: conformance.adapter,
 * conformance.api-forms). An adapter that throws may name its form the same way, as a `form`
 * string on the error.
 */
export interface TensorAnswer extends Tensor {
  readonly form?: string;
}

export interface LayerRequest {
  layer: LayerSpec;
  /** Input shape with the batch axis. */
  inputShape: number[];
  layout: Layout;
}

/**
 * One optional method per op of the registry (src/ops/registry.ts), named by the op's `method`
 * (`OP_METHODS`).
 */
export type TensorMethods = { [K in OpName as (typeof OPS)[K]['method']]?: (request: OpRequests[K]) => Promise<TensorAnswer> };

export interface Adapter extends TensorMethods {
  /** Name of the implementation, e.g. `reference` or `tfjs-cpu`. */
  readonly name: string;
  /** Version of the implementation. */
  readonly version: string;
  readonly adapterApi: typeof ADAPTER_API_VERSION;
  /** The convention the implementation follows. */
  readonly convention: ConventionSpec;
  /** Every feature the implementation supports (spec/convention.features). */
  readonly features: readonly Feature[];

  /** Optional shape inference: the output shape of a layer. */
  outputShape?(request: LayerRequest): Promise<number[]>;
  /** Optional parameter counting: the parameter count of a layer. */
  paramCount?(request: LayerRequest): Promise<number>;
  /** Releases resources; called once after a run. */
  dispose?(): Promise<void>;
  /**
   * For adapters that time out their own calls (an out-of-process adapter must also kill and
   * restart a hung process, so its timeout has to be the one that fires): the longest a call can
   * take, restart included. The kit's guard then waits this long instead of its per-call timeout,
   * as a backstop only.
   */
  readonly callBoundMs?: number;
}

/**
 * Thrown by an adapter for a configuration its implementation cannot express although the
 * features it declares cover it (for example explicit pads that a framework accepts only in 2-D).
 * The property suite skips such a case rather than failing it. A property whose every case is
 * refused is unsupported (or fails, when the run's profile requires it); one that ran some cases
 * but had too many refused fails, saying how many and why (spec: conformance.capabilities).
 */
export class UnsupportedCase extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UnsupportedCase';
  }
}

/** Whether an error is an adapter's UnsupportedCase, also across module copies and processes. */
export function isUnsupportedCase(error: unknown): boolean {
  return error instanceof UnsupportedCase || (error instanceof Error && error.name === 'UnsupportedCase');
}

/**
 * A call that did not complete: it timed out, the adapter process exited with it in flight, the
 * answer broke the protocol, or the adapter is broken beyond answering. Raised by the kit's
 * wrappers, and by an adapter that knows it can no longer answer. A fault is never taken as the
 * rejection of an invalid configuration, nor as a skipped case: it fails the test.
 */
export class AdapterFault extends Error {
  /** The call ran out of time: repeating similar calls costs a timeout each. */
  readonly timedOut: boolean;

  constructor(message: string, options: { timedOut?: boolean } = {}) {
    super(message);
    this.name = 'AdapterFault';
    this.timedOut = options.timedOut === true;
  }
}

/** Whether an error is an AdapterFault, also across module copies. */
export function isAdapterFault(error: unknown): boolean {
  return error instanceof AdapterFault || (error instanceof Error && error.name === 'AdapterFault');
}

/**
 * Raised by the kit when a call changed something it was given: a tensor (its data or its shape),
 * the parameter record or the layer description. Inputs are read-only (spec:
 * conformance.inputs-read-only): like a fault, this fails the test, even when the call threw, and
 * is never taken as the rejection of an invalid configuration nor as a skipped case.
 */
export class InputModified extends Error {
  /** What was changed: `input`, `weight`, `bias`, a shape (`input.shape`) or a field (`params.kernel`). */
  readonly tensor: string;
  /** The first changed element; undefined when the value was replaced or resized as a whole. */
  readonly index: number | undefined;
  /** The element (or value) as the kit gave it. */
  readonly before: unknown;
  /** The element (or value) after the call. */
  readonly after: unknown;

  constructor(message: string, change: { tensor: string; index: number | undefined; before: unknown; after: unknown }) {
    super(message);
    this.name = 'InputModified';
    this.tensor = change.tensor;
    this.index = change.index;
    this.before = change.before;
    this.after = change.after;
  }
}

/** Whether an error is an InputModified, also across module copies. */
export function isInputModified(error: unknown): boolean {
  return error instanceof InputModified || (error instanceof Error && error.name === 'InputModified');
}

/**
 * Whether an error thrown by a call counts as the adapter rejecting the configuration: anything
 * but a case it cannot express, a call that did not complete, or a call that changed its inputs.
 */
export function isRejection(error: unknown): boolean {
  return !isUnsupportedCase(error) && !isAdapterFault(error) && !isInputModified(error);
}

/** The ops an adapter can implement. */
export type AdapterOp = OpMethod | 'outputShape' | 'paramCount';

/** Every method an adapter may implement, the tensor ops of the registry first. */
export const ADAPTER_OPS: readonly AdapterOp[] = [...OP_METHODS, 'outputShape', 'paramCount'];
