/**
 * The reference pooling agrees with independent formulations: per-tap slices of an input padded
 * with -Infinity (max), ratios of convolutions (average), a uniform-kernel convolution (average
 * counting padding), extra end padding (ceil mode), transposed layouts and global windows.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { conv } from '../../src/ops/conv/conv.js';
import { globalPool } from '../../src/ops/global-pool/globalPool.js';
import { convertLayout } from '../../src/tensor/layout.js';
import { planPool } from '../../src/ops/pool/planPool.js';
import { pool } from '../../src/ops/pool/pool.js';
import { advanceIndex } from '../../src/tensor/advanceIndex.js';
import { makeTensor, rowMajorStrides, type Tensor } from '../../src/tensor/tensor.js';
import { slice, tensorOf, values } from './helpers.js';

const runs = { seed: 20261128, numRuns: 60 };

const poolCase = fc
  .record({
    rank: fc.integer({ min: 1, max: 3 }),
    batch: fc.integer({ min: 1, max: 2 }),
    channels: fc.integer({ min: 1, max: 3 }),
    ceilMode: fc.boolean(),
  })
  .chain((base) => {
    const axis = <T>(arb: fc.Arbitrary<T>): fc.Arbitrary<T[]> => fc.array(arb, { minLength: base.rank, maxLength: base.rank });
    return fc.record({
      base: fc.constant(base),
      kernel: axis(fc.constantFrom<number>(1, 2, 4)),
      strides: axis(fc.integer({ min: 1, max: 3 })),
      dilations: axis(fc.integer({ min: 1, max: 2 })),
      begin: axis(fc.integer({ min: 0, max: 2 })),
      end: axis(fc.integer({ min: 0, max: 2 })),
      extra: axis(fc.integer({ min: 0, max: base.rank === 3 ? 1 : 3 })),
    });
  })
  .chain((c) => {
    const effK = c.kernel.map((k, a) => c.dilations[a]! * (k - 1) + 1);
    const spatial = effK.map((e, a) => e + c.extra[a]!);
    return fc.record({
      input: tensorOf([c.base.batch, c.base.channels, ...spatial]),
      params: fc.constant({
        kernel: c.kernel,
        strides: c.strides,
        dilations: c.dilations,
        padding: { begin: c.begin, end: c.end },
        ceilMode: c.base.ceilMode,
      }),
    });
  });

/** Pads the spatial axes of a channels-first tensor with a constant. */
function padWith(x: Tensor, begin: number[], end: number[], value: number): Tensor {
  const shape = x.shape.map((size, a) => (a < 2 ? size : size + begin[a - 2]! + end[a - 2]!));
  const y = makeTensor(shape, new Array<number>(shape.reduce((p, s) => p * s, 1)).fill(value));
  const target = rowMajorStrides(shape);
  const index = new Array<number>(x.shape.length).fill(0);
  let flat = 0;
  do {
    let offset = 0;
    for (let a = 0; a < shape.length; a++) offset += (index[a]! + (a < 2 ? 0 : begin[a - 2]!)) * target[a]!;
    y.data[offset] = x.data[flat++]!;
  } while (advanceIndex(index, x.shape));
  return y;
}

