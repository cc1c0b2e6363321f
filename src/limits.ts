/**
 * Work and memory limits. A configuration that would exceed them is refused before anything is
 * allocated, so that a huge or hostile configuration cannot exhaust memory or hang the run.
 *
 * @see spec:error.limits
 */
import { CnnSpecError } from './CnnSpecError.js';

export interface Limits {
  /** Largest number of elements in any tensor an op allocates. @defaultValue 2^26 (256 MiB of float32) */
  maxElements: number;
  /** Largest number of multiply-accumulates (or window taps) one op may perform. @defaultValue 2^31 */
  maxOperations: number;
}

export const DEFAULT_LIMITS: Readonly<Limits> = Object.freeze({
  maxElements: 2 ** 26,
  maxOperations: 2 ** 31,
});

/** Throws E_TOO_LARGE when `count` exceeds `limit`. */
export function checkLimit(op: string, parameter: string, count: number, limit: number, what: string): void {
  if (!(count <= limit)) {
    throw new CnnSpecError({
      code: 'E_TOO_LARGE',
      op,
      clause: 'error.limits',
      parameter,
      value: count,
      rule: `not exceed the limit of ${limit} ${what}`,
    });
  }
}
