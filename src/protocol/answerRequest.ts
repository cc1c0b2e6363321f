/**
 * The adapter side of one exchange of the protocol (spec/protocol.md), for any adapter object:
 * its hello, the result of a request, or the error a request raised. Node's server (serveAdapter)
 * and the browser page's host (src/browser/page/hostAdapter.ts) both answer with it, each with
 * the tensor codec of its platform, so that an adapter answers the same in either.
 */
import { ADAPTER_OPS, isUnsupportedCase, type Adapter, type TensorAnswer } from '../ops/Adapter.js';
import type { Tensor } from '../tensor/tensor.js';
import {
  PROTOCOL_VERSION,
  type ErrorMessage,
  type HelloMessage,
  type ProtocolOp,
  type ResultMessage,
  type RequestMessage,
  type TensorRequestMessage,
  type WeightedOperands,
  type WireTensor,
} from './messages.js';

const OPS: readonly ProtocolOp[] = ADAPTER_OPS;

/** Tensors to and from the wire's bytes (spec: protocol.tensor), as the platform does it. */
export interface WireCodec {
  decode(wire: WireTensor): Tensor;
  encode(tensor: Tensor): WireTensor;
}

/** The hello that opens a session: the adapter's identity and the methods it implements. */
export function helloMessage(adapter: Adapter): HelloMessage {
  return {
    type: 'hello',
    protocol: PROTOCOL_VERSION,
    name: adapter.name,
    version: adapter.version,
    convention: adapter.convention as string | { base: string; overrides: Record<string, unknown> },
    features: [...adapter.features],
    ops: OPS.filter((op) => typeof adapter[op] === 'function'),
  };
}

/** The result of one request, or the error message of what it raised. */
export async function answerRequest(adapter: Adapter, request: RequestMessage, codec: WireCodec): Promise<ResultMessage | ErrorMessage> {
  try {
    return await result(adapter, request, codec);
  } catch (error) {
    return {
      type: 'error',
      id: request.id,
      message: error instanceof Error ? error.message : String(error),
      ...(isUnsupportedCase(error) ? { unsupported: true } : {}),
      ...formField(error),
    };
  }
}

async function result(adapter: Adapter, request: RequestMessage, codec: WireCodec): Promise<ResultMessage> {
  const { id } = request;
  if (request.op === 'outputShape' || request.op === 'paramCount') {
    const layerRequest = { layer: request.layer, inputShape: request.inputShape ?? [], layout: request.layout ?? 'channels-first' };
    const value = request.op === 'outputShape' ? await adapter.outputShape!(layerRequest) : await adapter.paramCount!(layerRequest);
    return { type: 'result', id, value };
  }
  const tensorRequest = request as TensorRequestMessage;
  const { op } = tensorRequest;
  const tensors: Partial<WeightedOperands> = tensorRequest.tensors ?? {};
  const decoded = {
    input: codec.decode(tensors.input!),
    ...(tensors.weight ? { weight: codec.decode(tensors.weight) } : {}),
    ...(tensors.bias ? { bias: codec.decode(tensors.bias) } : {}),
    params: (tensorRequest.params ?? {}) as never,
  };
  const method = adapter[op] as ((r: typeof decoded) => Promise<TensorAnswer>) | undefined;
  if (method === undefined) throw new Error(`op ${op} is not implemented`);
  const output = await method.call(adapter, decoded);
  return { type: 'result', id, tensor: codec.encode(output), ...formField(output) };
}

/** The API form an answer or an error names, as the optional field of a response (spec: protocol.response). */
function formField(value: unknown): { form?: string } {
  const form = (value as { form?: unknown } | null)?.form;
  return typeof form === 'string' ? { form } : {};
}
