/**
 * The input coordinates the window of one output position reads, per spatial axis (spec:
 * shape.window). Coordinates below 0 or from the input size on are padding.
 */
import { axisTaps } from '../ops/window/windowTaps.js';
import type { FailureEvidence } from './model/Report.js';

export function windowTaps(window: NonNullable<FailureEvidence['window']>, output: readonly number[]): number[][] {
  return window.kernel.map((_, axis) => axisTaps(window, axis, output[axis]!));
}
