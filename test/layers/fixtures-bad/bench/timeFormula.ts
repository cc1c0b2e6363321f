// A benchmark that imports a test helper: the check must flag it.
import { helper } from '../test/helper.js';

export const timeFormula = (): number => helper();
