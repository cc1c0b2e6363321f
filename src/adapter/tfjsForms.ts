/**
 * The API forms of TensorFlow.js (tfjs-core 4.x) for each request, and the one a call takes
 * (spec: conformance.api-forms). A form is the TF.js function called and its arguments: how the
 * pads are written (explicit `[[0, 0], [t, b], [l, r], [0, 0]]`, one number when they are all
 * equal, `'same'` or `'valid'` where they give the same pads), whether a default is passed or left
 * out, a single number for equal per-axis values, the 1-D, 2-D, 3-D, generic or fused entry point,
 * and NCHW data read natively or transposed to NHWC. Every form offered means the request exactly
 * by TF.js's documentation; which one a call takes is picked from a digest of the request.
 *
 * Each planner is pure: it reads a request and returns the call to make, or throws
 * UnsupportedCase for a request TF.js cannot express. The adapter makes the call.
 *
 * @see spec:convention.tfjs
 */
import type { FillMode } from '../ops/window/fillCoordinate.js';
import { defaultKernelLayout, joinKernelShape, splitKernelShape, type KernelLayout, type Layout } from '../tensor/layout.js';
import type { Padding } from '../ops/window/planWindow.js';
import { samePads } from '../shape/samePads.js';
import {
  UnsupportedCase,
  type ConvRequest,
  type DenseRequest,
  type GlobalPoolRequest,
  type PadRequest,
  type PoolRequest,
} from '../ops/Adapter.js';
import type { ConvTransposeRequest } from '../ops/conv-transpose/convTransposeOp.js';
import { pickerFor, type FormChoice, type FormOption } from './formPicker.js';
import { requestDigest } from './requestDigest.js';

export type TfjsBackend = 'cpu' | 'wasm' | 'webgl' | 'webgpu';

/**
 * The backends whose Conv2D kernel reads NCHW itself, so that `tf.conv2d(..., 'NCHW')` is a form of
 * a channels-first request: cpu, and the WebGL and WebGPU kernels, whose programs index by
 * `convInfo.dataFormat` (conv_gpu.js, Conv2D_impl.js; in Chromium with SwiftShader, 32 random 2-D
 * convolutions per backend, with strides, dilations and valid, same and explicit pads, gave
 * bitwise the NHWC call's results). The fused and depthwise ops take NHWC only (their
 * documentation), and wasm's Conv2D throws for channelsFirst.
 */
const NCHW_CONV2D: readonly TfjsBackend[] = ['cpu', 'webgl', 'webgpu'];

/** TF.js explicit padding: one [before, after] pair per axis of a 4-D tensor. */
export type TfExplicitPadding = [[number, number], [number, number], [number, number], [number, number]];
export type TfPad = 'valid' | 'same' | number | TfExplicitPadding;

/** One argument of a TF.js call after its tensor operands; `omitted` leaves it to TF.js's default. */
export interface TfjsArg {
  name: string;
  value: unknown;
  omitted: boolean;
  /** The value as the form's text shows it. */
  text: string;
}

/** A call of a TF.js function, and how it reads in a report. */
export interface TfjsCall {
  /** The function: `conv2d` is `tf.conv2d`, `fused.conv2d` is `tf.fused.conv2d`. */
  fn: string;
  /** Arguments after the tensor operands, in order; `named` calls take them as one object. */
  args: TfjsArg[];
  named: boolean;
  form: string;
}

export interface TfjsConvCall extends TfjsCall {
  fn: 'conv1d' | 'conv2d' | 'depthwiseConv2d' | 'conv3d' | 'fused.conv2d' | 'fused.depthwiseConv2d';
  /** Channels-first data transposed to channels-last before the call, and the output back. */
  transposed: boolean;
  /** The shape the (transposed) input is given in: a 1-D input through a 2-D op has a height of 1. */
  inputShape: number[];
  /** The filter's shape: HWIO, `[1, k, in, out]` for 1-D through 2-D, `[k..., C, m]` for depthwise. */
  filterShape: number[];
  /** The axis of the output that a 1-D input through a 2-D op drops again (the height). */
  dropAxis?: number;
  /** The op reads NCHW itself: a bias is added as `[C, 1, 1]`. */
  nchw: boolean;
  /** The bias is an argument of the fused op rather than added to its output. */
  fusedBias: boolean;
}

export interface TfjsConvTransposeCall extends TfjsCall {
  fn: 'conv2dTranspose' | 'conv3dTranspose';
  /** Channels-first data transposed to channels-last before the call, and the output back. */
  transposed: boolean;
  /** The shape x is given in: channels-last, a 1-D input with a height of 1, without the batch axis in the unbatched form. */
  inputShape: number[];
  /** The filter's shape `[k..., out, in]`: `[1, k, out, in]` for 1-D through 2-D. */
  filterShape: number[];
  /** The call's output has no batch axis (the unbatched form): the adapter gives it back one of size 1. */
  unbatched: boolean;
  /** The axis of the (batched) output that a 1-D input through a 2-D op drops again (the height). */
  dropAxis?: number;
}

export interface TfjsPoolCall extends TfjsCall {
  fn: 'maxPool' | 'avgPool' | 'pool' | 'maxPool3d' | 'avgPool3d';
  transposed: boolean;
  inputShape: number[];
  dropAxis?: number;
}

export interface TfjsGlobalPoolCall extends TfjsCall {
  fn: 'max' | 'mean';
}

