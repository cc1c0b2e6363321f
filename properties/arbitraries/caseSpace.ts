/**
 * What generated cases may use, from the adapter's features and its convention: spatial ranks,
 * layouts, padding modes, fill modes, groups, dilation, ceil mode and the convention's limits.
 */
import type { Convention, Layout } from '../../src/spec/conventions.js';
import type { Feature } from '../../src/spec/features.js';
import type { FillMode } from '../../src/ops/window/fillCoordinate.js';
import type { PropertyContext } from '../PropertyDefinition.js';

export type PaddingKind = 'valid' | 'same-upper' | 'same-lower' | 'explicit';

export interface CaseSpace {
  convention: Convention;
  ranks: number[];
  layouts: Layout[];
  convPaddings: PaddingKind[];
  poolPaddings: PaddingKind[];
  asymmetricPads: boolean;
  fills: FillMode[];
  convDilation: boolean;
  groups: boolean;
  depthwise: boolean;
  convBias: boolean;
  maxPool: boolean;
  avgPool: boolean;
  maxPoolDilation: boolean;
  avgPoolDilation: boolean;
  ceilMode: boolean;
  countIncludePad: boolean;
  denseBias: boolean;
  denseRank3: boolean;
}

export function caseSpace(ctx: Pick<PropertyContext, 'features' | 'convention'>): CaseSpace {
  const has = (feature: Feature): boolean => ctx.features.has(feature);
  const ranks = [1, 2, 3].filter((rank) => has(`spatial-rank-${rank}` as Feature));
  const layouts = (['channels-first', 'channels-last'] as const).filter((layout) => has(`layout.${layout}`));
  const same = (['same-upper', 'same-lower'] as const).filter((mode) => has(`padding.${mode}`));
  const fills = (['reflect', 'replicate', 'circular'] as const).filter((fill) => has(`padding.fill.${fill}`));
  return {
    convention: ctx.convention,
    ranks,
    layouts,
    convPaddings: ['valid', 'explicit', ...same],
    poolPaddings: ['valid', 'explicit', ...(has('pool.same') ? same : [])],
    asymmetricPads: has('padding.explicit-asymmetric'),
    fills: ['zeros', ...fills],
    convDilation: has('conv.dilation'),
    groups: has('conv.groups'),
    depthwise: has('conv.depthwise'),
    convBias: has('conv.bias'),
    maxPool: has('pool.max'),
    avgPool: has('pool.avg'),
    maxPoolDilation: has('pool.max.dilation'),
    avgPoolDilation: has('pool.avg.dilation'),
    ceilMode: has('pool.ceil-mode'),
    countIncludePad: has('pool.avg.count-include-pad'),
    denseBias: has('dense.bias'),
    denseRank3: has('dense.rank-3'),
  };
}
