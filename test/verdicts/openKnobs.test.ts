/**
 * A convention that leaves a knob open accepts every value of it (spec: convention.unspecified):
 * every correct implementation passes, however it chooses, call by call and element by element;
 * and a choice the convention does fix is still held to.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { referenceAdapter } from '../../src/adapter/referenceAdapter.js';
import type { Adapter } from '../../src/ops/Adapter.js';
import { CONVENTION_NAMES, CONVENTIONS, type ConventionName } from '../../src/spec/conventions.js';
import { loadFixtures } from '../../src/fixtures/loadFixtures.js';
import { judgeFixture } from '../../src/fixtures/judgeFixture.js';
import { makeTensor } from '../../src/tensor/tensor.js';
import { ALL_PROPERTIES } from '../../properties/index.js';
import { propertyContext, runProperty } from '../../properties/runProperty.js';
import { callChoiceCombinations, memberMixingAdapter } from './memberMixingAdapter.js';

const specialValues = ALL_PROPERTIES.find((property) => property.id === 'pool/differential/special-values')!;
const nanFollowsConvention = ALL_PROPERTIES.find((property) => property.id === 'pool/max/nan-follows-convention')!;

/** Answers every pool call with fixed data: the smallest case of the issue. */
const answering = (convention: ConventionName, data: number[]): Adapter => ({
  ...referenceAdapter(convention),
  pool: async () => makeTensor([1, 1, 1, 2], data),
});

describe('open knobs: every conforming outcome passes', () => {
  // spec: pool.max.nan, convention.unspecified
  // 2-D (WebNN has no 1-D pooling): one row of [NaN, 0, 0, NaN], windows 1x2 with stride 2
  const nanCase = {
    input: makeTensor([1, 1, 1, 4], [NaN, 0, 0, NaN]),
    params: {
      kind: 'max' as const,
      kernel: [1, 2],
      strides: [1, 2],
      dilations: [1, 1],
      padding: 'valid' as const,
      ceilMode: false,
      layout: 'channels-first' as const,
    },
    values: 'special' as const,
  };

  for (const convention of ['onnx', 'tensorflow', 'webnn'] as const) {
    it(`pool/differential/special-values accepts [NaN, 0] for max([NaN, 0, 0, NaN], k 2, s 2) under ${convention}, one window propagating and one ignoring`, async () => {
      expect(CONVENTIONS[convention].unspecified).toContain('maxPoolNan');
      const adapter = answering(convention, [NaN, 0]);
      await expect(specialValues.check(propertyContext(adapter), nanCase)).resolves.toBeUndefined();
      await expect(nanFollowsConvention.check(propertyContext(adapter), { ...nanCase, nanAt: [0, 3] })).resolves.toBeUndefined();
    });
  }

  it('still demands the mode a convention fixes: under pytorch (propagate) [NaN, 0] fails', async () => {
    const adapter = answering('pytorch', [NaN, 0]);
    await expect(specialValues.check(propertyContext(adapter), nanCase)).rejects.toThrow(/1 of 2 element\(s\) differ/);
  });

  // spec: divergence.zero-sized-output — ONNX says nothing of an output size of 0 (its shape
  // inference infers 0 and ONNX Runtime answers an empty tensor): neither answer is required.
  const rejectionOfPool = ALL_PROPERTIES.find((property) => property.id === 'pool/invalid/configurations-are-rejected')!;
  const oneLonger = {
    kind: 'window 1 longer than the padded input',
    op: 'pool' as const,
    request: {
      input: makeTensor([1, 1, 3], [1, 2, 3]),
      params: {
        kind: 'max' as const,
        kernel: [4],
        strides: [1],
        dilations: [1],
        padding: 'valid' as const,
        ceilMode: false,
        layout: 'channels-first' as const,
      },
    },
  };
  /** Answers an empty tensor where the output size is 0, as ONNX Runtime does, and rejects what it must. */
  const emptyAnswer = (convention: ConventionName): Adapter => ({
    ...referenceAdapter({ base: convention, overrides: { zeroSizedOutput: 'allowed' } }),
    convention,
  });

  it('under onnx a pooling window one longer than the input may give an empty tensor: the rejection property does not ask for an error', async () => {
    const ctx = propertyContext(emptyAnswer('onnx'));
    const cases = fc.sample(rejectionOfPool.arbitrary(ctx), { numRuns: 200, seed: 1 }) as { kind: string }[];
    // only windows that leave a negative size under every member are drawn; a size of 0 is not among them
    expect(cases.some((c) => c.kind === 'window 1 longer than the padded input')).toBe(false);
    await expect(rejectionOfPool.check(ctx, oneLonger)).rejects.toThrow(/accepted window 1 longer/); // the check itself still demands an error of what it is given
    const result = await runProperty(rejectionOfPool, emptyAnswer('onnx'), { seed: 1, numRuns: 40 });
    expect(result.status).toBe('pass');
  });

  it('under pytorch, which rejects an output size of 0, the same answer fails', async () => {
    const result = await runProperty(rejectionOfPool, emptyAnswer('pytorch'), { seed: 1, numRuns: 40 });
    expect(result.status).toBe('fail');
  });

  for (const convention of CONVENTION_NAMES.filter((name) => CONVENTIONS[name].unspecified.length > 0)) {
    for (const choices of callChoiceCombinations(convention)) {
      const adapter = memberMixingAdapter(convention, choices);
      it(`${adapter.name}: every property passes at seeds 1 to 3`, async () => {
        const failures: string[] = [];
        for (const seed of [1, 2, 3]) {
          for (const property of ALL_PROPERTIES) {
            const result = await runProperty(property, adapter, { seed, numRuns: 15 });
            if (result.status === 'fail')
              failures.push(`seed ${seed} ${property.id}: ${result.message} ${JSON.stringify(result.counterexample).slice(0, 300)}`);
          }
        }
        expect(failures).toEqual([]);
      }, 120_000);

      it(`${adapter.name}: every fixture of the convention agrees`, async () => {
        const disagreements: string[] = [];
        for (const { fixture } of loadFixtures()) {
          if (!fixture.conventions.includes(convention as never)) continue;
          const verdict = await judgeFixture(adapter, convention, fixture);
          if (verdict.status === 'differs') disagreements.push(`${fixture.id}: ${verdict.detail}`);
        }
        expect(disagreements).toEqual([]);
      }, 60_000);
    }
  }

  it('a member mixture is held to what the convention fixes: declared pytorch, an adapter mixing NaN modes fails pool/max/nan-follows-convention', async () => {
    // the members of onnx differ in NaN handling; pytorch fixes propagate
    const mixing = { ...memberMixingAdapter('onnx'), convention: 'pytorch' as const, features: referenceAdapter('pytorch').features };
    const result = await runProperty(nanFollowsConvention, mixing, { seed: 1, numRuns: 40 });
    expect(result.status).toBe('fail');
  });
});
