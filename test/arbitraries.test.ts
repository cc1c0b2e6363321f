/**
 * The generators reach every edge region the suite relies on, each in a measured share of
 * cases. The shares are measured on fixed samples; each region must reach its minimum.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { referenceAdapter } from '../src/adapter/referenceAdapter.js';
import { propertyContext } from '../properties/runProperty.js';
import { convCase, convCaseCandidates, isConvCaseValid } from '../properties/arbitraries/convCase.js';
import { isPoolCaseValid, poolCase, poolCaseCandidates } from '../properties/arbitraries/poolCase.js';
import { CONVENTION_NAMES } from '../src/spec/conventions.js';
import { denseCase } from '../properties/arbitraries/denseCase.js';
import { classifyConvCase, classifyDenseCase, classifyPoolCase } from '../properties/arbitraries/classifyCase.js';

const ctx = propertyContext(referenceAdapter('cnnspec'));
const SAMPLES = 600;

function shares<T>(samples: T[], classify: (value: T) => string[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const sample of samples) for (const label of new Set(classify(sample))) counts.set(label, (counts.get(label) ?? 0) + 1);
  return new Map([...counts].map(([label, count]) => [label, count / samples.length]));
}

function expectShares(measured: Map<string, number>, minimums: Record<string, number>): void {
  const below = Object.entries(minimums)
    .filter(([label, minimum]) => (measured.get(label) ?? 0) < minimum)
    .map(([label, minimum]) => `${label}: ${(100 * (measured.get(label) ?? 0)).toFixed(1)}% < ${100 * minimum}%`);
  expect(below).toEqual([]);
}

describe('generator coverage', () => {
  const convSamples = fc.sample(convCase(ctx), { numRuns: SAMPLES, seed: 7 });
  const poolSamples = fc.sample(poolCase(ctx), { numRuns: SAMPLES, seed: 7 });

  it('convolution cases reach every edge region', () => {
    expectShares(
      shares(convSamples, (c) => classifyConvCase(c, 'cnnspec')),
      {
        'non-square input': 0.3,
        'non-square kernel': 0.3,
        'non-square strides': 0.3,
        'non-square dilations': 0.1,
        'non-square pads': 0.2,
        'odd kernel': 0.3,
        'even kernel': 0.3,
        'kernel smaller than stride': 0.3,
        'stride larger than input': 0.15,
        'same padding total -2 or less before the clamp': 0.08,
        'same padding total -4 or less before the clamp': 0.04,
        '3-D same padding total -2 or less before the clamp': 0.02,
        'kernel equal to padded input': 0.25,
        'dilation > 1 with begin padding': 0.1,
        'asymmetric pads': 0.2,
        'groups >= 2 with several channels per group': 0.1,
        'depth multiplier > 1': 0.08,
        'batch >= 2 with distinct biases': 0.1,
        'padding valid': 0.15,
        'padding explicit': 0.15,
        'padding same-upper': 0.15,
        'padding same-lower': 0.15,
        'fill zeros': 0.15,
        'fill reflect': 0.15,
        'fill replicate': 0.15,
        'fill circular': 0.15,
        'spatial rank 1': 0.2,
        'spatial rank 2': 0.2,
        'spatial rank 3': 0.2,
        'channels-first': 0.3,
        'channels-last': 0.3,
        'negative values': 0.5,
        zeros: 0.5,
      },
    );
  });

  it('pooling cases reach every edge region', () => {
    expectShares(
      shares(poolSamples, (c) => classifyPoolCase(c, 'cnnspec')),
      {
        'max pooling': 0.3,
        'avg pooling': 0.3,
        'ceil mode': 0.3,
        'ceil-mode window overhangs the padded input': 0.03,
        'ceil-mode window would start in the end padding': 0.08,
        'padding counted': 0.15,
        'asymmetric pads': 0.2,
        'dilation > 1 with begin padding': 0.1,
        'kernel smaller than stride': 0.3,
        'stride larger than input': 0.15,
        'same padding total -2 or less before the clamp': 0.08,
        'same padding total -4 or less before the clamp': 0.04,
        '3-D same padding total -2 or less before the clamp': 0.02,
        'window with no input': 0.1,
        'kernel equal to padded input': 0.25,
        'non-square input': 0.3,
        'non-square kernel': 0.3,
        'batch >= 2': 0.3,
      },
    );
  });

  it('dense cases reach in = out, in != out and rank-3 inputs', () => {
    expectShares(shares(fc.sample(denseCase(ctx), { numRuns: SAMPLES, seed: 7 }), classifyDenseCase), {
      'in = out': 0.15,
      'in != out': 0.5,
      'input rank 1': 0.2,
      'input rank 2': 0.2,
      'input rank 3': 0.2,
      bias: 0.3,
      'weights in-out': 0.3,
      'weights out-in': 0.3,
    });
  });

  it('special values reach NaN, infinities and -0', () => {
    expectShares(
      shares(fc.sample(convCase(ctx, { values: 'special' }), { numRuns: 200, seed: 7 }), (c) => classifyConvCase(c, 'cnnspec')),
      {
        NaN: 0.2,
        infinities: 0.2,
        'negative zero': 0.2,
      },
    );
  });

  it('cases are valid by construction: the final validity filter discards few, under every convention', () => {
    for (const convention of CONVENTION_NAMES) {
      const restricted = propertyContext(referenceAdapter(convention));
      const conv = fc.sample(convCaseCandidates(restricted), { numRuns: 300, seed: 3 });
      const pool = fc.sample(poolCaseCandidates(restricted), { numRuns: 300, seed: 3 });
      const convDiscarded = conv.filter((c) => !isConvCaseValid(restricted, c)).length / conv.length;
      const poolDiscarded = pool.filter((c) => !isPoolCaseValid(restricted, c)).length / pool.length;
      expect({ convention, convDiscarded: convDiscarded < 0.05, poolDiscarded: poolDiscarded < 0.05 }).toEqual({
        convention,
        convDiscarded: true,
        poolDiscarded: true,
      });
    }
  });
});
