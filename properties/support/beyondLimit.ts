/**
 * What an answer to a call or layer with a value beyond 2^31 - 1 must be (spec: error.limits,
 * error.parameter-range). The limit bounds what the reference computes, not what is valid: an
 * implementation MAY reject such a value, and where it answers, the answer MUST be exact. The
 * reference cannot compute these cases itself, so each is reduced to an in-range case with the
 * same answer:
 *
 * - a stride beyond the limit leaves at most one window starting inside the padded input, as
 *   the stride s' = max(n + pb + pe, effK) + 1 does (test/beyondLimit.test.ts checks in the
 *   reference that s', s' + 1, s' + 7 and strides up to 2^31 - 1 give the same answer, for every
 *   padding mode, ceil mode and convention);
 * - a dilation beyond the limit on a window of one tap changes nothing: dilation 1;
 * - a kernel beyond the limit, or such a dilation on a window of two taps or more, makes a
 *   window longer than any input of at most 2^31 - 1 elements: there is no in-range twin, and
 *   the case is judged as a window that overshoots the padded input (the generators keep only
 *   cases whose exact output size is below 0 under every rounding);
 * - a layer input beyond the limit: along a spatial axis, n and n - j·s give output sizes j
 *   apart; a batch, channel or feature axis passes to the output as itself or not at all.
 */
import type { ConvRequest, LayerRequest } from '../../src/ops/Adapter.js';
import { resolveConvention, type ConventionSpec, type Layout } from '../../src/spec/conventions.js';
import { evaluateFormula } from '../../src/spec/formulas.js';
import type { LayerSpec } from '../../src/shape/LayerSpec.js';
import { defaultKernelLayout, splitActivationShape, splitKernelShape, type KernelLayout } from '../../src/tensor/layout.js';
import { MAX_DIMENSION } from '../../src/spec/paramChecks.js';
import { inputAxisOf, inputAxisRole } from '../arbitraries/parameterKindOf.js';
import type { OpCall } from '../../src/ops/registry.js';

/** One spatial axis of a window: input size, kernel, stride, dilation and the explicit pads (0 for a padding mode). */
export interface AxisWindow {
  n: number;
  k: number;
  s: number;
  d: number;
  pb: number;
  pe: number;
}

/**
 * A stride that places the windows as any stride of at least itself does: one window starts at
 * -pb, and the next (where rounding or ceil mode asks for one) starts past the padded input.
 * It exceeds |n + pb + pe - effK|, so that every rounding of (n + pb + pe - effK) / s is the same
 * for it as for a larger stride, and n, so that same padding derives the same pads (one output).
 */
export function equivalentStride(axis: AxisWindow): number {
  const effK = evaluateFormula('effective-kernel', { k: axis.k, d: axis.d });
  return Math.max(axis.n + axis.pb + axis.pe, effK, axis.n) + 1;
}

const perAxis = (value: unknown, rank: number, fallback: number): number[] =>
  Array.isArray(value) ? (value as number[]) : new Array<number>(rank).fill(typeof value === 'number' ? value : fallback);

/** The explicit pads of a padding, or zeros for a padding mode. */
function padsOf(padding: unknown, rank: number): { begin: number[]; end: number[] } {
  if (padding === undefined || typeof padding === 'string')
    return { begin: new Array<number>(rank).fill(0), end: new Array<number>(rank).fill(0) };
  const { begin, end } = padding as { begin: unknown; end: unknown };
  return { begin: perAxis(begin, rank, 0), end: perAxis(end, rank, 0) };
}

/** The windows of a conv or pool call, axis by axis. */
export function callWindows(call: Extract<OpCall, { op: 'conv' | 'pool' }>, convention: ConventionSpec): AxisWindow[] {
  const layout: Layout = (call.request.params.layout as Layout | undefined) ?? resolveConvention(convention).layout;
  const spatial = splitActivationShape(call.request.input.shape, layout).spatial;
  const rank = spatial.length;
  const params = call.request.params as {
    strides?: unknown;
    dilations?: unknown;
    padding?: unknown;
    kernel?: unknown;
    kernelLayout?: KernelLayout;
  };
  const kernel =
    call.op === 'conv'
      ? splitKernelShape((call.request as ConvRequest).weight.shape, params.kernelLayout ?? defaultKernelLayout(layout)).kernel
      : perAxis(params.kernel, rank, 1);
  const strides = perAxis(params.strides, rank, call.op === 'pool' ? Number.NaN : 1);
  const dilations = perAxis(params.dilations, rank, 1);
  const pads = padsOf(params.padding, rank);
  return spatial.map((n, axis) => ({
    n,
    k: kernel[axis]!,
    s: strides[axis]!,
    d: dilations[axis]!,
    pb: pads.begin[axis]!,
    pe: pads.end[axis]!,
  }));
}

