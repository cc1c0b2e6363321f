/**
 * Every documented defect has a signature (or says why it cannot have one), and every part of a
 * signature recognises the defect's own reproduction and not a near miss (spec:
 * conformance.expectations).
 */
import { describe, expect, it } from 'vitest';
import { loadClauseRegistry } from '../../src/spec/clauseRegistry.js';
import { DEFECT_SIGNATURES, UNSIGNED_DEFECTS } from '../../src/defects/defectSignatures.js';
import { failureFacts, failureFactsAll } from '../../src/defects/failureFacts.js';
import type { FailureEvidence, ReportResult } from '../../src/report/model/Report.js';

/** A failing result whose evidence is the given call. */
function failing(
  op: FailureEvidence['op'],
  params: Record<string, unknown>,
  input: number[],
  options: {
    weight?: number[];
    /** The bias's shape, where the call has one. */
    bias?: number[];
    answered?: boolean;
    nan?: boolean;
    message?: string;
    form?: string;
    layout?: 'channels-first' | 'channels-last';
    window?: FailureEvidence['window'];
    /** The input's values (as the report holds them); else 0, 1, 2, ... with NaN first where `nan`. */
    data?: (number | string)[];
  } = {},
): ReportResult {
  const size = input.reduce((a, b) => a * b, 1);
  const evidence: FailureEvidence & { form?: string } = {
    op,
    layout: options.layout ?? 'channels-first',
    input: {
      shape: input,
      data: options.data ?? Array.from({ length: Math.min(size, 64) }, (_, i) => (options.nan === true && i === 0 ? 'NaN' : i)),
    },
    ...(options.weight === undefined ? {} : { weight: { shape: options.weight, data: [] } }),
    ...(options.bias === undefined ? {} : { bias: { shape: options.bias, data: [] } }),
    params,
    ...(options.answered === false ? {} : { actual: { shape: [1], data: [0] } }),
    comparison: 'test',
    ...(options.form === undefined ? {} : { form: options.form }),
    ...(options.window === undefined ? {} : { window: options.window }),
  };
  return {
    id: 'test/id',
    kind: 'property',
    status: 'fail',
    spec: [],
    features: [],
    required: true,
    description: '',
    durationMs: 0,
    message: options.message ?? 'differs',
    evidence,
  };
}

/** The window of a transposed convolution's evidence: no dilation, no crop at the beginning, the given end crops. */
const transposedWindow = (kernel: number[], strides: number[], padEnd: number[]): NonNullable<FailureEvidence['window']> => ({
  kernel,
  strides,
  dilations: kernel.map(() => 1),
  padBegin: kernel.map(() => 0),
  padEnd,
});

/** A failing rejection property: its counterexample names the kind of invalid parameter sent. */
function rejected(result: ReportResult, parameterKind: string): ReportResult {
  const { input, params, op } = result.evidence!;
  return { ...result, counterexample: { op, request: { input, params }, parameterKind } };
}

/** A failing pad rejection, which has no evidence: only its counterexample and message. */
function padRejected(begin: number[], message: string, parameterKind = 'pad-op-non-integer'): ReportResult {
  return {
    id: 'pad/invalid/parameters-are-rejected',
    kind: 'property',
    status: 'fail',
    spec: [],
    features: [],
    required: true,
    description: '',
    durationMs: 0,
    message,
    counterexample: {
      op: 'pad',
      request: {
        input: { shape: [1, 1, 5], data: [0, 0, 0, 0, 0] },
        params: { padding: { begin, end: [0] }, fill: 'zeros', layout: 'channels-first' },
      },
      parameterKind,
    },
  };
}

/** A failing global-pool rejection of an empty spatial axis: only its counterexample and message. */
function globalPoolRejected(kind: 'max' | 'avg', message: string): ReportResult {
  return {
    id: 'global-pool/invalid/parameters-are-rejected',
    kind: 'property',
    status: 'fail',
    spec: [],
    features: [],
    required: true,
    description: '',
    durationMs: 0,
    message,
    counterexample: {
      op: 'global-pool',
      request: { input: { shape: [1, 1, 0], data: [] }, params: { kind, layout: 'channels-first', keepDims: false } },
      parameterKind: 'global-pool-empty-axis',
    },
  };
}

