/**
 * The input coordinates a window reads, from the `window-tap` formula of spec: shape.window
 * (i = o * s - pb + j * d), so that the reference, the properties and the reports take a window's
 * taps from the one formula the spec prints. Coordinates below 0 or from the input size on lie in
 * the padding.
 */
import { evaluateFormula } from '../../spec/formulas.js';

/** A window's geometry along every spatial axis. */
export interface TapWindow {
  readonly kernel: readonly number[];
  readonly strides: readonly number[];
  readonly dilations: readonly number[];
  readonly padBegin: readonly number[];
}

/** The coordinates along `axis` of the taps j = 0 .. k - 1 of output position `o`. */
export function axisTaps(window: TapWindow, axis: number, o: number): number[] {
  const scope = { o, s: window.strides[axis]!, pb: window.padBegin[axis]!, d: window.dilations[axis]! };
  return Array.from({ length: window.kernel[axis]! }, (_, j) => evaluateFormula('window-tap', { ...scope, j }));
}

/**
 * Every tap coordinate of every output position, per axis: `table[axis][o * k + j]` is tap j of
 * output position o, for `output[axis]` positions. Found once per call, so that loops over
 * batches and channels read them instead of recomputing them.
 */
export function windowTapTable(window: TapWindow, output: readonly number[]): Float64Array[] {
  return output.map((positions, axis) => {
    const k = window.kernel[axis]!;
    const table = new Float64Array(positions * k);
    for (let o = 0; o < positions; o++) table.set(axisTaps(window, axis, o), o * k);
    return table;
  });
}
