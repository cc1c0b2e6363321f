/**
 * The API forms of ONNX for each request, and the one a call takes (spec: conformance.api-forms).
 * A form is the graph a request runs as: `auto_pad` `SAME_UPPER`, `SAME_LOWER` or `VALID` where
 * it gives the request's pads, or the pads written out; an attribute given or left out where it
 * equals ONNX's default (strides and dilations 1, pads 0, `group` 1, `ceil_mode` and
 * `count_include_pad` 0, `auto_pad` `NOTSET`, `kernel_shape` of Conv, which ONNX infers from W);
 * a transposed convolution's crops as `pads`, as `auto_pad` or as `output_shape` where they derive
 * the same crops;
 * global pooling as `GlobalAveragePool`, as `AveragePool` over the whole input (as models built
 * for one input size and converted from other frameworks write it) or as `ReduceMean` over the
 * spatial axes (as `x.mean((2, 3))` exports); a dense layer as `Gemm` or `MatMul` and `Add`.
 * Every form offered means the request exactly by the ONNX operator documentation (opset 22);
 * which one a call takes is picked from a digest of the request.
 *
 * Each planner is pure: it reads a request and returns the graph to run, its feeds and its form.
 *
 * @see spec:convention.onnx
 */
import { convertKernelLayout, transpose, type Layout } from '../tensor/layout.js';
import type { ExplicitPadding, Padding } from '../ops/window/planWindow.js';
import { samePads } from '../shape/samePads.js';
import type { Tensor } from '../tensor/tensor.js';
import type { ConvRequest, DenseRequest, GlobalPoolRequest, PadRequest, PoolRequest } from '../ops/Adapter.js';
import type { ConvTransposeRequest } from '../ops/conv-transpose/convTransposeOp.js';
import { pickerFor, type FormChoice, type FormOption, type FormPicker } from './formPicker.js';
import type { OnnxAttribute, OnnxGraph, OnnxInt64Initializer, OnnxNode } from './onnxModel.js';
import { requestDigest } from './requestDigest.js';

/** A graph to run, the tensors it is fed, how its output becomes the answer, and its form. */
export interface OnnxCall {
  graph: OnnxGraph;
  feeds: Record<string, Tensor>;
  /** The output as the request wants it (global pooling without its kept axes). */
  finish?: (output: Tensor) => Tensor;
  form: string;
}

/** Per-axis values as an ONNX ints attribute; a single number stands for every axis. */
function perAxis(value: number | readonly number[] | undefined, rank: number): number[] | undefined {
  if (value === undefined) return undefined;
  return typeof value === 'number' ? new Array<number>(rank).fill(value) : [...value];
}

function checkLayout(op: string, layout: Layout | undefined): void {
  // ONNX operators are channels-first only, and the onnx convention leaves channels-last undefined.
  if (layout !== undefined && layout !== 'channels-first') {
    throw new Error(`onnxruntime adapter: ${op} with layout ${layout} is not supported (ONNX operators are channels-first)`);
  }
}

function checkFill(op: string, fill: string | undefined): void {
  // The onnx convention leaves fills other than zeros undefined for convolution and pad.
  if (fill !== undefined && fill !== 'zeros') {
    throw new Error(`onnxruntime adapter: ${op} with fill ${fill} is not supported (only zeros)`);
  }
}

const bool = (value: boolean | undefined): number | undefined => (value === undefined ? undefined : value ? 1 : 0);
const isCount = (value: unknown, least: number): boolean => typeof value === 'number' && Number.isInteger(value) && value >= least;
const counts = (values: readonly unknown[] | undefined, rank: number, least: number): boolean =>
  values !== undefined && values.length === rank && values.every((value) => isCount(value, least));
const list = (values: readonly number[]): string => `[${values.join(', ')}]`;

/** An attribute given, or left out (undefined) so that ONNX's default applies. */
type Attribute = FormOption<OnnxAttribute | undefined>;
const given = (value: OnnxAttribute): Attribute => ({
  value,
  text: typeof value === 'string' ? value : typeof value === 'number' ? String(value) : list(value),
});
const omitted: Attribute = { value: undefined, text: 'omitted' };

