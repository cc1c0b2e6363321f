/**
 * A passing property reports the least room its cases left under the tolerance model's bound
 * (spec: conformance.tolerance, browser.gpu-arithmetic): an implementation whose rounded results
 * are a few units off shows a smaller margin than the reference, long before it fails; a property
 * judged only exactly reports none.
 */
import { describe, expect, it } from 'vitest';
import { referenceAdapter } from '../../src/adapter/referenceAdapter.js';
import type { Adapter, ConvRequest } from '../../src/ops/Adapter.js';
import { ALL_PROPERTIES } from '../../properties/index.js';
import { runProperty } from '../../properties/runProperty.js';
import { describeComparison } from '../../src/report/describeComparison.js';

const reference = referenceAdapter('cnnspec');
const FLOAT = 'conv/differential/float-tolerance';
const EXACT = 'conv/output-shape/matches-formula';
const property = (id: string) => ALL_PROPERTIES.find((candidate) => candidate.id === id)!;

/** The reference's convolution with every non-zero output moved `ulps` float32 steps away from zero. */
function nudged(ulps: number): Adapter {
  return {
    ...reference,
    conv: async (request: ConvRequest) => {
      const output = await reference.conv!(request);
      const data = Float32Array.from(output.data);
      const bits = new Int32Array(data.buffer);
      for (let i = 0; i < data.length; i++) if (Number.isFinite(data[i]!) && data[i] !== 0) bits[i]! += ulps;
      return { shape: output.shape, data };
    },
  };
}

describe('the margin of a passing property', () => {
  it('is the least room over its rounded comparisons, smaller for results a few units off, and said in words', async () => {
    const exact = await runProperty(property(FLOAT), reference, { seed: 7, numRuns: 30 });
    const off = await runProperty(property(FLOAT), nudged(2), { seed: 7, numRuns: 30 });
    expect(exact.status).toBe('pass');
    expect(off.status).toBe('pass');
    if (exact.status !== 'pass' || off.status !== 'pass') return;
    expect(exact.comparison).toMatchObject({ metric: 'dot-product', comparisons: 30 });
    expect(off.comparison!.margin!).toBeGreaterThan(0);
    expect(off.comparison!.margin!).toBeLessThan(exact.comparison!.margin!);
    expect(off.comparison!.maxUlp).toBeGreaterThanOrEqual(2);
    expect(describeComparison(off.comparison!)).toMatch(
      /^within the dot-product bound, margin [\d.]+, \d+ ulp at most \(the least over 30 comparisons\)$/,
    );
  }, 60_000);

  it('is absent where every comparison is exact', async () => {
    const result = await runProperty(property(EXACT), reference, { seed: 7, numRuns: 10 });
    expect(result.status).toBe('pass');
    expect(result.status === 'pass' ? result.comparison : 'not a pass').toBeUndefined();
  });
});
