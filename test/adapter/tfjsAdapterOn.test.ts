/**
 * The TF.js adapter on a TF.js its caller has loaded (as a browser page's bundle does): it runs on
 * the given backend, refuses a backend that is not registered and an option meant for another
 * backend, and declares only the features whose kernels the backend registers.
 */
import { describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { tfjsAdapterOn, TFJS_FEATURES } from '../../src/adapter/tfjsAdapter.js';
import { tfjsBackendFeatures } from '../../src/adapter/tfjsFeatures.js';
import { referenceAdapter } from '../../src/adapter/referenceAdapter.js';
import type { PoolRequest } from '../../src/ops/Adapter.js';
import { makeTensor } from '../../src/tensor/tensor.js';

const pool: PoolRequest = {
  input: makeTensor(
    [1, 3, 4, 1],
    Float32Array.from({ length: 12 }, (_, i) => (i * 7) % 5),
  ),
  params: { kind: 'max', kernel: [2, 2], strides: [1, 2], padding: 'valid' },
};

/** A TF.js whose backend registers every kernel the cpu backend does except `missing`. */
const without = (...missing: string[]): typeof tf =>
  ({
    getKernelsForBackend: (backend: string) => tf.getKernelsForBackend(backend).filter((kernel) => !missing.includes(kernel.kernelName)),
  }) as unknown as typeof tf;

describe('tfjsAdapterOn', () => {
  it('answers on a TF.js loaded by its caller, as the reference does', async () => {
    tf.env().set('IS_TEST', true);
    expect(await tf.setBackend('cpu')).toBe(true);
    const adapter = tfjsAdapterOn(tf, 'cpu', { forms: 'first' });
    expect({ name: adapter.name, convention: adapter.convention, features: adapter.features }).toEqual({
      name: 'tfjs-cpu',
      convention: 'tfjs',
      features: TFJS_FEATURES,
    });
    const answer = await adapter.pool!(pool);
    const expected = await referenceAdapter('tfjs').pool!(pool);
    expect({ shape: answer.shape, data: Array.from(answer.data) }).toEqual({ shape: expected.shape, data: Array.from(expected.data) });
  });

  it('refuses a backend that is not registered, and module renewal off wasm', () => {
    expect(() => tfjsAdapterOn(tf, 'webgpu')).toThrow(/backend "webgpu" must be registered and initialised/);
    expect(() => tfjsAdapterOn(tf, 'metal' as never)).toThrow(/backend "metal" must be one of cpu, wasm, webgl, webgpu/);
    expect(() => tfjsAdapterOn(tf, 'cpu', { renewBrokenModule: true })).toThrow(/renewBrokenModule \(true\) must be false on backend cpu/);
  });
});

describe('tfjsBackendFeatures', () => {
  it('declares every feature on a backend with every kernel', () => {
    expect(tfjsBackendFeatures(tf, 'cpu')).toEqual(TFJS_FEATURES);
  });

  it('drops a feature whose kernel is missing, with its refinements', () => {
    const features = tfjsBackendFeatures(without('DepthwiseConv2dNative', 'Conv2D'), 'cpu');
    for (const feature of ['conv', 'conv.bias', 'conv.dilation', 'conv.depthwise'] as const) expect(features).not.toContain(feature);
    expect(features).toEqual(TFJS_FEATURES.filter((feature) => feature !== 'conv' && !feature.startsWith('conv.')));
  });

  it('drops a feature that only one of its API forms needs the missing kernel for', () => {
    expect(tfjsBackendFeatures(without('_FusedMatMul'), 'cpu')).not.toContain('dense');
    expect(tfjsBackendFeatures(without('FusedDepthwiseConv2D'), 'cpu')).not.toContain('conv.depthwise');
  });

  it('drops spatial-rank-3 for a missing 3-D kernel of a declared op, and only then', () => {
    for (const kernel of ['Conv3D', 'MaxPool3D', 'AvgPool3D', 'Conv3DBackpropInputV2']) {
      expect({ kernel, features: tfjsBackendFeatures(without(kernel), 'cpu') }).toEqual({
        kernel,
        features: TFJS_FEATURES.filter((feature) => feature !== 'spatial-rank-3'),
      });
    }
    // Without MaxPool, max pooling is not declared, so its 3-D kernel is not needed.
    const features = tfjsBackendFeatures(without('MaxPool', 'MaxPool3D'), 'cpu');
    expect(features).toContain('spatial-rank-3');
    expect(features).not.toContain('pool.max');
  });
});