export interface TfjsDenseCall extends TfjsCall {
  fn: 'matMul' | 'dot' | 'fused.matMul';
  /** The weight transposed to `[in, out]` before the call (an out-in weight whose form has no transpose flag). */
  transposeWeight: boolean;
  fusedBias: boolean;
}

export interface TfjsPadCall extends TfjsCall {
  fn: 'pad' | 'pad3d' | 'pad4d';
}

/** A per-axis parameter as an array of `rank` numbers; undefined stays undefined. */
export function perAxis(value: number | readonly number[] | undefined, rank: number): number[] | undefined {
  if (value === undefined) return undefined;
  return typeof value === 'number' ? new Array<number>(rank).fill(value) : [...value];
}

export function spatialRank(shape: readonly number[]): number {
  const rank = shape.length - 2;
  if (rank < 1 || rank > 3) throw new Error(`tfjsAdapter: an activation must have rank 3 to 5, got shape [${shape.join(', ')}]`);
  return rank;
}

function channelsOf(shape: readonly number[], layout: Layout): number {
  return layout === 'channels-first' ? shape[1]! : shape[shape.length - 1]!;
}

function spatialSizes(shape: readonly number[], layout: Layout): number[] {
  return layout === 'channels-first' ? shape.slice(2) : shape.slice(1, -1);
}

function explicitPads(padding: Exclude<Padding, string>, rank: number): { begin: number[]; end: number[] } {
  return { begin: perAxis(padding.begin, rank)!, end: perAxis(padding.end, rank)! };
}

/**
 * TF.js explicit padding for a 4-D tensor from pads along the spatial axes of a 1-D or 2-D op
 * (1-D ops run as 2-D ops with a height of 1, so their pads go to the width).
 */
function explicit4d(begin: readonly number[], end: readonly number[], format: 'NHWC' | 'NCHW'): TfExplicitPadding {
  const [bh, bw] = begin.length === 1 ? [0, begin[0]!] : [begin[0]!, begin[1]!];
  const [eh, ew] = end.length === 1 ? [0, end[0]!] : [end[0]!, end[1]!];
  return format === 'NHWC'
    ? [
        [0, 0],
        [bh, eh],
        [bw, ew],
        [0, 0],
      ]
    : [
        [0, 0],
        [0, 0],
        [bh, eh],
        [bw, ew],
      ];
}

function checkAutoPadding(padding: string): 'valid' | 'same' {
  if (padding === 'valid') return 'valid';
  if (padding === 'same-upper') return 'same';
  throw new UnsupportedCase(`TF.js has no padding ${JSON.stringify(padding)} (its 'same' puts the odd pixel at the end)`);
}

function checkZeroFill(fill: FillMode | undefined): void {
  if (fill !== undefined && fill !== 'zeros') {
    throw new UnsupportedCase(`the tfjs adapter pads with zeros only (fill ${JSON.stringify(fill)})`);
  }
}

/** `[d1, ..., dr]` → `[1, d]` for 1-D ops run as 2-D ops; 2-D and 3-D values unchanged. */
function asTwoD(values: number[], rank: number): number[] {
  return rank === 1 ? [1, values[0]!] : values;
}

const isCount = (value: unknown, least: number): boolean => typeof value === 'number' && Number.isInteger(value) && value >= least;
const counts = (values: readonly unknown[] | undefined, rank: number, least: number): boolean =>
  values !== undefined && values.length === rank && values.every((value) => isCount(value, least));
const allEqual = (values: readonly number[]): boolean => values.every((value) => value === values[0]);

/** The geometry of a window op along its spatial axes, as far as the forms depend on it. */
interface Window {
  sizes: number[];
  kernel: number[];
  strides: number[];
  dilations: number[];
}

/**
 * Whether a request is one whose every form means the same: positive integer sizes, windows and
 * strides, non-negative integer pads, and a window that fits in the padded input on every axis.
 * Where a window is longer than the input TF.js sizes the output differently for `'valid'` and
 * for numeric pads (`ceil((n - k + 1) / s)` against `trunc((n - k) / s + 1)`, conv_util.ts), and
 * an invalid request is better rejected in the one form it always took.
 */
function regularWindow(window: Window, rank: number, pads: { begin: number[]; end: number[] } | undefined): boolean {
  if (
    !counts(window.sizes, rank, 1) ||
    !counts(window.kernel, rank, 1) ||
    !counts(window.strides, rank, 1) ||
    !counts(window.dilations, rank, 1)
  )
    return false;
  if (pads === undefined) return true;
  if (!counts(pads.begin, rank, 0) || !counts(pads.end, rank, 0)) return false;
  return window.sizes.every(
    (n, axis) => n + pads.begin[axis]! + pads.end[axis]! >= window.dilations[axis]! * (window.kernel[axis]! - 1) + 1,
  );
}

/** Whether explicit pads are the same-upper pads of the window, as TF.js's `'same'` computes them. */
function equalsSameUpper(window: Window, pads: { begin: number[]; end: number[] }): boolean {
  return window.sizes.every((n, axis) => {
    const same = samePads(n, window.kernel[axis]!, window.strides[axis]!, window.dilations[axis]!, 'same-upper');
    return same.begin === pads.begin[axis] && same.end === pads.end[axis];
  });
}

const list = (values: readonly number[]): string => `[${values.join(', ')}]`;

function padText(pad: TfPad): string {
  if (typeof pad === 'string') return `'${pad}'`;
  if (typeof pad === 'number') return `${pad} (number)`;
  return `[${pad.map((pair) => list(pair)).join(', ')}]`;
}

