/**
 * Plans global pooling: pooling whose window is the whole spatial input (stride 1, no padding),
 * giving one value per batch and channel.
 *
 * @see spec:pool.global
 */
import { resolveConvention, type ConventionSpec } from '../../spec/conventions.js';
import { LAYOUTS, splitActivationShape, type Layout } from '../../tensor/layout.js';
import { checkLimits, DEFAULT_LIMITS, type Limits } from '../../spec/limits.js';
import { checkBoolean, checkEnum, checkKnownFields, orDefault } from '../../spec/paramChecks.js';
import { planPool, POOL_KINDS, type PoolKind, type PoolPlan } from '../pool/planPool.js';
import { checkShape } from '../../tensor/tensor.js';

export interface GlobalPoolParams {
  kind: PoolKind;
  /** Keep the spatial axes with size 1 ([N, C, 1, 1]) or drop them ([N, C]). @defaultValue the convention's */
  keepDims?: boolean;
  /** @defaultValue the convention's layout */
  layout?: Layout;
  /** @defaultValue 'cnnspec' */
  convention?: ConventionSpec;
}

export const GLOBAL_POOL_PARAM_FIELDS = ['kind', 'keepDims', 'layout', 'convention'] as const;

export interface GlobalPoolPlan {
  op: 'global-pool';
  keepDims: boolean;
  /** The equivalent pooling plan (kernel = spatial input), whose output keeps the spatial axes. */
  pool: PoolPlan;
  outputShape: number[];
}

const OP = 'global-pool';

export function planGlobalPool(params: GlobalPoolParams, inputShape: readonly number[], limits: Limits = DEFAULT_LIMITS): GlobalPoolPlan {
  const record = checkKnownFields({ op: OP, clause: 'pool.global' }, 'params', params, GLOBAL_POOL_PARAM_FIELDS);
  checkLimits(OP, limits);
  const convention = resolveConvention(params.convention, OP);
  const kind = checkEnum({ op: OP, clause: 'pool.global' }, 'kind', record.kind, POOL_KINDS);
  const layout = checkEnum(
    { op: OP, clause: 'layout.channels-first' },
    'layout',
    orDefault<unknown>(params.layout, convention.layout),
    LAYOUTS,
  );
  const keepDims = checkBoolean(
    { op: OP, clause: 'pool.global' },
    'keepDims',
    orDefault<unknown>(params.keepDims, convention.globalKeepDims),
  );
  // A shape of the wrong rank gets its error from planPool, which states the rank rule.
  const validRank = Array.isArray(inputShape) && inputShape.length >= 3 && inputShape.length <= 5;
  const spatial = validRank ? splitActivationShape(checkShape(OP, 'input.shape', inputShape), layout).spatial : 1;
  const pool = planPool(
    {
      kind,
      kernel: spatial,
      strides: 1,
      dilations: 1,
      padding: 'valid',
      ceilMode: false,
      layout,
      convention: orDefault<ConventionSpec>(params.convention, 'cnnspec'),
    },
    inputShape,
    limits,
  );
  const globalFeature = kind === 'max' ? 'pool.global-max' : 'pool.global-avg';
  pool.features = pool.features.map((use) =>
    use.feature === `pool.${kind}` ? { feature: globalFeature, parameter: 'kind', value: kind } : use,
  );
  const outputShape = keepDims ? pool.outputShape : [pool.batch, pool.channels];
  return { op: OP, keepDims, pool, outputShape };
}
