/**
 * The parameter table of pooling: every field of `PoolParams`, in `POOL_PARAM_FIELDS` order.
 *
 * @see spec:pool.kinds
 */
import { conventionDefaults, knobDefault, REQUIRED } from '../conventionDefaults.js';
import { literalUnion } from '../literalUnion.js';
import type { ParameterRow } from '../ParameterRow.js';
import { CONVENTION_ROW, DILATIONS_ROW, LAYOUT_ROW, PADDING_ROW, PER_AXIS_ADAPTER_TYPE, PER_AXIS_TYPE } from '../sharedParameterRows.js';
import { POOL_KINDS } from './planPool.js';

export const POOL_PARAMETERS: readonly ParameterRow[] = [
  {
    name: 'kind',
    type: literalUnion(POOL_KINDS),
    default: REQUIRED,
    clause: 'pool.kinds',
    description: 'max or average pooling',
    sentToAdapter: true,
  },
  {
    name: 'kernel',
    type: PER_AXIS_TYPE,
    adapterType: PER_AXIS_ADAPTER_TYPE,
    default: REQUIRED,
    clause: 'pool.window',
    description: 'the window size',
    sentToAdapter: true,
  },
  {
    name: 'strides',
    type: PER_AXIS_TYPE,
    adapterType: PER_AXIS_ADAPTER_TYPE,
    // spec: divergence.pool-default-stride
    default: conventionDefaults((convention) =>
      convention.poolDefaultStride === 'kernel'
        ? { kind: 'same-as', parameter: 'kernel' }
        : convention.poolDefaultStride === 'one'
          ? { kind: 'value', value: 1 }
          : { kind: 'required' },
    ),
    clause: 'pool.default-stride',
    description: 'the step between neighbouring windows',
    sentToAdapter: true,
  },
  { ...DILATIONS_ROW, clause: 'pool.dilation' },
  { ...PADDING_ROW, clause: 'pool.padding' },
  {
    name: 'ceilMode',
    type: 'boolean',
    default: conventionDefaults((convention) => knobDefault(convention, 'poolCeilMode')),
    clause: 'pool.ceil-mode',
    description: 'whether the output size rounds up',
    sentToAdapter: true,
  },
  {
    name: 'countIncludePad',
    type: 'boolean',
    default: conventionDefaults((convention) => knobDefault(convention, 'countIncludePad')),
    clause: 'pool.avg.count-include-pad',
    description: 'average pooling only: whether the padding counts in the divisor',
    sentToAdapter: true,
  },
  LAYOUT_ROW,
  CONVENTION_ROW,
];
