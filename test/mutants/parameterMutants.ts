/**
 * Implementations that mishandle the range of their parameters: the reference with one bug each,
 * of the kinds that show only on invalid parameters or at the edges of integer types. The
 * properties of error.parameter-range must reject every one at every seed.
 */
import type { Adapter, AdapterOp, ConvRequest, LayerRequest, PoolRequest } from '../../src/ops/Adapter.js';
import { referenceAdapter } from '../../src/adapter/referenceAdapter.js';
import { conv } from '../../src/ops/conv/conv.js';
import { joinKernelShape, splitKernelShape } from '../../src/tensor/layout.js';
import { planLayer } from '../../src/shape/planLayer.js';
import { pool } from '../../src/ops/pool/pool.js';
import { elementCount, makeTensor } from '../../src/tensor/tensor.js';
import { inRangeCall } from '../../properties/support/beyondLimit.js';
import type { Mutant } from './mutants.js';

const base = referenceAdapter('cnnspec');

/** A mutant and the adapter methods its bug is in: the properties that call them must find it. */
export interface ParameterMutant extends Mutant {
  changes: AdapterOp[];
}

function mutant(name: string, bug: string, expectClauses: string[], overrides: Partial<Pick<Adapter, AdapterOp>>): ParameterMutant {
  return { name, bug, expectClauses, adapter: { ...base, name, ...overrides }, changes: Object.keys(overrides) as AdapterOp[] };
}

/** Per-axis values with `change` applied; an omitted parameter stays omitted. */
const perAxis = (values: unknown, change: (value: number) => number): number[] | undefined =>
  Array.isArray(values) ? (values as number[]).map(change) : typeof values === 'number' ? [change(values)] : undefined;

function withStrides<R extends ConvRequest | PoolRequest>(request: R, change: (value: number) => number): R {
  const strides = perAxis(request.params.strides, change);
  return strides === undefined ? request : { ...request, params: { ...request.params, strides } };
}

function withDilations<R extends ConvRequest | PoolRequest>(request: R, change: (value: number) => number): R {
  const dilations = perAxis(request.params.dilations, change);
  return dilations === undefined ? request : { ...request, params: { ...request.params, dilations } };
}

/** Explicit pads below 0 read as 0, as an unsigned field clamped on the way in would. */
function clampPads<P extends { padding?: unknown }>(params: P): P {
  const padding = params.padding as { begin?: unknown; end?: unknown } | string | undefined;
  if (padding === undefined || typeof padding === 'string') return params;
  const clamp = (value: number): number => Math.max(0, value);
  return { ...params, padding: { begin: perAxis(padding.begin, clamp), end: perAxis(padding.end, clamp) } };
}

/** A stride kept in a signed 16-bit field: 2^15 becomes -32768, 2^16 becomes 0, 2^16 + 1 becomes 1. */
const int16 = (value: number): number => (value << 16) >> 16;

/** Every number of a record through float32, as shape arithmetic in float32 would see it. */
function float32Deep<T>(value: T): T {
  if (typeof value === 'number') return Math.fround(value) as T;
  if (Array.isArray(value)) return value.map(float32Deep) as T;
  if (value !== null && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([key, entry]) => [key, float32Deep(entry)])) as T;
  return value;
}

/** Convolution where a kernel axis of size 0 is an empty sum: the output is the bias (or 0). */
async function convWithEmptyKernels(request: ConvRequest) {
  const dims = splitKernelShape(request.weight.shape, request.params.kernelLayout ?? 'out-in-spatial');
  if (!dims.kernel.includes(0)) return conv(request.input, request.weight, request.bias, request.params);
  const shape = joinKernelShape(
    { ...dims, kernel: dims.kernel.map((k) => Math.max(1, k)) },
    request.params.kernelLayout ?? 'out-in-spatial',
  );
  return conv(request.input, makeTensor(shape), request.bias, request.params);
}

/** Pooling where a window of size 0 is run as a window of 1. */
async function poolWithEmptyWindows(request: PoolRequest) {
  const kernel = perAxis(request.params.kernel, (k) => (k === 0 ? 1 : k))!;
  return pool(request.input, { ...request.params, kernel });
}

/** The depthwise weights counted as a full convolution's: K · C_in · (C_in · m) instead of K · C_in · m. */
async function depthwiseAsFullCount(request: LayerRequest): Promise<number> {
  const count = await base.paramCount!(request);
  const { layer } = request;
  if (layer.type !== 'depthwise-conv' && layer.type !== 'separable-conv') return count;
  const plan = planLayer(layer, request.inputShape, { layout: request.layout, convention: 'cnnspec' });
  const depthwise = plan.weightShapes.find((weight) => weight.name === 'depthwise')!;
  const channels = request.layout === 'channels-first' ? request.inputShape[1]! : request.inputShape[request.inputShape.length - 1]!;
  return count + elementCount(depthwise.shape) * (channels - 1);
}