/**
 * An attribute whose request value may equal ONNX's default: given as the request has it, or
 * left out where it equals the default; a value the request leaves out is left out, or given as
 * the default. The first option is the form the adapter always used.
 */
function defaulted(value: OnnxAttribute | undefined, fallback: OnnxAttribute): Attribute[] {
  const isDefault = value !== undefined && JSON.stringify(value) === JSON.stringify(fallback);
  if (value === undefined) return [omitted, given(fallback)];
  return isDefault ? [given(value), omitted] : [given(value)];
}

/** The geometry of a window op along its spatial axes. */
interface Window {
  sizes: number[];
  kernel: number[];
  strides: number[];
  dilations: number[];
}

/**
 * Whether a request is one whose every form means the same: positive integer sizes, windows,
 * strides and dilations, non-negative integer pads, and a window that fits in the padded input
 * (ONNX writes the output size of `VALID` as `ceil((n - k_eff + 1) / s)`, of explicit pads with
 * a floor, which ONNX Runtime computes with C++ integer division: they part where the window is
 * longer than the input).
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

/** Whether pads are the same pads ONNX's shape inference derives for `auto_pad` (mode `same-upper` or `same-lower`). */
function equalsSame(window: Window, pads: { begin: number[]; end: number[] }, mode: 'same-upper' | 'same-lower'): boolean {
  return window.sizes.every((n, axis) => {
    const same = samePads(n, window.kernel[axis]!, window.strides[axis]!, window.dilations[axis]!, mode);
    return same.begin === pads.begin[axis] && same.end === pads.end[axis];
  });
}

/** The pads of a request as ONNX pads `[b1, ..., bn, e1, ..., en]`, when explicit or valid. */
function requestPads(padding: Padding | undefined, rank: number): { begin: number[]; end: number[] } | undefined {
  if (padding === undefined || padding === 'valid') return { begin: new Array<number>(rank).fill(0), end: new Array<number>(rank).fill(0) };
  if (typeof padding === 'object' && padding !== null)
    return { begin: perAxis((padding as ExplicitPadding).begin, rank)!, end: perAxis((padding as ExplicitPadding).end, rank)! };
  return undefined;
}

/**
 * The attribute forms of `valid` or explicit pads, shared by Conv, pooling and ConvTranspose: the
 * request's own spelling first, then every spelling ONNX gives the same meaning (zero pads: the
 * attribute omitted, zeros, VALID, NOTSET; other pads: NOTSET with them).
 */
function explicitPadOptions<T>(
  padding: unknown,
  flat: number[],
  option: (attributes: Record<string, OnnxAttribute>) => FormOption<T>,
): FormOption<T>[] {
  const own = padding === undefined ? option({}) : padding === 'valid' ? option({ auto_pad: 'VALID' }) : option({ pads: flat });
  const alternatives = flat.every((p) => p === 0)
    ? [
        option({}),
        option({ pads: flat }),
        option({ auto_pad: 'VALID' }),
        option({ auto_pad: 'NOTSET' }),
        option({ auto_pad: 'NOTSET', pads: flat }),
      ]
    : [option({ auto_pad: 'NOTSET', pads: flat })];
  return [own, ...alternatives.filter((alternative) => alternative.text !== own.text)];
}

/**
 * How a request's padding is written: `auto_pad` or `pads`, each given or left out. Options:
 * the request's own form first, then `pads` zeros, pads left out and `VALID` for zero pads, and
 * `SAME_UPPER`, `SAME_LOWER` where they derive the request's pads (not with a ceil mode, which
 * `auto_pad` same ignores, nor where ONNX Runtime does not implement it).
 */
