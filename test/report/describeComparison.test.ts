/** How a fixture's comparison reads in the renderings (spec: conformance.tolerance). */
import { describe, expect, it } from 'vitest';
import { describeComparison } from '../../src/report/describeComparison.js';
import { renderHtml } from '../../src/report/renderHtml.js';
import { loadFixtures } from '../../src/fixtures/loadFixtures.js';
import { runConformance } from '../../src/runner/runConformance.js';
import { MUTANTS } from '../mutants/mutants.js';

describe('describeComparison', () => {
  it('names the bound, the margin left and the largest ulp distance', () => {
    expect(describeComparison({ metric: 'exact', margin: 0, maxUlp: 0 })).toBe('exact');
    expect(describeComparison({ metric: 'dot-product', margin: 22.0341, maxUlp: 3, ulpBudget: 11 })).toBe(
      'within the dot-product bound, margin 22.034, 3 ulp at most',
    );
    expect(describeComparison({ metric: 'ulp', margin: 1, maxUlp: 1 })).toBe("within the fixture's ulp bound, margin 1, 1 ulp at most");
    expect(describeComparison({ metric: 'dot-product', margin: null, maxUlp: null, open: ['avgPoolEmpty'], alternatives: 2 })).toBe(
      'within the dot-product bound; avgPoolEmpty open (2 alternatives)',
    );
  });

  it('the HTML report shows it for a passing fixture that was not equal bit for bit', async () => {
    const reciprocal = MUTANTS.find((mutant) => mutant.name === 'average-by-reciprocal')!.adapter;
    expect(loadFixtures().some(({ fixture }) => fixture.id === 'pool.gen-010')).toBe(true);
    const report = await runConformance({
      adapter: reciprocal,
      source: 'test',
      seed: 1,
      numRuns: 1,
      timeoutMs: 5000,
      only: ['fixture/pool.gen-010'],
      replay: () => '',
    });
    expect(report.results[0]).toMatchObject({ status: 'pass', comparison: { metric: 'dot-product' } });
    expect(renderHtml(report)).toMatch(/fixture\/pool\.gen-010<\/td>.*within the dot-product bound, margin [0-9.]+, 1 ulp at most/s);
  });
});
