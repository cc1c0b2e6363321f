import { describe, expect, it } from 'vitest';
import type { OpCall } from '../../src/ops/registry.js';
import { makeTensor } from '../../src/tensor/tensor.js';
import { evidenceOf, reference } from '../report/syntheticReport.js';

const conv = (bias: boolean): OpCall => ({
  op: 'conv',
  request: {
    input: makeTensor([1, 1, 1, 1, 2], [1, 2]),
    weight: makeTensor([2, 1, 1, 1, 1], [3, 4]),
    ...(bias ? { bias: makeTensor([2], [0.5, -1]) } : {}),
    params: { strides: [1, 1, 1], dilations: [1, 1, 1], padding: 'valid', layout: 'channels-first', kernelLayout: 'out-in-spatial' },
  },
});

describe('failure evidence', () => {
  // A defect may lie in adding the bias (spec: defect.tfjs-gpu-kernels), so its signature must see it.
  it("holds the call's bias where it has one, and none where it has not", async () => {
    expect((await evidenceOf(conv(true), reference)).bias).toEqual({ shape: [2], data: [0.5, -1] });
    expect((await evidenceOf(conv(false), reference)).bias).toBeUndefined();
  });
});
