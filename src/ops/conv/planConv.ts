/**
 * Resolves a convolution's parameters and shapes into one plan record: channels, groups, the
 * window along every spatial axis, fill mode, layouts, output shape and the features it uses.
 * The reference, the properties and the reports all read this record.
 *
 * @see spec:conv.shapes
 * @see spec:conv.groups
 */
import { checkPreconditions } from '../../spec/checkPreconditions.js';
import { checkFeatures, resolveConvention, type Convention, type ConventionSpec } from '../../spec/conventions.js';
import type { FeatureUse } from '../../spec/features.js';
import { checkFillLimits, FILL_MODES, type FillMode } from '../window/fillCoordinate.js';
import {
  defaultKernelLayout,
  joinActivationShape,
  KERNEL_LAYOUTS,
  LAYOUTS,
  splitActivationShape,
  splitKernelShape,
  type KernelLayout,
  type Layout,
} from '../../tensor/layout.js';
import { checkLimit, checkLimits, DEFAULT_LIMITS, type Limits } from '../../spec/limits.js';
import { checkEnum, checkInteger, checkKnownFields, orDefault } from '../../spec/paramChecks.js';
import { planWindow, type Padding, type WindowPlan } from '../window/planWindow.js';
import { CONV_CHANNEL_RULES, CONV_RANK_RULES } from './convPreconditions.js';
import { checkShape, elementCount } from '../../tensor/tensor.js';

export interface ConvParams {
  /** Per spatial axis, or one value for all. @defaultValue 1 */
  strides?: number | readonly number[];
  /** Per spatial axis, or one value for all. @defaultValue 1 */
  dilations?: number | readonly number[];
  /** @defaultValue 'valid' */
  padding?: Padding;
  /** How the padding is filled. @defaultValue 'zeros' */
  fill?: FillMode;
  /** @defaultValue 1 */
  groups?: number;
  /** @defaultValue the convention's layout */
  layout?: Layout;
  /** @defaultValue 'out-in-spatial' for channels-first, 'spatial-in-out' for channels-last */
  kernelLayout?: KernelLayout;
  /** @defaultValue 'cnnspec' */
  convention?: ConventionSpec;
}

export const CONV_PARAM_FIELDS = ['strides', 'dilations', 'padding', 'fill', 'groups', 'layout', 'kernelLayout', 'convention'] as const;

export interface ConvPlan {
  op: 'conv';
  convention: Convention;
  layout: Layout;
  kernelLayout: KernelLayout;
  fill: FillMode;
  batch: number;
  inChannels: number;
  outChannels: number;
  groups: number;
  inChannelsPerGroup: number;
  outChannelsPerGroup: number;
  hasBias: boolean;
  window: WindowPlan;
  inputShape: number[];
  weightShape: number[];
  outputShape: number[];
  /** Multiply-accumulates the convolution performs, padding taps included. */
  operations: number;
  features: FeatureUse[];
}

const OP = 'conv';

/**
 * Plans a convolution from its parameters and the shapes of input, weight and (optional) bias.
 * Needs no data: shape algebra uses it too.
 *
 * @param inputShape [N, C, D1, ..., Dr] (channels-first) or [N, D1, ..., Dr, C] (channels-last), r in 1..3
 * @param weightShape [Cout, C/groups, k1, ..., kr] (out-in-spatial) or [k1, ..., kr, C/groups, Cout] (spatial-in-out)
 * @param biasShape [Cout], or undefined for no bias
 * @throws CnnSpecError for every invalid configuration
 */
export function planConv(
  params: ConvParams,
  inputShape: readonly number[],
  weightShape: readonly number[],
  biasShape?: readonly number[],
  limits: Limits = DEFAULT_LIMITS,
): ConvPlan {
  checkKnownFields({ op: OP, clause: 'conv.shapes' }, 'params', params, CONV_PARAM_FIELDS);
  checkLimits(OP, limits);
  const convention = resolveConvention(params.convention, OP);
  const layout = checkEnum(
    { op: OP, clause: 'layout.channels-first' },
    'layout',
    orDefault<unknown>(params.layout, convention.layout),
    LAYOUTS,
  );
  const kernelLayout = checkEnum(
    { op: OP, clause: 'layout.kernel' },
    'kernelLayout',
    orDefault<unknown>(params.kernelLayout, defaultKernelLayout(layout)),
    KERNEL_LAYOUTS,
  );
  const fill = checkEnum({ op: OP, clause: 'padding.fill.zeros' }, 'fill', orDefault<unknown>(params.fill, 'zeros'), FILL_MODES);
  const groups = checkInteger({ op: OP, clause: 'conv.groups' }, 'groups', orDefault<unknown>(params.groups, 1), 1);

  checkPreconditions(OP, CONV_RANK_RULES, { inputShape, weightShape });
  checkShape(OP, 'input.shape', inputShape);
  checkShape(OP, 'weight.shape', weightShape);
  if (biasShape !== undefined) checkShape(OP, 'bias.shape', biasShape);
  const { batch, channels: inChannels, spatial } = splitActivationShape(inputShape, layout);
  const { outChannels, inChannelsPerGroup: weightInChannels, kernel } = splitKernelShape(weightShape, kernelLayout);
  const weightInAxis = kernelLayout === 'out-in-spatial' ? 1 : weightShape.length - 2;

  checkPreconditions(OP, CONV_CHANNEL_RULES, { groups, inChannels, outChannels, weightInChannels, weightInAxis, biasShape });

  const features: FeatureUse[] = [{ feature: 'conv', parameter: 'op', value: OP }];
  features.push({ feature: `spatial-rank-${spatial.length}` as FeatureUse['feature'], parameter: 'input.shape', value: inputShape });
  features.push({ feature: `layout.${layout}`, parameter: 'layout', value: layout });
  if (biasShape !== undefined) features.push({ feature: 'conv.bias', parameter: 'bias', value: biasShape });
  if (groups > 1) {
    const depthwise = groups === inChannels;
    features.push({ feature: depthwise ? 'conv.depthwise' : 'conv.groups', parameter: 'groups', value: groups });
  }
  if (fill !== 'zeros') features.push({ feature: `padding.fill.${fill}`, parameter: 'fill', value: fill });

  const planned = planWindow({
    op: OP,
    kind: 'conv',
    input: spatial,
    kernel,
    strides: orDefault<unknown>(params.strides, 1),
    dilations: orDefault<unknown>(params.dilations, 1),
    padding: orDefault<unknown>(params.padding, 'valid'),
    ceilMode: false,
    convention,
  });
  const window = planned.window;
  features.push(...planned.features);
  checkFillLimits(OP, fill, window.input, window.padBegin, window.padEnd);
  checkFeatures(OP, convention, features);

  const outputShape = joinActivationShape({ batch, channels: outChannels, spatial: window.output }, layout);
  const outputElements = elementCount(outputShape);
  checkLimit(OP, 'output', outputElements, limits.maxElements, 'output elements');
  const operations = outputElements * (inChannels / groups) * elementCount(kernel);
  checkLimit(OP, 'operations', operations, limits.maxOperations, 'multiply-accumulates');

  return {
    op: OP,
    convention,
    layout,
    kernelLayout,
    fill,
    batch,
    inChannels,
    outChannels,
    groups,
    inChannelsPerGroup: inChannels / groups,
    outChannelsPerGroup: outChannels / groups,
    hasBias: biasShape !== undefined,
    window,
    inputShape: [...inputShape],
    weightShape: [...weightShape],
    outputShape,
    operations,
    features,
  };
}
