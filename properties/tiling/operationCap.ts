/**
 * How many multiply-accumulates or window taps one tiled case may cost: 256 per element the run
 * allows a tensor (2^20 at the default cap of 4096), so that a property of the family runs in
 * about a second against the reference at the default number of runs, and a larger cap buys
 * larger cases.
 */
import type { PropertyContext } from '../PropertyDefinition.js';

export const OPERATIONS_PER_ELEMENT = 256;

export function operationCap(ctx: Pick<PropertyContext, 'maxElements'>): number {
  return OPERATIONS_PER_ELEMENT * ctx.maxElements;
}
