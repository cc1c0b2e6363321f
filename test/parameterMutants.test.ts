/**
 * The properties of error.parameter-range find every parameter-range mutant at every seed from
 * 1 to 8 with the default 40 runs, each through a failing property that cites the clause the bug
 * breaks; and the reference passes them all at those seeds. Only the properties that call a
 * method the mutant changes are run, and a seed stops at the first one that finds it.
 */
import { describe, expect, it } from 'vitest';
import { referenceAdapter } from '../src/adapter/referenceAdapter.js';
import { INVALID_PARAMETER_PROPERTIES } from '../properties/convention/invalidParameters.js';
import type { PropertyDefinition } from '../properties/PropertyDefinition.js';
import { formatFailure, runProperty } from '../properties/runProperty.js';
import { LARGE_PARAMETER_PROPERTIES } from '../properties/shape/largeParameters.js';
import { adapterParamCount } from '../properties/shape/outputShapes.js';
import { BEYOND_LIMIT_EXACT, PARAMETER_MUTANTS, WINDOW_FIELDS_IN_INT32 } from './mutants/parameterMutants.js';

const PROPERTIES = [...INVALID_PARAMETER_PROPERTIES, ...LARGE_PARAMETER_PROPERTIES, adapterParamCount] as PropertyDefinition<unknown>[];
const SEEDS = [1, 2, 3, 4, 5, 6, 7, 8];
const NUM_RUNS = 40;

describe('parameter-range mutants are found at every seed', () => {
  for (const mutant of PARAMETER_MUTANTS) {
    it(`rejects ${mutant.name}: ${mutant.bug}`, async () => {
      const properties = PROPERTIES.filter((property) => property.ops.some((op) => mutant.changes.includes(op)));
      expect(properties.length).toBeGreaterThan(0);
      const missed: number[] = [];
      const errors: string[] = [];
      for (const seed of SEEDS) {
        let found = false;
        for (const property of properties) {
          const result = await runProperty(property, mutant.adapter, { seed, numRuns: NUM_RUNS });
          if (result.status === 'error') errors.push(`seed ${seed} ${property.id}: ${result.message}`);
          if (result.status === 'fail' && result.spec.some((clause) => mutant.expectClauses.includes(clause))) {
            found = true;
            break;
          }
        }
        if (!found) missed.push(seed);
      }
      // A broken implementation is found by failing properties, never by the kit breaking.
      expect(errors).toEqual([]);
      expect(missed, `seeds at which no property citing ${mutant.expectClauses.join(' or ')} failed`).toEqual([]);
    }, 60_000);
  }

  // spec: error.limits — beyond the limit a rejection or the exact answer, never a wrapped one
  const LIMITS = INVALID_PARAMETER_PROPERTIES.filter((property) =>
    property.id.includes('/limits/oversized-'),
  ) as PropertyDefinition<unknown>[];

  it('passes an adapter that answers strides and one-tap dilations beyond 2^31 - 1 exactly, at every seed', async () => {
    expect(LIMITS.map((property) => property.id).sort()).toEqual([
      'conv/limits/oversized-parameters-are-rejected-or-exact',
      'pool/limits/oversized-parameters-are-rejected-or-exact',
    ]);
    const failures: string[] = [];
    for (const seed of SEEDS) {
      for (const property of LIMITS) {
        const result = await runProperty(property, BEYOND_LIMIT_EXACT, { seed, numRuns: NUM_RUNS });
        if (result.status !== 'pass')
          failures.push(result.status === 'fail' ? formatFailure(result) : `seed ${seed} ${property.id}: ${result.status}`);
      }
    }
    expect(failures).toEqual([]);
  }, 60_000);

  it(`rejects ${WINDOW_FIELDS_IN_INT32.name} through the limits properties at every seed: ${WINDOW_FIELDS_IN_INT32.bug}`, async () => {
    const missed: number[] = [];
    for (const seed of SEEDS) {
      const results = await Promise.all(
        LIMITS.map((property) => runProperty(property, WINDOW_FIELDS_IN_INT32.adapter, { seed, numRuns: NUM_RUNS })),
      );
      if (!results.every((result) => result.status === 'fail' && result.spec.includes('error.limits'))) missed.push(seed);
    }
    expect(missed).toEqual([]);
  }, 60_000);

  it('passes the reference at every seed', async () => {
    const adapter = referenceAdapter('cnnspec');
    const failures: string[] = [];
    for (const seed of SEEDS) {
      for (const property of PROPERTIES) {
        const result = await runProperty(property, adapter, { seed, numRuns: NUM_RUNS });
        if (result.status === 'fail') failures.push(formatFailure(result));
        if (result.status !== 'pass' && result.status !== 'fail') failures.push(`seed ${seed} ${property.id}: ${result.status}`);
      }
    }
    expect(failures).toEqual([]);
  }, 60_000);
});
