/**
 * The table of windowTapTable (windowTaps.ts), from the same `window-tap` formula of spec:
 * shape.window, for the fast paths: the formula's compiled function is called directly, without
 * evaluateFormula's checks of its scope and result on every tap. Those checks cannot fail here: a
 * planned window holds integers below 2^31, so every variable and every tap is a finite integer.
 * test/reference/fastPaths.test.ts compares the two tables.
 */
import { FORMULAS } from '../../spec/formulas.js';
import type { TapWindow } from './windowTaps.js';

const windowTap = FORMULAS['window-tap'].evaluate;

export function windowTapTableFast(window: TapWindow, output: readonly number[]): Float64Array[] {
  return output.map((positions, axis) => {
    const k = window.kernel[axis]!;
    const table = new Float64Array(positions * k);
    const scope = { o: 0, s: window.strides[axis]!, pb: window.padBegin[axis]!, d: window.dilations[axis]!, j: 0 };
    for (let o = 0; o < positions; o++) {
      scope.o = o;
      for (let j = 0; j < k; j++) {
        scope.j = j;
        table[o * k + j] = windowTap(scope) as number;
      }
    }
    return table;
  });
}