const given = <T>(value: T, text: string): FormOption<T> => ({ value, text });
const omitted: FormOption<undefined> = { value: undefined, text: 'omitted' };

/** A per-axis value as an array, or as one number where every axis has the same. */
function perAxisOptions(values: number[]): FormOption<number | number[]>[] {
  const options: FormOption<number | number[]>[] = [{ value: values, text: list(values) }];
  if (allEqual(values)) options.push({ value: values[0]!, text: String(values[0]) });
  return options;
}

/** Dilations as an array, one number, or left out where they are all 1 (TF.js's default). */
function dilationOptions(values: number[]): FormOption<number | number[] | undefined>[] {
  const options: FormOption<number | number[] | undefined>[] = perAxisOptions(values);
  if (values.every((value) => value === 1)) options.push(omitted);
  return options;
}

/**
 * The pads of a 2-D TF.js op (a 1-D request has a height of 1 and no pads along it): the
 * explicit pairs, one number where every side of every axis has the same pad (a 1-D request
 * through a 2-D op only for 0: a number pads the height too), `'valid'` for zero pads and
 * `'same'` for the same-upper pads, both only without a rounding mode (TF.js takes a rounding
 * mode with numeric pads only). The first option is the form the adapter always used.
 */
function pads2dOptions(
  padding: Padding,
  rank: number,
  window: Window,
  ceil: boolean,
  regular: boolean,
  format: 'NHWC' | 'NCHW',
): FormOption<TfPad>[] {
  const zeros = new Array<number>(rank).fill(0);
  if (typeof padding === 'string') {
    const auto = checkAutoPadding(padding);
    if (auto === 'same') return [{ value: 'same', text: padText('same') }];
    const explicit = explicit4d(zeros, zeros, format);
    if (ceil)
      return [
        { value: explicit, text: padText(explicit) },
        { value: 0, text: padText(0) },
      ];
    const options: FormOption<TfPad>[] = [{ value: 'valid', text: padText('valid') }];
    if (regular) options.push({ value: explicit, text: padText(explicit) }, { value: 0, text: padText(0) });
    return options;
  }
  const { begin, end } = explicitPads(padding, rank);
  const explicit = explicit4d(begin, end, format);
  const options: FormOption<TfPad>[] = [{ value: explicit, text: padText(explicit) }];
  if (!regular) return options;
  const every = rank === 1 ? [0, 0, ...begin, ...end] : [...begin, ...end];
  if (allEqual(every)) options.push({ value: every[0]!, text: padText(every[0]!) });
  if (!ceil && every.every((pad) => pad === 0)) options.push({ value: 'valid', text: padText('valid') });
  if (!ceil && equalsSameUpper(window, { begin, end })) options.push({ value: 'same', text: padText('same') });
  return options;
}

/** A call as a report shows it: the function, its arguments given or omitted, and what was done to the data. */
function describeCall(fn: string, operands: string, args: readonly TfjsArg[], notes: readonly string[]): string {
  const shown = args.map((arg) => (arg.omitted ? `${arg.name} omitted` : `${arg.name}=${arg.text}`));
  const call = `tf.${fn}(${[operands, ...shown].join(', ')})`;
  return notes.length === 0 ? call : `${call}; ${notes.join('; ')}`;
}

function arg<T>(name: string, option: FormOption<T>): TfjsArg {
  return { name, value: option.value, omitted: option.value === undefined, text: option.text };
}

