/**
 * The TF.js adapter on the CPU backend: fixed small cases compared with the reference under the
 * tfjs convention, the cases the adapter refuses, and a few known TF.js divergences that the
 * adapter must report unchanged rather than correct.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import {
  isUnsupportedCase,
  type Adapter,
  type ConvRequest,
  type DenseRequest,
  type GlobalPoolRequest,
  type PadRequest,
  type PoolRequest,
} from '../src/ops/Adapter.js';
import { referenceAdapter } from '../src/adapter/referenceAdapter.js';
import { tfjsAdapter } from '../src/adapter/tfjsAdapter.js';
import { FEATURES } from '../src/spec/features.js';
import { resolveConvention } from '../src/spec/conventions.js';
import { makeTensor, type Tensor } from '../src/tensor/tensor.js';

const reference = referenceAdapter('tfjs');
let adapter: Adapter;
let tensorsBefore: number;

beforeAll(async () => {
  // Every case in the first API form, the one the adapter took before forms were spread: these
  // tests are about its conversions; test/tfjsForms.test.ts runs every other form (spec: conformance.api-forms).
  adapter = await tfjsAdapter('cpu', { forms: 'first' });
  tensorsBefore = tf.memory().numTensors;
}, 30_000);

afterAll(async () => {
  await adapter?.dispose?.();
});

const ramp = (shape: number[], scale = 1): Tensor => {
  const count = shape.reduce((a, b) => a * b, 1);
  return makeTensor(
    shape,
    Array.from({ length: count }, (_, i) => i * scale),
  );
};
/** Small signed values in steps of 1/8, exact in float32 whatever the order of summation. */
const mixed = (shape: number[]): Tensor => {
  const count = shape.reduce((a, b) => a * b, 1);
  return makeTensor(
    shape,
    Array.from({ length: count }, (_, i) => (((i * 7) % 11) - 5) / 8),
  );
};
const plain = (t: Tensor) => ({ shape: [...t.shape], data: Array.from(t.data) });

type Op = 'conv' | 'pool' | 'globalPool' | 'dense' | 'pad';
type RequestOf = { conv: ConvRequest; pool: PoolRequest; globalPool: GlobalPoolRequest; dense: DenseRequest; pad: PadRequest };

async function call<K extends Op>(a: Adapter, op: K, request: RequestOf[K]): Promise<Tensor> {
  return (a[op] as (r: RequestOf[K]) => Promise<Tensor>)(request);
}

async function expectSameAsReference<K extends Op>(op: K, request: RequestOf[K]): Promise<Tensor> {
  const actual = await call(adapter, op, request);
  expect(actual.data).toBeInstanceOf(Float32Array);
  expect(plain(actual)).toEqual(plain(await call(reference, op, request)));
  return actual;
}

async function expectUnsupported(promise: Promise<unknown>): Promise<void> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(isUnsupportedCase(error), String(error)).toBe(true);
}