function paddingOptions(
  padding: Padding | undefined,
  window: Window,
  rank: number,
  regular: boolean,
  sameAllowed: boolean,
): FormOption<Record<string, OnnxAttribute | undefined>>[] {
  const option = (attributes: Record<string, OnnxAttribute>): FormOption<Record<string, OnnxAttribute | undefined>> => ({
    value: attributes,
    text:
      Object.entries(attributes)
        .map(([name, value]) => `${name}=${given(value).text}`)
        .join(', ') || 'pads omitted',
  });
  if (padding === 'same-upper') return [option({ auto_pad: 'SAME_UPPER' })];
  if (padding === 'same-lower') return [option({ auto_pad: 'SAME_LOWER' })];
  if (typeof padding === 'string' && padding !== 'valid')
    throw new Error(`onnxruntime adapter: unknown padding ${JSON.stringify(padding)}`);
  const pads = requestPads(padding, rank)!;
  const flat = [...pads.begin, ...pads.end];
  const options = explicitPadOptions(padding, flat, option);
  if (!regular) return options.slice(0, 1);
  if (sameAllowed && equalsSame(window, pads, 'same-upper')) options.push(option({ auto_pad: 'SAME_UPPER' }));
  if (sameAllowed && equalsSame(window, pads, 'same-lower')) options.push(option({ auto_pad: 'SAME_LOWER' }));
  return options;
}

/** `Op(name=value, other omitted, ...)`, listing every attribute a form chose, and what was done to the data. */
function describeNode(
  opType: string,
  attributes: readonly [string, Attribute][],
  extra: readonly string[] = [],
  notes: readonly string[] = [],
): string {
  const shown = [
    ...attributes.map(([name, option]) => (option.value === undefined ? `${name} omitted` : `${name}=${option.text}`)),
    ...extra,
  ];
  const node = shown.length === 0 ? opType : `${opType}(${shown.join(', ')})`;
  return notes.length === 0 ? node : `${node}; ${notes.join('; ')}`;
}

function attributesOf(
  chosen: readonly [string, Attribute][],
  extra: Record<string, OnnxAttribute | undefined> = {},
): Record<string, OnnxAttribute | undefined> {
  return { ...Object.fromEntries(chosen.map(([name, option]) => [name, option.value])), ...extra };
}

const inputsOf = (feeds: Record<string, Tensor>): { name: string; shape: readonly number[] }[] =>
  Object.entries(feeds).map(([name, t]) => ({ name, shape: t.shape }));

/** The padding choice as attributes, and as the entries of the form's text. */
function paddingEntries(
  pick: FormPicker,
  options: FormOption<Record<string, OnnxAttribute | undefined>>[],
): { attributes: Record<string, OnnxAttribute | undefined>; text: string } {
  const chosen = pick('padding', options);
  return { attributes: chosen.value, text: chosen.text };
}

export function onnxConvCall(request: ConvRequest, choice: FormChoice = 'spread'): OnnxCall {
  const { input: x, weight, bias, params } = request;
  checkLayout('conv', params.layout);
  checkFill('conv', params.fill);
  const rank = x.shape.length - 2;
  // ONNX Conv weights are [Cout, Cin/group, k1, ..., kn] (out-in-spatial).
  const w = params.kernelLayout === 'spatial-in-out' ? convertKernelLayout(weight, 'spatial-in-out', 'out-in-spatial') : weight;
  const feeds: Record<string, Tensor> = { X: x, W: w };
  if (bias !== undefined) feeds.B = bias;
  const strides = perAxis(params.strides, rank);
  const dilations = perAxis(params.dilations, rank);
  const kernel = w.shape.slice(2);
  const ones = new Array<number>(rank).fill(1);
  const window: Window = { sizes: x.shape.slice(2), kernel, strides: strides ?? ones, dilations: dilations ?? ones };
  const padding = params.padding;
  const regular = regularWindow(window, rank, requestPads(padding, rank)) && (params.groups === undefined || isCount(params.groups, 1));
  const pick = pickerFor(choice, regular, () => requestDigest('conv', request));
  const chosen: [string, Attribute][] = [
    // kernel_shape: "If not present, should be inferred from input W" (Conv, opset 22)
    ['kernel_shape', pick('kernel_shape', [given(kernel), omitted])],
    ['strides', pick('strides', defaulted(strides, ones))],
    ['dilations', pick('dilations', defaulted(dilations, ones))],
    ['group', pick('group', defaulted(params.groups, 1))],
  ];
  // ONNX Runtime's CPU Conv does not implement auto_pad same with a dilation (conv_attributes.h):
  // such a form would refuse a case its explicit pads run.
  const padOptions = paddingOptions(
    padding,
    window,
    rank,
    regular,
    window.dilations.every((d) => d === 1),
  );
  const pads = paddingEntries(pick, padOptions);
  const node: OnnxNode = {
    opType: 'Conv',
    inputs: bias === undefined ? ['X', 'W'] : ['X', 'W', 'B'],
    outputs: ['Y'],
    attributes: attributesOf(chosen, pads.attributes),
  };
  return {
    graph: { name: 'conv', inputs: inputsOf(feeds), outputs: ['Y'], nodes: [node] },
    feeds,
    form: describeNode('Conv', chosen, [pads.text]),
  };
}