export function tfjsConvCall(request: ConvRequest, backend: TfjsBackend, choice: FormChoice = 'spread'): TfjsConvCall {
  const { input, weight, bias, params } = request;
  const rank = spatialRank(input.shape);
  const layout: Layout = params.layout ?? 'channels-last';
  const kernelLayout: KernelLayout = params.kernelLayout ?? defaultKernelLayout(layout);
  checkZeroFill(params.fill);
  const groups = params.groups ?? 1;
  const channels = channelsOf(input.shape, layout);
  const depthwise = groups > 1 && groups === channels;
  if (groups > 1 && !depthwise) {
    throw new UnsupportedCase(`TF.js has no grouped convolution (groups ${groups} of ${channels} channels; only depthwise)`);
  }
  if (depthwise && rank === 3) throw new UnsupportedCase('TF.js has no 3-D depthwise convolution');
  const strides = perAxis(params.strides, rank) ?? new Array<number>(rank).fill(1);
  const dilations = perAxis(params.dilations, rank) ?? new Array<number>(rank).fill(1);
  const padding = params.padding ?? 'valid';
  // Filters as TF.js wants them: HWIO, or [k..., C, multiplier] for depthwise.
  const hwio = joinKernelShape(splitKernelShape(weight.shape, kernelLayout), 'spatial-in-out');
  const kernel = hwio.slice(0, rank);
  const outChannels = hwio[rank + 1]!;
  const window: Window = { sizes: spatialSizes(input.shape, layout), kernel, strides, dilations };
  const pads =
    typeof padding === 'object'
      ? explicitPads(padding, rank)
      : padding === 'valid'
        ? { begin: window.sizes.map(() => 0), end: window.sizes.map(() => 0) }
        : undefined;
  const regular = regularWindow(window, rank, pads);
  const pick = pickerFor(choice, regular, () => requestDigest('conv', request));

  if (rank === 3) {
    let padOptions: FormOption<TfPad>[];
    if (typeof padding === 'string') {
      padOptions = [{ value: checkAutoPadding(padding), text: padText(checkAutoPadding(padding)) }];
    } else {
      const explicit = explicitPads(padding, rank);
      const zero = [...explicit.begin, ...explicit.end].every((p) => p === 0);
      const same = regular && equalsSameUpper(window, explicit);
      // conv3d takes only 'valid' and 'same' (conv3d.ts); 'valid' is pad 0 in get3DPadAndOutInfo
      padOptions = [
        ...(zero ? [{ value: 'valid' as TfPad, text: padText('valid') }] : []),
        ...(same ? [{ value: 'same' as TfPad, text: padText('same') }] : []),
      ];
      if (padOptions.length === 0)
        throw new UnsupportedCase(`TF.js conv3d takes only 'valid' or 'same' padding (pads ${JSON.stringify(explicit)})`);
    }
    const args = [
      arg('strides', pick('strides', perAxisOptions(strides))),
      arg('pad', pick('pad', padOptions)),
      arg('dataFormat', pick('dataFormat', [given('NDHWC', "'NDHWC'"), omitted])),
      arg('dilations', pick('dilations', dilationOptions(dilations))),
    ];
    const transposed = layout === 'channels-first';
    return {
      fn: 'conv3d',
      args,
      named: false,
      transposed,
      inputShape: transposed ? [input.shape[0]!, ...window.sizes, channels] : [...input.shape],
      filterShape: hwio,
      nchw: false,
      fusedBias: false,
      form: describeCall('conv3d', 'x, filter', args, transposed ? ['x transposed from NCDHW to NDHWC'] : []),
    };
  }

  // 1-D and 2-D: conv1d, or a 2-D op (a 1-D input given a height of 1), fused or not.
  const entries: FormOption<TfjsConvCall['fn']>[] = depthwise
    ? [
        { value: 'depthwiseConv2d', text: 'depthwiseConv2d' },
        { value: 'fused.depthwiseConv2d', text: 'fused.depthwiseConv2d' },
      ]
    : rank === 1
      ? [
          { value: 'conv1d', text: 'conv1d' },
          { value: 'conv2d', text: 'conv2d' },
          { value: 'fused.conv2d', text: 'fused.conv2d' },
        ]
      : [
          { value: 'conv2d', text: 'conv2d' },
          { value: 'fused.conv2d', text: 'fused.conv2d' },
        ];
  const fn = pick('entry', entries).value;
  const batch = input.shape[0]!;
  const notes: string[] = [];

  if (fn === 'conv1d') {
    const transposed = layout === 'channels-first';
    const padOptions = pads2dOptions(padding, rank, window, false, regular, 'NHWC');
    const args = [
      arg('stride', { value: strides[0]!, text: String(strides[0]) }),
      arg('pad', pick('pad', padOptions)),
      arg('dataFormat', pick('dataFormat', [given('NWC', "'NWC'"), omitted])),
      arg('dilation', pick('dilations', [given(dilations[0]!, String(dilations[0])), ...(dilations[0] === 1 ? [omitted] : [])])),
    ];
    if (transposed) notes.push('x transposed from NCW to NWC');
    return {
      fn,
      args,
      named: false,
      transposed,
      inputShape: transposed ? [batch, window.sizes[0]!, channels] : [...input.shape],
      filterShape: hwio,
      nchw: false,
      fusedBias: false,
      form: describeCall(fn, 'x, filter', args, notes),
    };
  }

  const nativeNchwPossible = layout === 'channels-first' && fn === 'conv2d' && NCHW_CONV2D.includes(backend);
  const nchw =
    nativeNchwPossible &&
    pick('layout', [
      { value: true, text: 'NCHW' },
      { value: false, text: 'NHWC' },
    ]).value;
  const transposed = layout === 'channels-first' && !nchw;
  const format = nchw ? 'NCHW' : 'NHWC';
  const sizes2 = rank === 1 ? [1, window.sizes[0]!] : window.sizes;
  const inputShape = nchw ? [batch, channels, ...sizes2] : [batch, ...sizes2, channels];
  const filterShape = depthwise
    ? [...asTwoD(kernel, rank), channels, outChannels / channels]
    : [...asTwoD(kernel, rank), hwio[rank]!, outChannels];
  const fused = fn.startsWith('fused.');
  const args = [
    arg('strides', pick('strides', perAxisOptions(asTwoD(strides, rank)))),
    arg('pad', pick('pad', pads2dOptions(padding, rank, window, false, regular, format))),
    arg('dataFormat', pick('dataFormat', nchw ? [given('NCHW', "'NCHW'")] : [given('NHWC', "'NHWC'"), omitted])),
    arg('dilations', pick('dilations', dilationOptions(asTwoD(dilations, rank)))),
  ];
  if (transposed) notes.push(rank === 1 ? 'x transposed from NCW to NWC' : 'x transposed from NCHW to NHWC');
  if (rank === 1) notes.push('x given a height of 1');
  const fusedBias = fused && bias !== undefined;
  return {
    fn,
    args,
    named: fused,
    transposed,
    inputShape,
    filterShape,
    ...(rank === 1 ? { dropAxis: nchw ? 2 : 1 } : {}),
    nchw,
    fusedBias,
    form: describeCall(fn, fused ? `x, filter${fusedBias ? ', bias' : ''}` : 'x, filter', args, notes),
  };
}

/**
 * One axis of a transposed convolution as TF.js must be asked for it: the input size `n`, the
 * kernel `k` and stride `s`, the output size `out` and the crop at the beginning `pb`
 * (spec: conv-transpose.output-size, conv-transpose.crop-split).
 */
interface TransposedAxis {
  n: number;
  k: number;
  s: number;
  out: number;
  pb: number;
  pe: number;
}

