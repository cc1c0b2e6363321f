/**
 * The transposed convolution's convention knobs: the output-padding limit and the output-shape
 * rule (spec: conv-transpose.output-padding, conv-transpose.output-shape).
 */
import { describe, expect, it } from 'vitest';
import { planConvTranspose } from '../../src/ops/conv-transpose/planConvTranspose.js';
import { convTranspose } from '../../src/ops/conv-transpose/convTranspose.js';
import { CnnSpecError } from '../../src/spec/CnnSpecError.js';
import { CONVENTIONS, type ConventionName } from '../../src/spec/conventions.js';
import type { Tensor } from '../../src/tensor/tensor.js';

const errorOf = (thunk: () => unknown): CnnSpecError | undefined => {
  try {
    thunk();
    return undefined;
  } catch (error) {
    if (error instanceof CnnSpecError) return error;
    throw error;
  }
};

/**
 * 2-D with a height of 1 (WebNN and TOSA have no 1-D), one channel in and out, kernel 1 x 3,
 * channels-first except under TOSA (which has only channels-last); `params` give the width axis,
 * the height takes the defaults.
 */
const layoutOf = (convention: ConventionName) =>
  convention === 'tosa'
    ? ({ layout: 'channels-last', kernelLayout: 'spatial-out-in' } as const)
    : ({ layout: 'channels-first', kernelLayout: 'in-out-spatial' } as const);
const row = (
  convention: ConventionName,
  n: number,
  params: { strides?: number; dilations?: number; outputPadding?: number; outputShape?: number; padding?: 'same-upper' },
) =>
  planConvTranspose(
    {
      convention,
      ...layoutOf(convention),
      strides: [1, params.strides ?? 1],
      dilations: [1, params.dilations ?? 1],
      outputPadding: [0, params.outputPadding ?? 0],
      ...(params.outputShape === undefined ? {} : { outputShape: [1, params.outputShape] }),
      ...(params.padding === undefined ? {} : { padding: params.padding }),
    },
    convention === 'tosa' ? [1, 1, n, 1] : [1, 1, 1, n],
    convention === 'tosa' ? [1, 3, 1, 1] : [1, 1, 1, 3],
  );
const width = (plan: ReturnType<typeof row>): number => plan.output[1]!;

describe('the output-padding limit', () => {
  // stride 1, dilation 2: output padding 1 is below max(s, d) = 2 but not below s = 1
  const between = { strides: 1, dilations: 2, outputPadding: 1 };

  it('accepts opad < max(s, d) under stride-or-dilation (cnnspec, and the value onnx computes with) and rejects it under stride (webnn, tensorflow)', () => {
    expect(width(row('cnnspec', 3, between))).toBe(8);
    expect(width(row('onnx', 3, between))).toBe(8);
    for (const convention of ['webnn', 'tensorflow'] as const) {
      const error = errorOf(() => row(convention, 3, between));
      expect(error?.code).toBe('E_PARAM_RANGE');
      expect(error?.parameter).toBe('outputPadding[1]');
      expect(error?.message).toMatch(/smaller than the stride \(1\)/);
      expect(error?.message).not.toMatch(/dilation/);
    }
  });

  it('leaves the limit open under onnx, between the two readings', () => {
    expect(CONVENTIONS.onnx.unspecified).toContain('outputPaddingLimit');
    expect(CONVENTIONS.onnx.open.outputPaddingLimit).toEqual(['stride-or-dilation', 'stride']);
  });

  it('sets no limit under tosa', () => {
    const wide = { strides: 2, outputPadding: 5 };
    expect(errorOf(() => row('cnnspec', 3, wide))?.parameter).toBe('outputPadding[1]');
    expect(width(row('tosa', 3, wide))).toBe(12);
  });
});

describe('the output-shape rule', () => {
  // n = 3, s = 2, k = 3: the full output has (3 - 1)·2 + 3 = 7 elements; a valid convolution maps 7 and 8 back to 3
  it('accepts any size under crop (cnnspec, onnx)', () => {
    for (const size of [4, 6, 7, 8, 10]) expect(width(row('onnx', 3, { strides: 2, outputShape: size }))).toBe(size);
  });

  it('accepts only the convolution preimage under conv-preimage (webnn): 7 to 8 with valid padding', () => {
    expect(width(row('webnn', 3, { strides: 2, outputShape: 7 }))).toBe(7);
    expect(width(row('webnn', 3, { strides: 2, outputShape: 8 }))).toBe(8);
    for (const size of [6, 9]) {
      const error = errorOf(() => row('webnn', 3, { strides: 2, outputShape: size }));
      expect(error?.code).toBe('E_PARAM_RANGE');
      expect(error?.parameter).toBe('outputShape[1]');
      expect(error?.message).toMatch(/7 to 8/);
    }
  });

  it('takes the same-padding preimage under conv-preimage with same (tensorflow): (n - 1)·s + 1 to n·s', () => {
    const same = (size: number) => row('tensorflow', 3, { strides: 2, padding: 'same-upper', outputShape: size });
    expect(width(same(5))).toBe(5);
    expect(width(same(6))).toBe(6);
    expect(errorOf(() => same(4))?.parameter).toBe('outputShape[1]');
    expect(errorOf(() => same(7))?.parameter).toBe('outputShape[1]');
  });

  it('ignores the output padding with an output shape under conv-preimage, and counts it under crop', () => {
    const x: Tensor = { shape: [1, 1, 1, 3], data: Float32Array.from([1, 2, 3]) };
    const w: Tensor = { shape: [1, 1, 1, 3], data: Float32Array.from([1, 10, 100]) };
    const run = (convention: ConventionName, outputPadding: number) =>
      Array.from(
        convTranspose(x, w, undefined, {
          convention,
          ...layoutOf(convention),
          strides: [1, 2],
          outputPadding: [0, outputPadding],
          outputShape: [1, 7],
        }).data,
      );
    expect(run('webnn', 1)).toEqual(run('webnn', 0));
    // under crop, output padding 1 makes the total crop 1, split lower: one element cropped at the beginning, and the appended one holds no product
    expect(run('onnx', 1)).toEqual([...run('onnx', 0).slice(1), 0]);
  });
});
