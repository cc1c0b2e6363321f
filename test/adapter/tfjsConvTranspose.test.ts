/**
 * The TF.js adapter's transposed convolution: the mapping to tf.conv2dTranspose and
 * tf.conv3dTranspose (weight layouts, channels-first data, 1-D through a height of 1, the output
 * shape, 'valid', 'same', explicit and numeric pads, the unbatched form) gives the reference's
 * answer in every form it offers, on cases TF.js gets right in every form (square kernels and
 * strides for numeric pads, strides within the kernel for 3-D 'same'); the bias and an output
 * padding, which the tfjs convention leaves undefined, match the reference under cnnspec; what
 * TF.js cannot express is refused (spec: conv-transpose.definition, conformance.api-forms).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isUnsupportedCase, type Adapter, type TensorAnswer } from '../../src/ops/Adapter.js';
import type { ConvTransposeRequest } from '../../src/ops/conv-transpose/convTransposeOp.js';
import { convTranspose } from '../../src/ops/conv-transpose/convTranspose.js';
import { referenceAdapter } from '../../src/adapter/referenceAdapter.js';
import { tfjsAdapter } from '../../src/adapter/tfjsAdapter.js';
import { tfjsConvTransposeCall } from '../../src/adapter/tfjsForms.js';
import { makeTensor, type Tensor } from '../../src/tensor/tensor.js';
import { everyOption, scriptedPicker } from '../support/formPickers.js';

/** Small signed values in steps of 1/8: sums are exact in float32 in any order. */
const mixed = (shape: number[], salt = 0): Tensor =>
  makeTensor(
    shape,
    Array.from({ length: shape.reduce((a, b) => a * b, 1) }, (_, i) => ((((i + salt) * 7) % 11) - 5) / 8),
  );
const plain = (t: Tensor): { shape: number[]; data: number[] } => ({ shape: [...t.shape], data: Array.from(t.data) });

