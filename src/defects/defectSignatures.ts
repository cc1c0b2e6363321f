/**
 * A machine-checkable signature for every documented defect (the `defect.*` clauses of
 * spec/conventions.md): a predicate on the facts of a failure (src/defects/failureFacts.ts: the
 * op and window geometry of the shrunk counterexample's failing call, and what the adapter did).
 * An expectations entry names a defect; a failure is expected only when a listed defect's
 * signature matches it, and the report names that defect (spec: conformance.expectations).
 *
 * A defect with several distinct mechanisms has one part per mechanism, so that the report says
 * which one explains a failure. Defects of tools the kit never runs (documentation, ONNX's
 * reference evaluator, TensorFlow's CPU kernel) have no signature and say why.
 */
import type { AxisFacts, FailureFacts } from './failureFacts.js';

export interface DefectPart {
  /** A name for the mechanism, unique within the defect. */
  part: string;
  /** The mechanism in one line: what the signature recognises. */
  summary: string;
  matches(facts: FailureFacts): boolean;
}

export interface DefectSignature {
  /** The defect clause, `defect.<name>`. */
  defect: string;
  parts: readonly DefectPart[];
}

export interface UnsignedDefect {
  defect: string;
  /** Why no failure of an implementation under test can show it. */
  noSignature: string;
}

const INT32_MAX = 2 ** 31 - 1;
/** Where TF.js's WebGL and WebGPU max pooling start every window: -1 / 1e-20 (spec: defect.tfjs-gpu-kernels). */
const GPU_MAX_POOL_FLOOR = -1e20;
/**
 * A rank-1 operand shorter than this takes WebGPU's shared-memory binary kernel, which indexes the
 * output coordinates and so cannot compile for rank 5 (binary_op_webgpu.ts; spec: defect.tfjs-gpu-kernels).
 */
const WEBGPU_SHARED_BINARY_LIMIT = 128;
const windowed = (f: FailureFacts): boolean => f.op === 'conv' || f.op === 'pool';
const same = (f: FailureFacts): boolean => f.paddingMode === 'same-upper' || f.paddingMode === 'same-lower';
const any = (f: FailureFacts, test: (axis: AxisFacts) => boolean): boolean => f.axes.some(test);

/** A depthwise convolution (as many groups as input channels) with a dilation and a stride, answered: spec: divergence.dilation-with-stride. */
const depthwiseDilationWithStrideAnswered = (f: FailureFacts): boolean =>
  f.op === 'conv' &&
  f.groups !== undefined &&
  f.groups > 1 &&
  f.groups === f.inChannels &&
  any(f, (axis) => axis.d > 1) &&
  any(f, (axis) => axis.s > 1) &&
  f.answered;
/** The window does not fit in the padded input: a floor output size of 0 or less. */
const doesNotFit = (axis: AxisFacts): boolean => axis.n + axis.pb + axis.pe < axis.effK;
/** Same padding's total before the clamp at 0 is negative: the stride exceeds what the window needs. */
const unclampedSame = (axis: AxisFacts): boolean => axis.sameTotal !== undefined && axis.sameTotal < 0;
/** Output size along an axis as TF.js computes it for explicit pads (no last-window rule). */
const tfjsOutput = (axis: AxisFacts, ceil: boolean): number => {
  const q = (axis.n + axis.pb + axis.pe - axis.effK) / axis.s + 1;
  return ceil ? Math.ceil(q) : Math.trunc(q);
};

/**
 * Whether the WebGPU provider's Conv (one group, 1-D or 2-D) runs as a matrix product: no begin
 * pads, and a 1x1 kernel with stride 1 or a kernel of the input's size (spec:
 * defect.onnxruntime-webgpu-kernels).
 */
const webgpuMatmulShortcut = (f: FailureFacts): boolean =>
  f.axes.every((axis) => axis.pb === 0) &&
  (f.axes.every((axis) => axis.k === 1 && axis.s === 1) || f.axes.every((axis) => axis.k === axis.n));

/**
 * How many output channels the WebGPU provider's grouped Conv writes per vector: 4 or 2 where
 * they divide the output channels, and only with 4 or more per group (spec:
 * defect.onnxruntime-webgpu-kernels).
 */
const webgpuGroupedComponents = (f: FailureFacts): number => {
  const perGroup = f.outChannels! / f.groups!;
  if (perGroup < 4) return 1;
  return f.outChannels! % 4 === 0 ? 4 : f.outChannels! % 2 === 0 ? 2 : 1;
};