/**
 * The total crop and its split that ONNX's ConvTranspose derives from an output size (ConvTranspose-22:
 * "total_padding[i] = stride[i] * (input_size[i] - 1) + output_padding[i] + ((kernel_shape[i] - 1) *
 * dilations[i] + 1) - output_shape[i]", the start getting `total/2` for SAME_UPPER and the rest
 * otherwise), for a total that is not negative.
 */
function transposeCrops(window: Window, outputPadding: number[], sizes: number[], upper: boolean): { begin: number[]; end: number[] } {
  const begin: number[] = [];
  const end: number[] = [];
  window.sizes.forEach((n, axis) => {
    const full = (n - 1) * window.strides[axis]! + window.dilations[axis]! * (window.kernel[axis]! - 1) + 1 + outputPadding[axis]!;
    const total = full - sizes[axis]!;
    const small = Math.floor(total / 2);
    begin.push(upper ? small : total - small);
    end.push(upper ? total - small : small);
  });
  return { begin, end };
}

/**
 * How a transposed convolution's crops are written (spec: conv-transpose.output-size,
 * conv-transpose.output-shape, conv-transpose.same): the request's own form first (`pads`,
 * `auto_pad`, `output_shape` with the `auto_pad` that picks its split), then the others that
 * derive the same crops by ONNX's text: `pads` zeros, left out, `VALID` or `NOTSET` for no crop;
 * a same mode as `output_shape = n·s` with that mode (or `NOTSET` for the lower split); explicit
 * crops as `auto_pad` same where `n·s` and the split give them.
 */
