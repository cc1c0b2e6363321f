/**
 * The API forms of the TF.js adapter (spec: conformance.api-forms): every option of every
 * dimension of a form gives the answer of the first form on cases where TF.js is right in every
 * form (square windows and strides for numeric pads, strides within the window for 3-D 'same'),
 * each names itself, the numeric-pad form meets the documented defect through the adapter
 * (spec: defect.tfjs-nonsquare-pad), and the form reaches a failure's evidence in report.json.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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
import { referenceAdapter } from '../../src/adapter/referenceAdapter.js';
import { tfjsAdapter } from '../../src/adapter/tfjsAdapter.js';
import { tfjsConvCall, tfjsDenseCall, tfjsGlobalPoolCall, tfjsPadCall, tfjsPoolCall } from '../../src/adapter/tfjsForms.js';
import type { Report } from '../../src/report/model/Report.js';
import { runConformance } from '../../src/runner/runConformance.js';
import { writeReports } from '../../src/report/writeReports.js';
import { makeTensor, type Tensor } from '../../src/tensor/tensor.js';
import { everyOption, preferringPicker, recordingPicker, scriptedPicker } from '../support/formPickers.js';

/** Small signed values in steps of 1/8: sums are exact in float32 in any order. */
const mixed = (shape: number[]): Tensor =>
  makeTensor(
    shape,
    Array.from({ length: shape.reduce((a, b) => a * b, 1) }, (_, i) => (((i * 7) % 11) - 5) / 8),
  );
const ones = (shape: number[]): Tensor => makeTensor(shape, new Array<number>(shape.reduce((a, b) => a * b, 1)).fill(1));
const plain = (t: Tensor): { shape: number[]; data: number[] } => ({ shape: [...t.shape], data: Array.from(t.data) });

type Case =
  | { op: 'conv'; request: ConvRequest }
  | { op: 'pool'; request: PoolRequest }
  | { op: 'globalPool'; request: GlobalPoolRequest }
  | { op: 'dense'; request: DenseRequest }
  | { op: 'pad'; request: PadRequest };