/** For each part: a failure it must recognise and one it must not. */
const EXAMPLES: Record<string, { hit: ReportResult; miss: ReportResult; also?: { hit: ReportResult; miss: ReportResult } }> = {
  'defect.tfjs-nonsquare-pad/numeric-pad-width': {
    hit: failing('conv', { strides: [1, 1], padding: { begin: [1, 1], end: [1, 1] } }, [1, 1, 5, 7], { weight: [1, 1, 3, 1] }),
    miss: failing('conv', { strides: [1, 1], padding: { begin: [1, 1], end: [1, 1] } }, [1, 1, 5, 7], { weight: [1, 1, 3, 3] }),
    // 1-D runs as 2-D with a height of 1: the numeric pad 0 of tf.conv1d meets it (the form says so)
    also: {
      hit: failing('conv', { strides: [1], padding: 'valid' }, [1, 1, 5], {
        weight: [1, 1, 3],
        form: 'tf.conv1d(x, filter, stride=1, pad=0 (number), dataFormat omitted)',
      }),
      miss: failing('conv', { strides: [1], padding: 'valid' }, [1, 1, 5], {
        weight: [1, 1, 3],
        form: "tf.conv1d(x, filter, stride=1, pad='valid', dataFormat omitted)",
      }),
    },
  },
  'defect.tfjs-nonsquare-pad/numeric-pad-transposed': {
    // 1-D through a height of 1 with a kernel of 2: the forward width is computed from the height's kernel of 1
    hit: failing('conv-transpose', { strides: [1], padding: 'valid' }, [1, 1, 3], {
      weight: [1, 1, 2],
      form: 'tf.conv2dTranspose(x, filter, outputShape=[1, 1, 4, 1], strides=[1, 1], pad=0 (number)); x given a height of 1',
      window: transposedWindow([2], [1], [0]),
    }),
    miss: failing('conv-transpose', { strides: [1], padding: 'valid' }, [1, 1, 3], {
      weight: [1, 1, 2],
      form: "tf.conv2dTranspose(x, filter, outputShape=[1, 1, 4, 1], strides=[1, 1], pad='valid'); x given a height of 1",
      window: transposedWindow([2], [1], [0]),
    }),
  },
  'defect.tfjs-pool-pad-zero-ceil/pool-pad-zero-ceil': {
    hit: failing('pool', { kind: 'max', kernel: [2, 2], strides: [2, 2], padding: 'valid', ceilMode: true }, [1, 1, 5, 5], {
      answered: false,
      form: "tf.pool(x, windowShape=[2, 2], poolingType='max', pad=0 (number), dilations omitted, strides=[2, 2], dimRoundingMode='ceil')",
    }),
    miss: failing('pool', { kind: 'max', kernel: [2, 2], strides: [2, 2], padding: 'valid', ceilMode: true }, [1, 1, 5, 5], {
      answered: false,
      form: "tf.pool(x, windowShape=[2, 2], poolingType='max', pad=[[0, 0], [0, 0], [0, 0], [0, 0]], dilations omitted, strides=[2, 2], dimRoundingMode='ceil')",
    }),
  },
  'defect.tfjs-wasm-fused-matmul-bias/bias-by-flat-index': {
    hit: failing('dense', { weightLayout: 'out-in' }, [2, 2], {
      weight: [2, 2],
      form: 'tf.fused.matMul(a=x, b=w, bias, transposeA omitted, transposeB=true); x flattened to [rows, in]',
    }),
    miss: failing('dense', { weightLayout: 'out-in' }, [2, 2], {
      weight: [2, 2],
      form: 'tf.matMul(x, w, transposeA omitted, transposeB=true); x flattened to [rows, in]',
    }),
  },
  'defect.tfjs-negative-shape/unchecked-output-size': {
    hit: failing('conv', { padding: 'valid' }, [1, 1, 2, 2], {
      weight: [1, 1, 5, 5],
      message: 'answered E_OUTPUT_EMPTY with shape [1,1,-2,-2]',
    }),
    miss: failing('conv', { padding: 'valid' }, [1, 1, 5, 5], { weight: [1, 1, 3, 3] }),
  },
  'defect.tfjs-unit-window-shortcut/input-returned': {
    hit: failing('pool', { kind: 'max', kernel: [1, 1], strides: [2, 2], padding: 'valid', ceilMode: true }, [1, 1, 2, 2]),
    miss: failing('pool', { kind: 'max', kernel: [1, 1], strides: [2, 2], padding: 'valid', ceilMode: false }, [1, 1, 2, 2]),
  },
  'defect.tfjs-wasm-pooling/same-conv-stride-exceeds-window': {
    hit: failing('conv', { strides: [4], padding: 'same-upper' }, [1, 1, 4], { weight: [1, 1, 1] }),
    miss: failing('conv', { strides: [2], padding: 'same-upper' }, [1, 1, 4], { weight: [1, 1, 3] }),
  },
  'defect.tfjs-wasm-pooling/unit-window-copy': {
    hit: failing('pool', { kind: 'max', kernel: [1, 1], strides: [1, 1], padding: { begin: [0, 1], end: [0, 1] } }, [1, 1, 1, 2]),
    miss: failing('pool', { kind: 'max', kernel: [2, 2], strides: [1, 1], padding: { begin: [0, 1], end: [0, 1] } }, [1, 1, 2, 2]),
  },
  'defect.tfjs-wasm-pooling/ceil-mode-2d': {
    hit: failing('pool', { kind: 'avg', kernel: [3, 3], strides: [2, 2], padding: 'valid', ceilMode: true }, [1, 1, 4, 4]),
    miss: failing('pool', { kind: 'avg', kernel: [3, 3], strides: [2, 2], padding: 'valid', ceilMode: true }, [1, 1, 5, 5]),
  },
  'defect.tfjs-wasm-pooling/max-pool-3d-flt-min': {
    hit: failing('pool', { kind: 'max', kernel: [1, 1, 1], strides: [1, 1, 1], padding: 'valid' }, [1, 1, 1, 1, 1]),
    miss: failing('pool', { kind: 'avg', kernel: [1, 1, 1], strides: [1, 1, 1], padding: 'valid' }, [1, 1, 1, 1, 1]),
  },
  'defect.tfjs-wasm-pooling/max-pool-nan-simd': {
    hit: failing('pool', { kind: 'max', kernel: [1, 3], strides: [1, 1], padding: 'valid' }, [1, 1, 1, 3], { nan: true }),
    miss: failing('pool', { kind: 'max', kernel: [1, 3], strides: [1, 1], padding: 'valid' }, [1, 1, 1, 3]),
  },
  'defect.tfjs-wasm-pooling/avg-pool-nan-clamp': {
    hit: failing('pool', { kind: 'avg', kernel: [1, 2], strides: [1, 1], padding: 'valid' }, [1, 1, 1, 2], { nan: true }),
    miss: failing('pool', { kind: 'avg', kernel: [1, 1, 2], strides: [1, 1, 1], padding: 'valid' }, [1, 1, 1, 1, 2], { nan: true }),
  },
  'defect.tfjs-wasm-pooling/empty-window': {
    hit: failing('pool', { kind: 'max', kernel: [1, 2], strides: [1, 1], padding: { begin: [0, 0], end: [1, 0] } }, [1, 1, 1, 2]),
    miss: failing('pool', { kind: 'max', kernel: [2, 2], strides: [1, 1], padding: { begin: [0, 0], end: [1, 0] } }, [1, 1, 1, 2]),
  },
  'defect.tfjs-wasm-pooling/depthwise-dilation-with-stride': {
    hit: failing('conv', { strides: [2, 1], dilations: [2, 1], padding: 'valid', groups: 2 }, [1, 2, 6, 6], { weight: [2, 1, 2, 2] }),
    miss: failing('conv', { strides: [2, 1], dilations: [2, 1], padding: 'valid', groups: 1 }, [1, 2, 6, 6], { weight: [2, 2, 2, 2] }),
  },
  'defect.tfjs-wasm-pooling/output-size-trap': {
    hit: failing('pool', { kind: 'max', kernel: [3], strides: [1], padding: 'valid' }, [1, 1, 2], {
      answered: false,
      message: 'adapter fault: exited',
    }),
    miss: failing('pool', { kind: 'max', kernel: [2], strides: [1], padding: 'valid' }, [1, 1, 2], {
      answered: false,
      message: 'adapter fault: exited',
    }),
  },
  'defect.tfjs-gpu-kernels/max-pool-floor': {
    hit: failing('pool', { kind: 'max', kernel: [1, 2], strides: [1, 1], padding: { begin: [0, 0], end: [0, 2] } }, [1, 1, 1, 2]),
    miss: failing('pool', { kind: 'max', kernel: [1, 2], strides: [1, 1], padding: { begin: [0, 0], end: [0, 1] } }, [1, 1, 1, 2]),
    // no empty window, but every value below the kernels' start at -1e20
    also: {
      hit: failing('pool', { kind: 'max', kernel: [1, 1, 2], strides: [1, 1, 1], padding: 'valid' }, [1, 1, 1, 1, 2], {
        data: ['-Infinity', -1e30],
      }),
      miss: failing('pool', { kind: 'max', kernel: [1, 1, 2], strides: [1, 1, 1], padding: 'valid' }, [1, 1, 1, 1, 2], {
        data: [-1e19, 5],
      }),
    },
  },
  'defect.tfjs-gpu-kernels/unit-window-pads': {
    hit: failing('pool', { kind: 'avg', kernel: [1, 1], strides: [1, 1], padding: { begin: [0, 1], end: [0, 1] } }, [1, 1, 1, 2]),
    miss: failing('pool', { kind: 'avg', kernel: [1, 2], strides: [1, 1], padding: { begin: [0, 1], end: [0, 1] } }, [1, 1, 1, 2]),
  },
  'defect.tfjs-gpu-kernels/pad-rank-5': {
    hit: failing('pad', { padding: { begin: [0, 0, 0], end: [0, 0, 1] } }, [1, 1, 1, 2, 2]),
    miss: failing('pad', { padding: { begin: [0, 0], end: [0, 1] } }, [1, 1, 2, 2]),
  },
  'defect.tfjs-gpu-kernels/depthwise-dilation-with-stride': {
    hit: failing('conv', { strides: [2, 1], dilations: [2, 1], padding: 'valid', groups: 2 }, [1, 2, 6, 6], { weight: [2, 1, 2, 2] }),
    miss: failing('conv', { strides: [1, 1], dilations: [2, 1], padding: 'valid', groups: 2 }, [1, 2, 6, 6], { weight: [2, 1, 2, 2] }),
  },
  'defect.tfjs-gpu-kernels/conv2d-nchw-few-channels': {
    // 257 outputs: 9 blocks of 32
    hit: failing('conv', { strides: [1, 1], padding: 'valid' }, [1, 1, 1, 258], {
      weight: [1, 1, 1, 2],
      answered: false,
      form: "tf.conv2d(x, filter, strides=1, pad='valid', dataFormat='NCHW', dilations omitted)",
    }),
    // 256 outputs: 8 blocks, the im2col kernel
    miss: failing('conv', { strides: [1, 1], padding: 'valid' }, [1, 1, 1, 257], {
      weight: [1, 1, 1, 2],
      answered: false,
      form: "tf.conv2d(x, filter, strides=1, pad='valid', dataFormat='NCHW', dilations omitted)",
    }),
    also: {
      // a batch of 2: 2 x 5 blocks
      hit: failing('conv', { strides: [1, 1], padding: 'valid' }, [2, 1, 1, 130], {
        weight: [3, 1, 1, 2],
        answered: false,
        form: "tf.fused.conv2d(x, filter, strides=1, pad='valid', dataFormat='NCHW', dilations omitted)",
      }),
      // 4 channels and an output width of 256: the vec4 kernel, whose workgroup is [8, 8]
      miss: failing('conv', { strides: [1, 1], padding: 'valid' }, [1, 1, 2, 260], {
        weight: [4, 1, 1, 5],
        answered: false,
        form: "tf.conv2d(x, filter, strides=1, pad='valid', dataFormat='NCHW', dilations omitted)",
      }),
    },
  },
  'defect.tfjs-gpu-kernels/nchw-batch-leak': {
    // the reproduction's call: a NaN in the second batch entry
    hit: failing('conv', { strides: [1, 1], padding: 'valid' }, [2, 1, 1, 70], {
      weight: [1, 1, 1, 2],
      data: [...Array(70).fill(1), 'NaN', ...Array(69).fill(1)],
      form: "tf.conv2d(x, filter, strides=1, pad='valid', dataFormat='NCHW', dilations omitted)",
    }),
    // one batch entry: nothing follows it to read
    miss: failing('conv', { strides: [1, 1], padding: 'valid' }, [1, 1, 1, 70], {
      weight: [1, 1, 1, 2],
      data: ['NaN', ...Array(69).fill(1)],
      form: "tf.conv2d(x, filter, strides=1, pad='valid', dataFormat='NCHW', dilations omitted)",
    }),
    also: {
      // an infinity leaks as a NaN does
      hit: failing('conv', { strides: [1, 1], padding: 'valid' }, [2, 1, 1, 70], {
        weight: [1, 1, 1, 2],
        data: [...Array(70).fill(1), 'Infinity', ...Array(69).fill(1)],
        form: "tf.conv2d(x, filter, strides=1, pad='valid', dataFormat='NCHW', dilations omitted)",
      }),
      // the NHWC twin puts the filter on the other side of the product, and is right
      miss: failing('conv', { strides: [1, 1], padding: 'valid' }, [2, 1, 70, 1], {
        weight: [1, 1, 2, 1],
        layout: 'channels-last',
        data: [...Array(70).fill(1), 'NaN', ...Array(69).fill(1)],
        form: "tf.conv2d(x, filter, strides=1, pad='valid', dataFormat='NHWC', dilations omitted)",
      }),
    },
  },
  'defect.tfjs-gpu-kernels/bias-rank-5': {
    hit: failing('conv', { strides: [1, 1, 1], padding: 'valid' }, [1, 1, 1, 1, 1], { weight: [2, 1, 1, 1, 1], bias: [2] }),
    // one channel: the shader reads the shared buffer at 0, not at the coordinates, and compiles
    miss: failing('conv', { strides: [1, 1, 1], padding: 'valid' }, [1, 1, 1, 1, 1], { weight: [1, 1, 1, 1, 1], bias: [1] }),
    also: {
      hit: failing('conv-transpose', { strides: [1, 1, 1], padding: 'valid' }, [1, 1, 1, 1, 1], {
        weight: [1, 3, 1, 1, 1],
        bias: [3],
        window: transposedWindow([1, 1, 1], [1, 1, 1], [0, 0, 0]),
      }),
      // a rank-4 result: its coordinates are a vec4, which WGSL indexes
      miss: failing('conv', { strides: [1, 1], padding: 'valid' }, [1, 1, 1, 1], { weight: [2, 1, 1, 1], bias: [2] }),
    },
  },
  'defect.tfjs-same-3d/unclamped-3d-same': {
    hit: failing('conv', { strides: [1, 1, 3], padding: 'same-upper' }, [1, 1, 2, 2, 5], { weight: [1, 1, 1, 1, 1] }),
    miss: failing('conv', { strides: [1, 3], padding: 'same-upper' }, [1, 1, 2, 5], { weight: [1, 1, 1, 1] }),
  },
  'defect.tfjs-same-3d/unclamped-3d-same-transposed': {
    // kernel 1, stride 2 along the width: the output of 2 is the adjoint convolution's input, whose same total is -1
    hit: failing('conv-transpose', { strides: [1, 1, 2], padding: 'same-upper' }, [1, 1, 1, 1, 1], {
      weight: [1, 1, 1, 1, 1],
      form: "tf.conv3dTranspose(x, filter, outputShape=[1, 1, 1, 2, 1], strides=[1, 1, 2], pad='same')",
      window: transposedWindow([1, 1, 1], [1, 1, 2], [0, 0, -1]),
    }),
    miss: failing('conv-transpose', { strides: [1, 1, 1], padding: 'same-upper' }, [1, 1, 1, 1, 1], {
      weight: [1, 1, 1, 1, 1],
      form: "tf.conv3dTranspose(x, filter, outputShape=[1, 1, 1, 1, 1], strides=[1, 1, 1], pad='same')",
      window: transposedWindow([1, 1, 1], [1, 1, 1], [0, 0, 0]),
    }),
  },
  'defect.tfjs-wasm-conv3d-transpose/depth-taps': {
    // two depth slices, kernel 1: wasm ends the depth taps at trunc(1 / 1) = 1 for every position
    hit: failing('conv-transpose', { strides: [1, 1, 1], padding: 'valid' }, [1, 1, 2, 1, 1], {
      weight: [1, 1, 1, 1, 1],
      window: transposedWindow([1, 1, 1], [1, 1, 1], [0, 0, 0]),
    }),
    miss: failing('conv-transpose', { strides: [1, 1, 1], padding: 'valid' }, [1, 1, 1, 2, 1], {
      weight: [1, 1, 1, 1, 1],
      window: transposedWindow([1, 1, 1], [1, 1, 1], [0, 0, 0]),
    }),
  },
  'defect.tfjs-wasm-conv3d-transpose/height-width-taps': {
    // kernel 2, stride 3 along the height: DivCeil(-1, 3) = 1 skips the first output's only tap
    hit: failing('conv-transpose', { strides: [1, 3, 1], padding: 'valid' }, [1, 1, 1, 1, 1], {
      weight: [1, 1, 1, 2, 1],
      window: transposedWindow([1, 2, 1], [1, 3, 1], [0, 0, 0]),
    }),
    miss: failing('conv-transpose', { strides: [1, 1, 1], padding: 'valid' }, [1, 1, 1, 1, 1], {
      weight: [1, 1, 1, 2, 1],
      window: transposedWindow([1, 2, 1], [1, 1, 1], [0, 0, 0]),
    }),
  },
  'defect.tfjs-dilated-pool/dilated-window-in-padding': {
    hit: failing('pool', { kind: 'max', kernel: [2], strides: [1], dilations: [2], padding: { begin: [1], end: [1] } }, [1, 1, 4]),
    miss: failing('pool', { kind: 'max', kernel: [2], strides: [1], dilations: [2], padding: { begin: [0], end: [1] } }, [1, 1, 4]),
  },
  'defect.pytorch-avgpool3d-input-size/unpadded-input-smaller-than-window': {
    hit: failing(
      'pool',
      { kind: 'avg', kernel: [1, 1, 2], strides: [1, 1, 1], padding: { begin: [0, 0, 1], end: [0, 0, 1] } },
      [1, 1, 1, 1, 1],
      { answered: false, message: 'input image smaller than kernel size' },
    ),
    miss: failing('pool', { kind: 'avg', kernel: [1, 2], strides: [1, 1], padding: { begin: [0, 1], end: [0, 1] } }, [1, 1, 1, 1], {
      answered: false,
    }),
  },
  'defect.pytorch-maxpool1d-empty-output/empty-1d-max-pool': {
    hit: failing('pool', { kind: 'max', kernel: [5], strides: [4], padding: 'valid' }, [1, 3, 2], {
      message: 'accepted window 3 longer than the padded input: returned a tensor of shape [1, 3, 0]',
    }),
    miss: failing('pool', { kind: 'max', kernel: [5], strides: [1], padding: 'valid' }, [1, 3, 2], {
      message: 'accepted window 3 longer than the padded input: returned a tensor of shape [1, 3, 0]',
    }),
  },
  'defect.pytorch-pool-int32-parameters/wrapped-window': {
    hit: failing('pool', { kind: 'avg', kernel: [2 ** 32 + 1], strides: [1], padding: 'valid' }, [1, 1, 7], {
      message: 'accepted a window that does not fit: returned a tensor of shape [1, 1, 7]',
    }),
    miss: failing('pool', { kind: 'avg', kernel: [2 ** 32 + 1], strides: [1], padding: 'valid' }, [1, 1, 7], {
      answered: false,
      message: 'rejected with an error',
    }),
  },
  'defect.tfjs-unchecked-parameters/depthwise-stride-dilation': {
    hit: rejected(
      failing('conv', { strides: [-1], padding: { begin: [0], end: [0] }, groups: 2 }, [1, 2, 1], {
        weight: [2, 1, 1],
        form: "tf.depthwiseConv2d(x, filter, strides=[1, -1], pad=[[0, 0], [0, 0], [0, 0], [0, 0]], dataFormat='NHWC', dilations=[1, 1])",
      }),
      'stride-below-1',
    ),
    miss: rejected(
      failing('conv', { strides: [-1], padding: { begin: [0], end: [0] }, groups: 1 }, [1, 2, 1], {
        weight: [2, 2, 1],
        form: 'tf.conv1d(x, filter, stride=-1, pad=[[0, 0], [0, 0]])',
      }),
      'stride-below-1',
    ),
    also: {
      // a malformed answer (a shape holding Infinity, caught as a protocol violation) is an answer too
      hit: rejected(
        failing('conv', { strides: [1], dilations: [0], padding: 'same-upper', groups: 2 }, [1, 2, 3], {
          weight: [2, 1, 1],
          answered: false,
          message: 'adapter broke the protocol answering request 983: invalid message (/tensor/shape/1 must be integer (type))',
        }),
        'dilation-below-1',
      ),
      miss: rejected(
        failing('conv', { strides: [1], dilations: [0], padding: 'same-upper', groups: 2 }, [1, 2, 3], {
          weight: [2, 1, 1],
          answered: false,
        }),
        'dilation-below-1',
      ),
    },
  },
  'defect.tfjs-unchecked-parameters/pool-stride': {
    hit: rejected(
      failing('pool', { kind: 'max', kernel: [1], strides: [-1], padding: 'valid', ceilMode: true }, [1, 1, 1], {
        form: "tf.maxPool(x, filterSize=[1, 1], strides=[1, -1], pad=[[0, 0], [0, 0], [0, 0], [0, 0]], dimRoundingMode='ceil')",
      }),
      'stride-below-1',
    ),
    miss: rejected(
      failing('pool', { kind: 'avg', kernel: [1, 1, 1], strides: [1, 1, -1], padding: 'valid' }, [1, 1, 1, 1, 1], {
        form: "tf.avgPool3d(x, filterSize=[1, 1, 1], strides=[1, 1, -1], pad='valid')",
      }),
      'stride-below-1',
    ),
    also: {
      hit: rejected(
        failing('pool', { kind: 'max', kernel: [1, 1, 1], strides: [-1, 1, 1], padding: 'valid' }, [1, 1, 1, 1, 1], {
          form: "tf.maxPool3d(x, filterSize=[1, 1, 1], strides=[-1, 1, 1], pad='valid', dimRoundingMode omitted, dataFormat omitted)",
        }),
        'stride-below-1',
      ),
      miss: rejected(
        failing('pool', { kind: 'max', kernel: [1, 1, 1], strides: [-1, 1, 1], padding: 'valid' }, [1, 1, 1, 1, 1], {
          form: "tf.maxPool3d(x, filterSize=[1, 1, 1], strides=[-1, 1, 1], pad='valid')",
          answered: false,
        }),
        'stride-below-1',
      ),
    },
  },
  'defect.tfjs-unchecked-parameters/pad-non-integer': {
    hit: padRejected(
      [0.5],
      'invalid answer from pad: its shape [the number 1, the number 1, the number 5.5] has the number 5.5 at axis 2, not a size (an integer >= 0) (spec: conformance.adapter)',
    ),
    miss: padRejected([-1], 'the adapter answered a tensor of shape [1, 1, 4] instead of an error', 'pad-op-negative'),
  },
  'defect.tfjs-wasm-int32-parameters/wrapped-stride-dilation': {
    hit: failing('pool', { kind: 'max', kernel: [1, 2], strides: [2 ** 32, 1], padding: 'valid' }, [1, 1, 3, 2]),
    miss: failing('pool', { kind: 'max', kernel: [1, 2], strides: [2 ** 31 - 1, 1], padding: 'valid' }, [1, 1, 3, 2]),
    also: {
      hit: failing('conv', { strides: [1, 1], dilations: [2 ** 32, 2], padding: 'valid' }, [1, 1, 1, 5], { weight: [1, 1, 1, 3] }),
      miss: failing('conv', { strides: [1, 1], dilations: [2 ** 32, 2], padding: 'valid' }, [1, 1, 1, 5], {
        weight: [1, 1, 1, 3],
        answered: false,
      }),
    },
  },
  'defect.tfjs-unchecked-parameters/wasm-pad-negative-hang': {
    hit: padRejected([-2], 'adapter did not answer request 3072 within 5000 ms (shrinking stopped at an adapter fault)', 'pad-op-negative'),
    miss: padRejected([0.5], 'adapter did not answer request 3072 within 5000 ms (shrinking stopped at an adapter fault)'),
  },
  'defect.pytorch-pool-int32-parameters/wrapped-stride': {
    hit: failing('pool', { kind: 'max', kernel: [1], strides: [2 ** 32], padding: 'valid', ceilMode: true }, [1, 1, 1], {
      message:
        'stride beyond 2^31 - 1: strides[0] = 4294967296, answered as the same call with strides [2] and dilations [1]: shape [1, 1, 0] differs from [1, 1, 1]',
    }),
    miss: failing('pool', { kind: 'max', kernel: [1], strides: [2 ** 32], padding: 'valid', ceilMode: false }, [1, 1, 1], {
      message: 'stride beyond 2^31 - 1: strides[0] = 4294967296: differs',
    }),
  },
  'defect.pytorch-mkldnn-large-stride/stride-int32-max-refused': {
    hit: failing('conv', { strides: [2 ** 31 - 1, 1], padding: { begin: [1, 0], end: [1, 0] } }, [2, 1, 1, 4], {
      weight: [2, 1, 2, 2],
      answered: false,
      message: 'could not create a descriptor for a dilated convolution forward propagation primitive',
    }),
    miss: failing('conv', { strides: [2 ** 31 - 2, 1], padding: { begin: [1, 0], end: [1, 0] } }, [2, 1, 1, 4], {
      weight: [2, 1, 2, 2],
      answered: false,
      message: 'could not create a descriptor for a dilated convolution forward propagation primitive',
    }),
  },
  'defect.pytorch-adaptive-avg-empty-input/mean-shortcut': {
    hit: globalPoolRejected('avg', 'the adapter answered a tensor of shape [1, 1] instead of an error'),
    miss: globalPoolRejected('max', 'the adapter answered a tensor of shape [1, 1] instead of an error'),
  },
  'defect.onnxruntime-pool-pad-kernel/pad-not-smaller-than-window': {
    hit: failing('pool', { kind: 'avg', kernel: [1, 1], strides: [1, 1], padding: { begin: [0, 1], end: [0, 1] } }, [1, 1, 1, 2], {
      answered: false,
    }),
    miss: failing('pool', { kind: 'avg', kernel: [2, 2], strides: [1, 1], padding: { begin: [0, 1], end: [0, 1] } }, [1, 1, 2, 2], {
      answered: false,
    }),
  },
  'defect.onnxruntime-same-pool/dilated-same-pool': {
    hit: failing('pool', { kind: 'max', kernel: [2], strides: [1], dilations: [2], padding: 'same-upper' }, [1, 1, 3]),
    miss: failing('pool', { kind: 'max', kernel: [2], strides: [1], dilations: [1], padding: 'same-upper' }, [1, 1, 3]),
  },
  'defect.onnxruntime-same-pool/unclamped-same-pool': {
    hit: failing('pool', { kind: 'max', kernel: [1], strides: [3], padding: 'same-upper' }, [1, 1, 5], { answered: false }),
    miss: failing('pool', { kind: 'max', kernel: [3], strides: [3], padding: 'same-upper' }, [1, 1, 5], { answered: false }),
  },
  'defect.onnxruntime-maxpool-nan/nan-neighbours': {
    hit: failing('pool', { kind: 'max', kernel: [4, 2], strides: [1, 1], padding: 'valid' }, [1, 1, 6, 3], { nan: true }),
    miss: failing('pool', { kind: 'avg', kernel: [4, 2], strides: [1, 1], padding: 'valid' }, [1, 1, 6, 3], { nan: true }),
  },
  'defect.onnxruntime-same-conv/unclamped-same-conv': {
    hit: failing('conv', { strides: [4], padding: 'same-upper' }, [1, 1, 4], { weight: [1, 1, 1] }),
    miss: failing('conv', { strides: [4], padding: 'same-upper' }, [1, 1, 4], { weight: [1, 1, 2] }),
  },
  // n = 3, k = 1, s = 2: a full output of 5, n·s = 6; with k = 2 the full output is 6
  'defect.onnxruntime-same-conv-transpose/same-shorter-than-n-s': {
    hit: failing('conv-transpose', { strides: [2], padding: 'same-upper' }, [1, 1, 3], {
      weight: [1, 1, 1],
      form: 'ConvTranspose(kernel_shape omitted, strides=[2], dilations omitted, group omitted, output_padding omitted, auto_pad=SAME_UPPER)',
    }),
    miss: failing('conv-transpose', { strides: [2], padding: 'same-upper' }, [1, 1, 3], {
      weight: [1, 1, 1],
      form: 'ConvTranspose(kernel_shape omitted, strides=[2], dilations omitted, group omitted, output_padding omitted, auto_pad=SAME_UPPER, output_shape=[6])',
    }),
    also: {
      hit: failing('conv-transpose', { strides: [2], padding: 'same-lower' }, [1, 1, 3], { weight: [1, 1, 1] }),
      miss: failing('conv-transpose', { strides: [2], padding: 'same-lower' }, [1, 1, 3], { weight: [1, 1, 2] }),
    },
  },
  // n = 3, k = 3, s = 2: a full output of 7; 9 is two beyond it, 8 one
  'defect.onnxruntime-conv-transpose-size-check/output-shape-beyond-stride': {
    hit: failing('conv-transpose', { strides: [2], outputShape: [9] }, [1, 1, 3], {
      weight: [1, 1, 3],
      answered: false,
      form: 'ConvTranspose(kernel_shape omitted, strides=[2], dilations=[1], group=1, output_padding omitted, output_shape=[9])',
    }),
    miss: failing('conv-transpose', { strides: [2], outputShape: [8] }, [1, 1, 3], {
      weight: [1, 1, 3],
      answered: false,
      form: 'ConvTranspose(kernel_shape omitted, strides=[2], dilations=[1], group=1, output_padding omitted, output_shape=[8])',
    }),
  },
  // Conv([1, 2] as [2, 1, 1], w = [1], pads = [0, 1]); a begin pad takes another kernel
  'defect.onnxruntime-webgpu-kernels/matmul-end-pads': {
    hit: failing('conv', { strides: [1], padding: { begin: [0], end: [1] } }, [2, 1, 1], { weight: [1, 1, 1] }),
    miss: failing('conv', { strides: [1], padding: { begin: [1], end: [1] } }, [2, 1, 1], { weight: [1, 1, 1] }),
    // a kernel the size of the input, its end pad from SAME_UPPER; with stride 2 a 1x1 kernel takes another kernel
    also: {
      hit: failing('conv', { strides: [1], padding: 'same-upper' }, [1, 2, 2], { weight: [2, 2, 2] }),
      miss: failing('conv', { strides: [2], padding: { begin: [0], end: [1] } }, [2, 1, 2], { weight: [1, 1, 1] }),
    },
  },
  // 6 input channels, 4 output channels, kernel 2 on 3 elements; 12 input channels read 4 to a vector
  'defect.onnxruntime-webgpu-kernels/vec3-input-channels': {
    hit: failing('conv', { padding: 'valid' }, [1, 6, 3], { weight: [4, 6, 2] }),
    miss: failing('conv', { padding: 'valid' }, [1, 12, 3], { weight: [4, 12, 2] }),
    // the tiling property's case: 15 input channels; a kernel the size of the input takes the matmul shortcut
    also: {
      hit: failing('conv', { padding: 'valid' }, [1, 15, 4], { weight: [4, 15, 2] }),
      miss: failing('conv', { padding: 'valid' }, [1, 6, 2], { weight: [4, 6, 2] }),
    },
  },
  // M = 10 in 2 groups: vectors of 2 channels, 5 per group; M = 6 (3 per group) is written one channel at a time
  'defect.onnxruntime-webgpu-kernels/grouped-channel-vectors': {
    hit: failing('conv', { groups: 2, padding: 'valid' }, [1, 2, 1], { weight: [10, 1, 1] }),
    miss: failing('conv', { groups: 2, padding: 'valid' }, [1, 2, 1], { weight: [6, 1, 1] }),
    // M = 30 in 2 groups (the tiling property's case); M = 32 in 2 groups: vectors of 4 inside each group
    also: {
      hit: failing('conv', { groups: 2, padding: 'valid' }, [1, 6, 3], { weight: [30, 3, 1] }),
      miss: failing('conv', { groups: 2, padding: 'valid' }, [1, 6, 3], { weight: [32, 3, 1] }),
    },
  },
  // 4 input channels in 2 groups, one output channel each; 6 input channels (3 per group) are right
  'defect.onnxruntime-webgpu-kernels/grouped-transpose-weights': {
    hit: failing('conv-transpose', { groups: 2, strides: [1] }, [1, 4, 1], { weight: [4, 1, 1] }),
    miss: failing('conv-transpose', { groups: 2, strides: [1] }, [1, 6, 1], { weight: [6, 1, 1] }),
  },
  'defect.onnxruntime-webgpu-kernels/groups-not-dividing': {
    hit: failing('conv', { groups: 2, padding: 'valid' }, [1, 3, 4], { weight: [2, 1, 1] }),
    miss: failing('conv', { groups: 2, padding: 'valid' }, [1, 4, 4], { weight: [2, 2, 1] }),
  },
  // 2 elements, w = [1]: a full output of 2, output_shape [1] crops one; [2] crops none
  'defect.onnxruntime-webgpu-kernels/output-shape-crop-session': {
    hit: failing('conv-transpose', { strides: [1], outputShape: [1] }, [1, 1, 2], {
      weight: [1, 1, 1],
      answered: false,
      message:
        "adapter error: Can't create a session. ERROR_CODE: 1, ERROR_MESSAGE: .../transpose_optimization/ort_optimizer_api_impl.cc:251 virtual void onnxruntime::ApiValueInfo::PermuteDims(...) Permutation length 3 does not match rank 2",
      form: 'ConvTranspose(kernel_shape=[1], strides=[1], dilations=[1], group=1, output_padding=[0], output_shape=[1])',
    }),
    miss: failing('conv-transpose', { strides: [1], outputShape: [2] }, [1, 1, 2], {
      weight: [1, 1, 1],
      answered: false,
      message:
        "adapter error: Can't create a session. ERROR_CODE: 1, ERROR_MESSAGE: .../transpose_optimization/ort_optimizer_api_impl.cc:251 virtual void onnxruntime::ApiValueInfo::PermuteDims(...) Permutation length 3 does not match rank 2",
      form: 'ConvTranspose(kernel_shape=[1], strides=[1], dilations=[1], group=1, output_padding=[0], output_shape=[2])',
    }),
  },
};

