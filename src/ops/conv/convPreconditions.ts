/**
 * The preconditions of a convolution that no shared parameter check covers: the ranks of input
 * and weight, then how channels, groups, weight and bias agree.
 *
 * @see spec:conv.shapes
 * @see spec:conv.groups
 * @see spec:conv.bias
 */
import type { Precondition } from '../../spec/Precondition.js';

/** What the rank rules read: the shapes as given, before they are split into axes. */
export interface ConvRankFacts {
  inputShape: unknown;
  weightShape: unknown;
}

/** Checked before the shapes are split into batch, channels and spatial axes. */
export const CONV_RANK_RULES: readonly Precondition<ConvRankFacts>[] = [
  {
    when: (f) => !Array.isArray(f.inputShape) || f.inputShape.length < 3 || f.inputShape.length > 5,
    code: 'E_SHAPE_INVALID',
    clause: 'conv.shapes',
    parameter: 'input.shape',
    value: (f) => f.inputShape,
    rule: 'have rank 3 to 5: batch, channels and 1 to 3 spatial axes',
  },
  // The input's rank is known here: the row above held.
  {
    when: (f) => !Array.isArray(f.weightShape) || f.weightShape.length !== (f.inputShape as readonly number[]).length,
    code: 'E_SHAPE_MISMATCH',
    clause: 'conv.shapes',
    parameter: 'weight.shape',
    value: (f) => f.weightShape,
    rule: (f) => `have the input's rank ${(f.inputShape as readonly number[]).length}`,
  },
];

/** What the channel rules read: the channel counts of the split shapes. */
export interface ConvChannelFacts {
  groups: number;
  inChannels: number;
  outChannels: number;
  /** The weight's input-channel entry and its axis, which depends on the kernel layout. */
  weightInChannels: number;
  weightInAxis: number;
  biasShape: readonly number[] | undefined;
}

/** Checked after the shapes are split. */
export const CONV_CHANNEL_RULES: readonly Precondition<ConvChannelFacts>[] = [
  {
    when: (f) => f.inChannels % f.groups !== 0,
    code: 'E_GROUPS',
    clause: 'conv.groups',
    parameter: 'groups',
    value: (f) => f.groups,
    rule: (f) => `divide the input channels (${f.inChannels})`,
  },
  {
    when: (f) => f.outChannels % f.groups !== 0,
    code: 'E_GROUPS',
    clause: 'conv.groups',
    parameter: 'groups',
    value: (f) => f.groups,
    rule: (f) => `divide the output channels (${f.outChannels})`,
  },
  {
    when: (f) => f.weightInChannels !== f.inChannels / f.groups,
    code: 'E_SHAPE_MISMATCH',
    clause: 'conv.shapes',
    parameter: (f) => `weight.shape[${f.weightInAxis}]`,
    value: (f) => f.weightInChannels,
    rule: (f) => `equal input channels / groups = ${f.inChannels} / ${f.groups} = ${f.inChannels / f.groups}`,
  },
  {
    when: (f) => f.biasShape !== undefined && (f.biasShape.length !== 1 || f.biasShape[0] !== f.outChannels),
    code: 'E_SHAPE_MISMATCH',
    clause: 'conv.bias',
    parameter: 'bias.shape',
    value: (f) => f.biasShape,
    rule: (f) => `be [${f.outChannels}] (one value per output channel)`,
  },
];
