/**
 * The ONNX Runtime adapter's transposed convolution: ONNX's own 1-D node test, the mapping of a
 * request onto ConvTranspose attributes in every API form (spec: conformance.api-forms), each
 * compared with the reference under the onnx convention on cases ONNX Runtime gets right, and the
 * two ONNX Runtime behaviours the kit reports as defects (spec: defect.onnxruntime-same-conv-transpose,
 * defect.onnxruntime-conv-transpose-size-check), asserted so that a release that changes them shows.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { onnxConvTransposeCall } from '../src/adapter/onnxForms.js';
import { onnxruntimeAdapter, type OnnxruntimeAdapter } from '../src/adapter/onnxruntimeAdapter.js';
import { referenceAdapter } from '../src/adapter/referenceAdapter.js';
import type { Adapter } from '../src/ops/Adapter.js';
import type { ConvTransposeRequest } from '../src/ops/conv-transpose/convTransposeOp.js';
import { makeTensor, type Tensor } from '../src/tensor/tensor.js';
import { everyOption, preferringPicker, recordingPicker, scriptedPicker } from './support/formPickers.js';

/** Small signed values in steps of 1/8: sums are exact in float32 in any order. */
const mixed = (shape: number[], offset = 0): Tensor =>
  makeTensor(
    shape,
    Array.from({ length: shape.reduce((a, b) => a * b, 1) }, (_, i) => ((((i + offset) * 7) % 11) - 5) / 8),
  );
const plain = (t: Tensor): { shape: number[]; data: number[] } => ({ shape: [...t.shape], data: Array.from(t.data) });
const reference = referenceAdapter('onnx');

/** Requests ONNX Runtime gets right in every form: output paddings below the stride, no SAME shorter than n·s. */
const CASES: ConvTransposeRequest[] = [
  // explicit asymmetric crops, groups, bias, output padding 1 below stride 2
  {
    input: mixed([1, 4, 3, 2]),
    weight: mixed([4, 1, 3, 2], 3),
    bias: mixed([2], 5),
    params: { strides: [2, 1], groups: 2, outputPadding: [1, 0], padding: { begin: [2, 0], end: [1, 1] } },
  },
  // crops (0, 1) and (1, 0) of a total 1 (n = 3, k = 3, s = 2): also SAME_UPPER and SAME_LOWER
  { input: mixed([2, 1, 3]), weight: mixed([1, 2, 3]), params: { strides: [2], padding: { begin: [0], end: [1] } } },
  { input: mixed([2, 1, 3]), weight: mixed([1, 2, 3]), params: { strides: [2], padding: { begin: [1], end: [0] } } },
  // same-upper and same-lower with an odd total crop, dilation 2: auto_pad, or output_shape = n·s
  { input: mixed([1, 2, 4]), weight: mixed([2, 1, 3]), bias: mixed([1]), params: { strides: [2], dilations: [2], padding: 'same-upper' } },
  { input: mixed([1, 2, 4]), weight: mixed([2, 1, 3]), params: { strides: [2], dilations: [2], padding: 'same-lower' } },
  // an output shape with an odd total crop, and one appending an element (total -1, within the stride)
  { input: mixed([1, 1, 3, 3]), weight: mixed([1, 2, 3, 3]), params: { strides: [2, 2], outputShape: [6, 8] } },
  {
    input: mixed([1, 1, 3]),
    weight: mixed([1, 1, 2]),
    bias: mixed([1], 2),
    params: { strides: [3], outputShape: [9], padding: 'same-upper' },
  },
  // 3-D, no crop, the TensorFlow weight layout [k..., M/group, C]
  {
    input: mixed([1, 2, 2, 2, 1]),
    weight: mixed([2, 1, 2, 3, 2]),
    params: { strides: [1, 2, 1], dilations: [1, 1, 2], padding: 'valid', kernelLayout: 'spatial-out-in' },
  },
];

