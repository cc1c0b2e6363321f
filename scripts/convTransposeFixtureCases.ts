/**
 * The configurations of the generated transposed-convolution fixtures (`conv-transpose.gen-...`),
 * each chosen for what it shows, and the conventions documented as giving another result for a
 * configuration (spec: conv-transpose.divergences, Keras's own checks) or leaving it open, which
 * the fixtures then do not claim although the planner accepts them.
 * Data comes from the generator's seeded draw; expected values from the exact evaluator.
 */
import type { ConventionName } from '../src/spec/conventions.js';
import type { AxisCrop, Layout, Padding } from './exact/exactOps.js';

export interface ConvTransposeFixtureCase {
  /** What the case shows, appended to the fixture's description. */
  shows: string;
  batch?: number;
  spatial: number[];
  /** Input channels per group. */
  inPerGroup: number;
  outPerGroup: number;
  /** @defaultValue 1 */
  groups?: number;
  kernel: number[];
  strides: number[];
  dilations?: number[];
  /** @defaultValue 'valid' */
  padding?: Padding;
  outputPadding?: number[];
  outputShape?: number[];
  bias?: boolean;
  /** @defaultValue 'channels-first' */
  layout?: Layout;
  /** @defaultValue the layout's own: in-out-spatial for channels-first, spatial-out-in for channels-last */
  kernelLayout?: 'in-out-spatial' | 'spatial-out-in';
}

