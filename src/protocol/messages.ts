/**
 * The out-of-process adapter protocol (spec/protocol.md): line-delimited JSON over the adapter's
 * standard input and output. The JSON Schema spec/schema/protocol-1.schema.json is generated from
 * these types (`npm run schemas`).
 */
import type { AdapterOp } from '../ops/Adapter.js';
import type { ConvParams } from '../ops/conv/planConv.js';
import type { ConvTransposeParams } from '../ops/conv-transpose/planConvTranspose.js';
import type { DenseParams } from '../ops/dense/planDense.js';
import type { GlobalPoolParams } from '../ops/global-pool/planGlobalPool.js';
import type { PadParams } from '../ops/pad/pad.js';
import type { PoolParams } from '../ops/pool/planPool.js';
import type { LayerSpec } from '../shape/LayerSpec.js';
import type { Layout } from '../tensor/layout.js';

/** Bumped when the meaning of a message changes. */
export const PROTOCOL_VERSION = 1;

/** The overrides of a `{ base, overrides }` convention (spec/conventions.md#convention.model): knob names and values. */
export interface ProtocolRecord {
  [field: string]: unknown;
}

/** Adapter methods a request can name. */
export type ProtocolOp = AdapterOp;

/** A float32 tensor on the wire: shape, and the elements as little-endian bytes in base64. */
export interface WireTensor {
  /**
   * At most 16 entries (spec: protocol.limits, PROTOCOL_LIMITS.rank).
   * @items.type integer
   * @items.minimum 0
   * @maxItems 16
   */
  shape: number[];
  dtype: 'float32';
  /** Row-major float32 elements, little-endian, base64-encoded with the standard alphabet and padding (RFC 4648, section 4). */
  data: string;
}

/** First message, adapter to kit: who the adapter is and what it supports. */
export interface HelloMessage {
  type: 'hello';
  /** The protocol version the adapter speaks. */
  protocol: 1;
  /**
   * @minLength 1
   * @maxLength 256
   */
  name: string;
  /** @maxLength 256 */
  version: string;
  /**
   * A convention name, or `{ base, overrides }` (spec/conventions.md#convention.model): at most 8
   * levels of nesting, 1024 values and strings of 256 characters (spec: protocol.limits).
   */
  convention: string | { base: string; overrides: ProtocolRecord };
  /**
   * Features the adapter supports (spec/conventions.md#convention.features).
   * @maxItems 256
   * @items.type string
   * @items.maxLength 128
   */
  features: string[];
  /**
   * Methods the adapter implements.
   * @maxItems 64
   */
  ops: ProtocolOp[];
}

/**
 * conv's parameter record as sent (src/ops/conv/planConv.ts): every field but `convention`, as the
 * adapter follows the convention its hello declares (spec: conformance.adapter). Values are typed,
 * not ranged: an invalid configuration (a stride of 0 or 1.5) is a valid request, which the
 * adapter answers with an error (spec: error.parameter-range).
 */
export interface ConvCallParams extends Omit<ConvParams, 'convention'> {}

/** pool's parameter record as sent (src/ops/pool/planPool.ts), without `convention`. */
export interface PoolCallParams extends Omit<PoolParams, 'convention'> {}

/** globalPool's parameter record as sent (src/ops/global-pool/planGlobalPool.ts), without `convention`. */
export interface GlobalPoolCallParams extends Omit<GlobalPoolParams, 'convention'> {}

/** dense's parameter record as sent (src/ops/dense/planDense.ts), without `convention`. */
export interface DenseCallParams extends Omit<DenseParams, 'convention'> {}

/** pad's parameter record as sent (src/ops/pad/pad.ts), without `convention`. */
export interface PadCallParams extends Omit<PadParams, 'convention'> {}

/** convTranspose's parameter record as sent (src/ops/conv-transpose/planConvTranspose.ts), without `convention`. */
export interface ConvTransposeCallParams extends Omit<ConvTransposeParams, 'convention'> {}

/** The operands of conv, convTranspose and dense. */
export interface WeightedOperands {
  /** conv: the activation, laid out as `params.layout` says; dense: [..., in features], the last axis transformed. */
  input: WireTensor;
  /** conv: laid out as `params.kernelLayout` says; dense: as `params.weightLayout` says. */
  weight: WireTensor;
  /** One value per output channel or feature; absent when the layer has no bias. */
  bias?: WireTensor;
}

/** The operand of pool, globalPool and pad. */
export interface InputOperand {
  /** The activation, laid out as `params.layout` says. */
  input: WireTensor;
}