/**
 * How far ONNX Runtime's SAME convolution shifts the first window, measured over kernels 1 to 3,
 * strides 3 to 7 and inputs 1 to 9 (spec: defect.onnxruntime-same-conv): as if the unclamped total
 * t plus 1 were halved towards zero.
 */
const onnxruntimeSameShift = (axis: AxisFacts, mode: NonNullable<FailureFacts['paddingMode']>): number => {
  const t = axis.sameTotal ?? 0;
  return Math.max(0, mode === 'same-upper' ? Math.floor((-t - 1) / 2) : Math.floor((-t - 2) / 2));
};

/**
 * Some window along the axis has no tap in the input (it lies wholly in the padding, or its
 * dilated taps skip over the input), among the windows of the floor or ceil output size. Only
 * windows that start in the padding can be empty (one that starts inside has its first tap there);
 * up to 1024 of them at each end are looked at, each in constant time, so that sizes up to 2^31
 * cost nothing.
 */
const emptyWindowOn = (axis: AxisFacts, ceil: boolean): boolean => {
  const q = (axis.n + axis.pb + axis.pe - axis.effK) / axis.s;
  const out = (ceil ? Math.ceil(q) : Math.floor(q)) + 1;
  const empty = (o: number): boolean => {
    const start = o * axis.s - axis.pb;
    const first = Math.max(0, Math.ceil(-start / axis.d));
    const last = Math.min(axis.k - 1, Math.floor((axis.n - 1 - start) / axis.d));
    return first > last;
  };
  const limit = 1024;
  for (let o = 0; o < Math.min(out, limit); o++) if (empty(o)) return true;
  for (let o = Math.max(limit, out - limit); o < out; o++) if (empty(o)) return true;
  return false;
};
const hasEmptyWindow = (f: FailureFacts): boolean => f.op === 'pool' && any(f, (axis) => emptyWindowOn(axis, f.ceilMode));

// ---------------------------------------------------------------------------------------------
// WebGPU's NCHW convolution (tfjs-backend-webgpu Conv2D_impl.ts, conv2d_mm_webgpu.ts, webgpu_util.ts).

