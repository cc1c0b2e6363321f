/**
 * Resolves a pooling call's parameters and input shape into one plan record.
 *
 * @see spec:pool.kinds
 * @see spec:pool.window
 */
import { checkPreconditions } from '../../spec/checkPreconditions.js';
import { checkFeatures, resolveConvention, type Convention, type ConventionSpec } from '../../spec/conventions.js';
import type { FeatureUse } from '../../spec/features.js';
import { joinActivationShape, LAYOUTS, splitActivationShape, type Layout } from '../../tensor/layout.js';
import { checkLimit, checkLimits, DEFAULT_LIMITS, type Limits } from '../../spec/limits.js';
import { checkBoolean, checkEnum, checkKnownFields, checkPerAxis, orDefault } from '../../spec/paramChecks.js';
import { planWindow, type Padding, type WindowPlan } from '../window/planWindow.js';
import { POOL_COUNT_RULES, POOL_RANK_RULES, POOL_STRIDE_RULES } from './poolPreconditions.js';
import { checkShape, elementCount } from '../../tensor/tensor.js';

export const POOL_KINDS = ['max', 'avg'] as const;
export type PoolKind = (typeof POOL_KINDS)[number];

export interface PoolParams {
  kind: PoolKind;
  /** Window size per spatial axis, or one value for all. */
  kernel: number | readonly number[];
  /** @defaultValue the convention's pooling default (spec: divergence.pool-default-stride) */
  strides?: number | readonly number[];
  /** @defaultValue 1 */
  dilations?: number | readonly number[];
  /** @defaultValue 'valid' */
  padding?: Padding;
  /** @defaultValue the convention's (false except for caffe) */
  ceilMode?: boolean;
  /** Average pooling only: whether the declared padding counts in the divisor. @defaultValue the convention's */
  countIncludePad?: boolean;
  /** @defaultValue the convention's layout */
  layout?: Layout;
  /** @defaultValue 'cnnspec' */
  convention?: ConventionSpec;
}

export const POOL_PARAM_FIELDS = [
  'kind',
  'kernel',
  'strides',
  'dilations',
  'padding',
  'ceilMode',
  'countIncludePad',
  'layout',
  'convention',
] as const;

export interface PoolPlan {
  op: 'pool';
  kind: PoolKind;
  convention: Convention;
  layout: Layout;
  batch: number;
  channels: number;
  window: WindowPlan;
  /** Average pooling: whether taps in the declared padding count in the divisor. */
  countIncludePad: boolean;
  inputShape: number[];
  outputShape: number[];
  /** Window taps visited, padding included. */
  operations: number;
  features: FeatureUse[];
}

const OP = 'pool';

/**
 * Plans max or average pooling.
 *
 * @param inputShape [N, C, D1, ..., Dr] (channels-first) or [N, D1, ..., Dr, C] (channels-last), r in 1..3
 * @throws CnnSpecError for every invalid configuration
 */
export function planPool(params: PoolParams, inputShape: readonly number[], limits: Limits = DEFAULT_LIMITS): PoolPlan {
  const record = checkKnownFields({ op: OP, clause: 'pool.kinds' }, 'params', params, POOL_PARAM_FIELDS);
  checkLimits(OP, limits);
  const convention = resolveConvention(params.convention, OP);
  const kind = checkEnum({ op: OP, clause: 'pool.kinds' }, 'kind', record.kind, POOL_KINDS);
  const layout = checkEnum(
    { op: OP, clause: 'layout.channels-first' },
    'layout',
    orDefault<unknown>(params.layout, convention.layout),
    LAYOUTS,
  );
  const ceilMode = checkBoolean(
    { op: OP, clause: 'pool.ceil-mode' },
    'ceilMode',
    orDefault<unknown>(params.ceilMode, convention.poolCeilMode),
  );
  checkPreconditions(OP, POOL_COUNT_RULES, { kind, countIncludePad: params.countIncludePad });
  const countIncludePad =
    kind === 'avg'
      ? checkBoolean(
          { op: OP, clause: 'pool.avg.count-include-pad' },
          'countIncludePad',
          orDefault<unknown>(params.countIncludePad, convention.countIncludePad),
        )
      : false;

  checkPreconditions(OP, POOL_RANK_RULES, { inputShape });
  checkShape(OP, 'input.shape', inputShape);
  const { batch, channels, spatial } = splitActivationShape(inputShape, layout);
  const rank = spatial.length;
  const kernel = checkPerAxis({ op: OP, clause: 'pool.window' }, 'kernel', record.kernel, rank, 1);

  // spec: divergence.pool-default-stride
  checkPreconditions(OP, POOL_STRIDE_RULES, { strides: params.strides, convention });
  const strides: unknown = params.strides !== undefined ? params.strides : convention.poolDefaultStride === 'kernel' ? kernel : 1;

  const features: FeatureUse[] = [{ feature: `pool.${kind}`, parameter: 'kind', value: kind }];
  features.push({ feature: `spatial-rank-${rank}` as FeatureUse['feature'], parameter: 'input.shape', value: inputShape });
  features.push({ feature: `layout.${layout}`, parameter: 'layout', value: layout });
  if (ceilMode) features.push({ feature: 'pool.ceil-mode', parameter: 'ceilMode', value: ceilMode });
  if (countIncludePad) features.push({ feature: 'pool.avg.count-include-pad', parameter: 'countIncludePad', value: countIncludePad });
  const dilations = orDefault<unknown>(params.dilations, 1);
  const planned = planWindow({
    op: OP,
    kind: 'pool',
    input: spatial,
    kernel,
    strides,
    dilations,
    padding: orDefault<unknown>(params.padding, 'valid'),
    ceilMode,
    convention,
  });
  const window = planned.window;
  features.push(...planned.features);
  if (window.dilations.some((d) => d > 1)) {
    features.push({ feature: `pool.${kind}.dilation`, parameter: 'dilations', value: window.dilations });
  }
  checkFeatures(OP, convention, features);

  const outputShape = joinActivationShape({ batch, channels, spatial: window.output }, layout);
  const outputElements = elementCount(outputShape);
  checkLimit(OP, 'output', outputElements, limits.maxElements, 'output elements');
  const operations = outputElements * elementCount(kernel);
  checkLimit(OP, 'operations', operations, limits.maxOperations, 'window taps');

  return {
    op: OP,
    kind,
    convention,
    layout,
    batch,
    channels,
    window,
    countIncludePad,
    inputShape: [...inputShape],
    outputShape,
    operations,
    features,
  };
}
