/**
 * The parameter table of global pooling: every field of `GlobalPoolParams`, in
 * `GLOBAL_POOL_PARAM_FIELDS` order.
 *
 * @see spec:pool.global
 */
import { conventionDefaults, knobDefault, REQUIRED } from '../conventionDefaults.js';
import { literalUnion } from '../literalUnion.js';
import type { ParameterRow } from '../ParameterRow.js';
import { POOL_KINDS } from '../pool/planPool.js';
import { CONVENTION_ROW, LAYOUT_ROW } from '../sharedParameterRows.js';

export const GLOBAL_POOL_PARAMETERS: readonly ParameterRow[] = [
  {
    name: 'kind',
    type: literalUnion(POOL_KINDS),
    default: REQUIRED,
    clause: 'pool.global',
    description: 'max or average pooling',
    sentToAdapter: true,
  },
  {
    name: 'keepDims',
    type: 'boolean',
    default: conventionDefaults((convention) => knobDefault(convention, 'globalKeepDims')),
    clause: 'divergence.global-keepdims',
    description: 'whether the spatial axes stay, with size 1',
    sentToAdapter: true,
  },
  LAYOUT_ROW,
  CONVENTION_ROW,
];
