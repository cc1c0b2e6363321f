/**
 * TensorFlow.js (tfjs-core 4.x) behind the adapter interface, on the `cpu` or the `wasm` backend.
 *
 * The adapter only converts representations: data layouts (TF.js ops are channels-last, except
 * `conv2d`, whose CPU kernel also reads NCHW), kernel layouts (TF.js filters are HWIO; depthwise
 * filters `[k..., C, m]`), pads (`{ begin, end }` to TF.js's explicit `[[0, 0], [t, b], [l, r],
 * [0, 0]]` or, where that is the only form, a number), and 1-D ops to TF.js's 2-D ops with a
 * height of 1 (as `tf.conv1d` itself does). It never corrects what TF.js computes, so every
 * divergence from the spec shows up as a property failure. Omitted parameters are passed on
 * as omitted where TF.js has a default (pooling strides: TF.js has none and throws).
 *
 * TF.js is imported lazily; the packages are optional peer dependencies.
 *
 * @see spec:convention.tfjs
 */
import type * as TF from '@tensorflow/tfjs-core';
import type { FillMode } from '../fillCoordinate.js';
import type { Feature } from '../features.js';
import { convertKernelLayout, convertLayout, defaultKernelLayout, type KernelLayout, type Layout } from '../layout.js';
import type { Padding } from '../planWindow.js';
import { elementCount, type Tensor } from '../tensor.js';
import { ADAPTER_API_VERSION, AdapterFault, UnsupportedCase, type Adapter } from './Adapter.js';

export type TfjsBackend = 'cpu' | 'wasm';

type Tf = typeof TF;
type TfTensor = TF.Tensor;
/** TF.js explicit padding: one [before, after] pair per axis of a 4-D tensor. */
type TfExplicitPadding = [[number, number], [number, number], [number, number], [number, number]];
type TfPad = 'valid' | 'same' | number | TfExplicitPadding;

const BACKEND_PACKAGES: Record<TfjsBackend, string> = {
  cpu: '@tensorflow/tfjs-backend-cpu',
  wasm: '@tensorflow/tfjs-backend-wasm',
};

/** What TF.js can express; everything else is left out (spec: convention.tfjs). */
export const TFJS_FEATURES: readonly Feature[] = [
  'conv',
  'conv.bias',
  'conv.dilation',
  'conv.depthwise', // depthwiseConv2d: 1-D through a height of 1, not 3-D (UnsupportedCase)
  'pool.max',
  'pool.avg',
  'pool.global-max', // tf.max over the spatial axes
  'pool.global-avg', // tf.mean over the spatial axes
  'pool.ceil-mode', // dimRoundingMode 'ceil' with explicit or numeric pads
  'pool.same',
  'dense',
  'dense.bias',
  'dense.rank-3',
  'pad', // tf.pad (zeros)
  'padding.same-upper', // 'same'
  'padding.explicit-asymmetric', // 1-D and 2-D only: 3-D ops take 'valid', 'same' or one number
  'layout.channels-first',
  'layout.channels-last',
  'spatial-rank-1',
  'spatial-rank-2',
  'spatial-rank-3',
];

function missingPackage(name: string, cause: unknown): Error {
  return new Error(
    `tfjsAdapter needs the package ${name} (install it with: npm install --save-dev ${name}@^4.22.0)`,
    { cause },
  );
}

function isModuleNotFound(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === 'ERR_MODULE_NOT_FOUND' || code === 'MODULE_NOT_FOUND';
}

async function importPackage(name: string): Promise<unknown> {
  try {
    return await import(name);
  } catch (error) {
    if (isModuleNotFound(error)) throw missingPackage(name, error);
    throw error;
  }
}

