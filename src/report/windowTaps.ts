/**
 * The input coordinates the window of one output position reads, per spatial axis, from the
 * formula of spec: shape.window. Coordinates below 0 or from the input size on are padding.
 */
import { evaluateFormula } from '../spec/formulas.js';
import type { FailureEvidence } from './model/Report.js';

export function windowTaps(window: NonNullable<FailureEvidence['window']>, output: readonly number[]): number[][] {
  return window.kernel.map((k, axis) =>
    Array.from({ length: k }, (_, j) =>
      evaluateFormula('window-tap', { o: output[axis]!, s: window.strides[axis]!, pb: window.padBegin[axis]!, j, d: window.dilations[axis]! }),
    ),
  );
}
