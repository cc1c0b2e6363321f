/**
 * Resolves a transposed convolution's parameters and shapes into one plan record: channels,
 * groups, per spatial axis the stride, dilation, crops, output padding and output size, layouts,
 * output shape and the features it uses. The reference, the properties and the reports read it.
 *
 * @see spec:conv-transpose.weight-layout
 * @see spec:conv-transpose.output-size
 */
import { checkPreconditions } from '../../spec/checkPreconditions.js';
import { CnnSpecError } from '../../spec/CnnSpecError.js';
import { checkFeatures, resolveConvention, type Convention, type ConventionSpec } from '../../spec/conventions.js';
import type { FeatureUse } from '../../spec/features.js';
import { evaluateFormula } from '../../spec/formulas.js';
import { checkLimit, checkLimits, DEFAULT_LIMITS, type Limits } from '../../spec/limits.js';
import { checkEffectiveKernel, checkEnum, checkInteger, checkKnownFields, checkPerAxis, orDefault } from '../../spec/paramChecks.js';
import {
  joinActivationShape,
  LAYOUTS,
  splitActivationShape,
  splitKernelShape,
  type KernelLayout,
  type Layout,
} from '../../tensor/layout.js';
import { checkShape, elementCount } from '../../tensor/tensor.js';
import { AUTO_PADDINGS, type AutoPadding, type Padding } from '../window/planWindow.js';
import {
  CONV_TRANSPOSE_AXIS_RULES,
  CONV_TRANSPOSE_CHANNEL_RULES,
  CONV_TRANSPOSE_PADDING_RULES,
  CONV_TRANSPOSE_RANK_RULES,
} from './convTransposePreconditions.js';

/**
 * The weight layouts of a transposed convolution (spec: conv-transpose.weight-layout): input
 * channels, output channels per group and kernel sizes (ONNX, PyTorch), or kernel sizes, output
 * channels per group and input channels (TensorFlow, TF.js).
 */
export const CONV_TRANSPOSE_KERNEL_LAYOUTS = ['in-out-spatial', 'spatial-out-in'] as const;
export type ConvTransposeKernelLayout = (typeof CONV_TRANSPOSE_KERNEL_LAYOUTS)[number];

/**
 * The convolution weight layout with the same axis order: a transposed convolution's weight is
 * the weight of the convolution it is the adjoint of (spec: conv-transpose.definition), whose
 * output channels are the transposed convolution's input channels.
 */
export const ADJOINT_CONV_KERNEL_LAYOUT: Readonly<Record<ConvTransposeKernelLayout, KernelLayout>> = {
  'in-out-spatial': 'out-in-spatial',
  'spatial-out-in': 'spatial-in-out',
};

export interface ConvTransposeParams {
  /** Per spatial axis, or one value for all. @defaultValue 1 */
  strides?: number | readonly number[];
  /** Per spatial axis, or one value for all. @defaultValue 1 */
  dilations?: number | readonly number[];
  /** The crops of the full output: a mode, or explicit crops per axis. @defaultValue 'valid' */
  padding?: Padding;
  /** Elements appended at the end of every axis. @defaultValue 0 */
  outputPadding?: number | readonly number[];
  /** The spatial output sizes, which decide the crops. @defaultValue none */
  outputShape?: readonly number[];
  /** @defaultValue 1 */
  groups?: number;
  /** @defaultValue the convention's layout */
  layout?: Layout;
  /** @defaultValue 'in-out-spatial' for channels-first, 'spatial-out-in' for channels-last */
  kernelLayout?: ConvTransposeKernelLayout;
  /** @defaultValue 'cnnspec' */
  convention?: ConventionSpec;
}

export const CONV_TRANSPOSE_PARAM_FIELDS = [
  'strides',
  'dilations',
  'padding',
  'outputPadding',
  'outputShape',
  'groups',
  'layout',
  'kernelLayout',
  'convention',
] as const;