/** Cases TF.js gets right in every form. */
const CASES: Case[] = [
  // 2-D, pads (1, 1) everywhere, which are also the same-upper pads: explicit, number, 'same'
  {
    op: 'conv',
    request: {
      input: mixed([1, 5, 5, 2]),
      weight: mixed([3, 3, 2, 3]),
      bias: mixed([3]),
      params: { strides: [2, 2], padding: { begin: [1, 1], end: [1, 1] } },
    },
  },
  // channels-first: NCHW read natively or transposed; zero pads: explicit, number, 'valid'
  {
    op: 'conv',
    request: {
      input: mixed([2, 2, 4, 4]),
      weight: mixed([3, 2, 3, 3]),
      params: { layout: 'channels-first', padding: { begin: [0, 0], end: [0, 0] } },
    },
  },
  // dilated, square: dilations as an array or one number
  {
    op: 'conv',
    request: {
      input: mixed([1, 2, 6, 6]),
      weight: mixed([1, 2, 2, 2]),
      params: { layout: 'channels-first', dilations: [2, 2], padding: 'valid' },
    },
  },
  // 1-D: conv1d, conv2d with a height of 1, fused; pads (0, 1) are the same-upper pads
  {
    op: 'conv',
    request: {
      input: mixed([2, 6, 3]),
      weight: mixed([3, 3, 2]),
      bias: mixed([2]),
      params: { strides: [2], padding: { begin: [0], end: [1] } },
    },
  },
  {
    op: 'conv',
    request: { input: mixed([1, 3, 5]), weight: mixed([2, 3, 1]), params: { layout: 'channels-first', padding: { begin: [0], end: [0] } } },
  },
  // depthwise, 2-D and 1-D
  {
    op: 'conv',
    request: {
      input: mixed([1, 4, 4, 2]),
      weight: mixed([3, 3, 1, 4]),
      bias: mixed([4]),
      params: { groups: 2, padding: { begin: [1, 1], end: [1, 1] } },
    },
  },
  { op: 'conv', request: { input: mixed([1, 5, 2]), weight: mixed([3, 1, 2]), params: { groups: 2, padding: 'same-upper' } } },
  // 3-D: pads (1, 1) are the same-upper pads, which conv3d takes only as 'same'
  {
    op: 'conv',
    request: { input: mixed([1, 4, 4, 4, 1]), weight: mixed([3, 3, 3, 1, 2]), params: { padding: { begin: [1, 1, 1], end: [1, 1, 1] } } },
  },
  {
    op: 'conv',
    request: {
      input: mixed([1, 2, 3, 4, 4]),
      weight: mixed([2, 2, 2, 2, 2]),
      params: { layout: 'channels-first', strides: [1, 2, 2], padding: 'valid' },
    },
  },
  // pooling: maxPool, avgPool or tf.pool; pads as pairs, one number or 'same'; sizes as arrays or numbers
  {
    op: 'pool',
    request: {
      input: mixed([1, 5, 5, 2]),
      params: { kind: 'max', kernel: [3, 3], strides: [2, 2], padding: { begin: [1, 1], end: [1, 1] } },
    },
  },
  {
    op: 'pool',
    request: {
      input: mixed([1, 2, 5, 5]),
      params: { kind: 'avg', kernel: [3, 3], strides: [2, 2], padding: { begin: [1, 1], end: [1, 1] }, layout: 'channels-first' },
    },
  },
  { op: 'pool', request: { input: mixed([1, 4, 6, 1]), params: { kind: 'avg', kernel: [2, 2], strides: [2, 2], padding: 'valid' } } },
  {
    op: 'pool',
    request: {
      input: mixed([1, 5, 5, 1]),
      params: { kind: 'max', kernel: [2, 2], strides: [2, 2], padding: { begin: [0, 0], end: [0, 0] }, ceilMode: true },
    },
  },
  {
    op: 'pool',
    request: { input: mixed([2, 7, 3]), params: { kind: 'max', kernel: [3], strides: [2], padding: { begin: [1], end: [1] } } },
  },
  {
    op: 'pool',
    request: { input: mixed([1, 2, 5]), params: { kind: 'avg', kernel: [1], strides: [1], padding: 'valid', layout: 'channels-first' } },
  },
  // 3-D pooling: one number, 'valid' and 'same' for zero pads a stride of 2 makes the same-upper pads
  {
    op: 'pool',
    request: {
      input: mixed([1, 4, 4, 4, 2]),
      params: { kind: 'max', kernel: [2, 2, 2], strides: [2, 2, 2], padding: { begin: [0, 0, 0], end: [0, 0, 0] } },
    },
  },
  {
    op: 'pool',
    request: {
      input: mixed([1, 2, 4, 4, 4]),
      params: { kind: 'avg', kernel: [2, 2, 2], strides: [2, 2, 2], padding: 'valid', layout: 'channels-first' },
    },
  },
  { op: 'globalPool', request: { input: mixed([2, 3, 4, 3]), params: { kind: 'max' } } },
  { op: 'globalPool', request: { input: mixed([2, 3, 4]), params: { kind: 'avg', keepDims: false } } },
  { op: 'dense', request: { input: mixed([3, 4]), weight: mixed([2, 4]), bias: mixed([2]), params: { weightLayout: 'out-in' } } },
  { op: 'dense', request: { input: mixed([2, 3, 4]), weight: mixed([4, 3]), params: {} } },
  { op: 'pad', request: { input: mixed([1, 3, 2, 2]), params: { padding: { begin: [1, 0], end: [2, 1] } } } },
  { op: 'pad', request: { input: mixed([1, 2, 3]), params: { padding: { begin: [2], end: [0] }, layout: 'channels-first' } } },
];

