/**
 * The ONNX Runtime adapter on fixed small cases: the hand-computed ONNX backend-test examples
 * (5x5 and 7x5 ramps with an all-ones kernel, pooling in ceil mode, SAME padding), compared with
 * the published values and with the reference under the onnx convention; parameter mapping,
 * the session cache, and a few ONNX Runtime behaviours that diverge from the onnx convention.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { isUnsupportedCase, type Adapter, type ConvRequest, type PoolRequest } from '../src/ops/Adapter.js';
import { onnxruntimeAdapter, type OnnxruntimeAdapter } from '../src/adapter/onnxruntimeAdapter.js';
import { referenceAdapter } from '../src/adapter/referenceAdapter.js';
import { resolveConvention } from '../src/spec/conventions.js';
import { FEATURES } from '../src/spec/features.js';
import { convertKernelLayout } from '../src/tensor/layout.js';
import { makeTensor, type Tensor } from '../src/tensor/tensor.js';

const reference = referenceAdapter('onnx');
let ort: OnnxruntimeAdapter;

beforeAll(async () => {
  // Every case in the first API form, the one the adapter took before forms were spread: these
  // tests are about its conversions and its session cache; test/onnxForms.test.ts runs every
  // other form (spec: conformance.api-forms).
  ort = await onnxruntimeAdapter({ forms: 'first' });
});

afterAll(async () => {
  await ort?.dispose?.();
});

const ramp = (shape: number[], start = 0): Tensor =>
  makeTensor(
    shape,
    Array.from({ length: shape.reduce((a, b) => a * b, 1) }, (_, i) => i + start),
  );
const ones = (shape: number[]): Tensor => makeTensor(shape, new Array<number>(shape.reduce((a, b) => a * b, 1)).fill(1));
const plain = (t: Tensor): { shape: number[]; data: number[] } => ({ shape: [...t.shape], data: Array.from(t.data) });

async function both<R>(call: (adapter: Adapter) => Promise<R>): Promise<[R, R]> {
  return [await call(ort), await call(reference)];
}

async function expectConv(request: ConvRequest, expected?: { shape: number[]; data: number[] }): Promise<void> {
  const [actual, ref] = await both((adapter) => adapter.conv!(request));
  expect(plain(actual)).toEqual(plain(ref));
  if (expected) expect(plain(actual)).toEqual(expected);
}

async function expectPool(request: PoolRequest, expected?: { shape: number[]; data: number[] }): Promise<void> {
  const [actual, ref] = await both((adapter) => adapter.pool!(request));
  expect(plain(actual)).toEqual(plain(ref));
  if (expected) expect(plain(actual)).toEqual(expected);
}

describe('onnxruntime adapter: identity', () => {
  it('names ONNX Runtime, its version and the onnx convention', () => {
    expect(ort.name).toBe('onnxruntime-node');
    expect(ort.version).toBe('1.30.0');
    expect(ort.adapterApi).toBe(1);
    expect(ort.convention).toBe('onnx');
  });

  it('declares only features the onnx convention defines: no fill modes but zeros, channels-first only', () => {
    const onnx = resolveConvention('onnx');
    for (const feature of ort.features) {
      expect(FEATURES).toContain(feature);
      expect(onnx.undefinedFeatures).not.toContain(feature);
    }
    expect(ort.features).toContain('pool.avg.dilation');
    expect(ort.features).toContain('padding.same-lower');
    expect(ort.features).not.toContain('layout.channels-last');
    expect(ort.features.filter((feature) => feature.startsWith('padding.fill.'))).toEqual([]);
  });
});

describe('onnxruntime adapter: Conv (ONNX backend-test examples)', () => {
  const x5 = ramp([1, 1, 5, 5]);
  const w = ones([1, 1, 3, 3]);

  it('pads 1 with an all-ones kernel keeps 5x5', async () => {
    await expectConv(
      { input: x5, weight: w, params: { padding: { begin: [1, 1], end: [1, 1] } } },
      {
        shape: [1, 1, 5, 5],
        data: [12, 21, 27, 33, 24, 33, 54, 63, 72, 51, 63, 99, 108, 117, 81, 93, 144, 153, 162, 111, 72, 111, 117, 123, 84],
      },
    );
  });

  it('no padding gives 3x3 (padding omitted, and valid as auto_pad VALID)', async () => {
    const expected = { shape: [1, 1, 3, 3], data: [54, 63, 72, 99, 108, 117, 144, 153, 162] };
    await expectConv({ input: x5, weight: w, params: {} }, expected);
    await expectConv({ input: x5, weight: w, params: { padding: 'valid' } }, expected);
  });

  it('SAME_LOWER with stride 2 (test_conv_with_autopad_same)', async () => {
    await expectConv(
      { input: x5, weight: w, params: { strides: [2, 2], padding: 'same-lower' } },
      { shape: [1, 1, 3, 3], data: [12, 27, 24, 63, 108, 81, 72, 117, 84] },
    );
  });

  it('strides 2 with pads 1 on the 7x5 ramp gives 4x3', async () => {
    await expectConv(
      { input: ramp([1, 1, 7, 5]), weight: w, params: { strides: [2, 2], padding: { begin: [1, 1], end: [1, 1] } } },
      { shape: [1, 1, 4, 3], data: [12, 27, 24, 63, 108, 81, 123, 198, 141, 112, 177, 124] },
    );
  });

  it('bias, groups, dilation, asymmetric pads and SAME_UPPER in 1-D and 3-D match the reference', async () => {
    const bias = makeTensor([4], [0.5, -1, 2, 0.25]);
    await expectConv({
      input: ramp([2, 4, 6], -10),
      weight: ramp([4, 2, 2], -3),
      bias,
      params: { groups: 2, dilations: [2], strides: [1], padding: { begin: [2], end: [0] } },
    });
    await expectConv({
      input: ramp([1, 2, 3, 4, 3]),
      weight: ramp([2, 1, 2, 2, 2]),
      params: { groups: 2, strides: [1, 2, 1], padding: 'same-upper' },
    });
  });

  it('converts a spatial-in-out weight to ONNX [Cout, Cin/group, k...]', async () => {
    const weight = ramp([2, 3, 3, 3], 1);
    const swapped = convertKernelLayout(weight, 'out-in-spatial', 'spatial-in-out');
    const input = ramp([1, 3, 4, 4]);
    const direct = await ort.conv!({ input, weight, params: {} });
    const converted = await ort.conv!({ input, weight: swapped, params: { kernelLayout: 'spatial-in-out' } });
    expect(plain(converted)).toEqual(plain(direct));
  });

  it('reports SAME padding with a dilation, which the ORT CPU Conv does not implement, as an unsupported case', async () => {
    const error = await ort.conv!({
      input: ramp([1, 1, 7]),
      weight: ones([1, 1, 3]),
      params: { dilations: [2], padding: 'same-upper' },
    }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(isUnsupportedCase(error)).toBe(true);
  });

  it('rejects layouts and fills the adapter does not declare', async () => {
    await expect(ort.conv!({ input: ramp([1, 5, 5, 1]), weight: ones([3, 3, 1, 1]), params: { layout: 'channels-last' } })).rejects.toThrow(
      /channels-last/,
    );
    await expect(ort.conv!({ input: x5, weight: w, params: { fill: 'reflect', padding: { begin: 1, end: 1 } } })).rejects.toThrow(
      /reflect/,
    );
  });
});

describe('onnxruntime adapter: MaxPool and AveragePool', () => {
  const x4 = ramp([1, 1, 4, 4], 1);
  const x5 = ramp([1, 1, 5, 5], 1);

  it('maxpool_2d_ceil and averagepool_2d_ceil', async () => {
    await expectPool(
      { input: x4, params: { kind: 'max', kernel: [3, 3], strides: [2, 2], ceilMode: true } },
      { shape: [1, 1, 2, 2], data: [11, 12, 15, 16] },
    );
    await expectPool(
      { input: x4, params: { kind: 'avg', kernel: [3, 3], strides: [2, 2], ceilMode: true } },
      { shape: [1, 1, 2, 2], data: [6, 7.5, 12, 13.5] },
    );
  });

  it('maxpool_2d_precomputed_same_upper', async () => {
    await expectPool(
      { input: x5, params: { kind: 'max', kernel: [3, 3], strides: [2, 2], padding: 'same-upper' } },
      { shape: [1, 1, 3, 3], data: [7, 9, 10, 17, 19, 20, 22, 24, 25] },
    );
  });

  it('the last-window rule (averagepool_2d_ceil_last_window_starts_on_pad, maxpool_2d_ceil_output_size_reduce_by_one)', async () => {
    await expectPool({
      input: ramp([1, 3, 2, 2], 1),
      params: {
        kind: 'avg',
        kernel: [3, 3],
        strides: [3, 3],
        padding: { begin: [1, 1], end: [1, 1] },
        ceilMode: true,
        countIncludePad: true,
      },
    });
    await expectPool(
      { input: ramp([1, 1, 2, 2], 1), params: { kind: 'max', kernel: [1, 1], strides: [2, 2], ceilMode: true } },
      { shape: [1, 1, 1, 1], data: [1] },
    );
  });

  it('count_include_pad given and omitted (ONNX default 0)', async () => {
    const padding = { begin: [2, 2], end: [2, 2] };
    const [included] = await both((a) => a.pool!({ input: x5, params: { kind: 'avg', kernel: [5, 5], padding, countIncludePad: true } }));
    const [excluded] = await both((a) => a.pool!({ input: x5, params: { kind: 'avg', kernel: [5, 5], padding, countIncludePad: false } }));
    await expectPool({ input: x5, params: { kind: 'avg', kernel: [5, 5], padding } });
    expect(excluded.data[0]).toBe(7);
    expect(included.data[0]).toBeCloseTo(2.52, 5);
  });

  it('omitted strides are ONNX stride 1, not the window', async () => {
    const y = await ort.pool!({ input: x4, params: { kind: 'max', kernel: [2, 2] } });
    expect(y.shape).toEqual([1, 1, 3, 3]);
    await expectPool({ input: x4, params: { kind: 'max', kernel: [2, 2] } });
  });

  it('dilated max and average pooling in 1-D and 3-D match the reference', async () => {
    await expectPool({
      input: ramp([2, 2, 9]),
      params: { kind: 'max', kernel: [3], dilations: [2], strides: [2], padding: { begin: [1], end: [2] } },
    });
    await expectPool({
      input: ramp([1, 2, 5, 4, 5]),
      params: { kind: 'avg', kernel: [2, 2, 2], dilations: [2, 1, 2], strides: [1, 2, 1], ceilMode: true },
    });
  });
});

describe('onnxruntime adapter: global pooling, dense and pad', () => {
  it('GlobalMaxPool and GlobalAveragePool keep the spatial axes, or drop them for keepDims false', async () => {
    const input = ramp([2, 3, 2, 2]);
    for (const kind of ['max', 'avg'] as const) {
      for (const keepDims of [undefined, true, false]) {
        const [actual, ref] = await both((a) => a.globalPool!({ input, params: keepDims === undefined ? { kind } : { kind, keepDims } }));
        expect(plain(actual)).toEqual(plain(ref));
      }
    }
    expect((await ort.globalPool!({ input, params: { kind: 'avg', keepDims: false } })).shape).toEqual([2, 3]);
  });

  it('Gemm (in-out, and out-in through transB) and MatMul + Add for rank 1 and 3', async () => {
    const bias = makeTensor([2], [10, 20]);
    const inOut = makeTensor([3, 2], [1, 0, 0, 1, 1, 1]);
    const outIn = makeTensor([2, 3], [1, 0, 1, 0, 1, 1]);
    for (const input of [ramp([3], 1), ramp([2, 3], 1), ramp([2, 2, 3], 1)]) {
      for (const [weight, weightLayout] of [
        [inOut, undefined],
        [inOut, 'in-out'],
        [outIn, 'out-in'],
      ] as const) {
        for (const b of [undefined, bias]) {
          const params = weightLayout === undefined ? {} : { weightLayout };
          const [actual, ref] = await both((a) => a.dense!({ input, weight, bias: b, params }));
          expect(plain(actual)).toEqual(plain(ref));
        }
      }
    }
    expect(plain(await ort.dense!({ input: ramp([2, 3], 1), weight: inOut, bias, params: {} }))).toEqual({
      shape: [2, 2],
      data: [14, 25, 20, 31],
    });
  });

  it('Pad in constant mode pads only the spatial axes', async () => {
    const input = ramp([1, 2, 2, 3], 1);
    const [actual, ref] = await both((a) => a.pad!({ input, params: { padding: { begin: [1, 0], end: [2, 1] } } }));
    expect(plain(actual)).toEqual(plain(ref));
    expect(actual.shape).toEqual([1, 2, 5, 4]);
  });

  // spec: error.parameter-range — Pad's pads are tensor(int64): 0.5 must not reach ONNX Runtime as 0
  it('refuses a pad that is not an integer instead of writing it into the int64 pads as 0', async () => {
    const input = ramp([1, 1, 5], 1);
    await expect(ort.pad!({ input, params: { padding: { begin: [0.5], end: [0] } } })).rejects.toThrow(/tensor\(int64\).*integer/);
  });
});

describe('onnxruntime adapter: session cache', () => {
  it('reuses the session of an identical model and creates one for a new shape', async () => {
    const before = ort.sessionStats();
    const request = { input: ramp([1, 1, 6, 6]), params: { kind: 'max' as const, kernel: [2, 2], strides: [2, 2] } };
    await ort.pool!(request);
    await ort.pool!({ ...request, input: ramp([1, 1, 6, 6], 7) });
    await ort.pool!({ ...request, input: ramp([1, 1, 6, 7]) });
    const after = ort.sessionStats();
    expect(after.created - before.created).toBe(2);
    expect(after.reused - before.reused).toBe(1);
  });

  it('evicts the least recently used session beyond the cap, and dispose releases all', async () => {
    const small = await onnxruntimeAdapter({ cacheSize: 2, forms: 'first' });
    const x = ramp([1, 1, 4, 4]);
    for (const k of [1, 2, 1, 3, 2]) await small.pool!({ input: x, params: { kind: 'max', kernel: [k, k] } });
    // 1, 2 created; 1 reused; 3 evicts 2; 2 created again and evicts 1.
    expect(small.sessionStats()).toMatchObject({ created: 4, reused: 1, evicted: 2, cached: 2 });
    await small.dispose!();
    expect(small.sessionStats().cached).toBe(0);
  });

  it('does not cache a model ONNX Runtime rejects', async () => {
    const request = { input: ramp([1, 1, 4, 4]), params: { kind: 'max' as const, kernel: [2, 2], countIncludePad: true } };
    await expect(ort.pool!(request)).rejects.toThrow(/count_include_pad/);
    const { cached } = ort.sessionStats();
    await expect(ort.pool!(request)).rejects.toThrow(/count_include_pad/);
    expect(ort.sessionStats().cached).toBe(cached);
  });
});

describe('onnxruntime adapter: ONNX Runtime behaviours that diverge from the onnx convention (reported, not fixed)', () => {
  it('refuses pooling pads as large as the window (ONNX allows any pad)', async () => {
    await expect(
      ort.pool!({ input: ramp([1, 1, 3]), params: { kind: 'avg', kernel: [2], padding: { begin: [2], end: [0] } } }),
    ).rejects.toThrow(/Pad should be smaller than kernel/);
  });

  it('computes SAME pooling pads with the undilated window', async () => {
    const y = await ort.pool!({ input: ramp([1, 1, 3]), params: { kind: 'max', kernel: [2], dilations: [2], padding: 'same-upper' } });
    expect(y.shape).toEqual([1, 1, 2]); // ceil(3 / 1) = 3 under ONNX
  });

  it('answers a window longer than the input with an empty tensor instead of an error', async () => {
    const y = await ort.pool!({ input: ramp([1, 1, 1]), params: { kind: 'max', kernel: [4], strides: [2], padding: 'valid' } });
    expect(y.shape).toEqual([1, 1, 0]);
  });
});

describe('onnxruntime adapter: missing packages', () => {
  it('names the package to install when onnxruntime-node cannot be imported', async () => {
    vi.resetModules();
    vi.doMock('onnxruntime-node', () => {
      throw new Error('Cannot find package onnxruntime-node');
    });
    try {
      const fresh = await import('../src/adapter/onnxruntimeAdapter.js');
      await expect(fresh.onnxruntimeAdapter()).rejects.toThrow(/npm install --save-dev onnxruntime-node/);
    } finally {
      vi.doUnmock('onnxruntime-node');
      vi.resetModules();
    }
  });
});
