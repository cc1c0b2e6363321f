/**
 * The preconditions of pooling that no shared parameter check covers, one table per point of
 * planPool where they are checked.
 *
 * @see spec:pool.kinds
 * @see spec:pool.avg.count-include-pad
 * @see spec:divergence.pool-default-stride
 */
import type { Convention } from '../../spec/conventions.js';
import type { Precondition } from '../../spec/Precondition.js';

export interface PoolCountFacts {
  /** The checked pooling kind (planPool's PoolKind, named here as a string to keep the imports one-way). */
  kind: string;
  countIncludePad: unknown;
}

/** Checked once the kind is known, before countIncludePad is read. */
export const POOL_COUNT_RULES: readonly Precondition<PoolCountFacts>[] = [
  {
    when: (f) => f.kind === 'max' && f.countIncludePad !== undefined,
    code: 'E_PARAM_FIELD',
    clause: 'pool.avg.count-include-pad',
    parameter: 'countIncludePad',
    value: (f) => f.countIncludePad,
    rule: 'be omitted for max pooling (padding never takes part in a maximum)',
  },
];

export interface PoolRankFacts {
  inputShape: unknown;
}

/** Checked before the input shape is split into batch, channels and spatial axes. */
export const POOL_RANK_RULES: readonly Precondition<PoolRankFacts>[] = [
  {
    when: (f) => !Array.isArray(f.inputShape) || f.inputShape.length < 3 || f.inputShape.length > 5,
    code: 'E_SHAPE_INVALID',
    clause: 'pool.kinds',
    parameter: 'input.shape',
    value: (f) => f.inputShape,
    rule: 'have rank 3 to 5: batch, channels and 1 to 3 spatial axes',
  },
];

export interface PoolStrideFacts {
  strides: unknown;
  convention: Convention;
}

/** Checked before the default stride is taken. */
export const POOL_STRIDE_RULES: readonly Precondition<PoolStrideFacts>[] = [
  {
    when: (f) => f.strides === undefined && f.convention.poolDefaultStride === 'required',
    code: 'E_PARAM_FIELD',
    clause: 'divergence.pool-default-stride',
    parameter: 'strides',
    value: () => undefined,
    rule: (f) => `be given under convention ${f.convention.name} (it has no default pooling stride)`,
  },
];
