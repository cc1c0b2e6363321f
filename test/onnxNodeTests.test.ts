/**
 * The conversion of ONNX backend node tests into fixture records (scripts/onnx-node-tests), on
 * hand-written tests in export.py's format, without Python: each ONNX attribute lands on the
 * cnnspec parameter that states it, an omitted attribute stays omitted, what cnnspec cannot
 * state is skipped with the reason, and the records are valid and judged like fixtures.
 */
import { describe, expect, it } from 'vitest';
import { elementErrors } from '../scripts/onnx-node-tests/elementErrors.js';
import { toFixtures, type OnnxNodeTensor, type OnnxNodeTest, type OnnxNodeTestExport } from '../scripts/onnx-node-tests/toFixtures.js';
import { referenceAdapter } from '../src/adapter/referenceAdapter.js';
import { runFixtureOnReference } from '../src/fixtures/runFixture.js';
import { judgeFixture } from '../src/fixtures/judgeFixture.js';
import { makeTensor } from '../src/tensor/tensor.js';
import { validateFixture } from '../src/fixtures/validateFixture.js';

const ramp = (name: string, shape: number[], from = 1): OnnxNodeTensor => ({
  name,
  shape,
  dtype: 'float32',
  data: Array.from({ length: shape.reduce((a, b) => a * b, 1) }, (_, i) => from + i),
});
const tensor = (name: string, shape: number[], data: OnnxNodeTensor['data']): OnnxNodeTensor => ({ name, shape, dtype: 'float32', data });

const test = (
  name: string,
  opType: string,
  attributes: OnnxNodeTest['attributes'],
  inputs: OnnxNodeTensor[],
  output: OnnxNodeTensor,
): OnnxNodeTest => ({
  name,
  module: opType.toLowerCase(),
  opType,
  opset: 11,
  attributes,
  inputs,
  outputs: [output],
});

const exported = (cases: OnnxNodeTest[], skipped: OnnxNodeTestExport['skipped'] = []): OnnxNodeTestExport => ({
  onnx: '1.12.0',
  numpy: '1.24.2',
  cases,
  skipped,
});

const convertOne = (node: OnnxNodeTest) => {
  const conversion = toFixtures(exported([node]));
  expect(conversion.skipped).toEqual([]);
  return conversion.converted[0]!.fixture;
};

const reasonFor = (node: OnnxNodeTest): string | undefined => toFixtures(exported([node])).skipped[0]?.reason;