export interface ConvTransposePlan {
  op: 'conv-transpose';
  convention: Convention;
  layout: Layout;
  kernelLayout: ConvTransposeKernelLayout;
  batch: number;
  inChannels: number;
  outChannels: number;
  groups: number;
  inChannelsPerGroup: number;
  outChannelsPerGroup: number;
  hasBias: boolean;
  /** Number of spatial axes. */
  rank: number;
  /** Per spatial axis. */
  input: number[];
  kernel: number[];
  strides: number[];
  dilations: number[];
  /** The output padding that takes effect: 0 where an output shape voids it (the conv-preimage rule). */
  outputPadding: number[];
  /** The padding as given, with `same-*` and `valid` kept by name. */
  paddingMode: AutoPadding | 'explicit';
  /** Elements cropped at the beginning of the full output, per axis. */
  cropBegin: number[];
  /** Elements cropped at the end of the full output, per axis; negative where elements are appended. */
  cropEnd: number[];
  /** Output size per spatial axis. */
  output: number[];
  /** The spatial output sizes the call asked for (`outputShape`), or undefined. */
  requestedOutput: number[] | undefined;
  inputShape: number[];
  weightShape: number[];
  outputShape: number[];
  /** Multiply-accumulates: every input element times every tap of its group's output channels. */
  operations: number;
  features: FeatureUse[];
}

const OP = 'conv-transpose';

function resolveCrops(padding: unknown, rank: number): { mode: AutoPadding | 'explicit'; begin?: number[]; end?: number[] } {
  if (typeof padding === 'string') return { mode: checkEnum({ op: OP, clause: 'padding.modes' }, 'padding', padding, AUTO_PADDINGS) };
  const ctx = { op: OP, clause: 'conv-transpose.output-size' };
  const record = checkKnownFields(ctx, 'padding', padding, ['begin', 'end']);
  return {
    mode: 'explicit',
    begin: checkPerAxis(ctx, 'padding.begin', record.begin, rank, 0),
    end: checkPerAxis(ctx, 'padding.end', record.end, rank, 0),
  };
}

/**
 * The output sizes a convolution with zero fill maps to the input size `n` (spec:
 * conv-transpose.output-shape, the conv-preimage rule): with no padding, those from the full
 * output `(n - 1)·s + d·(k - 1) + 1` to `s - 1` more; with same padding (`ceil(size / s) = n`),
 * `(n - 1)·s + 1` to `n·s`.
 */
function convolutionPreimage(mode: AutoPadding | 'explicit', n: number, s: number, d: number, k: number): { lo: number; hi: number } {
  if (mode === 'same-upper' || mode === 'same-lower') return { lo: (n - 1) * s + 1, hi: n * s };
  const full = (n - 1) * s + d * (k - 1) + 1;
  return { lo: full, hi: full + s - 1 };
}

/**
 * Plans a transposed convolution from its parameters and the shapes of input, weight and
 * (optional) bias. Needs no data: shape algebra uses it too.
 *
 * @param inputShape [N, C, n1, ..., nr] (channels-first) or [N, n1, ..., nr, C] (channels-last), r in 1..3
 * @param weightShape [C, Cout/groups, k1, ..., kr] (in-out-spatial) or [k1, ..., kr, Cout/groups, C] (spatial-out-in)
 * @param biasShape [Cout], or undefined for no bias
 * @throws CnnSpecError for every invalid configuration
 */