const setAxis = (values: readonly number[], axis: number, value: number): number[] => values.map((v, a) => (a === axis ? value : v));

/**
 * The in-range call with the same answer as a conv or pool call with strides or dilations beyond
 * the limit, or `undefined` when a kernel or dilated window beyond the limit leaves none (a window
 * longer than any input). `limit` is 2^31 - 1 but for tests.
 */
export function inRangeCall(
  call: Extract<OpCall, { op: 'conv' | 'pool' }>,
  convention: ConventionSpec,
  limit = MAX_DIMENSION,
): Extract<OpCall, { op: 'conv' | 'pool' }> | undefined {
  const windows = callWindows(call, convention);
  let dilations = windows.map((w) => w.d);
  for (const [axis, w] of windows.entries()) {
    if (w.k > limit || (w.d > limit && w.k > 1)) return undefined;
    if (w.d > limit) dilations = setAxis(dilations, axis, 1);
  }
  const strides = windows.map((w, axis) => (w.s > limit ? equivalentStride({ ...w, d: dilations[axis]! }) : w.s));
  const changes = {
    ...(windows.some((w) => w.s > limit) ? { strides } : {}),
    ...(windows.some((w) => w.d > limit) ? { dilations } : {}),
  };
  if (call.op === 'conv') return { op: 'conv', request: { ...call.request, params: { ...call.request.params, ...changes } } };
  return { op: 'pool', request: { ...call.request, params: { ...call.request.params, ...changes } } };
}

/**
 * Whether the output size along an axis is below 0 under every rounding (floor, truncation, ceil
 * mode): the window overshoots the padded input by more than a stride. Exact for the sizes the
 * generators draw (every term below 2^53).
 */
export function overshootsEveryRounding(w: AxisWindow): boolean {
  const effK = w.d * (w.k - 1) + 1;
  return Math.ceil((w.n + w.pb + w.pe - effK) / w.s) + 1 < 0;
}

/** Whether a call beyond the limit can be judged: an in-range twin, or a window that overshoots under every rounding. */
export function judgeableBeyondLimit(call: Extract<OpCall, { op: 'conv' | 'pool' }>, convention: ConventionSpec): boolean {
  const twin = inRangeCall(call, convention);
  if (twin !== undefined) return callWindows(twin, convention).every((w) => !(w.s > MAX_DIMENSION) && !(w.d > MAX_DIMENSION));
  return callWindows(call, convention).some((w) => (w.k > MAX_DIMENSION || (w.d > MAX_DIMENSION && w.k > 1)) && overshootsEveryRounding(w));
}

/** A layer on an input, as sent to shape inference and parameter counting. */
export type LayerCall = Pick<LayerRequest, 'layer' | 'inputShape'> & { layout: Layout };

type WindowLayer = Extract<LayerSpec, { kernel: unknown }>;

const isWindowLayer = (layer: LayerSpec): layer is WindowLayer => 'kernel' in layer && layer.kernel !== undefined;

/** The windows of a window layer, axis by axis. */
export function layerWindows(c: LayerCall): AxisWindow[] {
  if (!isWindowLayer(c.layer)) return [];
  const spatial = splitActivationShape(c.inputShape, c.layout).spatial;
  const rank = spatial.length;
  const kernel = perAxis(c.layer.kernel, rank, 1);
  const strides = perAxis(c.layer.strides, rank, Number.NaN);
  const dilations = perAxis(c.layer.dilations, rank, 1);
  const pads = padsOf(c.layer.padding, rank);
  return spatial.map((n, axis) => ({
    n,
    k: kernel[axis]!,
    s: strides[axis]!,
    d: dilations[axis]!,
    pb: pads.begin[axis]!,
    pe: pads.end[axis]!,
  }));
}

/**
 * How a layer beyond the limit is judged: through an in-range twin whose output shape, patched,
 * is the layer's (`twin`); as a window longer than any input (`overshoot`); or as a group count
 * that does not divide the channels (`groups`).
 */
export type LayerReduction =
  | { kind: 'twin'; twin: LayerCall; patch: (shape: readonly number[]) => number[] }
  | { kind: 'overshoot' }
  | { kind: 'groups' };

/** The windows of a window layer, with the strides it takes when they are left out. */
export function resolvedLayerWindows(c: LayerCall, convention: ConventionSpec): AxisWindow[] {
  return layerWindows(c).map((w) => ({ ...w, s: Number.isNaN(w.s) ? defaultStride(c.layer, w.k, convention) : w.s }));
}

