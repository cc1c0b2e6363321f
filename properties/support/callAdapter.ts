/**
 * Calls an adapter method and checks that what comes back is a tensor: a shape of
 * non-negative integers and a Float32Array of the shape's element count. Anything else is a
 * violation of the adapter contract, reported as such rather than crashing the property.
 * Per-axis parameters are sent as arrays, one entry per spatial axis.
 */
import type { Adapter, ConvRequest, DenseRequest, GlobalPoolRequest, PadRequest, PoolRequest } from '../../src/ops/Adapter.js';
import { answerForm } from '../../src/adapter/answerForm.js';
import { elementCount, type Tensor } from '../../src/tensor/tensor.js';
import { PropertyViolation } from '../PropertyDefinition.js';
import { recordCall, type RecordedCall } from './recordCalls.js';

function checkReturned(op: string, value: unknown): Tensor {
  const tensor = value as Partial<Tensor> | null | undefined;
  if (
    tensor === null ||
    typeof tensor !== 'object' ||
    !Array.isArray(tensor.shape) ||
    !tensor.shape.every((size) => Number.isInteger(size) && size >= 0)
  ) {
    throw new PropertyViolation(`adapter ${op} returned something that is not a tensor`, { returned: String(value) });
  }
  if (!(tensor.data instanceof Float32Array)) {
    throw new PropertyViolation(`adapter ${op} returned data that is not a Float32Array (dtype float32)`, { shape: tensor.shape });
  }
  if (tensor.data.length !== elementCount(tensor.shape)) {
    throw new PropertyViolation(`adapter ${op} returned ${tensor.data.length} elements for shape [${tensor.shape.join(', ')}]`, {
      shape: tensor.shape,
      length: tensor.data.length,
    });
  }
  return tensor as Tensor;
}

function method<K extends 'conv' | 'pool' | 'globalPool' | 'dense' | 'pad'>(adapter: Adapter, op: K): NonNullable<Adapter[K]> {
  const fn = adapter[op];
  if (typeof fn !== 'function') throw new PropertyViolation(`adapter ${adapter.name} does not implement ${op}`);
  return fn.bind(adapter) as NonNullable<Adapter[K]>;
}

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
 * Calls the adapter and records the call, with the API form the adapter named on its answer or
 * its error (spec: conformance.api-forms). The property gets the tensor alone.
 */
async function recorded<C extends RecordedCall>(call: C, invoke: (request: C['request']) => Promise<unknown>, name: string): Promise<Tensor> {
  let output: Tensor | undefined;
  let form: string | undefined;
  try {
    const answer = await invoke(call.request);
    form = answerForm(answer);
    const tensor = checkReturned(name, answer);
    output = { shape: tensor.shape, data: tensor.data };
    return output;
  } catch (error) {
    form ??= answerForm(error);
    throw error;
  } finally {
    recordCall({ ...call, ...(output === undefined ? {} : { output }), ...(form === undefined ? {} : { form }) });
  }
}

export const callConv = (adapter: Adapter, request: ConvRequest): Promise<Tensor> =>
  recorded(
    { op: 'conv', request: { ...request, params: normalizeWindowParams(request.params, spatialRank(request.input.shape)) } },
    (sent) => method(adapter, 'conv')(sent),
    'conv',
  );
export const callPool = (adapter: Adapter, request: PoolRequest): Promise<Tensor> =>
  recorded(
    { op: 'pool', request: { ...request, params: normalizeWindowParams(request.params, spatialRank(request.input.shape)) } },
    (sent) => method(adapter, 'pool')(sent),
    'pool',
  );
export const callGlobalPool = (adapter: Adapter, request: GlobalPoolRequest): Promise<Tensor> =>
  recorded({ op: 'global-pool', request }, (sent) => method(adapter, 'globalPool')(sent), 'globalPool');
export const callDense = (adapter: Adapter, request: DenseRequest): Promise<Tensor> =>
  recorded({ op: 'dense', request }, (sent) => method(adapter, 'dense')(sent), 'dense');
export const callPad = (adapter: Adapter, request: PadRequest): Promise<Tensor> =>
  recorded(
    { op: 'pad', request: { ...request, params: normalizeWindowParams(request.params, spatialRank(request.input.shape)) } },
    (sent) => method(adapter, 'pad')(sent),
    'pad',
  );