/** `tf.conv2d` or `tf.fused.conv2d` called with dataFormat 'NCHW', as the adapter names its form. */
const NCHW_CONV2D_FORM = /^tf\.(fused\.)?conv2d\(.*dataFormat='NCHW'/;

/**
 * Whether WebGPU's Conv2D throws its tile assertion for the call (spec: defect.tfjs-gpu-kernels).
 * A 1x1 window with unit stride and dilation and no pads is a plain matrix product, and up to 8
 * blocks of 32 outputs (batch x ceil(spatial outputs / 32) x ceil(channels / 32); the threshold of
 * a GPU that is not Intel's) go to the im2col kernel; otherwise Conv2DMMProgram runs, whose
 * workgroup for at most 4 output channels, [16, 4], fails makeMatMulPackedSource's assertion,
 * unless its vec4 variant runs (4 channels and an output width divisible by 4).
 */
const nchwTileAssertionFails = (f: FailureFacts): boolean => {
  if (f.batch === undefined || f.outChannels === undefined || f.outChannels > 4) return false;
  if (f.axes.every((axis) => axis.k === 1 && axis.s === 1 && axis.d === 1 && axis.pb === 0 && axis.pe === 0)) return false;
  const outputs = f.axes.map((axis) => tfjsOutput(axis, false));
  const width = outputs[outputs.length - 1]!;
  if (f.outChannels === 4 && width % 4 === 0) return false;
  const spatial = outputs.reduce((a, b) => a * b, 1);
  return f.batch * Math.ceil(spatial / 32) * Math.ceil(f.outChannels / 32) > 8;
};

// ---------------------------------------------------------------------------------------------
// Transposed convolution: TF.js runs it as the gradient of the convolution it is the adjoint of,
// whose input is the transposed convolution's output (AxisFacts.out).

/** A TF.js call with a numeric pad, as the adapter names it in its form. */
const numericPadForm = (f: FailureFacts): boolean => f.form !== undefined && /\bpad=\d+ \(number\)/.test(f.form);
/** A 2-D kernel or stride that is not square; 1-D runs as 2-D with a height of 1 (kernel 1, stride 1). */
const nonSquareTransposed = (f: FailureFacts): boolean =>
  (f.rank === 2 && (f.axes[0]!.k !== f.axes[1]!.k || f.axes[0]!.s !== f.axes[1]!.s)) ||
  (f.rank === 1 && (f.axes[0]!.k > 1 || f.axes[0]!.s > 1));

/** C++'s DivCeil of tfjs-backend-wasm conv3d_impl.h: the truncated quotient, plus 1 where a remainder is left (also for negative a). */
const wasmDivCeil = (a: number, b: number): number => Math.trunc(a / b) + (a % b !== 0 ? 1 : 0);

/**
 * Whether wasm's 3-D transposed-convolution kernel sums, for some output position, other taps
 * than TF.js's CPU kernel: it leaves some out, or reads some past the kernel (from outside the
 * filter's buffer) (spec: defect.tfjs-wasm-conv3d-transpose). For c = x - (k - 1 - pb)
 * the CPU kernel takes the input positions y from ceil(c / s) to below the real (k + c) / s; wasm
 * starts at DivCeil(c, s), one too far for a negative c that s does not divide, and ends below
 * trunc((k + c) / s) along height and width and below trunc(k / s) along the depth. Up to 1024
 * output positions are looked at.
 */
const wasmTransposedTapsDiffer = (axis: AxisFacts, depth: boolean): boolean => {
  const out = Math.min(axis.out ?? 0, 1024);
  for (let x = 0; x < out; x++) {
    const c = x - (axis.k - 1 - axis.pb);
    const cpuFirst = Math.max(0, Math.ceil(c / axis.s));
    const cpuEnd = Math.max(cpuFirst, Math.min(axis.n, Math.ceil((axis.k + c) / axis.s)));
    const wasmFirst = Math.max(0, wasmDivCeil(c, axis.s));
    const wasmEnd = Math.max(wasmFirst, Math.min(axis.n, Math.trunc((depth ? axis.k : axis.k + c) / axis.s)));
    // a tap the CPU kernel sums and wasm leaves out, or one past the kernel that wasm reads from outside the filter
    if (cpuEnd > cpuFirst ? wasmFirst !== cpuFirst || wasmEnd !== cpuEnd : wasmEnd > wasmFirst) return true;
  }
  return false;
};

// Transposed convolution (op 'conv-transpose'; axes from failureFacts.ts transposedAxes).

/**
 * A transposed convolution run as ONNX `auto_pad` SAME_UPPER or SAME_LOWER without `output_shape`
 * (spec: defect.onnxruntime-same-conv-transpose); without a form, a same request asking for n·s.
 */
const sameAutoPadOnly = (f: FailureFacts): boolean =>
  f.form === undefined
    ? same(f) && f.axes.every((axis) => axis.out === axis.n * axis.s)
    : /\bauto_pad=SAME_(UPPER|LOWER)\b/.test(f.form) && !/\boutput_shape=/.test(f.form);

/**
 * ONNX Runtime's check on a transposed convolution (spec: defect.onnxruntime-conv-transpose-size-check):
 * a convolution of the output, with the same stride and the total crop clamped at 0, must give
 * back the input size.
 */
const failsTransposeSizeCheck = (axis: AxisFacts): boolean =>
  Math.floor((axis.out! + Math.max(0, axis.crop!) - axis.effK) / axis.s) + 1 !== axis.n;

export const DEFECT_SIGNATURES: readonly DefectSignature[] = [
  {
    defect: 'defect.tfjs-nonsquare-pad',
    parts: [
      {
        part: 'numeric-pad-width',
        summary:
          "1-D or 2-D convolution or pooling called with TF.js's numeric pad (one pad on every side) and a 2-D window, stride or dilation that is not square (1-D runs as 2-D with a height of 1)",
        matches: (f) =>
          windowed(f) &&
          (f.paddingMode === 'explicit' || f.paddingMode === 'valid') &&
          f.axes.every((axis) => axis.pb === f.axes[0]!.pb && axis.pe === f.axes[0]!.pb) &&
          ((f.rank === 2 && (f.axes[0]!.k !== f.axes[1]!.k || f.axes[0]!.s !== f.axes[1]!.s || f.axes[0]!.d !== f.axes[1]!.d)) ||
            (f.rank === 1 && (f.axes[0]!.k > 1 || f.axes[0]!.s > 1 || f.axes[0]!.d > 1))) &&
          // the adapter names the numeric pad in its form; without a form, 2-D explicit pads are the closest sign
          (f.form === undefined ? f.rank === 2 && f.paddingMode === 'explicit' : /\bpad=\d+ \(number\)/.test(f.form)),
      },
      {
        part: 'numeric-pad-transposed',
        summary:
          "1-D or 2-D transposed convolution called with TF.js's numeric pad and a kernel or stride that is not square: the gradient reads the output gradient with the width TF.js computes for the forward convolution",
        matches: (f) => f.op === 'conv-transpose' && numericPadForm(f) && nonSquareTransposed(f),
      },
    ],
  },
  {
    defect: 'defect.tfjs-negative-shape',
    parts: [
      {
        part: 'unchecked-output-size',
        summary: 'a window that does not fit in the padded input, answered with a tensor instead of an error',
        matches: (f) => windowed(f) && any(f, doesNotFit) && (f.answered || /returned a tensor|answered|invalid answer/.test(f.message)),
      },
    ],
  },
  {
    defect: 'defect.tfjs-unit-window-shortcut',
    parts: [
      {
        part: 'input-returned',
        summary:
          'pooling with a 1x1 window whose output shape equals the input shape, with a stride > 1 (ceil mode) or a NaN to ignore in max pooling',
        matches: (f) =>
          f.op === 'pool' &&
          f.axes.every((axis) => axis.k === 1 && tfjsOutput(axis, f.ceilMode) === axis.n) &&
          (any(f, (axis) => axis.s > 1) || (f.poolKind === 'max' && f.inputHasNaN)),
      },
    ],
  },
  {
    defect: 'defect.tfjs-wasm-pooling',
    parts: [
      {
        part: 'same-conv-stride-exceeds-window',
        summary: 'same convolution whose stride exceeds what the window needs (negative total pad before the clamp)',
        matches: (f) => f.op === 'conv' && same(f) && any(f, unclampedSame),
      },
      {
        part: 'unit-window-copy',
        summary: '1-D or 2-D pooling with a 1x1 window and pads or ceil mode (a strided copy)',
        matches: (f) =>
          f.op === 'pool' &&
          f.rank <= 2 &&
          f.axes.every((axis) => axis.k === 1) &&
          (f.ceilMode || any(f, (axis) => axis.pb > 0 || axis.pe > 0)),
      },
      {
        part: 'ceil-mode-2d',
        summary: '1-D or 2-D pooling in ceil mode with a partial last window (a floor-sized output written into the ceil-sized tensor)',
        matches: (f) =>
          f.op === 'pool' &&
          f.rank <= 2 &&
          f.ceilMode &&
          any(f, (axis) => tfjsOutput(axis, true) > Math.floor((axis.n + axis.pb + axis.pe - axis.effK) / axis.s) + 1),
      },
      {
        part: 'max-pool-3d-flt-min',
        summary: '3-D max pooling (every window starts at FLT_MIN), or global max pooling of a 3-D input compared with it',
        matches: (f) => (f.op === 'pool' || f.op === 'global-pool') && f.poolKind === 'max' && f.rank === 3,
      },
      {
        part: 'max-pool-nan-simd',
        summary: '1-D or 2-D max pooling of an input holding NaN (the SIMD kernel drops NaN or turns it into -Infinity)',
        matches: (f) => f.op === 'pool' && f.poolKind === 'max' && f.rank <= 2 && f.inputHasNaN,
      },
      {
        part: 'avg-pool-nan-clamp',
        summary:
          '1-D or 2-D average pooling of an input holding NaN, or +Infinity and -Infinity (the output clamp turns a NaN average into -Infinity)',
        matches: (f) => f.op === 'pool' && f.poolKind === 'avg' && f.rank <= 2 && (f.inputHasNaN || f.inputHasBothInfinities),
      },
      {
        part: 'empty-window',
        summary:
          '1-D or 2-D pooling with a window that holds no input (max pooling repeats the nearest input value, average pooling gives -Infinity through the output clamp)',
        matches: (f) => f.op === 'pool' && f.rank <= 2 && hasEmptyWindow(f),
      },
      {
        part: 'depthwise-dilation-with-stride',
        summary: 'depthwise convolution with a dilation and a stride, answered instead of rejected',
        matches: depthwiseDilationWithStrideAnswered,
      },
      {
        part: 'output-size-trap',
        summary: 'an output size of 0 or less (the module traps)',
        matches: (f) => windowed(f) && any(f, doesNotFit) && !f.answered,
      },
    ],
  },
  {
    defect: 'defect.tfjs-gpu-kernels',
    parts: [
      {
        part: 'max-pool-floor',
        summary:
          'max pooling with a window that holds no input, or of an input holding NaN (a window of NaN alone, ignored) or values below -1e20 (WebGL and WebGPU start every window at -1e20)',
        matches: (f) =>
          f.op === 'pool' &&
          f.poolKind === 'max' &&
          (hasEmptyWindow(f) || f.inputHasNaN || (f.inputMinimum !== undefined && f.inputMinimum < GPU_MAX_POOL_FLOOR)),
      },
      {
        part: 'unit-window-pads',
        summary:
          '1-D or 2-D pooling with a 1x1 window and explicit pads or ceil mode (the WebGPU kernel reads the input clamped, ignoring the pads and a window past the input)',
        matches: (f) =>
          f.op === 'pool' &&
          f.rank <= 2 &&
          f.axes.every((axis) => axis.k === 1) &&
          (f.ceilMode || any(f, (axis) => axis.pb > 0 || axis.pe > 0)),
      },
      {
        part: 'pad-rank-5',
        summary: 'pad of a tensor with three spatial axes (WebGL fails to compile its shader, WebGPU gives zeros)',
        matches: (f) => f.op === 'pad' && f.rank === 3,
      },
      {
        part: 'depthwise-dilation-with-stride',
        summary: 'depthwise convolution with a dilation and a stride, answered instead of rejected (WebGPU)',
        matches: depthwiseDilationWithStrideAnswered,
      },
      {
        part: 'conv2d-nchw-few-channels',
        summary:
          "1-D or 2-D convolution in TF.js's NCHW form with at most 4 output channels and more than 8 blocks of 32 outputs, thrown on (WebGPU's matrix-product kernel for NCHW fails its own tile assertion)",
        matches: (f) =>
          f.op === 'conv' && f.form !== undefined && NCHW_CONV2D_FORM.test(f.form) && !f.answered && nchwTileAssertionFails(f),
      },
      {
        part: 'nchw-batch-leak',
        summary:
          "1-D or 2-D convolution in TF.js's NCHW form with a batch of 2 or more and an input holding NaN or an infinity, answered (WebGPU's matrix product over the im2col matrix reads past the shared dimension into the next batch entry's rows and multiplies them by zero, so outputs of the entry before turn NaN)",
        matches: (f) =>
          f.op === 'conv' &&
          f.rank <= 2 &&
          f.form !== undefined &&
          NCHW_CONV2D_FORM.test(f.form) &&
          (f.batch ?? 1) >= 2 &&
          (f.inputHasNaN || f.inputHasInfinity) &&
          f.answered,
      },
      {
        part: 'bias-rank-5',
        summary:
          "3-D convolution or transposed convolution with a bias of 2 to 127 channels (WebGPU's shared-memory add of a rank-1 tensor to a rank-5 one does not compile, and the output keeps its buffer's stale contents)",
        // The adapter adds the bias to the rank-5 result after the call, and the result lives on the GPU.
        matches: (f) =>
          (f.op === 'conv' || f.op === 'conv-transpose') &&
          f.rank === 3 &&
          f.biasLength !== undefined &&
          f.biasLength >= 2 &&
          f.biasLength < WEBGPU_SHARED_BINARY_LIMIT &&
          f.answered,
      },
    ],
  },
  {
    defect: 'defect.tfjs-same-3d',
    parts: [
      {
        part: 'unclamped-3d-same',
        summary: '3-D same convolution or pooling whose stride exceeds what the window needs (negative total pad before the clamp)',
        matches: (f) => windowed(f) && f.rank === 3 && same(f) && any(f, unclampedSame),
      },
      {
        part: 'unclamped-3d-same-transposed',
        summary:
          "3-D transposed convolution called with 'same' whose stride exceeds what the window needs on its output (a negative pad at the beginning shifts the taps)",
        matches: (f) => f.op === 'conv-transpose' && f.rank === 3 && same(f) && any(f, unclampedSame),
      },
    ],
  },
  {
    defect: 'defect.tfjs-wasm-conv3d-transpose',
    parts: [
      {
        part: 'depth-taps',
        summary:
          '3-D transposed convolution on wasm whose depth taps end at trunc(k / s) whatever the output position (taps left out, or read past the kernel), or start one too late where the first tap lies before the input',
        matches: (f) => f.op === 'conv-transpose' && f.rank === 3 && wasmTransposedTapsDiffer(f.axes[0]!, true),
      },
      {
        part: 'height-width-taps',
        summary:
          '3-D transposed convolution on wasm whose height or width taps end at trunc((k + c) / s) instead of below (k + c) / s, or start one too late where the first tap lies before the input',
        matches: (f) =>
          f.op === 'conv-transpose' &&
          f.rank === 3 &&
          (wasmTransposedTapsDiffer(f.axes[1]!, false) || wasmTransposedTapsDiffer(f.axes[2]!, false)),
      },
    ],
  },
  {
    defect: 'defect.tfjs-dilated-pool',
    parts: [
      {
        part: 'dilated-window-in-padding',
        summary: 'dilated pooling whose first window starts in the padding',
        matches: (f) => f.op === 'pool' && any(f, (axis) => axis.d > 1 && axis.pb > 0),
      },
    ],
  },
  {
    defect: 'defect.tfjs-pool-pad-zero-ceil',
    parts: [
      {
        part: 'pool-pad-zero-ceil',
        summary: "tf.pool called with the pad 0 and dimRoundingMode 'ceil', refused",
        matches: (f) =>
          f.op === 'pool' &&
          !f.answered &&
          f.form !== undefined &&
          /^tf\.pool\(/.test(f.form) &&
          /\bpad=0 \(number\)/.test(f.form) &&
          /dimRoundingMode='ceil'/.test(f.form),
      },
    ],
  },
  {
    defect: 'defect.tfjs-unchecked-parameters',
    parts: [
      {
        part: 'depthwise-stride-dilation',
        summary: 'a stride or dilation of 0 or below answered by tf.depthwiseConv2d (tf.conv2d refuses it)',
        matches: (f) =>
          f.op === 'conv' &&
          f.answered &&
          (f.parameterKind === 'stride-below-1' || f.parameterKind === 'dilation-below-1') &&
          (f.form === undefined ? (f.groups ?? 1) > 1 && f.groups === f.inChannels : /^tf\.depthwiseConv2d\(/.test(f.form)),
      },
      {
        part: 'pool-stride',
        summary: 'a stride of 0 or below answered by tf.maxPool, tf.avgPool or tf.maxPool3d (tf.avgPool3d refuses it)',
        matches: (f) =>
          f.op === 'pool' &&
          f.answered &&
          f.parameterKind === 'stride-below-1' &&
          (f.form === undefined ? f.rank <= 2 || f.poolKind === 'max' : /^tf\.(maxPool|avgPool|maxPool3d)\(/.test(f.form)),
      },
      {
        part: 'pad-non-integer',
        summary: 'tf.pad given a pad that is not an integer, answered with a tensor (whose shape is then not integers either)',
        matches: (f) => f.op === 'pad' && f.parameterKind === 'pad-op-non-integer' && f.answered,
      },
      {
        part: 'wasm-pad-negative-hang',
        summary: 'tf.pad given a negative pad, with no answer within the timeout (the wasm backend never returns)',
        matches: (f) =>
          f.op === 'pad' && f.parameterKind === 'pad-op-negative' && !f.answered && /did not answer|timed out/.test(f.message),
      },
    ],
  },
  {
    defect: 'defect.tfjs-wasm-int32-parameters',
    parts: [
      {
        part: 'wrapped-stride-dilation',
        summary: 'convolution or pooling with a stride or dilation beyond 2^31 - 1, answered (the wasm kernels get it modulo 2^32)',
        matches: (f) => windowed(f) && f.answered && any(f, (axis) => axis.s > INT32_MAX || axis.d > INT32_MAX),
      },
    ],
  },
  {
    defect: 'defect.tfjs-wasm-fused-matmul-bias',
    parts: [
      {
        part: 'bias-by-flat-index',
        summary: 'dense through tf.fused.matMul with a bias and transposeB (the slow path reads the bias by flat output index)',
        matches: (f) =>
          f.op === 'dense' && f.form !== undefined && /^tf\.fused\.matMul\(a=x, b=w, bias/.test(f.form) && /transposeB=true/.test(f.form),
      },
    ],
  },
  {
    defect: 'defect.pytorch-avgpool3d-input-size',
    parts: [
      {
        part: 'unpadded-input-smaller-than-window',
        summary: '3-D average pooling whose unpadded input is smaller than the window on some axis',
        matches: (f) => f.op === 'pool' && f.poolKind === 'avg' && f.rank === 3 && any(f, (axis) => axis.n < axis.k),
      },
    ],
  },
  {
    defect: 'defect.pytorch-maxpool1d-empty-output',
    parts: [
      {
        part: 'empty-1d-max-pool',
        summary: '1-D max pooling whose output size is 0, answered with an empty tensor',
        matches: (f) =>
          f.op === 'pool' &&
          f.poolKind === 'max' &&
          f.rank === 1 &&
          any(f, (axis) => doesNotFit(axis) && axis.n + axis.pb + axis.pe - axis.effK >= -axis.s) &&
          f.answered,
      },
    ],
  },
  {
    defect: 'defect.pytorch-pool-int32-parameters',
    parts: [
      {
        part: 'wrapped-window',
        summary:
          'pooling with a window size or dilation beyond 2^31 - 1, answered (wrapped to 32 bits) or not answered in time, instead of refused',
        matches: (f) =>
          f.op === 'pool' &&
          any(f, (axis) => axis.k > INT32_MAX || axis.d > INT32_MAX) &&
          (f.answered || /took longer|timed out|timeout|did not answer/i.test(f.message)),
      },
      {
        part: 'wrapped-stride',
        summary:
          "1-D max pooling in ceil mode with a stride beyond 2^31 - 1, answered with a size other than the formula's (the stride wrapped to 32 bits)",
        matches: (f) =>
          f.op === 'pool' && f.poolKind === 'max' && f.rank === 1 && f.ceilMode && f.answered && any(f, (axis) => axis.s > INT32_MAX),
      },
    ],
  },
  {
    defect: 'defect.pytorch-mkldnn-large-stride',
    parts: [
      {
        part: 'stride-int32-max-refused',
        summary: 'convolution with a stride of 2^31 - 1, refused',
        matches: (f) => f.op === 'conv' && !f.answered && any(f, (axis) => axis.s === INT32_MAX),
      },
    ],
  },
  {
    defect: 'defect.pytorch-adaptive-avg-empty-input',
    parts: [
      {
        part: 'mean-shortcut',
        summary:
          'global average pooling of an input with an empty spatial axis, answered (the output-size-1 mean shortcut skips the check)',
        matches: (f) => f.op === 'global-pool' && f.poolKind === 'avg' && f.answered && f.parameterKind === 'global-pool-empty-axis',
      },
    ],
  },
  {
    defect: 'defect.onnxruntime-pool-pad-kernel',
    parts: [
      {
        part: 'pad-not-smaller-than-window',
        summary: 'pooling with an explicit pad not smaller than the window',
        matches: (f) => f.op === 'pool' && f.paddingMode === 'explicit' && any(f, (axis) => axis.pb >= axis.k || axis.pe >= axis.k),
      },
    ],
  },
  {
    defect: 'defect.onnxruntime-same-pool',
    parts: [
      {
        part: 'dilated-same-pool',
        summary: 'same pooling with a dilation (pads worked out from the undilated window)',
        matches: (f) => f.op === 'pool' && same(f) && any(f, (axis) => axis.d > 1),
      },
      {
        part: 'unclamped-same-pool',
        summary: 'same pooling whose stride exceeds the window (a negative pad, rejected)',
        matches: (f) => f.op === 'pool' && same(f) && any(f, (axis) => (Math.ceil(axis.n / axis.s) - 1) * axis.s + axis.k - axis.n < 0),
      },
    ],
  },
  {
    defect: 'defect.onnxruntime-maxpool-nan',
    parts: [
      {
        part: 'nan-neighbours',
        summary: 'max pooling of an input holding NaN (a window can yield a value that is neither NaN nor its maximum)',
        matches: (f) => f.op === 'pool' && f.poolKind === 'max' && f.inputHasNaN,
      },
    ],
  },
  {
    defect: 'defect.onnxruntime-same-conv',
    parts: [
      {
        part: 'unclamped-same-conv',
        summary:
          'same convolution whose total pad before the clamp is -3 or less (SAME_UPPER) or -4 or less (SAME_LOWER): the windows shift',
        matches: (f) => f.op === 'conv' && same(f) && any(f, (axis) => onnxruntimeSameShift(axis, f.paddingMode!) > 0),
      },
    ],
  },
  {
    defect: 'defect.onnxruntime-same-conv-transpose',
    parts: [
      {
        part: 'same-shorter-than-n-s',
        summary:
          'transposed convolution with auto_pad SAME_UPPER or SAME_LOWER and no output_shape whose full output (output padding included) is shorter than n·s on some axis, answered with the full output',
        matches: (f) => f.op === 'conv-transpose' && f.answered && sameAutoPadOnly(f) && any(f, (axis) => axis.crop! < 0),
      },
    ],
  },
  {
    defect: 'defect.onnxruntime-conv-transpose-size-check',
    parts: [
      {
        part: 'output-shape-beyond-stride',
        summary:
          'transposed convolution run with output_shape whose size, the total crop clamped at 0 added, does not map back to the input size through a convolution of the same stride (s or more elements beyond the full output), refused',
        matches: (f) =>
          f.op === 'conv-transpose' &&
          !f.answered &&
          (f.form === undefined || /\boutput_shape=/.test(f.form)) &&
          any(f, failsTransposeSizeCheck),
      },
    ],
  },
  {
    defect: 'defect.onnxruntime-webgpu-kernels',
    parts: [
      {
        part: 'matmul-end-pads',
        summary:
          '1-D or 2-D convolution with one group, no pad at the beginning of any axis and a pad at the end of one, whose kernel is 1x1 with stride 1 or the size of the input (the matmul shortcut writes the unpadded result flat)',
        matches: (f) =>
          f.op === 'conv' &&
          f.rank >= 1 &&
          f.rank <= 2 &&
          f.groups === 1 &&
          f.answered &&
          any(f, (axis) => axis.pe > 0) &&
          webgpuMatmulShortcut(f),
      },
      {
        part: 'vec3-input-channels',
        summary:
          '1-D or 2-D convolution with one group, input channels a multiple of 3 (not 3, not a multiple of 4) and output channels a multiple of 4, off the matmul shortcut (the tiled kernel reads the input 3 channels to a vector)',
        matches: (f) =>
          f.op === 'conv' &&
          f.rank >= 1 &&
          f.rank <= 2 &&
          f.groups === 1 &&
          f.answered &&
          f.inChannels !== undefined &&
          f.inChannels > 3 &&
          f.inChannels % 3 === 0 &&
          f.inChannels % 4 !== 0 &&
          f.outChannels !== undefined &&
          f.outChannels % 4 === 0 &&
          !webgpuMatmulShortcut(f),
      },
      {
        part: 'grouped-channel-vectors',
        summary:
          '1-D or 2-D grouped convolution with 4 or more output channels per group, written 4 or 2 channels to a vector that straddles two groups (the vector takes the group of its first channel)',
        matches: (f) => {
          if (f.op !== 'conv' || f.rank < 1 || f.rank > 2 || !f.answered) return false;
          if (f.groups === undefined || f.groups < 2 || f.outChannels === undefined || f.outChannels % f.groups !== 0) return false;
          const components = webgpuGroupedComponents(f);
          return components > 1 && (f.outChannels / f.groups) % components !== 0;
        },
      },
      {
        part: 'grouped-transpose-weights',
        summary:
          '1-D or 2-D grouped transposed convolution with one output channel per group and an even number of input channels per group (groups after the first read the wrong weights)',
        matches: (f) =>
          f.op === 'conv-transpose' &&
          f.rank >= 1 &&
          f.rank <= 2 &&
          f.answered &&
          f.groups !== undefined &&
          f.groups > 1 &&
          f.outChannels === f.groups &&
          f.inChannels !== undefined &&
          f.inChannels % f.groups === 0 &&
          (f.inChannels / f.groups) % 2 === 0,
      },
      {
        part: 'groups-not-dividing',
        summary: 'convolution whose group count does not divide the input channels, answered instead of refused',
        matches: (f) =>
          f.op === 'conv' &&
          f.answered &&
          f.groups !== undefined &&
          f.groups > 1 &&
          f.inChannels !== undefined &&
          f.inChannels % f.groups !== 0,
      },
      {
        part: 'output-shape-crop-session',
        summary:
          "transposed convolution with an output_shape smaller than its full output on some axis, refused at session creation by the layout transformer ('PermuteDims ... Permutation length')",
        matches: (f) =>
          f.op === 'conv-transpose' &&
          !f.answered &&
          (f.form === undefined || /\boutput_shape=/.test(f.form)) &&
          any(f, (axis) => axis.crop! > 0) &&
          /PermuteDims/.test(f.message),
      },
    ],
  },
];

export const UNSIGNED_DEFECTS: readonly UnsignedDefect[] = [
  { defect: 'defect.onnx-pool-doc-clamp', noSignature: "a defect of ONNX's documentation, not of an implementation" },
  {
    defect: 'defect.onnx-reference-evaluator',
    noSignature: 'onnx.reference is not an adapter of the kit; cnnspec takes no values from it',
  },
  {
    defect: 'defect.tf-maxpool-nan',
    noSignature: "TensorFlow's CPU kernel has no adapter in the kit; the tensorflow convention leaves NaN open",
  },
];

/** The signature of a defect clause, if it has one. */
export function defectSignature(defect: string): DefectSignature | undefined {
  return DEFECT_SIGNATURES.find((signature) => signature.defect === defect);
}

/** The first part of a defect's signature that matches a failure, if any. */
export function matchingPart(signature: DefectSignature, facts: FailureFacts): DefectPart | undefined {
  return signature.parts.find((part) => part.matches(facts));
}
