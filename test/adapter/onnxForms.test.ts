/**
 * The API forms of the ONNX Runtime adapter (spec: conformance.api-forms): every option of every
 * dimension of a form gives the answer of the first form on cases where ONNX Runtime is right in
 * every form (no dilated or over-strided same pooling, spec: defect.onnxruntime-same-pool), each
 * names itself, and a form ONNX Runtime fails in names itself on the error.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  Adapter,
  ConvRequest,
  DenseRequest,
  GlobalPoolRequest,
  PadRequest,
  PoolRequest,
  TensorAnswer,
} from '../../src/ops/Adapter.js';
import type { FormPicker } from '../../src/adapter/formPicker.js';
import { onnxConvCall, onnxDenseCall, onnxGlobalPoolCall, onnxPadCall, onnxPoolCall } from '../../src/adapter/onnxForms.js';
import { onnxruntimeAdapter } from '../../src/adapter/onnxruntimeAdapter.js';
import { referenceAdapter } from '../../src/adapter/referenceAdapter.js';
import { makeTensor, type Tensor } from '../../src/tensor/tensor.js';
import { everyOption, preferringPicker, recordingPicker, scriptedPicker } from '../support/formPickers.js';

/** Small signed values in steps of 1/8: sums are exact in float32 in any order. */
const mixed = (shape: number[]): Tensor =>
  makeTensor(
    shape,
    Array.from({ length: shape.reduce((a, b) => a * b, 1) }, (_, i) => (((i * 7) % 11) - 5) / 8),
  );
const plain = (t: Tensor): { shape: number[]; data: number[] } => ({ shape: [...t.shape], data: Array.from(t.data) });

type Case =
  | { op: 'conv'; request: ConvRequest }
  | { op: 'pool'; request: PoolRequest }
  | { op: 'globalPool'; request: GlobalPoolRequest }
  | { op: 'dense'; request: DenseRequest }
  | { op: 'pad'; request: PadRequest };

/** Cases ONNX Runtime gets right in every form. */
const CASES: Case[] = [
  // pads (1, 1): given, with auto_pad NOTSET, or as SAME_UPPER and SAME_LOWER (an even total)
  {
    op: 'conv',
    request: {
      input: mixed([1, 2, 5, 5]),
      weight: mixed([3, 2, 3, 3]),
      bias: mixed([3]),
      params: { strides: [2, 2], padding: { begin: [1, 1], end: [1, 1] } },
    },
  },
  // pads (0, 1): SAME_UPPER only; strides 1 and group 1 given or left out
  {
    op: 'conv',
    request: { input: mixed([2, 2, 6]), weight: mixed([4, 1, 2]), params: { strides: [1], groups: 2, padding: { begin: [0], end: [1] } } },
  },
  // zero pads: given, left out, VALID; dilations given or left out
  {
    op: 'conv',
    request: { input: mixed([1, 1, 4, 4, 4]), weight: mixed([2, 1, 2, 2, 2]), params: { dilations: [1, 1, 1], padding: 'valid' } },
  },
  { op: 'conv', request: { input: mixed([1, 2, 7]), weight: mixed([1, 2, 3]), params: { dilations: [2] } } },
  {
    op: 'pool',
    request: {
      input: mixed([1, 2, 5, 5]),
      params: { kind: 'max', kernel: [3, 3], strides: [2, 2], padding: { begin: [1, 1], end: [1, 1] } },
    },
  },
  {
    op: 'pool',
    request: {
      input: mixed([1, 2, 6, 5]),
      params: {
        kind: 'avg',
        kernel: [2, 3],
        strides: [1, 1],
        padding: { begin: [0, 1], end: [1, 1] },
        countIncludePad: false,
        ceilMode: false,
      },
    },
  },
  { op: 'pool', request: { input: mixed([2, 1, 7]), params: { kind: 'avg', kernel: [3], strides: [2], ceilMode: true } } },
  { op: 'pool', request: { input: mixed([1, 1, 4, 4]), params: { kind: 'max', kernel: [2, 2] } } },
  { op: 'globalPool', request: { input: mixed([2, 3, 4, 3]), params: { kind: 'max' } } },
  { op: 'globalPool', request: { input: mixed([2, 3, 4, 4]), params: { kind: 'avg', keepDims: false } } },
  { op: 'globalPool', request: { input: mixed([1, 2, 2, 2, 2]), params: { kind: 'avg', keepDims: true } } },
  { op: 'dense', request: { input: mixed([3, 4]), weight: mixed([2, 4]), bias: mixed([2]), params: { weightLayout: 'out-in' } } },
  { op: 'dense', request: { input: mixed([3, 4]), weight: mixed([4, 2]), params: {} } },
  { op: 'pad', request: { input: mixed([1, 2, 3, 2]), params: { padding: { begin: [1, 0], end: [2, 1] } } } },
];

function formOf(c: Case, pick: FormPicker): string {
  switch (c.op) {
    case 'conv':
      return onnxConvCall(c.request, pick).form;
    case 'pool':
      return onnxPoolCall(c.request, pick).form;
    case 'globalPool':
      return onnxGlobalPoolCall(c.request, pick).form;
    case 'dense':
      return onnxDenseCall(c.request, pick).form;
    case 'pad':
      return onnxPadCall(c.request, pick).form;
  }
}

