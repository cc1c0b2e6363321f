/**
 * Global pooling is pooling with the whole spatial input as the window.
 */
import { joinActivationShape, splitActivationShape } from '../../src/tensor/layout.js';
import { elementCount, makeTensor } from '../../src/tensor/tensor.js';
import { globalPoolCase } from '../arbitraries/globalPoolCase.js';
import { defineProperty } from '../PropertyDefinition.js';
import { callGlobalPool, callPool } from '../support/callAdapter.js';
import { expectShape, expectTensor } from '../support/expectTensor.js';
import { expectAverages, type ExpectedAverage } from './poolWindows.js';

export const globalEqualsWholeWindow = defineProperty({
  id: 'pool/global/equals-whole-input-window',
  spec: ['pool.global'],
  features: [],
  ops: ['globalPool', 'pool'],
  description:
    'Global max and average pooling equal pooling whose window is the whole spatial input (stride 1, no padding): the same values with the spatial axes kept as size 1, or with shape [N, C] without keepDims.',
  arbitrary: (ctx) => globalPoolCase(ctx, { windowedToo: true }),
  check: async (ctx, { input, params }) => {
    const c = {
      input,
      kind: params.kind,
      layout: params.layout,
      keepDims: params.keepDims ?? true,
      spatial: splitActivationShape(input.shape, params.layout).spatial,
    };
    const rank = c.spatial.length;
    const windowed = await callPool(ctx.adapter, {
      input: c.input,
      params: {
        kind: c.kind,
        kernel: c.spatial,
        strides: c.spatial.map(() => 1),
        dilations: c.spatial.map(() => 1),
        padding: 'valid',
        ceilMode: false,
        layout: c.layout,
      },
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