describe('tfjsAdapter (cpu)', () => {
  it('describes itself', () => {
    expect(adapter.name).toBe('tfjs-cpu');
    expect(adapter.version).toBe(tf.version_core);
    expect(adapter.convention).toBe('tfjs');
    const undefinedUnderTfjs = resolveConvention('tfjs').undefinedFeatures;
    for (const feature of adapter.features) {
      expect(FEATURES).toContain(feature);
      expect(undefinedUnderTfjs).not.toContain(feature);
    }
    for (const feature of [
      'conv.groups',
      'padding.same-lower',
      'pool.max.dilation',
      'pool.avg.count-include-pad',
      'padding.fill.reflect',
    ] as const) {
      expect(adapter.features).not.toContain(feature);
    }
  });

  it('rejects an unknown backend, and a GPU backend, which it cannot load under Node', async () => {
    await expect(tfjsAdapter('metal' as never)).rejects.toThrow(/backend "metal" must be cpu or wasm/);
    await expect(tfjsAdapter('webgl')).rejects.toThrow(/tfjsAdapterOn/);
  });

  describe('convolution', () => {
    const x = ramp([1, 5, 5, 1]);
    const w = ramp([3, 3, 1, 1]);

    it("gives the toolchain notes' 5x5 ramp values, same and explicit pads (NHWC, HWIO)", async () => {
      const expected = [88, 175, 136, 345, 528, 345, 232, 319, 184];
      const same = await expectSameAsReference('conv', { input: x, weight: w, params: { strides: [2, 2], padding: 'same-upper' } });
      expect(Array.from(same.data)).toEqual(expected);
      const explicit = await expectSameAsReference('conv', {
        input: x,
        weight: w,
        params: { strides: [2, 2], padding: { begin: [1, 1], end: [1, 1] } },
      });
      expect(Array.from(explicit.data)).toEqual(expected);
    });

    it('reads channels-first data and out-in-spatial weights, with bias and asymmetric pads', async () => {
      await expectSameAsReference('conv', {
        input: mixed([2, 3, 5, 4]),
        weight: mixed([2, 3, 2, 3]),
        bias: makeTensor([2], [0.5, -1]),
        params: { strides: [2, 1], padding: { begin: [1, 0], end: [0, 2] }, layout: 'channels-first', kernelLayout: 'out-in-spatial' },
      });
    });

    it('dilates, and runs 1-D and 3-D convolutions', async () => {
      await expectSameAsReference('conv', {
        input: mixed([1, 7, 6, 2]),
        weight: mixed([2, 3, 2, 3]),
        params: { dilations: [2, 1], padding: 'same-upper' },
      });
      await expectSameAsReference('conv', {
        input: mixed([2, 7, 3]),
        weight: mixed([3, 3, 2]),
        bias: makeTensor([2], [1, 2]),
        params: { strides: [2], padding: { begin: [2], end: [1] } },
      });
      await expectSameAsReference('conv', { input: mixed([1, 2, 5]), weight: mixed([2, 2, 2]), params: { layout: 'channels-first' } });
      await expectSameAsReference('conv', {
        input: mixed([1, 4, 3, 5, 2]),
        weight: mixed([2, 2, 3, 2, 3]),
        params: { strides: [1, 2, 2] },
      });
      await expectSameAsReference('conv', {
        input: mixed([1, 2, 4, 3, 3]),
        weight: mixed([1, 2, 2, 1, 2]),
        params: { layout: 'channels-first', padding: { begin: [0, 0, 0], end: [0, 0, 0] } },
      });
      await expectSameAsReference('conv', {
        input: mixed([1, 4, 4, 4, 1]),
        weight: mixed([3, 3, 3, 1, 1]),
        params: { padding: 'same-upper' },
      });
    });

    it('runs depthwise convolutions (groups = channels) with a channel multiplier, 2-D and 1-D', async () => {
      await expectSameAsReference('conv', {
        input: mixed([1, 4, 5, 3]),
        weight: mixed([2, 3, 1, 6]),
        bias: mixed([6]),
        params: { groups: 3, strides: [1, 2], padding: 'same-upper' },
      });
      await expectSameAsReference('conv', {
        input: mixed([2, 2, 4, 4]),
        weight: mixed([4, 1, 3, 2]),
        params: { groups: 2, layout: 'channels-first', dilations: [1, 2], padding: { begin: [1, 0], end: [1, 2] } },
      });
      await expectSameAsReference('conv', { input: mixed([1, 6, 2]), weight: mixed([3, 1, 4]), params: { groups: 2, strides: [2] } });
    });

    it('rounds explicit pads as trunc((n + pb + pe - k) / s + 1), giving an empty output (spec: shape.output-size.trunc)', async () => {
      const empty = await expectSameAsReference('conv', {
        input: makeTensor([1, 1, 2], [1, 2]),
        weight: makeTensor([1, 1, 3], [1, 10, 100]),
        params: { strides: [2], padding: { begin: [0], end: [0] }, layout: 'channels-first' },
      });
      expect(empty.shape).toEqual([1, 1, 0]);
    });

    it('refuses what TF.js cannot express', async () => {
      const input = mixed([1, 4, 4, 4]);
      await expectUnsupported(adapter.conv!({ input, weight: mixed([2, 2, 2, 4]), params: { groups: 2 } }));
      await expectUnsupported(adapter.conv!({ input, weight: mixed([2, 2, 4, 4]), params: { padding: 'same-lower' } }));
      await expectUnsupported(
        adapter.conv!({ input, weight: mixed([2, 2, 4, 4]), params: { fill: 'reflect', padding: { begin: [1, 1], end: [1, 1] } } }),
      );
      const input3d = mixed([1, 3, 3, 3, 2]);
      await expectUnsupported(adapter.conv!({ input: input3d, weight: mixed([2, 2, 2, 1, 2]), params: { groups: 2 } }));
      await expectUnsupported(
        adapter.conv!({ input: input3d, weight: mixed([2, 2, 2, 2, 1]), params: { padding: { begin: [1, 1, 1], end: [1, 1, 1] } } }),
      );
    });

    it('passes TF.js errors through (dilation with a stride)', async () => {
      await expect(adapter.conv!({ input: x, weight: w, params: { strides: [2, 2], dilations: [2, 2] } })).rejects.toThrow(
        /strides or dilations/,
      );
    });
  });

  describe('pooling', () => {
    const x = ramp([1, 5, 5, 1]);

    it("gives the toolchain notes' 5x5 ramp values for max and average pooling with same padding", async () => {
      const max = await expectSameAsReference('pool', {
        input: x,
        params: { kind: 'max', kernel: [2, 2], strides: [2, 2], padding: 'same-upper' },
      });
      expect(Array.from(max.data)).toEqual([6, 8, 9, 16, 18, 19, 21, 23, 24]);
      const avg = await expectSameAsReference('pool', {
        input: x,
        params: { kind: 'avg', kernel: [3, 3], strides: [2, 2], padding: 'same-upper' },
      });
      expect(Array.from(avg.data)).toEqual([3, 4.5, 6, 10.5, 12, 13.5, 18, 19.5, 21]);
    });

    it('rounds up in ceil mode, with valid, explicit and same padding', async () => {
      const ceil = await expectSameAsReference('pool', {
        input: x,
        params: { kind: 'max', kernel: [2, 3], strides: [2, 2], ceilMode: true },
      });
      expect(ceil.shape).toEqual([1, 3, 2, 1]);
      await expectSameAsReference('pool', {
        input: mixed([2, 2, 5, 6]),
        params: {
          kind: 'avg',
          kernel: [3, 2],
          strides: [2, 3],
          padding: { begin: [1, 0], end: [0, 1] },
          ceilMode: true,
          layout: 'channels-first',
        },
      });
      await expectSameAsReference('pool', {
        input: x,
        params: { kind: 'avg', kernel: [2, 2], strides: [2, 2], padding: 'same-upper', ceilMode: true },
      });
    });

    it('runs 1-D pooling as 2-D and 3-D pooling with one numeric pad', async () => {
      await expectSameAsReference('pool', {
        input: mixed([2, 7, 3]),
        params: { kind: 'max', kernel: [3], strides: [2], padding: { begin: [1], end: [2] } },
      });
      await expectSameAsReference('pool', {
        input: mixed([1, 2, 8]),
        params: { kind: 'avg', kernel: [3], strides: [3], ceilMode: true, layout: 'channels-first' },
      });
      await expectSameAsReference('pool', {
        input: mixed([1, 4, 5, 4, 2]),
        params: { kind: 'max', kernel: [2, 3, 2], strides: [2, 2, 1], padding: { begin: [1, 1, 1], end: [1, 1, 1] } },
      });
      await expectSameAsReference('pool', {
        input: mixed([1, 2, 5, 5, 5]),
        params: { kind: 'avg', kernel: [2, 2, 2], strides: [2, 2, 2], ceilMode: true, layout: 'channels-first' },
      });
      await expectSameAsReference('pool', {
        input: mixed([1, 4, 4, 4, 1]),
        params: { kind: 'max', kernel: [3, 3, 3], strides: [1, 1, 1], padding: 'same-upper' },
      });
    });

    it('refuses what TF.js cannot express', async () => {
      await expectUnsupported(adapter.pool!({ input: x, params: { kind: 'max', kernel: [2, 2], strides: [1, 1], dilations: [2, 2] } }));
      await expectUnsupported(
        adapter.pool!({
          input: x,
          params: { kind: 'avg', kernel: [2, 2], strides: [1, 1], padding: { begin: [1, 1], end: [1, 1] }, countIncludePad: true },
        }),
      );
      await expectUnsupported(adapter.pool!({ input: x, params: { kind: 'max', kernel: [2, 2], strides: [1, 1], padding: 'same-lower' } }));
      const x3 = mixed([1, 4, 4, 4, 1]);
      await expectUnsupported(
        adapter.pool!({
          input: x3,
          params: { kind: 'max', kernel: [2, 2, 2], strides: [1, 1, 1], padding: { begin: [1, 1, 1], end: [0, 0, 0] } },
        }),
      );
      await expectUnsupported(
        adapter.pool!({
          input: x3,
          params: { kind: 'max', kernel: [2, 2, 2], strides: [1, 1, 1], padding: { begin: [1, 0, 1], end: [1, 0, 1] } },
        }),
      );
    });

    it('throws when strides are omitted, as TF.js does', async () => {
      const error = await adapter.pool!({ input: x, params: { kind: 'max', kernel: [2, 2] } }).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(Error);
      expect(isUnsupportedCase(error)).toBe(false);
    });
  });

  describe('global pooling, dense and pad', () => {
    it('reduces the spatial axes, dropping them by default', async () => {
      const dropped = await expectSameAsReference('globalPool', { input: mixed([2, 3, 4, 3]), params: { kind: 'max' } });
      expect(dropped.shape).toEqual([2, 3]);
      // 16 taps: the division is exact, whatever way TF.js divides
      const kept = await expectSameAsReference('globalPool', {
        input: mixed([2, 3, 4, 4]),
        params: { kind: 'avg', keepDims: true, layout: 'channels-first' },
      });
      expect(kept.shape).toEqual([2, 3, 1, 1]);
      await expectSameAsReference('globalPool', { input: mixed([1, 2, 4, 2, 2]), params: { kind: 'avg', keepDims: false } });
      await expectSameAsReference('globalPool', {
        input: mixed([2, 3, 5]),
        params: { kind: 'max', keepDims: true, layout: 'channels-first' },
      });
    });

    it('multiplies by in-out and out-in weights, at any rank', async () => {
      const out = await expectSameAsReference('dense', { input: mixed([4]), weight: mixed([4, 3]), params: {} });
      expect(out.shape).toEqual([3]);
      await expectSameAsReference('dense', {
        input: mixed([2, 3, 5]),
        weight: mixed([2, 5]),
        bias: mixed([2]),
        params: { weightLayout: 'out-in' },
      });
      await expectSameAsReference('dense', {
        input: mixed([3, 2]),
        weight: mixed([2, 4]),
        bias: mixed([4]),
        params: { weightLayout: 'in-out' },
      });
    });

    it('pads the spatial axes with zeros in either layout, and refuses other fills', async () => {
      await expectSameAsReference('pad', { input: mixed([1, 3, 2, 2]), params: { padding: { begin: [1, 0], end: [2, 1] } } });
      await expectSameAsReference('pad', {
        input: mixed([1, 2, 3]),
        params: { padding: { begin: [2], end: [0] }, layout: 'channels-first' },
      });
      await expectUnsupported(adapter.pad!({ input: mixed([1, 3, 2]), params: { padding: { begin: [1], end: [1] }, fill: 'reflect' } }));
    });
  });

  describe('known TF.js CPU divergences are reported, not corrected', () => {
    it('1x1 max pooling whose output shape equals its input shape returns the input (spec: defect.tfjs-unit-window-shortcut)', async () => {
      const input = makeTensor([1, 1, 2, 1], [1, 2]);
      const params: PoolRequest['params'] = { kind: 'max', kernel: [1, 1], strides: [1, 2], padding: { begin: [0, 2], end: [0, 0] } };
      expect(Array.from((await adapter.pool!({ input, params })).data)).toEqual([1, 2]);
      expect(Array.from((await reference.pool!({ input, params })).data)).toEqual([-Infinity, 1]);
    });

    it('3-D same padding is not clamped when the stride exceeds the window (spec: defect.tfjs-same-3d)', async () => {
      const input = makeTensor([1, 1, 1, 2, 1], [1, 2]);
      const params: PoolRequest['params'] = { kind: 'max', kernel: [1, 1, 1], strides: [1, 1, 2], padding: 'same-upper' };
      expect(Array.from((await adapter.pool!({ input, params })).data)).toEqual([2]);
      expect(Array.from((await reference.pool!({ input, params })).data)).toEqual([1]);
    });
  });

  it('leaves no tensors behind, and refuses calls once disposed', async () => {
    expect(tf.memory().numTensors).toBe(tensorsBefore);
    const disposable = await tfjsAdapter('cpu');
    await disposable.dispose!();
    await expect(disposable.dense!({ input: mixed([2]), weight: mixed([2, 2]), params: {} })).rejects.toThrow(/disposed/);
  });
});
