/**
 * The tiling family's generators reach every tile edge: each of w - 1, w and w + 1, for every
 * width, as an output size, a channel count (or channels per group), and for dense layers as
 * rows, input and output features, each in a measured share of a fixed sample. Every case keeps
 * within the run's element cap and the family's operation cap (spec: conformance.every-size).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { referenceAdapter } from '../../src/adapter/referenceAdapter.js';
import { planConv } from '../../src/ops/conv/planConv.js';
import { planConvTranspose } from '../../src/ops/conv-transpose/planConvTranspose.js';
import { planPool } from '../../src/ops/pool/planPool.js';
import { elementCount } from '../../src/tensor/tensor.js';
import { propertyContext } from '../../properties/runProperty.js';
import { operationCap } from '../../properties/tiling/operationCap.js';
import { tiledConvCase, tiledConvSizes, type TiledGroups } from '../../properties/tiling/tiledConvCase.js';
import { tiledConvTransposeCase } from '../../properties/tiling/tiledConvTransposeCase.js';
import { tiledDenseCase } from '../../properties/tiling/tiledDenseCase.js';
import { tiledPoolCase, tiledPoolSizes } from '../../properties/tiling/tiledPoolCase.js';
import { MATRIX_TILE_WIDTHS, shrinkToFit, tileEdges, WINDOW_TILE_WIDTHS } from '../../properties/tiling/tileEdges.js';
import { expectShares, shares } from '../support/measureShares.js';

const SAMPLES = 600;
/** Each edge in at least 1% of cases: a sweep of 8 seeds at 40 runs (320 cases) meets each with a probability above 96%. */
const MIN_SHARE = 0.01;

/** A minimum share for `label(edge)` for every edge of the widths. */
function everyEdge(widths: readonly number[], label: (edge: number) => string): Record<string, number> {
  return Object.fromEntries(tileEdges(widths).map((edge) => [label(edge), MIN_SHARE]));
}

describe('tile edges', () => {
  it('are w - 1, w and w + 1 for every width, each once, in order', () => {
    for (const widths of [WINDOW_TILE_WIDTHS, MATRIX_TILE_WIDTHS]) {
      const edges = tileEdges(widths);
      for (const w of widths) expect(edges).toEqual(expect.arrayContaining([w - 1, w, w + 1]));
      expect(edges.length).toBe(3 * widths.length);
      expect([...edges].sort((a, b) => a - b)).toEqual(edges);
    }
  });
});

describe('shrinkToFit', () => {
  const edges = tileEdges(WINDOW_TILE_WIDTHS);
  const floors = { a: 1, b: 1, c: 1 };

  it('keeps the first sizes and steps the last down through the edges until the case fits', () => {
    const fits = (s: Readonly<Record<'a' | 'b' | 'c', number>>): boolean => s.a * s.b * s.c <= 1000;
    const result = shrinkToFit({ a: 65, b: 65, c: 3 }, ['a', 'b', 'c'], floors, edges, fits)!;
    expect(fits(result)).toBe(true);
    expect(result.a).toBe(65);
    // c went to its floor before b was touched; b stopped at the largest edge that fits.
    expect(result.c).toBe(1);
    expect(edges).toContain(result.b);
    const nextEdge = edges.find((edge) => edge > result.b)!;
    expect(fits({ ...result, b: nextEdge })).toBe(false);
  });

  it('leaves a case that fits unchanged, and gives up only when every size at its floor does not fit', () => {
    const sizes = { a: 17, b: 9, c: 2 };
    expect(shrinkToFit(sizes, ['c', 'b', 'a'], floors, edges, () => true)).toEqual(sizes);
    expect(shrinkToFit(sizes, ['c', 'b', 'a'], floors, edges, () => false)).toBeUndefined();
  });
});

