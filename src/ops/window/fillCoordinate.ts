/**
 * Where a tap that falls in the padding reads its value from, for each fill mode.
 *
 * @see spec:padding.fill.zeros
 * @see spec:padding.fill.reflect
 * @see spec:padding.fill.replicate
 * @see spec:padding.fill.circular
 */
import { checkPreconditions } from '../../spec/checkPreconditions.js';
import { FILL_LIMIT_RULES } from './windowPreconditions.js';

export const FILL_MODES = ['zeros', 'reflect', 'replicate', 'circular'] as const;
export type FillMode = (typeof FILL_MODES)[number];

/** Marks a tap that reads no input: it contributes nothing. */
export const NO_SOURCE = -1;

/**
 * Maps coordinate `i` along an axis of size `n`, padded by `padBegin` and `padEnd`, to the input
 * coordinate it reads, or NO_SOURCE. Taps outside the padded extent (possible only when the
 * output size is rounded up or truncated) read nothing whatever the fill mode.
 *
 * @see spec:padding.fill.extent
 */
export function fillCoordinate(i: number, n: number, padBegin: number, padEnd: number, fill: FillMode): number {
  if (i >= 0 && i < n) return i;
  if (i < -padBegin || i >= n + padEnd) return NO_SOURCE;
  switch (fill) {
    case 'zeros':
      return NO_SOURCE;
    case 'reflect':
      // Mirror about the edge element, which is not repeated: -1 reads 1, n reads n - 2.
      return i < 0 ? -i : 2 * (n - 1) - i;
    case 'replicate':
      return i < 0 ? 0 : n - 1;
    case 'circular':
      return i < 0 ? i + n : i - n;
  }
}

/**
 * Rejects pads larger than a fill mode can fill: reflect needs pad <= n - 1 (one reflection,
 * edge not repeated), circular needs pad <= n (one wrap). Zeros and replicate have no limit.
 */
export function checkFillLimits(
  op: string,
  fill: FillMode,
  input: readonly number[],
  padBegin: readonly number[],
  padEnd: readonly number[],
): void {
  input.forEach((n, axis) => {
    for (const [side, pad] of [
      ['begin', padBegin[axis]!],
      ['end', padEnd[axis]!],
    ] as const) {
      checkPreconditions(op, FILL_LIMIT_RULES, { fill, n, axis, side, pad });
    }
  });
}