/** Every stride, dilation and kernel size as a 32-bit signed field holds it: 2^31 becomes -2^31, 2^32 becomes 0, 2^32 + 1 becomes 1. */
const int32 = (value: number): number => value | 0;

function wrapWindow<R extends ConvRequest | PoolRequest>(request: R): R {
  const params = request.params as Record<string, unknown>;
  const wrapped: Record<string, unknown> = { ...params };
  for (const key of ['strides', 'dilations', 'kernel']) if (key in params) wrapped[key] = perAxis(params[key], int32);
  return { ...request, params: wrapped } as R;
}

/** The reference, with a call beyond the limit replaced by its in-range twin: exact answers beyond 2^31 - 1 (or, without a twin, the reference's rejection). */
function exactBeyondLimit<R extends ConvRequest | PoolRequest>(op: 'conv' | 'pool', request: R): R {
  const call =
    op === 'conv' ? { op: 'conv' as const, request: request as ConvRequest } : { op: 'pool' as const, request: request as PoolRequest };
  return (inRangeCall(call, 'cnnspec')?.request ?? request) as R;
}

/**
 * Controls of the limits: the reference answering strides and one-tap dilations beyond 2^31 - 1
 * exactly passes the properties of error.limits, and the reference with 32-bit window fields
 * fails them at every seed.
 */
export const BEYOND_LIMIT_EXACT: Adapter = {
  ...base,
  name: 'exact-beyond-limit',
  conv: async (r) => base.conv!(exactBeyondLimit('conv', r)),
  pool: async (r) => base.pool!(exactBeyondLimit('pool', r)),
};

export const WINDOW_FIELDS_IN_INT32: ParameterMutant = mutant(
  'window-fields-in-int32',
  'strides, dilations and kernel sizes are stored in int32: 2^31 wraps to -2^31 (rejected), 2^32 to 0 (rejected), 2^32 + 1 to 1 (runs as 1)',
  ['error.limits'],
  {
    conv: async (r) => base.conv!(wrapWindow(r)),
    pool: async (r) => base.pool!(wrapWindow(r)),
  },
);

export const PARAMETER_MUTANTS: ParameterMutant[] = [
  mutant('stride-zero-as-one', 'a stride of 0 runs as a stride of 1 instead of being rejected', ['shape.stride', 'error.parameter-range'], {
    conv: async (r) => base.conv!(withStrides(r, (s) => (s === 0 ? 1 : s))),
    pool: async (r) => base.pool!(withStrides(r, (s) => (s === 0 ? 1 : s))),
  }),
  mutant(
    'strides-in-int16',
    'strides are stored in int16: 2^15 wraps to -32768 (rejected), 2^16 + 1 to 1 (runs as stride 1)',
    ['error.parameter-range'],
    {
      conv: async (r) => base.conv!(withStrides(r, int16)),
      pool: async (r) => base.pool!(withStrides(r, int16)),
    },
  ),
  mutant(
    'kernel-size-zero-accepted',
    'a kernel of size 0 (a weight with an empty spatial axis, a pooling window of 0) is accepted and computed',
    ['tensor.shape', 'pool.window', 'error.parameter-range'],
    {
      conv: convWithEmptyKernels,
      pool: poolWithEmptyWindows,
    },
  ),
  mutant(
    'dilation-zero-accepted',
    'a dilation of 0 runs as a dilation of 1 instead of being rejected',
    ['shape.dilation', 'error.parameter-range'],
    {
      conv: async (r) => base.conv!(withDilations(r, (d) => (d === 0 ? 1 : d))),
      pool: async (r) => base.pool!(withDilations(r, (d) => (d === 0 ? 1 : d))),
    },
  ),
  mutant(
    'negative-pad-as-zero',
    'a negative explicit pad is read as 0 instead of being rejected',
    ['padding.explicit', 'error.parameter-range'],
    {
      conv: async (r) => base.conv!({ ...r, params: clampPads(r.params) }),
      pool: async (r) => base.pool!({ ...r, params: clampPads(r.params) }),
      pad: async (r) => base.pad!({ ...r, params: clampPads(r.params) }),
    },
  ),
  mutant(
    'float32-shape-inference',
    'shape inference computes in float32: sizes above 2^24 lose their low bits (2^24 + 1 becomes 2^24, 2^31 - 1 becomes 2^31)',
    ['error.parameter-range'],
    {
      outputShape: async (r) => float32Deep(await base.outputShape!(float32Deep(r))),
    },
  ),
  mutant(
    'depthwise-count-full-kernel',
    'the parameter count of a depthwise layer counts a full kernel per filter (K · C_in · C_in · m weights)',
    ['params.depthwise', 'params.separable'],
    {
      paramCount: depthwiseAsFullCount,
    },
  ),
];
