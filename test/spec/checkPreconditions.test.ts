/**
 * checkPreconditions throws the error of the first broken row, with its fields filled from the
 * facts, and returns when no row is broken.
 */
import { describe, expect, it } from 'vitest';
import { CnnSpecError } from '../../src/spec/CnnSpecError.js';
import { checkPreconditions } from '../../src/spec/checkPreconditions.js';
import type { Precondition } from '../../src/spec/Precondition.js';

interface Facts {
  size: number;
  axis: number;
}

const ROWS: readonly Precondition<Facts>[] = [
  {
    when: (f) => f.size < 1,
    code: 'E_PARAM_RANGE',
    clause: 'shape.stride',
    parameter: 'size',
    value: (f) => f.size,
    rule: 'be >= 1',
  },
  {
    when: (f) => f.size % 2 !== 0,
    code: 'E_INEXACT',
    clause: 'shape.output-size.exact',
    parameter: (f) => `size[${f.axis}]`,
    value: (f) => f.size,
    rule: (f) => `be even along axis ${f.axis}`,
  },
  {
    when: (f) => f.size > 10,
    code: 'E_TOO_LARGE',
    clause: 'error.limits',
    parameter: 'size',
    value: (f) => f.size,
    rule: 'be <= 10',
  },
];

function caught(facts: Facts): CnnSpecError {
  try {
    checkPreconditions('demo', ROWS, facts);
  } catch (error) {
    if (error instanceof CnnSpecError) return error;
    throw error;
  }
  throw new Error(`no error for ${JSON.stringify(facts)}`);
}

describe('checkPreconditions', () => {
  it('returns when no row is broken', () => {
    expect(() => checkPreconditions('demo', ROWS, { size: 4, axis: 0 })).not.toThrow();
    expect(() => checkPreconditions('demo', [], { size: -1, axis: 0 })).not.toThrow();
  });

  it('throws the first broken row, not a later one that is broken too', () => {
    // 11 breaks the second and the third row.
    const error = caught({ size: 11, axis: 2 });
    expect(error.code).toBe('E_INEXACT');
    // -1 breaks the first and the second row.
    expect(caught({ size: -1, axis: 0 }).code).toBe('E_PARAM_RANGE');
    expect(caught({ size: 12, axis: 0 }).code).toBe('E_TOO_LARGE');
  });

  it('fills parameter, value and rule from the facts when they are functions, and names the op and clause', () => {
    const error = caught({ size: 3, axis: 1 });
    expect(error.toJSON()).toEqual({
      code: 'E_INEXACT',
      op: 'demo',
      clause: 'shape.output-size.exact',
      parameter: 'size[1]',
      value: 3,
      rule: 'be even along axis 1',
      message: 'demo: size[1] (3) must be even along axis 1 [E_INEXACT, spec: shape.output-size.exact]',
    });
  });

  it('uses fixed parameter and rule texts as they are', () => {
    expect(caught({ size: 0, axis: 4 }).message).toBe('demo: size (0) must be >= 1 [E_PARAM_RANGE, spec: shape.stride]');
  });

  it('evaluates no row after the one that throws', () => {
    const seen: number[] = [];
    const row = (index: number, broken: boolean): Precondition<null> => ({
      when: () => {
        seen.push(index);
        return broken;
      },
      code: 'E_UNSUPPORTED',
      clause: 'shape.stride',
      parameter: `p${index}`,
      value: () => index,
      rule: 'hold',
    });
    expect(() => checkPreconditions('demo', [row(0, false), row(1, true), row(2, true)], null)).toThrow(/p1 \(1\)/);
    expect(seen).toEqual([0, 1]);
  });
});