export function planConvTranspose(
  params: ConvTransposeParams,
  inputShape: readonly number[],
  weightShape: readonly number[],
  biasShape?: readonly number[],
  limits: Limits = DEFAULT_LIMITS,
): ConvTransposePlan {
  checkKnownFields({ op: OP, clause: 'conv-transpose.weight-layout' }, 'params', params, CONV_TRANSPOSE_PARAM_FIELDS);
  checkLimits(OP, limits);
  const convention = resolveConvention(params.convention, OP);
  const layout = checkEnum(
    { op: OP, clause: 'layout.channels-first' },
    'layout',
    orDefault<unknown>(params.layout, convention.layout),
    LAYOUTS,
  );
  const kernelLayout = checkEnum(
    { op: OP, clause: 'conv-transpose.weight-layout' },
    'kernelLayout',
    orDefault<unknown>(params.kernelLayout, layout === 'channels-first' ? 'in-out-spatial' : 'spatial-out-in'),
    CONV_TRANSPOSE_KERNEL_LAYOUTS,
  );
  const groups = checkInteger({ op: OP, clause: 'conv-transpose.groups' }, 'groups', orDefault<unknown>(params.groups, 1), 1);

  checkPreconditions(OP, CONV_TRANSPOSE_RANK_RULES, { inputShape, weightShape });
  checkShape(OP, 'input.shape', inputShape);
  checkShape(OP, 'weight.shape', weightShape);
  if (biasShape !== undefined) checkShape(OP, 'bias.shape', biasShape);
  const { batch, channels: inChannels, spatial: input } = splitActivationShape(inputShape, layout);
  // Read as the adjoint convolution's weight: its output channels are this op's input channels.
  const adjoint = splitKernelShape(weightShape, ADJOINT_CONV_KERNEL_LAYOUT[kernelLayout]);
  const weightInChannels = adjoint.outChannels;
  const outChannelsPerGroup = adjoint.inChannelsPerGroup;
  const kernel = adjoint.kernel;
  const outChannels = outChannelsPerGroup * groups;
  const weightInAxis = kernelLayout === 'in-out-spatial' ? 0 : weightShape.length - 1;
  checkPreconditions(OP, CONV_TRANSPOSE_CHANNEL_RULES, { groups, inChannels, weightInChannels, weightInAxis, outChannels, biasShape });

  const rank = input.length;
  const strides = checkPerAxis({ op: OP, clause: 'shape.stride' }, 'strides', orDefault<unknown>(params.strides, 1), rank, 1);
  const dilations = checkPerAxis(
    { op: OP, clause: 'conv-transpose.dilation' },
    'dilations',
    orDefault<unknown>(params.dilations, 1),
    rank,
    1,
  );
  const outputPadding = checkPerAxis(
    { op: OP, clause: 'conv-transpose.output-padding' },
    'outputPadding',
    orDefault<unknown>(params.outputPadding, 0),
    rank,
    0,
  );
  // spec: conv-transpose.output-shape — one entry per spatial axis, never one number for all
  const asked: unknown = params.outputShape;
  if (asked !== undefined && !Array.isArray(asked)) {
    throw new CnnSpecError({
      code: 'E_PARAM_ARITY',
      op: OP,
      clause: 'conv-transpose.output-shape',
      parameter: 'outputShape',
      value: asked,
      rule: `be an array of ${rank} integers (one per spatial axis)`,
    });
  }
  const requested =
    asked === undefined ? undefined : checkPerAxis({ op: OP, clause: 'conv-transpose.output-shape' }, 'outputShape', asked, rank, 1);
  const crops = resolveCrops(orDefault<unknown>(params.padding, 'valid'), rank);
  checkPreconditions(OP, CONV_TRANSPOSE_PADDING_RULES, { explicitPadding: crops.mode === 'explicit', outputShape: requested });
  kernel.forEach((k, axis) => checkEffectiveKernel(OP, `dilations[${axis}]`, k, dilations[axis]!));

  const features: FeatureUse[] = [{ feature: 'conv-transpose', parameter: 'op', value: OP }];
  features.push({ feature: `spatial-rank-${rank}` as FeatureUse['feature'], parameter: 'input.shape', value: inputShape });
  features.push({ feature: `layout.${layout}`, parameter: 'layout', value: layout });
  if (biasShape !== undefined) features.push({ feature: 'conv-transpose.bias', parameter: 'bias', value: biasShape });
  if (groups > 1) features.push({ feature: 'conv-transpose.groups', parameter: 'groups', value: groups });
  if (dilations.some((d) => d > 1)) features.push({ feature: 'conv-transpose.dilation', parameter: 'dilations', value: dilations });
  if (outputPadding.some((p) => p > 0))
    features.push({ feature: 'conv-transpose.output-padding', parameter: 'outputPadding', value: outputPadding });
  if (requested !== undefined) features.push({ feature: 'conv-transpose.output-shape', parameter: 'outputShape', value: requested });
  if (crops.mode === 'same-upper' || crops.mode === 'same-lower') {
    features.push({ feature: 'conv-transpose.same', parameter: 'padding', value: crops.mode });
    features.push({ feature: `padding.${crops.mode}`, parameter: 'padding', value: crops.mode });
  }
  if (crops.mode === 'explicit' && crops.begin!.some((pb, axis) => pb !== crops.end![axis])) {
    features.push({ feature: 'padding.explicit-asymmetric', parameter: 'padding', value: params.padding });
  }

  const cropBegin: number[] = [];
  const cropEnd: number[] = [];
  const effectivePadding: number[] = [];
  const output: number[] = [];
  for (let axis = 0; axis < rank; axis++) {
    const n = input[axis]!;
    const s = strides[axis]!;
    const d = dilations[axis]!;
    const k = kernel[axis]!;
    // spec: conv-transpose.output-shape — under the conv-preimage rule an output shape makes the output padding void
    const preimageRule = requested !== undefined && convention.outputShapeRule === 'conv-preimage';
    const opad = preimageRule ? 0 : outputPadding[axis]!;
    let pb: number;
    let pe: number;
    if (crops.mode === 'explicit') {
      pb = crops.begin![axis]!;
      pe = crops.end![axis]!;
    } else if (requested === undefined && crops.mode === 'valid') {
      pb = 0;
      pe = 0;
    } else {
      // spec: conv-transpose.output-shape, conv-transpose.same — a requested size, or n·s
      const out = requested?.[axis] ?? evaluateFormula('conv-transpose.same.output-size', { n, s });
      const crop = evaluateFormula('conv-transpose.crop', { n, s, d, k, opad, out });
      // spec: conv-transpose.crop-split — the upper split only for same-upper
      pb = evaluateFormula(crops.mode === 'same-upper' ? 'conv-transpose.crop-upper.begin' : 'conv-transpose.crop-lower.begin', { crop });
      pe = evaluateFormula('conv-transpose.crop.end', { crop, pb });
    }
    const out = evaluateFormula('conv-transpose.output-size', { n, s, pb, pe, d, k, opad });
    checkPreconditions(OP, CONV_TRANSPOSE_AXIS_RULES, {
      axis,
      s,
      d,
      opad: outputPadding[axis]!,
      out,
      outputPaddingLimit: convention.outputPaddingLimit,
      opadCounts: !preimageRule,
      ...(preimageRule ? { preimage: { requested: requested[axis]!, ...convolutionPreimage(crops.mode, n, s, d, k) } } : {}),
    });
    cropBegin.push(pb);
    cropEnd.push(pe);
    effectivePadding.push(opad);
    output.push(out);
  }
  checkFeatures(OP, convention, features);

  const outputShape = joinActivationShape({ batch, channels: outChannels, spatial: output }, layout);
  checkLimit(OP, 'output', elementCount(outputShape), limits.maxElements, 'output elements');
  const operations = elementCount(inputShape) * outChannelsPerGroup * elementCount(kernel);
  checkLimit(OP, 'operations', operations, limits.maxOperations, 'multiply-accumulates');

  return {
    op: OP,
    convention,
    layout,
    kernelLayout,
    batch,
    inChannels,
    outChannels,
    groups,
    inChannelsPerGroup: inChannels / groups,
    outChannelsPerGroup,
    hasBias: biasShape !== undefined,
    rank,
    input,
    kernel,
    strides,
    dilations,
    outputPadding: effectivePadding,
    paddingMode: crops.mode,
    cropBegin,
    cropEnd,
    output,
    requestedOutput: requested,
    inputShape: [...inputShape],
    weightShape: [...weightShape],
    outputShape,
    operations,
    features,
  };
}