/** Kit to adapter: one convolution (spec: protocol.request). */
export interface ConvRequestMessage {
  type: 'request';
  /**
   * Unique per request within a session.
   * @TJS-type integer
   * @minimum 1
   */
  id: number;
  op: 'conv';
  params: ConvCallParams;
  tensors: WeightedOperands;
}

/** Kit to adapter: one pooling (spec: protocol.request). */
export interface PoolRequestMessage {
  type: 'request';
  /**
   * Unique per request within a session.
   * @TJS-type integer
   * @minimum 1
   */
  id: number;
  op: 'pool';
  params: PoolCallParams;
  tensors: InputOperand;
}

/** Kit to adapter: one global pooling (spec: protocol.request). */
export interface GlobalPoolRequestMessage {
  type: 'request';
  /**
   * Unique per request within a session.
   * @TJS-type integer
   * @minimum 1
   */
  id: number;
  op: 'globalPool';
  params: GlobalPoolCallParams;
  tensors: InputOperand;
}

/** Kit to adapter: one dense layer (spec: protocol.request). */
export interface DenseRequestMessage {
  type: 'request';
  /**
   * Unique per request within a session.
   * @TJS-type integer
   * @minimum 1
   */
  id: number;
  op: 'dense';
  params: DenseCallParams;
  tensors: WeightedOperands;
}

/** Kit to adapter: one explicit padding (spec: protocol.request). */
export interface PadRequestMessage {
  type: 'request';
  /**
   * Unique per request within a session.
   * @TJS-type integer
   * @minimum 1
   */
  id: number;
  op: 'pad';
  params: PadCallParams;
  tensors: InputOperand;
}

/** Kit to adapter: one transposed convolution (spec: protocol.request). */
export interface ConvTransposeRequestMessage {
  type: 'request';
  /**
   * Unique per request within a session.
   * @TJS-type integer
   * @minimum 1
   */
  id: number;
  op: 'convTranspose';
  params: ConvTransposeCallParams;
  tensors: WeightedOperands;
}

/** Kit to adapter: a layer's output shape or parameter count (spec: protocol.request). */
export interface LayerRequestMessage {
  type: 'request';
  /**
   * Unique per request within a session.
   * @TJS-type integer
   * @minimum 1
   */
  id: number;
  op: 'outputShape' | 'paramCount';
  /** The layer by its hyper-parameters (src/shape/LayerSpec.ts), `type` naming its kind. */
  layer: LayerSpec;
  /** The layer's input shape, batch axis included. */
  inputShape: number[];
  layout: Layout;
}

/** The tensor ops' requests. */
export type TensorRequestMessage =
  | ConvRequestMessage
  | PoolRequestMessage
  | GlobalPoolRequestMessage
  | DenseRequestMessage
  | PadRequestMessage
  | ConvTransposeRequestMessage;

/** Kit to adapter: one call; `op` says which, and which fields the request has. */
export type RequestMessage = TensorRequestMessage | LayerRequestMessage;

/** Adapter to kit: the result of a request. */
export interface ResultMessage {
  type: 'result';
  /** @TJS-type integer */
  id: number;
  /** The output tensor (conv, pool, globalPool, dense, pad). */
  tensor?: WireTensor;
  /** The value (outputShape: an array of at most 16 integers; paramCount: an integer). */
  value?: number | number[];
  /** Tensor ops: the API form the implementation was called in, in a few words (spec/conformance.md#conformance.api-forms). */
  form?: string;
  /** The adapter exits after this message: the kit sends this process nothing more and starts a new one. */
  exit?: boolean;
}

/** Adapter to kit: the request failed. */
export interface ErrorMessage {
  type: 'error';
  /** @TJS-type integer */
  id: number;
  message: string;
  /** True when the implementation cannot express this case (the case is skipped, not failed). */
  unsupported?: boolean;
  /** Tensor ops: the API form the failed call was made in (spec/conformance.md#conformance.api-forms). */
  form?: string;
  /** The adapter exits after this message: the kit sends this process nothing more and starts a new one. */
  exit?: boolean;
}

/** Kit to adapter: finish and exit. */
export interface ShutdownMessage {
  type: 'shutdown';
}

/** Any message from the adapter. */
export type AdapterMessage = HelloMessage | ResultMessage | ErrorMessage;

/** Any message from the kit. */
export type KitMessage = RequestMessage | ShutdownMessage;

/** Any protocol message. */
export type ProtocolMessage = AdapterMessage | KitMessage;