function formOf(c: Case, pick: FormPicker): string {
  switch (c.op) {
    case 'conv':
      return tfjsConvCall(c.request, 'cpu', pick).form;
    case 'pool':
      return tfjsPoolCall(c.request, pick).form;
    case 'globalPool':
      return tfjsGlobalPoolCall(c.request, pick).form;
    case 'dense':
      return tfjsDenseCall(c.request, pick).form;
    case 'pad':
      return tfjsPadCall(c.request, pick).form;
  }
}

const run = (adapter: Adapter, c: Case): Promise<TensorAnswer> =>
  (adapter[c.op] as (request: Case['request']) => Promise<TensorAnswer>)(c.request);

describe('tfjsAdapter API forms (spec: conformance.api-forms)', () => {
  const reference = referenceAdapter('tfjs');
  let first: Adapter;
  const adapters = new Map<string, Adapter>();
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
    expect(variants).toBeGreaterThan(80);
    // every kind of form this adapter has was among them
    const all = [...forms].join('\n');
    for (const part of [
      'tf.conv1d(',
      'tf.conv2d(',
      'tf.fused.conv2d(',
      'tf.depthwiseConv2d(',
      'tf.fused.depthwiseConv2d(',
      'tf.conv3d(',
      'tf.maxPool(',
      'tf.avgPool(',
      'tf.pool(',
      'tf.maxPool3d(',
      'tf.avgPool3d(',
      'tf.max(',
      'tf.mean(',
      'tf.matMul(',
      'tf.dot(',
      'tf.fused.matMul(',
      'tf.pad(',
      'tf.pad4d(',
      'tf.pad3d(',
      "pad='same'",
      "pad='valid'",
      'pad=1 (number)',
      'pad=0 (number)',
      'pad=[[0, 0], [1, 1], [1, 1], [0, 0]]',
      "dataFormat='NCHW'",
      "dataFormat='NHWC'",
      'dataFormat omitted',
      "dataFormat='NDHWC'",
      'strides=2',
      'strides=[2, 2]',
      'dilations omitted',
      'dilations=2',
      'dilation omitted',
      'filterSize=3',
      'windowShape=',
      'x transposed from NCHW to NHWC',
      'x given a height of 1',
      'keepDims omitted',
      'keepDims=false',
      'constantValue=0',
      'transposeB=true',
      'w transposed from [out, in] to [in, out]',
      'transposeA omitted',
    ]) {
      expect(all, part).toContain(part);
    }
  });

  it('meets the documented numeric-pad defect through the adapter: conv2d(ones[1,5,7,1], w[3,1], 1, 1) has width 7, not 9 (spec: defect.tfjs-nonsquare-pad)', async () => {
    const request: ConvRequest = {
      input: ones([1, 5, 7, 1]),
      weight: ones([3, 1, 1, 1]),
      params: { strides: [1, 1], padding: { begin: [1, 1], end: [1, 1] } },
    };
    const numeric = await tfjsAdapter('cpu', { forms: preferringPicker(/\(number\)|^1$/) });
    const answer = await numeric.conv!(request);
    expect(answer.form).toMatch(/^tf\.conv2d\(x, filter, strides=1, pad=1 \(number\), /);
    expect(answer.shape).toEqual([1, 5, 7, 1]);
    // the explicit form and the reference agree on the width
    expect((await first.conv!(request)).shape).toEqual([1, 5, 9, 1]);
    expect((await reference.conv!(request)).shape).toEqual([1, 5, 9, 1]);
  });

  it('names the form on an error TF.js throws', async () => {
    // tf.pool turns the integer pad 0 into 'valid', which TF.js then refuses with a rounding mode
    const request: PoolRequest = {
      input: mixed([1, 4, 4, 1]),
      params: { kind: 'max', kernel: [2, 2], strides: [2, 2], padding: { begin: [0, 0], end: [0, 0] }, ceilMode: true },
    };
    const adapter = await tfjsAdapter('cpu', { forms: preferringPicker(/^pool$|\(number\)/) });
    const error = (await adapter.pool!(request).then(
      () => undefined,
      (e: unknown) => e,
    )) as Error & { form?: string };
    expect(error).toBeInstanceOf(Error);
    expect(error.message).toMatch(/pad must be an integer when using dimRoundingMode ceil but got pad valid/);
    expect(error.form).toBe(
      "tf.pool(x, windowShape=[2, 2], poolingType='max', pad=0 (number), dilations omitted, strides=[2, 2], dimRoundingMode='ceil')",
    );
  });

  it('takes the same form for the same request every time, and only the first form where the window does not fit', async () => {
    const spread = await tfjsAdapter('cpu');
    for (const c of CASES) {
      const [a, b] = [await run(spread, c), await run(spread, { ...c, request: structuredClone(c.request) } as Case)];
      expect(a.form).toBe(b.form);
      expect(plain(a)).toEqual(plain(b));
    }
    // a window longer than the padded input: TF.js sizes 'valid' and numeric pads differently there
    const tooLong: ConvRequest = { input: mixed([1, 2, 1]), weight: mixed([3, 1, 1]), params: { padding: { begin: [0], end: [0] } } };
    const { pick, dimensions } = recordingPicker();
    tfjsConvCall(tooLong, 'cpu', pick);
    expect(dimensions.size).toBe(0); // the picker is not even asked
    expect((await spread.conv!(tooLong)).form).toBe(
      "tf.conv1d(x, filter, stride=1, pad=[[0, 0], [0, 0], [0, 0], [0, 0]], dataFormat='NWC', dilation=1)",
    );
    // the same call with a window that fits has a choice of forms
    tfjsConvCall({ ...tooLong, input: mixed([1, 3, 1]) }, 'cpu', pick);
    expect(dimensions.get('pad')).toEqual(['[[0, 0], [0, 0], [0, 0], [0, 0]]', '0 (number)', "'valid'"]);
  });

  it('offers NCHW conv2d on the backends whose Conv2D kernel reads NCHW, and NHWC only on wasm', () => {
    const request: ConvRequest = {
      input: mixed([1, 2, 4, 4]),
      weight: mixed([3, 2, 2, 2]),
      params: { layout: 'channels-first', padding: 'valid' },
    };
    const layoutOptions = (backend: 'cpu' | 'wasm' | 'webgl' | 'webgpu'): string[] | undefined => {
      const { pick, dimensions } = recordingPicker();
      // the entry dimension comes first: conv2d, the first option, is the one that can read NCHW
      tfjsConvCall(request, backend, pick);
      return dimensions.get('layout');
    };
    expect(Object.fromEntries((['cpu', 'wasm', 'webgl', 'webgpu'] as const).map((b) => [b, layoutOptions(b)]))).toEqual({
      cpu: ['NCHW', 'NHWC'],
      wasm: undefined,
      webgl: ['NCHW', 'NHWC'],
      webgpu: ['NCHW', 'NHWC'],
    });
  });

  it('puts the form of a failing call into report.json, and its renderings show it', async () => {
    const numeric = await tfjsAdapter('cpu', { forms: preferringPicker(/\(number\)/) });
    const report = await runConformance({
      adapter: numeric,
      source: 'tfjs-cpu with numeric pads',
      seed: 20261128,
      numRuns: 40,
      timeoutMs: 30_000,
      only: ['conv/output-shape/matches-formula'],
      replay: (id, seed, path) => `replay ${id} ${seed} ${path}`,
    });
    const dir = mkdtempSync(join(tmpdir(), 'cnnspec-forms-'));
    writeReports(report, dir, { formats: ['json', 'md', 'html'] });
    const saved = JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8')) as Report;
    const failure = saved.results.find((r) => r.id === 'conv/output-shape/matches-formula')!;
    expect(failure.status).toBe('fail');
    expect(failure.evidence?.form).toMatch(/pad=\d+ \(number\)/);
    expect(readFileSync(join(dir, 'report.md'), 'utf8')).toContain('API form');
    expect(readFileSync(join(dir, 'report.html'), 'utf8')).toContain(
      `<dt>API form</dt><dd>${failure.evidence!.form!.replace(/'/g, '&#39;')}</dd>`,
    );
  }, 60_000);
});
