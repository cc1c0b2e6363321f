/**
 * Data and kernel layouts. Ops read and write through the strides computed here, so the loops
 * of the reference are the same for every layout.
 *
 * @see spec:layout.channels-first
 * @see spec:layout.channels-last
 * @see spec:layout.kernel
 */
import type { Layout } from '../spec/conventions.js';
import { makeTensor, rowMajorStrides, type Tensor } from './tensor.js';

export type { Layout } from '../spec/conventions.js';
export const LAYOUTS = ['channels-first', 'channels-last'] as const;

/**
 * Convolution weight layouts: `out-in-spatial` is [Cout, Cin/groups, k1, ..., kr] (ONNX, PyTorch),
 * `spatial-in-out` is [k1, ..., kr, Cin/groups, Cout] (TensorFlow HWIO).
 */
export const KERNEL_LAYOUTS = ['out-in-spatial', 'spatial-in-out'] as const;
export type KernelLayout = (typeof KERNEL_LAYOUTS)[number];

/** The kernel layout that goes with a data layout when none is given. */
export function defaultKernelLayout(layout: Layout): KernelLayout {
  return layout === 'channels-first' ? 'out-in-spatial' : 'spatial-in-out';
}

/** An activation shape taken apart: batch, channels and spatial sizes. */
export interface ActivationDims {
  batch: number;
  channels: number;
  spatial: number[];
}

export function splitActivationShape(shape: readonly number[], layout: Layout): ActivationDims {
  if (layout === 'channels-first') {
    return { batch: shape[0]!, channels: shape[1]!, spatial: shape.slice(2) };
  }
  return { batch: shape[0]!, channels: shape[shape.length - 1]!, spatial: shape.slice(1, -1) };
}

export function joinActivationShape(dims: ActivationDims, layout: Layout): number[] {
  return layout === 'channels-first' ? [dims.batch, dims.channels, ...dims.spatial] : [dims.batch, ...dims.spatial, dims.channels];
}

/** Element strides of an activation tensor, by logical axis. */
export interface ActivationStrides {
  batch: number;
  channel: number;
  spatial: number[];
}

export function activationStrides(shape: readonly number[], layout: Layout): ActivationStrides {
  const strides = rowMajorStrides(shape);
  if (layout === 'channels-first') {
    return { batch: strides[0]!, channel: strides[1]!, spatial: strides.slice(2) };
  }
  return { batch: strides[0]!, channel: strides[strides.length - 1]!, spatial: strides.slice(1, -1) };
}

/** A kernel shape taken apart: output channels, input channels per group, kernel sizes. */
export interface KernelDims {
  outChannels: number;
  inChannelsPerGroup: number;
  kernel: number[];
}

export function splitKernelShape(shape: readonly number[], layout: KernelLayout): KernelDims {
  if (layout === 'out-in-spatial') {
    return { outChannels: shape[0]!, inChannelsPerGroup: shape[1]!, kernel: shape.slice(2) };
  }
  return {
    outChannels: shape[shape.length - 1]!,
    inChannelsPerGroup: shape[shape.length - 2]!,
    kernel: shape.slice(0, -2),
  };
}

export function joinKernelShape(dims: KernelDims, layout: KernelLayout): number[] {
  return layout === 'out-in-spatial'
    ? [dims.outChannels, dims.inChannelsPerGroup, ...dims.kernel]
    : [...dims.kernel, dims.inChannelsPerGroup, dims.outChannels];
}

/** Element strides of a kernel tensor, by logical axis. */
export interface KernelStrides {
  out: number;
  in: number;
  spatial: number[];
}

export function kernelStrides(shape: readonly number[], layout: KernelLayout): KernelStrides {
  const strides = rowMajorStrides(shape);
  if (layout === 'out-in-spatial') {
    return { out: strides[0]!, in: strides[1]!, spatial: strides.slice(2) };
  }
  return { out: strides[strides.length - 1]!, in: strides[strides.length - 2]!, spatial: strides.slice(0, -2) };
}

/**
 * Permutes a tensor's axes: `permutation[k]` is the input axis that becomes output axis k.
 */
export function transpose(x: Tensor, permutation: readonly number[]): Tensor {
  const outShape = permutation.map((axis) => x.shape[axis]!);
  const y = makeTensor(outShape);
  const inStrides = rowMajorStrides(x.shape);
  const index = new Array<number>(outShape.length).fill(0);
  for (let flat = 0; flat < y.data.length; flat++) {
    let source = 0;
    for (let k = 0; k < outShape.length; k++) source += index[k]! * inStrides[permutation[k]!]!;
    y.data[flat] = x.data[source]!;
    for (let k = outShape.length - 1; k >= 0; k--) {
      index[k]! += 1;
      if (index[k]! < outShape[k]!) break;
      index[k] = 0;
    }
  }
  return y;
}

/** Converts an activation tensor between channels-first and channels-last. */
export function convertLayout(x: Tensor, from: Layout, to: Layout): Tensor {
  if (from === to) return makeTensor(x.shape, x.data);
  const rank = x.shape.length;
  const spatial = Array.from({ length: rank - 2 }, (_, k) => k);
  const permutation = from === 'channels-first' ? [0, ...spatial.map((k) => k + 2), 1] : [0, rank - 1, ...spatial.map((k) => k + 1)];
  return transpose(x, permutation);
}

/** Converts a convolution kernel between its two layouts. */
export function convertKernelLayout(w: Tensor, from: KernelLayout, to: KernelLayout): Tensor {
  if (from === to) return makeTensor(w.shape, w.data);
  const rank = w.shape.length;
  const spatial = Array.from({ length: rank - 2 }, (_, k) => k);
  const permutation = from === 'out-in-spatial' ? [...spatial.map((k) => k + 2), 1, 0] : [rank - 1, rank - 2, ...spatial];
  return transpose(w, permutation);
}
