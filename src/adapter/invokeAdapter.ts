/** Sends one op call (an op and its request, as fixtures and evidence hold it) to an adapter. */
import type { Adapter, TensorAnswer } from '../ops/Adapter.js';
import { OPS, type OpCall } from '../ops/registry.js';

export function invokeAdapter(adapter: Adapter, call: OpCall): Promise<TensorAnswer> {
  const method = adapter[OPS[call.op].method] as ((request: OpCall['request']) => Promise<TensorAnswer>) | undefined;
  return method!.call(adapter, call.request);
}