describe('defect signatures', () => {
  it('cover every defect clause of the spec: a signature, or why none can exist', () => {
    const defects = loadClauseRegistry()
      .clauses.filter((clause) => clause.id.startsWith('defect.'))
      .map((clause) => clause.id)
      .sort();
    const listed = [...DEFECT_SIGNATURES.map((signature) => signature.defect), ...UNSIGNED_DEFECTS.map((defect) => defect.defect)].sort();
    expect(listed).toEqual(defects);
  });

  it('give every part an example it recognises and a near miss it does not', () => {
    const parts = DEFECT_SIGNATURES.flatMap((signature) => signature.parts.map((part) => `${signature.defect}/${part.part}`)).sort();
    expect(Object.keys(EXAMPLES).sort()).toEqual(parts);
  });

  for (const signature of DEFECT_SIGNATURES) {
    for (const part of signature.parts) {
      it(`${signature.defect} (${part.part}) recognises its reproduction and not the near miss`, () => {
        const example = EXAMPLES[`${signature.defect}/${part.part}`]!;
        expect(part.matches(failureFacts(example.hit)!), 'the reproduction').toBe(true);
        expect(part.matches(failureFacts(example.miss)!), 'the near miss').toBe(false);
        if (example.also !== undefined) {
          expect(part.matches(failureFacts(example.also.hit)!), 'the other reproduction').toBe(true);
          expect(part.matches(failureFacts(example.also.miss)!), 'its near miss').toBe(false);
        }
      });
    }
  }

  it("reads the case's other calls, each with its own form, so that a signature can recognise the call that went wrong", () => {
    const result = failing('pool', { kind: 'max', kernel: [2], strides: [1], padding: 'valid' }, [1, 1, 4], {
      form: "tf.maxPool(x, filterSize=[1, 2], strides=[1, 1], pad='valid', dimRoundingMode omitted)",
    });
    result.evidence!.otherCalls = [
      {
        op: 'conv',
        params: { strides: [1], padding: 'valid' },
        inputShape: [1, 1, 5],
        weightShape: [1, 1, 3],
        inputHasNaN: false,
        answered: true,
        form: 'tf.conv1d(x, filter, stride=1, pad=0 (number), dataFormat omitted)',
      },
    ];
    const all = failureFactsAll(result);
    expect(all.map((facts) => [facts.op, facts.form])).toEqual([
      ['pool', "tf.maxPool(x, filterSize=[1, 2], strides=[1, 1], pad='valid', dimRoundingMode omitted)"],
      ['conv', 'tf.conv1d(x, filter, stride=1, pad=0 (number), dataFormat omitted)'],
    ]);
    const numericPad = DEFECT_SIGNATURES.find((signature) => signature.defect === 'defect.tfjs-nonsquare-pad')!.parts[0]!;
    expect(all.map((facts) => numericPad.matches(facts))).toEqual([false, true]);
  });

  it("reads a bias's length from the evidence call and from the case's other calls, and none where a call has no bias", () => {
    const result = failing('dense', {}, [1, 2], { weight: [2, 3], bias: [3] });
    result.evidence!.otherCalls = [
      {
        op: 'conv',
        params: { strides: [1, 1, 1], padding: 'valid' },
        inputShape: [1, 1, 1, 1, 2],
        weightShape: [5, 1, 1, 1, 1],
        biasShape: [5],
        inputHasNaN: false,
        answered: true,
      },
      {
        op: 'conv',
        params: { strides: [1, 1, 1], padding: 'valid' },
        inputShape: [1, 1, 1, 1, 2],
        weightShape: [5, 1, 1, 1, 1],
        inputHasNaN: false,
        answered: true,
      },
    ];
    const all = failureFactsAll(result);
    expect(all.map((facts) => [facts.op, facts.biasLength, facts.outChannels])).toEqual([
      ['dense', 3, undefined],
      ['conv', 5, 5],
      ['conv', undefined, 5],
    ]);
    const biasRank5 = DEFECT_SIGNATURES.find((signature) => signature.defect === 'defect.tfjs-gpu-kernels')!.parts.find(
      (part) => part.part === 'bias-rank-5',
    )!;
    expect(all.map((facts) => biasRank5.matches(facts))).toEqual([false, true, false]);
  });

  it('reads same padding from the form where the adapter expressed the requested pads as same padding', () => {
    const sameConv = DEFECT_SIGNATURES.find((signature) => signature.defect === 'defect.onnxruntime-same-conv')!.parts[0]!;
    const viaForm = failing('conv', { strides: [4], padding: 'valid' }, [1, 1, 4], {
      weight: [1, 1, 1],
      form: 'Conv(kernel_shape omitted, strides=[4], dilations omitted, group=1, auto_pad=SAME_UPPER)',
    });
    const asRequested = failing('conv', { strides: [4], padding: 'valid' }, [1, 1, 4], {
      weight: [1, 1, 1],
      form: 'Conv(kernel_shape omitted, strides=[4], dilations omitted, group=1, auto_pad=VALID)',
    });
    expect(failureFacts(viaForm)).toMatchObject({ paddingMode: 'same-upper', axes: [{ sameTotal: -3 }] });
    expect(sameConv.matches(failureFacts(viaForm)!)).toBe(true);
    expect(sameConv.matches(failureFacts(asRequested)!)).toBe(false);
  });

  it("reads a transposed convolution's axes from its request: kernel in its layout, output padding, output size and total crop", () => {
    const explicit = failing(
      'conv-transpose',
      { strides: [2, 1], padding: { begin: [1, 0], end: [0, 2] }, outputPadding: [1, 0] },
      [1, 1, 3, 4],
      {
        weight: [1, 1, 3, 2],
      },
    );
    expect(failureFacts(explicit)!.axes).toEqual([
      { n: 3, k: 3, effK: 3, s: 2, d: 1, pb: 1, pe: 0, opad: 1, out: 7, crop: 1 },
      { n: 4, k: 2, effK: 2, s: 1, d: 1, pb: 0, pe: 2, opad: 0, out: 3, crop: 2 },
    ]);
    // spatial-out-in: the kernel is the leading axes; an output shape beyond the full output appends
    const requested = failing('conv-transpose', { strides: [2], outputShape: [9], kernelLayout: 'spatial-out-in' }, [1, 1, 3], {
      weight: [3, 1, 1],
    });
    expect(failureFacts(requested)!.axes).toEqual([{ n: 3, k: 3, effK: 3, s: 2, d: 1, pb: 0, pe: -2, opad: 0, out: 9, crop: -2 }]);
    // same-upper: n·s, the odd element cropped at the end; the adjoint convolution's same total on
    // its input of 6 is (ceil(6 / 2) - 1)·2 + 5 - 6 = 3
    const same = failing('conv-transpose', { strides: [2], padding: 'same-upper' }, [1, 1, 3], { weight: [1, 1, 5] });
    expect(failureFacts(same)!.axes).toEqual([{ n: 3, k: 5, effK: 5, s: 2, d: 1, pb: 1, pe: 2, opad: 0, out: 6, crop: 3, sameTotal: 3 }]);
  });

  it('reads the failing call from a rejection counterexample and from a layer record', () => {
    const rejection: ReportResult = {
      id: 'pool/invalid/configurations-are-rejected',
      kind: 'property',
      status: 'fail',
      spec: [],
      features: [],
      required: true,
      description: '',
      durationMs: 0,
      message: 'accepted window 2 longer than the padded input: returned a tensor of shape [1, 1, 0, 1, 1] instead of an error',
      counterexample: {
        kind: 'window',
        op: 'pool',
        request: {
          input: { shape: [1, 1, 1, 1, 1], data: [0] },
          params: { kind: 'max', kernel: [3, 1, 1], strides: [1, 1, 1], padding: 'valid' },
        },
      },
    };
    expect(failureFacts(rejection)).toMatchObject({
      op: 'pool',
      rank: 3,
      answered: true,
      axes: [
        { n: 1, k: 3 },
        { n: 1, k: 1 },
        { n: 1, k: 1 },
      ],
    });
    const layer: ReportResult = {
      ...rejection,
      id: 'shape/adapter-inference/matches-formula',
      message: 'differs',
      counterexample: {
        layer: { type: 'avg-pool', kernel: [2, 2, 2], strides: [1, 1, 1], padding: 'valid' },
        inputShape: [1, 1, 1, 3, 3],
        layout: 'channels-first',
      },
    };
    expect(failureFacts(layer)).toMatchObject({
      op: 'pool',
      poolKind: 'avg',
      layerRecord: true,
      rank: 3,
      answered: false,
      axes: [
        { n: 1, k: 2 },
        { n: 3, k: 2 },
        { n: 3, k: 2 },
      ],
    });
    // a layer the adapter should have refused: PyTorch's 32-bit window answers a shape
    const wrapped: ReportResult = {
      ...rejection,
      id: 'shape/adapter-inference/oversized-layers-rejected-or-exact',
      message:
        'avg-pool layer with kernel[0] = 4294967297 makes a window longer than any input: ... the adapter answered the shape [2, 3, 2, 1] instead of an error',
      counterexample: {
        layer: { type: 'avg-pool', kernel: [4294967297, 2], strides: [1, 5], padding: 'valid' },
        inputShape: [2, 3, 2, 5],
        layout: 'channels-first',
        parameterKind: 'window-beyond-limit',
      },
    };
    expect(failureFacts(wrapped)).toMatchObject({ op: 'pool', layerRecord: true, answered: true, parameterKind: 'window-beyond-limit' });
    const int32Window = DEFECT_SIGNATURES.find((signature) => signature.defect === 'defect.pytorch-pool-int32-parameters')!.parts[0]!;
    expect(int32Window.matches(failureFacts(wrapped)!)).toBe(true);
  });
});