describe('ONNX node tests as fixtures: attribute mapping', () => {
  it('maps Conv pads [b..., e...] to begin/end, strides, dilations, group and the bias', () => {
    const fixture = convertOne(
      test(
        'test_conv_mapped',
        'Conv',
        { kernel_shape: [1, 1], pads: [1, 0, 2, 3], strides: [2, 1], dilations: [1, 2], group: 2 },
        [ramp('x', [1, 2, 2, 2]), ramp('W', [2, 1, 1, 1]), tensor('B', [2], [0.5, -1])],
        ramp('y', [1, 2, 3, 5]),
      ),
    );
    expect(fixture).toMatchObject({
      id: 'conv.test_conv_mapped',
      op: 'conv',
      conventions: ['onnx'],
      params: {
        padding: { begin: [1, 0], end: [2, 3] },
        strides: [2, 1],
        dilations: [1, 2],
        groups: 2,
        layout: 'channels-first',
        kernelLayout: 'out-in-spatial',
      },
      inputs: { weight: { layout: 'out-in-spatial' }, bias: { layout: 'vector', data: [0.5, -1] } },
      provenance: { method: 'hand-derived', source: 'onnx 1.12.0 backend node test test_conv_mapped' },
    });
    expect(fixture.spec).toEqual(['conv.definition', 'padding.explicit', 'shape.stride', 'shape.dilation', 'conv.groups', 'conv.bias']);
  });

  it('maps auto_pad to padding modes and leaves omitted attributes omitted', () => {
    const pool = (attributes: OnnxNodeTest['attributes']) =>
      convertOne(test('test_pool', 'AveragePool', { kernel_shape: [2], ...attributes }, [ramp('x', [1, 1, 4])], ramp('y', [1, 1, 4])))
        .params;
    expect(pool({ auto_pad: 'SAME_UPPER' })).toEqual({ kind: 'avg', kernel: [2], padding: 'same-upper', layout: 'channels-first' });
    expect(pool({ auto_pad: 'SAME_LOWER' })).toMatchObject({ padding: 'same-lower' });
    expect(pool({ auto_pad: 'VALID' })).toMatchObject({ padding: 'valid' });
    expect(pool({ auto_pad: 'NOTSET' })).not.toHaveProperty('padding');
    expect(pool({})).toEqual({ kind: 'avg', kernel: [2], layout: 'channels-first' });
    expect(pool({ ceil_mode: 1, count_include_pad: 0, strides: [3] })).toMatchObject({
      ceilMode: true,
      countIncludePad: false,
      strides: [3],
    });
  });

  it('maps MaxPool and the global pools, which keep their spatial axes', () => {
    expect(
      convertOne(
        test('test_max', 'MaxPool', { kernel_shape: [2, 2], dilations: [2, 2] }, [ramp('x', [1, 1, 4, 4])], ramp('y', [1, 1, 2, 2])),
      ).params,
    ).toEqual({
      kind: 'max',
      kernel: [2, 2],
      dilations: [2, 2],
      layout: 'channels-first',
    });
    const global = convertOne(test('test_globalaveragepool', 'GlobalAveragePool', {}, [ramp('x', [1, 2, 2, 2])], ramp('y', [1, 2, 1, 1])));
    expect(global).toMatchObject({
      id: 'global-pool.test_globalaveragepool',
      params: { kind: 'avg', keepDims: true, layout: 'channels-first' },
    });
  });

  it('maps Gemm onto dense: transB to the weight layout, C [1, N] or [N] to the bias vector', () => {
    const gemm = convertOne(
      test('test_gemm_transposeB', 'Gemm', { transB: 1 }, [ramp('a', [2, 3]), ramp('b', [4, 3]), ramp('c', [1, 4])], ramp('y', [2, 4])),
    );
    expect(gemm).toMatchObject({
      id: 'dense.test_gemm_transposeB',
      params: { weightLayout: 'out-in' },
      inputs: { input: { layout: 'features' }, weight: { layout: 'out-in' }, bias: { shape: [4], layout: 'vector' } },
      expected: { output: { layout: 'features' } },
    });
    expect(convertOne(test('test_gemm_plain', 'Gemm', {}, [ramp('a', [2, 3]), ramp('b', [3, 4])], ramp('y', [2, 4]))).params).toEqual({});
  });

  it('writes each element as the shortest decimal of its float32, non-finite ones by name', () => {
    const third = Math.fround(1 / 3);
    const fixture = convertOne(
      test(
        'test_values',
        'MaxPool',
        { kernel_shape: [1] },
        [tensor('x', [1, 1, 4], [third, 'NaN', '-Infinity', -0])],
        tensor('y', [1, 1, 4], [third, 'NaN', '-Infinity', -0]),
      ),
    );
    expect(fixture.inputs.input.data).toEqual([0.33333334, 'NaN', '-Infinity', '-0']);
  });
});

