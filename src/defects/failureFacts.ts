/**
 * What a failure is about, in the terms defect signatures are written in: the op and the window
 * geometry of the call the failure comes down to (its evidence, from the shrunk counterexample),
 * worked out with plain arithmetic so that invalid configurations have facts too, and what the
 * adapter did. spec: conformance.verdict
 */
import type { OpName } from '../ops/registry.js';
import { splitActivationShape, splitKernelShape, type KernelLayout, type Layout } from '../tensor/layout.js';
import type { ReportResult } from '../report/model/Report.js';

export interface AxisFacts {
  /** Input size. */
  n: number;
  /** Window size (undilated) and the effective window d·(k - 1) + 1. */
  k: number;
  effK: number;
  s: number;
  d: number;
  pb: number;
  pe: number;
  /** For same padding: the total (out - 1)·s + effK - n before any clamp at 0. */
  sameTotal?: number;
  /** For a transposed convolution (transposedAxes below): its output padding. */
  opad?: number;
  /**
   * For a transposed convolution: the output size the call asks for (formula, n·s or outputShape),
   * which is the input of the convolution it is the adjoint of. `n` is then the transposed
   * convolution's input, `pb` and `pe` its crops, and `sameTotal` the same-padding total of that
   * convolution, (ceil(out / s) - 1)·s + effK - out.
   */
  out?: number;
  /** For a transposed convolution: the total crop of its full output, output padding included, before any clamp (negative: elements appended). */
  crop?: number;
}

export interface FailureFacts {
  testId: string;
  kind: 'property' | 'fixture';
  op: OpName;
  /** Whether the call came from a layer record (shape inference or a parameter count). */
  layerRecord: boolean;
  poolKind?: 'max' | 'avg';
  rank: number;
  layout: Layout;
  paddingMode?: 'valid' | 'explicit' | 'same-upper' | 'same-lower';
  ceilMode: boolean;
  countIncludePad?: boolean;
  groups?: number;
  inChannels?: number;
  /** For a convolution: its batch (from the input). */
  batch?: number;
  /** Output channels of a convolution or transposed convolution, from its weight (all groups). */
  outChannels?: number;
  /** The number of bias elements, where the call adds a bias. */
  biasLength?: number;
  axes: AxisFacts[];
  inputHasNaN: boolean;
  /** The input holds both +Infinity and -Infinity: a sum over both is NaN. */
  inputHasBothInfinities: boolean;
  /** The input holds +Infinity or -Infinity: a product of one by zero is NaN. */
  inputHasInfinity: boolean;
  /** The smallest value of the input, NaN left out (-Infinity where it holds one); absent where the data is not known. */
  inputMinimum?: number;
  /** The adapter answered a tensor (else it threw or the call failed). */
  answered: boolean;
  expectedShape?: number[];
  actualShape?: number[];
  /** The API form the adapter used, where it says. */
  form?: string;
  /** For a rejection property: the kind of invalid parameter the case sends (src/spec/parameterRules.ts). */
  parameterKind?: string;
  message: string;
}

const perAxis = (value: unknown, rank: number, fallback: number): number[] =>
  Array.isArray(value)
    ? value.map(Number)
    : typeof value === 'number'
      ? new Array<number>(rank).fill(value)
      : new Array<number>(rank).fill(fallback);

/** The call's parameters and shapes, from the evidence or, for layer records, the counterexample. */
interface CallShape {
  op: FailureFacts['op'];
  layerRecord: boolean;
  params: Record<string, unknown>;
  inputShape: number[];
  weightShape?: number[];
  biasShape?: number[];
  kernelLayout?: KernelLayout;
  layout: Layout;
  inputHasNaN: boolean;
  inputHasBothInfinities: boolean;
  inputHasInfinity: boolean;
  inputMinimum?: number;
  answered: boolean;
  expectedShape?: number[];
  actualShape?: number[];
  form?: string;
  resolved?: { padBegin: number[]; padEnd: number[]; strides: number[]; dilations: number[]; kernel: number[] };
}

/**
 * A failure message saying the adapter answered where it should have refused: a tensor, a shape or
 * a count (properties/support/expectRejected.ts), or a malformed tensor (a shape of 5.5 or -1,
 * caught as an invalid answer or a protocol violation), which is still an answer.
 */
