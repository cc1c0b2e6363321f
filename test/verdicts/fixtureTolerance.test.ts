/**
 * Golden fixtures are judged with the tolerance model of the properties (spec:
 * conformance.tolerance): exact where every dot product is exact and for max pooling and pad,
 * the dot-product bound for rounded sums and quotients, or the fixture's own tolerance; and the
 * report gives the bound and the margin used.
 */
import { describe, expect, it } from 'vitest';
import { referenceAdapter } from '../../src/adapter/referenceAdapter.js';
import type { Fixture } from '../../src/fixtures/Fixture.js';
import { loadFixtures } from '../../src/fixtures/loadFixtures.js';
import { pool } from '../../src/ops/pool/pool.js';
import { judgeFixture } from '../../src/fixtures/judgeFixture.js';
import { mapTensor } from '../../properties/support/tensorOps.js';
import { MUTANTS } from '../mutants/mutants.js';

const fixtures = loadFixtures().map(({ fixture }) => fixture);
const byId = (id: string): Fixture => fixtures.find((fixture) => fixture.id === id)!;
const control = (name: string) => MUTANTS.find((mutant) => mutant.name === name)!.adapter;

describe('fixtures under the tolerance model', () => {
  for (const name of ['average-by-reciprocal', 'float32-accumulation']) {
    it(`the correct control '${name}' agrees with every fixture of its convention`, async () => {
      const differing: string[] = [];
      for (const fixture of fixtures) {
        if (!fixture.conventions.includes('cnnspec')) continue;
        const verdict = await judgeFixture(control(name), 'cnnspec', fixture);
        if (verdict.status === 'differs') differing.push(`${fixture.id}: ${verdict.detail}`);
      }
      expect(differing).toEqual([]);
    });
  }

  it('pool.gen-010, an average one float32 rounding away, passes with the margin it used', async () => {
    // The reciprocal control is 1 ulp off the exactly rounded quotient on this fixture.
    const verdict = await judgeFixture(control('average-by-reciprocal'), 'cnnspec', byId('pool.gen-010'));
    expect(verdict.status).toBe('agrees');
    expect(verdict).toMatchObject({ comparison: { metric: 'dot-product' } });
    const comparison = (verdict as { comparison: { margin: number; maxUlp: number } }).comparison;
    expect(comparison.maxUlp).toBeGreaterThan(0);
    expect(comparison.margin).toBeGreaterThan(0);
  });

  it('a wrong average still fails: dividing by one more than the count', async () => {
    const adapter = {
      ...referenceAdapter('cnnspec'),
      pool: async (request: Parameters<NonNullable<ReturnType<typeof referenceAdapter>['pool']>>[0]) => {
        const right = pool(request.input, { ...request.params, convention: 'cnnspec' });
        return request.params.kind === 'avg' ? mapTensor(right, (value) => (value * 6) / 7) : right;
      },
    };
    const verdict = await judgeFixture(adapter, 'cnnspec', byId('pool.gen-010'));
    expect(verdict.status).toBe('differs');
    expect((verdict as { detail: string }).detail).toMatch(/dot-product bound/);
  });

  it("honours a fixture's own tolerance: exact, or a number of ulps", async () => {
    const base = byId('pool.gen-010');
    const reciprocal = control('average-by-reciprocal');
    expect((await judgeFixture(reciprocal, 'cnnspec', { ...base, tolerance: { metric: 'exact' } } as Fixture)).status).toBe('differs');
    expect((await judgeFixture(reciprocal, 'cnnspec', { ...base, tolerance: { metric: 'ulp', value: 0 } } as Fixture)).status).toBe(
      'differs',
    );
    const loose = await judgeFixture(reciprocal, 'cnnspec', { ...base, tolerance: { metric: 'ulp', value: 1 } } as Fixture);
    expect(loose).toMatchObject({ status: 'agrees', comparison: { metric: 'ulp' } });
  });

  it('judges max pooling, pad and exact dot products exactly: one ulp off fails', async () => {
    const nudged = (value: number): number => (value === 0 || !Number.isFinite(value) ? value : value * (1 + 2 ** -23));
    const adapter = {
      ...referenceAdapter('cnnspec'),
      pool: async (request: Parameters<NonNullable<ReturnType<typeof referenceAdapter>['pool']>>[0]) =>
        mapTensor(pool(request.input, { ...request.params, convention: 'cnnspec' }), nudged),
    };
    const maxFixture = fixtures.find(
      (fixture) =>
        fixture.op === 'pool' &&
        fixture.params.kind === 'max' &&
        fixture.conventions.includes('cnnspec') &&
        'output' in fixture.expected &&
        fixture.expected.output.data.some((v) => typeof v === 'number' && v !== 0),
    )!;
    const verdict = await judgeFixture(adapter, 'cnnspec', maxFixture);
    expect(verdict).toMatchObject({ status: 'differs', comparison: { metric: 'exact' } });
    const convFixture = byId('conv.seed-4x4-k3-valid');
    const exact = await judgeFixture(referenceAdapter('cnnspec'), 'cnnspec', convFixture);
    expect(exact).toMatchObject({ status: 'agrees', comparison: { metric: 'exact', margin: 0, maxUlp: 0 } });
  });
});