/** tfjs-core is CommonJS under Node: the namespace has its named exports, or only a default. */
async function loadTfjs(backend: TfjsBackend): Promise<Tf> {
  const core = (await importPackage('@tensorflow/tfjs-core')) as Tf & { default?: Tf };
  const tf: Tf = typeof core.conv2d === 'function' ? core : (core.default as Tf);
  await importPackage(BACKEND_PACKAGES[backend]);
  // Silences the "looks like you are running TensorFlow.js in Node.js" banner.
  tf.env().set('IS_TEST', true);
  if (!(await tf.setBackend(backend))) throw new Error(`TF.js could not initialise its ${backend} backend`);
  await tf.ready();
  return tf;
}

/** A per-axis parameter as an array of `rank` numbers; undefined stays undefined. */
function perAxis(value: number | readonly number[] | undefined, rank: number): number[] | undefined {
  if (value === undefined) return undefined;
  return typeof value === 'number' ? new Array<number>(rank).fill(value) : [...value];
}

function spatialRank(shape: readonly number[]): number {
  const rank = shape.length - 2;
  if (rank < 1 || rank > 3) throw new Error(`tfjsAdapter: an activation must have rank 3 to 5, got shape [${shape.join(', ')}]`);
  return rank;
}

function channelsOf(shape: readonly number[], layout: Layout): number {
  return layout === 'channels-first' ? shape[1]! : shape[shape.length - 1]!;
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
    ? [[0, 0], [bh, eh], [bw, ew], [0, 0]]
    : [[0, 0], [0, 0], [bh, eh], [bw, ew]];
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
function asTwoD(values: number[] | undefined, rank: number): number[] | undefined {
  return values !== undefined && rank === 1 ? [1, values[0]!] : values;
}

/** Why the process's wasm module must not be used again, once a call has broken it. */
let wasmFailure: string | undefined;

/**
 * Why TF.js's wasm module in this process is broken, if it is. An out-of-process server exits
 * then, so that the kit restarts it with a fresh module (spec: protocol.timeouts).
 */
export function tfjsWasmFailure(): string | undefined {
  return wasmFailure;
}

export async function tfjsAdapter(backend: TfjsBackend = 'cpu'): Promise<Adapter> {
  if (backend !== 'cpu' && backend !== 'wasm') throw new Error(`tfjsAdapter: unknown backend ${JSON.stringify(backend)} (cpu or wasm)`);
  const tf = await loadTfjs(backend);
  let disposed = false;

  /**
   * Runs `build` inside tf.tidy on this adapter's backend and returns a copy of the result;
   * every tensor made on the way, the result included, is disposed.
   */
  async function compute(build: () => TfTensor): Promise<Tensor> {
    if (disposed) throw new Error(`adapter tfjs-${backend} has been disposed`);
    if (backend === 'wasm' && wasmFailure !== undefined) {
      throw new AdapterFault(`the TF.js wasm backend is unusable in this process after an earlier call: ${wasmFailure}`);
    }
    // Several adapters share TF.js's one engine; each call runs on its own backend.
    if (tf.getBackend() !== backend && !(await tf.setBackend(backend))) {
      throw new Error(`TF.js could not switch to its ${backend} backend`);
    }
    let result: TfTensor;
    try {
      result = tf.tidy(build);
    } catch (error) {
      // A trap inside the wasm module (e.g. "memory access out of bounds") leaves its heap in an
      // unknown state: later results could be garbage, so the backend is not used again.
      if (backend === 'wasm' && (error as Error | null)?.name === 'RuntimeError') wasmFailure = (error as Error).message;
      throw error;
    }
    try {
      if (backend === 'wasm' && result.shape.some((size) => size < 0)) {
        // TF.js allocated an output of negative size (spec: defect.tfjs-negative-shape), which on
        // wasm overwrites its heap. The result is still returned, as TF.js computed it.
        wasmFailure = `TF.js made an output of shape [${result.shape.join(', ')}]`;
      }
      const data = await result.data();
      return { shape: [...result.shape], data: Float32Array.from(data as ArrayLike<number>) };
    } finally {
      result.dispose();
    }
  }

  /** A TF.js float32 tensor holding a copy of a cnnspec tensor, optionally reshaped. */
  const toTf = (x: Tensor, shape: readonly number[] = x.shape): TfTensor => tf.tensor(Float32Array.from(x.data), [...shape], 'float32');

  return {
    name: `tfjs-${backend}`,
    version: tf.version_core,
    adapterApi: ADAPTER_API_VERSION,
    convention: 'tfjs',
    features: TFJS_FEATURES,

    async conv({ input, weight, bias, params }) {
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
      // conv2d's CPU kernel reads NCHW itself; every other TF.js convolution is channels-last only.
      const nativeNchw = layout === 'channels-first' && rank === 2 && !depthwise && backend === 'cpu';
      const format = nativeNchw ? 'NCHW' : 'NHWC';

      let pad: TfPad;
      if (typeof padding === 'string') {
        pad = checkAutoPadding(padding);
      } else {
        const { begin, end } = explicitPads(padding, rank);
        if (rank < 3) pad = explicit4d(begin, end, format);
        else if ([...begin, ...end].every((p) => p === 0)) pad = 'valid'; // conv3d maps 'valid' to pad 0 itself
        else throw new UnsupportedCase(`TF.js conv3d takes only 'valid' or 'same' padding (pads ${JSON.stringify({ begin, end })})`);
      }

      // Filters as TF.js wants them: HWIO, or [k..., C, multiplier] for depthwise.
      const hwio = convertKernelLayout(weight, kernelLayout, 'spatial-in-out');
      const x = nativeNchw || layout === 'channels-last' ? input : convertLayout(input, 'channels-first', 'channels-last');
      const kernel = hwio.shape.slice(0, rank);
      const outChannels = hwio.shape[rank + 1]!;

      const result = await compute(() => {
        let y: TfTensor;
        if (depthwise) {
          const batch = x.shape[0]!;
          const filterShape = [...(rank === 1 ? [1] : []), ...kernel, channels, outChannels / channels];
          const filter = tf.reshape(toTf(hwio), filterShape as [number, number, number, number]) as TF.Tensor4D;
          const x4 = toTf(x, rank === 1 ? [batch, 1, x.shape[1]!, channels] : x.shape) as TF.Tensor4D;
          y = tf.depthwiseConv2d(x4, filter, asTwoD(strides, rank) as [number, number], pad, 'NHWC', asTwoD(dilations, rank) as [number, number]);
          if (rank === 1) y = tf.reshape(y, [batch, y.shape[2]!, y.shape[3]!]);
        } else if (rank === 1) {
          y = tf.conv1d(toTf(x) as TF.Tensor3D, toTf(hwio) as TF.Tensor3D, strides[0]!, pad, 'NWC', dilations[0]!);
        } else if (rank === 2) {
          y = tf.conv2d(toTf(x) as TF.Tensor4D, toTf(hwio) as TF.Tensor4D, strides as [number, number], pad, format, dilations as [number, number]);
        } else {
          y = tf.conv3d(
            toTf(x) as TF.Tensor5D,
            toTf(hwio) as TF.Tensor5D,
            strides as [number, number, number],
            pad as 'valid' | 'same',
            'NDHWC',
            dilations as [number, number, number],
          );
        }
        if (bias !== undefined) {
          const b = toTf(bias);
          y = tf.add(y, nativeNchw ? tf.reshape(b, [outChannels, 1, 1]) : b);
        }
        return y;
      });
      return nativeNchw || layout === 'channels-last' ? result : convertLayout(result, 'channels-last', 'channels-first');
    },

    async pool({ input, params }) {
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
      let roundingMode: 'ceil' | undefined = params.ceilMode === true ? 'ceil' : undefined;
      let pad: TfPad;
      if (typeof padding === 'string') {
        pad = checkAutoPadding(padding);
        if (roundingMode !== undefined) {
          if (pad === 'same') {
            // Ceil mode changes nothing with same padding (spec: padding.same.output-size), and
            // TF.js refuses a rounding mode with a string pad.
            roundingMode = undefined;
          } else {
            // TF.js takes a rounding mode only with numeric pads: 'valid' is zero pads.
            pad = rank === 3 ? 0 : explicit4d(new Array<number>(rank).fill(0), new Array<number>(rank).fill(0), 'NHWC');
          }
        }
      } else {
        const { begin, end } = explicitPads(padding, rank);
        if (rank < 3) {
          pad = explicit4d(begin, end, 'NHWC');
        } else if ([...begin, ...end].every((p) => p === begin[0])) {
          pad = begin[0]!; // maxPool3d and avgPool3d take one number for every side of every axis
        } else {
          throw new UnsupportedCase(`TF.js 3-D pooling takes one pad for every side of every axis (pads ${JSON.stringify({ begin, end })})`);
        }
      }

      const x = layout === 'channels-last' ? input : convertLayout(input, 'channels-first', 'channels-last');
      const result = await compute(() => {
        if (rank === 3) {
          const x5 = toTf(x) as TF.Tensor5D;
          const k3 = kernel as [number, number, number];
          const s3 = strides as [number, number, number];
          const p3 = pad as 'valid' | 'same' | number;
          return params.kind === 'max' ? tf.maxPool3d(x5, k3, s3, p3, roundingMode) : tf.avgPool3d(x5, k3, s3, p3, roundingMode);
        }
        const [batch, channels] = [x.shape[0]!, x.shape[x.shape.length - 1]!];
        const x4 = toTf(x, rank === 1 ? [batch, 1, x.shape[1]!, channels] : x.shape) as TF.Tensor4D;
        const k2 = asTwoD(kernel, rank) as [number, number];
        const s2 = asTwoD(strides, rank) as [number, number];
        const p2 = pad as Exclude<TfPad, number>;
        const y = params.kind === 'max' ? tf.maxPool(x4, k2, s2, p2, roundingMode) : tf.avgPool(x4, k2, s2, p2, roundingMode);
        return rank === 1 ? tf.reshape(y, [batch, y.shape[2]!, channels]) : y;
      });
      return layout === 'channels-last' ? result : convertLayout(result, 'channels-last', 'channels-first');
    },

    async globalPool({ input, params }) {
      const rank = spatialRank(input.shape);
      const layout: Layout = params.layout ?? 'channels-last';
      const first = layout === 'channels-first' ? 2 : 1;
      const axes = Array.from({ length: rank }, (_, a) => first + a);
      // keepDims omitted stays omitted: tf.max and tf.mean drop the axes by default.
      return compute(() => (params.kind === 'max' ? tf.max(toTf(input), axes, params.keepDims) : tf.mean(toTf(input), axes, params.keepDims)));
    },

    async dense({ input, weight, bias, params }) {
      const inFeatures = input.shape[input.shape.length - 1]!;
      const rows = input.shape.slice(0, -1);
      const transposeB = (params.weightLayout ?? 'in-out') === 'out-in';
      const outFeatures = weight.shape[transposeB ? 0 : 1]!;
      // As tfjs-layers' Dense: the leading axes are flattened into rows for one matMul.
      return compute(() => {
        let y: TfTensor = tf.matMul(toTf(input, [elementCount(rows), inFeatures]) as TF.Tensor2D, toTf(weight) as TF.Tensor2D, false, transposeB);
        if (bias !== undefined) y = tf.add(y, toTf(bias));
        return tf.reshape(y, [...rows, outFeatures]);
      });
    },

    async pad({ input, params }) {
      const rank = spatialRank(input.shape);
      const layout: Layout = params.layout ?? 'channels-last';
      checkZeroFill(params.fill);
      const { begin, end } = explicitPads(params.padding, rank);
      const spatial: Array<[number, number]> = begin.map((b, a) => [b, end[a]!]);
      const paddings: Array<[number, number]> =
        layout === 'channels-first' ? [[0, 0], [0, 0], ...spatial] : [[0, 0], ...spatial, [0, 0]];
      return compute(() => tf.pad(toTf(input), paddings));
    },

    async dispose() {
      // Every call disposes its tensors; the engine and its backends are shared with any other
      // TF.js user in the process, so they are left alone.
      disposed = true;
    },
  };
}
