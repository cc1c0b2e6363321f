/**
 * The exact evaluator's transposed convolution (scripts/exact/exactOps.ts, scatter form) and the
 * reference (src/ops/conv-transpose, gather form) are written apart; generated fixtures check the
 * reference only as far as the two agree. They agree element for element on random cases of
 * every crop kind, rank, layout, kernel layout, group count and bias, and on which
 * configurations the spec rejects.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { convTransposeCase } from '../properties/conv-transpose/convTransposeCase.js';
import { propertyContext } from '../properties/runProperty.js';
import { exactConvTranspose, type ConvTransposeCall } from '../scripts/exact/exactOps.js';
import { exactDisagreement } from '../scripts/onnx-node-tests/writeConvTransposeFixtures.js';
import type { ConvTransposeFixture } from '../src/fixtures/Fixture.js';
import { loadFixtures } from '../src/fixtures/loadFixtures.js';
import { referenceAdapter } from '../src/adapter/referenceAdapter.js';
import { convTranspose } from '../src/ops/conv-transpose/convTranspose.js';
import { planConvTranspose } from '../src/ops/conv-transpose/planConvTranspose.js';
import type { Padding } from '../src/ops/window/planWindow.js';
import { CnnSpecError } from '../src/spec/CnnSpecError.js';

const ctx = propertyContext(referenceAdapter('cnnspec'));

/** Explicit crops with one number for every axis, spelled per axis as the exact evaluator reads them. */
function exactPadding(padding: Padding, rank: number): ConvTransposeCall['padding'] {
  if (typeof padding === 'string') return padding;
  const perAxis = (value: number | readonly number[]): number[] => (typeof value === 'number' ? Array(rank).fill(value) : [...value]);
  return { begin: perAxis(padding.begin), end: perAxis(padding.end) };
}

describe('exact transposed convolution against the reference', () => {
  it('gives the same shape and the same float32 elements on random cases', () => {
    fc.assert(
      fc.property(convTransposeCase(ctx), (c) => {
        const call: ConvTransposeCall = {
          input: { shape: [...c.input.shape], data: Array.from(c.input.data) },
          weight: { shape: [...c.weight.shape], data: Array.from(c.weight.data) },
          ...(c.bias ? { bias: Array.from(c.bias.data) } : {}),
          strides: c.params.strides,
          dilations: c.params.dilations,
          padding: exactPadding(c.params.padding, c.params.strides.length),
          outputPadding: c.params.outputPadding,
          ...(c.params.outputShape ? { outputShape: c.params.outputShape } : {}),
          groups: c.params.groups,
          layout: c.params.layout,
          kernelLayout: c.params.kernelLayout,
        };
        const exact = exactConvTranspose(call);
        const reference = convTranspose(c.input, c.weight, c.bias, c.params);
        expect(exact).toBeDefined();
        expect(exact!.shape).toEqual(reference.shape);
        expect(exact!.data).toEqual(Array.from(reference.data));
        const plan = planConvTranspose(c.params, c.input.shape, c.weight.shape, c.bias?.shape);
        expect(exact!.crops.map((axis) => axis.cropBegin)).toEqual(plan.cropBegin);
        expect(exact!.crops.map((axis) => axis.cropEnd)).toEqual(plan.cropEnd);
      }),
      { seed: 20261205, numRuns: 400 },
    );
  });

  it('rejects exactly the configurations the planner rejects (output padding, crops, requested sizes)', () => {
    const mode = fc.constantFrom('valid', 'same-upper', 'same-lower', 'explicit', 'output-shape');
    fc.assert(
      fc.property(
        fc.record({
          n: fc.integer({ min: 1, max: 4 }),
          k: fc.integer({ min: 1, max: 3 }),
          s: fc.integer({ min: 1, max: 3 }),
          d: fc.integer({ min: 1, max: 3 }),
          opad: fc.integer({ min: 0, max: 3 }),
          begin: fc.integer({ min: 0, max: 6 }),
          end: fc.integer({ min: 0, max: 6 }),
          out: fc.integer({ min: 1, max: 14 }),
          mode,
        }),
        ({ n, k, s, d, opad, begin, end, out, mode: kind }) => {
          const padding = kind === 'explicit' ? { begin: [begin], end: [end] } : kind === 'output-shape' ? 'valid' : kind;
          const params = {
            strides: [s],
            dilations: [d],
            padding,
            outputPadding: [opad],
            ...(kind === 'output-shape' ? { outputShape: [out] } : {}),
          } as const;
          let planned = true;
          try {
            planConvTranspose(params, [1, 1, n], [1, 1, k]);
          } catch (error) {
            if (!(error instanceof CnnSpecError)) throw error;
            planned = false;
          }
          const exact = exactConvTranspose({
            input: { shape: [1, 1, n], data: Array.from({ length: n }, () => 1) },
            weight: { shape: [1, 1, k], data: Array.from({ length: k }, () => 1) },
            strides: [s],
            dilations: [d],
            padding,
            outputPadding: [opad],
            ...(kind === 'output-shape' ? { outputShape: [out] } : {}),
            groups: 1,
            layout: 'channels-first',
            kernelLayout: 'in-out-spatial',
          });
          expect(exact !== undefined).toBe(planned);
        },
      ),
      { seed: 20261205, numRuns: 1500 },
    );
  });
});

describe('transposed-convolution fixtures against the exact evaluator', () => {
  const fixtures = loadFixtures().filter(({ fixture }) => fixture.op === 'conv-transpose');

  it('agree element for element, hand-derived and imported ones included', () => {
    expect(fixtures.length).toBeGreaterThan(0);
    const disagreements = fixtures.flatMap(({ fixture }) => {
      const found = exactDisagreement(fixture as ConvTransposeFixture);
      return found === undefined ? [] : [`${fixture.id}: ${found}`];
    });
    expect(disagreements).toEqual([]);
  });

  it('name the element where an expected output follows another rule', () => {
    const fixture = fixtures.find(({ fixture }) => fixture.id === 'conv-transpose.onnx-convtranspose-autopad-same')!
      .fixture as ConvTransposeFixture;
    // The same expected output read under same-lower, which crops the odd element at the beginning:
    // full row 0 is [0, 0, 1, 1, 3, 2, 2], cropped to [0, 0, 1, 1, 3, 2] (upper) or [0, 1, 1, 3, 2, 2] (lower).
    const lowerSplit = { ...fixture, params: { ...fixture.params, padding: 'same-lower' as const } };
    expect(exactDisagreement(lowerSplit)).toBe("element 1: ONNX expects 0, the spec's rule gives 1");
  });
});
