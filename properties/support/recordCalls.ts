/**
 * Records the adapter calls a property's check makes, so that a failure can show the call it
 * comes down to (its inputs and output) rather than only the generated case.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import type { Tensor } from '../../src/tensor/tensor.js';
import type { OpCall } from '../../src/ops/registry.js';

/** A call with its output, and the API form the adapter named for it (spec: conformance.api-forms). */
export type RecordedCall = OpCall & { output?: Tensor; form?: string };

const storage = new AsyncLocalStorage<RecordedCall[]>();

/** Appends a call to the recording in progress, if any. */
export function recordCall(call: RecordedCall): void {
  storage.getStore()?.push(call);
}

/** Runs `body`, collecting the calls it makes into `calls` (also when it throws). */
export function withCallRecording<T>(calls: RecordedCall[], body: () => Promise<T>): Promise<T> {
  return storage.run(calls, body);
}