/** The stride a layer takes when its strides are left out: 1 for convolution, the convention's for pooling. */
function defaultStride(layer: LayerSpec, kernel: number, convention: ConventionSpec): number {
  if (layer.type !== 'max-pool' && layer.type !== 'avg-pool') return 1;
  return resolveConvention(convention).poolDefaultStride === 'one' ? 1 : kernel;
}

/** The spatial axis index (among the spatial axes) of an input axis. */
function spatialIndex(layout: Layout, axis: number): number {
  return layout === 'channels-first' ? axis - 2 : axis - 1;
}

/** The output axis an input's channel axis lands on (channels-first: 1, channels-last: last). */
const channelAxisOf = (layout: Layout, rank: number): number => (layout === 'channels-first' ? 1 : rank - 1);

/**
 * Reduces a layer with one value beyond the limit (a window parameter or an input size) to an
 * in-range twin for its output shape. Strides a pooling layer leaves out are the convention's
 * default. `limit` is 2^31 - 1 but for tests, which check the reductions against the reference
 * on values below it.
 */
export function reduceLayer(c: LayerCall & { parameter: string }, convention: ConventionSpec, limit = MAX_DIMENSION): LayerReduction {
  const identity = (shape: readonly number[]): number[] => [...shape];
  const { layer, inputShape, layout } = c;
  const windows = resolvedLayerWindows(c, convention);
  if (!c.parameter.startsWith('inputShape')) {
    if (!isWindowLayer(layer)) throw new Error(`no window to reduce in a ${layer.type} layer (${c.parameter})`);
    let dilations = windows.map((w) => w.d);
    for (const [axis, w] of windows.entries()) {
      if (w.k > limit || (w.d > limit && w.k > 1)) return { kind: 'overshoot' };
      if (w.d > limit) dilations = setAxis(dilations, axis, 1);
    }
    const strides = windows.map((w, axis) => (w.s > limit ? equivalentStride({ ...w, d: dilations[axis]! }) : w.s));
    const twin = {
      ...layer,
      ...(layer.strides === undefined ? {} : { strides }),
      ...(layer.dilations === undefined ? {} : { dilations }),
    } as LayerSpec;
    return { kind: 'twin', twin: { layer: twin, inputShape: [...inputShape], layout }, patch: identity };
  }
  const axis = inputAxisOf(c.parameter);
  const n = inputShape[axis]!;
  const role = inputAxisRole(layer, inputShape.length, layout, axis);
  const withSize = (size: number): number[] => inputShape.map((v, a) => (a === axis ? size : v));
  switch (role) {
    case 'batch':
      // The batch (and a dense layer's leading axes) pass to the output unchanged.
      return {
        kind: 'twin',
        twin: { layer, inputShape: withSize(1), layout },
        patch: (shape) => shape.map((v, a) => (a === axis ? n : v)),
      };
    case 'features':
      // A dense layer's output has `units` features whatever its input has; flatten is not drawn.
      return { kind: 'twin', twin: { layer, inputShape: withSize(1), layout }, patch: identity };
    case 'channels': {
      const rank = inputShape.length;
      const out = channelAxisOf(layout, rank);
      if (layer.type === 'conv') {
        const groups = layer.groups ?? 1;
        if (n % groups !== 0) return { kind: 'groups' };
        return { kind: 'twin', twin: { layer, inputShape: withSize(groups), layout }, patch: identity };
      }
      if (layer.type === 'depthwise-conv') {
        const dm = layer.depthMultiplier ?? 1;
        return {
          kind: 'twin',
          twin: { layer, inputShape: withSize(1), layout },
          patch: (shape) => shape.map((v, a) => (a === out ? n * dm : v)),
        };
      }
      if (layer.type === 'separable-conv') return { kind: 'twin', twin: { layer, inputShape: withSize(1), layout }, patch: identity };
      // pooling keeps its channels
      return { kind: 'twin', twin: { layer, inputShape: withSize(1), layout }, patch: (shape) => shape.map((v, a) => (a === out ? n : v)) };
    }
    case 'spatial': {
      if (!isWindowLayer(layer)) throw new Error(`a ${layer.type} layer has no spatial axis to reduce`);
      const w = windows[spatialIndex(layout, axis)]!;
      const s = w.s;
      const effK = w.d * (w.k - 1) + 1;
      // n and n - j·s give output sizes j apart once the window fits: keep n' in [effK + s, effK + 2s).
      const j = Math.floor((n - effK - s) / s);
      const twinSize = n - j * s;
      return {
        kind: 'twin',
        twin: { layer, inputShape: withSize(twinSize), layout },
        patch: (shape) => shape.map((v, a) => (a === axis ? v + j : v)),
      };
    }
  }
}