/**
 * The output size and crops of every axis, in plain arithmetic (as a caller of TF.js computes the
 * `outputShape` it must pass), so that a request the spec rejects still reaches TF.js unchanged.
 */
function transposedAxes(
  request: ConvTransposeRequest,
  layout: Layout,
  kernel: number[],
  strides: number[],
  dilations: number[],
): TransposedAxis[] {
  const { input, params } = request;
  const sizes = spatialSizes(input.shape, layout);
  const rank = sizes.length;
  const padding = params.padding ?? 'valid';
  const outputPadding = perAxis(params.outputPadding, rank) ?? new Array<number>(rank).fill(0);
  const requested = params.outputShape as readonly number[] | undefined;
  return sizes.map((n, axis) => {
    const k = kernel[axis]!;
    const s = strides[axis]!;
    const d = dilations[axis]!;
    const opad = outputPadding[axis]!;
    const full = (n - 1) * s + d * (k - 1) + 1 + opad;
    if (typeof padding === 'object') {
      const pb = perAxis(padding.begin, rank)![axis]!;
      const pe = perAxis(padding.end, rank)![axis]!;
      return { n, k, s, out: full - pb - pe, pb, pe };
    }
    if (requested === undefined && padding === 'valid') return { n, k, s, out: full, pb: 0, pe: 0 };
    // spec: conv-transpose.output-shape, conv-transpose.same — a requested size, or n·s; the total
    // crop split with the odd element at the end for same-upper, at the beginning otherwise
    const out = requested?.[axis] ?? n * s;
    const crop = full - out;
    const pb = Math.max(0, padding === 'same-upper' ? Math.floor(crop / 2) : crop - Math.floor(crop / 2));
    return { n, k, s, out, pb, pe: crop - pb };
  });
}

/**
 * What TF.js's documentation makes of a pad for the forward convolution on an input of `out`
 * elements: its output size and the pad at its beginning (TensorFlow's "Notes on padding", which
 * the TF.js JSDoc links: VALID `ceil((out - k + 1) / s)`, SAME `ceil(out / s)` with
 * `floor(max((ceil(out / s) - 1)·s + k - out, 0) / 2)` before; explicit pads
 * `floor((out + top + bottom - k) / s) + 1`). conv2dTranspose is the gradient of that convolution
 * (its `pad` is "the type of padding algorithm used in the non-transpose version of the op"), so a
 * pad expresses the request exactly when that convolution's output is the request's input and its
 * pad at the beginning is the request's crop there.
 */
function forwardOf(pad: 'valid' | 'same' | { top: number; bottom: number }, axis: TransposedAxis): { size: number; top: number } {
  const { out, k, s } = axis;
  if (pad === 'valid') return { size: Math.ceil((out - k + 1) / s), top: 0 };
  if (pad === 'same') {
    const size = Math.ceil(out / s);
    return { size, top: Math.floor(Math.max((size - 1) * s + k - out, 0) / 2) };
  }
  return { size: Math.floor((out + pad.top + pad.bottom - k) / s) + 1, top: pad.top };
}

const expresses = (pad: Parameters<typeof forwardOf>[0], axis: TransposedAxis): boolean => {
  const forward = forwardOf(pad, axis);
  return forward.size === axis.n && forward.top === axis.pb;
};

/**
 * The explicit pads of the forward convolution: the crops, with an end crop below 0 (elements
 * appended after the full output) given as 0, which leaves the forward output size the same
 * wherever fewer than `s` elements are appended.
 */
const forwardEnd = (axis: TransposedAxis): number => Math.max(axis.pe, 0);

