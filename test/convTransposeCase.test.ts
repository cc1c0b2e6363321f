/**
 * The transposed-convolution generator reaches the regions its properties rely on (odd total
 * crops, appended elements, output padding at and beyond the stride, strides past the dilated
 * kernel, groups, bias, every crop kind), each in a measured share of a fixed sample.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { referenceAdapter } from '../src/adapter/referenceAdapter.js';
import { planConvTranspose } from '../src/ops/conv-transpose/planConvTranspose.js';
import { classifyConvTransposeCase, convTransposeCase, type ConvTransposeCase } from '../properties/conv-transpose/convTransposeCase.js';
import { NotApplicable } from '../properties/PropertyDefinition.js';
import { propertyContext } from '../properties/runProperty.js';

const ctx = propertyContext(referenceAdapter('cnnspec'));
const SAMPLES = 600;

function shares(samples: ConvTransposeCase[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const sample of samples)
    for (const label of new Set(classifyConvTransposeCase(ctx, sample))) counts.set(label, (counts.get(label) ?? 0) + 1);
  return new Map([...counts].map(([label, count]) => [label, count / samples.length]));
}

function below(measured: Map<string, number>, minimums: Record<string, number>): string[] {
  return Object.entries(minimums)
    .filter(([label, minimum]) => (measured.get(label) ?? 0) < minimum)
    .map(([label, minimum]) => `${label}: ${(100 * (measured.get(label) ?? 0)).toFixed(1)}% < ${100 * minimum}%`);
}

describe('transposed-convolution cases', () => {
  it('reach every region, each in a measured share', () => {
    const measured = shares(fc.sample(convTransposeCase(ctx), { numRuns: SAMPLES, seed: 7 }));
    expect(
      below(measured, {
        'crops valid': 0.1,
        'crops explicit': 0.1,
        'crops same-upper': 0.1,
        'crops same-lower': 0.1,
        'crops output-shape': 0.1,
        'rank 1': 0.2,
        'rank 2': 0.2,
        'rank 3': 0.2,
        'odd total crop': 0.25,
        'elements appended': 0.1,
        'output padding': 0.4,
        'output padding >= stride (below dilation)': 0.15,
        'stride beyond the dilated kernel': 0.2,
        grouped: 0.2,
        bias: 0.3,
      }),
    ).toEqual([]);
  });

  it('keep, for the adjoint, the output padding below the stride and every crop non-negative', () => {
    const samples = fc.sample(convTransposeCase(ctx, { adjoint: true }), { numRuns: 200, seed: 7 });
    for (const c of samples) {
      const plan = planConvTranspose(c.params, c.input.shape, c.weight.shape, c.bias?.shape);
      expect(plan.outputPadding.every((p, axis) => p < plan.strides[axis]!)).toBe(true);
      expect(plan.cropEnd.every((pe) => pe >= 0)).toBe(true);
    }
    expect(below(shares(samples), { 'output padding': 0.15, 'odd total crop': 0.1 })).toEqual([]);
  });

  it('are not applicable, naming the feature, for an adapter without transposed convolution', () => {
    const without = { ...ctx, features: new Set([...ctx.features].filter((feature) => feature !== 'conv-transpose')) };
    expect(() => convTransposeCase(without)).toThrow(NotApplicable);
  });
});
