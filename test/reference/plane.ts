/**
 * One 2-D plane as a [1, 1, H, W] channels-first tensor and back, so that a hand-derived case
 * reads as the picture it draws.
 */
import { expect } from 'vitest';
import { makeTensor, type Tensor } from '../../src/tensor/tensor.js';

/** The rows as a tensor of shape [1, 1, rows, columns]. */
export function plane(rows: readonly (readonly number[])[]): Tensor {
  return makeTensor([1, 1, rows.length, rows[0]!.length], rows.flat());
}

/** The rows of a [1, 1, H, W] tensor; any other shape fails the test. */
export function planeRows(y: Tensor): number[][] {
  expect(y.shape.length, `shape [${y.shape.join(', ')}]`).toBe(4);
  expect(y.shape.slice(0, 2), `shape [${y.shape.join(', ')}]`).toEqual([1, 1]);
  const [, , height, width] = y.shape as [number, number, number, number];
  return Array.from({ length: height }, (_, r) => Array.from(y.data.subarray(r * width, (r + 1) * width)));
}