const ANSWERED_INSTEAD =
  /returned a tensor|answered a tensor|the adapter answered (the shape|the count)|invalid answer from|invalid message \(\/tensor\//;
const answeredInstead = (result: ReportResult): boolean => ANSWERED_INSTEAD.test(result.message ?? '');

/** The smallest of tensor data as the report holds it (numbers, and special values as strings), NaN left out. */
const minimumOf = (data: readonly unknown[]): number | undefined => {
  const values = data.map(Number).filter((value) => !Number.isNaN(value));
  return values.length === 0 ? undefined : values.reduce((a, b) => Math.min(a, b));
};

const LAYER_OPS: Record<string, FailureFacts['op']> = {
  conv: 'conv',
  'depthwise-conv': 'conv',
  'separable-conv': 'conv',
  'max-pool': 'pool',
  'avg-pool': 'pool',
  'global-max-pool': 'global-pool',
  'global-avg-pool': 'global-pool',
  dense: 'dense',
};

function callShape(result: ReportResult): CallShape | undefined {
  const evidence = result.evidence;
  if (evidence !== undefined) {
    const params = evidence.params;
    return {
      op: evidence.op,
      layerRecord: false,
      params,
      inputShape: evidence.input.shape,
      ...(evidence.weight === undefined ? {} : { weightShape: evidence.weight.shape }),
      ...(evidence.bias === undefined ? {} : { biasShape: evidence.bias.shape }),
      ...(evidence.kernelLayout === undefined ? {} : { kernelLayout: evidence.kernelLayout as KernelLayout }),
      layout: evidence.layout,
      inputHasNaN: evidence.input.data.some((value) => value === 'NaN'),
      inputHasBothInfinities: evidence.input.data.includes('Infinity') && evidence.input.data.includes('-Infinity'),
      inputHasInfinity: evidence.input.data.includes('Infinity') || evidence.input.data.includes('-Infinity'),
      ...(minimumOf(evidence.input.data) === undefined ? {} : { inputMinimum: minimumOf(evidence.input.data)! }),
      answered: evidence.actual !== undefined || answeredInstead(result),
      ...(evidence.expected === undefined ? {} : { expectedShape: evidence.expected.shape }),
      ...(evidence.actual === undefined ? {} : { actualShape: evidence.actual.shape }),
      ...((evidence as { form?: string }).form === undefined ? {} : { form: (evidence as { form?: string }).form }),
      ...(evidence.window === undefined ? {} : { resolved: evidence.window }),
    };
  }
  // Rejection properties: the counterexample is the call itself, { op, request }.
  const call = result.counterexample as
    | {
        op?: unknown;
        request?: {
          input?: { shape?: number[]; data?: unknown[] };
          weight?: { shape?: number[] };
          bias?: { shape?: number[] };
          params?: Record<string, unknown>;
        };
      }
    | undefined;
  if (
    (call?.op === 'conv' || call?.op === 'pool' || call?.op === 'pad' || call?.op === 'global-pool' || call?.op === 'conv-transpose') &&
    Array.isArray(call.request?.input?.shape) &&
    call.request.params !== undefined
  ) {
    const params = call.request.params;
    return {
      op: call.op,
      layerRecord: false,
      params,
      inputShape: call.request.input.shape,
      ...(Array.isArray(call.request.weight?.shape) ? { weightShape: call.request.weight.shape } : {}),
      ...(Array.isArray(call.request.bias?.shape) ? { biasShape: call.request.bias.shape } : {}),
      ...(typeof params.kernelLayout === 'string' ? { kernelLayout: params.kernelLayout as KernelLayout } : {}),
      layout: (params.layout as Layout | undefined) ?? 'channels-first',
      inputHasNaN: Array.isArray(call.request.input.data) && call.request.input.data.includes('NaN'),
      inputHasBothInfinities:
        Array.isArray(call.request.input.data) &&
        call.request.input.data.includes('Infinity') &&
        call.request.input.data.includes('-Infinity'),
      inputHasInfinity:
        Array.isArray(call.request.input.data) &&
        (call.request.input.data.includes('Infinity') || call.request.input.data.includes('-Infinity')),
      ...(Array.isArray(call.request.input.data) && minimumOf(call.request.input.data) !== undefined
        ? { inputMinimum: minimumOf(call.request.input.data)! }
        : {}),
      answered: answeredInstead(result),
    };
  }
  // Shape inference and parameter counts: the counterexample is { layer, inputShape, layout }.
  const example = result.counterexample as { layer?: Record<string, unknown>; inputShape?: number[]; layout?: Layout } | undefined;
  if (example?.layer === undefined || !Array.isArray(example.inputShape)) return undefined;
  const layered = layerCall(example.layer, example.inputShape, example.layout ?? 'channels-first');
  return layered === undefined ? undefined : { ...layered, answered: answeredInstead(result) };
}

/** A layer record (src/shape/LayerSpec.ts) on an input shape, as a call. */
function layerCall(layer: Record<string, unknown>, inputShape: number[], layout: Layout): CallShape | undefined {
  const op = LAYER_OPS[String(layer.type)];
  if (op === undefined) return undefined;
  const type = String(layer.type);
  return {
    op,
    layerRecord: true,
    params: {
      ...layer,
      ...(op === 'pool' ? { kind: type === 'max-pool' ? 'max' : 'avg' } : {}),
      ...(op === 'global-pool' ? { kind: type === 'global-max-pool' ? 'max' : 'avg' } : {}),
    },
    inputShape,
    layout,
    inputHasNaN: false,
    inputHasBothInfinities: false,
    inputHasInfinity: false,
    answered: false,
  };
}

/**
 * The facts of every call a failure may come down to: the evidence call, the case's other calls
 * (properties that compare the adapter with itself), and, for a stack of
 * layers (the counterexample of a receptive-field property), every layer on its input shape,
 * since a defect in any layer changes what the stack computes. `planShapes` gives each layer's
 * input shape (the planner under the adapter's convention).
 */
export function failureFactsAll(
  result: ReportResult,
  planShapes?: (model: { input: number[]; layout: Layout; layers: Record<string, unknown>[] }) => number[][],
): FailureFacts[] {
  const facts: FailureFacts[] = [];
  const main = failureFacts(result);
  if (main !== undefined) facts.push(main);
  // The case's other calls: where a property compares the adapter with itself, the call that
  // went wrong may be one of them, in a form of its own.
  for (const other of result.evidence?.otherCalls ?? []) {
    const params = other.params;
    const layout = (params.layout as Layout | undefined) ?? (result.evidence!.layout as Layout);
    facts.push(
      factsOf(result, {
        op: other.op,
        layerRecord: false,
        params,
        inputShape: other.inputShape,
        ...(other.weightShape === undefined ? {} : { weightShape: other.weightShape }),
        ...(other.biasShape === undefined ? {} : { biasShape: other.biasShape }),
        ...(typeof params.kernelLayout === 'string' ? { kernelLayout: params.kernelLayout as KernelLayout } : {}),
        layout,
        inputHasNaN: other.inputHasNaN,
        inputHasBothInfinities: other.inputHasBothInfinities ?? false,
        // the report keeps only whether another call's input holds both infinities
        inputHasInfinity: other.inputHasBothInfinities ?? false,
        answered: other.answered,
        ...(other.form === undefined ? {} : { form: other.form }),
      }),
    );
  }
  const stack = result.counterexample as { input?: number[]; layout?: Layout; layers?: Record<string, unknown>[] } | undefined;
  if (planShapes !== undefined && Array.isArray(stack?.input) && Array.isArray(stack.layers) && stack.layout !== undefined) {
    let shapes: number[][] = [];
    try {
      shapes = planShapes({ input: stack.input, layout: stack.layout, layers: stack.layers });
    } catch {
      shapes = [];
    }
    stack.layers.forEach((layer, index) => {
      const call = shapes[index] === undefined ? undefined : layerCall(layer, shapes[index]!, stack.layout!);
      if (call !== undefined) facts.push(factsOf(result, call));
    });
  }
  return facts;
}

/** Same padding named by the API form of a call: ONNX's auto_pad, TF.js's pad 'same' (same-upper). */
function formPadding(form: string | undefined): 'same-upper' | 'same-lower' | undefined {
  if (form === undefined) return undefined;
  if (/\bauto_pad=SAME_LOWER\b/.test(form)) return 'same-lower';
  if (/\bauto_pad=SAME_UPPER\b/.test(form) || /\bpad='same'/.test(form)) return 'same-upper';
  return undefined;
}

export function failureFacts(result: ReportResult): FailureFacts | undefined {
  const call = callShape(result);
  return call === undefined ? undefined : factsOf(result, call);
}

function factsOf(result: ReportResult, call: CallShape): FailureFacts {
  const { params, layout } = call;
  const parameterKind = (result.counterexample as { parameterKind?: unknown } | undefined)?.parameterKind;
  let spatial: number[];
  let inChannels: number | undefined;
  let batch: number | undefined;
  try {
    const dims = splitActivationShape(call.inputShape, layout);
    spatial = dims.spatial;
    inChannels = dims.channels;
    batch = dims.batch;
  } catch {
    spatial = call.inputShape.slice(2);
  }
  const rank = spatial.length;
  let kernel: number[];
  let outChannels: number | undefined;
  if (call.op === 'conv' && call.weightShape !== undefined) {
    const dims = splitKernelShape(
      call.weightShape,
      call.kernelLayout ?? (layout === 'channels-last' ? 'spatial-in-out' : 'out-in-spatial'),
    );
    kernel = dims.kernel;
    outChannels = dims.outChannels;
  } else if (call.op === 'conv-transpose' && call.weightShape !== undefined) {
    // [C, M/group, k...] (in-out-spatial) or [k..., M/group, C] (spatial-out-in)
    const kernelLayout = typeof params.kernelLayout === 'string' ? params.kernelLayout : undefined;
    const spatialOutIn = kernelLayout === 'spatial-out-in' || (kernelLayout === undefined && layout === 'channels-last');
    const perGroup = spatialOutIn ? call.weightShape[call.weightShape.length - 2] : call.weightShape[1];
    const groups = typeof params.groups === 'number' ? params.groups : 1;
    if (perGroup !== undefined) outChannels = perGroup * groups;
    kernel = perAxis(params.kernel, rank, 1);
  } else if (call.op === 'global-pool') {
    kernel = [...spatial];
  } else {
    kernel = perAxis(params.kernel, rank, 1);
  }
  const strides = call.resolved?.strides ?? perAxis(params.strides, rank, call.op === 'pool' ? Number.NaN : 1);
  const dilations = call.resolved?.dilations ?? perAxis(params.dilations, rank, 1);
  const padding = params.padding;
  const requested: FailureFacts['paddingMode'] =
    padding === 'same-upper' || padding === 'same-lower' || padding === 'valid'
      ? padding
      : padding !== undefined && typeof padding === 'object'
        ? 'explicit'
        : call.op === 'conv' || call.op === 'pool'
          ? 'valid'
          : undefined;
  // The call as the framework saw it: an adapter may express the requested pads as same padding
  // where that derives them (spec: conformance.api-forms), and a framework's same-padding defect
  // lives there.
  const paddingMode = formPadding(call.form) ?? requested;
  const explicit = paddingMode === 'explicit' ? (padding as { begin?: unknown; end?: unknown }) : undefined;
  const axes: AxisFacts[] = spatial.map((n, a) => {
    const k = kernel[a] ?? 1;
    const d = dilations[a] ?? 1;
    const s = Number.isNaN(strides[a]!) ? k : strides[a]!;
    const effK = d * (k - 1) + 1;
    const axis: AxisFacts = { n, k, effK, s, d, pb: 0, pe: 0 };
    if (explicit !== undefined) {
      axis.pb = perAxis(explicit.begin, rank, 0)[a]!;
      axis.pe = perAxis(explicit.end, rank, 0)[a]!;
    } else if (paddingMode === 'same-upper' || paddingMode === 'same-lower') {
      const total = (Math.ceil(n / s) - 1) * s + effK - n;
      axis.sameTotal = total;
      const clamped = Math.max(0, total);
      const small = Math.floor(clamped / 2);
      [axis.pb, axis.pe] = paddingMode === 'same-upper' ? [small, clamped - small] : [clamped - small, small];
    }
    if (call.resolved !== undefined) {
      axis.pb = call.resolved.padBegin[a] ?? axis.pb;
      axis.pe = call.resolved.padEnd[a] ?? axis.pe;
    }
    return axis;
  });
  return {
    testId: result.id,
    kind: result.kind,
    op: call.op,
    layerRecord: call.layerRecord,
    ...(params.kind === 'max' || params.kind === 'avg' ? { poolKind: params.kind } : {}),
    rank,
    layout,
    ...(paddingMode === undefined ? {} : { paddingMode }),
    ceilMode: params.ceilMode === true,
    ...(typeof params.countIncludePad === 'boolean' ? { countIncludePad: params.countIncludePad } : {}),
    ...(call.op === 'conv' || call.op === 'conv-transpose' ? { groups: typeof params.groups === 'number' ? params.groups : 1 } : {}),
    ...(inChannels === undefined ? {} : { inChannels }),
    ...(call.op === 'conv' && batch !== undefined ? { batch } : {}),
    ...(outChannels === undefined ? {} : { outChannels }),
    ...(call.biasShape === undefined ? {} : { biasLength: call.biasShape.reduce((a, b) => a * b, 1) }),
    // A transposed convolution's crops are of its output (the block at the end of this file).
    axes: call.op === 'conv-transpose' ? transposedAxes(call, spatial) : axes,
    inputHasNaN: call.inputHasNaN,
    inputHasBothInfinities: call.inputHasBothInfinities,
    inputHasInfinity: call.inputHasInfinity,
    ...(call.inputMinimum === undefined ? {} : { inputMinimum: call.inputMinimum }),
    answered: call.answered,
    ...(call.expectedShape === undefined ? {} : { expectedShape: call.expectedShape }),
    ...(call.actualShape === undefined ? {} : { actualShape: call.actualShape }),
    ...(call.form === undefined ? {} : { form: call.form }),
    ...(typeof parameterKind === 'string' ? { parameterKind } : {}),
    message: result.message ?? '',
  };
}

// ---------------------------------------------------------------------------------------------
// Transposed convolution (op 'conv-transpose'): its crops are of the full output, not pads of the
// input, so its axes are worked out here from the request alone (spec: conv-transpose.output-size,
// conv-transpose.output-shape, conv-transpose.same, conv-transpose.crop-split).

/**
 * Per axis, the window of a transposed convolution as the request gives it: kernel (from the
 * weight, in its kernel layout), stride, dilation, output padding, the output size asked for, the
 * total crop of the full output before any clamp, and the crops cnnspec splits it into.
 */
function transposedAxes(call: CallShape, spatial: number[]): AxisFacts[] {
  const { params } = call;
  const rank = spatial.length;
  const kernelLayout = typeof params.kernelLayout === 'string' ? params.kernelLayout : undefined;
  const spatialOutIn = kernelLayout === 'spatial-out-in' || (kernelLayout === undefined && call.layout === 'channels-last');
  const kernel =
    call.resolved?.kernel ??
    (call.weightShape === undefined
      ? new Array<number>(rank).fill(1)
      : spatialOutIn
        ? call.weightShape.slice(0, -2)
        : call.weightShape.slice(2));
  const strides = perAxis(params.strides, rank, 1);
  const dilations = perAxis(params.dilations, rank, 1);
  const outputPadding = perAxis(params.outputPadding, rank, 0);
  const requested = Array.isArray(params.outputShape) ? params.outputShape.map(Number) : undefined;
  const padding = params.padding;
  const explicit = padding !== null && typeof padding === 'object' ? (padding as { begin?: unknown; end?: unknown }) : undefined;
  return spatial.map((n, a) => {
    const k = kernel[a] ?? 1;
    const s = strides[a]!;
    const d = dilations[a]!;
    const opad = outputPadding[a]!;
    const effK = d * (k - 1) + 1;
    const full = (n - 1) * s + effK + opad;
    let pb = 0;
    let pe = 0;
    if (explicit !== undefined) {
      pb = perAxis(explicit.begin, rank, 0)[a]!;
      pe = perAxis(explicit.end, rank, 0)[a]!;
    } else if (requested !== undefined || padding === 'same-upper' || padding === 'same-lower') {
      const crop = full - (requested?.[a] ?? n * s);
      const half = Math.floor(crop / 2);
      pb = Math.max(0, padding === 'same-upper' ? half : crop - half);
      pe = crop - pb;
    }
    const out = full - pb - pe;
    // The convolution it is the adjoint of takes `out` as its input (TF.js's `outputShape`): with
    // same padding, that convolution's same total, before any clamp at 0.
    const sameTotal = padding === 'same-upper' || padding === 'same-lower' ? (Math.ceil(out / s) - 1) * s + effK - out : undefined;
    return { n, k, effK, s, d, pb, pe, opad, out, crop: pb + pe, ...(sameTotal === undefined ? {} : { sameTotal }) };
  });
}
