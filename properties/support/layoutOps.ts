/**
 * Where the channel and spatial axes of activations and kernels are, for each layout, and
 * slicing along them.
 */
import type { Layout } from '../../src/spec/conventions.js';
import type { KernelLayout } from '../../src/tensor/layout.js';
import type { Tensor } from '../../src/tensor/tensor.js';
import { slice } from './tensorOps.js';

export const channelAxis = (layout: Layout, rank: number): number => (layout === 'channels-first' ? 1 : rank - 1);

export const spatialAxes = (layout: Layout, rank: number): number[] =>
  Array.from({ length: rank - 2 }, (_, k) => (layout === 'channels-first' ? k + 2 : k + 1));

export const kernelOutAxis = (layout: KernelLayout, rank: number): number => (layout === 'out-in-spatial' ? 0 : rank - 1);
export const kernelInAxis = (layout: KernelLayout, rank: number): number => (layout === 'out-in-spatial' ? 1 : rank - 2);
export const kernelSpatialAxes = (layout: KernelLayout, rank: number): number[] =>
  Array.from({ length: rank - 2 }, (_, k) => (layout === 'out-in-spatial' ? k + 2 : k));

/** `count` entries from `start` along one axis. */
export function sliceAxis(x: Tensor, axis: number, start: number, count: number): Tensor {
  const begin = x.shape.map((_, a) => (a === axis ? start : 0));
  const shape = x.shape.map((size, a) => (a === axis ? count : size));
  return slice(x, begin, shape);
}
