// Half of an import cycle with runOne.ts: the cycle check must flag it.
import { runOne } from './runOne.js';

export const runAll = (): string[] => [runOne()];