export const CONV_TRANSPOSE_FIXTURE_CASES: readonly ConvTransposeFixtureCase[] = [
  // 1-D
  { shows: 'stride 1, one input channel to two outputs', spatial: [4], inPerGroup: 1, outPerGroup: 2, kernel: [3], strides: [1] },
  { shows: 'stride 3 beyond a kernel of 2: gaps of zeros', spatial: [3], inPerGroup: 2, outPerGroup: 1, kernel: [2], strides: [3] },
  {
    shows: 'dilation 2 with stride 2: copies overlap tap for tap',
    spatial: [4],
    inPerGroup: 1,
    outPerGroup: 1,
    kernel: [3],
    strides: [2],
    dilations: [2],
    bias: true,
  },
  {
    shows: 'explicit crops 1 and 2 with output padding 1: the end crop reaches past the appended element',
    spatial: [3],
    inPerGroup: 1,
    outPerGroup: 2,
    kernel: [3],
    strides: [2],
    padding: { begin: [1], end: [2] },
    outputPadding: [1],
  },
  {
    shows: 'output shape 5 of a full output 8: odd total crop 3, lower split',
    spatial: [3],
    inPerGroup: 1,
    outPerGroup: 1,
    kernel: [4],
    strides: [2],
    outputShape: [5],
    bias: true,
  },
  {
    shows: 'output shape 5 of a full output 8 with same-upper: odd total crop 3, upper split',
    spatial: [3],
    inPerGroup: 1,
    outPerGroup: 1,
    kernel: [4],
    strides: [2],
    padding: 'same-upper',
    outputShape: [5],
  },
  {
    shows: 'same-lower, total crop 1: the odd element cropped at the beginning',
    spatial: [3],
    inPerGroup: 2,
    outPerGroup: 1,
    kernel: [3],
    strides: [2],
    padding: 'same-lower',
  },
  {
    shows: 'same-upper with output padding 1, total crop 1: the odd element cropped at the end',
    spatial: [4],
    inPerGroup: 1,
    outPerGroup: 1,
    kernel: [3],
    strides: [3],
    padding: 'same-upper',
    outputPadding: [1],
    bias: true,
  },
  {
    shows: 'same-upper with stride 3 beyond a kernel of 1: total crop -2, two elements appended holding the bias',
    spatial: [3],
    inPerGroup: 1,
    outPerGroup: 2,
    kernel: [1],
    strides: [3],
    padding: 'same-upper',
    bias: true,
  },
  {
    shows: 'output shape 8 of a full output 6: total crop -2, two elements appended holding the bias',
    spatial: [3],
    inPerGroup: 1,
    outPerGroup: 1,
    kernel: [2],
    strides: [2],
    outputShape: [8],
    bias: true,
  },
  {
    shows: 'output padding 2, not below the stride 1 but below the dilation 3',
    spatial: [3],
    inPerGroup: 1,
    outPerGroup: 1,
    kernel: [2],
    strides: [1],
    dilations: [3],
    outputPadding: [2],
  },
  {
    shows: 'groups 2, channels-last',
    spatial: [3],
    inPerGroup: 1,
    outPerGroup: 2,
    groups: 2,
    kernel: [2],
    strides: [2],
    layout: 'channels-last',
    bias: true,
  },
  // 2-D
  {
    shows: 'non-square everything, asymmetric explicit crops, bias',
    spatial: [3, 2],
    inPerGroup: 2,
    outPerGroup: 1,
    kernel: [2, 3],
    strides: [2, 1],
    dilations: [1, 2],
    padding: { begin: [1, 0], end: [0, 2] },
    bias: true,
  },
  {
    shows: 'groups 2 of 2 input and 3 output channels each',
    spatial: [2, 3],
    inPerGroup: 2,
    outPerGroup: 3,
    groups: 2,
    kernel: [3, 2],
    strides: [2, 2],
  },
  {
    shows: 'depthwise-like, groups = channels = 3, one output channel each',
    spatial: [3, 3],
    inPerGroup: 1,
    outPerGroup: 1,
    groups: 3,
    kernel: [3, 3],
    strides: [2, 3],
    bias: true,
  },
  {
    shows: 'depthwise-like, groups = channels = 2, two output channels each, channels-last',
    spatial: [2, 3],
    inPerGroup: 1,
    outPerGroup: 2,
    groups: 2,
    kernel: [2, 2],
    strides: [1, 2],
    layout: 'channels-last',
  },
  {
    shows: 'output shape with an odd crop 3 on one axis and -1 (appended) on the other',
    spatial: [3, 2],
    inPerGroup: 1,
    outPerGroup: 2,
    kernel: [3, 2],
    strides: [2, 2],
    outputShape: [4, 5],
    bias: true,
  },
  {
    shows: 'output shape with same-upper: odd crops 3 and 1, upper split, channels-last',
    spatial: [3, 3],
    inPerGroup: 1,
    outPerGroup: 1,
    kernel: [4, 3],
    strides: [2, 2],
    padding: 'same-upper',
    outputShape: [5, 6],
    layout: 'channels-last',
  },
  {
    shows: 'same-upper with dilation and stride: an odd crop 3 (upper split) on one axis, -1 (appended) on the other',
    spatial: [2, 3],
    inPerGroup: 1,
    outPerGroup: 2,
    kernel: [3, 2],
    strides: [2, 3],
    dilations: [2, 1],
    padding: 'same-upper',
  },
  {
    shows: 'same-lower with output padding: odd crops 1 and 3',
    spatial: [3, 2],
    inPerGroup: 2,
    outPerGroup: 1,
    kernel: [3, 4],
    strides: [2, 2],
    outputPadding: [0, 1],
    padding: 'same-lower',
    bias: true,
  },
  {
    shows: 'stride 3 beyond kernel 2, channels-last, bias',
    spatial: [2, 2],
    inPerGroup: 2,
    outPerGroup: 2,
    kernel: [2, 1],
    strides: [3, 2],
    layout: 'channels-last',
    bias: true,
  },
  {
    shows: 'same-upper, groups 2, channels-last',
    spatial: [2, 3],
    inPerGroup: 1,
    outPerGroup: 1,
    groups: 2,
    kernel: [3, 3],
    strides: [2, 2],
    padding: 'same-upper',
    layout: 'channels-last',
  },
  {
    shows: 'channels-first data with a spatial-out-in kernel',
    spatial: [2, 3],
    inPerGroup: 2,
    outPerGroup: 2,
    kernel: [2, 3],
    strides: [2, 1],
    kernelLayout: 'spatial-out-in',
  },
  {
    shows: 'channels-last data with an in-out-spatial kernel, explicit crops',
    spatial: [3, 2],
    inPerGroup: 1,
    outPerGroup: 2,
    kernel: [3, 2],
    strides: [1, 2],
    padding: { begin: [1, 1], end: [1, 0] },
    layout: 'channels-last',
    kernelLayout: 'in-out-spatial',
  },
  {
    shows: 'batch 2, output padding under explicit crops',
    batch: 2,
    spatial: [2, 2],
    inPerGroup: 1,
    outPerGroup: 2,
    kernel: [3, 3],
    strides: [2, 3],
    padding: { begin: [1, 2], end: [2, 1] },
    outputPadding: [1, 2],
  },
  {
    shows: 'same-lower, stride beyond the dilated kernel on one axis: appended and cropped',
    spatial: [2, 3],
    inPerGroup: 1,
    outPerGroup: 1,
    kernel: [1, 3],
    strides: [3, 2],
    padding: 'same-lower',
    bias: true,
  },
  // 3-D
  { shows: '3-D, bias', spatial: [2, 3, 2], inPerGroup: 1, outPerGroup: 2, kernel: [2, 2, 1], strides: [1, 2, 2], bias: true },
  {
    shows: '3-D, dilation with stride, output padding below the stride on one axis and, below the dilation, not below it on another',
    spatial: [2, 2, 2],
    inPerGroup: 1,
    outPerGroup: 1,
    kernel: [2, 2, 2],
    strides: [2, 1, 3],
    dilations: [1, 2, 1],
    outputPadding: [1, 1, 0],
  },
  {
    shows: '3-D same-lower with odd crops, channels-last, groups 2',
    spatial: [2, 2, 3],
    inPerGroup: 1,
    outPerGroup: 1,
    groups: 2,
    kernel: [3, 2, 2],
    strides: [2, 1, 2],
    padding: 'same-lower',
    layout: 'channels-last',
  },
  {
    shows: '3-D output shape with crops 1, 0 and -1',
    spatial: [2, 2, 2],
    inPerGroup: 1,
    outPerGroup: 1,
    kernel: [2, 3, 2],
    strides: [2, 1, 2],
    outputShape: [3, 4, 5],
    bias: true,
  },
];

