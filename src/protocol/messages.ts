/**
 * The out-of-process adapter protocol (spec/protocol.md): line-delimited JSON over the adapter's
 * standard input and output. The JSON Schema spec/schema/protocol-1.schema.json is generated from
 * these types (`npm run protocol:schema`).
 */
import type { AdapterOp } from '../ops/Adapter.js';

/** Bumped when the meaning of a message changes. */
export const PROTOCOL_VERSION = 1;

/** A JSON object whose fields the op defines (parameter records, layers). */
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

/** Kit to adapter: one call. */
export interface RequestMessage {
  type: 'request';
  /**
   * Unique per request within a session.
   * @TJS-type integer
   * @minimum 1
   */
  id: number;
  op: ProtocolOp;
  /** The op's parameter record, as in the in-process interface (per-axis values as arrays). */
  params?: ProtocolRecord;
  /** Tensor operands: `input`, and `weight` and `bias` where the op takes them. */
  tensors?: { input?: WireTensor; weight?: WireTensor; bias?: WireTensor };
  /** outputShape and paramCount: the layer, its input shape and the data layout. */
  layer?: ProtocolRecord;
  /** @items.type integer */
  inputShape?: number[];
  layout?: 'channels-first' | 'channels-last';
}

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