describe('reference pooling', () => {
  it('max pooling is the elementwise maximum of the per-tap strided slices of a -Infinity padded input', () => {
    fc.assert(
      fc.property(poolCase, ({ input, params }) => {
        const y = pool(input, { kind: 'max', ...params });
        const plan = planPool({ kind: 'max', ...params }, input.shape);
        const w = plan.window;
        // Pad far enough for the ceil overhang, which is excluded like padding.
        const endPad = w.input.map((n, a) => Math.max(w.padEnd[a]!, (w.output[a]! - 1) * w.strides[a]! + w.effectiveKernel[a]! - n - w.padBegin[a]!));
        const padded = padWith(input, w.padBegin, endPad, -Infinity);
        const expected = makeTensor(y.shape, new Array<number>(y.data.length).fill(-Infinity));
        const tap = new Array<number>(w.rank).fill(0);
        do {
          const start = [0, 0, ...tap.map((t, a) => t * w.dilations[a]!)];
          const taps = slice(padded, start, [...y.shape], [1, 1, ...w.strides]);
          taps.data.forEach((v, i) => {
            if (v > expected.data[i]!) expected.data[i] = v;
          });
        } while (advanceIndex(tap, w.kernel));
        expect(values(y)).toEqual(values(expected));
      }),
      runs,
    );
  });

  it('average pooling without padding counted is the window sum over the window count (floor mode)', () => {
    fc.assert(
      fc.property(poolCase, ({ input, params }) => {
        const floorParams = { ...params, ceilMode: false };
        const channels = input.shape[1]!;
        const ones = makeTensor([channels, 1, ...params.kernel], new Array<number>(channels * params.kernel.reduce((p, k) => p * k, 1)).fill(1));
        const convParams = { strides: params.strides, dilations: params.dilations, padding: params.padding, groups: channels };
        const sums = conv(input, ones, undefined, convParams);
        const counts = conv(makeTensor(input.shape, new Array<number>(input.data.length).fill(1)), ones, undefined, convParams);
        const expected = makeTensor(sums.shape, Array.from(sums.data, (s, i) => s / counts.data[i]!));
        expect(values(pool(input, { kind: 'avg', countIncludePad: false, ...floorParams }))).toEqual(values(expected));
      }),
      runs,
    );
  });

  it('average pooling counting padding equals a depthwise convolution with a uniform kernel (floor mode)', () => {
    fc.assert(
      fc.property(poolCase, ({ input, params }) => {
        const floorParams = { ...params, ceilMode: false };
        const channels = input.shape[1]!;
        const volume = params.kernel.reduce((p, k) => p * k, 1); // a power of two: 1/volume is exact
        const uniform = makeTensor([channels, 1, ...params.kernel], new Array<number>(channels * volume).fill(1 / volume));
        const expected = conv(input, uniform, undefined, { strides: params.strides, dilations: params.dilations, padding: params.padding, groups: channels });
        expect(values(pool(input, { kind: 'avg', countIncludePad: true, ...floorParams }))).toEqual(values(expected));
      }),
      runs,
    );
  });

  it('ceil-mode windows equal the first floor-mode windows with the end padding extended over the overhang (max, and average without padding counted)', () => {
    fc.assert(
      fc.property(poolCase, ({ input, params }) => {
        const ceil = { ...params, ceilMode: true };
        const plan = planPool({ kind: 'max', ...ceil }, input.shape);
        const w = plan.window;
        const end = w.input.map((n, a) => Math.max(w.padEnd[a]!, (w.output[a]! - 1) * w.strides[a]! + w.effectiveKernel[a]! - n - w.padBegin[a]!));
        const floor = { ...params, ceilMode: false, padding: { begin: w.padBegin, end } };
        // Floor mode over the extended padding may add windows that start in the end padding; the
        // first ones are the ceil-mode windows.
        const first = (y: Tensor): Tensor => slice(y, y.shape.map(() => 0), plan.outputShape);
        expect(values(pool(input, { kind: 'max', ...ceil }))).toEqual(values(first(pool(input, { kind: 'max', ...floor }))));
        expect(values(pool(input, { kind: 'avg', countIncludePad: false, ...ceil }))).toEqual(
          values(first(pool(input, { kind: 'avg', countIncludePad: false, ...floor }))),
        );
      }),
      runs,
    );
  });

  it('channels-last pooling equals channels-first transposed', () => {
    fc.assert(
      fc.property(poolCase, fc.constantFrom('max' as const, 'avg' as const), ({ input, params }, kind) => {
        const first = pool(input, { kind, ...params });
        const last = pool(convertLayout(input, 'channels-first', 'channels-last'), { kind, ...params, layout: 'channels-last' });
        expect(values(convertLayout(last, 'channels-last', 'channels-first'))).toEqual(values(first));
      }),
      runs,
    );
  });

  it('global pooling equals pooling with the whole input as window, with or without the spatial axes', () => {
    fc.assert(
      fc.property(poolCase, fc.constantFrom('max' as const, 'avg' as const), ({ input }, kind) => {
        const spatial = input.shape.slice(2);
        const windowed = pool(input, { kind, kernel: spatial, strides: 1 });
        const kept = globalPool(input, { kind, keepDims: true });
        const dropped = globalPool(input, { kind, keepDims: false });
        expect(kept.shape).toEqual(windowed.shape);
        expect(values(kept)).toEqual(values(windowed));
        expect(dropped.shape).toEqual(input.shape.slice(0, 2));
        expect(values(dropped)).toEqual(values(windowed));
      }),
      runs,
    );
  });
});