const run = (adapter: Adapter, c: Case): Promise<TensorAnswer> =>
  (adapter[c.op] as (request: Case['request']) => Promise<TensorAnswer>)(c.request);

describe('onnxruntimeAdapter API forms (spec: conformance.api-forms)', () => {
  const reference = referenceAdapter('onnx');
  let first: Adapter;
  const adapters = new Map<string, Adapter>();
  const scripted = async (script: Map<string, number>): Promise<Adapter> => {
    const key = JSON.stringify([...script]);
    if (!adapters.has(key)) adapters.set(key, await onnxruntimeAdapter({ forms: scriptedPicker(script) }));
    return adapters.get(key)!;
  };

  beforeAll(async () => {
    first = await onnxruntimeAdapter({ forms: 'first' });
  }, 30_000);

  afterAll(async () => {
    for (const adapter of [first, ...adapters.values()]) await adapter?.dispose?.();
  });

  it('gives the answer of the first form in every option of every dimension, each naming its own form', async () => {
    const forms = new Set<string>();
    let variants = 0;
    for (const c of CASES) {
      const expected = await run(first, c);
      expect(plain(expected), `${c.op} ${JSON.stringify(c.request.params)}: the first form against the reference`).toEqual(
        plain(await run(reference, c)),
      );
      expect(expected.form).toBe(formOf(c, scriptedPicker(new Map())));
      forms.add(expected.form!);
      for (const { script, dimension, option } of everyOption((pick) => formOf(c, pick)).slice(1)) {
        const answer = await run(await scripted(script), c);
        const form = formOf(c, scriptedPicker(script));
        expect(answer.form).toBe(form);
        expect(form, `${dimension} option ${option} changes the form`).not.toBe(expected.form);
        expect(plain(answer), `${form} against ${expected.form}`).toEqual(plain(expected));
        forms.add(form);
        variants += 1;
      }
    }
    expect(variants).toBeGreaterThan(40);
    const all = [...forms].join('\n');
    for (const part of [
      'kernel_shape omitted',
      'strides omitted',
      'strides=[1]',
      'dilations omitted',
      'dilations=[1, 1, 1]',
      'group omitted',
      'group=1',
      'auto_pad=SAME_UPPER',
      'auto_pad=SAME_LOWER',
      'auto_pad=VALID',
      'auto_pad=NOTSET, pads=[1, 1, 1, 1]',
      'pads omitted',
      'pads=[0, 0, 0, 0, 0, 0]',
      'ceil_mode=0',
      'ceil_mode omitted',
      'ceil_mode=1',
      'count_include_pad omitted',
      'count_include_pad=0',
      'GlobalMaxPool',
      'GlobalAveragePool',
      'MaxPool(kernel_shape=[4, 3]) over the whole input',
      'ReduceMean(axes=[2, 3], keepdims=0)',
      'ReduceMax(axes=[2, 3], keepdims=1)',
      'ReduceMean(axes=[2, 3, 4], keepdims omitted)',
      'Gemm(transB=1)',
      'Gemm(transB=0)',
      'Gemm(transB omitted); B transposed from [out, in] to [in, out]',
      'MatMul + Add',
      'Pad(mode omitted',
      'axes=[2, 3]',
      'constant_value=0',
    ]) {
      expect(all, part).toContain(part);
    }
  });

  it('takes the same form for the same request every time', async () => {
    const spread = await onnxruntimeAdapter();
    for (const c of CASES) {
      const [a, b] = [await run(spread, c), await run(spread, { ...c, request: structuredClone(c.request) } as Case)];
      expect(a.form).toBe(b.form);
      expect(plain(a)).toEqual(plain(b));
    }
    await spread.dispose!();
  });

  it('offers auto_pad same for a convolution only without a dilation, which ONNX Runtime does not implement with it', () => {
    const { pick, dimensions } = recordingPicker();
    onnxConvCall(
      { input: mixed([1, 1, 5]), weight: mixed([1, 1, 2]), params: { dilations: [2], padding: { begin: [1], end: [1] } } },
      pick,
    );
    expect(dimensions.get('padding')).toEqual(['pads=[1, 1]', 'auto_pad=NOTSET, pads=[1, 1]']);
  });

  it('names the form on an error ONNX Runtime returns (spec: defect.onnxruntime-same-pool)', async () => {
    // zero pads are the same pads of a window of 1 with a stride of 3, which ONNX Runtime's pooling gets negative
    const request: PoolRequest = {
      input: mixed([1, 1, 5]),
      params: { kind: 'max', kernel: [1], strides: [3], padding: { begin: [0], end: [0] } },
    };
    const adapter = await onnxruntimeAdapter({ forms: preferringPicker(/SAME_UPPER/) });
    const error = (await adapter.pool!(request).then(
      () => undefined,
      (e: unknown) => e,
    )) as Error & { form?: string };
    expect(error.message).toMatch(/padding values must be non-negative/);
    expect(error.form).toBe('MaxPool(kernel_shape=[1], strides=[3], dilations omitted, ceil_mode omitted, auto_pad=SAME_UPPER)');
    await adapter.dispose!();
  });
});
