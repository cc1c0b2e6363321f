/**
 * Calls an adapter's op and checks that what comes back is a tensor (the kit's one answer
 * validator, src/adapter/checkAdapterAnswer.ts). Per-axis parameters are sent as arrays, one
 * entry per spatial axis.
 */
import type { Adapter, ConvRequest, DenseRequest, GlobalPoolRequest, PadRequest, PoolRequest } from '../../src/ops/Adapter.js';
import { answerForm } from '../../src/adapter/answerForm.js';
import type { Tensor } from '../../src/tensor/tensor.js';
import { checkAdapterAnswer } from '../../src/adapter/checkAdapterAnswer.js';
import { OPS, type OpName, type OpRequests } from '../../src/ops/registry.js';
import { PropertyViolation } from '../PropertyDefinition.js';
import { recordCall, type RecordedCall } from './recordCalls.js';

/** Spatial rank of an activation shape. */
const spatialRank = (shape: readonly number[]): number => shape.length - 2;

/** Per-axis parameters as arrays: adapters never receive a single number for several axes. */
function perAxis(value: unknown, rank: number): unknown {
  return typeof value === 'number' ? new Array<number>(rank).fill(value) : value;
}

function normalizeWindowParams<P extends object>(params: P, rank: number): P {
  const record = { ...params } as Record<string, unknown>;
  for (const key of ['kernel', 'strides', 'dilations']) {
    if (key in record && record[key] !== undefined) record[key] = perAxis(record[key], rank);
  }
  const padding = record.padding as { begin?: unknown; end?: unknown } | string | undefined;
  if (padding !== undefined && typeof padding === 'object') {
    record.padding = { begin: perAxis(padding.begin, rank), end: perAxis(padding.end, rank) };
  }
  return record as P;
}

/**
 * Calls the adapter for one op call and records it, with the API form the adapter named on its
 * answer or its error (spec: conformance.api-forms). An answer that is not a tensor is an
 * AdapterFault, judged by the kit's one answer validator (spec: conformance.adapter). The
 * property gets the tensor alone.
 */
export async function callOp<K extends OpName>(adapter: Adapter, op: K, request: OpRequests[K]): Promise<Tensor> {
  const descriptor = OPS[op];
  const invoke = adapter[descriptor.method] as ((request: OpRequests[K]) => Promise<unknown>) | undefined;
  if (typeof invoke !== 'function') throw new PropertyViolation(`adapter ${adapter.name} does not implement ${descriptor.method}`);
  const sent = { ...request, params: normalizeWindowParams(request.params, spatialRank(request.input.shape)) };
  let output: Tensor | undefined;
  let form: string | undefined;
  try {
    const answer = await invoke.call(adapter, sent);
    form = answerForm(answer);
    checkAdapterAnswer(descriptor.method, answer);
    const tensor = answer as Tensor;
    output = { shape: tensor.shape, data: tensor.data };
    return output;
  } catch (error) {
    form ??= answerForm(error);
    throw error;
  } finally {
    recordCall({ op, request: sent, ...(output === undefined ? {} : { output }), ...(form === undefined ? {} : { form }) } as RecordedCall);
  }
}

export const callConv = (adapter: Adapter, request: ConvRequest): Promise<Tensor> => callOp(adapter, 'conv', request);
export const callPool = (adapter: Adapter, request: PoolRequest): Promise<Tensor> => callOp(adapter, 'pool', request);
export const callGlobalPool = (adapter: Adapter, request: GlobalPoolRequest): Promise<Tensor> => callOp(adapter, 'global-pool', request);
export const callDense = (adapter: Adapter, request: DenseRequest): Promise<Tensor> => callOp(adapter, 'dense', request);
export const callPad = (adapter: Adapter, request: PadRequest): Promise<Tensor> => callOp(adapter, 'pad', request);