function transposePaddingOptions(
  padding: Padding | undefined,
  outputShape: readonly number[] | undefined,
  window: Window,
  outputPadding: number[],
  rank: number,
  regular: boolean,
): FormOption<Record<string, OnnxAttribute | undefined>>[] {
  const option = (attributes: Record<string, OnnxAttribute>): FormOption<Record<string, OnnxAttribute | undefined>> => ({
    value: attributes,
    text:
      Object.entries(attributes)
        .map(([name, value]) => `${name}=${given(value).text}`)
        .join(', ') || 'pads omitted',
  });
  if (typeof padding === 'string' && padding !== 'valid' && padding !== 'same-upper' && padding !== 'same-lower')
    throw new Error(`onnxruntime adapter: unknown padding ${JSON.stringify(padding)}`);
  const upper = padding === 'same-upper';
  const lower = padding === 'same-lower';
  if (outputShape !== undefined) {
    // spec: conv-transpose.output-shape — the upper split for same-upper only, as ONNX's "Else" branch.
    const shape = [...outputShape];
    // Explicit crops with an output shape, which cnnspec rejects, go to ONNX Runtime as given:
    // "If output_shape is specified pads values are ignored".
    const pads = requestPads(padding, rank);
    if (typeof padding === 'object' && padding !== null && pads !== undefined)
      return [option({ output_shape: shape, pads: [...pads.begin, ...pads.end] })];
    if (upper) return [option({ auto_pad: 'SAME_UPPER', output_shape: shape })];
    const own = lower ? option({ auto_pad: 'SAME_LOWER', output_shape: shape }) : option({ output_shape: shape });
    if (!regular) return [own];
    return [
      own,
      ...[
        option({ output_shape: shape }),
        option({ auto_pad: 'NOTSET', output_shape: shape }),
        option({ auto_pad: 'SAME_LOWER', output_shape: shape }),
      ].filter((alternative) => alternative.text !== own.text),
    ];
  }
  if (upper || lower) {
    const own = option({ auto_pad: upper ? 'SAME_UPPER' : 'SAME_LOWER' });
    if (!regular) return [own];
    // spec: conv-transpose.same — n·s elements, the same split as an output shape of n·s.
    const sizes = window.sizes.map((n, axis) => n * window.strides[axis]!);
    const options = [own, option({ auto_pad: upper ? 'SAME_UPPER' : 'SAME_LOWER', output_shape: sizes })];
    if (lower) options.push(option({ output_shape: sizes }));
    return options;
  }
  const pads = requestPads(padding, rank)!;
  const flat = [...pads.begin, ...pads.end];
  const options = explicitPadOptions(padding, flat, option);
  if (!regular) return options.slice(0, 1);
  const sizes = window.sizes.map((n, axis) => n * window.strides[axis]!);
  const same = (split: { begin: number[]; end: number[] }): boolean =>
    split.begin.every((pb, axis) => pb === pads.begin[axis] && split.end[axis] === pads.end[axis]);
  if (same(transposeCrops(window, outputPadding, sizes, true))) options.push(option({ auto_pad: 'SAME_UPPER' }));
  if (same(transposeCrops(window, outputPadding, sizes, false))) options.push(option({ auto_pad: 'SAME_LOWER' }));
  return options;
}

export function onnxConvTransposeCall(request: ConvTransposeRequest, choice: FormChoice = 'spread'): OnnxCall {
  const { input: x, weight, bias, params } = request;
  checkLayout('convTranspose', params.layout);
  const rank = x.shape.length - 2;
  // ONNX ConvTranspose weights are [C, M/group, k1, ..., kn] (in-out-spatial); [k..., M/group, C]
  // is the same permutation as a convolution's spatial-in-out to out-in-spatial.
  const kernelLayout = params.kernelLayout ?? 'in-out-spatial';
  if (kernelLayout !== 'in-out-spatial' && kernelLayout !== 'spatial-out-in') {
    throw new Error(`onnxruntime adapter: unknown transposed-convolution kernel layout ${String(kernelLayout)}`);
  }
  const w = kernelLayout === 'spatial-out-in' ? convertKernelLayout(weight, 'spatial-in-out', 'out-in-spatial') : weight;
  const feeds: Record<string, Tensor> = { X: x, W: w };
  if (bias !== undefined) feeds.B = bias;
  const strides = perAxis(params.strides, rank);
  const dilations = perAxis(params.dilations, rank);
  const outputPadding = perAxis(params.outputPadding, rank);
  const kernel = w.shape.slice(2);
  const ones = new Array<number>(rank).fill(1);
  const zeros = new Array<number>(rank).fill(0);
  const window: Window = { sizes: x.shape.slice(2), kernel, strides: strides ?? ones, dilations: dilations ?? ones };
  const padding = params.padding;
  const outputShape = params.outputShape;
  const pads = requestPads(padding, rank);
  // Every form means the same only for valid parameters: positive sizes, windows, strides and
  // dilations, non-negative integer crops and output paddings, positive output sizes.
  const regular =
    counts(window.sizes, rank, 1) &&
    counts(window.kernel, rank, 1) &&
    counts(window.strides, rank, 1) &&
    counts(window.dilations, rank, 1) &&
    (outputPadding === undefined || counts(outputPadding, rank, 0)) &&
    (pads === undefined || (counts(pads.begin, rank, 0) && counts(pads.end, rank, 0))) &&
    (outputShape === undefined || counts(outputShape, rank, 1)) &&
    (params.groups === undefined || isCount(params.groups, 1));
  const pick = pickerFor(choice, regular, () => requestDigest('convTranspose', request));
  const chosen: [string, Attribute][] = [
    // kernel_shape: "If not present, should be inferred from input W" (ConvTranspose, opset 22)
    ['kernel_shape', pick('kernel_shape', [given(kernel), omitted])],
    ['strides', pick('strides', defaulted(strides, ones))],
    ['dilations', pick('dilations', defaulted(dilations, ones))],
    ['group', pick('group', defaulted(params.groups, 1))],
    // output_padding: "By default, this attribute is a zero vector."
    ['output_padding', pick('output_padding', defaulted(outputPadding, zeros))],
  ];
  const crops = paddingEntries(pick, transposePaddingOptions(padding, outputShape, window, outputPadding ?? zeros, rank, regular));
  const node: OnnxNode = {
    opType: 'ConvTranspose',
    inputs: bias === undefined ? ['X', 'W'] : ['X', 'W', 'B'],
    outputs: ['Y'],
    attributes: attributesOf(chosen, crops.attributes),
  };
  const notes = params.kernelLayout === 'spatial-out-in' ? ['W transposed from [k..., M/group, C] to [C, M/group, k...]'] : [];
  return {
    graph: { name: 'conv_transpose', inputs: inputsOf(feeds), outputs: ['Y'], nodes: [node] },
    feeds,
    form: describeNode('ConvTranspose', chosen, [crops.text], notes),
  };
}

