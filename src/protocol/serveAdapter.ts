/**
 * The adapter side of the protocol (spec/protocol.md) for any in-process adapter: greets, then
 * answers each request line with a result or an error. It lets a JavaScript implementation run
 * out of process, and in tests it checks every message the kit sends against the schema.
 */
import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import { ADAPTER_OPS, isUnsupportedCase, type Adapter, type TensorAnswer } from '../ops/Adapter.js';
import type { LayerSpec } from '../shape/LayerSpec.js';
import {
  PROTOCOL_VERSION,
  type AdapterMessage,
  type ProtocolOp,
  type RequestMessage,
  type TensorRequestMessage,
  type WeightedOperands,
} from './messages.js';
import { protocolProblems } from './validateMessage.js';
import { decodeWireTensor, encodeWireTensor } from './wireTensor.js';

const OPS: readonly ProtocolOp[] = ADAPTER_OPS;

export interface ServeOptions {
  /** Check every incoming message against the schema and answer violations with an error. @defaultValue true */
  validate?: boolean;
  /**
   * Asked after each call: a reason to stop serving (the implementation is broken for the rest
   * of the process). The answer then carries `exit: true` and serving ends, so the process can
   * exit and the kit starts a fresh one (spec: protocol.timeouts).
   */
  retireWhen?: () => string | undefined;
}

async function answer(adapter: Adapter, request: RequestMessage): Promise<AdapterMessage> {
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
    input: decodeWireTensor(tensors.input!),
    ...(tensors.weight ? { weight: decodeWireTensor(tensors.weight) } : {}),
    ...(tensors.bias ? { bias: decodeWireTensor(tensors.bias) } : {}),
    params: (tensorRequest.params ?? {}) as never,
  };
  const method = adapter[op] as ((r: typeof decoded) => Promise<TensorAnswer>) | undefined;
  if (method === undefined) throw new Error(`op ${op} is not implemented`);
  const output = await method.call(adapter, decoded);
  return { type: 'result', id, tensor: encodeWireTensor(output), ...formField(output) };
}

/** The API form an answer or an error names, as the optional field of a response (spec: protocol.response). */
function formField(value: unknown): { form?: string } {
  const form = (value as { form?: unknown } | null)?.form;
  return typeof form === 'string' ? { form } : {};
}

/** Serves an adapter until the input ends, a shutdown message arrives, or `retireWhen` gives a reason. */
export async function serveAdapter(adapter: Adapter, input: Readable, output: Writable, options: ServeOptions = {}): Promise<void> {
  const write = (message: AdapterMessage): void => {
    output.write(`${JSON.stringify(message)}\n`);
  };
  write({
    type: 'hello',
    protocol: PROTOCOL_VERSION,
    name: adapter.name,
    version: adapter.version,
    convention: adapter.convention as string | { base: string; overrides: Record<string, unknown> },
    features: [...adapter.features],
    ops: OPS.filter((op) => typeof adapter[op] === 'function'),
  });
  const lines = createInterface({ input, crlfDelay: Infinity });
  const inFlight: Promise<void>[] = [];
  let retired = false;
  const reply = (message: AdapterMessage): void => {
    if (retired) return; // after the exit notice the kit expects nothing more from this process
    if (message.type !== 'hello' && options.retireWhen?.() !== undefined) {
      retired = true;
      write({ ...message, exit: true });
      lines.close();
      return;
    }
    write(message);
  };
  for await (const line of lines) {
    if (retired) break;
    if (line.trim() === '') continue;
    let message: { type?: string; id?: number };
    try {
      message = JSON.parse(line) as typeof message;
    } catch {
      continue;
    }
    if (options.validate ?? true) {
      const problems = protocolProblems(message);
      if (problems.length > 0) {
        if (typeof message.id === 'number') reply({ type: 'error', id: message.id, message: `invalid request: ${problems.join('; ')}` });
        continue;
      }
    }
    if (message.type === 'shutdown') break;
    const request = message as RequestMessage;
    inFlight.push(
      answer(adapter, request).then(reply, (error: unknown) =>
        reply({
          type: 'error',
          id: request.id,
          message: error instanceof Error ? error.message : String(error),
          ...(isUnsupportedCase(error) ? { unsupported: true } : {}),
          ...formField(error),
        }),
      ),
    );
  }
  if (retired) return; // a broken implementation is neither waited for nor disposed: the process exits
  await Promise.all(inFlight);
  await adapter.dispose?.();
}
