// The other half of the cycle with runAll.ts.
import { runAll } from './runAll.js';

export const runOne = (): string => (typeof runAll === 'function' ? 'one' : '');