export function tfjsConvTransposeCall(request: ConvTransposeRequest, choice: FormChoice = 'spread'): TfjsConvTransposeCall {
  const { input, weight, params } = request;
  const rank = spatialRank(input.shape);
  const layout: Layout = params.layout ?? 'channels-last';
  const kernelLayout = params.kernelLayout ?? (layout === 'channels-first' ? 'in-out-spatial' : 'spatial-out-in');
  const groups = params.groups ?? 1;
  if (groups !== 1) {
    throw new UnsupportedCase(
      `TF.js has no grouped transposed convolution (groups ${groups}): conv2dTranspose and conv3dTranspose take no groups`,
    );
  }
  const strides = perAxis(params.strides, rank) ?? new Array<number>(rank).fill(1);
  // TF.js's conv2DBackpropInput and conv3DBackpropInput do not check the stride, and
  // tf.conv3dTranspose with a stride of 0 never returns; in process nothing can interrupt it, so
  // the call is not made (the run would hang, not fail).
  if (strides.some((s) => !(s >= 1))) {
    throw new UnsupportedCase(
      `TF.js transposed convolution is not called with a stride below 1 (strides ${list(strides)}): it does not check the stride and can loop forever`,
    );
  }
  const dilations = perAxis(params.dilations, rank) ?? new Array<number>(rank).fill(1);
  if (dilations.some((d) => d !== 1)) {
    throw new UnsupportedCase(
      `TF.js has no dilated transposed convolution (dilations ${list(dilations)}): conv2DBackpropInput and conv3DBackpropInput run with dilations 1`,
    );
  }
  // spec: conv-transpose.weight-layout — [k..., out, in] is TF.js's filter layout
  const filter = kernelLayout === 'in-out-spatial' ? [...weight.shape.slice(2), weight.shape[1]!, weight.shape[0]!] : [...weight.shape];
  const kernel = filter.slice(0, rank);
  const outChannels = filter[rank]!;
  const channels = channelsOf(input.shape, layout);
  const batch = input.shape[0]!;
  const axes = transposedAxes(request, layout, kernel, strides, dilations);
  const inputs = axes.map((a) => a.n);
  const outputs = axes.map((a) => a.out);
  const cropsBegin = axes.map((a) => a.pb);
  // Positive integer sizes, kernels and strides, a non-negative integer crop at the beginning:
  // a request every form would mean the same for.
  const regular =
    counts(inputs, rank, 1) &&
    counts(kernel, rank, 1) &&
    counts(strides, rank, 1) &&
    counts(outputs, rank, 1) &&
    counts(cropsBegin, rank, 0) &&
    axes.every((a) => Number.isInteger(a.pe));

  // The pads that express the request; 1-D runs through 2-D with a height of 1 (k = s = n = out = 1, no crop).
  const height: TransposedAxis = { n: 1, k: 1, s: 1, out: 1, pb: 0, pe: 0 };
  const all = rank === 1 ? [height, ...axes] : axes;
  const padOptions: FormOption<TfPad>[] = [];
  // TF.js takes the output shape from its caller; parameters that give no whole output size leave
  // nothing to call it with (a size of 2.5 passed on would be the adapter's answer, not TF.js's).
  if (!outputs.every(Number.isInteger)) {
    throw new UnsupportedCase(
      `TF.js conv2dTranspose and conv3dTranspose take the output shape from the caller, and these parameters give no whole size (${list(outputs)})`,
    );
  }
  if (regular) {
    // spec: conv-transpose.output-shape — an output shape is TensorFlow's output_shape, whose pad is
    // the forward convolution's 'valid' or 'same' (the conv-preimage rule); explicit pads would turn a
    // size TensorFlow rejects into crops. TF.js itself does not check the size (conv2d_backprop_input.ts).
    if (rank < 3 && params.outputShape === undefined) {
      const explicit = explicit4d(
        axes.map((a) => a.pb),
        axes.map(forwardEnd),
        'NHWC',
      );
      if (axes.every((a) => expresses({ top: a.pb, bottom: forwardEnd(a) }, a)))
        padOptions.push({ value: explicit, text: padText(explicit) });
      const p = all[0]!.pb;
      if (all.every((a) => expresses({ top: p, bottom: p }, a))) padOptions.push({ value: p, text: padText(p) });
    }
    // With an output shape, the pad is the request's own mode: TensorFlow checks the size against it.
    const asked = params.outputShape === undefined ? undefined : (params.padding ?? 'valid');
    if ((asked === undefined || asked === 'valid') && all.every((a) => expresses('valid', a)))
      padOptions.push({ value: 'valid', text: padText('valid') });
    if ((asked === undefined || asked === 'same-upper') && all.every((a) => expresses('same', a)))
      padOptions.push({ value: 'same', text: padText('same') });
    if (padOptions.length === 0) {
      const what = axes
        .map((a) => `${a.out} elements cropped ${a.pb} at the beginning from input ${a.n}, kernel ${a.k}, stride ${a.s}`)
        .join('; ');
      throw new UnsupportedCase(
        rank === 3
          ? `TF.js conv3dTranspose takes only 'valid' or 'same', whose forward convolution does not give this transposed convolution (${what})`
          : `no pad of TF.js conv2dTranspose gives this transposed convolution: its forward convolution would not map ${what} back to the input (it maps back at most stride - 1 elements appended after the full output)`,
      );
    }
  } else if (rank < 3) {
    // Not a valid request: passed on as it is, in the one explicit form, for TF.js to answer.
    const explicit = explicit4d(
      axes.map((a) => a.pb),
      axes.map((a) => a.pe),
      'NHWC',
    );
    padOptions.push({ value: explicit, text: padText(explicit) });
  } else {
    const padding = params.padding ?? 'valid';
    if (padding !== 'valid' && padding !== 'same-upper') {
      throw new UnsupportedCase(`TF.js conv3dTranspose takes only 'valid' or 'same' (padding ${JSON.stringify(padding)})`);
    }
    const pad = padding === 'valid' ? 'valid' : 'same';
    padOptions.push({ value: pad, text: padText(pad) });
  }
  const pick = pickerFor(choice, regular, () => requestDigest('conv-transpose', request));
  const fn: TfjsConvTransposeCall['fn'] = rank === 3 ? 'conv3dTranspose' : 'conv2dTranspose';
  const unbatched = batch === 1 && pick('batch', [given(false, 'batched'), given(true, 'unbatched')]).value;
  const spatialOut = asTwoD(
    axes.map((a) => a.out),
    rank,
  );
  const outputShape = [...(unbatched ? [] : [batch]), ...spatialOut, outChannels];
  const args = [
    arg('outputShape', { value: outputShape, text: list(outputShape) }),
    arg('strides', pick('strides', perAxisOptions(asTwoD(strides, rank)))),
    arg('pad', pick('pad', padOptions)),
  ];
  const transposed = layout === 'channels-first';
  const notes: string[] = [];
  if (transposed)
    notes.push(
      rank === 1 ? 'x transposed from NCW to NWC' : rank === 2 ? 'x transposed from NCHW to NHWC' : 'x transposed from NCDHW to NDHWC',
    );
  if (kernelLayout === 'in-out-spatial') notes.push('filter transposed from [in, out, k...] to [k..., out, in]');
  if (rank === 1) notes.push('x given a height of 1');
  if (unbatched) notes.push('x without its batch axis of 1');
  return {
    fn,
    args,
    named: false,
    transposed,
    inputShape: [...(unbatched ? [] : [batch]), ...asTwoD(spatialSizes(input.shape, layout), rank), channels],
    filterShape: rank === 1 ? [1, ...filter] : filter,
    unbatched,
    ...(rank === 1 ? { dropAxis: 1 } : {}),
    form: describeCall(fn, 'x, filter', args, notes),
  };
}