describe('ONNX node tests as fixtures: what cannot be stated', () => {
  it('skips with the reason, keeping the tests export.py left out', () => {
    const conversion = toFixtures(
      exported(
        [
          test('test_gemm_transposeA', 'Gemm', { transA: 1 }, [ramp('a', [3, 2]), ramp('b', [3, 4])], ramp('y', [2, 4])),
          test(
            'test_gemm_default_single_elem_vector_bias',
            'Gemm',
            {},
            [ramp('a', [2, 3]), ramp('b', [3, 3]), ramp('c', [1])],
            ramp('y', [2, 3]),
          ),
        ],
        [{ name: 'test_maxpool_2d_uint8', opType: 'MaxPool', reason: 'x is uint8' }],
      ),
    );
    expect(conversion.converted).toEqual([]);
    expect(conversion.skipped.map((s) => s.name)).toEqual([
      'test_maxpool_2d_uint8',
      'test_gemm_transposeA',
      'test_gemm_default_single_elem_vector_bias',
    ]);
    expect(conversion.skipped[1]!.reason).toMatch(/^transA 1/);
    expect(conversion.skipped[2]!.reason).toMatch(/^C of shape \[1\] broadcast to \[2,3\]/);
  });

  it('names the attribute, the value and the rule', () => {
    const gemm = (attributes: OnnxNodeTest['attributes']) =>
      test('test_gemm', 'Gemm', attributes, [ramp('a', [2, 3]), ramp('b', [3, 4])], ramp('y', [2, 4]));
    expect(reasonFor(gemm({ alpha: 0.5 }))).toMatch(/^alpha 0.5: .*alpha = beta = 1/);
    expect(reasonFor(gemm({ beta: 0.25 }))).toMatch(/^beta 0.25/);
    expect(
      reasonFor(test('test_storage', 'MaxPool', { kernel_shape: [2], storage_order: 1 }, [ramp('x', [1, 1, 4])], ramp('y', [1, 1, 3]))),
    ).toBe('attribute storage_order of MaxPool has no cnnspec counterpart');
    expect(
      reasonFor(
        test(
          'test_both',
          'AveragePool',
          { kernel_shape: [2], auto_pad: 'VALID', pads: [0, 0] },
          [ramp('x', [1, 1, 4])],
          ramp('y', [1, 1, 3]),
        ),
      ),
    ).toMatch(/^auto_pad VALID together with pads \[0,0\]/);
    expect(reasonFor(test('test_big', 'MaxPool', { kernel_shape: [1] }, [ramp('x', [1, 1, 5000])], ramp('y', [1, 1, 5000])))).toBe(
      'x [1,1,5000] has 5000 elements, y [1,1,5000] has 5000 elements; a fixture tensor holds at most 4096',
    );
  });

  it('refuses malformed tests with the test, the attribute and the rule', () => {
    expect(() =>
      toFixtures(
        exported([test('test_bad', 'AveragePool', { kernel_shape: [2], pads: [1] }, [ramp('x', [1, 1, 4])], ramp('y', [1, 1, 4]))]),
      ),
    ).toThrow('test_bad: attribute pads [1] must be 2 integers');
    expect(() =>
      toFixtures(exported([test('test_short', 'MaxPool', { kernel_shape: [2] }, [tensor('x', [1, 1, 4], [1, 2])], ramp('y', [1, 1, 3]))])),
    ).toThrow('test_short: x with 2 elements must match its shape [1,1,4] (4)');
  });
});

describe('ONNX node tests as fixtures: judged like fixtures', () => {
  // test_averagepool_2d_ceil of onnx/backend/test/case/node/averagepool.py
  const ceil = test(
    'test_averagepool_2d_ceil',
    'AveragePool',
    { ceil_mode: 1, kernel_shape: [3, 3], strides: [2, 2] },
    [ramp('x', [1, 1, 4, 4])],
    tensor('y', [1, 1, 2, 2], [6, 7.5, 12, 13.5]),
  );

  it('makes valid records that the reference reproduces under the onnx convention', async () => {
    const fixture = convertOne(ceil);
    expect(validateFixture(fixture)).toEqual([]);
    expect(await runFixtureOnReference(fixture, 'onnx')).toEqual({ pass: true });
  });

  it('measures a difference in absolute error and ulps, and judges it as a fixture with the dot-product bound', async () => {
    const fixture = convertOne(ceil);
    const expected = makeTensor([1, 1, 2, 2], [6, 7.5, 12, 13.5]);
    const actual = makeTensor([1, 1, 2, 2], [6, 7.5, 12, Math.fround(13.5 + 2 ** -20)]);
    const errors = elementErrors(expected, actual, true);
    expect(errors).toMatchObject({ elements: 4, differing: 1, maxAbsError: 2 ** -20, maxUlp: 1 });
    expect(errors.worst).toMatchObject({ index: 3, coordinates: [0, 0, 1, 1], expected: 13.5, ulp: 1 });
    // one ulp off an average is within the dot-product bound of a 3x3 window; a maximum is exact
    const answering = { ...referenceAdapter('onnx'), pool: async () => actual };
    expect(await judgeFixture(answering, 'onnx', fixture)).toMatchObject({
      status: 'agrees',
      comparison: { metric: 'dot-product', maxUlp: 1, ulpBudget: 11 },
    });
    const max = convertOne(test('test_max', 'MaxPool', { kernel_shape: [1] }, [ramp('x', [1, 1, 2])], ramp('y', [1, 1, 2])));
    expect(
      await judgeFixture(
        { ...referenceAdapter('onnx'), pool: async () => makeTensor([1, 1, 2], [1, Math.fround(2 + 2 ** -22)]) },
        'onnx',
        max,
      ),
    ).toMatchObject({ status: 'differs', comparison: { metric: 'exact' } });
  });
});

