/**
 * The preconditions of a transposed convolution that no shared parameter check covers: the ranks
 * of input and weight, how channels, groups, weight and bias agree, the crops an output shape
 * leaves no room for, and per axis the output padding and the output size.
 *
 * @see spec:conv-transpose.weight-layout
 * @see spec:conv-transpose.output-shape
 * @see spec:conv-transpose.output-padding
 */
import type { Precondition } from '../../spec/Precondition.js';

/** What the rank rules read: the shapes as given, before they are split into axes. */
export interface ConvTransposeRankFacts {
  inputShape: unknown;
  weightShape: unknown;
}

/** Checked before the shapes are split into batch, channels and spatial axes. */
export const CONV_TRANSPOSE_RANK_RULES: readonly Precondition<ConvTransposeRankFacts>[] = [
  {
    when: (f) => !Array.isArray(f.inputShape) || f.inputShape.length < 3 || f.inputShape.length > 5,
    code: 'E_SHAPE_INVALID',
    clause: 'conv-transpose.weight-layout',
    parameter: 'input.shape',
    value: (f) => f.inputShape,
    rule: 'have rank 3 to 5: batch, channels and 1 to 3 spatial axes',
  },
  // The input's rank is known here: the row above held.
  {
    when: (f) => !Array.isArray(f.weightShape) || f.weightShape.length !== (f.inputShape as readonly number[]).length,
    code: 'E_SHAPE_MISMATCH',
    clause: 'conv-transpose.weight-layout',
    parameter: 'weight.shape',
    value: (f) => f.weightShape,
    rule: (f) => `have the input's rank ${(f.inputShape as readonly number[]).length}`,
  },
];

/** What the channel rules read: the channel counts of the split shapes. */
export interface ConvTransposeChannelFacts {
  groups: number;
  inChannels: number;
  /** The weight's input-channel entry and its axis, which depends on the kernel layout. */
  weightInChannels: number;
  weightInAxis: number;
  outChannels: number;
  biasShape: readonly number[] | undefined;
}

/** Checked after the shapes are split. */
export const CONV_TRANSPOSE_CHANNEL_RULES: readonly Precondition<ConvTransposeChannelFacts>[] = [
  {
    when: (f) => f.inChannels % f.groups !== 0,
    code: 'E_GROUPS',
    clause: 'conv-transpose.groups',
    parameter: 'groups',
    value: (f) => f.groups,
    rule: (f) => `divide the input channels (${f.inChannels})`,
  },
  {
    when: (f) => f.weightInChannels !== f.inChannels,
    code: 'E_SHAPE_MISMATCH',
    clause: 'conv-transpose.weight-layout',
    parameter: (f) => `weight.shape[${f.weightInAxis}]`,
    value: (f) => f.weightInChannels,
    rule: (f) => `equal the input channels (${f.inChannels})`,
  },
  {
    when: (f) => f.biasShape !== undefined && (f.biasShape.length !== 1 || f.biasShape[0] !== f.outChannels),
    code: 'E_SHAPE_MISMATCH',
    clause: 'conv-transpose.bias',
    parameter: 'bias.shape',
    value: (f) => f.biasShape,
    rule: (f) => `be [${f.outChannels}] (one value per output channel)`,
  },
];

/** What the padding rule reads: whether crops are given explicitly and an output shape too. */
export interface ConvTransposePaddingFacts {
  explicitPadding: boolean;
  outputShape: unknown;
}

export const CONV_TRANSPOSE_PADDING_RULES: readonly Precondition<ConvTransposePaddingFacts>[] = [
  {
    when: (f) => f.explicitPadding && f.outputShape !== undefined,
    code: 'E_PARAM_RANGE',
    clause: 'conv-transpose.output-shape',
    parameter: 'padding',
    value: () => 'explicit',
    rule: "be 'valid', 'same-upper' or 'same-lower' when outputShape is given: the output shape decides the crops",
  },
];

/** What the axis rules read: one spatial axis's sizes, output padding and output size. */
export interface ConvTransposeAxisFacts {
  axis: number;
  s: number;
  d: number;
  opad: number;
  out: number;
  /** The convention's bound on the output padding (spec: conv-transpose.output-padding). */
  outputPaddingLimit: 'stride-or-dilation' | 'stride' | 'none';
  /** Whether the output padding counts: not with an output shape under the conv-preimage rule. */
  opadCounts: boolean;
  /**
   * Under the conv-preimage rule with an output shape (spec: conv-transpose.output-shape): the
   * sizes a convolution with these parameters maps back to the input size, `[lo, hi]`.
   */
  preimage?: { requested: number; lo: number; hi: number };
}

const opadBound = (f: ConvTransposeAxisFacts): number =>
  f.outputPaddingLimit === 'stride' ? f.s : f.outputPaddingLimit === 'stride-or-dilation' ? Math.max(f.s, f.d) : Number.POSITIVE_INFINITY;

/** Checked per spatial axis, once the output size is known. */
export const CONV_TRANSPOSE_AXIS_RULES: readonly Precondition<ConvTransposeAxisFacts>[] = [
  {
    when: (f) => f.opadCounts && f.opad >= opadBound(f),
    code: 'E_PARAM_RANGE',
    clause: 'conv-transpose.output-padding',
    parameter: (f) => `outputPadding[${f.axis}]`,
    value: (f) => f.opad,
    rule: (f) =>
      f.outputPaddingLimit === 'stride'
        ? `be smaller than the stride (${f.s})`
        : `be smaller than the stride (${f.s}) or the dilation (${f.d})`,
  },
  {
    when: (f) => f.preimage !== undefined && (f.preimage.requested < f.preimage.lo || f.preimage.requested > f.preimage.hi),
    code: 'E_PARAM_RANGE',
    clause: 'conv-transpose.output-shape',
    parameter: (f) => `outputShape[${f.axis}]`,
    value: (f) => f.preimage?.requested,
    rule: (f) => `be a size a convolution with these parameters maps back to the input size: ${f.preimage?.lo} to ${f.preimage?.hi}`,
  },
  {
    when: (f) => f.out < 1,
    code: 'E_OUTPUT_EMPTY',
    clause: 'conv-transpose.output-size',
    parameter: (f) => `output[${f.axis}]`,
    value: (f) => f.out,
    rule: 'be at least 1: the crops leave no output element',
  },
];
