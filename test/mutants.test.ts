/**
 * The suite rejects every deliberately broken implementation with a failing property that cites
 * the clause its bug breaks, and passes the correct-but-different controls.
 */
import { describe, expect, it } from 'vitest';
import { ALL_PROPERTIES } from '../properties/index.js';
import { runProperty, type PropertyResult } from '../properties/runProperty.js';
import { MUTANTS } from './mutants/mutants.js';

const SEED = 20261128;

describe('broken implementations', () => {
  for (const mutant of MUTANTS) {
    it(`${mutant.expectClauses.length === 0 ? 'passes the control' : 'rejects'} ${mutant.name}: ${mutant.bug}`, async () => {
      const failures: Extract<PropertyResult, { status: 'fail' }>[] = [];
      const errors: string[] = [];
      for (const property of ALL_PROPERTIES) {
        const result = await runProperty(property, mutant.adapter, { seed: SEED, numRuns: 40 });
        if (result.status === 'fail') failures.push(result);
        if (result.status === 'error') errors.push(`${result.id}: ${result.message}`);
      }
      // A broken implementation is found by failing properties, never by the kit breaking.
      expect(errors).toEqual([]);
      if (mutant.expectClauses.length === 0) {
        expect(failures.map((f) => `${f.id}: ${f.message}`)).toEqual([]);
      } else {
        const cited = failures.filter((f) => f.spec.some((clause) => mutant.expectClauses.includes(clause)));
        expect(
          cited.map((f) => f.id),
          `failing: ${failures.map((f) => f.id).join(', ') || 'none'}`,
        ).not.toEqual([]);
      }
    }, 120_000);
  }
});

describe('replaying a failure', () => {
  it('with its seed and path reproduces the same shrunk counterexample at once', async () => {
    const mutant = MUTANTS.find((m) => m.name === 'flipped-kernel')!;
    const property = ALL_PROPERTIES.find((p) => p.id === 'conv/no-flip/kernel-applied-as-stored')!;
    const first = await runProperty(property, mutant.adapter, { seed: SEED, numRuns: 40 });
    expect(first.status).toBe('fail');
    if (first.status !== 'fail') return;
    expect(first.replay).toContain(`CNNSPEC_SEED=${first.seed}`);
    expect(first.replay).toContain(first.path);
    const replayed = await runProperty(property, mutant.adapter, { seed: first.seed, numRuns: 40, path: first.path });
    expect(replayed.status).toBe('fail');
    if (replayed.status === 'fail') {
      expect(replayed.counterexample).toEqual(first.counterexample);
      expect(replayed.numRuns).toBe(1);
    }
  });
});