export function onnxPoolCall(request: PoolRequest, choice: FormChoice = 'spread'): OnnxCall {
  const { input: x, params } = request;
  checkLayout('pool', params.layout);
  const rank = x.shape.length - 2;
  const avg = params.kind === 'avg';
  if (params.kind !== 'max' && !avg) throw new Error(`onnxruntime adapter: unknown pooling kind ${String(params.kind)}`);
  const kernel = perAxis(params.kernel, rank)!;
  const strides = perAxis(params.strides, rank);
  const dilations = perAxis(params.dilations, rank);
  const ones = new Array<number>(rank).fill(1);
  const window: Window = { sizes: x.shape.slice(2), kernel, strides: strides ?? ones, dilations: dilations ?? ones };
  const regular = regularWindow(window, rank, requestPads(params.padding, rank));
  const pick = pickerFor(choice, regular, () => requestDigest('pool', request));
  const chosen: [string, Attribute][] = [
    ['kernel_shape', given(kernel)],
    ['strides', pick('strides', defaulted(strides, ones))],
    ['dilations', pick('dilations', defaulted(dilations, ones))],
    ['ceil_mode', pick('ceil_mode', defaulted(bool(params.ceilMode), 0))],
    // MaxPool has no count_include_pad; a value given for max pooling reaches ONNX Runtime, which rejects it.
    ...(avg || params.countIncludePad !== undefined
      ? [
          [
            'count_include_pad',
            avg ? pick('count_include_pad', defaulted(bool(params.countIncludePad), 0)) : given(bool(params.countIncludePad)!),
          ] as [string, Attribute],
        ]
      : []),
  ];
  // auto_pad same fixes the output at ceil(n / s) whatever ceil_mode says: not a form of a ceil-mode request.
  const pads = paddingEntries(pick, paddingOptions(params.padding, window, rank, regular, params.ceilMode !== true));
  const opType = avg ? 'AveragePool' : 'MaxPool';
  const node: OnnxNode = { opType, inputs: ['X'], outputs: ['Y'], attributes: attributesOf(chosen, pads.attributes) };
  return {
    graph: { name: 'pool', inputs: [{ name: 'X', shape: x.shape }], outputs: ['Y'], nodes: [node] },
    feeds: { X: x },
    form: describeNode(opType, chosen, [pads.text]),
  };
}