/**
 * Spatial ranks of the conventions whose row in the spec's table (spec: conv-transpose.conventions)
 * gives fewer than 1 to 3, where the planner's features do not already refuse the others.
 */
const TABLE_RANKS: Partial<Record<ConventionName, readonly number[]>> = { tfjs: [2, 3], caffe: [2, 3], tosa: [2], webnn: [2] };

export interface ResolvedConvTransposeCase {
  strides: number[];
  padding: Padding;
  outputPadding: number[];
  outputShape?: number[];
  input: number[];
  crops: AxisCrop[];
}

/**
 * The conventions documented as giving another result than cnnspec for a configuration, or
 * leaving it open, each with the reason; the fixture does not claim them.
 */
export function documentedDivergences(
  c: ResolvedConvTransposeCase,
  kernel: number[],
  dilations: number[],
): Partial<Record<ConventionName, string>> {
  const found: Partial<Record<ConventionName, string>> = {};
  const opad = c.outputPadding.some((p) => p > 0);
  if (c.outputShape !== undefined) {
    const strides = c.strides;
    const reason = opad
      ? 'an output shape together with an output padding, which tf.nn (output_shape) and Keras (output_padding) never take together'
      : c.padding === 'same-upper'
        ? c.outputShape.some((out, a) => Math.ceil(out / strides[a]!) !== c.input[a]!)
          ? 'an output shape whose forward SAME convolution does not give the input size, which TensorFlow rejects'
          : undefined
        : c.crops.some((crop, a) => crop.cropBegin + crop.cropEnd > 0 || crop.cropBegin + crop.cropEnd <= -strides[a]!)
          ? 'an output shape outside the s sizes from the uncropped size up, which TensorFlow with VALID rejects'
          : undefined;
    if (reason !== undefined) {
      found.tensorflow = reason;
      found.tfjs = reason;
    }
    found.webnn = 'WebNN outputSizes, whose range the spec does not yet state (spec: conv-transpose.conventions)';
  } else {
    if (c.padding === 'valid' && kernel.some((k, a) => dilations[a]! * (k - 1) + 1 < c.strides[a]!))
      found.tensorflow = "Keras 'valid' with a stride beyond the dilated kernel, which appends zeros up to n·s";
    if (c.padding === 'same-upper' && opad) found.tensorflow = "Keras 'same' with an output padding, which moves TensorFlow's window";
  }
  // Checked last, so that its reason stands where several apply.
  if (c.outputPadding.some((p, a) => p >= c.strides[a]!))
    found.tensorflow = 'an output padding not below the stride, which Keras rejects and a tf.nn output shape under VALID cannot reach';
  if (dilations.some((d, a) => d > 1 && c.strides[a]! > 1))
    found.tensorflow =
      'a dilation together with a stride, which the tensorflow convention leaves unspecified for convolution (dilationWithStride)';
  for (const [convention, ranks] of Object.entries(TABLE_RANKS) as [ConventionName, readonly number[]][])
    if (!ranks.includes(kernel.length))
      found[convention] = `spatial rank ${kernel.length}, outside the ranks ${ranks.join(', ')} of its row in the spec's convention table`;
  return found;
}