/** Cases TF.js gets right in every form, each with the forms it must offer. */
const CASES: { name: string; request: ConvTransposeRequest; forms: RegExp[] }[] = [
  {
    name: '2-D NHWC, [k, k, out, in], stride 2, valid: explicit zeros, 0, valid',
    request: { input: mixed([1, 2, 3, 2]), weight: mixed([3, 3, 4, 2], 1), params: { strides: [2, 2] } },
    forms: [
      /pad=\[\[0, 0\], \[0, 0\], \[0, 0\], \[0, 0\]\]/,
      /pad=0 \(number\)/,
      /pad='valid'/,
      /outputShape=\[1, 5, 7, 4\]/,
      /x without its batch axis of 1/,
    ],
  },
  {
    name: '2-D NCHW, [in, out, k, k], crops (1, 1) on both axes: explicit and the number 1',
    request: {
      input: mixed([2, 2, 3, 3]),
      weight: mixed([2, 3, 3, 3], 2),
      params: { layout: 'channels-first', strides: [2, 2], padding: { begin: [1, 1], end: [1, 1] } },
    },
    forms: [/pad=\[\[0, 0\], \[1, 1\], \[1, 1\], \[0, 0\]\]/, /pad=1 \(number\)/, /x transposed from NCHW to NHWC/],
  },
  {
    name: '2-D same-upper, kernel 4 and stride 2: a total crop of 2, one at each end, also as explicit pads and the number 1',
    request: { input: mixed([1, 3, 2, 1]), weight: mixed([4, 4, 2, 1], 3), params: { strides: [2, 2], padding: 'same-upper' } },
    forms: [/pad='same'/, /pad=\[\[0, 0\], \[1, 1\], \[1, 1\], \[0, 0\]\]/, /pad=1 \(number\)/, /outputShape=\[1, 6, 4, 2\]/],
  },
  {
    name: '2-D asymmetric crops (0, 2) and (1, 0)',
    request: {
      input: mixed([1, 3, 3, 1]),
      weight: mixed([3, 3, 1, 1], 4),
      params: { strides: [2, 1], padding: { begin: [0, 1], end: [2, 0] } },
    },
    forms: [/pad=\[\[0, 0\], \[0, 2\], \[1, 0\], \[0, 0\]\]/],
  },
  {
    name: '2-D output shape: the full output, and one element appended after it',
    request: { input: mixed([1, 2, 2, 1]), weight: mixed([3, 3, 1, 1], 5), params: { strides: [2, 2], outputShape: [5, 6] } },
    forms: [/outputShape=\[1, 5, 6, 1\]/, /pad='valid'/],
  },
  {
    name: '1-D NCW through a height of 1, [in, out, k], stride 3, explicit crops (1, 1)',
    request: {
      input: mixed([2, 2, 3]),
      weight: mixed([2, 2, 4], 6),
      params: { layout: 'channels-first', strides: [3], padding: { begin: [1], end: [1] } },
    },
    forms: [/x given a height of 1/, /outputShape=\[2, 1, 8, 2\]/, /strides=\[1, 3\]/],
  },
  {
    name: '1-D same-upper, kernel 1 below the stride 2 (the full output is shorter: one element appended)',
    request: { input: mixed([1, 3, 2]), weight: mixed([1, 1, 2], 7), params: { strides: [2], padding: 'same-upper' } },
    forms: [/pad='same'/, /outputShape=\[1, 1, 6, 1\]/],
  },
  {
    name: '3-D NCDHW, valid, stride 1 (taps that neither wasm bound drops are beyond this test)',
    request: {
      input: mixed([1, 2, 2, 2, 2]),
      weight: mixed([2, 2, 2, 1, 2], 8),
      params: { layout: 'channels-first', strides: [1, 1, 1] },
    },
    forms: [/tf\.conv3dTranspose\(/, /pad='valid'/, /x transposed from NCDHW to NDHWC/, /outputShape=\[1, 3, 2, 3, 2\]/],
  },
  {
    name: '3-D same-upper with strides within the kernel',
    request: { input: mixed([1, 2, 2, 2, 1]), weight: mixed([3, 2, 2, 2, 1], 9), params: { strides: [2, 2, 1], padding: 'same-upper' } },
    forms: [/pad='same'/, /outputShape=\[1, 4, 4, 2, 2\]/],
  },
];

const formsOf = (request: ConvTransposeRequest): { script: Map<string, number>; form: string }[] =>
  everyOption((pick) => tfjsConvTransposeCall(request, pick)).map(({ script }) => ({
    script,
    form: tfjsConvTransposeCall(request, scriptedPicker(script)).form,
  }));

describe('tfjsAdapter convTranspose', () => {
  const reference = referenceAdapter('tfjs');
  const adapters = new Map<string, Adapter>();
  let first: Adapter;
  const scripted = async (script: Map<string, number>): Promise<Adapter> => {
    const key = JSON.stringify([...script]);
    if (!adapters.has(key)) adapters.set(key, await tfjsAdapter('cpu', { forms: scriptedPicker(script) }));
    return adapters.get(key)!;
  };

  beforeAll(async () => {
    first = await tfjsAdapter('cpu', { forms: 'first' });
  }, 30_000);

  afterAll(async () => {
    for (const adapter of [first, ...adapters.values()]) await adapter?.dispose?.();
  });

  for (const c of CASES) {
    it(`gives the reference's answer in every form: ${c.name}`, async () => {
      const expected = plain(await reference.convTranspose!(c.request));
      const forms = formsOf(c.request);
      for (const { script, form } of forms) {
        const answer: TensorAnswer = await (await scripted(script)).convTranspose!(c.request);
        expect(answer.form).toBe(form);
        expect(plain(answer), form).toEqual(expected);
      }
      const all = forms.map(({ form }) => form).join('\n');
      for (const pattern of c.forms) expect(all, `a form matching ${pattern}`).toMatch(pattern);
    });
  }

  it('adds the bias after the call and expresses an output padding as a longer output shape, as the reference does under cnnspec', async () => {
    // The tfjs convention leaves both undefined (conv2d_transpose.ts takes neither), so the reference is asked under cnnspec.
    const params = { layout: 'channels-last', kernelLayout: 'spatial-out-in', strides: [3, 2], outputPadding: [2, 1] } as const;
    const input = mixed([2, 2, 3, 2]);
    const weight = mixed([2, 3, 3, 2], 1);
    const bias = makeTensor([3], [0.5, -1, 2]);
    const expected = convTranspose(input, weight, bias, { ...params, convention: 'cnnspec' });
    const answer = await first.convTranspose!({ input, weight, bias, params });
    expect(answer.shape).toEqual([2, 7, 8, 3]);
    expect(answer.form).toContain('outputShape=[2, 7, 8, 3]');
    expect(plain(answer)).toEqual(plain(expected));
  });

  it('refuses what TF.js cannot express: groups, dilations, 3-D explicit crops, more appended elements than a stride leaves, an output shape outside the convolution preimage', async () => {
    const refused = async (request: ConvTransposeRequest, why: RegExp): Promise<void> => {
      const error = await first.convTranspose!(request).then(
        () => undefined,
        (caught: unknown) => caught,
      );
      expect(isUnsupportedCase(error), JSON.stringify(request.params)).toBe(true);
      expect(String(error)).toMatch(why);
    };
    await refused({ input: mixed([1, 3, 4]), weight: mixed([2, 1, 4]), params: { groups: 2 } }, /grouped/);
    await refused({ input: mixed([1, 3, 3, 1]), weight: mixed([2, 2, 1, 1]), params: { dilations: [2, 1] } }, /dilat/);
    await refused(
      { input: mixed([1, 2, 2, 2, 1]), weight: mixed([3, 3, 3, 1, 1]), params: { padding: { begin: [1, 0, 0], end: [0, 0, 0] } } },
      /'valid' or 'same'/,
    );
    // stride 2, full output 5: 7 elements would append 2, which no forward convolution of stride 2 maps back to 2 inputs
    await refused({ input: mixed([1, 2, 1]), weight: mixed([3, 1, 1]), params: { strides: [2], outputShape: [7] } }, /no pad/);
    // an output shape below the full output: explicit pads would crop it, but TensorFlow's output_shape takes only 'valid' or 'same'
    await refused({ input: mixed([1, 2, 1]), weight: mixed([3, 1, 1]), params: { strides: [2], outputShape: [4] } }, /no pad/);
  });

  it('passes a request the spec rejects on to TF.js unchanged, in the one explicit form', () => {
    // a crop longer than the full output (3 elements): an output size of 0
    const call = tfjsConvTransposeCall(
      { input: mixed([1, 2, 1]), weight: mixed([2, 1, 1]), params: { padding: { begin: [2], end: [1] } } },
      'spread',
    );
    expect(call.form).toBe(
      'tf.conv2dTranspose(x, filter, outputShape=[1, 1, 0, 1], strides=[1, 1], pad=[[0, 0], [0, 0], [2, 1], [0, 0]]); x given a height of 1',
    );
  });

  it('does not call TF.js with a stride below 1, which it does not check and can loop on forever, nor with parameters that give no whole output size', () => {
    for (const strides of [[0], [-1]]) {
      expect(() =>
        tfjsConvTransposeCall(
          { input: mixed([1, 3, 1]), weight: mixed([2, 1, 1]), params: { strides, padding: { begin: [1], end: [0] } } },
          'spread',
        ),
      ).toThrow(/stride below 1/);
    }
    expect(() =>
      tfjsConvTransposeCall({ input: mixed([1, 2, 1]), weight: mixed([1, 1, 1]), params: { strides: [1.5] } }, 'spread'),
    ).toThrow(/no whole size \(\[2\.5\]\)/);
  });

  it('meets the documented defects through the adapter: a numeric pad with a non-square kernel, and 3-D same with a stride beyond the kernel', async () => {
    // spec: defect.tfjs-nonsquare-pad — x = [1, 2, 3], w = [1, 10], pad 0: the last element is read past x
    const request: ConvTransposeRequest = { input: makeTensor([1, 3, 1], [1, 2, 3]), weight: makeTensor([2, 1, 1], [1, 10]), params: {} };
    const numericForm = await tfjsAdapter('cpu', {
      forms: (_dimension, options) => options.find((o) => typeof o.value === 'number') ?? options[0]!,
    });
    adapters.set('numeric', numericForm);
    const numeric = await numericForm.convTranspose!(request);
    expect(numeric.form).toContain('pad=0 (number)');
    expect(Array.from(numeric.data)).toEqual([1, 12, 23, Number.NaN]);
    expect(Array.from((await reference.convTranspose!(request)).data)).toEqual([1, 12, 23, 30]);
    // spec: defect.tfjs-same-3d — kernel 1, stride 2 along the width: TF.js pads -1 at the beginning
    const sameForm = await tfjsAdapter('cpu', { forms: (_dimension, options) => options.find((o) => o.value === 'same') ?? options[0]! });
    adapters.set('same', sameForm);
    const same = await sameForm.convTranspose!({
      input: makeTensor([1, 1, 1, 1, 1], [1]),
      weight: makeTensor([1, 1, 1, 1, 1], [1]),
      params: { strides: [1, 1, 2], padding: 'same-upper' },
    });
    expect(same.form).toContain("pad='same'");
    expect(Array.from(same.data)).toEqual([0, 1]);
  });
});