export function onnxGlobalPoolCall(request: GlobalPoolRequest, choice: FormChoice = 'spread'): OnnxCall {
  const { input: x, params } = request;
  checkLayout('globalPool', params.layout);
  if (params.kind !== 'max' && params.kind !== 'avg') throw new Error(`onnxruntime adapter: unknown pooling kind ${String(params.kind)}`);
  const rank = x.shape.length - 2;
  const sizes = x.shape.slice(2);
  const regular = counts(sizes, rank, 1) && rank >= 1;
  const pick = pickerFor(choice, regular, () => requestDigest('globalPool', request));
  const max = params.kind === 'max';
  const entry = pick('entry', [
    { value: 'global', text: max ? 'GlobalMaxPool' : 'GlobalAveragePool' },
    { value: 'window', text: max ? 'MaxPool' : 'AveragePool' },
    { value: 'reduce', text: max ? 'ReduceMax' : 'ReduceMean' },
  ]);
  const drop = params.keepDims === false;
  // ONNX global pooling and pooling keep the spatial axes as size 1; keepDims false drops them here.
  const dropAxes = (y: Tensor): Tensor => ({ shape: y.shape.slice(0, 2), data: y.data });
  const graph = (nodes: OnnxNode[], initializers: OnnxInt64Initializer[] = []): OnnxGraph => ({
    name: 'global_pool',
    inputs: [{ name: 'X', shape: x.shape }],
    outputs: ['Y'],
    nodes,
    initializers,
  });
  if (entry.value === 'global') {
    return {
      graph: graph([{ opType: entry.text, inputs: ['X'], outputs: ['Y'] }]),
      feeds: { X: x },
      ...(drop ? { finish: dropAxes } : {}),
      form: entry.text,
    };
  }
  if (entry.value === 'window') {
    const node: OnnxNode = { opType: entry.text, inputs: ['X'], outputs: ['Y'], attributes: { kernel_shape: sizes } };
    return {
      graph: graph([node]),
      feeds: { X: x },
      ...(drop ? { finish: dropAxes } : {}),
      form: `${entry.text}(kernel_shape=${list(sizes)}) over the whole input`,
    };
  }
  // Reduce*: the axes are an input since opset 18; keepdims defaults to 1.
  const axes = Array.from({ length: rank }, (_, a) => 2 + a);
  const keepdims = pick('keepdims', drop ? [given(0)] : [omitted, given(1)]);
  const node: OnnxNode = { opType: entry.text, inputs: ['X', 'axes'], outputs: ['Y'], attributes: { keepdims: keepdims.value } };
  return {
    graph: graph([node], [{ name: 'axes', dims: [axes.length], values: axes }]),
    feeds: { X: x },
    form: describeNode(entry.text, [
      ['axes', given(axes)],
      ['keepdims', keepdims],
    ]),
  };
}