describe('onnxruntime adapter: ConvTranspose', () => {
  let first: OnnxruntimeAdapter;
  const scripted = new Map<string, Adapter>();
  const adapterFor = async (script: Map<string, number>): Promise<Adapter> => {
    const key = JSON.stringify([...script]);
    if (!scripted.has(key)) scripted.set(key, await onnxruntimeAdapter({ forms: scriptedPicker(script) }));
    return scripted.get(key)!;
  };

  beforeAll(async () => {
    first = await onnxruntimeAdapter({ forms: 'first' });
  }, 30_000);

  afterAll(async () => {
    for (const adapter of [first, ...scripted.values()]) await adapter?.dispose?.();
  });

  it('declares transposed convolution with every feature ONNX ConvTranspose has', () => {
    for (const feature of [
      'conv-transpose',
      'conv-transpose.bias',
      'conv-transpose.groups',
      'conv-transpose.dilation',
      'conv-transpose.output-padding',
      'conv-transpose.output-shape',
      'conv-transpose.same',
    ] as const) {
      expect(first.features).toContain(feature);
    }
  });

  it("gives ONNX's test_convtranspose_1d values (x = [0, 1, 2], W of ones [1, 2, 3])", async () => {
    const y = await first.convTranspose!({
      input: makeTensor([1, 1, 3], [0, 1, 2]),
      weight: makeTensor([1, 2, 3], [1, 1, 1, 1, 1, 1]),
      params: {},
    });
    expect(plain(y)).toEqual({ shape: [1, 2, 5], data: [0, 1, 3, 3, 2, 0, 1, 3, 3, 2] });
  });

  it('gives the reference answer in every option of every dimension of the form, each naming its own form', async () => {
    const forms = new Set<string>();
    for (const request of CASES) {
      const expected = plain(await reference.convTranspose!(request));
      for (const { script } of everyOption((pick) => onnxConvTransposeCall(request, pick))) {
        const answer = await (await adapterFor(script)).convTranspose!(request);
        const form = onnxConvTransposeCall(request, scriptedPicker(script)).form;
        expect(answer.form).toBe(form);
        expect(plain(answer), `${form} on ${JSON.stringify(request.params)}`).toEqual(expected);
        forms.add(form);
      }
    }
    expect(forms.size).toBeGreaterThan(40);
    const all = [...forms].join('\n');
    for (const part of [
      'kernel_shape omitted',
      'kernel_shape=[3, 2]',
      'strides=[2, 1]',
      'dilations omitted',
      'group=2',
      'group omitted',
      'output_padding=[1, 0]',
      'output_padding omitted',
      'pads=[2, 0, 1, 1]',
      'auto_pad=NOTSET, pads=[2, 0, 1, 1]',
      'auto_pad=SAME_UPPER)',
      'auto_pad=SAME_LOWER)',
      'auto_pad=SAME_UPPER, output_shape=[8]',
      'auto_pad=SAME_LOWER, output_shape=[8]',
      'output_shape=[6, 8])',
      'auto_pad=NOTSET, output_shape=[6, 8]',
      'auto_pad=SAME_LOWER, output_shape=[6, 8]',
      'auto_pad=SAME_UPPER, output_shape=[9]',
      'auto_pad=VALID',
      'pads omitted',
      'pads=[0, 0, 0, 0, 0, 0]',
      'W transposed from [k..., M/group, C] to [C, M/group, k...]',
    ]) {
      expect(all, part).toContain(part);
    }
  });

  it('writes crops as pads, a same mode as auto_pad or output_shape = n·s, and an output shape with the auto_pad that picks its split', () => {
    const padding = (request: ConvTransposeRequest): string[] | undefined => {
      const { pick, dimensions } = recordingPicker();
      onnxConvTransposeCall(request, pick);
      return dimensions.get('padding');
    };
    const x = mixed([1, 1, 3]);
    const w = mixed([1, 1, 3]);
    // total crop 1 (full 7, n·s 6): pads (0, 1) are SAME_UPPER's, (1, 0) SAME_LOWER's
    expect(padding({ input: x, weight: w, params: { strides: [2], padding: { begin: [0], end: [1] } } })).toEqual([
      'pads=[0, 1]',
      'auto_pad=NOTSET, pads=[0, 1]',
      'auto_pad=SAME_UPPER',
    ]);
    expect(padding({ input: x, weight: w, params: { strides: [2], padding: { begin: [1], end: [0] } } })).toEqual([
      'pads=[1, 0]',
      'auto_pad=NOTSET, pads=[1, 0]',
      'auto_pad=SAME_LOWER',
    ]);
    expect(padding({ input: x, weight: w, params: { strides: [2], padding: 'same-lower' } })).toEqual([
      'auto_pad=SAME_LOWER',
      'auto_pad=SAME_LOWER, output_shape=[6]',
      'output_shape=[6]',
    ]);
    expect(padding({ input: x, weight: w, params: { strides: [2], padding: 'same-upper', outputShape: [5] } })).toEqual([
      'auto_pad=SAME_UPPER, output_shape=[5]',
    ]);
    expect(padding({ input: x, weight: w, params: { strides: [2], outputShape: [5] } })).toEqual([
      'output_shape=[5]',
      'auto_pad=NOTSET, output_shape=[5]',
      'auto_pad=SAME_LOWER, output_shape=[5]',
    ]);
  });

  it('feeds the weight as ONNX [C, M/group, k...], transposing [k..., M/group, C], and the bias as B', () => {
    const weight = makeTensor([2, 1, 3], [1, 2, 3, 4, 5, 6]); // k = 2, M/group = 1, C = 3
    const call = onnxConvTransposeCall(
      { input: mixed([1, 3, 4]), weight, bias: mixed([1]), params: { kernelLayout: 'spatial-out-in' } },
      'first',
    );
    expect(plain(call.feeds.W!)).toEqual({ shape: [3, 1, 2], data: [1, 4, 2, 5, 3, 6] });
    expect(call.graph.nodes[0]!.inputs).toEqual(['X', 'W', 'B']);
    expect(call.graph.nodes[0]!.opType).toBe('ConvTranspose');
  });

  describe('ONNX Runtime behaviours that diverge from the onnx convention (reported, not fixed)', () => {
    const x = makeTensor([1, 1, 3], [1, 2, 3]);

    it('answers SAME without output_shape with the full output where it is shorter than n·s (spec: defect.onnxruntime-same-conv-transpose)', async () => {
      const request: ConvTransposeRequest = {
        input: x,
        weight: makeTensor([1, 1, 1], [1]),
        params: { strides: [2], padding: 'same-upper' },
      };
      const viaAutoPad = await onnxruntimeAdapter({ forms: scriptedPicker(new Map([['padding', 0]])) });
      const viaOutputShape = await onnxruntimeAdapter({ forms: preferringPicker(/output_shape/) });
      expect(plain(await viaAutoPad.convTranspose!(request))).toEqual({ shape: [1, 1, 5], data: [1, 0, 2, 0, 3] });
      expect(plain(await viaOutputShape.convTranspose!(request))).toEqual(plain(await reference.convTranspose!(request)));
      expect(plain(await reference.convTranspose!(request))).toEqual({ shape: [1, 1, 6], data: [1, 0, 2, 0, 3, 0] });
      await viaAutoPad.dispose!();
      await viaOutputShape.dispose!();
    });

    it('refuses an output padding at the stride below the dilation, and an output shape s beyond the full output (spec: defect.onnxruntime-conv-transpose-size-check)', async () => {
      const w = makeTensor([1, 1, 3], [1, 10, 100]);
      const opad: ConvTransposeRequest = { input: x, weight: w, params: { strides: [1], dilations: [2], outputPadding: [1] } };
      await expect(first.convTranspose!(opad)).rejects.toThrow(/Computed output shape is inconsistent with input spatial dimensions/);
      expect((await reference.convTranspose!(opad)).shape).toEqual([1, 1, 8]);
      const beyond: ConvTransposeRequest = { input: x, weight: w, params: { strides: [2], outputShape: [9] } };
      await expect(first.convTranspose!(beyond)).rejects.toThrow(/Explicit output_shape is inconsistent/);
      expect(plain(await reference.convTranspose!(beyond))).toEqual({ shape: [1, 1, 9], data: [1, 10, 102, 20, 203, 30, 300, 0, 0] });
      // one element beyond, within the stride, runs
      const within: ConvTransposeRequest = { ...beyond, params: { strides: [2], outputShape: [8] } };
      expect(plain(await first.convTranspose!(within))).toEqual(plain(await reference.convTranspose!(within)));
    });
  });
});