export function tfjsPoolCall(request: PoolRequest, choice: FormChoice = 'spread'): TfjsPoolCall {
  const { input, params } = request;
  const rank = spatialRank(input.shape);
  const layout: Layout = params.layout ?? 'channels-last';
  const kernel = perAxis(params.kernel, rank)!;
  // Omitted strides stay omitted: TF.js has no default pooling stride and throws.
  const strides = perAxis(params.strides, rank);
  if (perAxis(params.dilations, rank)?.some((d) => d > 1)) {
    throw new UnsupportedCase('TF.js maxPool and avgPool have no dilations');
  }
  if (params.kind === 'avg' && params.countIncludePad === true) {
    throw new UnsupportedCase('TF.js average pooling never counts padding');
  }
  const padding = params.padding ?? 'valid';
  const ceilAsked = params.ceilMode === true;
  const window: Window = {
    sizes: spatialSizes(input.shape, layout),
    kernel,
    strides: strides ?? [],
    dilations: new Array<number>(rank).fill(1),
  };
  const zeros = new Array<number>(rank).fill(0);
  const pads = typeof padding === 'object' ? explicitPads(padding, rank) : padding === 'valid' ? { begin: zeros, end: zeros } : undefined;
  const regular = regularWindow(window, rank, pads);
  const pick = pickerFor(choice, regular, () => requestDigest('pool', request));
  // Ceil mode changes nothing with same padding (spec: padding.same.output-size), and TF.js
  // refuses a rounding mode with a string pad.
  const ceil = ceilAsked && padding !== 'same-upper';
  const rounding = arg('dimRoundingMode', ceil ? given('ceil', "'ceil'") : omitted);
  const transposed = layout === 'channels-first';
  const batch = input.shape[0]!;
  const channels = channelsOf(input.shape, layout);

  if (rank === 3) {
    let padOptions: FormOption<TfPad>[];
    if (typeof padding === 'string') {
      const auto = checkAutoPadding(padding);
      // TF.js takes a rounding mode only with numeric pads: 'valid' is zero pads (get3DPadAndOutInfo).
      padOptions =
        auto === 'same'
          ? [{ value: 'same', text: padText('same') }]
          : ceil
            ? [{ value: 0, text: padText(0) }]
            : [
                { value: 'valid', text: padText('valid') },
                { value: 0, text: padText(0) },
              ];
    } else {
      const { begin, end } = explicitPads(padding, rank);
      const every = [...begin, ...end];
      const same = !ceil && regular && equalsSameUpper(window, { begin, end });
      padOptions = [];
      // maxPool3d and avgPool3d take one number for every side of every axis
      if (allEqual(every)) padOptions.push({ value: every[0]!, text: padText(every[0]!) });
      if (!ceil && regular && every.every((p) => p === 0)) padOptions.push({ value: 'valid', text: padText('valid') });
      if (same) padOptions.push({ value: 'same', text: padText('same') });
      if (padOptions.length === 0) {
        throw new UnsupportedCase(`TF.js 3-D pooling takes one pad for every side of every axis (pads ${JSON.stringify({ begin, end })})`);
      }
    }
    const fn: TfjsPoolCall['fn'] = params.kind === 'max' ? 'maxPool3d' : 'avgPool3d';
    const args = [
      arg('filterSize', pick('filterSize', perAxisOptions(kernel))),
      arg('strides', strides === undefined ? omitted : pick('strides', perAxisOptions(strides))),
      arg('pad', pick('pad', padOptions)),
      rounding,
      arg('dataFormat', pick('dataFormat', [omitted, given('NDHWC', "'NDHWC'")])),
    ];
    return {
      fn,
      args,
      named: false,
      transposed,
      inputShape: transposed ? [batch, ...window.sizes, channels] : [...input.shape],
      form: describeCall(fn, 'x', args, transposed ? ['x transposed from NCDHW to NDHWC'] : []),
    };
  }

  // 1-D and 2-D: maxPool or avgPool, or the generic tf.pool (which also defaults the strides to
  // 1 where TF.js's convention requires them, so it is only a form when they are given).
  const direct: TfjsPoolCall['fn'] = params.kind === 'max' ? 'maxPool' : 'avgPool';
  const entries: FormOption<TfjsPoolCall['fn']>[] = [
    { value: direct, text: direct },
    ...(strides === undefined ? [] : [{ value: 'pool' as const, text: 'pool' }]),
  ];
  const fn = pick('entry', entries).value;
  const padArg = arg('pad', pick('pad', pads2dOptions(padding, rank, window, ceil, regular, 'NHWC')));
  const sizeArg = arg(fn === 'pool' ? 'windowShape' : 'filterSize', pick('filterSize', perAxisOptions(asTwoD(kernel, rank))));
  const strideArg = arg('strides', strides === undefined ? omitted : pick('strides', perAxisOptions(asTwoD(strides, rank))));
  // tf.pool's dilations default to [1, 1] (pool.ts)
  const poolDilations: FormOption<number | number[] | undefined>[] = [omitted, given([1, 1], '[1, 1]'), given(1, '1')];
  const args =
    fn === 'pool'
      ? [
          sizeArg,
          arg('poolingType', given(params.kind, `'${params.kind}'`)),
          padArg,
          arg('dilations', pick('dilations', poolDilations)),
          strideArg,
          rounding,
        ]
      : [sizeArg, strideArg, padArg, rounding];
  const notes = [
    ...(transposed ? [rank === 1 ? 'x transposed from NCW to NWC' : 'x transposed from NCHW to NHWC'] : []),
    ...(rank === 1 ? ['x given a height of 1'] : []),
  ];
  return {
    fn,
    args,
    named: false,
    transposed,
    inputShape: [batch, ...(rank === 1 ? [1] : []), ...window.sizes, channels],
    ...(rank === 1 ? { dropAxis: 1 } : {}),
    form: describeCall(fn, 'x', args, notes),
  };
}