export function onnxDenseCall(request: DenseRequest, choice: FormChoice = 'spread'): OnnxCall {
  const { input: x, weight, bias, params } = request;
  const outIn = params.weightLayout === 'out-in';
  if (params.weightLayout !== undefined && params.weightLayout !== 'in-out' && !outIn) {
    throw new Error(`onnxruntime adapter: unknown dense weight layout ${String(params.weightLayout)}`);
  }
  const regular = weight.shape.length === 2;
  const pick = pickerFor(choice, regular, () => requestDigest('dense', request));
  // Gemm takes 2-D A only; MatMul (+ Add) any rank.
  const gemm =
    x.shape.length === 2 &&
    pick('entry', [
      { value: true, text: 'Gemm' },
      { value: false, text: 'MatMul' },
    ]).value;
  if (gemm) {
    // Gemm's default (transB 0) reads B as [in, out]; an out-in weight is read through transB = 1, or transposed here.
    const viaTransB =
      outIn &&
      pick('transpose', [
        { value: true, text: 'transB' },
        { value: false, text: 'B transposed' },
      ]).value;
    const b = outIn && !viaTransB ? transpose(weight, [1, 0]) : weight;
    const feeds: Record<string, Tensor> = { A: x, B: b };
    if (bias !== undefined) feeds.C = bias;
    const transB = viaTransB ? given(1) : pick('transB', [omitted, given(0)]);
    const node: OnnxNode = {
      opType: 'Gemm',
      inputs: bias === undefined ? ['A', 'B'] : ['A', 'B', 'C'],
      outputs: ['Y'],
      attributes: { transB: transB.value },
    };
    return {
      graph: { name: 'gemm', inputs: inputsOf(feeds), outputs: ['Y'], nodes: [node] },
      feeds,
      form: describeNode('Gemm', [['transB', transB]], [], outIn && !viaTransB ? ['B transposed from [out, in] to [in, out]'] : []),
    };
  }
  // MatMul (+ Add), with an out-in weight transposed to [in, out] here.
  const w = outIn && weight.shape.length === 2 ? transpose(weight, [1, 0]) : weight;
  const feeds: Record<string, Tensor> = { A: x, B: w };
  const nodes: OnnxNode[] = [{ opType: 'MatMul', inputs: ['A', 'B'], outputs: [bias === undefined ? 'Y' : 'AB'] }];
  if (bias !== undefined) {
    feeds.C = bias;
    nodes.push({ opType: 'Add', inputs: ['AB', 'C'], outputs: ['Y'] });
  }
  return {
    graph: { name: 'matmul', inputs: inputsOf(feeds), outputs: ['Y'], nodes },
    feeds,
    form: `MatMul${bias === undefined ? '' : ' + Add'}${outIn ? '; B transposed from [out, in] to [in, out]' : ''}`,
  };
}

export function onnxPadCall(request: PadRequest, choice: FormChoice = 'spread'): OnnxCall {
  const { input: x, params } = request;
  checkLayout('pad', params.layout);
  checkFill('pad', params.fill);
  const rank = x.shape.length - 2;
  const begin = perAxis(params.padding.begin, rank)!;
  const end = perAxis(params.padding.end, rank)!;
  const regular = counts(begin, rank, 0) && counts(end, rank, 0);
  const pick = pickerFor(choice, regular, () => requestDigest('pad', request));
  const mode = pick('mode', [given('constant'), omitted]);
  // Pad's optional axes input (since opset 18) names the axes the pads are for; without it they
  // cover every axis, none on batch and channels.
  const onlySpatial = pick('axes', [
    { value: false, text: 'every axis' },
    { value: true, text: 'spatial axes' },
  ]).value;
  const axes = Array.from({ length: rank }, (_, a) => 2 + a);
  const pads = onlySpatial ? [...begin, ...end] : [0, 0, ...begin, 0, 0, ...end];
  // constant_value: absent is 0; given, a scalar input of 0.
  const value = pick('constant_value', [
    { value: false, text: 'omitted' },
    { value: true, text: '0' },
  ]).value;
  const feeds: Record<string, Tensor> = { X: x, ...(value ? { V: { shape: [], data: new Float32Array(1) } } : {}) };
  const inputs = ['X', 'pads', value ? 'V' : '', ...(onlySpatial ? ['axes'] : [])];
  while (inputs[inputs.length - 1] === '') inputs.pop();
  const initializers: OnnxInt64Initializer[] = [
    { name: 'pads', dims: [pads.length], values: pads },
    ...(onlySpatial ? [{ name: 'axes', dims: [axes.length], values: axes }] : []),
  ];
  const node: OnnxNode = { opType: 'Pad', inputs, outputs: ['Y'], attributes: { mode: mode.value } };
  return {
    graph: { name: 'pad', inputs: inputsOf(feeds), outputs: ['Y'], nodes: [node], initializers },
    feeds,
    form: describeNode('Pad', [
      ['mode', mode],
      ['pads', given(pads)],
      ['axes', onlySpatial ? given(axes) : omitted],
      ['constant_value', value ? given(0) : omitted],
    ]),
  };
}
