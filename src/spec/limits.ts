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

/**
 * Requires `limits` to be a record of the two bounds, each a non-negative safe integer: a limit
 * that is NaN, negative or not a number would refuse everything or nothing without saying why.
 */
export function checkLimits(op: string, limits: unknown): asserts limits is Limits {
  if (typeof limits !== 'object' || limits === null || Array.isArray(limits)) {
    throw new CnnSpecError({
      code: 'E_PARAM_FIELD',
      op,
      clause: 'error.limits',
      parameter: 'limits',
      value: limits,
      rule: 'be a record { maxElements, maxOperations }',
    });
  }
  for (const key of Object.keys(limits)) {
    if (key !== 'maxElements' && key !== 'maxOperations') {
      throw new CnnSpecError({
        code: 'E_PARAM_FIELD',
        op,
        clause: 'error.limits',
        parameter: `limits.${key}`,
        value: (limits as Record<string, unknown>)[key],
        rule: 'not be set: known fields are maxElements, maxOperations',
      });
    }
  }
  for (const key of ['maxElements', 'maxOperations'] as const) {
    const value: unknown = (limits as Record<string, unknown>)[key];
    if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) {
      throw new CnnSpecError({
        code: value === undefined ? 'E_PARAM_FIELD' : 'E_PARAM_RANGE',
        op,
        clause: 'error.limits',
        parameter: `limits.${key}`,
        value,
        rule: 'be an integer >= 0 and <= 2^53 - 1',
      });
    }
  }
}
