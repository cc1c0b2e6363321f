/**
 * Parameter checks shared by every op. Each throws a {@link CnnSpecError} that names the op,
 * the parameter, the value and the rule, and cites the clause that states the rule.
 *
 * @see spec:error.typed
 */
import { CnnSpecError } from './CnnSpecError.js';

/** Largest size accepted for any single dimension, stride, dilation or pad. @see spec:error.limits */
export const MAX_DIMENSION = 2 ** 31 - 1;

export interface CheckContext {
  op: string;
  clause: string;
}

/** Requires an integer in [min, MAX_DIMENSION]. NaN, fractions, infinities and non-numbers fail. */
export function checkInteger(ctx: CheckContext, parameter: string, value: unknown, min: number): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > MAX_DIMENSION) {
    throw new CnnSpecError({
      code: 'E_PARAM_RANGE',
      op: ctx.op,
      clause: ctx.clause,
      parameter,
      value,
      rule: `be an integer >= ${min} and <= ${MAX_DIMENSION}`,
    });
  }
  return value;
}

/**
 * Accepts one integer (applied to every axis) or one integer per axis, and returns one per axis.
 * @see spec:conv.per-axis
 */
export function checkPerAxis(
  ctx: CheckContext,
  parameter: string,
  value: unknown,
  rank: number,
  min: number,
): number[] {
  if (typeof value === 'number') {
    checkInteger(ctx, parameter, value, min);
    return new Array<number>(rank).fill(value);
  }
  if (!Array.isArray(value) || value.length !== rank) {
    throw new CnnSpecError({
      code: 'E_PARAM_ARITY',
      op: ctx.op,
      clause: ctx.clause,
      parameter,
      value,
      rule: `be an integer or an array of ${rank} integers (one per spatial axis)`,
    });
  }
  return value.map((entry: unknown, axis) => checkInteger(ctx, `${parameter}[${axis}]`, entry, min));
}

/** Requires one of a closed set of strings. */
export function checkEnum<T extends string>(
  ctx: CheckContext,
  parameter: string,
  value: unknown,
  allowed: readonly T[],
): T {
  if (typeof value !== 'string' || !(allowed as readonly string[]).includes(value)) {
    throw new CnnSpecError({
      code: 'E_PARAM_ENUM',
      op: ctx.op,
      clause: ctx.clause,
      parameter,
      value,
      rule: `be one of ${allowed.map((entry) => JSON.stringify(entry)).join(', ')}`,
    });
  }
  return value as T;
}

/** Requires a boolean. */
export function checkBoolean(ctx: CheckContext, parameter: string, value: unknown): boolean {
  if (typeof value !== 'boolean') {
    throw new CnnSpecError({
      code: 'E_PARAM_RANGE',
      op: ctx.op,
      clause: ctx.clause,
      parameter,
      value,
      rule: 'be true or false',
    });
  }
  return value;
}

/** Rejects fields a parameter record does not define, so that a typo is not silently ignored. */
export function checkKnownFields(
  ctx: CheckContext,
  parameter: string,
  record: unknown,
  known: readonly string[],
): Record<string, unknown> {
  if (typeof record !== 'object' || record === null || Array.isArray(record)) {
    throw new CnnSpecError({
      code: 'E_PARAM_FIELD',
      op: ctx.op,
      clause: ctx.clause,
      parameter,
      value: record,
      rule: 'be a plain object',
    });
  }
  for (const key of Object.keys(record)) {
    if (!known.includes(key)) {
      throw new CnnSpecError({
        code: 'E_PARAM_FIELD',
        op: ctx.op,
        clause: ctx.clause,
        parameter: `${parameter}.${key}`,
        value: (record as Record<string, unknown>)[key],
        rule: `not be set: known fields are ${known.join(', ')}`,
      });
    }
  }
  return record as Record<string, unknown>;
}
