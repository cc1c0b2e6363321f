/**
 * Global pooling is pooling with the whole spatial input as the window.
 */
import fc from 'fast-check';
import { joinActivationShape } from '../../src/layout.js';
import { elementCount, makeTensor, type Tensor } from '../../src/tensor.js';
import type { PoolKind } from '../../src/planPool.js';
import { caseSpace } from '../arbitraries/caseSpace.js';
import { tensorArbitrary } from '../arbitraries/elementValues.js';
import { defineProperty, type PropertyContext } from '../PropertyDefinition.js';
import { callGlobalPool, callPool } from '../support/callAdapter.js';
import { expectShape, expectTensor } from '../support/expectTensor.js';
import { expectAverages, type ExpectedAverage } from './poolWindows.js';
import type { Layout } from '../../src/conventions.js';

interface GlobalCase {
  input: Tensor;
  kind: PoolKind;
  layout: Layout;
  keepDims: boolean;
  spatial: number[];
}

/** Kinds the adapter can run both globally and as windowed pooling. */
function globalKinds(ctx: PropertyContext): PoolKind[] {
  return [
    ...(ctx.features.has('pool.global-max') && ctx.features.has('pool.max') ? ['max' as const] : []),
    ...(ctx.features.has('pool.global-avg') && ctx.features.has('pool.avg') ? ['avg' as const] : []),
  ];
}

const globalCase = (ctx: PropertyContext): fc.Arbitrary<GlobalCase> => {
  const space = caseSpace(ctx);
  const kinds = globalKinds(ctx);
  if (kinds.length === 0 || space.ranks.length === 0 || space.layouts.length === 0) {
    throw new Error('feature pool.global-max or pool.global-avg'); // each with its windowed kind
  }
  return fc
    .record({
      kind: fc.constantFrom(...kinds),
      rank: fc.constantFrom(...space.ranks),
      layout: fc.constantFrom(...space.layouts),
      keepDims: fc.boolean(),
      batch: fc.integer({ min: 1, max: 2 }),
      channels: fc.integer({ min: 1, max: 3 }),
    })
    .chain((p) =>
      fc.array(fc.integer({ min: 1, max: 5 }), { minLength: p.rank, maxLength: p.rank }).chain((spatial) =>
        tensorArbitrary(joinActivationShape({ batch: p.batch, channels: p.channels, spatial }, p.layout), 'exact').map(
          (input): GlobalCase => ({ input, kind: p.kind, layout: p.layout, keepDims: p.keepDims, spatial }),
        ),
      ),
    )
    .filter((c) => elementCount(c.input.shape) <= ctx.maxElements);
};

export const globalEqualsWholeWindow = defineProperty({
  id: 'pool/global/equals-whole-input-window',
  spec: ['pool.global'],
  features: [],
  ops: ['globalPool', 'pool'],
  description:
    'Global max and average pooling equal pooling whose window is the whole spatial input (stride 1, no padding): the same values with the spatial axes kept as size 1, or with shape [N, C] without keepDims.',
  arbitrary: globalCase,
  check: async (ctx, c) => {
    const rank = c.spatial.length;
    const windowed = await callPool(ctx.adapter, {
      input: c.input,
      params: { kind: c.kind, kernel: c.spatial, strides: c.spatial.map(() => 1), dilations: c.spatial.map(() => 1), padding: 'valid', ceilMode: false, layout: c.layout },
    });
    const global = await callGlobalPool(ctx.adapter, { input: c.input, params: { kind: c.kind, keepDims: c.keepDims, layout: c.layout } });
    const batch = c.input.shape[0]!;
    const channels = c.layout === 'channels-first' ? c.input.shape[1]! : c.input.shape[rank + 1]!;
    const kept = joinActivationShape({ batch, channels, spatial: c.spatial.map(() => 1) }, c.layout);
    expectShape(windowed.shape, kept, 'pooling with the whole input as the window');
    const expected = makeTensor(c.keepDims ? kept : [batch, channels], windowed.data);
    expectShape(global.shape, expected.shape, `global ${c.kind} pooling (keepDims ${c.keepDims})`);
    if (c.kind === 'max') {
      expectTensor(global, expected, `global max pooling (keepDims ${c.keepDims}) against max pooling over the whole input`);
      return;
    }
    // Two reductions of the same window: the quotients may differ in rounding (dot-product bound).
    const volume = elementCount(c.spatial);
    const absolute = new Float64Array(expected.data.length);
    c.input.data.forEach((value, offset) => {
      const n = Math.floor(offset / (volume * channels));
      const ch = c.layout === 'channels-first' ? Math.floor(offset / volume) % channels : offset % channels;
      absolute[n * channels + ch]! += Math.abs(value);
    });
    const checks: ExpectedAverage[] = Array.from(expected.data, (value, output) => ({
      output,
      expected: value,
      divisor: volume,
      magnitude: absolute[output]! / volume,
      volume,
    }));
    expectAverages(global, checks, `global average pooling (keepDims ${c.keepDims}) against average pooling over the whole input`);
  },
});

export const GLOBAL_POOL_PROPERTIES = [globalEqualsWholeWindow];