export function tfjsGlobalPoolCall(request: GlobalPoolRequest, choice: FormChoice = 'spread'): TfjsGlobalPoolCall {
  const { input, params } = request;
  const rank = spatialRank(input.shape);
  const layout: Layout = params.layout ?? 'channels-last';
  const first = layout === 'channels-first' ? 2 : 1;
  const axes = Array.from({ length: rank }, (_, a) => first + a);
  const pick = pickerFor(choice, true, () => requestDigest('globalPool', request));
  const fn = params.kind === 'max' ? 'max' : 'mean';
  // tf.max and tf.mean drop the axes unless keepDims is true (their default is false).
  const keepDims: FormOption<boolean | undefined>[] =
    params.keepDims === true
      ? [given(true, 'true')]
      : params.keepDims === false
        ? [given(false, 'false'), omitted]
        : [omitted, given(false, 'false')];
  const axis: FormOption<number | number[]>[] =
    rank === 1 ? [given(axes, list(axes)), given(axes[0]!, String(axes[0]))] : [given(axes, list(axes))];
  const args = [arg('axis', pick('axis', axis)), arg('keepDims', pick('keepDims', keepDims))];
  return { fn, args, named: false, form: describeCall(fn, 'x', args, []) };
}

export function tfjsDenseCall(request: DenseRequest, choice: FormChoice = 'spread'): TfjsDenseCall {
  const { weight, bias, params } = request;
  const outIn = (params.weightLayout ?? 'in-out') === 'out-in';
  const regular = weight.shape.length === 2;
  const pick = pickerFor(choice, regular, () => requestDigest('dense', request));
  // As tfjs-layers' Dense: the leading axes are flattened into rows for one product.
  const fn = pick('entry', [
    { value: 'matMul' as const, text: 'matMul' },
    { value: 'dot' as const, text: 'dot' },
    { value: 'fused.matMul' as const, text: 'fused.matMul' },
  ]).value;
  const notes = ['x flattened to [rows, in]'];
  if (fn === 'dot') {
    if (outIn) notes.push('w transposed from [out, in] to [in, out]');
    return { fn, args: [], named: false, transposeWeight: outIn, fusedBias: false, form: describeCall(fn, 'x, w', [], notes) };
  }
  // An out-in weight is read through transposeB, or transposed beforehand; a flag that is false
  // is given or left to its default (false).
  const viaFlag =
    outIn &&
    pick('transpose', [
      { value: true, text: 'transposeB' },
      { value: false, text: 'w transposed' },
    ]).value;
  const unset = [given(false, 'false'), omitted];
  const args = [arg('transposeA', pick('transposeA', unset)), arg('transposeB', viaFlag ? given(true, 'true') : pick('transposeB', unset))];
  const transposeWeight = outIn && !viaFlag;
  if (transposeWeight) notes.push('w transposed from [out, in] to [in, out]');
  const fused = fn === 'fused.matMul';
  const fusedBias = fused && bias !== undefined;
  return {
    fn,
    args,
    named: fused,
    transposeWeight,
    fusedBias,
    form: describeCall(fn, fused ? `a=x, b=w${fusedBias ? ', bias' : ''}` : 'x, w', args, notes),
  };
}

export function tfjsPadCall(request: PadRequest, choice: FormChoice = 'spread'): TfjsPadCall {
  const { input, params } = request;
  const rank = spatialRank(input.shape);
  const layout: Layout = params.layout ?? 'channels-last';
  checkZeroFill(params.fill);
  const { begin, end } = explicitPads(params.padding, rank);
  const spatial: Array<[number, number]> = begin.map((b, a) => [b, end[a]!]);
  const paddings: Array<[number, number]> = layout === 'channels-first' ? [[0, 0], [0, 0], ...spatial] : [[0, 0], ...spatial, [0, 0]];
  const regular = counts(begin, rank, 0) && counts(end, rank, 0);
  const pick = pickerFor(choice, regular, () => requestDigest('pad', request));
  // tf.pad3d and tf.pad4d are tf.pad asserting the rank (pad.ts); there is no pad5d.
  const ranked: TfjsPadCall['fn'] | undefined = input.shape.length === 3 ? 'pad3d' : input.shape.length === 4 ? 'pad4d' : undefined;
  const entries: FormOption<TfjsPadCall['fn']>[] = [
    { value: 'pad', text: 'pad' },
    ...(ranked === undefined ? [] : [{ value: ranked, text: ranked }]),
  ];
  const fn = pick('entry', entries).value;
  const args = [
    arg('paddings', { value: paddings, text: `[${paddings.map((pair) => list(pair)).join(', ')}]` }),
    arg('constantValue', pick('constantValue', [omitted, given(0, '0')])),
  ];
  return { fn, args, named: false, form: describeCall(fn, 'x', args, []) };
}