describe('tiled cases', () => {
  const ctx = propertyContext(referenceAdapter('cnnspec'));

  const convGroups: TiledGroups[] = ['one', 'grouped', 'depthwise'];
  for (const groups of convGroups) {
    it(`convolution (${groups}) reaches every edge as an output size and in its channels`, () => {
      const samples = fc.sample(tiledConvCase(ctx, groups), { numRuns: SAMPLES, seed: 11 });
      const measured = shares(samples, (c) => {
        const sizes = tiledConvSizes(ctx, c);
        // Grouped kernels vectorise over the channels of a group; the others over all channels.
        const inChannels = groups === 'grouped' ? sizes.inPerGroup : sizes.inChannels;
        const outChannels = groups === 'grouped' ? sizes.outPerGroup : sizes.outChannels;
        return [`in channels ${inChannels}`, `out channels ${outChannels}`, ...sizes.outputSizes.map((n) => `output size ${n}`)];
      });
      expectShares(measured, {
        ...everyEdge(WINDOW_TILE_WIDTHS, (edge) => `in channels ${edge}`),
        // A depthwise convolution's output channels are its channels times a multiplier of 1 or 2.
        ...(groups === 'depthwise' ? {} : everyEdge(WINDOW_TILE_WIDTHS, (edge) => `out channels ${edge}`)),
        ...everyEdge(WINDOW_TILE_WIDTHS, (edge) => `output size ${edge}`),
      });
    });
  }

  it('transposed convolution reaches every edge as an output size and in its channels', () => {
    const samples = fc.sample(tiledConvTransposeCase(ctx), { numRuns: SAMPLES, seed: 11 });
    const measured = shares(samples, (c) => {
      const plan = planConvTranspose({ ...c.params, convention: ctx.conventionSpec }, c.input.shape, c.weight.shape, c.bias?.shape);
      return [`in channels ${plan.inChannels}`, `out channels ${plan.outChannels}`, ...plan.output.map((n) => `output size ${n}`)];
    });
    expectShares(measured, {
      ...everyEdge(WINDOW_TILE_WIDTHS, (edge) => `in channels ${edge}`),
      ...everyEdge(WINDOW_TILE_WIDTHS, (edge) => `out channels ${edge}`),
      ...everyEdge(WINDOW_TILE_WIDTHS, (edge) => `output size ${edge}`),
    });
  });

  it('pooling reaches every edge as an output size and as a channel count', () => {
    const samples = fc.sample(tiledPoolCase(ctx, 'max'), { numRuns: SAMPLES, seed: 11 });
    const measured = shares(samples, (c) => {
      const sizes = tiledPoolSizes(ctx, c);
      return [`channels ${sizes.channels}`, ...sizes.outputSizes.map((n) => `output size ${n}`)];
    });
    expectShares(measured, {
      ...everyEdge(WINDOW_TILE_WIDTHS, (edge) => `channels ${edge}`),
      ...everyEdge(WINDOW_TILE_WIDTHS, (edge) => `output size ${edge}`),
    });
  });

  it('dense layers reach every edge of 4, 16, 64 and 128 as rows, input features and output features', () => {
    const samples = fc.sample(tiledDenseCase(ctx), { numRuns: SAMPLES, seed: 11 });
    const measured = shares(samples, (c) => {
      const nout = c.params.weightLayout === 'in-out' ? c.weight.shape[1]! : c.weight.shape[0]!;
      return [`rows ${c.input.shape[0]}`, `in ${c.input.shape[1]}`, `out ${nout}`];
    });
    expectShares(measured, {
      ...everyEdge(MATRIX_TILE_WIDTHS, (edge) => `rows ${edge}`),
      ...everyEdge(MATRIX_TILE_WIDTHS, (edge) => `in ${edge}`),
      ...everyEdge(MATRIX_TILE_WIDTHS, (edge) => `out ${edge}`),
    });
  });

  for (const maxElements of [4096, 500]) {
    it(`keep every tensor within an element cap of ${maxElements} and every case within the operation cap`, () => {
      const capped = propertyContext(referenceAdapter('cnnspec'), maxElements);
      const cap = operationCap(capped);
      for (const groups of convGroups) {
        for (const c of fc.sample(tiledConvCase(capped, groups), { numRuns: 100, seed: 3 })) {
          const plan = planConv({ ...c.params, convention: capped.conventionSpec }, c.input.shape, c.weight.shape, c.bias?.shape);
          expect(Math.max(c.input.data.length, c.weight.data.length, elementCount(plan.outputShape))).toBeLessThanOrEqual(maxElements);
          expect(plan.operations).toBeLessThanOrEqual(cap);
        }
      }
      for (const c of fc.sample(tiledConvTransposeCase(capped), { numRuns: 100, seed: 3 })) {
        const plan = planConvTranspose({ ...c.params, convention: capped.conventionSpec }, c.input.shape, c.weight.shape, c.bias?.shape);
        expect(Math.max(c.input.data.length, c.weight.data.length, elementCount(plan.outputShape))).toBeLessThanOrEqual(maxElements);
        expect(plan.operations).toBeLessThanOrEqual(cap);
      }
      for (const c of fc.sample(tiledPoolCase(capped, 'avg'), { numRuns: 100, seed: 3 })) {
        const plan = planPool({ ...c.params, convention: capped.conventionSpec }, c.input.shape);
        expect(Math.max(c.input.data.length, elementCount(plan.outputShape))).toBeLessThanOrEqual(maxElements);
        expect(plan.operations).toBeLessThanOrEqual(cap);
      }
      for (const c of fc.sample(tiledDenseCase(capped), { numRuns: 100, seed: 3 })) {
        const [rows, nin] = c.input.shape as [number, number];
        const nout = c.weight.data.length / nin;
        expect(Math.max(rows * nin, nin * nout, rows * nout)).toBeLessThanOrEqual(maxElements);
        expect(rows * nin * nout).toBeLessThanOrEqual(cap);
      }
    });
  }
});