describe('ONNX node tests as fixtures: ConvTranspose', () => {
  const ones = (name: string, shape: number[]): OnnxNodeTensor => tensor(name, shape, Array(shape.reduce((a, b) => a * b, 1)).fill(1));
  const convTranspose = (
    attributes: OnnxNodeTest['attributes'],
    output: OnnxNodeTensor,
    inputs = [ramp('X', [1, 1, 3], 0), ones('W', [1, 1, 3])],
  ) => test('test_convtranspose_mapped', 'ConvTranspose', attributes, inputs, output);

  it('maps strides, dilations, pads, output_padding, output_shape, group and auto_pad, leaving omitted ones omitted', () => {
    const fixture = convertOne(
      convTranspose({ strides: [2], dilations: [2], pads: [1, 0], output_padding: [1], group: 1, kernel_shape: [3] }, ramp('Y', [1, 1, 8])),
    );
    expect(fixture).toMatchObject({
      id: 'conv-transpose.test_convtranspose_mapped',
      op: 'conv-transpose',
      conventions: ['onnx'],
      params: {
        strides: [2],
        dilations: [2],
        padding: { begin: [1], end: [0] },
        outputPadding: [1],
        groups: 1,
        layout: 'channels-first',
        kernelLayout: 'in-out-spatial',
      },
      inputs: { weight: { layout: 'in-out-spatial' } },
      expected: { output: { shape: [1, 1, 8] } },
    });
    expect(fixture.spec).toEqual([
      'conv-transpose.definition',
      'conv-transpose.weight-layout',
      'padding.explicit',
      'conv-transpose.output-size',
      'shape.stride',
      'conv-transpose.dilation',
      'conv-transpose.output-padding',
      'conv-transpose.groups',
    ]);
    expect(convertOne(convTranspose({ auto_pad: 'SAME_LOWER', strides: [2] }, ramp('Y', [1, 1, 6]))).params).toEqual({
      strides: [2],
      padding: 'same-lower',
      layout: 'channels-first',
      kernelLayout: 'in-out-spatial',
    });
    expect(convertOne(convTranspose({ output_shape: [6] }, ramp('Y', [1, 1, 6]))).params).toEqual({
      outputShape: [6],
      layout: 'channels-first',
      kernelLayout: 'in-out-spatial',
    });
  });

  it('turns attributes cnnspec rejects into error fixtures that name the rule and what ONNX expects', () => {
    // ONNX ignores pads when output_shape is given; cnnspec rejects the combination.
    const both = convertOne(convTranspose({ strides: [2], pads: [1, 1], output_shape: [6] }, ramp('Y', [1, 1, 6])));
    expect(both.expected).toEqual({ error: { code: 'E_PARAM_RANGE', clause: 'conv-transpose.output-shape' } });
    expect(both.spec.slice(0, 2)).toEqual(['conv-transpose.output-shape', 'conv-transpose.divergences']);
    expect(both.provenance.notes).toMatch(/ONNX expects an output of shape \[1,1,6\]; cnnspec rejects the attributes \(.*outputShape/);
    // output_shape with batch and channels (accepted by ONNX Runtime, not by ONNX's text)
    const full = convertOne(convTranspose({ output_shape: [1, 1, 5] }, ramp('Y', [1, 1, 5])));
    expect(full.expected).toEqual({ error: { code: 'E_PARAM_ARITY', clause: 'conv-transpose.output-shape' } });
  });

  it("skips attributes with no counterpart and refuses a kernel_shape that is not the weight's", () => {
    expect(reasonFor(convTranspose({ storage: 1 }, ramp('Y', [1, 1, 5])))).toBe(
      'attribute storage of ConvTranspose has no cnnspec counterpart',
    );
    expect(() => toFixtures(exported([convTranspose({ kernel_shape: [2] }, ramp('Y', [1, 1, 5]))]))).toThrow(
      'test_convtranspose_mapped: kernel_shape [2] must equal the spatial shape of W [3]',
    );
  });
});
