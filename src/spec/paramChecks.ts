/**
 * Parameter checks shared by every op. Each throws a {@link CnnSpecError} that names the op,
 * the parameter, the value and the rule, and cites the clause that states the rule.
 *
 * @see spec:error.typed
 */
import { CnnSpecError } from './CnnSpecError.js';
import { nearestName } from './nearestName.js';

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
export function checkPerAxis(ctx: CheckContext, parameter: string, value: unknown, rank: number, min: number): number[] {
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
  // An index loop, not map: map skips the holes of a sparse array, which would pass unchecked.
  return Array.from({ length: rank }, (_, axis) => checkInteger(ctx, `${parameter}[${axis}]`, value[axis], min));
}

/** Requires one of a closed set of strings. */
export function checkEnum<T extends string>(ctx: CheckContext, parameter: string, value: unknown, allowed: readonly T[]): T {
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

/** Whether a value is a plain record: an object literal, a JSON object, or an object without prototype. */
export function isPlainRecord(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const prototype: unknown = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}

/**
 * Rejects fields a parameter record does not define, so that a typo is not silently ignored, and
 * names the known field it most likely meant.
 * The record must be plain: fields inherited from another prototype (a class instance, a Map,
 * an object made with Object.create) would be read without being checked.
 */
export function checkKnownFields(ctx: CheckContext, parameter: string, record: unknown, known: readonly string[]): Record<string, unknown> {
  if (!isPlainRecord(record)) {
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
      const suggestion = nearestName(key, known);
      throw new CnnSpecError({
        code: 'E_PARAM_FIELD',
        op: ctx.op,
        clause: ctx.clause,
        parameter: `${parameter}.${key}`,
        value: (record as Record<string, unknown>)[key],
        rule: `not be set: ${suggestion === undefined ? '' : `did you mean ${JSON.stringify(suggestion)}? `}known fields are ${known.join(', ')}`,
      });
    }
  }
  return record as Record<string, unknown>;
}

/**
 * The value of an optional parameter: the default only when the parameter is absent. `null` is a
 * value like any other and is checked (and rejected) as one, never read as "use the default".
 */
export function orDefault<T>(value: T | undefined, fallback: T): T {
  return value === undefined ? fallback : value;
}

/**
 * Requires the effective (dilated) kernel d * (k - 1) + 1 to be a size, so that every size the
 * window formulas derive from it stays an exact integer below 2^53.
 *
 * @see spec:error.limits
 * @see spec:shape.effective-kernel
 */
export function checkEffectiveKernel(op: string, parameter: string, kernel: number, dilation: number): void {
  const effective = dilation * (kernel - 1) + 1;
  if (effective > MAX_DIMENSION) {
    throw new CnnSpecError({
      code: 'E_PARAM_RANGE',
      op,
      clause: 'error.limits',
      parameter,
      value: dilation,
      rule: `give an effective kernel d * (k - 1) + 1 = ${dilation} * (${kernel} - 1) + 1 <= ${MAX_DIMENSION}`,
    });
  }
}
